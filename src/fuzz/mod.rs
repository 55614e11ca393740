//! Fuzz targets, run in-process by `cargo test` (issue 15): each parser
//! and checker a site's files reach is fed text built from fragments that
//! matter to it (fences, quotes, brackets, line endings, byte order marks,
//! huge numbers), chosen by `arbitrary` from bytes `arbtest` generates.
//!
//! The property, for every target: no panic, and every diagnostic's span
//! lies inside its file on character boundaries. The whole-site target
//! also asks that every file a clean build would write has a plain path
//! inside the output folder.
//!
//! `cargo test` runs each target for `FUZZ_CASES` fixed seeds, so CI is
//! quick and the same every time. `scripts/fuzz MINUTES` sets
//! `REPORTSITE_FUZZ_SECONDS`: then each target runs for its share of that
//! time on fresh seeds. An input that fails is saved under
//! `tests/fuzz-regressions/<target>/` and replayed by every later run.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use arbitrary::Unstructured;

use crate::diagnostics::Diagnostic;
use crate::source::SourceMap;

/// Seeds each target runs in a normal `cargo test`.
const FUZZ_CASES: u64 = 64;

/// Fragments the generated text is made of: syntax of TOML, Markdown,
/// WebVTT and PDF, line endings, odd characters and numbers at the edges.
const FRAGMENTS: &[&str] = &[
    "+++",
    "+++\n",
    "\n",
    "\r\n",
    "\r",
    "\u{feff}",
    "\0",
    " ",
    "\t",
    "title = \"T\"\n",
    "summary = \"S\"\n",
    "slug = \"",
    "aliases = [\"",
    "\"]\n",
    "\"",
    "'",
    "=",
    "[",
    "]",
    "[[",
    "]]",
    "{",
    "}",
    "(",
    ")",
    "<",
    ">",
    "> ",
    "- ",
    "1. ",
    "# ",
    "## ",
    "###### ",
    "`",
    "```\n",
    "*",
    "_",
    "|",
    "|---|\n",
    "![",
    "](",
    "@/",
    "../",
    "/",
    "#",
    "?",
    "%",
    "%2e%2e",
    "javascript:",
    "https://",
    "http://x y/",
    "mailto:",
    "tel:",
    "//",
    "\\",
    ".md",
    "a",
    "é",
    "\u{202e}",
    "\u{1f600}",
    "0",
    "-1",
    "2025-02-30",
    "2025-01-01",
    "9999999999999999999999",
    "1e400",
    "9223372036854775807",
    "nan",
    "true",
    "-->",
    "00:00:01.000",
    "99:99:99.999",
    "WEBVTT\n",
    "%PDF-1.4\n",
    "/Type /Pages",
    "/Count 4000000000",
    "<<",
    ">>",
    "{{ ",
    " }}",
    "{% ",
    " %}",
    "<script>",
    "&amp;",
    "[[tables]]\n",
    "columns = [\"a\", \"b\"]\n",
    "rows = [[\"1\"]]\n",
    "[[terms]]\nterm = \"T\"\nmeaning = \"M\"\n",
    "[income]\n",
    "amount = ",
];

