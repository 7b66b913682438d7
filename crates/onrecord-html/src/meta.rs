//! The headline, bylines, outlet, canonical address and declared language.
//!
//! A page states its headline several times: the visible `<h1>`, `og:title`, JSON-LD
//! `headline`, `<title>`. The visible heading is what readers see and cite, but a page can
//! have several `<h1>` (a logo, a newsletter box), so the heading chosen is the one the
//! metadata agrees with. Metadata titles carry the site's name (` | The Courier`, `Courier -
//! `), which is cut off by comparing each part of the title with the site's names.

use serde_json::Value;
use url::Url;

use crate::body::key;
use crate::dom::{collapse, Kind, Scan, NONE};
use crate::hints::Flags;
use crate::jsonld;

pub(crate) struct Meta<'a> {
    scan: &'a Scan,
    base: Option<&'a Url>,
    pub(crate) objs: Vec<Value>,
    article: Option<usize>,
}

/// Separators between a headline and a site name in `<title>`.
const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " » ", " · ", " • ", " ~ ", " / ", ": ",
];

impl<'a> Meta<'a> {
    pub(crate) fn new(scan: &'a Scan, base: Option<&'a Url>) -> Meta<'a> {
        let objs = jsonld::objects(&scan.json_ld);
        let article = jsonld::article(&objs).map(|a| {
            objs.iter()
                .position(|o| std::ptr::eq(o, a))
                .unwrap_or_default()
        });
        Meta {
            scan,
            base,
            objs,
            article,
        }
    }

    pub(crate) fn article(&self) -> Option<&Value> {
        self.article.map(|i| &self.objs[i])
    }

    /// Titles the metadata gives, in order of trust.
    fn meta_titles(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut push = |s: Option<&str>| {
            if let Some(s) = s.map(collapse).filter(|s| !s.is_empty()) {
                if !out.contains(&s) {
                    out.push(s);
                }
            }
        };
        push(self.scan.meta("og:title"));
        push(
            self.article()
                .and_then(|a| jsonld::string(a, "headline"))
                .as_deref(),
        );
        push(self.scan.meta("twitter:title"));
        push(self.scan.meta("headline"));
        push(self.scan.meta("dc.title"));
        push(self.scan.title_tag.as_deref());
        push(
            self.article()
                .and_then(|a| jsonld::string(a, "name"))
                .as_deref(),
        );
        out
    }

    /// The headline (see the module comment).
    pub(crate) fn title(&self) -> Option<String> {
        let metas = self.meta_titles();
        let sites = self.site_names();
        let stripped: Vec<String> = metas.iter().map(|t| strip_site(t, &sites)).collect();
        // Visible headings, h1 first, outside navigation and boilerplate parts.
        let mut best: Option<(f64, &str)> = None;
        let mut h1s = 0;
        for b in &self.scan.blocks {
            let Kind::Heading(level) = b.kind else {
                continue;
            };
            if level > 2 || self.in_boiler(b.owner) {
                continue;
            }
            let text = self.scan.block_text(b);
            let text = text.trim();
            if text.is_empty() || text.len() > 400 {
                continue;
            }
            if level == 1 {
                h1s += 1;
            }
            let agree = stripped
                .iter()
                .chain(metas.iter())
                .map(|m| agreement(text, m))
                .fold(0.0, f64::max);
            let need = if level == 1 { 0.6 } else { 0.8 };
            if agree >= need && best.is_none_or(|(a, _)| agree > a + 1e-9) {
                best = Some((agree, text));
            }
        }
        if let Some((_, h)) = best {
            return Some(one_line(h));
        }
        // One h1 that is not the site's name, and metadata that does not contradict it.
        if h1s == 1 {
            if let Some(b) = self
                .scan
                .blocks
                .iter()
                .find(|b| b.kind == Kind::Heading(1) && !self.in_boiler(b.owner))
            {
                let text = one_line(self.scan.block_text(b));
                let words = text.split_whitespace().count();
                let is_site = sites.iter().any(|s| key(s) == key(&text));
                if (2..=40).contains(&words) && !is_site && stripped.is_empty() {
                    return Some(text);
                }
            }
        }
        stripped.into_iter().find(|t| !t.is_empty())
    }

    fn in_boiler(&self, el: u32) -> bool {
        let mut e = el;
        while e != NONE {
            let x = &self.scan.els[e as usize];
            if x.flags
                .intersects(Flags::BOILER.union(Flags::STRUCTURE).union(Flags::HIDDEN))
                && !matches!(x.tag, crate::dom::Tag::Body | crate::dom::Tag::Html)
            {
                return true;
            }
            e = x.parent;
        }
        false
    }

    /// Names the site goes by: `og:site_name`, the JSON-LD publisher, `application-name`,
    /// and the words of its host name.
    fn site_names(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for s in [
            self.scan.meta("og:site_name").map(str::to_string),
            jsonld::publisher(&self.objs, self.article()),
            self.scan.meta("application-name").map(str::to_string),
            self.scan
                .meta("apple-mobile-web-app-title")
                .map(str::to_string),
        ]
        .into_iter()
        .flatten()
        {
            out.push(collapse(&s));
        }
        if let Some(host) = self.host() {
            out.push(host);
        }
        out
    }

    fn host(&self) -> Option<String> {
        let url = self
            .base
            .cloned()
            .or_else(|| self.canonical().and_then(|c| Url::parse(&c).ok()))?;
        let host = url.host_str()?.trim_start_matches("www.").to_string();
        Some(host)
    }

    /// The outlet: the site's own name for itself, else its host name.
    pub(crate) fn outlet(&self) -> Option<String> {
        self.scan
            .meta("og:site_name")
            .map(collapse)
            .or_else(|| jsonld::publisher(&self.objs, self.article()).map(|s| collapse(&s)))
            .or_else(|| self.scan.meta("application-name").map(collapse))
            .filter(|s| !s.is_empty() && s.len() < 120)
            .or_else(|| self.host())
    }

    /// The canonical address, absolute.
    pub(crate) fn canonical(&self) -> Option<String> {
        let raw = self
            .scan
            .canonical
            .as_deref()
            .or_else(|| self.scan.meta("og:url"))?;
        let abs = match self.base {
            Some(b) => b.join(raw).ok()?,
            None => Url::parse(raw).ok()?,
        };
        matches!(abs.scheme(), "http" | "https").then(|| abs.to_string())
    }

    /// The language the page declares (`<html lang>`, `og:locale`, `content-language`,
    /// JSON-LD `inLanguage`), as written.
    pub(crate) fn declared_language(&self) -> Option<String> {
        self.scan
            .html_lang
            .clone()
            .or_else(|| self.scan.meta("content-language").map(str::to_string))
            .or_else(|| self.scan.meta("og:locale").map(str::to_string))
            .or_else(|| self.article().and_then(|a| jsonld::string(a, "inLanguage")))
    }

    /// Names the metadata gives as the authors, before the page's own byline lines are read.
    pub(crate) fn byline_names(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(a) = self.article() {
            out.extend(jsonld::names(a, "author"));
            out.extend(jsonld::names(a, "creator"));
        }
        for k in [
            "author",
            "article:author",
            "dc.creator",
            "parsely-author",
            "sailthru.author",
            "byl",
        ] {
            for (mk, v) in &self.scan.metas {
                if mk == k {
                    out.push(v.clone());
                }
            }
        }
        clean_names(out)
    }

    /// The bylines: the metadata's authors, else the page's author elements and byline lines.
    pub(crate) fn bylines(&self, byline_lines: &[String]) -> Vec<String> {
        let meta = self.byline_names();
        if !meta.is_empty() {
            return meta;
        }
        let mut found: Vec<String> = Vec::new();
        for m in &self.scan.marked {
            if m.what == "author" || m.what == "creator" {
                found.push(self.scan.el_text(m.el).to_string());
            }
        }
        for &a in &self.scan.author_links {
            found.push(self.scan.el_text(a).to_string());
        }
        found.extend(byline_lines.iter().cloned());
        clean_names(found)
    }
}

