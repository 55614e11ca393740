//! Components in Markdown, in Zola's shortcode syntax: `{{ name(key="value",
//! n=3) }}` on a line of its own, or `{% name(key="value") %}` … `{% end %}`
//! around Markdown. What each component takes (`ComponentSpecs`: the
//! built-in ones, and a site's own from `layouts/shortcodes/`), and
//! `find_components`, which finds the calls in a page's body, checks each,
//! and hands back the body with every call replaced by an HTML comment of
//! the same length: CommonMark then sees a block of its own there (an HTML
//! comment may interrupt a paragraph), and every byte after it keeps its
//! place, so spans stay true.
//!
//! Invariant: depends only on the body and the specs, like the rest of a
//! page's record. Raw HTML stays off: a component's markup comes only from
//! its template.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;

use crate::diagnostics::{Code, Diagnostic, Span, suggest};
use crate::source::FileId;

/// What an argument's value must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgKind {
    Text,
    Number,
    Bool,
    /// An address, resolved and checked like a Markdown link.
    Link,
    /// An `@/` link to a resource page (a card).
    Resource,
    /// An `@/` link to a video page.
    Video,
    /// Whatever the site's own template makes of it.
    Any,
}

impl ArgKind {
    /// Whether the value is an address the link phase resolves.
    pub fn is_link(self) -> bool {
        matches!(self, Self::Link | Self::Resource | Self::Video)
    }

    fn describe(self) -> &'static str {
        match self {
            Self::Text | Self::Any => "words in quotes",
            Self::Number => "a number",
            Self::Bool => "true or false",
            Self::Link => "an address in quotes (@/ a content file, or https://…)",
            Self::Resource => {
                "a resource's content file in quotes, such as \"@/resources/leaflet.md\""
            }
            Self::Video => "a video's content file in quotes, such as \"@/videos/talk.md\"",
        }
    }
}

#[derive(Debug, Clone)]
pub struct ArgSpec {
    pub name: String,
    pub kind: ArgKind,
    pub required: bool,
    /// An argument that must come with this one (`label2` with `value2`).
    pub partner: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ComponentSpec {
    pub name: String,
    pub args: Vec<ArgSpec>,
    /// Written `{% name() %}` … `{% end %}`, around Markdown.
    pub takes_body: bool,
}

impl ComponentSpec {
    pub fn arg(&self, name: &str) -> Option<&ArgSpec> {
        self.args.iter().find(|arg| arg.name == name)
    }
}

/// Every component a site can use, by name.
#[derive(Debug, Clone)]
pub struct ComponentSpecs {
    by_name: BTreeMap<String, ComponentSpec>,
}

impl Default for ComponentSpecs {
    fn default() -> Self {
        Self::built_in()
    }
}

fn text(name: &str, required: bool) -> ArgSpec {
    ArgSpec {
        name: name.to_string(),
        kind: ArgKind::Text,
        required,
        partner: None,
    }
}

fn spec(name: &str, takes_body: bool, args: Vec<ArgSpec>) -> ComponentSpec {
    ComponentSpec {
        name: name.to_string(),
        args,
        takes_body,
    }
}

/// `valueN` and `labelN`, each needing the other; the first pair required.
fn figure_pairs() -> Vec<ArgSpec> {
    (1..=4)
        .flat_map(|n| {
            let (value, label) = (format!("value{n}"), format!("label{n}"));
            [
                ArgSpec {
                    partner: Some(label.clone()),
                    ..text(&value, n == 1)
                },
                ArgSpec {
                    partner: Some(value),
                    ..text(&label, n == 1)
                },
            ]
        })
        .collect()
}

impl ComponentSpecs {
    /// The components every site has (templates in `layouts/shortcodes/`).
    pub fn built_in() -> Self {
        let link = |name: &str, kind| ArgSpec {
            name: name.to_string(),
            kind,
            required: true,
            partner: None,
        };
        let specs = [
            spec("warning", true, Vec::new()),
            spec("inset", true, Vec::new()),
            spec("details", true, vec![text("summary", true)]),
            spec("quote", true, vec![text("who", false)]),
            spec("figures", false, figure_pairs()),
            spec("resource", false, vec![link("page", ArgKind::Resource)]),
            spec("video", false, vec![link("page", ArgKind::Video)]),
            spec("contact", false, Vec::new()),
            spec("concern", false, Vec::new()),
            spec(
                "button",
                false,
                vec![link("url", ArgKind::Link), text("text", true)],
            ),
        ];
        Self {
            by_name: specs
                .into_iter()
                .map(|spec| (spec.name.clone(), spec))
                .collect(),
        }
    }

