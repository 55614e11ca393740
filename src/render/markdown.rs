//! A page's Markdown body → HTML: links get the URLs `links::resolve`
//! chose, headings get their ids, decorative images get `alt=""`.
//!
//! Invariant: parses with the same options as `links::outline_page` and
//! visits links in the same pre-order, so the n-th link gets the n-th href.

use std::collections::{HashMap, VecDeque};
use std::fmt::Write;

use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options, create_formatter, parse_document};

use super::glossary::{GENERATED_HTML, annotate_terms};
use crate::content::Glossary;
use crate::links::outline::{PageOutline, component_blocks, link_nodes};

/// What the formatter writes besides comrak's defaults: each heading's id,
/// in order, and the links that land in another language, by node.
#[derive(Default)]
struct Additions {
    heading_ids: VecDeque<String>,
    link_languages: HashMap<usize, LinkLanguage>,
}

/// A link that lands on a page in another language than its page's: it
/// carries `hreflang`, and a visible marker ("(in English)") when it falls
/// back to the site's own language and its words do not already say so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkLanguage {
    pub hreflang: String,
    pub marker: Option<String>,
}

fn node_key(node: &AstNode<'_>) -> usize {
    std::ptr::from_ref(node).addr()
}

create_formatter!(HeadingIdFormatter<Additions>, {
    NodeValue::HtmlBlock(ref block) => |context, node, entering| {
        // A component's markup (from its template) is written as it is.
        match block.literal.strip_prefix(GENERATED_HTML) {
            Some(markup) if entering => {
                context.cr()?;
                context.write_str(markup)?;
                context.cr()?;
            }
            Some(_) => {}
            None => return comrak::html::format_node_default(context, node, entering),
        }
    },
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
            let id = context.user.heading_ids.pop_front().unwrap_or_default();
            write!(context, "<h{} id=\"", heading.level)?;
            context.escape(&id)?;
            context.write_str("\">")?;
        } else {
            writeln!(context, "</h{}>", heading.level)?;
        }
    },
    NodeValue::Link(ref link) => |context, node, entering| {
        let Some(language) = context.user.link_languages.get(&node_key(node)).cloned() else {
            return comrak::html::format_node_default(context, node, entering);
        };
        if entering {
            context.write_str("<a href=\"")?;
            context.escape_href(&link.url)?;
            if !link.title.is_empty() {
                context.write_str("\" title=\"")?;
                context.escape(&link.title)?;
            }
            context.write_str("\" hreflang=\"")?;
            context.escape(&language.hreflang)?;
            context.write_str("\">")?;
        } else {
            if let Some(marker) = &language.marker {
                context.write_str(" ")?;
                context.escape(marker)?;
            }
            context.write_str("</a>")?;
        }
    },
});

/// The glossary and where its page is, when terms should be annotated.
pub struct Terms<'g> {
    pub glossary: &'g Glossary,
    pub url: String,
}

/// What a page's Markdown is rendered with besides itself.
pub struct BodyParts<'a> {
    pub outline: &'a PageOutline,
    /// One per link, in order.
    pub hrefs: &'a [String],
    pub languages: &'a [Option<LinkLanguage>],
    pub terms: Option<&'a Terms<'a>>,
    /// Each component's markup by the body line of its block
    /// (`render::components`).
    pub components: &'a HashMap<usize, String>,
}

/// Renders `body` (components marked) with the resolved links.
pub fn render_markdown(body: &str, options: &Options<'_>, parts: &BodyParts<'_>) -> String {
    let BodyParts {
        outline,
        hrefs,
        languages,
        terms,
        components,
    } = *parts;
    let arena = Arena::new();
    let root = parse_document(&arena, body, options);
    for (line, node) in component_blocks(root) {
        if let (Some(markup), NodeValue::HtmlBlock(block)) =
            (components.get(&line), &mut node.data_mut().value)
        {
            block.literal = format!("{GENERATED_HTML}{markup}");
        }
    }
    // Collected first: removing a decorative image's alt text while
    // walking the tree would upset the walk.
    let nodes: Vec<_> = link_nodes(root).collect();
    let link_languages = marked_links(&nodes, languages);
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
    let additions = Additions {
        heading_ids: outline.headings.iter().map(|h| h.id.clone()).collect(),
        link_languages,
    };
    let mut html = String::with_capacity(body.len() * 2);
    // Writing to a String cannot fail; an error here would be a comrak bug,
    // and the page is then rendered without its body rather than panicking.
    let _ = HeadingIdFormatter::format_document(root, options, &mut html, additions);
    html
}

