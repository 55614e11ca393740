//! Splits `+++` TOML front matter from the Markdown body and reads it into
//! `FrontMatter`. The keys come in groups, one serde type each
//! (`PageKeys`, `ReportKeys`, `CatalogueKeys`...); each kind of content
//! takes the groups `KeyGroup::of` lists, and its allowed keys are theirs.
//!
//! Invariant: spans stay relative to the whole file (the TOML starts after
//! the opening `+++` line, the body after the closing one).

use std::ops::Range;

use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::DeTable;

use crate::diagnostics::{Code, Diagnostic, Span};
use crate::source::FileId;
use crate::typed_toml::{TableKeys, TomlDate, TomlSource, deserialize_table, parse_table};

/// Where the parts of a `.md` file are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitFile {
    pub toml: Range<usize>,
    pub body_offset: usize,
}

/// One file's front matter: the groups of keys its kind takes, read; the
/// groups it does not take are left empty.
#[derive(Debug, Default)]
pub struct FrontMatter {
    pub page: PageKeys,
    /// `slug`: every kind but sections and reports, whose address is
    /// their folder.
    pub slug: Option<Spanned<String>>,
    /// `priorities`: the priorities a chapter, news item, resource or
    /// video is about.
    pub priorities: Option<Vec<Spanned<String>>>,
    pub report: ReportKeys,
    pub engagement: EngagementKeys,
    pub priority: PriorityKeys,
    pub catalogue: CatalogueKeys,
    pub resource: ResourceKeys,
    pub video: VideoKeys,
    pub event: EventKeys,
}

/// The keys every kind of content takes.
#[derive(Debug, Default, Deserialize, JsonSchema)]
pub struct PageKeys {
    #[schemars(with = "Option<String>")]
    pub title: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub summary: Option<Spanned<String>>,
    #[schemars(with = "Option<TomlDate>")]
    pub date: Option<Spanned<toml::value::Datetime>>,
    pub draft: Option<bool>,
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub aliases: Vec<Spanned<String>>,
    #[schemars(with = "Option<i64>")]
    pub weight: Option<Spanned<i64>>,
}

#[derive(Default, Deserialize, JsonSchema)]
struct SlugKeys {
    #[schemars(with = "Option<String>")]
    slug: Option<Spanned<String>>,
}

#[derive(Default, Deserialize, JsonSchema)]
struct PriorityLinkKeys {
    #[schemars(with = "Option<Vec<String>>")]
    priorities: Option<Vec<Spanned<String>>>,
}

/// A yearly report's `_index.md`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
pub struct ReportKeys {
    #[schemars(with = "Option<String>")]
    pub year: Option<Spanned<String>>,
    #[schemars(with = "Option<TomlDate>")]
    pub published: Option<Spanned<toml::value::Datetime>>,
    #[schemars(with = "Option<TomlDate>")]
    pub period_start: Option<Spanned<toml::value::Datetime>>,
    #[schemars(with = "Option<TomlDate>")]
    pub period_end: Option<Spanned<toml::value::Datetime>>,
}

/// A yearly report or chapter that shows what was used in its year, from
/// the saved engagement report covering it (`reportsite engagement --save`).
#[derive(Debug, Default, Deserialize, JsonSchema)]
pub struct EngagementKeys {
    #[schemars(with = "Option<bool>")]
    pub show_engagement: Option<Spanned<bool>>,
}

/// A priority.
#[derive(Debug, Default, Deserialize, JsonSchema)]
pub struct PriorityKeys {
    #[schemars(with = "Option<String>")]
    pub status: Option<Spanned<String>>,
    #[schemars(with = "Option<Vec<String>>")]
    pub years: Option<Spanned<Vec<Spanned<String>>>>,
    #[schemars(with = "Option<String>")]
    pub lead: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Vec<crate::content::Impact>")]
    pub impact: Vec<Spanned<crate::content::Impact>>,
}

/// What resources and videos share: how they are found and when they are
/// reviewed.
#[derive(Debug, Default, Deserialize, JsonSchema)]
pub struct CatalogueKeys {
    #[schemars(with = "Option<Vec<String>>")]
    pub audiences: Option<Spanned<Vec<Spanned<String>>>>,
    #[schemars(with = "Option<Vec<String>>")]
    pub topics: Option<Spanned<Vec<Spanned<String>>>>,
    #[schemars(with = "Option<String>")]
    pub format: Option<Spanned<String>>,
    #[schemars(with = "Option<TomlDate>")]
    pub published: Option<Spanned<toml::value::Datetime>>,
    #[schemars(with = "Option<TomlDate>")]
    pub review_by: Option<Spanned<toml::value::Datetime>>,
    #[schemars(with = "Option<TomlDate>")]
    pub reviewed: Option<Spanned<toml::value::Datetime>>,
    #[schemars(with = "Option<String>")]
    pub language: Option<Spanned<String>>,
    /// What it cost to make, in whole pounds (for `reportsite engagement`:
    /// cost per use); never shown to readers.
    #[schemars(with = "Option<u32>")]
    pub cost: Option<Spanned<i64>>,
    /// What the cost covers ("design and print of 2,000 copies").
    pub cost_note: Option<String>,
}

