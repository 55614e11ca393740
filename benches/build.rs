//! `cargo bench --bench build` (or `scripts/bench`): the demo's page weights
//! and image timings, then realistic generated sites of 1,000, 10,000 and
//! 50,000 pages under the content model (sections, priorities, resources,
//! videos, news, yearly reports, with links and anchors between them), each
//! built by reportsite and by Hugo on the same content, with peak memory,
//! the phases of an in-process build, and `serve`'s edit-to-reload latency.
//! Figures, not a timed test.

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use reportsite::content::Date;
use reportsite::pipeline::{BuildOptions, BuildReport, WriteTarget, check};

const SIZES: [usize; 3] = [1_000, 10_000, 50_000];
const RUNS: usize = 3;

#[path = "support/engagement.rs"]
mod engagement;
#[path = "support/hugo.rs"]
mod hugo;
#[path = "support/serve_latency.rs"]
mod serve_latency;

fn main() {
    // `REPORTSITE_BENCH_SITE=DIR` writes the 1,000-page site to DIR and
    // stops, for profiling a build by hand.
    if let Some(dir) = std::env::var_os("REPORTSITE_BENCH_SITE") {
        generate_site(
            Path::new(&dir),
            std::env::var("REPORTSITE_BENCH_PAGES")
                .ok()
                .and_then(|n| n.parse().ok())
                .unwrap_or(SIZES[0]),
        );
        return;
    }
    let only = std::env::var("REPORTSITE_BENCH_ONLY").unwrap_or_default();
    match only.as_str() {
        "languages" => return print_language_costs(),
        "engagement" => return engagement::print_engagement_speed(),
        // The generated sites against Hugo (and Hugo + Pagefind) alone.
        "builds" => {}
        _ => {
            print_demo_page_weights();
            print_language_costs();
            engagement::print_engagement_speed();
        }
    }
    println!(
        "\nBuild speed against Hugo on the same content (best of {RUNS} first builds, each into a new folder, and of {RUNS} rebuilds; separate processes, peak memory from GNU time).\n\
         reportsite: the first build resizes the images (3 widths, WebP and PNG), builds the search index and creates every file; after one page is edited the search index is built again and only changed files are written; with nothing changed the index comes from .reportsite/cache.\n\
         Hugo: the same Markdown with equivalent templates (pages, section lists, taxonomy and term pages, RSS, sitemap); it resizes no images and has no search index; its first builds write into empty folders, then its runs over a full one are compared with reportsite's rebuilds."
    );
    let mut per_page: Vec<(usize, (f64, f64))> = Vec::new();
    // Each size's folders are removed only at the end: on a file system
    // without a journal (this machine's ext4) making files soon after
    // many were deleted is slow (the kernel steps over every recently
    // deleted inode), and a first build must not be timed paying for the
    // last size's removal. A fresh CI runner removes nothing first.
    let mut kept = Vec::new();
    for pages in sizes() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let root = dir.path().join("site");
        generate_site(&root, pages);
        let ours = compare_with_hugo(pages, &root, dir.path());
        per_page.push((pages, ours));
        print_list_weights(&dir.path().join("public"));
        if pages <= 10_000 {
            print_phases(&root, dir.path());
        }
        if pages == 10_000 {
            print_serve_latency(
                &format!("{pages}-page site"),
                &root,
                "content/resources/r1.md",
            );
        }
        kept.push(dir);
    }
    let per_page_time = |(pages, seconds): (usize, f64)| {
        format!("{:.0} µs at {pages}", seconds / pages as f64 * 1e6)
    };
    let cold: Vec<String> = per_page
        .iter()
        .map(|&(pages, (cold, _))| per_page_time((pages, cold)))
        .collect();
    let unchanged: Vec<String> = per_page
        .iter()
        .map(|&(pages, (_, unchanged))| per_page_time((pages, unchanged)))
        .collect();
    println!(
        "growth per page (linear keeps these equal): first build {}; nothing changed {}",
        cold.join(", "),
        unchanged.join(", ")
    );
    drop(kept);
}

