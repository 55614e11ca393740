//! The keys a TOML table may hold, read from the JSON schema that
//! `schemars` derives from the serde type the table is read into. The
//! struct fields are so the one list of allowed keys: the unknown-key
//! check, the missing-key check and the help for a value of the wrong type
//! all read it, and the key tables of the docs and the editors' schemas
//! can too (`toml_schema_for`).
//!
//! Invariant: keys keep the order their type declares them in; a key is
//! required exactly when serde would say "missing field" without it (not
//! an `Option`, no `#[serde(default)]`).

use std::borrow::Cow;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde_json::Value;

/// The JSON schema of `T` as a TOML file is read into it, every sub-table
/// written out in place (no `$ref`), so each table's keys sit under it.
pub fn toml_schema_for<T: JsonSchema>() -> Schema {
    SchemaSettings::draft2020_12()
        .with(|settings| settings.inline_subschemas = true)
        .into_generator()
        .into_root_schema_for::<T>()
}

/// The keys one TOML table may hold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableKeys {
    /// Each allowed key and what its value must be, in declared order.
    keys: Vec<(String, ExpectedValue)>,
    /// When the keys are data rather than schema (`[redirects]`, whose
    /// keys are old addresses): what every value must be.
    any_key: Option<Box<ExpectedValue>>,
    /// The keys that must be written.
    required: Vec<String>,
}

/// What a key's value must be, as far as the checks need to know.
#[derive(Debug, Clone, PartialEq)]
pub enum ExpectedValue {
    /// Anything: the schema does not narrow it to one TOML type.
    Any,
    Scalar(ScalarType),
    /// An array whose every item is the inner value.
    List(Box<ExpectedValue>),
    /// A table (or, inside a `List`, an array of tables).
    Table(TableKeys),
}

/// The plain TOML value types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarType {
    Text,
    Integer,
    Float,
    Boolean,
    Date,
}

impl TableKeys {
    /// The keys of the table that `T` is read from.
    pub fn of<T: JsonSchema>() -> TableKeys {
        match ExpectedValue::from_schema(toml_schema_for::<T>().as_value()) {
            ExpectedValue::Table(keys) => keys,
            _ => TableKeys::default(),
        }
    }

    /// These keys and `other`'s: a table read into several types in turn
    /// (front matter, whose kinds share groups of keys).
    #[must_use]
    pub fn with(mut self, other: TableKeys) -> TableKeys {
        self.keys.extend(other.keys);
        self.required.extend(other.required);
        self.any_key = self.any_key.or(other.any_key);
        self
    }

    /// What the value of `key` must be, or `None` if the key is unknown.
    pub fn get(&self, key: &str) -> Option<&ExpectedValue> {
        self.keys
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value)
            .or(self.any_key.as_deref())
    }

    /// The allowed keys: plain values first, then tables and arrays of
    /// tables (the order "did you mean" breaks ties in).
    pub fn names(&self) -> impl Iterator<Item = &str> + Clone {
        let is_table = |value: &ExpectedValue| value.table_keys().is_some();
        let plain = self.keys.iter().filter(move |(_, value)| !is_table(value));
        let tables = self.keys.iter().filter(move |(_, value)| is_table(value));
        plain.chain(tables).map(|(name, _)| name.as_str())
    }

    /// Whether the keys are data, so any key is allowed.
    pub fn allows_any_key(&self) -> bool {
        self.any_key.is_some()
    }

    /// The keys that must be written, in declared order.
    pub fn required(&self) -> impl Iterator<Item = &str> {
        self.required.iter().map(String::as_str)
    }

    fn from_properties(schema: &Value, properties: &serde_json::Map<String, Value>) -> TableKeys {
        let keys = properties
            .iter()
            .map(|(name, value)| (name.clone(), ExpectedValue::from_schema(value)))
            .collect();
        let required = schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect();
        TableKeys {
            keys,
            any_key: None,
            required,
        }
    }
}

impl ExpectedValue {
    /// The keys of a table, or of each table in an array of tables.
    pub fn table_keys(&self) -> Option<&TableKeys> {
        match self {
            ExpectedValue::Table(keys) => Some(keys),
            ExpectedValue::List(item) => match item.as_ref() {
                ExpectedValue::Table(keys) => Some(keys),
                _ => None,
            },
            ExpectedValue::Any | ExpectedValue::Scalar(_) => None,
        }
    }

