//! The output folder: written whole or not at all, and `--base-url`
//! respected in every link.

use std::collections::BTreeMap;
use std::path::Path;

use crate::site_test::{SiteTest, assert_contains, files_under};

/// Every file under `folder` with its bytes: what must survive unchanged.
fn snapshot(folder: &Path) -> BTreeMap<String, Vec<u8>> {
    files_under(folder)
        .into_iter()
        .map(|(relative, path)| (relative, std::fs::read(path).expect("read file")))
        .collect()
}

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
fn a_rebuild_removes_what_the_last_build_wrote_and_nothing_else() {
    let site = SiteTest::new("link-relative-md");
    site.build_ok();
    site.write("content/extra.md", "+++\ntitle = \"Extra\"\n+++\nExtra.\n");
    site.build_ok();
    assert!(site.output().join("extra/index.html").is_file());
    std::fs::write(site.output().join("google1234.html"), "verification").expect("write");
    std::fs::remove_file(site.root.join("content/extra.md")).expect("remove page");
    let run = site.build_ok();
    assert!(
        !site.output().join("extra").exists(),
        "a page the site no longer has is removed"
    );
    assert_eq!(site.read_output("google1234.html"), "verification");
    assert_contains(
        &run.stderr,
        "1 file in public/ was not written by reportsite and was left alone: google1234.html",
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

/// Modification times of every file of the site in the output (not the
/// manifest), by path.
fn output_times(site: &SiteTest) -> std::collections::BTreeMap<String, std::time::SystemTime> {
    files_under(&site.output())
        .into_iter()
        .filter(|(relative, _)| relative != ".reportsite-manifest")
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

#[test]
fn refuses_the_site_folder_its_parents_and_its_sources() {
    let site = SiteTest::new("link-relative-md");
    let parent = site.root.parent().expect("a parent").to_path_buf();
    std::fs::write(parent.join("letter.docx"), "an editor's letter").expect("write");
    let site_before = snapshot(&site.root);
    let parent_before = snapshot(&parent);
    for (output, says) in [
        (".", "is the site folder itself"),
        ("content/..", "is the site folder itself"),
        ("..", "holds the site folder"),
        ("/", "holds the site folder"),
        ("content", "which the build reads"),
        ("content/news/out", "which the build reads"),
        ("static/out", "which the build reads"),
        (".reportsite/public", "which the build reads"),
        ("site.toml", "is a file, not a folder"),
    ] {
        let run = site.run(&["build", "--output", output]);
        assert_eq!(run.code, 2, "--output {output}: {}", run.stderr);
        assert_contains(&run.stderr, says);
        assert_contains(&run.stderr, "nothing was written");
        assert_eq!(snapshot(&parent), parent_before, "--output {output}");
    }
    assert_eq!(snapshot(&site.root), site_before);
    assert!(!site.root.join("static").exists() && !site.root.join(".reportsite").exists());
    let named = site.run(&["build", "--output", "."]);
    let real_root = site.root.canonicalize().expect("real path");
    assert_contains(&named.stderr, &real_root.display().to_string());
    assert_contains(
        &named.stderr,
        &real_root.join("public").display().to_string(),
    );
}

#[cfg(unix)]
#[test]
fn refuses_a_link_that_leads_into_the_site() {
    let site = SiteTest::new("link-relative-md");
    let link = site.root.parent().expect("a parent").join("shortcut");
    std::os::unix::fs::symlink(site.root.join("content"), &link).expect("link");
    let before = snapshot(&site.root);
    let run = site.run(&["build", "--output", &link.display().to_string()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_contains(&run.stderr, "which the build reads");
    assert_eq!(snapshot(&site.root), before);
}

#[test]
fn a_folder_of_the_users_files_is_built_into_without_losing_any() {
    let site = SiteTest::new("link-relative-md");
    let documents = site.root.parent().expect("a parent").join("Documents");
    std::fs::create_dir_all(documents.join("Budgets")).expect("folders");
    std::fs::write(documents.join("Budgets/2025.xlsx"), "figures").expect("write");
    std::fs::write(documents.join("notes.txt"), "notes").expect("write");
    let before = snapshot(&documents);
    let output = documents.display().to_string();
    let run = site.run(&["build", "--output", &output]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(&run.stderr, "2 files in");
    assert_contains(
        &run.stderr,
        "were not written by reportsite and were left alone: Budgets/2025.xlsx, notes.txt",
    );
    assert!(documents.join("about/index.html").is_file());
    let after = snapshot(&documents);
    for (path, bytes) in &before {
        assert_eq!(
            after.get(path),
            Some(bytes),
            "{path} survives byte for byte"
        );
    }
    // Built again after a page went: the user's files still stay.
    std::fs::remove_file(site.root.join("content/about.md")).expect("remove");
    site.write("content/_index.md", "+++\ntitle = \"Home\"\n+++\nHome.\n");
    let _ = site.run(&["build", "--output", &output]);
    let again = snapshot(&documents);
    for (path, bytes) in &before {
        assert_eq!(
            again.get(path),
            Some(bytes),
            "{path} survives a second build"
        );
    }
}

#[test]
fn the_users_file_in_the_way_stops_the_build_until_clean() {
    let site = SiteTest::new("link-relative-md");
    std::fs::create_dir_all(site.output().join("about")).expect("folder");
    std::fs::write(site.output().join("about/index.html"), "hand-made").expect("write");
    std::fs::write(site.output().join("old.pdf"), "old").expect("write");
    let before = snapshot(&site.output());
    let run = site.build();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_contains(&run.stderr, "about/index.html");
    assert_contains(&run.stderr, "nothing was written");
    assert_contains(&run.stderr, "--clean");
    assert_eq!(snapshot(&site.output()), before, "nothing touched");
    let clean = site.run(&["build", "--clean"]);
    assert_eq!(clean.code, 0, "{}", clean.stderr);
    assert_contains(
        &clean.stderr,
        "--clean removed 2 files in public/ that reportsite did not write: about/index.html, old.pdf",
    );
    assert!(!site.output().join("old.pdf").exists());
    assert_ne!(site.read_output("about/index.html"), "hand-made");
}

#[test]
fn an_output_from_before_the_manifest_is_adopted_where_it_matches() {
    let site = SiteTest::new("link-relative-md");
    site.build_ok();
    std::fs::remove_file(site.output().join(".reportsite-manifest")).expect("remove manifest");
    let before = snapshot(&site.output());
    let run = site.build_ok();
    assert_contains(&run.stderr, "output: 0 files written");
    assert!(!run.stderr.contains("left alone"), "{}", run.stderr);
    let mut after = snapshot(&site.output());
    assert!(after.remove(".reportsite-manifest").is_some());
    assert_eq!(after, before);
}

#[cfg(unix)]
#[test]
fn caches_are_never_written_outside_the_site() {
    let site = SiteTest::new("link-relative-md");
    let elsewhere = site.root.parent().expect("a parent").join("elsewhere");
    std::fs::create_dir_all(&elsewhere).expect("folder");
    std::os::unix::fs::symlink(&elsewhere, site.root.join(".reportsite")).expect("link");
    site.write(
        "content/photo.md",
        "+++\ntitle = \"Photo\"\n+++\n![A square](square.png)\n",
    );
    let png = image_bytes();
    std::fs::write(site.root.join("content/square.png"), png).expect("write");
    let run = site.build_ok();
    assert!(
        files_under(&elsewhere).is_empty(),
        "the cache followed a link out of the site: {}",
        run.stderr
    );
}

fn image_bytes() -> Vec<u8> {
    let mut bytes = Vec::new();
    image::RgbImage::from_pixel(640, 640, image::Rgb([200, 30, 30]))
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .expect("encode");
    bytes
}

#[test]
fn a_link_to_a_file_placed_by_hand_works_with_a_warning() {
    let site = SiteTest::new("link-relative-md");
    site.build_ok();
    std::fs::create_dir_all(site.output().join("docs")).expect("folder");
    std::fs::write(site.output().join("docs/minutes.pdf"), "%PDF-1.4\n").expect("write");
    site.write(
        "content/minutes.md",
        "+++\ntitle = \"Minutes\"\n+++\nRead [the minutes](/docs/minutes.pdf).\n",
    );
    let (exit, diagnostics) = site.check_json();
    assert_eq!(exit, 0, "{diagnostics:#?}");
    let warning = diagnostics
        .iter()
        .find(|found| found.code == "file-not-in-site")
        .unwrap_or_else(|| panic!("no warning in {diagnostics:#?}"));
    assert_eq!(warning.location(), "content/minutes.md:4:20");
    assert_eq!(warning.severity, "warning");
    let built = site.build_ok();
    assert_contains(
        &built.stderr,
        "1 file in public/ was not written by reportsite and was left alone: docs/minutes.pdf",
    );
    assert_eq!(site.read_output("docs/minutes.pdf"), "%PDF-1.4\n");
    assert_eq!(site.run(&["build", "--deny-warnings"]).code, 1);
    std::fs::remove_file(site.output().join("docs/minutes.pdf")).expect("remove");
    let (broken, diagnostics) = site.check_json();
    assert_eq!(
        broken, 1,
        "without the file the link is broken: {diagnostics:#?}"
    );
}
