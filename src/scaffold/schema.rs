//! `reportsite schema`: JSON Schemas for the TOML files a site holds
//! (site.toml, a report's finances, the glossary, data beside a page),
//! generated from the same serde types the loader reads them into, so an
//! editor with TOML schema support (Taplo, "Even Better TOML") completes
//! keys and flags mistakes as you type. `init` writes them with a
//! `.taplo.toml` that ties each file to its schema.
//!
//! Invariant: a schema file is only replaced when reportsite wrote it (it
//! carries `WRITTEN_BY`); any other file in the way is refused.

use std::path::Path;

use serde_json::Value;

use super::ScaffoldError;

/// Marks a schema file as reportsite's, so it may be written again.
pub const WRITTEN_BY: &str = "Written by `reportsite schema` from the types reportsite reads these files into; run it again after upgrading.";

/// The keys site.toml must have, which its type leaves optional so that
/// every missing one is reported at once (`config::check_required`).
const SITE_REQUIRED: [&str; 3] = ["title", "base_url", "contact"];
const CONTACT_REQUIRED: [&str; 2] = ["report_concern_text", "report_concern_url"];

/// Each schema's file name and its text.
pub fn schemas() -> Vec<(String, String)> {
    let mut site = crate::config::site_toml_schema().to_value();
    require(&mut site, &SITE_REQUIRED);
    if let Some(contact) = site.pointer_mut("/properties/contact") {
        require(contact, &CONTACT_REQUIRED);
    }
    let mut all = vec![("site.schema.json", site)];
    all.extend(
        crate::load::file_schemas()
            .into_iter()
            .map(|(name, schema)| (name, schema.to_value())),
    );
    all.into_iter()
        .map(|(name, mut value)| {
            without_null(&mut value);
            if let Some(object) = value.as_object_mut() {
                object.insert("$comment".to_string(), WRITTEN_BY.into());
            }
            let text = serde_json::to_string_pretty(&value).unwrap_or_default() + "\n";
            (name.to_string(), text)
        })
        .collect()
}

fn require(schema: &mut Value, keys: &[&str]) {
    if let Some(object) = schema.as_object_mut() {
        object.insert("required".to_string(), keys.to_vec().into());
    }
}

/// TOML has no null: an optional key is one that may be left out, so
/// `"type": ["string", "null"]` becomes `"type": "string"` (and a `null`
/// in an `enum` or `anyOf`, or a `null` default, goes), everywhere in the
/// schema.
fn without_null(schema: &mut Value) {
    match schema {
        Value::Object(object) => {
            if let Some(Value::Array(types)) = object.get_mut("type") {
                types.retain(|kind| kind != "null");
                if let [single] = types.as_slice() {
                    let single = single.clone();
                    object.insert("type".to_string(), single);
                }
            }
            if let Some(Value::Array(values)) = object.get_mut("enum") {
                values.retain(|value| !value.is_null());
            }
            if let Some(Value::Array(choices)) = object.get_mut("anyOf") {
                choices.retain(|choice| choice.get("type").is_none_or(|kind| kind != "null"));
            }
            // A key left out has no value to show as its default.
            if object.get("default").is_some_and(Value::is_null) {
                object.remove("default");
            }
            object.values_mut().for_each(without_null);
        }
        Value::Array(items) => items.iter_mut().for_each(without_null),
        _ => {}
    }
}

/// Which files each schema is for, as Taplo's configuration
/// (`.taplo.toml`), with the schemas in `folder` (relative to the site).
pub fn taplo_config(folder: &str) -> String {
    let rules = [
        ("site.toml", "site.schema.json"),
        ("content/reports/*/finances.toml", "finances.schema.json"),
        ("glossary.toml", "glossary.schema.json"),
    ];
    let mut text = String::from(
        "# Ties each TOML file of the site to its schema, for editors that read\n# Taplo's settings (VS Code's \"Even Better TOML\", and others).\n",
    );
    for (files, schema) in rules {
        text.push_str(&format!(
            "\n[[rule]]\ninclude = [\"{files}\"]\n[rule.schema]\npath = \"./{folder}/{schema}\"\n"
        ));
    }
    text
}

/// Writes every schema into `out`; returns the files written.
pub fn write_schemas(out: &Path) -> Result<Vec<String>, ScaffoldError> {
    let schemas = schemas();
    for (name, _) in &schemas {
        let path = out.join(name);
        if let Ok(existing) = std::fs::read_to_string(&path)
            && !existing.contains(WRITTEN_BY)
        {
            return Err(ScaffoldError::Exists(path));
        }
    }
    std::fs::create_dir_all(out).map_err(|error| ScaffoldError::Io {
        path: out.to_path_buf(),
        error,
    })?;
    let mut written = Vec::new();
    for (name, text) in schemas {
        let path = out.join(&name);
        std::fs::write(&path, text).map_err(|error| ScaffoldError::Io {
            path: path.clone(),
            error,
        })?;
        written.push(path.display().to_string());
    }
    Ok(written)
}
