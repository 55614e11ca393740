//! `reportsite new KIND NAME`: one new page (or page bundle) with every key
//! its kind needs, today's dates, the site's own vocabularies listed in
//! comments, and `FILL IN` where only the editor knows the answer. The
//! text comes from the site's `archetypes/<kind>.md` when it has one (as
//! in Hugo), else from the built-in `scaffold/archetypes/`.
//!
//! Invariant: never replaces a file; the name becomes one plain part of an
//! address, or is refused with the slug it could be.

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use super::{ScaffoldError, a_year_after, reporting_year, templates, write_new};
use crate::config::SiteConfig;
use crate::content::Date;

static ARCHETYPES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/scaffold/archetypes");

/// The kinds of page `new` writes (also its command-line values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum NewKind {
    Resource,
    Video,
    News,
    Priority,
    Report,
    Chapter,
    Event,
}

impl NewKind {
    pub fn name(self) -> &'static str {
        match self {
            NewKind::Resource => "resource",
            NewKind::Video => "video",
            NewKind::News => "news",
            NewKind::Priority => "priority",
            NewKind::Report => "report",
            NewKind::Chapter => "chapter",
            NewKind::Event => "event",
        }
    }
}

/// Everything `new` needs.
pub struct NewOptions {
    pub root: PathBuf,
    pub kind: NewKind,
    /// A slug (`safer-sleep-leaflet`); a report's year (`2026-27`); a
    /// chapter's year and slug (`2026-27/foreword`).
    pub name: String,
    pub today: Date,
}

/// What `new` wrote.
pub struct NewPage {
    /// Relative to the site folder.
    pub path: String,
    pub next_step: String,
}

/// Writes the page; `config` is the site's (its vocabularies are listed
/// in the page's comments), or `None` when site.toml cannot be read.
pub fn new_page(
    options: &NewOptions,
    config: Option<&SiteConfig>,
) -> Result<NewPage, ScaffoldError> {
    let (folder, slug) = page_location(options)?;
    let relative = match options.kind {
        NewKind::Resource | NewKind::Video => format!("content/{folder}/{slug}/index.md"),
        NewKind::Report => format!("content/{folder}/{slug}/_index.md"),
        _ => format!("content/{folder}/{slug}.md"),
    };
    let path = options.root.join(&relative);
    if path.exists() {
        return Err(ScaffoldError::Exists(path));
    }
    let source = archetype(&options.root, options.kind)?;
    let values = page_values(options, &slug, config);
    let text = templates::render(&format!("{}.md", options.kind.name()), &source, values)
        .map_err(ScaffoldError::Invalid)?;
    write_new(&path, &text)?;
    if options.kind == NewKind::Video {
        let captions = path.with_file_name("captions.vtt");
        write_new(
            &captions,
            "WEBVTT\n\n00:00.000 --> 00:05.000\nThe captions go here.\n",
        )?;
    }
    let next_step = match options.kind {
        NewKind::Video => "Fill in the video's details and captions, remove `draft = true`, then run `reportsite check` (or `reportsite serve` to see it).".to_string(),
        NewKind::Event => "Fill in when, where and how to book, remove `draft = true`, then run `reportsite check` (or `reportsite serve` to see it).".to_string(),
        _ => "Fill in what it says FILL IN, then run `reportsite check` (or `reportsite serve` to see it).".to_string(),
    };
    Ok(NewPage {
        path: relative,
        next_step,
    })
}

/// The content folder and the slug of the new page.
fn page_location(options: &NewOptions) -> Result<(String, String), ScaffoldError> {
    let name = options.name.trim();
    match options.kind {
        NewKind::Report => Ok(("reports".to_string(), reporting_year_name(name)?)),
        NewKind::Chapter => {
            let Some((year, slug)) = name.split_once('/') else {
                return Err(ScaffoldError::Invalid(format!(
                    "a chapter is named by its report's year and its own name, such as `reportsite new chapter {}/foreword`",
                    reporting_year(options.today).0
                )));
            };
            let year = reporting_year_name(year)?;
            let report = options
                .root
                .join(format!("content/reports/{year}/_index.md"));
            if !report.is_file() {
                return Err(ScaffoldError::Invalid(format!(
                    "there is no report for {year} yet (content/reports/{year}/_index.md); start it with `reportsite new report {year}`"
                )));
            }
            Ok((format!("reports/{year}"), page_slug(slug)?))
        }
        kind => {
            let folder = match kind {
                NewKind::Resource => "resources",
                NewKind::Video => "videos",
                NewKind::News => "news",
                NewKind::Event => "events",
                _ => "priorities",
            };
            Ok((folder.to_string(), page_slug(name)?))
        }
    }
}

