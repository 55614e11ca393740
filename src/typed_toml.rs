//! TOML in, a typed value out, with every problem as a diagnostic at the
//! exact place in the file: syntax errors, unknown keys (with the nearest
//! known key), and values of the wrong type.
//!
//! Invariant: spans are shifted by `offset`, the byte where the TOML starts in
//! the file, so front matter errors point into the whole `.md` file.

use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostics::{Code, Diagnostic, Span, suggest};
use crate::source::FileId;

/// The keys a TOML table may hold, and the schemas of its sub-tables (or
/// arrays of tables).
pub struct KeySet {
    pub keys: &'static [&'static str],
    pub tables: &'static [(&'static str, &'static KeySet)],
}

impl KeySet {
    /// A table whose keys are data, not schema (such as `[redirects]`).
    pub const ANY: KeySet = KeySet {
        keys: &["*"],
        tables: &[],
    };
}

/// Where a TOML text lives: its file and the byte it starts at.
#[derive(Clone, Copy)]
pub struct TomlSource<'a> {
    pub file: FileId,
    pub text: &'a str,
    pub offset: usize,
}

impl TomlSource<'_> {
    pub fn span(&self, range: Range<usize>) -> Span {
        Span::new(
            self.file,
            range.start + self.offset..range.end + self.offset,
        )
    }
}

/// Parses and deserializes `source.text`. Unknown keys are reported but do
/// not stop deserialization, so one pass finds all of them.
pub fn parse_typed<T: DeserializeOwned>(
    source: TomlSource<'_>,
    schema: &KeySet,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<T> {
    if let Some(too_deep) = nesting_too_deep(source) {
        diagnostics.push(too_deep);
        return None;
    }
    let table = match DeTable::parse(source.text) {
        Ok(table) => table,
        Err(error) => {
            diagnostics.push(toml_error(source, &error, Code::InvalidToml));
            return None;
        }
    };
    check_known_keys(source, table.get_ref(), schema, diagnostics);
    match T::deserialize(toml::de::Deserializer::from(table)) {
        Ok(value) => Some(value),
        Err(error) => {
            let code = if error.message().starts_with("missing field") {
                Code::MissingKey
            } else {
                Code::InvalidValue
            };
            diagnostics.push(toml_error(source, &error, code));
            None
        }
    }
}

/// How deep `[` and `{` may nest in a value: far more than any real file
/// needs. The toml crate's parser recurses on some malformed input (such
/// as thousands of `{` without `=`) without its own depth limit, and
/// would overflow the stack; this is checked first, on every TOML text.
pub const MAX_TOML_NESTING: usize = 64;

/// A diagnostic at the bracket that nests too deep, if one does. Brackets
/// inside strings and comments do not count; a table header `[[x]]` opens
/// and closes on its line.
pub fn nesting_too_deep(source: TomlSource<'_>) -> Option<Diagnostic> {
    let at = deepest_bracket(source.text)?;
    Some(
        Diagnostic::error(
            Code::InvalidToml,
            Span::new(source.file, source.offset + at..source.offset + at + 1),
            format!("invalid TOML: brackets nested more than {MAX_TOML_NESTING} deep"),
        )
        .with_help(
            "close each [ with ] and each { with }; a value rarely needs more than two levels",
        ),
    )
}

/// The byte offset of the first `[` or `{` that opens level
/// `MAX_TOML_NESTING + 1`, outside strings and comments.
fn deepest_bracket(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0_usize;
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'#' => index = line_end(bytes, index),
            quote @ (b'"' | b'\'') => index = string_end(bytes, index, quote),
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_TOML_NESTING {
                    return Some(index);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        index += 1;
    }
    None
}

fn line_end(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&byte| byte == b'\n')
        .map_or(bytes.len(), |offset| from + offset)
}

/// The index of the quote that closes the string opening at `from` (one
/// or three quotes; `\` escapes in basic strings), or the end of the text.
fn string_end(bytes: &[u8], from: usize, quote: u8) -> usize {
    let triple = bytes[from..].starts_with(&[quote; 3]);
    let mut index = from + if triple { 3 } else { 1 };
    while index < bytes.len() {
        let byte = bytes[index];
        if byte == b'\\' && quote == b'"' {
            index += 2;
            continue;
        }
        if byte == quote && (!triple || bytes[index..].starts_with(&[quote; 3])) {
            return index + if triple { 2 } else { 0 };
        }
        if byte == b'\n' && !triple {
            return index;
        }
        index += 1;
    }
    bytes.len()
}

