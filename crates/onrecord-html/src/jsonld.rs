//! Schema.org JSON-LD: the article object a page describes itself with.
//!
//! Pages carry several objects (the site, the organisation, breadcrumbs, the page, the
//! article), at the top level, in arrays or under `@graph`. The article is the object whose
//! `@type` is an article type; failing that, a `WebPage`. Scripts that are not quite JSON
//! (HTML comments or CDATA around them, raw line breaks in strings) are mended before giving up.

use serde_json::Value;

/// Types that are an article, most specific first.
const ARTICLE_TYPES: &[&str] = &[
    "newsarticle",
    "reportagenews",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "reviewnewsarticle",
    "article",
    "blogposting",
    "liveblogposting",
    "socialmediaposting",
    "scholarlyarticle",
    "techarticle",
    "report",
    "posting",
    "medicalwebpage",
    "review",
    "howto",
    "recipe",
];

/// The objects of all JSON-LD scripts, flattened.
pub(crate) fn objects(scripts: &[String]) -> Vec<Value> {
    let mut out = Vec::new();
    for s in scripts {
        if let Some(v) = parse(s) {
            flatten(v, &mut out, 0);
        }
    }
    out
}

fn parse(s: &str) -> Option<Value> {
    let t = s.trim();
    if let Ok(v) = serde_json::from_str(t) {
        return Some(v);
    }
    let mut m = t
        .trim_start_matches("<!--")
        .trim_end_matches("-->")
        .trim()
        .trim_start_matches("//<![CDATA[")
        .trim_start_matches("<![CDATA[")
        .trim_end_matches("//]]>")
        .trim_end_matches("]]>")
        .trim()
        .trim_end_matches(';')
        .to_string();
    if let Ok(v) = serde_json::from_str(&m) {
        return Some(v);
    }
    // Raw control characters inside strings are the commonest fault.
    m = m.replace(['\n', '\r', '\t'], " ");
    serde_json::from_str(&m).ok()
}

fn flatten(v: Value, out: &mut Vec<Value>, depth: usize) {
    if depth > 4 {
        return;
    }
    match v {
        Value::Array(items) => {
            for i in items {
                flatten(i, out, depth + 1);
            }
        }
        Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph") {
                flatten(graph, out, depth + 1);
            }
            // A page may nest its article as `mainEntity` / `mainEntityOfPage`.
            for k in ["mainEntity", "mainEntityOfPage"] {
                if let Some(inner) = map.get(k) {
                    if inner.get("@type").is_some() {
                        flatten(inner.clone(), out, depth + 1);
                    }
                }
            }
            out.push(Value::Object(map));
        }
        _ => {}
    }
}

/// The `@type` names of an object, lower case.
fn types(v: &Value) -> Vec<String> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.to_ascii_lowercase()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|t| t.as_str())
            .map(str::to_ascii_lowercase)
            .collect(),
        _ => Vec::new(),
    }
}

/// The object most likely to describe the article itself.
pub(crate) fn article(objs: &[Value]) -> Option<&Value> {
    let rank = |v: &Value| {
        let ts = types(v);
        ts.iter()
            .filter_map(|t| ARTICLE_TYPES.iter().position(|a| a == t))
            .min()
            .map(|p| p as i32)
            .or_else(|| ts.iter().any(|t| t.ends_with("page")).then_some(100))
    };
    objs.iter()
        .filter_map(|v| rank(v).map(|r| (r, v)))
        .min_by_key(|(r, _)| *r)
        .map(|(_, v)| v)
}

/// A string field, or the first string of an array field.
pub(crate) fn string(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Array(a) => a
            .iter()
            .find_map(|x| x.as_str())
            .map(|s| s.trim().to_string()),
        Value::Object(o) => o
            .get("@value")
            .and_then(|x| x.as_str())
            .map(|s| s.trim().to_string()),
        _ => None,
    }
}

/// Names of a person-or-organisation field (`author`, `creator`, `publisher`): a string, an
/// object with `name`, or an array of either.
pub(crate) fn names(v: &Value, key: &str) -> Vec<String> {
    fn collect(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::String(s) => out.push(s.trim().to_string()),
            Value::Object(o) => {
                if let Some(n) = o.get("name") {
                    collect(n, out)
                }
            }
            Value::Array(a) => a.iter().for_each(|x| collect(x, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Some(x) = v.get(key) {
        collect(x, &mut out);
    }
    out.retain(|s| !s.is_empty());
    out
}

/// The publisher's name of any object that names one (the article's first).
pub(crate) fn publisher(objs: &[Value], article: Option<&Value>) -> Option<String> {
    if let Some(n) = article.and_then(|a| names(a, "publisher").into_iter().next()) {
        return Some(n);
    }
    for v in objs {
        let ts = types(v);
        if ts
            .iter()
            .any(|t| t == "website" || t == "newsmediaorganization")
        {
            if let Some(n) = string(v, "name") {
                return Some(n);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_and_article_choice() {
        let s = r#"{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","name":"The Harbour Ledger"},
            {"@type":"WebPage","name":"page"},
            {"@type":["NewsArticle"],"headline":"Tolls rise","author":[{"@type":"Person","name":"Ana Brel"},{"name":"Ivo Lind"}],
             "publisher":{"@type":"Organization","name":"Harbour Ledger"},"datePublished":"2024-03-04T09:00:00+01:00"}]}"#;
        let objs = objects(&[s.to_string()]);
        let a = article(&objs).unwrap();
        assert_eq!(string(a, "headline").as_deref(), Some("Tolls rise"));
        assert_eq!(names(a, "author"), vec!["Ana Brel", "Ivo Lind"]);
        assert_eq!(publisher(&objs, Some(a)).as_deref(), Some("Harbour Ledger"));
    }

    #[test]
    fn mended_scripts() {
        let s = "<!--\n{\"@type\":\"Article\",\"headline\":\"A\nB\"}\n-->";
        let objs = objects(&[s.to_string()]);
        assert_eq!(
            string(article(&objs).unwrap(), "headline").as_deref(),
            Some("A B")
        );
        assert!(objects(&["not json at all".to_string()]).is_empty());
    }
}