/// The links (not images) that land in another language, each keyed by
/// its node, with the marker dropped where the link's words, or the words
/// right after it, already say which language it is in.
fn marked_links<'a>(
    nodes: &[&'a AstNode<'a>],
    languages: &[Option<LinkLanguage>],
) -> HashMap<usize, LinkLanguage> {
    let mut marked = HashMap::new();
    for (node, language) in nodes.iter().zip(languages) {
        let Some(language) = language else { continue };
        if !matches!(node.data().value, NodeValue::Link(_)) {
            continue;
        }
        let mut language = language.clone();
        if let Some(marker) = &language.marker {
            let words = marker
                .trim_matches(|c: char| c == '(' || c == ')' || c.is_whitespace())
                .to_lowercase();
            if nearby_text(node).to_lowercase().contains(&words) {
                language.marker = None;
            }
        }
        marked.insert(node_key(node), language);
    }
    marked
}

/// A link's own words and the text that follows it, up to the next link.
fn nearby_text<'a>(link: &'a AstNode<'a>) -> String {
    let mut text = String::new();
    let mut collect = |node: &'a AstNode<'a>| {
        for descendant in node.descendants() {
            if let NodeValue::Text(words) = &descendant.data().value {
                text.push_str(words);
            }
        }
    };
    collect(link);
    let following = std::iter::successors(link.next_sibling(), |node| node.next_sibling());
    for sibling in following {
        if matches!(sibling.data().value, NodeValue::Link(_)) {
            break;
        }
        collect(sibling);
    }
    text
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

    fn render_with(
        body: &str,
        options: &Options<'_>,
        outline: &PageOutline,
        hrefs: &[String],
        languages: &[Option<LinkLanguage>],
    ) -> String {
        let components = HashMap::new();
        let parts = BodyParts {
            outline,
            hrefs,
            languages,
            terms: None,
            components: &components,
        };
        render_markdown(body, options, &parts)
    }

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
            markdown_links: 0,
        }
    }

    #[test]
    fn headings_get_ids_and_links_get_hrefs() {
        let options = crate::links::markdown_options(false);
        let html = render_with(
            "## Safer sleeping\n\nSee [the tool](@/x.md#a).\n",
            &options,
            &outline(&["safer-sleeping"]),
            &["/x/#a".to_string()],
            &[],
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
        let html = render_with(
            "![](x.png \"decorative\")\n",
            &options,
            &outline(&[]),
            &["/x.png".to_string()],
            &[],
        );
        assert!(html.contains("<img src=\"/x.png\" alt=\"\" />"), "{html}");
    }

    #[test]
    fn links_into_another_language_carry_hreflang_and_a_marker_unless_said() {
        let options = crate::links::markdown_options(false);
        let english = Some(LinkLanguage {
            hreflang: "en-GB".to_string(),
            marker: Some("(yn Saesneg)".to_string()),
        });
        let html = render_with(
            "Gweler [y daflen](@/a.md), [y canllaw](@/b.md) (yn Saesneg) a [hwn](@/c.md).\n",
            &options,
            &outline(&[]),
            &["/a/".to_string(), "/b/".to_string(), "/cy/c/".to_string()],
            &[english.clone(), english, None],
        );
        assert!(
            html.contains(r#"<a href="/a/" hreflang="en-GB">y daflen (yn Saesneg)</a>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<a href="/b/" hreflang="en-GB">y canllaw</a> (yn Saesneg)"#),
            "{html}"
        );
        assert!(html.contains(r#"<a href="/cy/c/">hwn</a>"#), "{html}");
    }
}