/// The heaviest list page of a built site (catalogue lists and filter
/// pages, sections' lists, events) and the heaviest page of any kind: long
/// lists go a page at a time, so neither should grow with the site.
fn print_list_weights(public: &Path) {
    let mut heaviest_list = (0, String::new());
    let mut heaviest = (0, String::new());
    let mut list_pages = 0;
    for entry in walkdir::WalkDir::new(public)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.path().extension().is_none_or(|ext| ext != "html") {
            continue;
        }
        let Ok(html) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        let path = entry.path().strip_prefix(public).unwrap_or(entry.path());
        let named = (html.len(), path.display().to_string());
        let is_list = ["kind-listing", "kind-section\"", "kind-events"]
            .iter()
            .any(|kind| html.contains(&format!("<body class=\"{kind}")));
        if is_list {
            list_pages += 1;
            heaviest_list = heaviest_list.max(named.clone());
        }
        heaviest = heaviest.max(named);
    }
    let index = std::fs::read(public.join("resources/entries.json")).unwrap_or_default();
    println!(
        "        list pages: {list_pages}, the heaviest {:.1} kB ({}); heaviest page of any kind {:.1} kB ({}); resources/entries.json {:.0} kB ({:.0} kB gzipped)",
        heaviest_list.0 as f64 / 1000.0,
        heaviest_list.1,
        heaviest.0 as f64 / 1000.0,
        heaviest.1,
        index.len() as f64 / 1000.0,
        gzipped_len(&index) as f64 / 1000.0
    );
}

/// What a host that compresses (as GitHub Pages, Netlify and Cloudflare
/// do) sends for `bytes`.
fn gzipped_len(bytes: &[u8]) -> usize {
    use std::io::Write as _;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("compress in memory");
    encoder.finish().expect("compress in memory").len()
}

/// 1,000, 10,000 and 50,000 pages; `REPORTSITE_BENCH_SIZES=1000,10000`
/// picks others.
fn sizes() -> Vec<usize> {
    std::env::var("REPORTSITE_BENCH_SIZES")
        .ok()
        .map(|sizes| {
            sizes
                .split(',')
                .filter_map(|n| n.trim().parse().ok())
                .collect()
        })
        .unwrap_or_else(|| SIZES.to_vec())
}

/// reportsite's three timings of one site: a first build (no output, no
/// cache), a rebuild after one page's words changed (the search index is
/// built again), and a rebuild with nothing changed. Seconds and peak kB.
struct ReportsiteRuns {
    cold: (f64, u64),
    edited: (f64, u64),
    unchanged: (f64, u64),
}

fn best_of(runs: impl Iterator<Item = (f64, u64)>) -> (f64, u64) {
    runs.fold((f64::MAX, 0), |best, run| {
        (best.0.min(run.0), best.1.max(run.1))
    })
}

/// `edited`: the page whose words change between runs, under `root`.
/// The first build is the best of `RUNS`, each into a new folder with the
/// last one's `.reportsite/` moved aside (renamed, not deleted: see
/// `main`); the rebuilds then use the last of them.
fn time_reportsite_runs(root: &Path, output: &Path, edited: &str) -> ReportsiteRuns {
    let aside = output.with_file_name("set-aside");
    std::fs::create_dir_all(&aside).expect("a folder for earlier first builds");
    let cold = best_of((0..RUNS).map(|n| {
        if n > 0 {
            let earlier = |name: &str| aside.join(format!("{name}-{n}"));
            std::fs::rename(output, earlier("public")).expect("move the last output aside");
            std::fs::rename(root.join(".reportsite"), earlier("cache"))
                .expect("move the last cache aside");
        }
        hugo::time_reportsite(root, output).expect("reportsite builds the generated site")
    }));
    let run = || hugo::time_reportsite(root, output).expect("reportsite builds the generated site");
    let page = root.join(edited);
    let edited = best_of((0..RUNS).map(|edit| {
        let mut text = std::fs::read_to_string(&page).expect("read the edited page");
        text.push_str(&format!("\nEdit {edit} adds a sentence.\n"));
        std::fs::write(&page, text).expect("edit the page");
        run()
    }));
    let unchanged = best_of((0..RUNS).map(|_| run()));
    ReportsiteRuns {
        cold,
        edited,
        unchanged,
    }
}

