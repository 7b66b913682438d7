//! A small checker of JSON values against the schemas of the OpenAPI 3.0 document, for the
//! parts of the schema language the document uses: `$ref`, `type`, `nullable`, `enum`,
//! `properties`, `required`, `additionalProperties: false`, `items`, `minItems`,
//! `maxItems`, `minimum`, `maximum`, `minLength`, `maxLength`, `allOf`, `oneOf` and the
//! `date` and `date-time` formats. Enough to catch a field the server sends that the
//! document does not describe, or one it promises that the server leaves out.

use serde_json::Value;

pub struct OpenApi(Value);

impl OpenApi {
    pub fn new(text: &str) -> OpenApi {
        OpenApi(serde_json::from_str(text).expect("the OpenAPI document is JSON"))
    }

    /// Check `body`, the answer with `status` to `method path` (a documented path template,
    /// `/api/v1/articles/{id}`), against the document. Errors list every mismatch.
    pub fn check(&self, path: &str, method: &str, status: u16, body: &Value) -> Result<(), String> {
        let op = &self.0["paths"][path][method];
        if op.is_null() {
            return Err(format!("{method} {path} is not documented"));
        }
        let schema = &op["responses"][status.to_string()]["content"]["application/json"]["schema"];
        if schema.is_null() {
            return Err(format!(
                "{method} {path}: status {status} is not documented"
            ));
        }
        let mut errors = Vec::new();
        self.validate(schema, body, "$", &mut errors);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "{method} {path} {status}:\n  {}",
                errors.join("\n  ")
            ))
        }
    }

    /// Check `value` against the component schema `name` (`Statement`), as [`Self::check`]
    /// checks a whole answer: for bodies that are not one JSON value (JSON lines).
    pub fn check_schema(&self, name: &str, value: &Value) -> Result<(), String> {
        let schema = serde_json::json!({ "$ref": format!("#/components/schemas/{name}") });
        let mut errors = Vec::new();
        self.validate(&schema, value, "$", &mut errors);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(format!("{name}:\n  {}", errors.join("\n  ")))
        }
    }

    /// Every `$ref` in the document names a schema that exists.
    pub fn refs_resolve(&self) -> Result<(), String> {
        fn walk(doc: &OpenApi, v: &Value, bad: &mut Vec<String>) {
            match v {
                Value::Object(m) => {
                    if let Some(Value::String(r)) = m.get("$ref") {
                        if doc.resolve(r).is_none() {
                            bad.push(r.clone());
                        }
                    }
                    m.values().for_each(|v| walk(doc, v, bad));
                }
                Value::Array(a) => a.iter().for_each(|v| walk(doc, v, bad)),
                _ => {}
            }
        }
        let mut bad = Vec::new();
        walk(self, &self.0, &mut bad);
        if bad.is_empty() {
            Ok(())
        } else {
            Err(format!("unresolved $ref: {bad:?}"))
        }
    }

    fn resolve(&self, r: &str) -> Option<&Value> {
        let name = r.strip_prefix("#/components/schemas/")?;
        self.0["components"]["schemas"].get(name)
    }

    fn validate(&self, schema: &Value, v: &Value, at: &str, errors: &mut Vec<String>) {
        let mut fail = |m: String| errors.push(format!("{at}: {m}"));
        if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
            match self.resolve(r) {
                Some(s) => self.validate(s, v, at, errors),
                None => fail(format!("unresolved {r}")),
            }
            return;
        }
        if v.is_null() && schema["nullable"] == true {
            return;
        }
        if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
            for s in all {
                self.validate(s, v, at, errors);
            }
        }
        if let Some(one) = schema.get("oneOf").and_then(Value::as_array) {
            let ok = one
                .iter()
                .filter(|s| {
                    let mut e = Vec::new();
                    self.validate(s, v, at, &mut e);
                    e.is_empty()
                })
                .count();
            if ok != 1 {
                errors.push(format!("{at}: matches {ok} of oneOf, not 1"));
            }
        }
        let mut fail = |m: String| errors.push(format!("{at}: {m}"));
        if let Some(e) = schema.get("enum").and_then(Value::as_array) {
            if !e.contains(v) {
                fail(format!("{v} not in {e:?}"));
            }
        }
        let Some(ty) = schema.get("type").and_then(Value::as_str) else {
            return;
        };
        let type_ok = match ty {
            "object" => v.is_object(),
            "array" => v.is_array(),
            "string" => v.is_string(),
            "integer" => v.is_i64() || v.is_u64(),
            "number" => v.is_number(),
            "boolean" => v.is_boolean(),
            other => {
                fail(format!("unknown type {other}"));
                return;
            }
        };
        if !type_ok {
            fail(format!("{v} is not of type {ty}"));
            return;
        }
        if let Some(n) = v.as_f64() {
            if schema
                .get("minimum")
                .and_then(Value::as_f64)
                .is_some_and(|m| n < m)
            {
                fail(format!("{n} below the minimum"));
            }
            if schema
                .get("maximum")
                .and_then(Value::as_f64)
                .is_some_and(|m| n > m)
            {
                fail(format!("{n} above the maximum"));
            }
        }
        if let Some(s) = v.as_str() {
            let len = s.chars().count() as u64;
            if schema
                .get("minLength")
                .and_then(Value::as_u64)
                .is_some_and(|m| len < m)
            {
                fail(format!("{s:?} shorter than minLength"));
            }
            if schema
                .get("maxLength")
                .and_then(Value::as_u64)
                .is_some_and(|m| len > m)
            {
                fail(format!("{s:?} longer than maxLength"));
            }
            match schema.get("format").and_then(Value::as_str) {
                Some("date") if chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_err() => {
                    fail(format!("{s:?} is not a date"))
                }
                Some("date-time") if chrono::DateTime::parse_from_rfc3339(s).is_err() => {
                    fail(format!("{s:?} is not a date-time"))
                }
                _ => {}
            }
        }
        if let Some(items) = v.as_array() {
            let n = items.len() as u64;
            if schema
                .get("minItems")
                .and_then(Value::as_u64)
                .is_some_and(|m| n < m)
            {
                fail(format!("{n} items, fewer than minItems"));
            }
            if schema
                .get("maxItems")
                .and_then(Value::as_u64)
                .is_some_and(|m| n > m)
            {
                fail(format!("{n} items, more than maxItems"));
            }
            if let Some(item) = schema.get("items") {
                for (i, x) in items.iter().enumerate() {
                    self.validate(item, x, &format!("{at}[{i}]"), errors);
                }
            }
        }
        if let Some(obj) = v.as_object() {
            let props = schema.get("properties").and_then(Value::as_object);
            for r in schema
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
            {
                if !obj.contains_key(r) {
                    errors.push(format!("{at}: required field {r:?} missing"));
                }
            }
            for (k, x) in obj {
                match props.and_then(|p| p.get(k)) {
                    Some(s) => self.validate(s, x, &format!("{at}.{k}"), errors),
                    None if schema["additionalProperties"] == false => {
                        errors.push(format!("{at}: field {k:?} is not documented"))
                    }
                    None => {}
                }
            }
        }
    }
}
