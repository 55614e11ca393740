//! The minijinja environment: every template (defaults, then the site's
//! overrides) is parsed on each build; a syntax error is a diagnostic at
//! `layouts/<name>:line:col`.
//!
//! Invariant: template errors never panic and never stop other pages
//! rendering; each is reported once per template and page. A template
//! that loops or recurses without end, or builds a huge page, is stopped
//! by the limits below (chosen here, not left to minijinja's defaults) and
//! reported at its line.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use minijinja::value::{Kwargs, Object, Rest, StringInput, Value};
use minijinja::{Environment, Error, ErrorKind, State, UndefinedBehavior};

/// Instructions one page may run, plus `FUEL_PER_PAGE` for each page of
/// the site (a listing of every resource grows with the site): a loop
/// over `range(100000)` nested in another is stopped within seconds.
pub const TEMPLATE_FUEL: u64 = 20_000_000;
pub const FUEL_PER_PAGE: u64 = 2_000;
/// How deep includes, macros and blocks may nest (minijinja counts an
/// include as 10 levels, a macro call as 4): deep enough for any real
/// layout, shallow enough for a rayon thread's stack.
pub const TEMPLATE_RECURSION: usize = 200;
/// The most text the values of one page may add to it.
pub const MAX_PAGE_BYTES: usize = 64 * 1024 * 1024;
/// The largest width or count a filter may be asked for (`indent`,
/// `slice`, `batch`, widths in `format`): each builds that much up front.
pub const MAX_FILTER_SIZE: usize = 1_000;

use crate::diagnostics::{Code, Diagnostic, Span};
use crate::escape;
use crate::interface_strings::{InterfaceStrings, fill_in};
use crate::source::SourceMap;
use crate::source::TemplateFile;

pub struct Templates {
    pub env: Environment<'static>,
    files: Vec<TemplateFile>,
}

impl Templates {
    /// Parses every template. A template with a syntax error is left out
    /// and reported.
    pub fn new(
        files: &[TemplateFile],
        strings: &InterfaceStrings,
        pages: usize,
        sources: &SourceMap,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Self {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Chainable);
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        env.set_formatter(escape_html);
        set_limits(&mut env, pages);
        let strings = Arc::new(strings.clone());
        let for_dates = Arc::clone(&strings);
        env.add_function("t", move |state: &State, key: &str, values: Kwargs| {
            translate(&strings, state, key, &values)
        });
        env.add_function("date_long", move |state: &State, date: &Value| {
            long_date(&for_dates, state, date)
        });
        for template in files {
            let text = sources.file(template.file).text.clone();
            if let Err(error) = env.add_template_owned(template.name.clone(), text) {
                // An empty stand-in keeps every page that uses it from
                // adding a "template not found" error of its own.
                let _ = env.add_template_owned(template.name.clone(), String::new());
                diagnostics.push(template_diagnostic(
                    &error,
                    template,
                    sources,
                    Code::TemplateSyntax,
                    None,
                ));
            }
        }
        Self {
            env,
            files: files.to_vec(),
        }
    }

    /// Renders `name` with `context`; an error names the template, its
    /// line, and the page being rendered.
    pub fn render(
        &self,
        name: &str,
        context: minijinja::Value,
        page_label: &str,
        sources: &SourceMap,
    ) -> Result<String, Diagnostic> {
        let result = self
            .env
            .get_template(name)
            .and_then(|template| template.render(context));
        result.map_err(|outer| {
            let error = root_cause(&outer);
            let failing = error.name().unwrap_or(name);
            match self.files.iter().find(|file| file.name == failing) {
                Some(template) => template_diagnostic(
                    error,
                    template,
                    sources,
                    Code::TemplateError,
                    Some(page_label),
                ),
                None => Diagnostic::global(
                    Code::TemplateError,
                    format!(
                        "template '{name}' failed while rendering {page_label}: {}",
                        describe(error)
                    ),
                )
                .with_help(format!(
                    "add layouts/{name}, or fix the template that includes it"
                )),
            }
        })
    }
}

