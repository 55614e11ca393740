//! `reportsite init`: a whole small site in an empty folder, from the
//! built-in starter (`scaffold/starter/`, embedded): site.toml with the
//! partnership's details, the pages every partnership needs, an example
//! resource and video, a priority, this year's report, `.gitignore`, an
//! editor task that puts `check`'s problems in the editor's problems
//! list, and deploy recipes.
//!
//! Invariant: the folder is empty (or new) before anything is written, and
//! a failure part way removes the files this run wrote and nothing else.

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use super::{ScaffoldError, a_year_after, reporting_year, templates, write_new};
use crate::content::Date;
use crate::language::is_language_tag;
use crate::web_address::{base_url_problem, web_address_problem};

static STARTER: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/scaffold/starter");

/// What `init` asks for (also its flags); `None` is written as a
/// placeholder that `check` reports until it is filled in.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct SiteDetails {
    /// The partnership's name.
    #[arg(long)]
    pub title: Option<String>,
    /// The website's address, such as https://www.northshirescp.org.uk.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// The site's language, a BCP 47 tag [default: en-GB].
    #[arg(long, value_name = "CODE")]
    pub language: Option<String>,
    /// One sentence saying what the partnership does.
    #[arg(long)]
    pub description: Option<String>,
    /// The council's page for reporting a concern about a child.
    #[arg(long, value_name = "URL")]
    pub report_concern_url: Option<String>,
    /// What every page says to someone worried about a child.
    #[arg(long, value_name = "TEXT")]
    pub report_concern_text: Option<String>,
    /// The partnership's phone number.
    #[arg(long)]
    pub phone: Option<String>,
    /// The partnership's email address.
    #[arg(long)]
    pub email: Option<String>,
    /// The website's repository on GitHub, owner/name: then editors can
    /// also edit the live website in the browser (not asked; see [cms]).
    #[arg(long, value_name = "OWNER/NAME")]
    pub repo: Option<String>,
}

/// One question `init` asks in a terminal, for one detail.
pub struct Question {
    pub prompt: &'static str,
    pub example: &'static str,
}

impl SiteDetails {
    /// The details still missing, each with its question, in asking order.
    pub fn questions(&mut self) -> Vec<(Question, &mut Option<String>)> {
        let ask = |prompt, example| Question { prompt, example };
        vec![
            (
                ask(
                    "The partnership's name",
                    "Northshire Safeguarding Children Partnership",
                ),
                &mut self.title,
            ),
            (
                ask("The website's address", "https://www.northshirescp.org.uk"),
                &mut self.base_url,
            ),
            (
                ask(
                    "One sentence saying what the partnership does",
                    "How partners in Northshire work together to keep children safe.",
                ),
                &mut self.description,
            ),
            (
                ask(
                    "Where to report a concern about a child (the council's web page)",
                    "https://www.northshire.gov.uk/report-a-concern",
                ),
                &mut self.report_concern_url,
            ),
            (
                ask("The partnership's phone number", "01234 567890"),
                &mut self.phone,
            ),
            (
                ask("The partnership's email address", "scp@northshire.gov.uk"),
                &mut self.email,
            ),
        ]
        .into_iter()
        .filter(|(_, value)| value.is_none())
        .collect()
    }

    /// Refuses a detail that would make a site that does not build.
    pub fn check(&self) -> Result<(), ScaffoldError> {
        let invalid = |message: String| Err(ScaffoldError::Invalid(message));
        if let Some(url) = &self.base_url
            && let Some(problem) = base_url_problem(url)
        {
            return invalid(format!(
                "--base-url '{}' {problem}; write the whole address, such as https://www.northshirescp.org.uk",
                url.escape_debug()
            ));
        }
        if let Some(url) = &self.report_concern_url
            && let Some(problem) = web_address_problem(url)
        {
            return invalid(format!(
                "--report-concern-url '{}' {problem}; write the whole address of the council's page",
                url.escape_debug()
            ));
        }
        if let Some(language) = &self.language
            && !is_language_tag(language)
        {
            return invalid(format!(
                "--language '{}' is not a language tag; write one such as en-GB or cy",
                language.escape_debug()
            ));
        }
        if let Some(repo) = &self.repo
            && !crate::config::is_repository_name(repo, crate::config::CmsBackend::Github)
        {
            return invalid(format!(
                "--repo '{}' is not a repository name; write it as owner/name, as in its web address",
                repo.escape_debug()
            ));
        }
        if let Some(email) = &self.email {
            let plausible = email.split_once('@').is_some_and(|(name, host)| {
                !name.is_empty() && host.contains('.') && !email.contains(char::is_whitespace)
            });
            if !plausible {
                return invalid(format!(
                    "--email '{}' is not an email address",
                    email.escape_debug()
                ));
            }
        }
        Ok(())
    }
}

/// Everything `init` needs.
pub struct InitOptions {
    pub folder: PathBuf,
    pub details: SiteDetails,
    pub today: Date,
}

