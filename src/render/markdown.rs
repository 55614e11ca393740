//! A page's Markdown body → HTML: links get the URLs `links::resolve`
//! chose, headings get their ids, decorative images get `alt=""`.
//!
//! Invariant: parses with the same options as `links::outline_page` and
//! visits links in the same pre-order, so the n-th link gets the n-th href.

use std::collections::VecDeque;
use std::fmt::Write;

use comrak::nodes::NodeValue;
use comrak::{Arena, Options, create_formatter, parse_document};

use super::glossary::{GENERATED_HTML, annotate_terms};
use crate::content::Glossary;
use crate::links::outline::{PageOutline, link_nodes};

create_formatter!(HeadingIdFormatter<VecDeque<String>>, {
    NodeValue::HtmlInline(ref literal) => |context, node, entering| {
        // Markup reportsite added (glossary terms) is written as it is;
        // the author's raw HTML follows the site's raw_html setting.
        match literal.strip_prefix(GENERATED_HTML) {
            Some(markup) if entering => context.write_str(markup)?,
            Some(_) => {}
            None => return comrak::html::format_node_default(context, node, entering),
        }
    },
    NodeValue::Heading(ref heading) => |context, entering| {
        if entering {
            context.cr()?;
            let id = context.user.pop_front().unwrap_or_default();
            write!(context, "<h{} id=\"", heading.level)?;
            context.escape(&id)?;
            context.write_str("\">")?;
        } else {
            writeln!(context, "</h{}>", heading.level)?;
        }
    },
});

/// The glossary and where its page is, when terms should be annotated.
pub struct Terms<'g> {
    pub glossary: &'g Glossary,
    pub url: String,
}

/// Renders `body` with the resolved `hrefs` (one per link, in order).
pub fn render_markdown(
    body: &str,
    options: &Options<'_>,
    outline: &PageOutline,
    hrefs: &[String],
    terms: Option<&Terms<'_>>,
) -> String {
    let arena = Arena::new();
    let root = parse_document(&arena, body, options);
    // Collected first: removing a decorative image's alt text while
    // walking the tree would upset the walk.
    let nodes: Vec<_> = link_nodes(root).collect();
    for (node, href) in nodes.into_iter().zip(hrefs) {
        let mut data = node.data_mut();
        match &mut data.value {
            NodeValue::Link(link) => link.url.clone_from(href),
            NodeValue::Image(image) => {
                image.url.clone_from(href);
                if image.title == "decorative" {
                    image.title.clear();
                    drop(data);
                    remove_children(node);
                }
            }
            _ => {}
        }
    }
    if let Some(terms) = terms {
        annotate_terms(&arena, root, terms.glossary, &terms.url);
    }
    let ids: VecDeque<String> = outline.headings.iter().map(|h| h.id.clone()).collect();
    let mut html = String::with_capacity(body.len() * 2);
    // Writing to a String cannot fail; an error here would be a comrak bug,
    // and the page is then rendered without its body rather than panicking.
    let _ = HeadingIdFormatter::format_document(root, options, &mut html, ids);
    html
}

fn remove_children<'a>(node: &'a comrak::nodes::AstNode<'a>) {
    let children: Vec<_> = node.children().collect();
    for child in children {
        child.detach();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::links::outline::Heading;

    fn outline(ids: &[&str]) -> PageOutline {
        PageOutline {
            headings: ids
                .iter()
                .map(|id| Heading {
                    level: 2,
                    text: String::new(),
                    id: (*id).to_string(),
                    span: 0..0,
                })
                .collect(),
            links: Vec::new(),
        }
    }

    #[test]
    fn headings_get_ids_and_links_get_hrefs() {
        let options = crate::links::markdown_options(false);
        let html = render_markdown(
            "## Safer sleeping\n\nSee [the tool](@/x.md#a).\n",
            &options,
            &outline(&["safer-sleeping"]),
            &["/x/#a".to_string()],
            None,
        );
        assert!(
            html.contains("<h2 id=\"safer-sleeping\">Safer sleeping</h2>"),
            "{html}"
        );
        assert!(html.contains("<a href=\"/x/#a\">the tool</a>"), "{html}");
    }

    #[test]
    fn decorative_images_have_empty_alt() {
        let options = crate::links::markdown_options(false);
        let html = render_markdown(
            "![](x.png \"decorative\")\n",
            &options,
            &outline(&[]),
            &["/x.png".to_string()],
            None,
        );
        assert!(html.contains("<img src=\"/x.png\" alt=\"\" />"), "{html}");
    }
}
