//! Runs one command line invocation: the pipeline, the external check when
//! asked, then diagnostics on stderr (and the link report on stdout for
//! `check --format json`). Returns the exit code.
//!
//! Invariant: the one place, with `serve`, that prints; phases only return.

use std::io::IsTerminal;

use crate::cli::{Format, Invocation};
use crate::diagnostics::{self, human, json};
use crate::pipeline::{self, BuildReport};
use crate::{external, link_report, output};

/// 0 when built or clean, 1 for content problems or an unwritable output,
/// 2 for an output folder that is refused or holds files in the way.
pub fn run(invocation: &Invocation) -> u8 {
    if let Some(settings) = &invocation.serve {
        return crate::serve::run(invocation, settings);
    }
    let mut report = if invocation.write {
        let target = match pipeline::WriteTarget::choose(&invocation.options, invocation.clean) {
            Ok(target) => target,
            Err(refused) => {
                eprintln!("error: {refused}");
                return 2;
            }
        };
        pipeline::build(&invocation.options, &target)
    } else {
        pipeline::check(&invocation.options)
    };
    if let Some(options) = &invocation.external {
        check_outside_links(&mut report, options, invocation);
    }
    let shown = match invocation.format {
        Format::Human => human::render_all(&report.diagnostics, &report.sources, invocation.colour),
        Format::Json => json::render_all(&report.diagnostics, &report.sources),
    };
    eprint!("{shown}");
    if invocation.format == Format::Json && !invocation.write {
        let checked = invocation.external.is_some();
        print!(
            "{}",
            link_report::render_link_report(
                &report.links,
                &report.diagnostics,
                &report.sources,
                checked
            )
        );
    }
    if let Some(error) = &report.write_error {
        return report_write_error(error, invocation);
    }
    if invocation.format == Format::Human {
        let built = invocation.write && !report.has_errors();
        if built && report.images_resized + report.images_cached > 0 {
            eprintln!(
                "images: {} resized, {} unchanged (from the cache)",
                report.images_resized, report.images_cached
            );
        }
        if built && !report.search_pages.is_empty() {
            let (reused, bundles) = report.search_bundles;
            let how = if reused == bundles {
                "unchanged (from the cache)".to_string()
            } else if reused > 0 {
                format!("indexed ({reused} of {bundles} parts unchanged, from the cache)")
            } else {
                "indexed".to_string()
            };
            eprintln!("search: {} pages {how}", report.search_pages.len());
        }
        if let Some(written) = &report.written {
            describe_write(written, invocation);
        }
        if invocation.timings {
            eprintln!("{}", report.timings.describe());
        }
        eprintln!(
            "{}",
            human::closing_line(report.pages, &report.diagnostics, invocation.write)
        );
    }
    u8::from(report.has_errors())
}

/// Says what writing did, naming the user's files it kept or (`--clean`)
/// removed.
fn describe_write(written: &output::WriteSummary, invocation: &Invocation) {
    eprintln!(
        "output: {} files written, {} unchanged, {} removed",
        written.written, written.unchanged, written.removed
    );
    let folder = shown_folder(&invocation.options.output);
    if !written.left_alone.is_empty() {
        eprintln!(
            "{} in {folder} {} not written by reportsite and {} left alone: {}",
            output::count_files(written.left_alone.len()),
            if written.left_alone.len() == 1 {
                "was"
            } else {
                "were"
            },
            if written.left_alone.len() == 1 {
                "was"
            } else {
                "were"
            },
            output::list_paths(&written.left_alone)
        );
    }
    if !written.cleaned.is_empty() {
        eprintln!(
            "--clean removed {} in {folder} that reportsite did not write: {}",
            output::count_files(written.cleaned.len()),
            output::list_paths(&written.cleaned)
        );
    }
}

