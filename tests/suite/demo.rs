//! The bundled demo site (the repository root) builds cleanly into a
//! complete site, and every internal link in it points at a written file.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use crate::site_test::BUILD_EPOCH;

#[test]
fn demo_site_builds_with_no_diagnostics() {
    let out = tempfile::tempdir().expect("temporary folder");
    let target = out.path().join("public");
    let root = env!("CARGO_MANIFEST_DIR");
    let output = Command::new(env!("CARGO_BIN_EXE_reportsite"))
        .args(["build", "--root", root, "--output"])
        .arg(&target)
        .env("SOURCE_DATE_EPOCH", BUILD_EPOCH)
        .output()
        .expect("run reportsite");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("0 errors, 0 warnings"), "{stderr}");
    let pages = html_files(&target);
    assert!(pages.len() >= 40, "only {} pages", pages.len());
    for required in [
        "index.html",
        "404.html",
        "report-a-concern/index.html",
        "reports/2023-24/finances/index.html",
        "reports/2024-25/index.html",
        "priorities/safeguarding-babies/index.html",
        "parents-and-carers/index.html",
        "children-and-young-people/index.html",
        "practitioners/index.html",
        "about/index.html",
    ] {
        assert!(target.join(required).is_file(), "missing {required}");
    }
    assert_internal_links_resolve(&target, &pages);
}

fn html_files(root: &Path) -> Vec<String> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "html"))
        .map(|entry| {
            entry
                .path()
                .strip_prefix(root)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

/// A plain scan of `href="/…"` and `src="/…"`: the full output-level check
/// (anchors, srcset, CSS) belongs to the link checker.
fn assert_internal_links_resolve(root: &Path, pages: &[String]) {
    let mut broken = BTreeSet::new();
    for page in pages {
        let html = std::fs::read_to_string(root.join(page)).expect("read page");
        for attribute in ["href=\"/", "src=\"/"] {
            for (index, _) in html.match_indices(attribute) {
                let rest = &html[index + attribute.len() - 1..];
                let url = &rest[..rest.find('"').unwrap_or(rest.len())];
                let path = url.split(['#', '?']).next().unwrap_or(url);
                let file = if path.ends_with('/') {
                    format!("{path}index.html")
                } else {
                    path.to_string()
                };
                if !root.join(file.trim_start_matches('/')).is_file() {
                    broken.insert(format!("{page} -> {url}"));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "broken internal links:\n{}",
        broken.into_iter().collect::<Vec<_>>().join("\n")
    );
}
