//! The glossary: the `/glossary/` page, and the first use of each glossary
//! term on a page marked up as a link to its entry (`<abbr title="…">` for
//! an abbreviation), so a parent meeting "CAMHS" learns what it is.
//!
//! Invariant: only plain text is annotated, never inside a link, heading
//! or code; each term at most once per page.

use comrak::Arena;
use comrak::arena_tree::NodeEdge;
use comrak::nodes::{AstNode, NodeValue};
use serde::Serialize;

use super::context::SiteContext;
use super::generated::GeneratedPage;
use super::{RenderInput, RenderedFile};
use crate::content::{Glossary, GlossaryTerm};
use crate::diagnostics::Diagnostic;
use crate::escape;
use crate::links::heading_id;

/// Marks inline HTML that reportsite made (not the author), so it is
/// written even when raw HTML in Markdown is off.
pub const GENERATED_HTML: char = '\u{E000}';

/// Annotates the first use of each term in the document's plain text.
pub fn annotate_terms<'a>(
    arena: &'a Arena<'a>,
    root: &'a AstNode<'a>,
    glossary: &Glossary,
    glossary_url: &str,
) {
    let mut unused: Vec<&GlossaryTerm> = glossary.terms.iter().collect();
    let texts = texts_outside_excluded(root);
    for node in texts {
        let mut current = node;
        while !unused.is_empty() {
            let text = match &current.data().value {
                NodeValue::Text(text) => text.to_string(),
                _ => break,
            };
            let Some((at, index)) = first_term(&text, &unused) else {
                break;
            };
            let term = unused.remove(index);
            let (before, after) = (
                text[..at].to_string(),
                text[at + term.term.len()..].to_string(),
            );
            let markup = markup(term, glossary_url);
            current.data_mut().value = NodeValue::Text(before.into());
            let annotation =
                arena.alloc(NodeValue::HtmlInline(format!("{GENERATED_HTML}{markup}")).into());
            let rest = arena.alloc(NodeValue::Text(after.into()).into());
            current.insert_after(annotation);
            annotation.insert_after(rest);
            current = rest;
        }
    }
}

/// The text nodes not inside a link, image, heading or code, in document
/// order: one walk that counts how deep it is in excluded nodes (asking
/// each text node's ancestors instead costs the square of the nesting).
fn texts_outside_excluded<'a>(root: &'a AstNode<'a>) -> Vec<&'a AstNode<'a>> {
    let excludes = |node: &'a AstNode<'a>| {
        matches!(
            node.data().value,
            NodeValue::Link(_)
                | NodeValue::Image(_)
                | NodeValue::Heading(_)
                | NodeValue::Code(_)
                | NodeValue::CodeBlock(_)
        )
    };
    let mut excluded_depth = 0usize;
    let mut texts = Vec::new();
    for edge in root.traverse() {
        match edge {
            NodeEdge::Start(node) if excludes(node) => excluded_depth += 1,
            NodeEdge::Start(node) => {
                if excluded_depth == 0 && matches!(node.data().value, NodeValue::Text(_)) {
                    texts.push(node);
                }
            }
            NodeEdge::End(node) if excludes(node) => excluded_depth -= 1,
            NodeEdge::End(_) => {}
        }
    }
    texts
}

/// The earliest whole-word use of any unused term: (byte offset, index).
fn first_term(text: &str, terms: &[&GlossaryTerm]) -> Option<(usize, usize)> {
    terms
        .iter()
        .enumerate()
        .filter_map(|(index, term)| whole_word(text, &term.term).map(|at| (at, index)))
        .min()
}

fn whole_word(text: &str, word: &str) -> Option<usize> {
    text.match_indices(word).map(|(at, _)| at).find(|&at| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn markup(term: &GlossaryTerm, glossary_url: &str) -> String {
    let id = heading_id(&term.term);
    // The term is text, but its `"` has always been escaped too.
    let text = escape::html_attribute(&term.term);
    let inner = if term.is_abbreviation() {
        format!(
            r#"<abbr title="{}">{text}</abbr>"#,
            escape::html_attribute(&term.meaning)
        )
    } else {
        text.into_owned()
    };
    format!(r#"<a class="glossary-term" href="{glossary_url}#{id}">{inner}</a>"#)
}

#[derive(Serialize)]
struct TermContext<'a> {
    id: String,
    term: &'a str,
    meaning: &'a str,
    abbreviation: bool,
}

/// The glossary page, terms in alphabetical order, each with an id.
pub fn render_glossary_page(
    input: &RenderInput<'_>,
    site_context: &SiteContext,
) -> Option<Result<RenderedFile, Diagnostic>> {
    let site = input.site;
    let url = site.glossary_page()?;
    let glossary = site.glossary.as_ref()?;
    let mut terms: Vec<TermContext<'_>> = glossary
        .terms
        .iter()
        .map(|term| TermContext {
            id: heading_id(&term.term),
            term: &term.term,
            meaning: &term.meaning,
            abbreviation: term.is_abbreviation(),
        })
        .collect();
    terms.sort_by_key(|term| term.term.to_lowercase());
    let page = GeneratedPage {
        url,
        title: site.strings.text(&site.config.language, "glossary", &[]),
        summary: Some(
            site.strings
                .text(&site.config.language, "glossary_summary", &[]),
        ),
        kind: "glossary",
        breadcrumbs: Vec::new(),
    };
    Some(page.render(
        input,
        site_context,
        "glossary.html",
        minijinja::context! { terms => terms },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_whole_words_only() {
        assert_eq!(whole_word("ICONIC ICON.", "ICON"), Some(7));
        assert_eq!(whole_word("CAMHS-led", "CAMHS"), Some(0));
        assert_eq!(whole_word("ICONS", "ICON"), None);
    }
}