/// Builds the site with reportsite and Hugo, prints both and the ratios;
/// returns reportsite's cold and unchanged times.
fn compare_with_hugo(pages: usize, root: &Path, dir: &Path) -> (f64, f64) {
    let ours = time_reportsite_runs(root, &dir.join("public"), GENERATED_EDITED_PAGE);
    let seconds_and_peak =
        |(seconds, peak): (f64, u64)| format!("{seconds:.2} s, peak {} MB", peak / 1024);
    println!(
        "{pages:>6} pages: reportsite first build {} | one page edited {} | nothing changed {} ({:.0} pages/s)",
        seconds_and_peak(ours.cold),
        seconds_and_peak(ours.edited),
        seconds_and_peak(ours.unchanged),
        pages as f64 / ours.unchanged.0
    );
    let hugo_site = dir.join("hugo");
    hugo::convert_site(root, &hugo_site);
    // Hugo's first builds each write into an empty folder, like
    // reportsite's; its later runs overwrite every file of the last one.
    let hugo_public = dir.join("hugo-public");
    let first_runs: Result<Vec<(f64, u64)>, String> = (0..RUNS)
        .map(|n| {
            hugo::time_hugo(
                &hugo_site,
                &hugo_public.with_file_name(format!("hugo-first-{n}")),
            )
        })
        .collect();
    let hugo_runs = first_runs.and_then(|first| {
        std::fs::rename(
            hugo_public.with_file_name(format!("hugo-first-{}", RUNS - 1)),
            &hugo_public,
        )
        .map_err(|error| error.to_string())?;
        let again: Result<Vec<(f64, u64)>, String> = (1..RUNS)
            .map(|_| hugo::time_hugo(&hugo_site, &hugo_public))
            .collect();
        Ok((best_of(first.into_iter()), again?))
    });
    match hugo_runs {
        Ok((first, again)) => {
            let again = best_of(again.into_iter());
            let ratio = |ours: (f64, u64), hugo: (f64, u64)| {
                format!(
                    "{:.1}x as fast with {:.0}% of its memory",
                    hugo.0 / ours.0,
                    100.0 * ours.1 as f64 / hugo.1.max(1) as f64
                )
            };
            println!(
                "        Hugo first build {} | again, output present {}",
                seconds_and_peak(first),
                seconds_and_peak(again),
            );
            print_against_hugo_with_pagefind(ours.cold, first, &dir.join("hugo-public"));
            println!(
                "        reportsite against Hugo: first build {}; one page edited {}; nothing changed {}",
                ratio(ours.cold, first),
                ratio(ours.edited, again),
                ratio(ours.unchanged, again)
            );
        }
        Err(problem) => println!("        Hugo: {problem}"),
    }
    (ours.cold.0, ours.unchanged.0)
}

/// From cold, what a Hugo user runs for the same site and search: Hugo,
/// then Pagefind's command line over its output (peak memory: the larger
/// of the two processes, which run one after the other).
fn print_against_hugo_with_pagefind(ours: (f64, u64), hugo: (f64, u64), hugo_public: &Path) {
    match hugo::time_pagefind(hugo_public) {
        Some(Ok(pagefind)) => {
            let both = (hugo.0 + pagefind.0, hugo.1.max(pagefind.1));
            println!(
                "        Hugo + Pagefind CLI from cold {:.2} s (Hugo {:.2} s, Pagefind {:.2} s), peak {} MB; reportsite takes {:.2} of its time with {:.0}% of its memory",
                both.0,
                hugo.0,
                pagefind.0,
                both.1 / 1024,
                ours.0 / both.0,
                100.0 * ours.1 as f64 / both.1.max(1) as f64
            );
        }
        Some(Err(problem)) => println!("        Pagefind CLI: {problem}"),
        None => {
            println!("        Pagefind CLI: not installed (scripts/bench installs it from npm)")
        }
    }
}

/// What languages cost: the demo in its three languages against the demo
/// with its translations and `[[languages]]` taken out, and the 10,000-page
/// site against the same site with a Welsh version of every page.
fn print_language_costs() {
    println!(
        "\nLanguages (separate processes; first build, then best of {RUNS} with nothing changed):"
    );
    let dir = tempfile::tempdir().expect("temporary folder");
    let demo = dir.path().join("demo");
    copy_demo(&demo);
    let one = dir.path().join("demo-one-language");
    copy_demo(&one);
    remove_translations(&one);
    let edited = "content/parents-and-carers/safer-sleep.md";
    print_language_pair("demo", edited, &one, &demo, dir.path());
    let pages = 10_000;
    let single = dir.path().join("single");
    generate_site(&single, pages);
    let welsh = dir.path().join("welsh");
    generate_site(&welsh, pages);
    add_welsh_versions(&welsh);
    let label = format!("{pages}-page site");
    print_language_pair(&label, GENERATED_EDITED_PAGE, &single, &welsh, dir.path());
}

