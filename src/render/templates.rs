//! The minijinja environment: every template (defaults, then the site's
//! overrides) is parsed on each build; a syntax error is a diagnostic at
//! `layouts/<name>:line:col`.
//!
//! Invariant: template errors never panic and never stop other pages
//! rendering; each is reported once per template and page.

use minijinja::{Environment, UndefinedBehavior};

use crate::diagnostics::{Code, Diagnostic, Span};
use crate::load::TemplateFile;
use crate::source::SourceMap;

pub struct Templates {
    pub env: Environment<'static>,
    files: Vec<TemplateFile>,
}

impl Templates {
    /// Parses every template. A template with a syntax error is left out
    /// and reported.
    pub fn new(
        files: &[TemplateFile],
        sources: &SourceMap,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Self {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Chainable);
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        env.set_formatter(escape_html);
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
        result.map_err(|error| {
            let failing = error.name().unwrap_or(name);
            match self.files.iter().find(|file| file.name == failing) {
                Some(template) => template_diagnostic(
                    &error,
                    template,
                    sources,
                    Code::TemplateError,
                    Some(page_label),
                ),
                None => Diagnostic::global(
                    Code::TemplateError,
                    format!(
                        "template '{name}' failed while rendering {page_label}: {}",
                        describe(&error)
                    ),
                )
                .with_help(format!(
                    "add layouts/{name}, or fix the template that includes it"
                )),
            }
        })
    }
}

/// Escapes the five characters that matter in HTML text and attributes.
/// minijinja's default also escapes `/`, which bloats every URL.
fn escape_html(
    out: &mut minijinja::Output,
    state: &minijinja::State,
    value: &minijinja::Value,
) -> Result<(), minijinja::Error> {
    let escaping = !matches!(state.auto_escape(), minijinja::AutoEscape::None);
    if !escaping || value.is_safe() || value.is_none() {
        return minijinja::escape_formatter(out, state, value);
    }
    let text = value.to_string();
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            other => escaped.push(other),
        }
    }
    out.write_str(&escaped).map_err(minijinja::Error::from)
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
    let message = match page_label {
        Some(page) => format!("{} (while rendering {page})", describe(error)),
        None => describe(error),
    };
    Diagnostic::error(code, Span::new(template.file, range), message)
        .with_help("see the template syntax at https://docs.rs/minijinja/latest/minijinja/syntax/")
}

fn describe(error: &minijinja::Error) -> String {
    match error.detail() {
        Some(detail) => format!("{}: {detail}", error.kind()),
        None => error.kind().to_string(),
    }
}
