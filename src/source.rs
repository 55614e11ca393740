//! `SourceMap`: every input file read once and given a `FileId`, so diagnostics
//! can turn a byte offset into an exact line and column later.
//!
//! Invariant: the text stored is the text every span points into (a UTF-8 BOM
//! is removed before storing, and spans are computed after that).

use std::ops::Range;

/// A handle to one file in the `SourceMap`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(u32);

/// One input file: its path relative to the site root (with `/` separators)
/// and its text.
#[derive(Debug)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
    line_starts: Vec<usize>,
}

/// A 1-based line and column, the column counted in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file; `text` must already have any BOM removed.
    pub fn add(&mut self, path: impl Into<String>, text: String) -> FileId {
        let line_starts = compute_line_starts(&text);
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files.push(SourceFile {
            path: path.into(),
            text,
            line_starts,
        });
        id
    }

    /// Gives a file new text (serve, after an edit); its id stays.
    pub fn replace(&mut self, id: FileId, text: String) {
        if let Some(file) = self.files.get_mut(id.0 as usize) {
            file.line_starts = compute_line_starts(&text);
            file.text = text;
        }
    }

    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn files(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(index, file)| (FileId(index as u32), file))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

impl SourceFile {
    /// The line and column of a byte offset (clamped to the text).
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = clamp_to_char_boundary(&self.text, offset);
        let line_index = match self.line_starts.binary_search(&offset) {
            Ok(index) => index,
            Err(index) => index - 1,
        };
        let line_start = self.line_starts[line_index];
        LineCol {
            line: line_index + 1,
            column: self.text[line_start..offset].chars().count() + 1,
        }
    }

    /// The byte offset where a 1-based line starts (clamped).
    pub fn line_start(&self, line: usize) -> usize {
        let index = line.saturating_sub(1).min(self.line_starts.len() - 1);
        self.line_starts[index]
    }

    /// Clamps a range so it lies inside the text on character boundaries.
    pub fn clamp(&self, range: Range<usize>) -> Range<usize> {
        let start = clamp_to_char_boundary(&self.text, range.start);
        let end = clamp_to_char_boundary(&self.text, range.end.max(start));
        start..end
    }
}

/// Decodes file bytes: strips a UTF-8 BOM, or returns the offset of the first
/// invalid byte.
pub fn decode_utf8(bytes: Vec<u8>) -> Result<String, usize> {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    let mut text = String::from_utf8(bytes).map_err(|error| error.utf8_error().valid_up_to())?;
    if text.contains('\r') {
        text = lone_carriage_returns_as_line_feeds(&text);
    }
    Ok(text)
}

/// Old Mac files end lines with a lone `\r`. Each becomes `\n`, byte for
/// byte, so offsets do not move and lines and columns come out right;
/// `\r\n` is left as it is (lines are counted at the `\n`).
fn lone_carriage_returns_as_line_feeds(text: &str) -> String {
    let bytes = text.as_bytes();
    let converted: Vec<u8> = bytes
        .iter()
        .enumerate()
        .map(|(index, &byte)| {
            if byte == b'\r' && bytes.get(index + 1) != Some(&b'\n') {
                b'\n'
            } else {
                byte
            }
        })
        .collect();
    String::from_utf8(converted).unwrap_or_else(|_| text.to_string())
}

fn compute_line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(index, _)| index + 1))
        .collect()
}

fn clamp_to_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A template by name (`page.html`, `partials/nav.html`), its text in the
/// `SourceMap`: read by `load`, compiled by `render`, and where `check`
/// finds the line a URL in a page came from.
#[derive(Debug, Clone)]
pub struct TemplateFile {
    pub name: String,
    pub file: FileId,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_carriage_returns_end_lines() {
        assert_eq!(
            decode_utf8(b"a\rb\r\nc\r".to_vec()).as_deref(),
            Ok("a\nb\r\nc\n")
        );
    }

    #[test]
    fn line_and_column_count_characters() {
        let mut map = SourceMap::new();
        let id = map.add("a.md", "ab\nçé x\n".to_string());
        let file = map.file(id);
        assert_eq!(file.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(file.line_col(3), LineCol { line: 2, column: 1 });
        let x = file.text.find('x').unwrap_or(0);
        assert_eq!(file.line_col(x), LineCol { line: 2, column: 4 });
    }

    #[test]
    fn decode_strips_bom_and_finds_bad_byte() {
        assert_eq!(decode_utf8(b"\xEF\xBB\xBFhi".to_vec()), Ok("hi".into()));
        assert_eq!(decode_utf8(b"ab\xFFc".to_vec()), Err(2));
    }
}
