//! The `reportsite` binary: parse the command line, run one entry point,
//! print the diagnostics, choose the exit code (0 built or clean, 1 content
//! problems, 2 usage).

use std::process::ExitCode;

use clap::Parser;
use reportsite::cli::{Cli, Format};
use reportsite::diagnostics::{human, json};
use reportsite::{link_report, pipeline};

fn main() -> ExitCode {
    let invocation = match Cli::parse().into_invocation() {
        Ok(invocation) => invocation,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let report = if invocation.write {
        pipeline::build(&invocation.options)
    } else {
        pipeline::check(&invocation.options)
    };
    let shown = match invocation.format {
        Format::Human => human::render_all(&report.diagnostics, &report.sources, invocation.colour),
        Format::Json => json::render_all(&report.diagnostics, &report.sources),
    };
    eprint!("{shown}");
    if invocation.format == Format::Json && !invocation.write {
        let links = link_report::render_link_report(
            &report.links,
            &report.diagnostics,
            &report.sources,
            false,
        );
        print!("{links}");
    }
    if let Some(error) = &report.write_error {
        eprintln!(
            "error: could not write {}: {error}",
            invocation.options.output.display()
        );
        return ExitCode::from(1);
    }
    if invocation.format == Format::Human {
        let line = human::closing_line(report.pages, &report.diagnostics, invocation.write);
        eprintln!("{line}");
    }
    ExitCode::from(u8::from(report.has_errors()))
}