    /// A site's own component (`layouts/shortcodes/<name>.html`): it takes
    /// the variables its template uses, none required; one named like a
    /// built-in component keeps the built-in's arguments.
    pub fn add_site_component(&mut self, name: &str, variables: Vec<String>, takes_body: bool) {
        if self.by_name.contains_key(name) {
            return;
        }
        let args = variables
            .into_iter()
            .filter(|variable| variable != "body")
            .map(|variable| ArgSpec {
                name: variable,
                kind: ArgKind::Any,
                required: false,
                partner: None,
            })
            .collect();
        self.by_name
            .insert(name.to_string(), spec(name, takes_body, args));
    }

    pub fn get(&self, name: &str) -> Option<&ComponentSpec> {
        self.by_name.get(name)
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.by_name.keys().map(String::as_str)
    }
}

/// An argument's value as written.
#[derive(Debug, Clone, PartialEq)]
pub enum ArgValue {
    Text(String),
    Number(f64),
    Bool(bool),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ComponentArg {
    pub name: String,
    pub value: ArgValue,
    /// The value, inside its quotes, in the whole file.
    pub value_span: Range<usize>,
}

/// One component in a page, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct ComponentCall {
    pub name: String,
    pub args: Vec<ComponentArg>,
    /// The whole call, `{{` to `}}`, in the whole file.
    pub span: Range<usize>,
    /// The 1-based line of the body the call starts on (where CommonMark
    /// puts its block), and, for a component with a body, its `{% end %}`.
    pub line: usize,
    pub end_line: Option<usize>,
    /// Whether it passed every check (one that did not renders nothing).
    pub valid: bool,
}

impl ComponentCall {
    pub fn arg(&self, name: &str) -> Option<&ArgValue> {
        self.args
            .iter()
            .find(|arg| arg.name == name)
            .map(|arg| &arg.value)
    }

    /// The arguments whose values are addresses, in the order written:
    /// the link phase resolves them in this order, after the page's
    /// Markdown links, and rendering takes their hrefs in the same order.
    pub fn link_args<'a>(
        &'a self,
        specs: &'a ComponentSpecs,
    ) -> impl Iterator<Item = (&'a ComponentArg, ArgKind)> + 'a {
        let spec = specs.get(&self.name).filter(|_| self.valid);
        self.args.iter().filter_map(move |arg| {
            let kind = spec?.arg(&arg.name)?.kind;
            kind.is_link().then_some((arg, kind))
        })
    }
}

/// A page's components, and its body as CommonMark is to read it.
#[derive(Debug, Clone, Default)]
pub struct FoundComponents<'b> {
    pub calls: Vec<ComponentCall>,
    pub body: Cow<'b, str>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Where a body is: its file, and the byte its body starts at.
#[derive(Debug, Clone, Copy)]
pub struct BodyPlace {
    pub file: FileId,
    pub offset: usize,
}

impl BodyPlace {
    fn span(self, range: Range<usize>) -> Span {
        Span::new(
            self.file,
            range.start + self.offset..range.end + self.offset,
        )
    }
}

/// Finds, checks and marks the components of `body`.
pub fn find_components<'b>(
    body: &'b str,
    place: BodyPlace,
    specs: &ComponentSpecs,
) -> FoundComponents<'b> {
    if !body.contains("{{") && !body.contains("{%") {
        return FoundComponents {
            body: Cow::Borrowed(body),
            ..FoundComponents::default()
        };
    }
    let mut finder = Finder {
        body,
        place,
        specs,
        marked: body.as_bytes().to_vec(),
        calls: Vec::new(),
        open: Vec::new(),
        diagnostics: Vec::new(),
    };
    finder.scan();
    let body = String::from_utf8(finder.marked).map_or(Cow::Borrowed(body), Cow::Owned);
    FoundComponents {
        calls: finder.calls,
        body,
        diagnostics: finder.diagnostics,
    }
}