/// `t("key", name=value, …)`: the interface string `key` in the page's
/// language (the context's `lang`, else `site.language`), its `{name}`
/// slots filled in; a plural string's form is chosen by `count`. The
/// table's text is escaped as text and double-quoted attribute (an
/// apostrophe stays as written, as it was in the templates); values as
/// any template value is (`escape::html_anywhere`), unless marked safe.
fn translate(
    strings: &InterfaceStrings,
    state: &State,
    key: &str,
    values: &Kwargs,
) -> Result<Value, Error> {
    let (language, default_language) = page_language(state);
    let Some((table_language, message)) = strings.lookup(&language, &default_language, key) else {
        let help = crate::diagnostics::suggest::did_you_mean(key, strings.all_keys())
            .map(|suggestion| format!(" ({suggestion})"))
            .unwrap_or_default();
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("there is no interface string '{key}' in any i18n table{help}"),
        ));
    };
    let count = match values.get::<Option<Value>>("count")? {
        Some(count) => Some(plural_count(&count)?),
        None => None,
    };
    let text = message.text_for(table_language, count);
    let escaping = !matches!(state.auto_escape(), minijinja::AutoEscape::None);
    let escaped_text = if escaping {
        escape::html_attribute(text)
    } else {
        text.into()
    };
    let filled = fill_in(&escaped_text, |name| {
        let value = values.get::<Option<Value>>(name).ok().flatten()?;
        Some(if !escaping || value.is_safe() {
            value.to_string()
        } else {
            escape::html_anywhere(&value.to_string()).into_owned()
        })
    })
    .map_err(|name| {
        Error::new(
            ErrorKind::MissingArgument,
            format!(
                "the interface string '{key}' needs a value for {{{name}}}: t(\"{key}\", {name}=…)"
            ),
        )
    })?;
    count_page_bytes(state, filled.len())?;
    Ok(Value::from_safe_string(filled))
}

/// `date_long(date)`: a date (a value with `iso`, `YYYY-MM-DD`) in words
/// in the page's language: "1 October 2025", "1 Hydref 2025".
fn long_date(strings: &InterfaceStrings, state: &State, date: &Value) -> Result<Value, Error> {
    let iso = date.get_attr("iso")?;
    let parts: Vec<u32> = iso
        .as_str()
        .unwrap_or_default()
        .split('-')
        .filter_map(|part| part.parse().ok())
        .collect();
    let [year, month, day] = parts[..] else {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("date_long needs a date with an iso of YYYY-MM-DD, not {date}"),
        ));
    };
    let (Ok(year), Ok(month @ 1..=12), Ok(day)) =
        (i32::try_from(year), u8::try_from(month), u8::try_from(day))
    else {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("date_long: {iso} is not a date"),
        ));
    };
    let (language, _) = page_language(state);
    Ok(Value::from(strings.long_date(&language, year, month, day)))
}

/// The page's language (the context's `lang`, else `site.language`) and
/// the site's default (`site.language`).
fn page_language(state: &State) -> (String, String) {
    let default_language = state
        .lookup("site")
        .and_then(|site| site.get_attr("language").ok())
        .filter(|language| !language.is_undefined() && !language.is_none())
        .map(|language| language.to_string())
        .unwrap_or_default();
    let language = state
        .lookup("lang")
        .filter(|language| !language.is_undefined() && !language.is_none())
        .map_or_else(|| default_language.clone(), |language| language.to_string());
    (language, default_language)
}

/// The number a plural string is chosen by: a whole number, its size
/// whatever its sign.
fn plural_count(count: &Value) -> Result<u64, Error> {
    i64::try_from(count.clone())
        .map(i64::unsigned_abs)
        .map_err(|_| {
            Error::new(
                ErrorKind::InvalidOperation,
                format!("count={count} is not a whole number"),
            )
        })
}

fn set_limits(env: &mut Environment<'static>, pages: usize) {
    let for_pages = FUEL_PER_PAGE.saturating_mul(u64::try_from(pages).unwrap_or(u64::MAX));
    env.set_fuel(Some(TEMPLATE_FUEL.saturating_add(for_pages)));
    env.set_recursion_limit(TEMPLATE_RECURSION);
    env.add_filter("indent", capped_indent);
    env.add_filter(
        "slice",
        capped_split("the slice count", minijinja::filters::slice),
    );
    env.add_filter(
        "batch",
        capped_split("the batch size", minijinja::filters::batch),
    );
    env.add_filter("format", capped_format);
}

fn too_big(what: &str, size: usize) -> Error {
    Error::new(
        ErrorKind::InvalidOperation,
        format!("{what} {size} is over the limit of {MAX_FILTER_SIZE}"),
    )
}

fn capped_indent(
    value: StringInput<'_>,
    width: Option<usize>,
    first: Option<bool>,
    blank: Option<bool>,
    kwargs: Kwargs,
) -> Result<Value, Error> {
    let asked = match width {
        Some(width) => width,
        None => kwargs.peek::<Option<usize>>("width")?.unwrap_or(4),
    };
    if asked > MAX_FILTER_SIZE {
        return Err(too_big("the indent width", asked));
    }
    minijinja::filters::indent(value, width, first, blank, kwargs)
}

/// The signature `slice` and `batch` share.
type SplitFilter = fn(&State, Value, usize, Option<Value>) -> Result<Value, Error>;