/// One fuzz target: `generate` makes an input from the bytes arbtest
/// gives, `check` runs the code under test on it and returns the sources
/// and diagnostics for the properties. A saved input goes straight to
/// `check`.
struct Target {
    name: &'static str,
    generate: fn(&mut Unstructured<'_>) -> arbitrary::Result<Vec<u8>>,
    check: fn(&[u8]) -> Outcome,
}

/// What a target produced, for the properties.
#[derive(Default)]
struct Outcome {
    sources: SourceMap,
    diagnostics: Vec<Diagnostic>,
}

/// Text of up to `max_fragments` fragments, some of them repeated many
/// times (deep nesting, long lines).
fn fuzz_text(u: &mut Unstructured<'_>, max_fragments: usize) -> arbitrary::Result<String> {
    let mut text = String::new();
    let count = u.int_in_range(0..=max_fragments)?;
    for _ in 0..count {
        let fragment = u.choose(FRAGMENTS)?;
        let repeats = if u.ratio(1, 16)? {
            u.int_in_range(1..=5_000)?
        } else {
            1
        };
        for _ in 0..repeats {
            text.push_str(fragment);
        }
        if u.ratio(1, 8)? {
            let word: String = u.arbitrary()?;
            text.push_str(&word);
        }
    }
    Ok(text)
}

/// Runs every target and panics naming the first that failed.
fn run_all(targets: &[Target]) {
    let budget = std::env::var("REPORTSITE_FUZZ_SECONDS")
        .ok()
        .and_then(|seconds| seconds.parse::<u64>().ok())
        .map(|seconds| Duration::from_secs(seconds) / u32::try_from(targets.len()).unwrap_or(1));
    for target in targets {
        replay_saved(target);
        let executions = match budget {
            Some(budget) => run_for(target, budget),
            None => run_seeds(target, 0..FUZZ_CASES),
        };
        eprintln!("fuzz {}: {executions} executions", target.name);
    }
}

/// Runs the seeds in `cases`. An arbtest seed holds the length of the
/// input bytes in its low half and the random part in its high half:
/// lengths here go from 64 bytes to 8 KB.
fn run_seeds(target: &Target, cases: std::ops::Range<u64>) -> u64 {
    for case in cases.clone() {
        let length = 64 + case * 997 % 8_192;
        let seed = (case & 0xFFFF_FFFF) << 32 | length;
        arbtest::arbtest(|u| check_once(target, u)).seed(seed).run();
    }
    cases.end - cases.start
}

fn run_for(target: &Target, budget: Duration) -> u64 {
    let started = Instant::now();
    let mut executions = 0;
    let first = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    while started.elapsed() < budget {
        executions += run_seeds(target, first + executions..first + executions + 16);
    }
    executions
}

/// Generates one input and checks it. In long runs the input is first
/// written to `target/fuzz-current/<target>.input`: a stack overflow or
/// an allocation failure aborts the process, and `scripts/fuzz` keeps that
/// file as the regression input.
fn check_once(target: &Target, u: &mut Unstructured<'_>) -> arbitrary::Result<()> {
    let input = (target.generate)(u)?;
    if long_run() {
        let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-current");
        let _ = std::fs::create_dir_all(&folder);
        let _ = std::fs::write(folder.join(format!("{}.input", target.name)), &input);
    }
    check_input(target, &input);
    Ok(())
}

fn long_run() -> bool {
    std::env::var_os("REPORTSITE_FUZZ_SECONDS").is_some()
}

/// Runs the target on `input` and checks the properties; a failing input
/// is saved before the failure is passed on.
fn check_input(target: &Target, input: &[u8]) {
    match catch_unwind(AssertUnwindSafe(|| (target.check)(input))) {
        Ok(outcome) => {
            if let Err(problem) = spans_inside_files(&outcome) {
                save_failure(target.name, input);
                let shown: String = String::from_utf8_lossy(input).chars().take(300).collect();
                panic!(
                    "fuzz {}: {problem}\ninput ({} bytes, saved in tests/fuzz-regressions/): {shown:?}",
                    target.name,
                    input.len()
                );
            }
        }
        Err(panic) => {
            save_failure(target.name, input);
            eprintln!("fuzz {}: the target panicked; input saved", target.name);
            std::panic::resume_unwind(panic)
        }
    }
}

fn spans_inside_files(outcome: &Outcome) -> Result<(), String> {
    for diagnostic in &outcome.diagnostics {
        let Some(span) = &diagnostic.span else {
            continue;
        };
        let text = &outcome.sources.file(span.file).text;
        let inside = span.range.start <= span.range.end
            && span.range.end <= text.len()
            && text.is_char_boundary(span.range.start)
            && text.is_char_boundary(span.range.end);
        if !inside {
            return Err(format!(
                "{} at {:?} lies outside its file of {} bytes: {}",
                diagnostic.code.as_str(),
                span.range,
                text.len(),
                diagnostic.message
            ));
        }
    }
    Ok(())
}

fn regressions_folder(target: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-regressions")
        .join(target)
}

fn save_failure(target: &str, input: &[u8]) {
    let folder = regressions_folder(target);
    let digest = ring::digest::digest(&ring::digest::SHA256, input);
    let name: String = digest.as_ref()[..8]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    let _ = std::fs::create_dir_all(&folder);
    let _ = std::fs::write(folder.join(format!("{name}.input")), input);
}

/// Every saved input of `target`, checked again.
fn replay_saved(target: &Target) {
    let Ok(entries) = std::fs::read_dir(regressions_folder(target.name)) else {
        return;
    };
    for entry in entries.flatten() {
        if let Ok(input) = std::fs::read(entry.path()) {
            check_input(target, &input);
        }
    }
}

mod site;
mod targets;

#[test]
fn every_target_survives_fuzzed_input() {
    // `REPORTSITE_FUZZ_TARGET=data-toml` runs one target alone.
    let only = std::env::var("REPORTSITE_FUZZ_TARGET").ok();
    let mut targets = targets::all();
    targets.retain(|target| only.as_deref().is_none_or(|name| name == target.name));
    assert!(!targets.is_empty(), "no fuzz target is named {only:?}");
    run_all(&targets);
}
