//! The output folder: written whole or not at all, and `--base-url`
//! respected in every link.

use crate::site_test::{SiteTest, assert_contains, files_under};

#[test]
fn failed_build_keeps_the_previous_output_exactly() {
    let site = SiteTest::new("link-relative-md");
    assert_eq!(site.build().code, 0);
    let before = site.read_output("about/index.html");
    site.write(
        "content/about.md",
        "+++\ntitle = \"About\"\n+++\n[broken](@/nowhere.md)\n",
    );
    site.write("content/new-page.md", "+++\ntitle = \"New\"\n+++\nNew.\n");
    let failed = site.build();
    assert_eq!(failed.code, 1, "{}", failed.stderr);
    assert_eq!(site.read_output("about/index.html"), before);
    assert!(
        !site.output().join("new-page").exists(),
        "nothing of the failed build is written"
    );
    assert_eq!(
        site.siblings(),
        [".reportsite", "content", "public", "site.toml"]
    );
}

#[test]
fn successful_rebuild_replaces_the_whole_output() {
    let site = SiteTest::new("link-relative-md");
    assert_eq!(site.build().code, 0);
    std::fs::write(site.output().join("stale.html"), "old").expect("write stale file");
    assert_eq!(site.build().code, 0);
    assert!(
        !site.output().join("stale.html").exists(),
        "the old output is replaced, not merged"
    );
    assert_eq!(
        site.siblings(),
        [".reportsite", "content", "public", "site.toml"]
    );
}

#[test]
fn check_writes_nothing() {
    let site = SiteTest::new("link-relative-md");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!site.output().exists());
}

#[test]
fn base_url_override_prefixes_every_internal_link() {
    let site = SiteTest::new("link-relative-md");
    let run = site.run(&["build", "--base-url", "https://preview.example.org/lrscp/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = site.read_output("about/index.html");
    assert_contains(&html, r#"href="/lrscp/advice/#safer-sleep""#);
    assert_contains(&html, r#"href="/lrscp/sub/contact/""#);
    assert_contains(&html, r#"href="/lrscp/css/site.css""#);
    assert_contains(
        &html,
        r#"<link rel="canonical" href="https://preview.example.org/lrscp/about/">"#,
    );
    assert!(
        !html.contains(r#"href="/advice/"#),
        "an unprefixed link slipped through"
    );
}

#[test]
fn output_folder_option() {
    let site = SiteTest::new("link-relative-md");
    let run = site.run(&["build", "--output", "elsewhere/site"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.root.join("elsewhere/site/about/index.html").is_file());
    assert!(!site.output().exists());
}

/// Modification times of every output file, by path.
fn output_times(site: &SiteTest) -> std::collections::BTreeMap<String, std::time::SystemTime> {
    files_under(&site.output())
        .into_iter()
        .map(|(relative, path)| {
            let modified = std::fs::metadata(path)
                .and_then(|metadata| metadata.modified())
                .expect("modification time");
            (relative, modified)
        })
        .collect()
}

#[test]
fn a_rebuild_writes_only_the_files_that_changed() {
    let site = SiteTest::new("link-relative-md");
    let first = site.build_ok();
    assert_contains(&first.stderr, "files written, 0 unchanged, 0 removed");
    let before = output_times(&site);
    // Coarse file-system clocks must be able to tell a rewrite apart.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let same = site.build_ok();
    assert_contains(
        &same.stderr,
        &format!(
            "output: 0 files written, {} unchanged, 0 removed",
            before.len()
        ),
    );
    assert_eq!(output_times(&site), before, "nothing was rewritten");
    site.replace(
        "content/about.md",
        "+++\n",
        "+++\nsummary = \"Who we are.\"\n",
    );
    let edited = site.build_ok();
    let after = output_times(&site);
    let rewritten: Vec<&String> = after
        .iter()
        .filter(|(path, time)| before.get(*path) != Some(*time))
        .map(|(path, _)| path)
        .collect();
    assert!(
        rewritten.iter().any(|path| *path == "about/index.html"),
        "the edited page is written: {rewritten:?}"
    );
    assert!(
        rewritten.len() < before.len() / 2,
        "most files are untouched: {rewritten:?}"
    );
    assert_contains(
        &edited.stderr,
        &format!("output: {} files written", rewritten.len()),
    );
    assert_eq!(
        site.siblings(),
        [".reportsite", "content", "public", "site.toml"]
    );
}

#[test]
fn timings_name_every_phase() {
    let site = SiteTest::new("link-relative-md");
    let run = site.run(&["build", "--timings"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let line = run
        .stderr
        .lines()
        .find(|line| line.starts_with("timings: "))
        .unwrap_or_else(|| panic!("no timings line in {}", run.stderr));
    for phase in [
        "load", "resolve", "images", "render", "check", "search", "write", "total",
    ] {
        assert_contains(line, &format!("{phase} "));
    }
}