struct Finder<'b, 's> {
    body: &'b str,
    place: BodyPlace,
    specs: &'s ComponentSpecs,
    /// The body with each call replaced (ASCII over whole characters, so
    /// it stays UTF-8).
    marked: Vec<u8>,
    calls: Vec<ComponentCall>,
    /// Calls waiting for their `{% end %}`, by index.
    open: Vec<usize>,
    diagnostics: Vec<Diagnostic>,
}

/// One line of the body: its start and its text without the line break.
#[derive(Clone, Copy)]
struct Line<'b> {
    number: usize,
    start: usize,
    text: &'b str,
}

impl Finder<'_, '_> {
    fn scan(&mut self) {
        let lines = lines(self.body);
        let mut fence: Option<(u8, usize)> = None;
        let mut next = 0;
        while let Some(&line) = lines.get(next) {
            next += 1;
            if let Some(mark) = fence_mark(line.text) {
                fence = match fence {
                    None => Some(mark),
                    Some(open) if mark.0 == open.0 && mark.1 >= open.1 => None,
                    still => still,
                };
                continue;
            }
            if fence.is_some() {
                continue;
            }
            let prefix = block_prefix(line.text);
            let rest = &line.text[prefix..];
            if rest.starts_with("{{") || rest.starts_with("{%") {
                let at = line.start + prefix;
                if let Some(end) = self.call_at(at, line, prefix) {
                    while lines.get(next).is_some_and(|later| later.start < end) {
                        next += 1;
                    }
                }
            } else {
                self.stray_call(line);
            }
        }
        for index in std::mem::take(&mut self.open) {
            let call = &mut self.calls[index];
            call.valid = false;
            let span = Span::new(self.place.file, call.span.clone());
            let name = call.name.clone();
            self.diagnostics.push(
                Diagnostic::error(
                    Code::ComponentPlacement,
                    span,
                    format!("`{name}` is opened here but never closed"),
                )
                .with_help(format!(
                    "end the words it holds with {{% end %}} on a line of its own, or write {{{{ {name}(…) }}}} if it holds none"
                )),
            );
        }
    }

    /// Parses the call at `at`; returns where it ends when it parsed.
    fn call_at(&mut self, at: usize, line: Line<'_>, prefix: usize) -> Option<usize> {
        let parsed = match parse_call(self.body, at) {
            Ok(parsed) => parsed,
            Err(problem) => {
                self.diagnostics.push(
                    Diagnostic::error(
                        Code::ComponentSyntax,
                        self.place.span(problem.at.clone()),
                        problem.message,
                    )
                    .with_help(
                        "write a component as {{ name(key=\"value\") }}, or {% name(key=\"value\") %} … {% end %} around words",
                    ),
                );
                return None;
            }
        };
        let end = parsed.end;
        let line_end = self.body[end..]
            .find('\n')
            .map_or(self.body.len(), |n| end + n);
        if !self.body[end..line_end].trim().is_empty() {
            self.not_alone(end..line_end, "after it");
            return Some(end);
        }
        let spans_lines = self.body[at..end].contains('\n');
        if spans_lines && !line.text[..prefix].trim().is_empty() {
            self.diagnostics.push(
                Diagnostic::error(
                    Code::ComponentPlacement,
                    self.place.span(at..end),
                    "a component in a list or a quote must be written on one line",
                )
                .with_help("put all its arguments on the line it starts on"),
            );
            return Some(end);
        }
        self.mark(at..end);
        match parsed.call {
            Parsed::End => self.close(line.number, at..end),
            Parsed::Call {
                name,
                name_span,
                args,
                body,
            } => {
                let call = self.checked(name, name_span, args, body, at..end, line.number);
                self.calls.push(call);
                // Paired by how it is written, whatever is wrong with it,
                // so its {% end %} is not reported too.
                if body {
                    self.open.push(self.calls.len() - 1);
                }
            }
        }
        Some(end)
    }