    fn from_schema(schema: &Value) -> ExpectedValue {
        let schema = without_null(schema);
        if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
            return ExpectedValue::Table(TableKeys::from_properties(schema, properties));
        }
        let scalar = |scalar| ExpectedValue::Scalar(scalar);
        match single_type(schema) {
            Some("object") => ExpectedValue::Table(TableKeys {
                any_key: Some(Box::new(
                    schema
                        .get("additionalProperties")
                        .map_or(ExpectedValue::Any, ExpectedValue::from_schema),
                )),
                ..TableKeys::default()
            }),
            Some("array") => ExpectedValue::List(Box::new(
                schema
                    .get("items")
                    .map_or(ExpectedValue::Any, ExpectedValue::from_schema),
            )),
            Some("string") if schema.get("format") == Some(&Value::from(DATE_FORMAT)) => {
                scalar(ScalarType::Date)
            }
            Some("string") => scalar(ScalarType::Text),
            Some("integer") => scalar(ScalarType::Integer),
            Some("number") => scalar(ScalarType::Float),
            Some("boolean") => scalar(ScalarType::Boolean),
            _ => ExpectedValue::Any,
        }
    }
}

/// The schema of a TOML date (`toml::value::Datetime`, with its spans or
/// not), for `#[schemars(with = "TomlDate")]`. JSON has no date type, so
/// it is a string in the `date` format, which `ExpectedValue` reads back
/// as `ScalarType::Date`.
pub struct TomlDate;

const DATE_FORMAT: &str = "date";

impl JsonSchema for TomlDate {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "TomlDate".into()
    }

    fn json_schema(_generator: &mut SchemaGenerator) -> Schema {
        let mut schema = serde_json::Map::new();
        schema.insert("type".into(), "string".into());
        schema.insert("format".into(), DATE_FORMAT.into());
        Schema::from(schema)
    }
}

/// `Option<T>` is written in the schema as "`T` or null"; TOML has no
/// null (a key left out is `None`), so only `T` matters here.
fn without_null(schema: &Value) -> &Value {
    let alternatives = schema.get("anyOf").and_then(Value::as_array);
    let mut not_null = alternatives
        .into_iter()
        .flatten()
        .filter(|alternative| single_type(alternative) != Some("null"));
    match (not_null.next(), not_null.next()) {
        (Some(only), None) => only,
        _ => schema,
    }
}

/// The one JSON type a schema allows besides null, if it names one.
fn single_type(schema: &Value) -> Option<&str> {
    match schema.get("type")? {
        Value::String(name) => Some(name),
        Value::Array(names) => {
            let mut not_null = names
                .iter()
                .filter_map(Value::as_str)
                .filter(|name| *name != "null");
            match (not_null.next(), not_null.next()) {
                (Some(only), None) => Some(only),
                _ => None,
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[derive(JsonSchema)]
    #[allow(dead_code)]
    struct Line {
        label: String,
        amount: Option<i64>,
    }

    #[derive(JsonSchema)]
    #[allow(dead_code)]
    struct Example {
        title: String,
        #[schemars(with = "Option<TomlDate>")]
        date: Option<toml::value::Datetime>,
        #[serde(default)]
        tags: Vec<String>,
        lines: Vec<Line>,
        totals: Option<Line>,
        #[serde(default)]
        redirects: BTreeMap<String, String>,
    }

    #[test]
    fn keys_types_and_required_keys_come_from_the_type() {
        let keys = TableKeys::of::<Example>();
        assert_eq!(
            keys.names().collect::<Vec<_>>(),
            ["title", "date", "tags", "lines", "totals", "redirects"]
        );
        assert_eq!(keys.required().collect::<Vec<_>>(), ["title", "lines"]);
        assert_eq!(
            keys.get("date"),
            Some(&ExpectedValue::Scalar(ScalarType::Date))
        );
        assert_eq!(
            keys.get("tags"),
            Some(&ExpectedValue::List(Box::new(ExpectedValue::Scalar(
                ScalarType::Text
            ))))
        );
        let lines = keys.get("lines").and_then(ExpectedValue::table_keys);
        assert_eq!(lines.map(|l| l.required().count()), Some(1));
        let totals = keys.get("totals").and_then(ExpectedValue::table_keys);
        assert_eq!(totals.map(|t| t.names().count()), Some(2));
        let redirects = keys.get("redirects").and_then(ExpectedValue::table_keys);
        assert!(redirects.is_some_and(TableKeys::allows_any_key));
        assert_eq!(keys.get("titel"), None);
    }
}