/// Exit 2 when the user's files are in the way (nothing was touched), 1
/// when the folder could not be written.
fn report_write_error(error: &output::WriteError, invocation: &Invocation) -> u8 {
    let folder = shown_folder(&invocation.options.output);
    match error {
        output::WriteError::UsersFilesInTheWay(_) => {
            eprintln!("error: in {folder}, {error}; nothing was written");
            eprintln!(
                "  help: move them out of {folder}, or run `reportsite build --clean` to remove every file there that reportsite did not write"
            );
            2
        }
        output::WriteError::Io(_) => {
            eprintln!("error: could not write {folder}: {error}");
            1
        }
    }
}

/// The output folder as the user would write it: `public/`, not
/// `./public`.
fn shown_folder(path: &std::path::Path) -> String {
    let shown = path.display().to_string();
    let shown = shown.strip_prefix("./").unwrap_or(&shown);
    format!("{}/", shown.trim_end_matches('/'))
}

/// Asks outside sites about every link, with a progress bar on a terminal
/// and a line per URL otherwise (only when `options.progress`).
fn check_with_progress(
    links: &[crate::links::uses::LinkUse],
    options: &external::ExternalOptions,
) -> (
    Vec<diagnostics::Diagnostic>,
    external::ExternalSummary,
    Vec<u8>,
) {
    let terminal = std::io::stderr().is_terminal();
    let bar = (options.progress && terminal).then(indicatif::ProgressBar::no_length);
    let show = |progress: external::Progress<'_>| match &bar {
        Some(bar) => {
            bar.set_length(progress.total);
            bar.inc(1);
        }
        None if options.progress => eprintln!(
            "[{}/{}] {} {}",
            progress.finished, progress.total, progress.outcome, progress.url
        ),
        None => {}
    };
    let found = external::check_external(links, options, &show);
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    found
}

fn check_outside_links(
    report: &mut BuildReport,
    options: &external::ExternalOptions,
    invocation: &Invocation,
) {
    let (mut found, summary, cache) = check_with_progress(&report.links, options);
    if invocation.options.deny_warnings {
        diagnostics::deny_warnings(&mut found);
    }
    report.diagnostics.extend(found);
    diagnostics::sort_diagnostics(&mut report.diagnostics, &report.sources);
    if invocation.format == Format::Human {
        eprintln!(
            "outside links: {} checked, {} of them from the cache ({})",
            summary.urls,
            summary.from_cache,
            options.cache_path.display()
        );
    }
    let Some(cache_path) = output::cache_path(&invocation.options.root, &options.cache_path) else {
        eprintln!(
            "warning: the link cache was not saved: {} leads outside the site through a symbolic link",
            options.cache_path.display()
        );
        return;
    };
    if let Err(error) = output::write_file(&cache_path, &cache) {
        eprintln!(
            "warning: could not save the link cache {}: {error}",
            options.cache_path.display()
        );
    }
}

/// `reportsite init`: asks for the details still missing when `ask` (a
/// terminal), writes the starter site, and says what to do next.
pub fn run_init(mut options: crate::scaffold::init::InitOptions, ask: bool) -> u8 {
    if ask && let Err(message) = ask_for_details(&mut options.details) {
        eprintln!("error: {message}");
        return 2;
    }
    match crate::scaffold::init::init(&options) {
        Ok(written) => {
            let folder = options.folder.display().to_string();
            eprintln!("wrote a new site in {folder} ({} files)", written.len());
            eprintln!("next:");
            if folder != "." {
                eprintln!("  cd {}", shell_words::quote(&folder));
            }
            eprintln!("  reportsite serve --open   to see it, and each change as you make it");
            eprintln!("  reportsite check          to list every problem, each with its fix");
            let placeholders = options.details.questions().len();
            if placeholders > 0 {
                eprintln!(
                    "{placeholders} of the partnership's details are placeholders (FILL IN): `reportsite check` names each one"
                );
            }
            0
        }
        Err(error) => {
            eprintln!("error: {error}");
            2
        }
    }
}