/// A page's name must already be a slug: lower-case letters, digits and
/// hyphens; anything else is refused with the slug it could be.
fn page_slug(name: &str) -> Result<String, ScaffoldError> {
    let suggestion = slug::slugify(name);
    if name == suggestion && !name.is_empty() {
        return Ok(name.to_string());
    }
    let help = if suggestion.is_empty() {
        "use lower-case letters, digits and hyphens, such as safer-sleep-leaflet".to_string()
    } else {
        format!("did you mean `{suggestion}`?")
    };
    Err(ScaffoldError::Invalid(format!(
        "'{}' cannot be part of a web address; {help}",
        name.escape_debug()
    )))
}

/// A report is named by its reporting year, `2026-27`.
fn reporting_year_name(name: &str) -> Result<String, ScaffoldError> {
    let valid = name.len() == 7
        && name.as_bytes()[4] == b'-'
        && name
            .char_indices()
            .all(|(at, c)| at == 4 || c.is_ascii_digit());
    let consecutive = valid
        && match (name[..4].parse::<i32>(), name[5..].parse::<i32>()) {
            (Ok(start), Ok(end)) => (start + 1).rem_euclid(100) == end,
            _ => false,
        };
    if consecutive {
        Ok(name.to_string())
    } else {
        Err(ScaffoldError::Invalid(format!(
            "'{}' is not a reporting year; write it as 2026-27",
            name.escape_debug()
        )))
    }
}

/// The site's own archetype for `kind`, else the built-in one.
fn archetype(root: &Path, kind: NewKind) -> Result<String, ScaffoldError> {
    let name = format!("{}.md", kind.name());
    let own = root.join("archetypes").join(&name);
    match std::fs::read_to_string(&own) {
        Ok(text) => return Ok(text),
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
            return Err(ScaffoldError::Io { path: own, error });
        }
        Err(_) => {}
    }
    ARCHETYPES
        .get_file(&name)
        .map(|file| String::from_utf8_lossy(file.contents()).into_owned())
        .ok_or_else(|| ScaffoldError::Invalid(format!("no built-in archetype {name}")))
}

/// What an archetype can use: the title made from the name, today's dates,
/// this reporting year, and the site's vocabularies and priorities.
fn page_values(options: &NewOptions, slug: &str, config: Option<&SiteConfig>) -> minijinja::Value {
    let (report_year, period_start, period_end) = reporting_year(options.today);
    let year = if options.kind == NewKind::Report {
        slug.to_string()
    } else {
        report_year
    };
    let title = match options.kind {
        NewKind::Report => format!("Yearly report {year}"),
        _ => title_from(slug),
    };
    let slugs = |terms: Option<&[crate::config::VocabularyTerm]>| -> Vec<String> {
        terms
            .unwrap_or_default()
            .iter()
            .map(|term| term.slug.clone())
            .collect()
    };
    let audiences = slugs(config.map(|c| c.audiences.as_slice()));
    let topics = slugs(config.map(|c| c.topics.as_slice()));
    let formats = slugs(config.map(|c| c.formats.as_slice()));
    let priorities = priority_names(&options.root);
    let listed = |names: &[String]| match names.is_empty() {
        true => "(none yet)".to_string(),
        false => names.join(", "),
    };
    let first = |names: &[String], fallback: &str| {
        names
            .first()
            .cloned()
            .unwrap_or_else(|| fallback.to_string())
    };
    minijinja::context! {
        title => title,
        today => options.today.to_string(),
        next_year => a_year_after(options.today).to_string(),
        report_year => year,
        period_start => period_start.to_string(),
        period_end => period_end.to_string(),
        audiences => listed(&audiences),
        topics => listed(&topics),
        formats => listed(&formats),
        priorities => listed(&priorities),
        first_audience => first(&audiences, "FILL-IN"),
        first_topic => first(&topics, "FILL-IN"),
        first_format => first(&formats, "FILL-IN"),
    }
}

/// `safer-sleep-leaflet` → "Safer sleep leaflet".
fn title_from(slug: &str) -> String {
    let words = slug.replace('-', " ");
    let mut characters = words.chars();
    match characters.next() {
        Some(first) => first.to_uppercase().chain(characters).collect(),
        None => words,
    }
}

/// The priorities' file names (`safeguarding-babies`), sorted.
fn priority_names(root: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(root.join("content/priorities")) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let stem = name.strip_suffix(".md")?;
            (!stem.starts_with('_') && !stem.contains('.')).then(|| stem.to_string())
        })
        .collect();
    names.sort();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_titles_and_must_be_slugs() {
        assert_eq!(title_from("safer-sleep-leaflet"), "Safer sleep leaflet");
        assert!(page_slug("safer-sleep").is_ok());
        let refused = page_slug("Safer Sleep!").map(|_| ()).unwrap_err();
        assert!(
            refused.to_string().contains("did you mean `safer-sleep`?"),
            "{refused}"
        );
        assert!(page_slug("../x").is_err());
    }

    #[test]
    fn reports_are_named_by_consecutive_years() {
        assert!(reporting_year_name("2026-27").is_ok());
        assert!(reporting_year_name("1999-00").is_ok());
        assert!(reporting_year_name("2026-28").is_err());
        assert!(reporting_year_name("2026/27").is_err());
        assert!(reporting_year_name("26-27").is_err());
    }
}