/// How far a visible heading agrees with a metadata title: the share of the heading's words
/// found in the title, discounted when the title is much longer (a different text that
/// happens to contain it).
fn agreement(heading: &str, title: &str) -> f64 {
    let hk: Vec<String> = words(heading);
    let tk: Vec<String> = words(title);
    if hk.is_empty() || tk.is_empty() {
        return 0.0;
    }
    let common = hk.iter().filter(|w| tk.contains(w)).count() as f64;
    let recall = common / hk.len() as f64;
    let precision = common / tk.len() as f64;
    if recall + precision == 0.0 {
        return 0.0;
    }
    2.0 * recall * precision / (recall + precision)
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn one_line(s: &str) -> String {
    collapse(s)
}

/// A title without the site's name at either end.
pub(crate) fn strip_site(title: &str, sites: &[String]) -> String {
    let mut t = title.trim().to_string();
    let site_keys: Vec<String> = sites
        .iter()
        .flat_map(|s| {
            let k = key(s);
            // `news.example.co.uk` → also `example`.
            let parts: Vec<String> = s
                .split('.')
                .filter(|p| p.len() > 3 && !matches!(*p, "com" | "org" | "net" | "news" | "www"))
                .map(key)
                .collect();
            std::iter::once(k).chain(parts)
        })
        .filter(|k| k.len() >= 2)
        .collect();
    let is_site = |part: &str| {
        let k = key(part);
        !k.is_empty()
            && site_keys.iter().any(|s| {
                k == *s
                    || (k.len() >= 4
                        && (s.contains(&k) || k.contains(s.as_str()))
                        && part.split_whitespace().count() <= 6)
            })
    };
    for _ in 0..3 {
        let mut changed = false;
        for sep in SEPARATORS {
            if let Some(pos) = t.rfind(sep) {
                let (head, tail) = (&t[..pos], &t[pos + sep.len()..]);
                if !head.trim().is_empty() && is_site(tail) {
                    t = head.trim().to_string();
                    changed = true;
                    break;
                }
            }
            if let Some(pos) = t.find(sep) {
                let (head, tail) = (&t[..pos], &t[pos + sep.len()..]);
                if !tail.trim().is_empty() && is_site(head) && *sep != ": " {
                    t = tail.trim().to_string();
                    changed = true;
                    break;
                }
            }
        }
        if !changed {
            break;
        }
    }
    t
}

/// Author names from raw strings: "By Jane Roe and Ivo Lind" → ["Jane Roe", "Ivo Lind"].
fn clean_names(raw: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in raw {
        let r = collapse(&r);
        if r.starts_with("http") || r.contains('@') || r.contains("://") {
            continue;
        }
        let lower = r.to_lowercase();
        let mut s = r.as_str();
        for p in [
            "written by ",
            "posted by ",
            "words by ",
            "story by ",
            "by ",
            "author: ",
            "authors: ",
        ] {
            if lower.starts_with(p) {
                s = &r[p.len()..];
                break;
            }
        }
        for part in s.split([',', '&', ';', '|']).flat_map(|p| p.split(" and ")) {
            let name = part.trim().trim_matches(['.', ':', '-', '—']).trim();
            let n = name.split_whitespace().count();
            if n == 0 || n > 5 || name.chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
            if !name.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            if !out.iter().any(|o| key(o) == key(name)) {
                out.push(name.to_string());
            }
        }
    }
    out.truncate(8);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_suffixes_and_prefixes() {
        let sites = vec![
            "The Harbour Ledger".to_string(),
            "harbourledger.example".to_string(),
        ];
        assert_eq!(
            strip_site("Tolls rise again | The Harbour Ledger", &sites),
            "Tolls rise again"
        );
        assert_eq!(
            strip_site("Harbour Ledger - Tolls rise again", &sites),
            "Tolls rise again"
        );
        assert_eq!(
            strip_site("Tolls rise – what it means for ferries", &sites),
            "Tolls rise – what it means for ferries"
        );
        assert_eq!(
            strip_site("Tolls rise | Opinion | harbourledger.example", &sites),
            "Tolls rise | Opinion"
        );
    }

    #[test]
    fn names_from_bylines() {
        let got = clean_names(vec![
            "By Jane Roe and Ivo Lind".into(),
            "https://x.example/jane".into(),
            "jane roe".into(),
        ]);
        assert_eq!(got, vec!["Jane Roe", "Ivo Lind"]);
    }
}
