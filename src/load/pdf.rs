//! A PDF's page count for "PDF, 245 KB, 4 pages", read from the page tree's
//! `/Count` without a PDF library: the page tree of almost every PDF is
//! plain text. Where it is compressed (object streams), the count is
//! simply not shown.
//!
//! Invariant: never fails; a file that is not a PDF is `NotAPdf`.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PdfPages {
    Count(u32),
    /// A real PDF whose page tree could not be read as text.
    Unknown,
    /// The file does not start with `%PDF-`.
    NotAPdf,
}

/// The largest `/Count` of any `/Type /Pages` dictionary: the root's.
pub fn count_pdf_pages(bytes: &[u8]) -> PdfPages {
    if !bytes.starts_with(b"%PDF-") {
        return PdfPages::NotAPdf;
    }
    let mut best: Option<u32> = None;
    let mut rest = bytes;
    while let Some(at) = find(rest, b"/Type") {
        let after = &rest[at + 5..];
        let after = skip_whitespace(after);
        if after.starts_with(b"/Pages") {
            let dictionary = dictionary_around(rest, at);
            if let Some(count) = count_in(dictionary) {
                best = Some(best.map_or(count, |b| b.max(count)));
            }
        }
        rest = &rest[at + 5..];
    }
    best.map_or(PdfPages::Unknown, PdfPages::Count)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

fn skip_whitespace(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[start..]
}

/// The text between the `<<` before `at` and the `>>` after it (one level).
fn dictionary_around(bytes: &[u8], at: usize) -> &[u8] {
    let start = bytes[..at]
        .windows(2)
        .rposition(|w| w == b"<<")
        .unwrap_or(0);
    let end = find(&bytes[at..], b">>").map_or(bytes.len(), |end| at + end);
    &bytes[start..end]
}

fn count_in(dictionary: &[u8]) -> Option<u32> {
    let at = find(dictionary, b"/Count")?;
    let digits: Vec<u8> = skip_whitespace(&dictionary[at + 6..])
        .iter()
        .copied()
        .take_while(u8::is_ascii_digit)
        .collect();
    std::str::from_utf8(&digits).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_root_count() {
        let pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R >> endobj\n";
        assert_eq!(count_pdf_pages(pdf), PdfPages::Count(2));
        assert_eq!(
            count_pdf_pages(b"%PDF-1.7\n<< /Type/Pages/Count 12/Kids[] >>"),
            PdfPages::Count(12)
        );
    }

    #[test]
    fn tells_unknown_from_not_a_pdf() {
        assert_eq!(
            count_pdf_pages(b"%PDF-1.5\nstream of compressed objects"),
            PdfPages::Unknown
        );
        assert_eq!(count_pdf_pages(b"<html>"), PdfPages::NotAPdf);
    }
}
