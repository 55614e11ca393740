//! TOML in, a typed value out, with every problem as a diagnostic at the
//! exact place in the file: syntax errors, unknown keys (with the nearest
//! known key), missing keys and values of the wrong type. What a table may
//! hold is its serde type's (`TableKeys`), and errors are told apart by
//! that and by what was written, never by the toml crate's wording.
//!
//! Invariant: spans are shifted by `offset`, the byte where the TOML starts in
//! the file, so front matter errors point into the whole `.md` file.

use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostics::{Code, Diagnostic, Span, suggest};
use crate::source::FileId;

mod table_keys;

pub use table_keys::{ExpectedValue, ScalarType, TableKeys, TomlDate, toml_schema_for};

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

/// Parses and deserializes `source.text`, whose keys are `T`'s. Unknown
/// keys are reported but do not stop deserialization, so one pass finds
/// all of them.
pub fn parse_typed<T: DeserializeOwned>(
    source: TomlSource<'_>,
    keys: &TableKeys,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<T> {
    let table = parse_table(source, keys, diagnostics)?;
    deserialize_table(source, &table, keys, diagnostics)
}

/// Parses `source.text` and checks its keys against `keys`: unknown keys
/// are reported (the table is still returned); a syntax error or a
/// missing required key is reported and gives `None`.
pub fn parse_table<'a>(
    source: TomlSource<'a>,
    keys: &TableKeys,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Spanned<DeTable<'a>>> {
    if let Some(too_deep) = nesting_too_deep(source) {
        diagnostics.push(too_deep);
        return None;
    }
    let table = match DeTable::parse(source.text) {
        Ok(table) => table,
        Err(error) => {
            let help = syntax_help(source.text, error.span());
            diagnostics.push(toml_error(source, &error, Code::InvalidToml, help));
            return None;
        }
    };
    check_known_keys(source, table.get_ref(), keys, diagnostics);
    if let Some(missing) = first_missing_key(source, &table, keys) {
        diagnostics.push(missing);
        return None;
    }
    Some(table)
}