fn toml_error(source: TomlSource<'_>, error: &toml::de::Error, code: Code) -> Diagnostic {
    let range = error.span().unwrap_or(0..0);
    let message = error
        .message()
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("; ");
    let help = toml_help(code, &message);
    let message = match code {
        Code::InvalidToml => format!("invalid TOML: {message}"),
        _ => message,
    };
    Diagnostic::error(code, source.span(range), message).with_help(help)
}

/// Plain advice for the TOML mistakes editors make most.
fn toml_help(code: Code, message: &str) -> &'static str {
    if message.contains("datetime") || message.contains("date") {
        "write dates as plain calendar dates without quotes, such as date = 2025-10-01"
    } else if code == Code::MissingKey {
        "add the missing key, or check its spelling"
    } else if message.contains("invalid type") {
        "text goes in \"double quotes\", numbers and dates without quotes, lists in [brackets]"
    } else {
        "check the line: text goes in \"double quotes\", each key = value on its own line"
    }
}

fn check_known_keys(
    source: TomlSource<'_>,
    table: &DeTable<'_>,
    schema: &KeySet,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if schema.keys == ["*"] {
        return;
    }
    for (key, value) in table {
        let name: &str = key.get_ref();
        if let Some((_, sub_schema)) = schema.tables.iter().find(|(table, _)| *table == name) {
            check_nested(source, value, sub_schema, diagnostics);
        } else if !schema.keys.contains(&name) {
            diagnostics.push(unknown_key(source, key, schema));
        }
    }
}

fn check_nested(
    source: TomlSource<'_>,
    value: &Spanned<DeValue<'_>>,
    schema: &KeySet,
    diagnostics: &mut Vec<Diagnostic>,
) {
    match value.get_ref() {
        DeValue::Table(table) => check_known_keys(source, table, schema, diagnostics),
        DeValue::Array(items) => {
            for item in items {
                if let DeValue::Table(table) = item.get_ref() {
                    check_known_keys(source, table, schema, diagnostics);
                }
            }
        }
        _ => {}
    }
}

fn unknown_key(
    source: TomlSource<'_>,
    key: &Spanned<toml::de::DeString<'_>>,
    schema: &KeySet,
) -> Diagnostic {
    let name: &str = key.get_ref();
    let known = schema
        .keys
        .iter()
        .chain(schema.tables.iter().map(|(table, _)| table))
        .copied();
    let help = suggest::did_you_mean(name, known.clone()).unwrap_or_else(|| {
        format!(
            "the keys allowed here are: {}",
            known.collect::<Vec<_>>().join(", ")
        )
    });
    Diagnostic::error(
        Code::UnknownKey,
        source.span(key.span()),
        format!("unknown key '{name}'"),
    )
    .with_help(help)
}

#[cfg(test)]
mod tests {

    #[test]
    fn brackets_nested_too_deep_are_found_outside_strings_and_comments() {
        let deep = format!("x = {}", "[".repeat(MAX_TOML_NESTING + 1));
        assert_eq!(deepest_bracket(&deep), Some(4 + MAX_TOML_NESTING));
        let braces = "x = {a{".repeat(100);
        assert!(deepest_bracket(&braces).is_some());
        let fine = format!(
            "[[tables]]\nrows = [[\"a\", \"b\"]]\ns = \"{}\"\nt = '''{}'''\n# {}\nu = \"\\\"[\"\n",
            "[".repeat(200),
            "{".repeat(200),
            "[".repeat(200)
        );
        assert_eq!(deepest_bracket(&fine), None, "{fine}");
    }

    use super::*;
    use crate::source::SourceMap;

    #[derive(serde::Deserialize)]
    struct Example {
        title: Option<String>,
    }

    const SCHEMA: KeySet = KeySet {
        keys: &["title", "summary"],
        tables: &[],
    };

    #[test]
    fn unknown_key_is_reported_with_suggestion() {
        let mut sources = SourceMap::new();
        let text = "title = \"a\"\nsummry = \"b\"\n";
        let file = sources.add("x.toml", text.to_string());
        let mut diagnostics = Vec::new();
        let source = TomlSource {
            file,
            text,
            offset: 0,
        };
        let value: Option<Example> = parse_typed(source, &SCHEMA, &mut diagnostics);
        assert_eq!(value.and_then(|v| v.title).as_deref(), Some("a"));
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, Code::UnknownKey);
        assert_eq!(
            diagnostics[0].span.as_ref().map(|s| s.range.clone()),
            Some(12..18)
        );
        assert_eq!(
            diagnostics[0].help.as_deref(),
            Some("did you mean 'summary'?")
        );
    }
}