/// Builds `one` (a single language) and `more` (with translations) and
/// prints their times side by side.
fn print_language_pair(label: &str, edited: &str, one: &Path, more: &Path, dir: &Path) {
    let describe = |root: &Path, name: &str| {
        let output = dir.join(format!("{name}-public"));
        let runs = time_reportsite_runs(root, &output, edited);
        let pages = count_pages(root);
        let (cold, unchanged) = (runs.cold.0, runs.unchanged.0);
        println!(
            "  {label}, {name}: {pages} pages; first build {cold:.2} s ({:.0} µs a page), peak {} MB; nothing changed {unchanged:.2} s ({:.0} µs a page)",
            cold / pages as f64 * 1e6,
            runs.cold.1 / 1024,
            unchanged / pages as f64 * 1e6,
        );
        (cold, unchanged, pages)
    };
    let (cold_one, unchanged_one, pages_one) = describe(one, "one language");
    let (cold_more, unchanged_more, pages_more) = describe(more, "with translations");
    println!(
        "  {label}: {:.2}x the pages take {:.2}x the first build and {:.2}x the build with nothing changed",
        pages_more as f64 / pages_one as f64,
        cold_more / cold_one,
        unchanged_more / unchanged_one
    );
}

fn count_pages(root: &Path) -> usize {
    walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "md"))
        .count()
}

/// The demo in its own language only: no `.pl.md`/`.ur.md` files and no
/// `[[languages]]` tables (nor their `[languages.contact]` and
/// `[[languages.nav]]`).
fn remove_translations(root: &Path) {
    for entry in walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
    {
        let name = entry.file_name().to_string_lossy();
        if name.ends_with(".pl.md") || name.ends_with(".ur.md") {
            std::fs::remove_file(entry.path()).expect("remove a translation");
        }
    }
    let site = root.join("site.toml");
    let text = std::fs::read_to_string(&site).expect("read site.toml");
    let mut in_languages = false;
    let mut own = String::new();
    for line in text.lines() {
        let header = line.trim_start();
        if header.starts_with('[') {
            in_languages = header.trim_start_matches('[').starts_with("languages");
        }
        if !in_languages {
            own.push_str(line);
            own.push('\n');
        }
    }
    std::fs::write(&site, own).expect("write site.toml");
}

/// Declares Welsh and writes a Welsh version of every page of a generated
/// site: its title, summary and body (the facts are the original's).
fn add_welsh_versions(root: &Path) {
    let site = root.join("site.toml");
    let mut text = std::fs::read_to_string(&site).expect("read site.toml");
    text.push_str("\n[[languages]]\ncode = \"cy\"\nname = \"Cymraeg\"\n");
    std::fs::write(&site, text).expect("write site.toml");
    let originals: Vec<std::path::PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .map(walkdir::DirEntry::into_path)
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    for original in originals {
        let text = std::fs::read_to_string(&original).expect("read a page");
        let Some((front, body)) = text.trim_start_matches("+++\n").split_once("+++\n") else {
            continue;
        };
        let words: String = front
            .lines()
            .filter(|line| line.starts_with("title =") || line.starts_with("summary ="))
            .map(|line| line.replacen("= \"", "= \"Cymraeg: ", 1) + "\n")
            .collect();
        let welsh = original.with_extension("cy.md");
        std::fs::write(welsh, format!("+++\n{words}+++\n{body}")).expect("write a translation");
    }
}