    fn close(&mut self, line: usize, span: Range<usize>) {
        match self.open.pop() {
            Some(index) => self.calls[index].end_line = Some(line),
            None => self.diagnostics.push(
                Diagnostic::error(
                    Code::ComponentPlacement,
                    self.place.span(span),
                    "{% end %} with no component open above it",
                )
                .with_help(
                    "remove it, or open a component above it, such as {% details(summary=\"…\") %}",
                ),
            ),
        }
    }

    /// Replaces `range` with an HTML comment of the same length.
    fn mark(&mut self, range: Range<usize>) {
        for byte in &mut self.marked[range.clone()] {
            if *byte != b'\n' {
                *byte = b' ';
            }
        }
        self.marked[range.start..range.start + 4].copy_from_slice(b"<!--");
        self.marked[range.end - 3..range.end].copy_from_slice(b"-->");
    }

    /// `{{ name(` or `{% name(` in the middle of a line (not in code).
    fn stray_call(&mut self, line: Line<'_>) {
        let Some(offset) = stray_offset(line.text) else {
            return;
        };
        let at = line.start + offset;
        if line.text.trim_start().starts_with('|') {
            self.diagnostics.push(
                Diagnostic::error(
                    Code::ComponentPlacement,
                    self.place.span(at..line.start + line.text.len()),
                    "a component cannot go in a table",
                )
                .with_help("put it on a line of its own above or below the table"),
            );
        } else {
            self.not_alone(at..line.start + line.text.len(), "around it");
        }
    }

    fn not_alone(&mut self, range: Range<usize>, where_: &str) {
        self.diagnostics.push(
            Diagnostic::error(
                Code::ComponentPlacement,
                self.place.span(range),
                format!("a component goes on a line of its own, with nothing {where_}"),
            )
            .with_help("start a new line for it, with a blank line before and after"),
        );
    }

    /// The call with its problems reported.
    fn checked(
        &mut self,
        name: String,
        name_span: Range<usize>,
        args: Vec<ComponentArg>,
        with_body: bool,
        span: Range<usize>,
        line: usize,
    ) -> ComponentCall {
        let args = args
            .into_iter()
            .map(|arg| ComponentArg {
                value_span: arg.value_span.start + self.place.offset
                    ..arg.value_span.end + self.place.offset,
                ..arg
            })
            .collect();
        let mut call = ComponentCall {
            name,
            args,
            span: span.start + self.place.offset..span.end + self.place.offset,
            line,
            end_line: None,
            valid: true,
        };
        let problems = match self.specs.get(&call.name) {
            None => vec![unknown_component(&call.name, self.specs)],
            Some(spec) => check_args(spec, &call, with_body),
        };
        for problem in problems {
            call.valid = false;
            let span = match problem.at {
                ProblemAt::Name => self.place.span(name_span.clone()),
                ProblemAt::Call => Span::new(self.place.file, call.span.clone()),
                ProblemAt::Value(range) => Span::new(self.place.file, range),
            };
            self.diagnostics.push(
                Diagnostic::error(problem.code, span, problem.message).with_help(problem.help),
            );
        }
        call
    }
}

enum ProblemAt {
    Name,
    Call,
    Value(Range<usize>),
}

struct CallProblem {
    code: Code,
    at: ProblemAt,
    message: String,
    help: String,
}