/// A resource: a document here or a page elsewhere.
#[derive(Debug, Default, Deserialize, JsonSchema)]
pub struct ResourceKeys {
    #[schemars(with = "Option<String>")]
    pub file: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub url: Option<Spanned<String>>,
    /// Where a resource comes from: an `@/` page such as a learning review.
    #[schemars(with = "Option<String>")]
    pub source: Option<Spanned<String>>,
    /// Other versions of a resource: easy read, translations.
    #[serde(default)]
    pub alternatives: Vec<RawAlternative>,
}

/// One `[[alternatives]]` entry as written.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct RawAlternative {
    pub label: String,
    #[schemars(with = "Option<String>")]
    pub file: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub url: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub language: Option<Spanned<String>>,
}

/// A video: where it plays from, how long it is, its captions.
#[derive(Debug, Default, Deserialize, JsonSchema)]
pub struct VideoKeys {
    #[schemars(with = "Option<String>")]
    pub provider: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub video_id: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub src: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub duration: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub captions: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub poster: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub no_captions: Option<Spanned<String>>,
}

/// Training or an event: `events/*.md`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
pub struct EventKeys {
    /// A local date-time (`2026-03-10T09:30:00`) in `timezone`, or a date
    /// for an event that lasts whole days.
    #[schemars(with = "Option<TomlDate>")]
    pub start: Option<Spanned<toml::value::Datetime>>,
    #[schemars(with = "Option<TomlDate>")]
    pub end: Option<Spanned<toml::value::Datetime>>,
    /// An IANA time zone; `Europe/London` when left out.
    #[schemars(with = "Option<String>")]
    pub timezone: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub location: Option<Spanned<String>>,
    #[schemars(with = "Option<bool>")]
    pub online: Option<Spanned<bool>>,
    #[schemars(with = "Option<String>")]
    pub booking_url: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub booking_email: Option<Spanned<String>>,
    #[schemars(with = "Option<Vec<String>>")]
    pub audiences: Option<Spanned<Vec<Spanned<String>>>>,
    #[schemars(with = "Option<Vec<String>>")]
    pub topics: Option<Spanned<Vec<Spanned<String>>>>,
    #[schemars(with = "Option<u32>")]
    pub capacity: Option<Spanned<i64>>,
    /// Shown as written ("Free", "£25 a place").
    pub cost: Option<String>,
}

/// The kind of content a file is, from where it sits under `content/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentKind {
    Section,
    ReportSection,
    Chapter,
    Priority,
    Resource,
    Video,
    News,
    Plain,
    Event,
}

impl ContentKind {
    /// Every kind, in declared order.
    pub const ALL: [ContentKind; 9] = [
        ContentKind::Section,
        ContentKind::ReportSection,
        ContentKind::Chapter,
        ContentKind::Priority,
        ContentKind::Resource,
        ContentKind::Video,
        ContentKind::News,
        ContentKind::Plain,
        ContentKind::Event,
    ];
}

/// Classifies a content path (`reports/2024-25/finances.md` is a chapter).
pub fn classify(content_path: &str) -> ContentKind {
    let segments: Vec<&str> = content_path.split('/').collect();
    let is_index = segments.last() == Some(&"_index.md");
    match (segments.as_slice(), is_index) {
        (["reports", _, "_index.md"], _) => ContentKind::ReportSection,
        (_, true) => ContentKind::Section,
        (["reports", _, _], _) => ContentKind::Chapter,
        (["priorities", _], _) => ContentKind::Priority,
        (["resources", ..], _) => ContentKind::Resource,
        (["videos", ..], _) => ContentKind::Video,
        (["news", ..], _) => ContentKind::News,
        (["events", ..], _) => ContentKind::Event,
        _ => ContentKind::Plain,
    }
}