/// `slice` or `batch`, refusing a count over the limit (each reserves
/// room for that many items first).
fn capped_split(
    what: &'static str,
    filter: SplitFilter,
) -> impl Fn(&State, Value, usize, Option<Value>) -> Result<Value, Error> {
    move |state, value, count, fill| {
        if count > MAX_FILTER_SIZE {
            return Err(too_big(what, count));
        }
        filter(state, value, count, fill)
    }
}

/// `format` pads to any width it is given (`%999999999s`): refuse a
/// width or precision over the limit.
fn capped_format(state: &State, format: &Value, args: Rest<Value>) -> Result<Value, Error> {
    let widest = format.as_str().map_or(0, widest_format_width);
    if widest > MAX_FILTER_SIZE {
        return Err(too_big("a width in the format", widest));
    }
    minijinja::filters::format(state, format, args)
}

/// The largest width or precision in a printf-style format (`%08.3f` →
/// 8); an overflowing number counts as the largest possible.
fn widest_format_width(format: &str) -> usize {
    let mut widest = 0;
    for spec in format.split('%').skip(1) {
        let spec = spec.trim_start_matches(['-', '+', ' ', '#', '0']);
        for number in spec.splitn(2, '.') {
            let digits: String = number.chars().take_while(char::is_ascii_digit).collect();
            if !digits.is_empty() {
                widest = widest.max(digits.parse().unwrap_or(usize::MAX));
            }
        }
    }
    widest
}

/// Bytes the values of the page being rendered have added so far (kept
/// in the render's state, so each page starts at nothing).
#[derive(Debug, Default)]
struct PageBytes(AtomicUsize);

impl Object for PageBytes {}

fn count_page_bytes(state: &State, added: usize) -> Result<(), Error> {
    let counter = state.get_or_set_temp_object("reportsite.page-bytes", PageBytes::default);
    let total = counter.0.fetch_add(added, Ordering::Relaxed) + added;
    if total > MAX_PAGE_BYTES {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!(
                "this page's values add up to over {} MB",
                MAX_PAGE_BYTES / 1024 / 1024
            ),
        ));
    }
    Ok(())
}

/// Escapes each value for wherever a template may put it (text, or a
/// double- or single-quoted attribute) with `escape::html_anywhere`, not
/// minijinja's default, which also escapes `/` and so bloats every URL.
fn escape_html(
    out: &mut minijinja::Output,
    state: &minijinja::State,
    value: &minijinja::Value,
) -> Result<(), minijinja::Error> {
    let escaping = !matches!(state.auto_escape(), minijinja::AutoEscape::None);
    if !escaping || value.is_safe() || value.is_none() {
        count_page_bytes(state, value.as_str().map_or(0, str::len))?;
        return minijinja::escape_formatter(out, state, value);
    }
    let text = value.to_string();
    count_page_bytes(state, text.len())?;
    out.write_str(&escape::html_anywhere(&text))
        .map_err(minijinja::Error::from)
}

fn template_diagnostic(
    error: &minijinja::Error,
    template: &TemplateFile,
    sources: &SourceMap,
    code: Code,
    page_label: Option<&str>,
) -> Diagnostic {
    let file = sources.file(template.file);
    let range = error.range().unwrap_or_else(|| {
        let start = error.line().map_or(0, |line| file.line_start(line));
        let end = file.text[start..]
            .find('\n')
            .map_or(file.text.len(), |i| start + i);
        start..end
    });
    let diagnostic = Diagnostic::error(code, Span::new(template.file, range), describe(error))
        .with_help("see the template syntax at https://docs.rs/minijinja/latest/minijinja/syntax/");
    match page_label {
        Some(page) => diagnostic.while_rendering(page),
        None => diagnostic,
    }
}

/// The innermost template error: an error inside an `{% include %}`
/// comes wrapped once per include, and only the innermost names the line
/// that went wrong.
fn root_cause(error: &Error) -> &Error {
    let mut innermost = error;
    while let Some(inner) =
        std::error::Error::source(innermost).and_then(|source| source.downcast_ref::<Error>())
    {
        innermost = inner;
    }
    innermost
}

fn describe(error: &minijinja::Error) -> String {
    let what = match error.detail() {
        Some(detail) => format!("{}: {detail}", error.kind()),
        None => error.kind().to_string(),
    };
    match error.kind() {
        ErrorKind::OutOfFuel => {
            format!("{what} (a loop or recursion in the template runs too long for one page)")
        }
        _ if what.contains("recursion limit") => {
            format!("{what} (a template includes itself, or a macro calls itself, without end)")
        }
        _ => what,
    }
}
