//! A PDF's page count for "PDF, 245 KB, 4 pages", read from the page tree's
//! `/Count` without a PDF library: the page tree of almost every PDF is
//! plain text. Where it is compressed (object streams), the count is
//! simply not shown.
//!
//! Invariant: never fails, and costs time linear in the file: each
//! dictionary is looked for within `DICTIONARY_WINDOW` bytes of its
//! `/Type`, so a hostile file of a million `/Type /Pages` without `<<`
//! cannot make it quadratic. A file that is not a PDF is `NotAPdf`; an
//! absurd `/Count` (over `MAX_PAGES`) is not believed.

/// How far before and after `/Type /Pages` its `<<` and `>>` may be.
const DICTIONARY_WINDOW: usize = 4096;
/// More pages than any real leaflet or report has.
const MAX_PAGES: u32 = 100_000;

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
        let mut next = at + 5;
        if after.starts_with(b"/Pages") {
            let dictionary = dictionary_around(rest, at);
            if let Some(count) =
                count_in(&rest[dictionary.clone()]).filter(|count| *count <= MAX_PAGES)
            {
                best = Some(best.map_or(count, |b| b.max(count)));
            }
            // Each dictionary is read once.
            next = next.max(dictionary.end);
        }
        rest = &rest[next..];
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
fn dictionary_around(bytes: &[u8], at: usize) -> std::ops::Range<usize> {
    let earliest = at.saturating_sub(DICTIONARY_WINDOW);
    let start = bytes[earliest..at]
        .windows(2)
        .rposition(|w| w == b"<<")
        .map_or(earliest, |start| earliest + start);
    let latest = bytes.len().min(at + DICTIONARY_WINDOW);
    let end = find(&bytes[at..latest], b">>").map_or(latest, |end| at + end);
    start..end
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
        assert_eq!(count_pdf_pages(b""), PdfPages::NotAPdf);
    }

    #[test]
    fn absurd_counts_and_hostile_files_are_not_believed() {
        assert_eq!(
            count_pdf_pages(b"%PDF-1.4\n<< /Type /Pages /Count 4000000000 >>"),
            PdfPages::Unknown
        );
        // Many page-tree markers and no dictionary: read once each.
        let mut hostile = b"%PDF-1.4\n".to_vec();
        hostile.extend(b"/Type /Pages /Count 3 ".repeat(200_000));
        assert_eq!(count_pdf_pages(&hostile), PdfPages::Count(3));
    }
}