fn unknown_component(name: &str, specs: &ComponentSpecs) -> CallProblem {
    let nearest = suggest::nearest(name, specs.names());
    let known: Vec<&str> = specs.names().collect();
    CallProblem {
        code: Code::UnknownComponent,
        at: ProblemAt::Name,
        message: format!("there is no component called `{name}`"),
        help: match nearest {
            Some(nearest) => format!("did you mean `{nearest}`?"),
            None => format!(
                "the components are {}; a site adds its own in layouts/shortcodes/<name>.html",
                known.join(", ")
            ),
        },
    }
}

/// Every problem with a known component's arguments and body.
fn check_args(spec: &ComponentSpec, call: &ComponentCall, with_body: bool) -> Vec<CallProblem> {
    let mut problems = Vec::new();
    let name = &spec.name;
    if spec.takes_body != with_body {
        let help = if spec.takes_body {
            format!("write {{% {name}(…) %}} on a line, the words it holds below, then {{% end %}}")
        } else {
            format!("write {{{{ {name}(…) }}}}: it holds no words")
        };
        problems.push(CallProblem {
            code: Code::ComponentPlacement,
            at: ProblemAt::Name,
            message: if spec.takes_body {
                format!("`{name}` holds words, so it needs {{% … %}} and an {{% end %}}")
            } else {
                format!("`{name}` holds no words, so it is written with {{{{ … }}}}")
            },
            help,
        });
    }
    for (index, arg) in call.args.iter().enumerate() {
        let value = ProblemAt::Value(arg.value_span.clone());
        if call.args[..index]
            .iter()
            .any(|earlier| earlier.name == arg.name)
        {
            problems.push(CallProblem {
                code: Code::ComponentArgument,
                at: value,
                message: format!("`{}` is given twice", arg.name),
                help: "keep one of them".to_string(),
            });
            continue;
        }
        match spec.arg(&arg.name) {
            None => problems.push(unknown_arg(spec, &arg.name, value)),
            Some(rule) if !fits(rule.kind, &arg.value) => problems.push(CallProblem {
                code: Code::ComponentArgument,
                at: value,
                message: format!(
                    "`{}` of `{name}` must be {}",
                    arg.name,
                    rule.kind.describe()
                ),
                help: format!("for example {}=\"…\"", arg.name),
            }),
            Some(_) => {}
        }
    }
    for rule in &spec.args {
        let given = call.arg(&rule.name).is_some();
        let partner_given = rule
            .partner
            .as_deref()
            .is_some_and(|p| call.arg(p).is_some());
        if !given && (rule.required || partner_given) {
            problems.push(CallProblem {
                code: Code::ComponentArgument,
                at: ProblemAt::Call,
                message: format!("`{name}` needs `{}`", rule.name),
                help: format!(
                    "add {}=\"…\" inside the brackets ({})",
                    rule.name,
                    rule.kind.describe()
                ),
            });
        }
    }
    problems
}

fn unknown_arg(spec: &ComponentSpec, arg: &str, at: ProblemAt) -> CallProblem {
    let names: Vec<&str> = spec.args.iter().map(|rule| rule.name.as_str()).collect();
    let nearest = suggest::nearest(arg, names.iter().copied());
    CallProblem {
        code: Code::ComponentArgument,
        at,
        message: format!("`{}` takes no argument called `{arg}`", spec.name),
        help: match (nearest, names.is_empty()) {
            (Some(nearest), _) => format!("did you mean `{nearest}`?"),
            (None, true) => format!(
                "`{}` takes no arguments: leave the brackets empty",
                spec.name
            ),
            (None, false) => format!("it takes {}", names.join(", ")),
        },
    }
}

fn fits(kind: ArgKind, value: &ArgValue) -> bool {
    match kind {
        ArgKind::Any => true,
        ArgKind::Number => matches!(value, ArgValue::Number(_)),
        ArgKind::Bool => matches!(value, ArgValue::Bool(_)),
        ArgKind::Text | ArgKind::Link | ArgKind::Resource | ArgKind::Video => {
            matches!(value, ArgValue::Text(text) if !text.trim().is_empty())
        }
    }
}