/// Writes the starter site; returns the files written, relative to the
/// folder, in order.
pub fn init(options: &InitOptions) -> Result<Vec<String>, ScaffoldError> {
    options.details.check()?;
    refuse_unless_empty(&options.folder)?;
    let files = starter_files(options)?;
    let mut written = Vec::new();
    for (relative, text) in &files {
        let path = options.folder.join(relative);
        if let Err(error) = write_new(&path, text) {
            undo(&options.folder, &written);
            return Err(error);
        }
        written.push(relative.clone());
    }
    Ok(written)
}

fn refuse_unless_empty(folder: &Path) -> Result<(), ScaffoldError> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(error) => {
            return Err(ScaffoldError::Io {
                path: folder.to_path_buf(),
                error,
            });
        }
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    if names.is_empty() {
        return Ok(());
    }
    names.sort();
    names.truncate(5);
    Err(ScaffoldError::NotEmpty {
        folder: folder.to_path_buf(),
        entries: names,
    })
}

/// Removes the files this run wrote (and the folders it made for them,
/// when empty), after a failure part way.
fn undo(folder: &Path, written: &[String]) {
    for relative in written.iter().rev() {
        let _ = std::fs::remove_file(folder.join(relative));
        let mut parent = Path::new(relative).parent();
        while let Some(dir) = parent.filter(|dir| !dir.as_os_str().is_empty()) {
            if std::fs::remove_dir(folder.join(dir)).is_err() {
                break;
            }
            parent = dir.parent();
        }
    }
}

/// Every starter file with its path in the new site and its text.
fn starter_files(options: &InitOptions) -> Result<Vec<(String, String)>, ScaffoldError> {
    let values = template_values(&options.details, options.today);
    let (report_year, _, _) = reporting_year(options.today);
    let mut files = Vec::new();
    for file in embedded_files(&STARTER) {
        let name = file.path().to_string_lossy().replace('\\', "/");
        let source = String::from_utf8_lossy(file.contents());
        let target = site_path(&name, &report_year);
        let text = match name.strip_suffix(".tmpl") {
            Some(_) => {
                templates::render(&name, &source, values.clone()).map_err(ScaffoldError::Invalid)?
            }
            None => source.into_owned(),
        };
        files.push((target, text));
    }
    for (name, text) in super::schema::schemas() {
        files.push((format!("schemas/{name}"), text));
    }
    files.push((
        ".taplo.toml".to_string(),
        super::schema::taplo_config("schemas"),
    ));
    files.sort();
    Ok(files)
}

fn embedded_files<'a>(dir: &'a Dir<'a>) -> Vec<&'a include_dir::File<'a>> {
    let mut files: Vec<_> = dir.files().collect();
    for sub in dir.dirs() {
        files.extend(embedded_files(sub));
    }
    files
}

/// Where a starter file goes: dot names written without the dot in the
/// starter (so no tool mistakes them for this repository's own), the
/// report folder named for this year, `.tmpl` dropped.
fn site_path(name: &str, report_year: &str) -> String {
    let path = name
        .trim_end_matches(".tmpl")
        .replace("/YEAR/", &format!("/{report_year}/"));
    match path.split_once('/') {
        Some(("github" | "vscode", rest)) => {
            let first = name.split('/').next().unwrap_or_default();
            format!(".{first}/{rest}")
        }
        _ if path == "gitignore" => ".gitignore".to_string(),
        _ => path,
    }
}

/// The values the starter templates use: the details, or placeholders.
fn template_values(details: &SiteDetails, today: Date) -> minijinja::Value {
    let (report_year, period_start, period_end) = reporting_year(today);
    let or = |value: &Option<String>, placeholder: &str| {
        value.clone().unwrap_or_else(|| placeholder.to_string())
    };
    minijinja::context! {
        title => or(&details.title, "FILL IN: the partnership's name"),
        base_url => or(&details.base_url, "https://FILL-IN.invalid"),
        language => or(&details.language, "en-GB"),
        description => or(&details.description, "FILL IN: one sentence saying what the partnership does"),
        report_concern_url => or(&details.report_concern_url, "https://FILL-IN.invalid/the-council-page-for-reporting-a-concern"),
        report_concern_text => or(&details.report_concern_text, "If a child is in immediate danger, call 999. If you are worried about a child, contact children's social care straight away."),
        phone => or(&details.phone, "FILL IN: the partnership's phone number"),
        // A phone placeholder in site.toml would make a `tel:` link with
        // no number on every page: it is left commented out instead.
        has_phone => details.phone.is_some(),
        email => or(&details.email, "FILL-IN@example.invalid"),
        repo => details.repo.clone(),
        today => today.to_string(),
        next_year => a_year_after(today).to_string(),
        report_year => report_year.clone(),
        report_title => format!("Yearly report {report_year}"),
        period_start => period_start.to_string(),
        period_end => period_end.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starter_paths_get_their_dots_and_this_year() {
        assert_eq!(site_path("gitignore", "2026-27"), ".gitignore");
        assert_eq!(
            site_path("github/workflows/publish.yml", "2026-27"),
            ".github/workflows/publish.yml"
        );
        assert_eq!(
            site_path("content/reports/YEAR/_index.md.tmpl", "2026-27"),
            "content/reports/2026-27/_index.md"
        );
        assert_eq!(site_path("site.toml.tmpl", "2026-27"), "site.toml");
    }
}
