//! TOML data files beside pages (`governance.toml` beside `governance.md`):
//! parsed on every build, given to the page's template as `page.data`, and
//! any `[[tables]]` in them rendered as accessible tables.
//!
//! Invariant: a table's rows have exactly as many cells as it has columns;
//! anything else is an error at the row.

use serde::Deserialize;
use toml::Spanned;

use crate::content::{DataFile, DataTable};
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::source::FileId;

/// One `[[tables]]` entry: a caption, the column headings, and rows of
/// as many cells.
#[derive(Deserialize, schemars::JsonSchema)]
struct RawTable {
    caption: String,
    columns: Vec<String>,
    #[schemars(with = "Vec<Vec<serde_json::Value>>")]
    rows: Vec<Spanned<Vec<toml::Value>>>,
}

/// A data file: any keys the page's template reads, and `[[tables]]`.
#[derive(Deserialize, schemars::JsonSchema)]
struct RawData {
    #[serde(default)]
    tables: Vec<RawTable>,
}

/// The JSON schema of a data file beside a page.
pub fn data_file_schema() -> schemars::Schema {
    crate::typed_toml::toml_schema_for::<RawData>()
}

pub fn parse_data_file(
    file: FileId,
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<DataFile> {
    let source = crate::typed_toml::TomlSource {
        file,
        text,
        offset: 0,
    };
    if let Some(too_deep) = crate::typed_toml::nesting_too_deep(source) {
        diagnostics.push(too_deep);
        return None;
    }
    let value: toml::Table = match toml::from_str(text) {
        Ok(value) => value,
        Err(error) => {
            let span = Span::new(file, error.span().unwrap_or(0..0));
            diagnostics.push(
                Diagnostic::error(Code::InvalidToml, span, format!("invalid TOML: {}", error.message().trim()))
                    .with_help("check the line: text goes in \"double quotes\", each key = value on its own line"),
            );
            return None;
        }
    };
    let tables = match toml::from_str::<RawData>(text) {
        Ok(raw) => raw
            .tables
            .into_iter()
            .map(|table| check_table(file, table, diagnostics))
            .collect(),
        Err(error) => {
            let span = Span::new(file, error.span().unwrap_or(0..0));
            diagnostics.push(
                Diagnostic::error(Code::InvalidValue, span, format!("this is not a data table: {}", error.message().trim()))
                    .with_help("a [[tables]] entry has caption = \"...\", columns = [\"...\"] and rows = [[\"...\"]]"),
            );
            Vec::new()
        }
    };
    Some(DataFile {
        file,
        value: serde_json::to_value(&value).unwrap_or_default(),
        tables,
    })
}

fn check_table(file: FileId, table: RawTable, diagnostics: &mut Vec<Diagnostic>) -> DataTable {
    let columns = table.columns.len();
    let mut rows = Vec::with_capacity(table.rows.len());
    for row in table.rows {
        let span = Span::new(file, row.span());
        let cells: Vec<String> = row.into_inner().iter().map(cell_text).collect();
        if cells.len() != columns {
            diagnostics.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    span,
                    format!(
                        "this row does not fit the table (cells in the row: {}; columns: {columns})",
                        cells.len()
                    ),
                )
                .with_help("give every row one value per column, in the order of `columns`"),
            );
            continue;
        }
        rows.push(cells);
    }
    DataTable {
        caption: table.caption,
        columns: table.columns,
        rows,
    }
}

fn cell_text(value: &toml::Value) -> String {
    match value {
        toml::Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}