/// Asks for each missing detail in the terminal; an empty answer leaves a
/// placeholder, and an answer `init` would refuse is asked again.
fn ask_for_details(details: &mut crate::scaffold::init::SiteDetails) -> Result<(), String> {
    eprintln!(
        "A new partnership website. Press Enter to skip a question: a placeholder is written, and `reportsite check` reminds you of it."
    );
    let theme = dialoguer::theme::SimpleTheme;
    for (question, value) in details.questions() {
        let answer: String = dialoguer::Input::with_theme(&theme)
            .with_prompt(format!("{} (e.g. {})", question.prompt, question.example))
            .allow_empty(true)
            .validate_with(|answer: &String| validate_answer(question.prompt, answer))
            .interact_text()
            .map_err(|error| format!("could not read the answer: {error}"))?;
        let answer = answer.trim();
        if !answer.is_empty() {
            *value = Some(answer.to_string());
        }
    }
    Ok(())
}

/// Checks one answer as `init` would check the flag.
fn validate_answer(prompt: &str, answer: &str) -> Result<(), String> {
    let mut alone = crate::scaffold::init::SiteDetails::default();
    if let Some((_, value)) = alone
        .questions()
        .into_iter()
        .find(|(question, _)| question.prompt == prompt)
    {
        *value = Some(answer.trim().to_string());
    }
    match answer.trim().is_empty() {
        true => Ok(()),
        false => alone.check().map_err(|error| error.to_string()),
    }
}

/// `reportsite new KIND NAME`: writes the page and says what to do next.
pub fn run_new(options: &crate::scaffold::new_page::NewOptions) -> u8 {
    let config = read_config(&options.root);
    match crate::scaffold::new_page::new_page(options, config.as_ref()) {
        Ok(page) => {
            eprintln!("wrote {}", page.path);
            eprintln!("next: {}", page.next_step);
            0
        }
        Err(error) => {
            eprintln!("error: {error}");
            2
        }
    }
}

/// The site's settings, for the vocabularies a new page lists; `None`
/// when site.toml is missing or has errors (`check` reports those).
fn read_config(root: &std::path::Path) -> Option<crate::config::SiteConfig> {
    let text = std::fs::read_to_string(root.join("site.toml")).ok()?;
    let mut sources = crate::source::SourceMap::new();
    let file = sources.add("site.toml", text.clone());
    let mut diagnostics = Vec::new();
    crate::config::parse_site_config(file, &text, None, &mut diagnostics)
}

/// `reportsite schema`: writes the JSON Schemas and lists them.
pub fn run_schema(out: &std::path::Path) -> u8 {
    match crate::scaffold::schema::write_schemas(out) {
        Ok(written) => {
            for path in written {
                eprintln!("wrote {path}");
            }
            0
        }
        Err(error) => {
            eprintln!("error: {error}");
            2
        }
    }
}

/// `reportsite engagement`: reads the site (refusing one with errors, as
/// `check` reports them), counts the logs, prints the report on stdout.
pub fn run_engagement(mut run: crate::cli::EngagementRun) -> u8 {
    if let Some(path) = &run.bots {
        match std::fs::read_to_string(path) {
            Ok(list) => run.counting.bots = Some(list),
            Err(error) => {
                eprintln!(
                    "error: could not read the bot list {}: {error}",
                    path.display()
                );
                return 2;
            }
        }
    }
    let Some((site, links)) = site_model(&run.options) else {
        return 1;
    };
    let report = match crate::engagement::count(&site, &links.redirects, &run.counting) {
        Ok(report) => report,
        Err(error) => {
            eprintln!("error: could not read the log {error}");
            return 2;
        }
    };
    if run.save
        && let Err(message) = save_engagement(&run.options.root, &report)
    {
        eprintln!("error: {message}");
        return 2;
    }
    let printed = match run.format {
        crate::cli::ReportFormat::Human => Ok(crate::engagement::report::human(&report)),
        crate::cli::ReportFormat::Json => serde_json::to_string_pretty(&report)
            .map(|json| json + "\n")
            .map_err(|error| error.to_string()),
        crate::cli::ReportFormat::Csv => {
            crate::engagement::report::items_csv(&report).map_err(|error| error.to_string())
        }
    };
    match printed {
        Ok(text) => {
            print!("{text}");
            0
        }
        Err(error) => {
            eprintln!("error: could not write the report: {error}");
            2
        }
    }
}

