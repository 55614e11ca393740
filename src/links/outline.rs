//! One page's outline from its Markdown AST: headings with ids, links and
//! images with the exact span of their URL, and the Markdown lints
//! (`heading-order`, `missing-alt`, `raw-html-omitted`).
//!
//! Invariant: links are listed in AST pre-order; `render` walks the same
//! AST in the same order to put the resolved URLs back.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use comrak::nodes::{AstNode, NodeValue, Sourcepos};
use comrak::{Arena, Options, parse_document};

use super::headings::HeadingIds;
use crate::content::Page;
use crate::content::components::ComponentCall;
use crate::diagnostics::{Code, Diagnostic, Span};

#[derive(Debug, Clone)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub id: String,
    /// Byte range of the heading in the whole file.
    pub span: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct LinkRef {
    pub url: String,
    /// Byte range of the URL as written, in the whole file.
    pub span: Range<usize>,
    /// Byte range of the whole link, `[text](url)`.
    pub link_span: Range<usize>,
    /// The link's text as a reader hears it (an image's alt text).
    pub text: String,
    pub is_image: bool,
}

#[derive(Debug, Clone, Default)]
pub struct PageOutline {
    pub headings: Vec<Heading>,
    /// The Markdown links and images in pre-order, then the components'
    /// links (`ComponentCall::link_args`, call by call).
    pub links: Vec<LinkRef>,
    /// How many of `links` are the Markdown's.
    pub markdown_links: usize,
}

impl PageOutline {
    pub fn has_id(&self, id: &str) -> bool {
        self.headings.iter().any(|heading| heading.id == id)
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.headings.iter().map(|heading| heading.id.as_str())
    }
}

/// The comrak options every phase parses with, so the AST is the same each
/// time a page is parsed.
pub fn markdown_options(raw_html: bool) -> Options<'static> {
    let mut options = Options::default();
    options.extension.strikethrough = true;
    options.extension.table = true;
    options.extension.autolink = true;
    options.extension.tasklist = true;
    options.extension.footnotes = true;
    options.render.r#unsafe = raw_html;
    options
}

/// How many nodes inside one link or image are read for its text: more
/// than any real link has, and few enough that images nested thousands
/// deep (each holding all the others) cost linear time, not quadratic.
const MAX_LINK_TEXT_NODES: usize = 1_000;

/// A link's or image's text as a reader hears it (its first
/// `MAX_LINK_TEXT_NODES` nodes).
fn link_text<'a>(node: &'a AstNode<'a>) -> String {
    let mut text = String::new();
    for inner in node.descendants().take(MAX_LINK_TEXT_NODES) {
        match &inner.data().value {
            NodeValue::Text(words) => text.push_str(words),
            NodeValue::Code(code) => text.push_str(&code.literal),
            NodeValue::LineBreak | NodeValue::SoftBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

/// Parses a page's body (`Page::body`, or a rebuild's re-read, with its
/// `components` marked: `content::components`) and lists its headings and
/// links.
pub fn outline_page(
    page: &Page,
    body: &str,
    options: &Options<'_>,
    components: &[ComponentCall],
    diagnostics: &mut Vec<Diagnostic>,
) -> PageOutline {
    let arena = Arena::new();
    let root = parse_document(&arena, body, options);
    let locator = Locator::new(body, page.body_offset);
    let component_lines: HashSet<usize> = components
        .iter()
        .flat_map(|call| std::iter::once(call.line).chain(call.end_line))
        .collect();
    check_component_blocks(root, components, page, diagnostics);
    let mut outline = PageOutline::default();
    let mut ids = HeadingIds::default();
    let mut previous_level = 1;
    for node in root.descendants() {
        let data = node.data();
        let sourcepos = data.sourcepos;
        match &data.value {
            NodeValue::Heading(heading) => {
                let text = node.collect_text();
                let span = locator.span(sourcepos);
                check_heading_level(
                    heading.level,
                    previous_level,
                    span.clone(),
                    page,
                    diagnostics,
                );
                previous_level = heading.level.max(1);
                outline.headings.push(Heading {
                    level: heading.level,
                    id: ids.unique(&text),
                    text,
                    span,
                });
            }
            NodeValue::Link(link) => outline.links.push(LinkRef {
                span: locator.url_span(sourcepos, &link.url),
                link_span: locator.span(sourcepos),
                text: link_text(node),
                url: link.url.clone(),
                is_image: false,
            }),
            NodeValue::Image(image) => {
                let span = locator.url_span(sourcepos, &image.url);
                let text = link_text(node);
                if image.title != "decorative" && text.trim().is_empty() {
                    diagnostics.push(missing_alt(page, locator.span(sourcepos)));
                }
                outline.links.push(LinkRef {
                    url: image.url.clone(),
                    span,
                    link_span: locator.span(sourcepos),
                    text,
                    is_image: true,
                });
            }
            NodeValue::HtmlBlock(_) if component_lines.contains(&sourcepos.start.line) => {}
            NodeValue::HtmlBlock(_) | NodeValue::HtmlInline(_) if !options.render.r#unsafe => {
                diagnostics.push(raw_html_omitted(page, locator.span(sourcepos)));
            }
            _ => {}
        }
    }
    outline.markdown_links = outline.links.len();
    outline
}

/// Each component's block, by the body line it starts on.
pub fn component_blocks<'a>(root: &'a AstNode<'a>) -> HashMap<usize, &'a AstNode<'a>> {
    root.descendants()
        .filter(|node| matches!(node.data().value, NodeValue::HtmlBlock(_)))
        .map(|node| (node.data().sourcepos.start.line, node))
        .collect()
}