/// Where the time of one in-process build goes.
fn print_phases(root: &Path, dir: &Path) {
    let options = BuildOptions {
        root: root.to_path_buf(),
        output: dir.join("public"),
        base_url: None,
        deny_warnings: false,
        build_date: Date::from_unix_days(20_415),
    };
    let checked = time_runs(|| check(&options));
    let phases = build(&options).timings;
    let in_memory = phases.load + phases.resolve + phases.images + phases.render + phases.check;
    println!(
        "        in-process: everything but writing (reportsite check) {}; phases (s): load {:.3}, resolve {:.3}, images {:.3}, render {:.3}, output link check {:.3} ({:.0}% of the phases before writing), write {:.3}; peak memory so far {}",
        checked.describe(),
        phases.load.as_secs_f64(),
        phases.resolve.as_secs_f64(),
        phases.images.as_secs_f64(),
        phases.render.as_secs_f64(),
        phases.check.as_secs_f64(),
        100.0 * phases.check.as_secs_f64() / in_memory.as_secs_f64(),
        phases.write.as_secs_f64(),
        peak_memory()
    );
}

fn print_serve_latency(label: &str, root: &Path, page: &str) {
    match serve_latency::measure(root, page) {
        Ok((median, p95)) => println!(
            "serve, {label}: edit → reload event over 50 body edits of {page}: median {median:.1} ms, 95th percentile {p95:.1} ms"
        ),
        Err(problem) => println!("serve, {label}: could not measure: {problem}"),
    }
}

/// Timings of `RUNS` runs of one phase.
struct Timing {
    pages: usize,
    seconds: Vec<f64>,
}

impl Timing {
    fn describe(&self) -> String {
        let best = self.seconds[0];
        let median = self.seconds[self.seconds.len() / 2];
        format!(
            "best {best:.3} s ({:.0} pages/s), median {median:.3} s",
            self.pages as f64 / best
        )
    }
}

fn time_runs(mut run: impl FnMut() -> BuildReport) -> Timing {
    let mut seconds = Vec::new();
    let mut pages = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        let report = run();
        seconds.push(start.elapsed().as_secs_f64());
        assert!(
            !report.has_errors(),
            "generated site has errors: {:?}",
            report.diagnostics.first()
        );
        pages = report.pages;
    }
    seconds.sort_by(f64::total_cmp);
    Timing { pages, seconds }
}

/// The demo site's page weight by kind of page (the `kind-…` class on
/// `<body>`): HTML bytes, and the CSS, JavaScript and images every page of
/// that kind loads.
fn print_demo_page_weights() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let output = dir.path().join("public");
    let root = dir.path().join("demo");
    copy_demo(&root);
    let options = BuildOptions {
        root,
        output: output.clone(),
        base_url: None,
        deny_warnings: false,
        build_date: Date::from_unix_days(20_415),
    };
    let cold = build(&options);
    assert!(!cold.has_errors(), "the demo site builds");
    let warm = build(&options);
    println!(
        "demo images: {} resized cold in {:.3} s; warm (all {} from the cache) {:.3} s",
        cold.images_resized,
        cold.timings.images.as_secs_f64(),
        warm.images_cached,
        warm.timings.images.as_secs_f64()
    );
    print_serve_latency(
        "demo site",
        &options.root,
        "content/parents-and-carers/safer-sleep.md",
    );
    let size = |path: &Path| std::fs::metadata(path).map_or(0, |m| m.len());
    let mut kinds: std::collections::BTreeMap<String, (u64, u64, u64, u64)> =
        std::collections::BTreeMap::new();
    for entry in walkdir::WalkDir::new(&output)
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if path.extension().is_none_or(|ext| ext != "html") {
            continue;
        }
        let html = std::fs::read_to_string(path).unwrap_or_default();
        let Some(kind) = html
            .split("<body class=\"kind-")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
        else {
            continue;
        };
        let images: u64 = phone_image_urls(&html)
            .iter()
            .map(|src| size(&output.join(src.trim_start_matches('/'))))
            .sum();
        let entry = kinds.entry(kind.to_string()).or_default();
        entry.0 += 1;
        entry.1 += size(path);
        entry.2 = entry.2.max(size(path));
        entry.3 = entry.3.max(images);
    }
    let css = size(&output.join("css/site.css"));
    let js = size(&output.join("js/site.js"));
    println!(
        "demo page weight (uncompressed): every page loads CSS {css} bytes and JS {js} bytes (deferred)"
    );
    for (kind, (pages, total, largest, images)) in kinds {
        println!(
            "  {kind:<14} {pages:>4} pages: HTML average {:>6} bytes, largest {largest:>6}; images on the heaviest page {images} bytes (as a phone 360 px wide at 2x fetches them)",
            total / pages.max(1)
        );
    }
}

