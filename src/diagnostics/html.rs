//! Diagnostics as HTML, for the overlay `serve` puts on every page while
//! the content has problems: the same text as the terminal (file:line, the
//! source line, the caret, the help), escaped, in a landmark a screen
//! reader announces.
//!
//! Invariant: every character that comes from content is escaped.

use super::Diagnostic;
use super::human::{self, count};
use crate::escape::html_anywhere;
use crate::source::SourceMap;

/// The overlay's markup; empty when there is nothing to show.
pub fn render_overlay(diagnostics: &[Diagnostic], sources: &SourceMap) -> String {
    if diagnostics.is_empty() {
        return String::new();
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let heading = match (errors, warnings) {
        (0, w) => format!("{} to look at", count(w, "warning")),
        (e, 0) => format!("{} to fix", count(e, "error")),
        (e, w) => format!("{} to fix, and {}", count(e, "error"), count(w, "warning")),
    };
    let note = if errors > 0 {
        "You are seeing the last version that built. Fix the problems below and save: this page updates by itself."
    } else {
        "The site built. These warnings do not stop it, but please look at them."
    };
    let mut html = format!(
        "<aside class=\"rs-overlay\" role=\"alert\" aria-labelledby=\"rs-overlay-title\"><h2 id=\"rs-overlay-title\">{}</h2><p>{}</p><ol>",
        html_anywhere(&heading),
        note
    );
    for diagnostic in diagnostics {
        let text = human::render(diagnostic, sources, false);
        html.push_str("<li><pre>");
        html.push_str(&html_anywhere(&text));
        html.push_str("</pre></li>");
    }
    html.push_str("</ol><button type=\"button\" class=\"rs-overlay__close\">Hide until the next change</button></aside>");
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Code, Span};

    #[test]
    fn escapes_content_and_counts() {
        let mut sources = SourceMap::new();
        let file = sources.add("content/a.md", "[x](<script>)\n".to_string());
        let diagnostic = Diagnostic::error(Code::BrokenLink, Span::new(file, 4..12), "no <script>");
        let html = render_overlay(&[diagnostic], &sources);
        assert!(html.contains("1 error to fix"), "{html}");
        assert!(html.contains("no &lt;script&gt;"), "{html}");
        assert!(html.contains("content/a.md:1:5"), "{html}");
        assert!(!html.contains("<script>"), "{html}");
    }
}