/// Finds the `+++` fences. The opening fence must be line 1.
pub fn split_front_matter(file: FileId, text: &str) -> Result<SplitFile, Diagnostic> {
    let first_line_end = text.find('\n').map_or(text.len(), |index| index + 1);
    if text[..first_line_end].trim_end() != "+++" {
        // The first three characters (not bytes: the file may start with
        // an emoji), within the first line.
        let end = text
            .char_indices()
            .nth(3)
            .map_or(text.len(), |(index, _)| index)
            .min(first_line_end);
        return Err(Diagnostic::error(
            Code::MissingFrontMatter,
            Span::new(file, 0..end),
            "this file has no front matter",
        )
        .with_help(
            "start the file with a `+++` line, then `title = \"...\"`, then a closing `+++` line",
        ));
    }
    let mut line_start = first_line_end;
    while line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |index| line_start + index + 1);
        if text[line_start..line_end].trim_end() == "+++" {
            return Ok(SplitFile {
                toml: first_line_end..line_start,
                body_offset: line_end,
            });
        }
        line_start = line_end;
    }
    Err(Diagnostic::error(
        Code::UnclosedFrontMatter,
        Span::new(file, 0..3),
        "the front matter opened here is never closed",
    )
    .with_help("add a line holding only `+++` after the last front-matter key"))
}

/// Which keys a file takes: its kind's, or, for a translation (`about.cy.md`),
/// only the words a reader sees and its address: every fact (dates,
/// audiences, files, a video's captions) comes from the original, so the
/// versions cannot drift apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeySet {
    pub kind: ContentKind,
    pub translation: bool,
}

impl KeySet {
    pub fn own(kind: ContentKind) -> Self {
        Self {
            kind,
            translation: false,
        }
    }
}