/// The demo site (the repository root without its build output) in `root`,
/// so the image cache starts empty.
fn copy_demo(root: &Path) {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for entry in walkdir::WalkDir::new(demo.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
    {
        let relative = entry.path().strip_prefix(demo).expect("inside the demo");
        let target = root.join(relative);
        std::fs::create_dir_all(target.parent().expect("parent")).expect("create folder");
        std::fs::copy(entry.path(), target).expect("copy demo file");
    }
    for file in ["site.toml", "glossary.toml"] {
        std::fs::copy(demo.join(file), root.join(file)).expect("copy demo file");
    }
}

/// The image each `<picture>` or `<img>` makes a phone 360 CSS pixels wide
/// at 2x fetch: the narrowest WebP at least 720 pixels wide (or the widest),
/// else the `src`.
fn phone_image_urls(html: &str) -> Vec<String> {
    let mut urls = Vec::new();
    for (index, _) in html.match_indices("<img ") {
        let (before, picture) = html.split_at(index);
        let webp = before
            .rsplit("<picture>")
            .next()
            .filter(|start| !start.contains("</picture>"))
            .and_then(|start| start.split("type=\"image/webp\" srcset=\"").nth(1))
            .and_then(|rest| rest.split('"').next());
        let chosen = match webp {
            Some(srcset) => {
                let mut candidates: Vec<(u32, &str)> = srcset
                    .split(", ")
                    .filter_map(|c| {
                        let (url, width) = c.rsplit_once(' ')?;
                        Some((width.trim_end_matches('w').parse().ok()?, url))
                    })
                    .collect();
                candidates.sort_unstable();
                candidates
                    .iter()
                    .find(|(width, _)| *width >= 720)
                    .or(candidates.last())
                    .map(|(_, url)| (*url).to_string())
            }
            None => picture
                .split("src=\"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .map(str::to_string),
        };
        urls.extend(chosen);
    }
    urls
}

/// The process's peak resident memory (Linux `VmHWM`).
fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|line| line.starts_with("VmHWM:"))
                .map(|line| line.trim_start_matches("VmHWM:").trim().to_string())
        })
        .unwrap_or_else(|| "unknown".to_string())
}

/// The generated page whose words change between timed rebuilds.
const GENERATED_EDITED_PAGE: &str = "content/guides/g5.md";

const TOPICS: [&str; 4] = ["online-safety", "safer-sleeping", "exploitation", "neglect"];

fn generate_site(root: &Path, pages: usize) {
    write(root, "site.toml", SITE_TOML);
    write(root, "content/_index.md", &page("Home", "", "Welcome.\n"));
    for section in [
        "guides",
        "news",
        "resources",
        "videos",
        "priorities",
        "reports",
    ] {
        let path = format!("content/{section}/_index.md");
        write(root, &path, &page(section, "", "All of them.\n"));
    }
    for index in 0..8 {
        let front = format!(
            "summary = \"Priority {index}.\"\nstatus = \"current\"\nyears = [\"2024-25\"]\nlead = \"Group {index}\"\n"
        );
        let text = page(&format!("Priority {index}"), &front, &body(index, pages));
        write(root, &format!("content/priorities/p{index}.md"), &text);
    }
    let report = "year = \"2024-25\"\npublished = 2025-09-30\nperiod_start = 2024-04-01\nperiod_end = 2025-03-31\n";
    write(
        root,
        "content/reports/2024-25/_index.md",
        &page("Report 2024-25", report, "The year.\n"),
    );
    let remaining = pages.saturating_sub(17);
    for index in 0..remaining {
        let (path, front) = generated_page(root, index);
        let text = page(&format!("Page {index}"), &front, &body(index, remaining));
        write(root, &path, &text);
    }
}