/// A component must stand as a block of its own (not in a code block),
/// and one holding words must end beside where it starts (not inside a
/// list item it opened outside, say), or its markup would not nest.
fn check_component_blocks<'a>(
    root: &'a AstNode<'a>,
    components: &[ComponentCall],
    page: &Page,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let blocks = component_blocks(root);
    for call in components.iter().filter(|call| call.valid) {
        let span = Span::new(page.file, call.span.clone());
        let Some(open) = blocks.get(&call.line) else {
            diagnostics.push(
                Diagnostic::error(
                    Code::ComponentPlacement,
                    span,
                    format!(
                        "`{}` cannot go here: Markdown reads this line as code or text",
                        call.name
                    ),
                )
                .with_help(
                    "start it at the beginning of a line, indented no more than the text around it",
                ),
            );
            continue;
        };
        let ends_beside = call.end_line.is_none_or(|line| {
            blocks
                .get(&line)
                .is_some_and(|end| end.parent().map(node_id) == open.parent().map(node_id))
        });
        if !ends_beside {
            diagnostics.push(
                Diagnostic::error(
                    Code::ComponentPlacement,
                    span,
                    format!(
                        "`{}` and its {{% end %}} are at different levels",
                        call.name
                    ),
                )
                .with_help(
                    "indent {% end %} like the line that opens it, in the same list item or quote",
                ),
            );
        }
    }
}

fn node_id(node: &AstNode<'_>) -> usize {
    std::ptr::from_ref(node).addr()
}

fn check_heading_level(
    level: u8,
    previous_level: u8,
    span: Range<usize>,
    page: &Page,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let span = Span::new(page.file, span);
    if level == 1 {
        diagnostics.push(
            Diagnostic::error(Code::HeadingOrder, span, "a level-1 heading in the body").with_help(
                "the page title is the page's only level-1 heading: start body headings at `##`",
            ),
        );
    } else if level > previous_level + 1 {
        diagnostics.push(
            Diagnostic::error(
                Code::HeadingOrder,
                span,
                format!("this heading skips from level {previous_level} to level {level}"),
            )
            .with_help(format!(
                "use `{}` here, so screen-reader users can follow the page's structure",
                "#".repeat(usize::from(previous_level) + 1)
            )),
        );
    }
}

fn missing_alt(page: &Page, span: Range<usize>) -> Diagnostic {
    Diagnostic::error(Code::MissingAlt, Span::new(page.file, span), "this image has no alt text")
        .with_help("describe the image in the brackets: ![A parent holding a baby](photo.png); if it is only decoration, write ![](photo.png \"decorative\")")
}

fn raw_html_omitted(page: &Page, span: Range<usize>) -> Diagnostic {
    Diagnostic::warning(
        Code::RawHtmlOmitted,
        Span::new(page.file, span),
        "raw HTML is left out of the page",
    )
    .with_help(
        "write it in Markdown instead, or set `raw_html = true` under [markdown] in site.toml",
    )
}

/// Turns comrak's line/column positions in the body into byte ranges in the
/// whole file.
struct Locator<'a> {
    body: &'a str,
    body_offset: usize,
    line_starts: Vec<usize>,
}

impl<'a> Locator<'a> {
    fn new(body: &'a str, body_offset: usize) -> Self {
        let line_starts = std::iter::once(0)
            .chain(body.match_indices('\n').map(|(index, _)| index + 1))
            .collect();
        Self {
            body,
            body_offset,
            line_starts,
        }
    }

    /// Byte offset in the body of a 1-based line and byte column.
    fn body_offset_of(&self, line: usize, column: usize) -> usize {
        let line_start = self
            .line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.body.len());
        (line_start + column.saturating_sub(1)).min(self.body.len())
    }

    fn body_range(&self, sourcepos: Sourcepos) -> Range<usize> {
        let start = self.body_offset_of(sourcepos.start.line, sourcepos.start.column);
        let end = self.body_offset_of(sourcepos.end.line, sourcepos.end.column + 1);
        start..end.max(start)
    }

    fn span(&self, sourcepos: Sourcepos) -> Range<usize> {
        let range = self.body_range(sourcepos);
        range.start + self.body_offset..range.end + self.body_offset
    }

    /// The URL inside `[text](url)`; the whole node when it cannot be found
    /// (reference links, autolinks written differently).
    fn url_span(&self, sourcepos: Sourcepos, url: &str) -> Range<usize> {
        let range = self.body_range(sourcepos);
        let text = self.body.get(range.clone()).unwrap_or_default();
        let found = text
            .rfind("](")
            .map(|open| open + 2)
            .map(|start| {
                start + text[start..].len() - text[start..].trim_start_matches([' ', '<']).len()
            })
            .filter(|&start| !url.is_empty() && text[start..].starts_with(url))
            .or_else(|| (!url.is_empty()).then(|| text.find(url)).flatten());
        let local = match found {
            Some(start) => start..start + url.len(),
            None if url.is_empty() => text
                .rfind("](")
                .map_or(0..text.len(), |open| open + 1..open + 3),
            None => 0..text.len(),
        };
        let start = range.start + local.start + self.body_offset;
        start..start + local.len()
    }
}

/// Every Link and Image node in pre-order: the order `outline_page` lists
/// them in.
pub fn link_nodes<'a>(root: &'a AstNode<'a>) -> impl Iterator<Item = &'a AstNode<'a>> {
    root.descendants()
        .filter(|node| matches!(node.data().value, NodeValue::Link(_) | NodeValue::Image(_)))
}