/// Reads a table that `parse_table` accepted into `T`. A value of the
/// wrong type is reported with help chosen from what its key expects
/// (`keys`) and what was written.
pub fn deserialize_table<T: DeserializeOwned>(
    source: TomlSource<'_>,
    table: &Spanned<DeTable<'_>>,
    keys: &TableKeys,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<T> {
    match T::deserialize(toml::de::Deserializer::from(table.clone())) {
        Ok(value) => Some(value),
        Err(error) => {
            let help = error
                .span()
                .and_then(|span| written_value_at(table.get_ref(), keys, &span))
                .map_or(CHECK_THE_LINE_HELP, |(written, expected)| {
                    value_help(written, expected)
                });
            diagnostics.push(toml_error(source, &error, Code::InvalidValue, help));
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

const DATE_HELP: &str =
    "write dates as plain calendar dates without quotes, such as date = 2025-10-01";
const TYPE_HELP: &str =
    "text goes in \"double quotes\", numbers and dates without quotes, lists in [brackets]";
const CHECK_THE_LINE_HELP: &str =
    "check the line: text goes in \"double quotes\", each key = value on its own line";
const MISSING_KEY_HELP: &str = "add the missing key, or check its spelling";

fn toml_error(
    source: TomlSource<'_>,
    error: &toml::de::Error,
    code: Code,
    help: &str,
) -> Diagnostic {
    let range = error.span().unwrap_or(0..0);
    let message = error
        .message()
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("; ");
    let message = match code {
        Code::InvalidToml => format!("invalid TOML: {message}"),
        _ => message,
    };
    Diagnostic::error(code, source.span(range), message).with_help(help)
}

/// Advice for a syntax error: dates are the mistake editors make most,
/// and a bad one is seen where the parser stopped inside a date.
fn syntax_help(text: &str, span: Option<Range<usize>>) -> &'static str {
    match span {
        Some(span) if is_in_date(text, span.start) => DATE_HELP,
        _ => CHECK_THE_LINE_HELP,
    }
}

/// Whether byte `at` lies in a bare value that TOML reads as a date or a
/// time: the toml parser's own rule, digits followed by `-` or `:`.
fn is_in_date(text: &str, at: usize) -> bool {
    let Some(before) = text.get(..at) else {
        return false;
    };
    let is_bare = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | ':' | '.' | '+' | '_');
    let start = before.trim_end_matches(is_bare).len();
    let value = &text.as_bytes()[start..];
    let digits = value
        .iter()
        .take_while(|byte| byte.is_ascii_digit())
        .count();
    digits > 0 && matches!(value.get(digits), Some(b'-' | b':'))
}

/// Advice for a value serde refused: the date advice where a date is
/// expected or written, the types advice where the written type is not
/// the expected one, else a general look at the line (a number out of
/// range, say).
fn value_help(written: &DeValue<'_>, expected: &ExpectedValue) -> &'static str {
    if *expected == ExpectedValue::Scalar(ScalarType::Date)
        || matches!(written, DeValue::Datetime(_))
    {
        DATE_HELP
    } else if !is_of_expected_type(written, expected) {
        TYPE_HELP
    } else {
        CHECK_THE_LINE_HELP
    }
}

fn is_of_expected_type(written: &DeValue<'_>, expected: &ExpectedValue) -> bool {
    match expected {
        ExpectedValue::Any => true,
        ExpectedValue::List(_) => matches!(written, DeValue::Array(_)),
        ExpectedValue::Table(_) => matches!(written, DeValue::Table(_)),
        ExpectedValue::Scalar(scalar) => matches!(
            (scalar, written),
            (ScalarType::Text, DeValue::String(_))
                | (ScalarType::Integer, DeValue::Integer(_))
                | (ScalarType::Float, DeValue::Float(_) | DeValue::Integer(_))
                | (ScalarType::Boolean, DeValue::Boolean(_))
                | (ScalarType::Date, DeValue::Datetime(_))
        ),
    }
}

/// The innermost value written at `span`, with what its key expects.
fn written_value_at<'a, 'i>(
    table: &'a DeTable<'i>,
    keys: &'a TableKeys,
    span: &Range<usize>,
) -> Option<(&'a DeValue<'i>, &'a ExpectedValue)> {
    table.iter().find_map(|(key, value)| {
        let expected = keys.get(key.get_ref())?;
        value_at(value, expected, span)
    })
}

fn value_at<'a, 'i>(
    value: &'a Spanned<DeValue<'i>>,
    expected: &'a ExpectedValue,
    span: &Range<usize>,
) -> Option<(&'a DeValue<'i>, &'a ExpectedValue)> {
    // A table's own span may not cover its keys (a `[table]` header), so
    // the keys are searched first.
    let inner = match (value.get_ref(), expected) {
        (DeValue::Table(table), ExpectedValue::Table(keys)) => written_value_at(table, keys, span),
        (DeValue::Array(items), ExpectedValue::List(item)) => items
            .iter()
            .find_map(|item_value| value_at(item_value, item, span)),
        _ => None,
    };
    let covers = value.span().start <= span.start && span.end <= value.span().end;
    inner.or_else(|| covers.then_some((value.get_ref(), expected)))
}

/// The first required key left out, where serde would have found it:
/// tables depth first in written order, each after the tables in it.
/// Reported at the table, with serde's own words.
fn first_missing_key(
    source: TomlSource<'_>,
    table: &Spanned<DeTable<'_>>,
    keys: &TableKeys,
) -> Option<Diagnostic> {
    let (key, span) = missing_in_table(table.get_ref(), table.span(), keys)?;
    Some(
        Diagnostic::error(
            Code::MissingKey,
            source.span(span),
            format!("missing field `{key}`"),
        )
        .with_help(MISSING_KEY_HELP),
    )
}

fn missing_in_table<'k>(
    table: &DeTable<'_>,
    table_span: Range<usize>,
    keys: &'k TableKeys,
) -> Option<(&'k str, Range<usize>)> {
    let in_values = table.iter().find_map(|(key, value)| {
        let nested = keys.get(key.get_ref())?.table_keys()?;
        missing_in_value(value, nested)
    });
    in_values.or_else(|| {
        keys.required()
            .find(|required| !table.contains_key(*required))
            .map(|required| (required, table_span))
    })
}

fn missing_in_value<'k>(
    value: &Spanned<DeValue<'_>>,
    keys: &'k TableKeys,
) -> Option<(&'k str, Range<usize>)> {
    match value.get_ref() {
        DeValue::Table(table) => missing_in_table(table, value.span(), keys),
        DeValue::Array(items) => items.iter().find_map(|item| missing_in_value(item, keys)),
        _ => None,
    }
}

fn check_known_keys(
    source: TomlSource<'_>,
    table: &DeTable<'_>,
    keys: &TableKeys,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if keys.allows_any_key() {
        return;
    }
    for (key, value) in table {
        match keys.get(key.get_ref()) {
            None => diagnostics.push(unknown_key(source, key, keys)),
            Some(expected) => {
                if let Some(nested) = expected.table_keys() {
                    check_nested(source, value, nested, diagnostics);
                }
            }
        }
    }
}

fn check_nested(
    source: TomlSource<'_>,
    value: &Spanned<DeValue<'_>>,
    keys: &TableKeys,
    diagnostics: &mut Vec<Diagnostic>,
) {
    match value.get_ref() {
        DeValue::Table(table) => check_known_keys(source, table, keys, diagnostics),
        DeValue::Array(items) => {
            for item in items {
                if let DeValue::Table(table) = item.get_ref() {
                    check_known_keys(source, table, keys, diagnostics);
                }
            }
        }
        _ => {}
    }
}

fn unknown_key(
    source: TomlSource<'_>,
    key: &Spanned<toml::de::DeString<'_>>,
    keys: &TableKeys,
) -> Diagnostic {
    let name: &str = key.get_ref();
    let help = suggest::did_you_mean(name, keys.names()).unwrap_or_else(|| {
        format!(
            "the keys allowed here are: {}",
            keys.names().collect::<Vec<_>>().join(", ")
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

    #[derive(serde::Deserialize, schemars::JsonSchema)]
    #[allow(dead_code)]
    struct Line {
        label: String,
        amount: i64,
    }

    #[derive(serde::Deserialize, schemars::JsonSchema)]
    #[allow(dead_code)]
    struct Sheet {
        title: Option<String>,
        summary: Option<String>,
        #[schemars(with = "Option<TomlDate>")]
        date: Option<toml::value::Datetime>,
        count: Option<u8>,
        #[serde(default)]
        tags: Vec<String>,
        #[serde(default)]
        lines: Vec<Line>,
    }

    fn parse<T: DeserializeOwned + schemars::JsonSchema>(
        text: &str,
    ) -> (Option<T>, Vec<Diagnostic>) {
        let mut sources = SourceMap::new();
        let file = sources.add("x.toml", text.to_string());
        let mut diagnostics = Vec::new();
        let source = TomlSource {
            file,
            text,
            offset: 0,
        };
        let value = parse_typed(source, &TableKeys::of::<T>(), &mut diagnostics);
        (value, diagnostics)
    }

    fn range(diagnostic: &Diagnostic) -> Option<Range<usize>> {
        diagnostic.span.as_ref().map(|span| span.range.clone())
    }

    #[test]
    fn unknown_key_is_reported_with_suggestion() {
        let (value, diagnostics) = parse::<Sheet>("title = \"a\"\nsummry = \"b\"\n");
        assert_eq!(value.and_then(|v| v.title).as_deref(), Some("a"));
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, Code::UnknownKey);
        assert_eq!(range(&diagnostics[0]), Some(12..18));
        assert_eq!(
            diagnostics[0].help.as_deref(),
            Some("did you mean 'summary'?")
        );
    }

    /// Missing keys are found from the schema, with the message and span
    /// serde's own error gives (issue 16).
    #[test]
    fn missing_key_is_reported_as_and_where_serde_reports_it() {
        let sheets = [
            "[[lines]]\nlabel = \"a\"\n",
            "title = \"x\"\n[[lines]]\nlabel = \"a\"\namount = 1\n\n[[lines]]\namount = 2\n",
            "lines = [{label = \"a\", amount = 1}, {amount = 2}]\n",
        ];
        for text in sheets {
            assert_missing_key_as_serde::<Sheet>(text);
        }
        assert_missing_key_as_serde::<Line>("label = \"a\"\n");
        assert_missing_key_as_serde::<Line>("");
    }

    fn assert_missing_key_as_serde<T: DeserializeOwned + schemars::JsonSchema>(text: &str) {
        let Err(serde_error) = toml::from_str::<T>(text) else {
            panic!("serde accepted {text:?}");
        };
        let (value, diagnostics) = parse::<T>(text);
        assert!(value.is_none());
        assert_eq!(diagnostics.len(), 1, "{text:?}: {diagnostics:?}");
        assert_eq!(diagnostics[0].code, Code::MissingKey);
        assert_eq!(diagnostics[0].message, serde_error.message(), "{text:?}");
        assert_eq!(range(&diagnostics[0]), serde_error.span(), "{text:?}");
        assert_eq!(diagnostics[0].help.as_deref(), Some(MISSING_KEY_HELP));
    }

    /// The help for a refused value comes from the schema and the written
    /// value, not from the toml crate's wording (issue 16).
    #[test]
    fn help_for_a_refused_value_follows_the_expected_type() {
        let cases = [
            ("date = \"2025-02-03\"\n", Code::InvalidValue, DATE_HELP),
            ("title = 2025-02-03\n", Code::InvalidValue, DATE_HELP),
            ("tags = \"a\"\n", Code::InvalidValue, TYPE_HELP),
            ("tags = [\"a\", 1]\n", Code::InvalidValue, TYPE_HELP),
            (
                "[[lines]]\nlabel = 5\namount = 1\n",
                Code::InvalidValue,
                TYPE_HELP,
            ),
            ("count = 300\n", Code::InvalidValue, CHECK_THE_LINE_HELP),
            ("date = 2025-02-30\n", Code::InvalidToml, DATE_HELP),
            ("date = 2025-02-01 10:0x\n", Code::InvalidToml, DATE_HELP),
            (
                "title = \"a\ntags = []\n",
                Code::InvalidToml,
                CHECK_THE_LINE_HELP,
            ),
            ("count = 3x\n", Code::InvalidToml, CHECK_THE_LINE_HELP),
            ("tags = [éé]\n", Code::InvalidToml, CHECK_THE_LINE_HELP),
        ];
        for (text, code, help) in cases {
            let (_, diagnostics) = parse::<Sheet>(text);
            let found: Vec<_> = diagnostics
                .iter()
                .map(|d| (d.code, d.help.as_deref()))
                .collect();
            assert_eq!(found, [(code, Some(help))], "{text:?}: {diagnostics:?}");
        }
    }
}