/// The path and front matter of the n-th generated page: one in ten a
/// report chapter, two resources, one video (a bundle), one news item, and
/// five guides.
fn generated_page(root: &Path, index: usize) -> (String, String) {
    match index % 10 {
        0 => (
            format!("content/reports/2024-25/chapter-{index}.md"),
            format!("weight = {index}\npriorities = [\"p{}\"]\n", index % 8),
        ),
        1 | 2 => (
            format!("content/resources/r{index}.md"),
            resource_front(index),
        ),
        3 => {
            let folder = format!("content/videos/v{index}");
            write(
                root,
                &format!("{folder}/captions.vtt"),
                "WEBVTT\n\n00:00.000 --> 00:05.000\nHello.\n",
            );
            // A real poster (the demo's): resized once, then from the cache.
            let poster = root.join(format!("{folder}/poster.png"));
            std::fs::copy(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("content/videos/about-the-partnership/poster.png"),
                poster,
            )
            .expect("copy poster");
            (format!("{folder}/index.md"), video_front(index))
        }
        4 => (
            format!("content/news/n{index}.md"),
            format!(
                "summary = \"News {index}.\"\ndate = 2025-0{}-1{}\n",
                index % 9 + 1,
                index % 9
            ),
        ),
        _ => (format!("content/guides/g{index}.md"), String::new()),
    }
}

fn resource_front(index: usize) -> String {
    format!(
        "summary = \"Resource {index}.\"\naudiences = [\"parents-and-carers\"]\ntopics = [\"{}\"]\npriorities = [\"p{}\"]\nformat = \"leaflet\"\nurl = \"https://www.example.org/r{index}\"\npublished = 2025-01-10\nreview_by = 2027-01-10\n",
        TOPICS[index % TOPICS.len()],
        index % 8
    )
}

fn video_front(index: usize) -> String {
    format!(
        "summary = \"Video {index}.\"\naudiences = [\"practitioners\"]\ntopics = [\"{}\"]\nformat = \"video\"\npublished = 2025-01-10\nreview_by = 2027-01-10\nprovider = \"youtube\"\nvideo_id = \"abcdefghijk\"\nduration = \"3:20\"\ncaptions = \"captions.vtt\"\nposter = \"poster.png\"\n",
        TOPICS[index % TOPICS.len()]
    )
}

/// A few hundred words with headings, a table, a list and links to other
/// generated pages (with anchors) and to priorities.
fn body(index: usize, count: usize) -> String {
    let mut text = String::new();
    for (heading, section) in ["What this is", "Who it is for", "What to do next"]
        .iter()
        .enumerate()
    {
        let _ = writeln!(text, "## {section}\n");
        for sentence in 0..4 {
            let _ = write!(
                text,
                "Sentence {sentence} of part {heading} explains **what matters** to parents, carers and practitioners in plain words. "
            );
        }
        text.push_str("\n\n- A first point to remember\n- A second point, with `code`\n\n");
    }
    let guide = (index * 7 + 5) % count.max(1);
    let guide = guide - guide % 10 + 5;
    if guide < count {
        let _ = writeln!(
            text,
            "See [a related guide](@/guides/g{guide}.md#who-it-is-for) and [priority {}](@/priorities/p{}.md#what-to-do-next).\n",
            index % 8,
            index % 8
        );
    }
    text.push_str("| Figure | Value |\n|---|---|\n| Children helped | 120 |\n| Sessions | 14 |\n");
    text
}

fn page(title: &str, front: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\n{front}+++\n{body}")
}

fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("create folder");
    std::fs::write(path, text).expect("write file");
}

const SITE_TOML: &str = r#"title = "Benchmark Partnership"
base_url = "https://bench.example.org"
[contact]
report_concern_text = "If a child is in immediate danger, call 999."
report_concern_url = "@/_index.md"
[[audiences]]
slug = "parents-and-carers"
label = "Parents and carers"
[[audiences]]
slug = "practitioners"
label = "Practitioners"
[[topics]]
slug = "online-safety"
label = "Online safety"
[[topics]]
slug = "safer-sleeping"
label = "Safer sleeping"
[[topics]]
slug = "exploitation"
label = "Exploitation"
[[topics]]
slug = "neglect"
label = "Neglect"
[[formats]]
slug = "leaflet"
label = "Leaflet"
[[formats]]
slug = "video"
label = "Video"
"#;

/// Builds and writes, as `reportsite build` does.
fn build(options: &BuildOptions) -> BuildReport {
    let target = WriteTarget::choose(options, false).expect("a safe output folder");
    reportsite::pipeline::build(options, &target)
}
