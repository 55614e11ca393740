//! Runs one command line invocation: the pipeline, the external check when
//! asked, then diagnostics on stderr (and the link report on stdout for
//! `check --format json`). Returns the exit code.
//!
//! Invariant: the one place, with `serve`, that prints; phases only return.

use crate::cli::{Format, Invocation};
use crate::diagnostics::{self, human, json};
use crate::pipeline::{self, BuildReport};
use crate::{external, link_report, output};

/// 0 when built or clean, 1 for content problems or an unwritable output.
pub fn run(invocation: &Invocation) -> u8 {
    if let Some(settings) = &invocation.serve {
        return crate::serve::run(invocation, settings);
    }
    let mut report = if invocation.write {
        pipeline::build(&invocation.options)
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
        eprintln!(
            "error: could not write {}: {error}",
            invocation.options.output.display()
        );
        return 1;
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
        if let Some(written) = report.written {
            eprintln!(
                "output: {} files written, {} unchanged, {} removed",
                written.written, written.unchanged, written.removed
            );
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

fn check_outside_links(
    report: &mut BuildReport,
    options: &external::ExternalOptions,
    invocation: &Invocation,
) {
    let (mut found, summary, cache) = external::check_external(&report.links, options);
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
    if let Err(error) = output::write_file(&options.cache_path, &cache) {
        eprintln!(
            "warning: could not save the link cache {}: {error}",
            options.cache_path.display()
        );
    }
}
