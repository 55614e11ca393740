//! The same generated content as a Hugo site, with templates that make the
//! equivalent pages (single pages with a table of contents and taxonomy
//! links, section lists, taxonomy and term pages, plus Hugo's own RSS and
//! sitemap), for a like-for-like timing. Hugo comes from Debian
//! (`apt-get install hugo`, done by `scripts/bench` when missing).

use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// Copies the reportsite site at `from` into a Hugo site at `to`: the same
/// Markdown files (Hugo reads `+++` TOML front matter too), `@/` links as
/// `ref` shortcodes (which Hugo checks, as reportsite checks links), and the
/// same page bundles.
pub fn convert_site(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
    {
        let relative = entry.path().strip_prefix(from).expect("inside the site");
        let target = to.join(relative);
        std::fs::create_dir_all(target.parent().expect("parent")).expect("create folder");
        if relative.extension().is_some_and(|ext| ext == "md") {
            let text = std::fs::read_to_string(entry.path()).expect("read page");
            std::fs::write(&target, hugo_page(&text)).expect("write page");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
    write(to, "hugo.toml", CONFIG);
    for (path, text) in LAYOUTS {
        write(to, &format!("layouts/{path}"), text);
    }
}

/// A reportsite page as Hugo reads it: `url` (a resource's outside
/// address) is Hugo's own URL setting, so it becomes `link`.
fn hugo_page(text: &str) -> String {
    let lines: Vec<String> = text
        .lines()
        .map(|line| match line.strip_prefix("url = ") {
            Some(value) => format!("link = {value}"),
            None => line.to_string(),
        })
        .collect();
    hugo_links(&(lines.join("\n") + "\n"))
}

/// `[text](@/guides/g5.md#x)` → `[text]({{< ref "/guides/g5.md#x" >}})`.
fn hugo_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(at) = rest.find("](@/") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 4..];
        let end = after.find(')').unwrap_or(after.len());
        out.push_str(&format!("]({{{{< ref \"/{}\" >}}}})", &after[..end]));
        rest = &after[(end + 1).min(after.len())..];
    }
    out.push_str(rest);
    out
}

fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("create folder");
    std::fs::write(path, text).expect("write file");
}

/// Runs `hugo` on `site` into `output`: seconds and peak memory in kB.
pub fn time_hugo(site: &Path, output: &Path) -> Result<(f64, u64), String> {
    timed(
        "hugo",
        &[
            "--quiet".as_ref(),
            "--source".as_ref(),
            site.as_os_str(),
            "--destination".as_ref(),
            output.as_os_str(),
        ],
    )
}

/// Pagefind's own command line (from the npm package, which ships the
/// binary; `scripts/bench` installs it) indexing Hugo's output, as a Hugo
/// site gets the search reportsite builds in: `None` when it is not there.
pub fn time_pagefind(output: &Path) -> Option<Result<(f64, u64), String>> {
    let program = std::env::var("REPORTSITE_PAGEFIND").ok()?;
    Some(timed(
        &program,
        &["--site".as_ref(), output.as_os_str(), "--quiet".as_ref()],
    ))
}

/// Runs `reportsite build` the same way: a separate process, timed from
/// outside.
pub fn time_reportsite(site: &Path, output: &Path) -> Result<(f64, u64), String> {
    let program = env!("CARGO_BIN_EXE_reportsite");
    timed(
        program,
        &[
            "build".as_ref(),
            "--root".as_ref(),
            site.as_os_str(),
            "--output".as_ref(),
            output.as_os_str(),
        ],
    )
}

/// Wall-clock seconds and peak resident memory (kB, from GNU time).
pub fn timed(program: &str, args: &[&std::ffi::OsStr]) -> Result<(f64, u64), String> {
    let started = Instant::now();
    let run = Command::new("/usr/bin/time")
        .args(["-f", "%M", program])
        .args(args)
        .output()
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    let seconds = started.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&run.stderr);
    if !run.status.success() {
        let first: Vec<&str> = stderr.lines().take(5).collect();
        return Err(format!("{program} failed: {}", first.join(" | ")));
    }
    let peak = stderr
        .lines()
        .filter_map(|line| line.trim().parse::<u64>().ok())
        .next_back()
        .unwrap_or(0);
    Ok((seconds, peak))
}

const CONFIG: &str = r#"baseURL = "https://bench.example.org/"
title = "Benchmark Partnership"
languageCode = "en-gb"
disableKinds = []
enableRobotsTXT = true
[taxonomies]
audience = "audiences"
topic = "topics"
[markup.goldmark.renderer]
unsafe = false
[markup.tableOfContents]
startLevel = 2
endLevel = 2
"#;

const LAYOUTS: [(&str, &str); 5] = [
    (
        "_default/baseof.html",
        r##"<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} – {{ .Site.Title }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="canonical" href="{{ .Permalink }}">
<meta property="og:title" content="{{ .Title }}">
<link rel="stylesheet" href="/css/site.css">
</head>
<body>
<a class="skip-link" href="#main-content">Skip to main content</a>
<header><a href="/">{{ .Site.Title }}</a>
<nav aria-label="Main"><ul>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></nav></header>
<nav aria-label="Breadcrumb"><ol>{{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol></nav>
<main id="main-content">{{ block "main" . }}{{ end }}</main>
<footer><p>If a child is in immediate danger, call 999.</p></footer>
</body>
</html>
"##,
    ),
    (
        "_default/single.html",
        r##"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="lead">{{ . }}</p>{{ end }}
<nav aria-label="Contents">{{ .TableOfContents }}</nav>
<div class="prose">{{ .Content }}</div>
<dl>{{ with .GetTerms "audiences" }}<dt>For</dt><dd>{{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</dd>{{ end }}
{{ with .GetTerms "topics" }}<dt>Topics</dt><dd>{{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</dd>{{ end }}</dl>
{{ with .Site.RegularPages.Related . | first 3 }}<h2>Related</h2><ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
{{ end }}
"##,
    ),
    (
        "_default/list.html",
        r##"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Params.summary }} – {{ . }}{{ end }}</li>{{ end }}</ul>
{{ end }}
"##,
    ),
    (
        "_default/taxonomy.html",
        r##"{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .Pages }})</li>{{ end }}</ul>
{{ end }}
"##,
    ),
    (
        "_default/term.html",
        r##"{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Params.summary }} – {{ . }}{{ end }}</li>{{ end }}</ul>
{{ end }}
"##,
    ),
];

#[cfg(test)]
mod tests {
    #[test]
    fn links_become_refs() {
        assert_eq!(
            super::hugo_links("See [g](@/guides/g5.md#x) and [p](@/p.md)."),
            "See [g]({{< ref \"/guides/g5.md#x\" >}}) and [p]({{< ref \"/p.md\" >}})."
        );
    }
}