/// Writes the report into `data/engagement/<start>--<end>.json`, replacing
/// only a file `engagement --save` wrote.
fn save_engagement(
    root: &std::path::Path,
    report: &crate::engagement::report::Report,
) -> Result<(), String> {
    let (Some(start), Some(end)) = (&report.period.start, &report.period.end) else {
        return Err("nothing was counted, so nothing was saved".to_string());
    };
    let relative = format!("data/engagement/{start}--{end}.json");
    let path = root.join(&relative);
    // Nothing is written through a link that leads out of the site.
    let site = root.canonicalize().map_err(|error| error.to_string())?;
    let leads_out = ["data", "data/engagement", relative.as_str()]
        .iter()
        .filter_map(|part| root.join(part).canonicalize().ok())
        .any(|real| !real.starts_with(&site));
    if leads_out {
        return Err(format!(
            "{relative} leads outside the site folder (a symbolic link), so nothing was saved"
        ));
    }
    if let Ok(existing) = std::fs::read_to_string(&path) {
        let ours = serde_json::from_str::<serde_json::Value>(&existing)
            .ok()
            .is_some_and(|value| value["written_by"] == crate::engagement::report::WRITTEN_BY);
        if !ours {
            return Err(format!(
                "{relative} is not a file reportsite wrote, so it was left as it is; move it, then save again"
            ));
        }
    }
    let json = serde_json::to_string_pretty(report).map_err(|error| error.to_string())?;
    output::write_file(&path, format!("{json}\n").as_bytes())
        .map_err(|error| format!("could not save {relative}: {error}"))?;
    eprintln!("saved {relative}: the next build shows it to editors at /editors/engagement/");
    Ok(())
}

/// `reportsite digest`: writes the newsletter's HTML and text, replacing
/// only a digest it wrote, and says where they are.
pub fn run_digest(run: &crate::cli::DigestRun) -> u8 {
    let Some((site, links)) = site_model(&run.options) else {
        return 1;
    };
    let digest = crate::render::digest::digest(&site, run.since, &links.report_concern);
    let html = run.out.join(format!("digest-{}.html", run.since));
    let text = run.out.join(format!("digest-{}.txt", run.since));
    let ours = std::fs::read_to_string(&html).map_or(!text.exists(), |existing| {
        existing.contains("Written by reportsite digest")
    });
    if !ours {
        eprintln!(
            "error: {} is not a digest reportsite wrote, so it was left as it is; choose another folder with --out",
            html.display()
        );
        return 2;
    }
    for (path, body) in [(&html, &digest.html), (&text, &digest.text)] {
        if let Err(error) = output::write_file(path, body.as_bytes()) {
            eprintln!("error: could not write {}: {error}", path.display());
            return 2;
        }
    }
    eprintln!(
        "wrote {} and {} ({} pages new or updated since {}): paste into your mailing tool",
        html.display(),
        text.display(),
        digest.entries,
        run.since
    );
    0
}

/// The site read for a command that does not build it; `None`, with its
/// errors printed, when it has any.
fn site_model(
    options: &crate::pipeline::BuildOptions,
) -> Option<(crate::content::Site, crate::links::ResolvedLinks)> {
    let (model, diagnostics, sources) = crate::pipeline::load_model(options);
    if model.is_none() {
        eprint!("{}", human::render_all(&diagnostics, &sources, false));
        eprintln!(
            "error: the site has errors (above); `reportsite check` lists them with their fixes"
        );
    }
    model
}