/// Parses the front matter of one file, with the keys its kind allows.
pub fn parse_front_matter(
    file: FileId,
    text: &str,
    split: &SplitFile,
    key_set: KeySet,
    keys: &FrontMatterKeys,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<FrontMatter> {
    // The opening fence becomes blank space, so every span the TOML parser
    // and `Spanned` values give is already a byte offset in the whole file.
    let mut padded = " ".repeat(split.toml.start.saturating_sub(1));
    padded.push('\n');
    padded.push_str(&text[split.toml.clone()]);
    let source = TomlSource {
        file,
        text: &padded,
        offset: 0,
    };
    let keys = keys.of(key_set);
    let table = parse_table(source, keys, diagnostics)?;
    let mut reader = GroupReader {
        source,
        table: &table,
        keys,
        refused: Vec::new(),
    };
    let front = reader.read(KeyGroup::of(key_set));
    // Each group stops at its first refused value; the first in the file
    // is the one a single pass over every key would have reported.
    let first_refused = reader
        .refused
        .into_iter()
        .min_by_key(|refused| refused.span.as_ref().map(|span| span.range.start));
    match first_refused {
        Some(refused) => {
            diagnostics.push(refused);
            None
        }
        None => Some(front),
    }
}

/// Each kind's allowed keys (those of its groups), in `ContentKind::ALL`'s
/// order, for its own files and for its translations, worked out from the
/// serde types. Working them out takes far longer than reading one page's
/// front matter, so a load does it once and hands the value to every page.
pub struct FrontMatterKeys {
    own: [TableKeys; ContentKind::ALL.len()],
    translation: [TableKeys; ContentKind::ALL.len()],
}

impl FrontMatterKeys {
    pub fn new() -> Self {
        let keys = |translation| {
            ContentKind::ALL.map(|kind| {
                KeyGroup::of(KeySet { kind, translation })
                    .iter()
                    .fold(TableKeys::default(), |keys, group| keys.with(group.keys()))
            })
        };
        Self {
            own: keys(false),
            translation: keys(true),
        }
    }

    /// The keys a file of `key_set` allows.
    pub fn of(&self, key_set: KeySet) -> &TableKeys {
        // `ContentKind::ALL` lists the kinds in declared order.
        let index = key_set.kind as usize;
        match key_set.translation {
            true => &self.translation[index],
            false => &self.own[index],
        }
    }
}

/// Every front-matter key whose value is a date, in any kind: worked out
/// from the same key groups the loader reads with.
pub fn date_keys() -> Vec<String> {
    let keys = FrontMatterKeys::new();
    let mut dates: Vec<String> = ContentKind::ALL
        .into_iter()
        .flat_map(|kind| {
            let table = keys.of(KeySet::own(kind));
            table
                .names()
                .filter(|name| {
                    matches!(
                        table.get(name),
                        Some(crate::typed_toml::ExpectedValue::Scalar(
                            crate::typed_toml::ScalarType::Date
                        ))
                    )
                })
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    dates.sort();
    dates.dedup();
    dates
}

impl Default for FrontMatterKeys {
    fn default() -> Self {
        Self::new()
    }
}

/// A group of front-matter keys that one or more kinds take.
#[derive(Debug, Clone, Copy)]
enum KeyGroup {
    Page,
    Slug,
    PriorityLinks,
    Report,
    Engagement,
    Priority,
    Catalogue,
    Resource,
    Video,
    Event,
}

impl KeyGroup {
    /// The groups each kind of content takes (DESIGN.md's content table);
    /// a translation takes the page keys and, where its kind has one, a
    /// `slug` of its own.
    fn of(key_set: KeySet) -> &'static [KeyGroup] {
        use KeyGroup::{
            Catalogue, Engagement, Event, Page, Priority, PriorityLinks, Report, Resource, Slug,
            Video,
        };
        let kind = key_set.kind;
        if key_set.translation {
            return match kind {
                ContentKind::Section | ContentKind::ReportSection => &[Page],
                _ => &[Page, Slug],
            };
        }
        match kind {
            ContentKind::Section => &[Page],
            ContentKind::ReportSection => &[Page, Report, Engagement],
            ContentKind::Plain => &[Page, Slug],
            ContentKind::Chapter => &[Page, Slug, PriorityLinks, Engagement],
            ContentKind::News => &[Page, Slug, PriorityLinks],
            ContentKind::Priority => &[Page, Slug, Priority],
            ContentKind::Resource => &[Page, Slug, PriorityLinks, Catalogue, Resource],
            ContentKind::Video => &[Page, Slug, PriorityLinks, Catalogue, Video],
            ContentKind::Event => &[Page, Slug, PriorityLinks, Event],
        }
    }

    fn keys(self) -> TableKeys {
        match self {
            KeyGroup::Page => TableKeys::of::<PageKeys>(),
            KeyGroup::Slug => TableKeys::of::<SlugKeys>(),
            KeyGroup::PriorityLinks => TableKeys::of::<PriorityLinkKeys>(),
            KeyGroup::Report => TableKeys::of::<ReportKeys>(),
            KeyGroup::Engagement => TableKeys::of::<EngagementKeys>(),
            KeyGroup::Priority => TableKeys::of::<PriorityKeys>(),
            KeyGroup::Catalogue => TableKeys::of::<CatalogueKeys>(),
            KeyGroup::Resource => TableKeys::of::<ResourceKeys>(),
            KeyGroup::Video => TableKeys::of::<VideoKeys>(),
            KeyGroup::Event => TableKeys::of::<EventKeys>(),
        }
    }
}

/// Reads groups of keys from one parsed front matter, keeping what it
/// refuses.
struct GroupReader<'a, 'i> {
    source: TomlSource<'i>,
    table: &'a Spanned<DeTable<'i>>,
    keys: &'a TableKeys,
    refused: Vec<Diagnostic>,
}

impl GroupReader<'_, '_> {
    fn read(&mut self, groups: &[KeyGroup]) -> FrontMatter {
        let mut front = FrontMatter::default();
        for group in groups {
            match group {
                KeyGroup::Page => front.page = self.group(),
                KeyGroup::Slug => front.slug = self.group::<SlugKeys>().slug,
                KeyGroup::PriorityLinks => {
                    front.priorities = self.group::<PriorityLinkKeys>().priorities;
                }
                KeyGroup::Report => front.report = self.group(),
                KeyGroup::Engagement => front.engagement = self.group(),
                KeyGroup::Priority => front.priority = self.group(),
                KeyGroup::Catalogue => front.catalogue = self.group(),
                KeyGroup::Resource => front.resource = self.group(),
                KeyGroup::Video => front.video = self.group(),
                KeyGroup::Event => front.event = self.group(),
            }
        }
        front
    }

    /// One group's keys, or none of them if a value is refused.
    fn group<T: DeserializeOwned + Default>(&mut self) -> T {
        deserialize_table(self.source, self.table, self.keys, &mut self.refused).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceMap;
    use crate::typed_toml::{ExpectedValue, ScalarType};

    fn split(text: &str) -> Result<SplitFile, Code> {
        let mut sources = SourceMap::new();
        let file = sources.add("a.md", text.to_string());
        split_front_matter(file, text).map_err(|d| d.code)
    }

    #[test]
    fn splits_fences() {
        let text = "+++\ntitle = \"x\"\n+++\nBody\n";
        assert_eq!(
            split(text),
            Ok(SplitFile {
                toml: 4..16,
                body_offset: 20
            })
        );
    }

    #[test]
    fn reports_missing_and_unclosed() {
        assert_eq!(split(""), Err(Code::MissingFrontMatter));
        assert_eq!(split("# Hello"), Err(Code::MissingFrontMatter));
        assert_eq!(
            split("+++\ntitle = \"x\"\n"),
            Err(Code::UnclosedFrontMatter)
        );
    }

    fn parse(kind: ContentKind, toml: &str) -> (Option<FrontMatter>, Vec<Diagnostic>) {
        let text = format!("+++\n{toml}+++\nBody\n");
        let mut sources = SourceMap::new();
        let file = sources.add("a.md", text.clone());
        let mut diagnostics = Vec::new();
        let front = split_front_matter(file, &text).ok().and_then(|split| {
            let keys = FrontMatterKeys::new();
            parse_front_matter(
                file,
                &text,
                &split,
                KeySet::own(kind),
                &keys,
                &mut diagnostics,
            )
        });
        (front, diagnostics)
    }

    /// A value of the type each key expects, every key of every table in.
    fn sample(expected: &ExpectedValue) -> toml::Value {
        match expected {
            ExpectedValue::Table(keys) => toml::Value::Table(
                keys.names()
                    .filter_map(|name| Some((name.to_string(), sample(keys.get(name)?))))
                    .collect(),
            ),
            ExpectedValue::List(item) => toml::Value::Array(vec![sample(item)]),
            ExpectedValue::Scalar(ScalarType::Integer) => toml::Value::Integer(1),
            ExpectedValue::Scalar(ScalarType::Float) => toml::Value::Float(1.5),
            ExpectedValue::Scalar(ScalarType::Boolean) => toml::Value::Boolean(false),
            ExpectedValue::Scalar(ScalarType::Date) => {
                toml::Value::Datetime("2025-01-02".parse().expect("a date"))
            }
            ExpectedValue::Scalar(ScalarType::Text) | ExpectedValue::Any => "x".into(),
        }
    }

    /// Issue 16: the keys of each kind come from its serde types.
    #[test]
    fn every_key_of_every_kind_is_accepted() {
        let all_keys = FrontMatterKeys::new();
        for kind in ContentKind::ALL {
            let keys = all_keys.of(KeySet::own(kind));
            let toml = toml::to_string(&sample(&ExpectedValue::Table(keys.clone())))
                .expect("TOML from a table");
            let (front, diagnostics) = parse(kind, &toml);
            assert!(
                front.is_some() && diagnostics.is_empty(),
                "{kind:?}\n{toml}\n{diagnostics:?}"
            );
            assert!(keys.names().count() >= 6, "{kind:?}");
        }
        let (front, _) = parse(ContentKind::Video, "duration = \"4:05\"\nslug = \"v\"\n");
        let front = front.expect("a video's front matter");
        assert_eq!(
            front.video.duration.map(Spanned::into_inner).as_deref(),
            Some("4:05")
        );
        assert_eq!(front.slug.map(Spanned::into_inner).as_deref(), Some("v"));
    }

    #[test]
    fn an_unknown_key_is_reported_with_the_nearest_key_of_its_kind() {
        let all_keys = FrontMatterKeys::new();
        for kind in ContentKind::ALL {
            let keys = all_keys.of(KeySet::own(kind));
            let Some(last) = keys
                .names()
                .filter(|name| keys.get(name).is_some_and(|v| v.table_keys().is_none()))
                .last()
            else {
                panic!("{kind:?} has no plain keys");
            };
            let misspelt = &last[..last.len() - 1];
            let (_, diagnostics) = parse(kind, &format!("{misspelt} = 1\n"));
            let found: Vec<_> = diagnostics
                .iter()
                .map(|d| (d.code, d.help.clone().unwrap_or_default()))
                .collect();
            assert_eq!(
                found,
                [(Code::UnknownKey, format!("did you mean '{last}'?"))],
                "{kind:?}"
            );
        }
        let (_, diagnostics) = parse(ContentKind::Section, "slug = \"s\"\n");
        assert_eq!(diagnostics.first().map(|d| d.code), Some(Code::UnknownKey));
    }

    #[test]
    fn every_kind_is_listed_in_declared_order() {
        for (index, kind) in ContentKind::ALL.into_iter().enumerate() {
            assert_eq!(kind as usize, index);
        }
    }

    #[test]
    fn classifies_content() {
        assert_eq!(
            classify("reports/2024-25/_index.md"),
            ContentKind::ReportSection
        );
        assert_eq!(
            classify("reports/2024-25/finances.md"),
            ContentKind::Chapter
        );
        assert_eq!(classify("reports/_index.md"), ContentKind::Section);
        assert_eq!(classify("resources/icon/index.md"), ContentKind::Resource);
        assert_eq!(classify("about.md"), ContentKind::Plain);
    }
}