fn lines(body: &str) -> Vec<Line<'_>> {
    let mut start = 0;
    body.split_inclusive('\n')
        .enumerate()
        .map(|(index, raw)| {
            let line = Line {
                number: index + 1,
                start,
                text: raw.trim_end_matches(['\n', '\r']),
            };
            start += raw.len();
            line
        })
        .collect()
}

/// A fence line's character and length (```` ``` ```` or `~~~`).
fn fence_mark(line: &str) -> Option<(u8, usize)> {
    let trimmed = line.trim_start();
    let first = *trimmed.as_bytes().first()?;
    if first != b'`' && first != b'~' {
        return None;
    }
    let count = trimmed.bytes().take_while(|&byte| byte == first).count();
    (count >= 3).then_some((first, count))
}

/// How much of a line is indentation and list or quote markers.
fn block_prefix(line: &str) -> usize {
    let bytes = line.as_bytes();
    let mut at = 0;
    loop {
        while bytes.get(at).is_some_and(|b| *b == b' ' || *b == b'\t') {
            at += 1;
        }
        let marker = match bytes.get(at) {
            Some(b'>') => 1,
            Some(b'-' | b'*' | b'+') if bytes.get(at + 1) == Some(&b' ') => 1,
            Some(b'0'..=b'9') => {
                let digits = bytes[at..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count();
                let after = bytes.get(at + digits);
                if digits <= 9
                    && matches!(after, Some(b'.' | b')'))
                    && bytes.get(at + digits + 1) == Some(&b' ')
                {
                    digits + 1
                } else {
                    0
                }
            }
            _ => 0,
        };
        if marker == 0 {
            return at;
        }
        at += marker;
    }
}

/// Where `{{ name(` or `{% name(` (or `{% end %}`) starts in a line, outside
/// code spans.
fn stray_offset(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut in_code = false;
    for (at, &byte) in bytes.iter().enumerate() {
        if byte == b'`' {
            in_code = !in_code;
            continue;
        }
        if in_code || byte != b'{' || !matches!(bytes.get(at + 1), Some(b'{' | b'%')) {
            continue;
        }
        let rest = line[at + 2..].trim_start();
        let name_len = rest
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
            .count();
        let after = rest[name_len..].trim_start();
        if name_len > 0
            && (after.starts_with('(') || (&rest[..name_len] == "end" && after.starts_with("%}")))
        {
            return Some(at);
        }
    }
    None
}

/// A call as written, before it is checked.
enum Parsed {
    Call {
        name: String,
        name_span: Range<usize>,
        args: Vec<ComponentArg>,
        body: bool,
    },
    End,
}

struct ParsedCall {
    call: Parsed,
    /// The byte after the closing `}}` or `%}`.
    end: usize,
}

struct SyntaxProblem {
    at: Range<usize>,
    message: String,
}

/// A cursor over the body for one call; positions are body bytes.
struct Cursor<'b> {
    text: &'b str,
    at: usize,
}

