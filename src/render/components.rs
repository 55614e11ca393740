//! Each component in a page through its template
//! (`layouts/shortcodes/<name>.html`): its arguments as variables (links
//! as the hrefs the link phase resolved), `args` with all of them, `site`,
//! `lang` and `dir`; a card gets `card` (and a video card `video`, the
//! same facade as the video's own page); one that holds words gets `body`,
//! and its markup is split there, around the Markdown between its lines.
//!
//! Invariant: a component's markup comes from its template only, with
//! every value escaped there like any template value.

use std::collections::{BTreeMap, HashMap};

use minijinja::Value;

use super::RenderInput;
use super::context::SiteContext;
use crate::content::PageId;
use crate::content::components::{ArgKind, ArgValue, ComponentCall};
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::links::PageRecord;

/// Where a component's words go: split out of its rendered template.
const BODY_MARK: &str = "\u{E001}body\u{E001}";

/// Each valid component's markup by the body line of its block (an
/// opening and its `{% end %}` each get their half).
pub fn render_components(
    input: &RenderInput<'_>,
    site_context: &SiteContext,
    id: PageId,
    record: &PageRecord,
) -> Result<HashMap<usize, String>, Diagnostic> {
    let mut blocks = HashMap::new();
    let mut next_link = record.outline.markdown_links;
    let mut next_landing = 0;
    for call in &record.components.calls {
        let mut values = BTreeMap::new();
        let mut landing = None;
        for (arg, kind) in call.link_args(&input.site.components) {
            let href = record
                .links
                .hrefs
                .get(next_link)
                .cloned()
                .unwrap_or_default();
            values.insert(arg.name.clone(), Value::from(href));
            if matches!(kind, ArgKind::Resource | ArgKind::Video) {
                landing = record
                    .components
                    .landing
                    .get(next_landing)
                    .copied()
                    .flatten();
            }
            next_link += 1;
            next_landing += 1;
        }
        if !call.valid {
            continue;
        }
        let markup = render_one(input, site_context, id, call, values, landing)?;
        match call.end_line {
            Some(end) => {
                let (open, close) = split_at_body(&markup, call, input, id)?;
                blocks.insert(call.line, open);
                blocks.insert(end, close);
            }
            None => {
                blocks.insert(call.line, markup);
            }
        }
    }
    Ok(blocks)
}

fn render_one(
    input: &RenderInput<'_>,
    site_context: &SiteContext,
    id: PageId,
    call: &ComponentCall,
    mut values: BTreeMap<String, Value>,
    landing: Option<PageId>,
) -> Result<String, Diagnostic> {
    let site = input.site;
    for arg in &call.args {
        values
            .entry(arg.name.clone())
            .or_insert_with(|| match &arg.value {
                ArgValue::Text(text) => Value::from(text.clone()),
                ArgValue::Number(number) => number_value(*number),
                ArgValue::Bool(flag) => Value::from(*flag),
            });
    }
    let (lang, dir) = super::page_language(site, id);
    let mut context = values.clone();
    context.insert("args".into(), Value::from(values));
    context.insert("site".into(), Value::from_serialize(site_context));
    context.insert("lang".into(), Value::from(lang));
    context.insert("dir".into(), Value::from(dir));
    context.insert(
        "body".into(),
        Value::from_safe_string(BODY_MARK.to_string()),
    );
    if let Some(landing) = landing {
        context.insert(
            "card".into(),
            Value::from_serialize(super::kinds::card_on(site, landing, id)),
        );
        if let Some(video) = super::kinds::video_context(site, landing, input.images) {
            context.insert("video".into(), Value::from_serialize(video));
        }
    }
    let page = site.page(id);
    let label = format!("content/{} ({})", page.content_path, call.name);
    input.templates.render(
        &format!("shortcodes/{}.html", call.name),
        Value::from(context),
        &label,
        input.sources,
    )
}

/// A whole number as an integer (`3`, not `3.0`), else as written.
fn number_value(number: f64) -> Value {
    #[allow(clippy::cast_possible_truncation)]
    let whole = number as i64;
    #[allow(clippy::cast_precision_loss)]
    let exact = whole as f64 == number;
    if exact {
        Value::from(whole)
    } else {
        Value::from(number)
    }
}

/// The markup before and after `body`, which a component holding words
/// must show exactly once.
fn split_at_body(
    markup: &str,
    call: &ComponentCall,
    input: &RenderInput<'_>,
    id: PageId,
) -> Result<(String, String), Diagnostic> {
    let mut halves = markup.split(BODY_MARK);
    match (halves.next(), halves.next(), halves.next()) {
        (Some(open), Some(close), None) => Ok((open.to_string(), close.to_string())),
        _ => Err(Diagnostic::error(
            Code::TemplateError,
            Span::new(input.site.page(id).file, call.span.clone()),
            format!(
                "the template of `{}` must show {{{{ body }}}} exactly once",
                call.name
            ),
        )
        .with_help(format!(
            "put {{{{ body }}}} once in layouts/shortcodes/{}.html, where the words go",
            call.name
        ))),
    }
}