impl Cursor<'_> {
    fn skip_space(&mut self) {
        let rest = &self.text[self.at..];
        self.at += rest.len() - rest.trim_start().len();
    }

    fn eat(&mut self, token: &str) -> bool {
        self.skip_space();
        let found = self.text[self.at..].starts_with(token);
        if found {
            self.at += token.len();
        }
        found
    }

    fn name(&mut self) -> Option<Range<usize>> {
        self.skip_space();
        let rest = &self.text[self.at..];
        let len = rest
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
            .count();
        let starts_well = rest
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_');
        (len > 0 && starts_well).then(|| {
            self.at += len;
            self.at - len..self.at
        })
    }

    fn problem(&self, message: impl Into<String>) -> SyntaxProblem {
        let end = self.text[self.at..]
            .chars()
            .next()
            .map_or(self.at, |c| self.at + c.len_utf8());
        SyntaxProblem {
            at: self.at..end,
            message: message.into(),
        }
    }

    /// A value: a string in double, single or back quotes, a number,
    /// `true` or `false`; with the span of what is inside the quotes.
    fn value(&mut self) -> Result<(ArgValue, Range<usize>), SyntaxProblem> {
        self.skip_space();
        let rest = &self.text[self.at..];
        if let Some(quote) = rest
            .chars()
            .next()
            .filter(|c| matches!(c, '"' | '\'' | '`'))
        {
            let inside = &rest[1..];
            let Some(close) = inside.find(quote) else {
                return Err(self.problem(format!("this {quote} is never closed")));
            };
            let start = self.at + 1;
            self.at = start + close + 1;
            return Ok((
                ArgValue::Text(inside[..close].to_string()),
                start..start + close,
            ));
        }
        let len = rest
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'+' | b'_'))
            .count();
        let word = &rest[..len];
        let span = self.at..self.at + len;
        let value = match word {
            "true" => ArgValue::Bool(true),
            "false" => ArgValue::Bool(false),
            _ => match word.parse::<f64>() {
                Ok(number) if number.is_finite() => ArgValue::Number(number),
                _ => {
                    return Err(
                        self.problem("a value is words in quotes, a number, or true or false")
                    );
                }
            },
        };
        self.at += len;
        Ok((value, span))
    }
}

/// Parses the call starting at `at` (on `{{` or `{%`).
fn parse_call(body: &str, at: usize) -> Result<ParsedCall, SyntaxProblem> {
    let mut cursor = Cursor { text: body, at };
    let body_form = body[at..].starts_with("{%");
    cursor.at += 2;
    let close = if body_form { "%}" } else { "}}" };
    let name_span = cursor
        .name()
        .ok_or_else(|| cursor.problem("a component's name comes first, such as warning"))?;
    let name = body[name_span.clone()].to_string();
    if body_form && name == "end" {
        if !cursor.eat("%}") {
            return Err(cursor.problem("{% end %} has nothing else in it"));
        }
        return Ok(ParsedCall {
            call: Parsed::End,
            end: cursor.at,
        });
    }
    if !cursor.eat("(") {
        return Err(cursor.problem(format!(
            "`{name}` needs brackets after it, even empty: {name}()"
        )));
    }
    let mut args = Vec::new();
    loop {
        if cursor.eat(")") {
            break;
        }
        let key = cursor
            .name()
            .ok_or_else(|| cursor.problem("expected an argument's name, or ) to end them"))?;
        if !cursor.eat("=") {
            return Err(cursor.problem(format!("expected = after `{}`", &body[key.clone()])));
        }
        let (value, value_span) = cursor.value()?;
        args.push(ComponentArg {
            name: body[key].to_string(),
            value,
            value_span,
        });
        if !cursor.eat(",") && !cursor.text[cursor.at..].trim_start().starts_with(')') {
            return Err(cursor.problem("expected , between arguments, or ) after the last"));
        }
    }
    if !cursor.eat(close) {
        return Err(cursor.problem(format!("expected {close} to end the component")));
    }
    Ok(ParsedCall {
        call: Parsed::Call {
            name,
            name_span,
            args,
            body: body_form,
        },
        end: cursor.at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(body: &str) -> FoundComponents<'_> {
        let file = crate::source::SourceMap::new().add("page.md", body.to_string());
        let place = BodyPlace { file, offset: 0 };
        find_components(body, place, &ComponentSpecs::built_in())
    }

    fn codes(found: &FoundComponents<'_>) -> Vec<(&'static str, String)> {
        found
            .diagnostics
            .iter()
            .map(|d| (d.code.as_str(), d.message.clone()))
            .collect()
    }

    #[test]
    fn calls_become_comments_of_the_same_length() {
        let body = "Intro\n{{ button(url=\"@/a.md\", text=\"Book\") }}\n\n{% details(summary=\"More\") %}\nWords *here*.\n{% end %}\n";
        let found = find(body);
        assert_eq!(codes(&found), Vec::new());
        assert_eq!(found.body.len(), body.len());
        let lines: Vec<&str> = found.body.lines().collect();
        assert!(lines[1].starts_with("<!--") && lines[1].ends_with("-->"));
        assert_eq!(lines[4], "Words *here*.");
        assert!(lines[5].starts_with("<!--") && lines[5].ends_with("-->"));
        assert_eq!(found.calls.len(), 2);
        assert_eq!(
            found.calls[0].arg("text"),
            Some(&ArgValue::Text("Book".into()))
        );
        assert_eq!(&body[found.calls[0].args[0].value_span.clone()], "@/a.md");
        assert_eq!((found.calls[1].line, found.calls[1].end_line), (4, Some(6)));
    }

    #[test]
    fn code_is_left_alone() {
        let body = "```\n{{ nothing(here=1) }}\n```\n\nSay `{{ warning() }}` in code.\n";
        let found = find(body);
        assert_eq!(codes(&found), Vec::new());
        assert_eq!(found.body, body);
    }

    #[test]
    fn an_unknown_component_offers_the_nearest_name() {
        let found = find("{{ buton(url=\"/\", text=\"Go\") }}\n");
        assert_eq!(found.diagnostics[0].code, Code::UnknownComponent);
        assert_eq!(
            found.diagnostics[0].help.as_deref(),
            Some("did you mean `button`?")
        );
        assert_eq!(
            found.diagnostics[0].span.as_ref().map(|s| s.range.clone()),
            Some(3..8)
        );
    }

    #[test]
    fn arguments_are_checked_at_the_argument() {
        let found = find("{{ button(url=\"/\", txt=\"Go\", text=3) }}\n");
        let messages = codes(&found);
        assert!(
            messages
                .iter()
                .all(|(code, _)| *code == "component-argument"),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|(_, m)| m.contains("no argument called `txt`"))
        );
        assert!(
            messages
                .iter()
                .any(|(_, m)| m.contains("`text` of `button` must be words"))
        );
        let figures = find("{{ figures(value1=\"3\", label1=\"Priorities\", value2=\"£1\") }}\n");
        assert_eq!(
            codes(&figures),
            vec![("component-argument", "`figures` needs `label2`".to_string())]
        );
    }

    #[test]
    fn placement_problems_are_explained() {
        let cases = [
            ("Text {{ warning() }}\n", "a line of its own"),
            ("| a | {{ contact() }} |\n", "in a table"),
            ("{% warning() %}\nWords\n", "never closed"),
            ("{% end %}\n", "no component open"),
            ("{{ warning() }}\n", "needs {% … %}"),
            ("{% contact() %}\n{% end %}\n", "holds no words"),
        ];
        for (body, expected) in cases {
            let found = find(body);
            assert!(
                found
                    .diagnostics
                    .iter()
                    .any(|d| d.message.contains(expected)),
                "{body:?}: {:?}",
                codes(&found)
            );
        }
    }

    #[test]
    fn syntax_errors_point_at_the_place() {
        let found = find("{{ button(url=\"/\" text=\"x\") }}\n");
        assert_eq!(found.diagnostics[0].code, Code::ComponentSyntax);
        assert_eq!(found.body, "{{ button(url=\"/\" text=\"x\") }}\n");
        let unclosed = find("{{ details(summary=\"oops) }}\n");
        assert!(unclosed.diagnostics[0].message.contains("never closed"));
    }

    #[test]
    fn a_list_item_can_hold_a_component_on_one_line() {
        let found = find("- {{ resource(page=\"@/resources/a.md\") }}\n- {{ contact(\n) }}\n");
        assert_eq!(found.calls.len(), 1, "the one split over lines is refused");
        assert!(found.body.starts_with("- <!--"));
        assert!(found.diagnostics[0].message.contains("on one line"));
    }
}
