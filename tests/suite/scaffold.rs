//! Issue 18: `reportsite init` and `reportsite new`, run as an editor would:
//! the starter site builds at once, placeholders are the only warnings,
//! nothing that exists is ever changed, and the recipes it writes parse.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::site_test::{BUILD_EPOCH, assert_contains, files_under};

struct Ran {
    code: i32,
    stderr: String,
    stdout: String,
}

fn reportsite(folder: &Path, args: &[&str]) -> Ran {
    let output = Command::new(env!("CARGO_BIN_EXE_reportsite"))
        .args(args)
        .current_dir(folder)
        .env("SOURCE_DATE_EPOCH", BUILD_EPOCH)
        .env("NO_COLOR", "1")
        .output()
        .expect("run reportsite");
    Ran {
        code: output.status.code().unwrap_or(-1),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
    }
}

const ALL_DETAILS: [&str; 16] = [
    "--title",
    "Northshire \"Safe\" *Children* Partnership",
    "--base-url",
    "https://www.northshirescp.example",
    "--description",
    "How partners in Northshire keep children safe.",
    "--report-concern-url",
    "https://www.northshire.example/report-a-concern",
    "--phone",
    "01234 567890",
    "--email",
    "scp@northshire.example",
    "--language",
    "en-GB",
    "--repo",
    "northshire/website",
];

/// `init` into a new folder under a temporary one, with `details`.
fn init_site(details: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut args = vec!["init", "site", "--no-input"];
    args.extend_from_slice(details);
    let ran = reportsite(dir.path(), &args);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert_contains(&ran.stderr, "wrote a new site in site");
    let root = dir.path().join("site");
    (dir, root)
}

/// The diagnostics of `check --format json`, as (code, severity) pairs.
fn diagnostics_of(root: &Path) -> Vec<(String, String)> {
    let ran = reportsite(root, &["check", "--format", "json"]);
    assert!(ran.code == 0 || ran.code == 1, "{}", ran.stderr);
    ran.stderr
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|diagnostic| {
            let field = |name: &str| diagnostic[name].as_str().map(str::to_string);
            Some((field("code")?, field("severity")?))
        })
        .collect()
}

#[test]
fn init_with_every_detail_builds_with_no_diagnostics_at_all() {
    let (_dir, root) = init_site(&ALL_DETAILS);
    let build = reportsite(&root, &["build", "--deny-warnings"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert_contains(&build.stderr, "0 errors, 0 warnings");
    for file in [
        ".gitignore",
        ".github/workflows/publish.yml",
        ".github/workflows/check-links.yml",
        ".vscode/tasks.json",
        "netlify.toml",
        "DEPLOY.md",
        "content/report-a-concern.md",
        "content/reports/2025-26/_index.md",
        "content/videos/example-video/captions.vtt",
    ] {
        assert!(root.join(file).is_file(), "{file} was not written");
    }
    // The name, with its quotes and asterisks, is text on every page.
    let home = std::fs::read_to_string(root.join("public/index.html")).expect("home");
    assert_contains(&home, "Northshire &quot;Safe&quot; *Children* Partnership");
    let concern = std::fs::read_to_string(root.join("public/report-a-concern/index.html"))
        .expect("report a concern");
    assert_contains(
        &concern,
        r#"href="https://www.northshire.example/report-a-concern""#,
    );
    assert_contains(&concern, "01234 567890");
    // The browser editor is on, and saves to the repository when live.
    let admin = std::fs::read_to_string(root.join("public/admin/config.yml")).expect("admin");
    let config: serde_json::Value = serde_json::from_str(&admin).expect("JSON");
    assert_eq!(config["backend"]["repo"], "northshire/website");
}

#[test]
fn init_with_no_details_warns_only_of_its_placeholders() {
    let (_dir, root) = init_site(&[]);
    let found = diagnostics_of(&root);
    assert!(found.len() >= 6, "{found:?}");
    assert!(
        found
            .iter()
            .all(|(code, severity)| code == "placeholder" && severity == "warning"),
        "{found:?}"
    );
    let build = reportsite(&root, &["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let strict = reportsite(&root, &["build", "--deny-warnings"]);
    assert_eq!(strict.code, 1, "placeholders stop a site going live");
    // With no repository the editor works through serve only, and its
    // script says so on the live site instead of offering a sign-in.
    let admin = std::fs::read_to_string(root.join("public/admin/config.yml")).expect("admin");
    let config: serde_json::Value = serde_json::from_str(&admin).expect("JSON");
    assert_eq!(config["backend"].get("repo"), None);
    let script = std::fs::read_to_string(root.join("public/admin/admin.js")).expect("script");
    assert_contains(&script, "\"liveEditing\":false");
}

/// In a terminal, `init` asks for each detail not given as a flag: an
/// answer it would refuse is asked again with the reason, and a question
/// left empty is a placeholder that `check` names.
#[cfg(unix)]
#[test]
fn init_asks_in_a_terminal_for_what_the_flags_left_out() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut command = Command::new(env!("CARGO_BIN_EXE_reportsite"));
    command
        .args(["init", "site", "--phone", "01234 567890"])
        .current_dir(dir.path())
        .env_remove("CI")
        .env("SOURCE_DATE_EPOCH", BUILD_EPOCH)
        .env("NO_COLOR", "1");
    let mut terminal = rexpect::session::spawn_command(command, Some(30_000)).expect("a terminal");
    let mut answer = |question: &str, text: &str| {
        terminal.exp_string(question).expect(question);
        terminal.send_line(text).expect("typed");
    };
    answer(
        "The partnership's name",
        "Northshire Safeguarding Children Partnership",
    );
    answer("The website's address", "www.northshirescp.example");
    // Refused (no https://), so asked again with the reason.
    answer(
        "write the whole address",
        "https://www.northshirescp.example",
    );
    answer("One sentence saying what the partnership does", "");
    answer(
        "Where to report a concern about a child",
        "https://www.northshire.example/report-a-concern",
    );
    answer("The partnership's email address", "scp@northshire.example");
    terminal
        .exp_string("wrote a new site in site")
        .expect("written");
    terminal.exp_eof().expect("init ends");
    let root = dir.path().join("site");
    let site_toml = std::fs::read_to_string(root.join("site.toml")).expect("site.toml");
    for given in [
        "title = \"Northshire Safeguarding Children Partnership\"",
        "base_url = \"https://www.northshirescp.example\"",
        "01234 567890",
        "scp@northshire.example",
    ] {
        assert_contains(&site_toml, given);
    }
    let concern = std::fs::read_to_string(root.join("content/report-a-concern.md"))
        .expect("report a concern");
    assert_contains(&concern, "https://www.northshire.example/report-a-concern");
    // Only the sentence left empty is a placeholder (in site.toml and on
    // the home page, which both say it).
    let check = reportsite(&root, &["check", "--format", "json"]);
    let placeholders: Vec<&str> = check
        .stderr
        .lines()
        .filter(|line| line.contains("\"code\":\"placeholder\""))
        .collect();
    assert!(!placeholders.is_empty(), "{}", check.stderr);
    for placeholder in placeholders {
        assert_contains(placeholder, "one sentence saying what the partnership does");
    }
}

#[test]
fn init_refuses_a_folder_with_anything_in_it_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mine = dir.path().join("notes.txt");
    std::fs::write(&mine, "my notes").expect("write");
    let ran = reportsite(dir.path(), &["init", ".", "--no-input"]);
    assert_eq!(ran.code, 2);
    assert_contains(
        &ran.stderr,
        "is not empty (it holds notes.txt), so nothing was written",
    );
    let left: Vec<String> = files_under(dir.path())
        .into_iter()
        .map(|(path, _)| path)
        .collect();
    assert_eq!(left, ["notes.txt"]);
    assert_eq!(std::fs::read_to_string(&mine).expect("read"), "my notes");
    // A bad detail is refused before anything is written.
    let bad = reportsite(
        dir.path(),
        &["init", "fresh", "--no-input", "--base-url", "www.x.org"],
    );
    assert_eq!(bad.code, 2);
    assert_contains(&bad.stderr, "--base-url 'www.x.org'");
    assert!(!dir.path().join("fresh").exists());
}

#[test]
fn each_new_kind_of_page_checks_clean_and_new_never_overwrites() {
    let (_dir, root) = init_site(&ALL_DETAILS);
    for (kind, name, path) in [
        (
            "resource",
            "safer-sleep-leaflet",
            "content/resources/safer-sleep-leaflet/index.md",
        ),
        ("video", "icon-film", "content/videos/icon-film/index.md"),
        ("news", "new-website", "content/news/new-website.md"),
        (
            "priority",
            "mental-health",
            "content/priorities/mental-health.md",
        ),
        ("report", "2026-27", "content/reports/2026-27/_index.md"),
        (
            "chapter",
            "2026-27/foreword",
            "content/reports/2026-27/foreword.md",
        ),
    ] {
        let ran = reportsite(&root, &["new", kind, name]);
        assert_eq!(ran.code, 0, "{kind}: {}", ran.stderr);
        assert_contains(&ran.stderr, &format!("wrote {path}"));
        let found = diagnostics_of(&root);
        assert!(
            found.iter().all(|(code, _)| code == "placeholder"),
            "{kind}: {found:?}"
        );
    }
    let resource =
        std::fs::read_to_string(root.join("content/resources/safer-sleep-leaflet/index.md"))
            .expect("the resource");
    assert_contains(&resource, "title = \"Safer sleep leaflet\"");
    assert_contains(&resource, "published = 2026-01-01");
    assert_contains(&resource, "review_by = 2027-01-01");
    assert_contains(
        &resource,
        "# Audiences: parents-and-carers, children-and-young-people",
    );
    let again = reportsite(&root, &["new", "news", "new-website"]);
    assert_eq!(again.code, 2);
    assert_contains(&again.stderr, "exists already, so nothing was written");
    let bad = reportsite(&root, &["new", "resource", "Safer Sleep!"]);
    assert_eq!(bad.code, 2);
    assert_contains(&bad.stderr, "did you mean `safer-sleep`?");
    let orphan = reportsite(&root, &["new", "chapter", "2030-31/x"]);
    assert_eq!(orphan.code, 2);
    assert_contains(&orphan.stderr, "reportsite new report 2030-31");
}

#[test]
fn a_sites_own_archetype_is_used_for_new() {
    let (_dir, root) = init_site(&ALL_DETAILS);
    std::fs::create_dir_all(root.join("archetypes")).expect("folder");
    std::fs::write(
        root.join("archetypes/news.md"),
        "+++\ntitle = {{ title|toml }}\nsummary = \"Our own news template.\"\ndate = {{ today }}\n+++\nHouse style.\n",
    )
    .expect("write archetype");
    let ran = reportsite(&root, &["new", "news", "summer-fair"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let news = std::fs::read_to_string(root.join("content/news/summer-fair.md")).expect("news");
    assert_eq!(
        news,
        "+++\ntitle = \"Summer fair\"\nsummary = \"Our own news template.\"\ndate = 2026-01-01\n+++\nHouse style.\n"
    );
}

#[test]
fn the_deploy_recipes_and_editor_task_parse_and_run_the_documented_commands() {
    let (_dir, root) = init_site(&ALL_DETAILS);
    let read = |path: &str| std::fs::read_to_string(root.join(path)).expect(path);
    let publish = &yaml_rust2::YamlLoader::load_from_str(&read(".github/workflows/publish.yml"))
        .expect("publish.yml is YAML")[0];
    let steps = publish["jobs"]["build"]["steps"]
        .as_vec()
        .expect("build steps");
    let commands: Vec<&str> = steps
        .iter()
        .filter_map(|step| step["run"].as_str())
        .collect();
    assert!(
        commands.contains(&"reportsite build --deny-warnings"),
        "{commands:?}"
    );
    let cached = steps
        .iter()
        .filter_map(|step| step["with"]["path"].as_str())
        .collect::<String>();
    assert_contains(&cached, ".reportsite");
    let links = &yaml_rust2::YamlLoader::load_from_str(&read(".github/workflows/check-links.yml"))
        .expect("check-links.yml is YAML")[0];
    assert!(
        links["on"]["schedule"][0]["cron"].as_str().is_some(),
        "runs on a schedule"
    );
    let link_steps = links["jobs"]["links"]["steps"].as_vec().expect("steps");
    assert!(
        link_steps
            .iter()
            .filter_map(|step| step["run"].as_str())
            .any(|run| run.starts_with("reportsite check --external")),
        "{link_steps:?}"
    );
    let netlify: toml::Table = toml::from_str(&read("netlify.toml")).expect("netlify.toml is TOML");
    assert_eq!(netlify["build"]["publish"].as_str(), Some("public"));
    let command = netlify["build"]["command"].as_str().expect("a command");
    assert!(
        command.ends_with("reportsite build --deny-warnings"),
        "{command}"
    );
    // The editor task's problem matcher reads `check --format json`'s
    // diagnostics: try it on a real one.
    let tasks: serde_json::Value =
        serde_json::from_str(&read(".vscode/tasks.json")).expect("tasks.json");
    let task = &tasks["tasks"][0];
    assert_eq!(
        task["command"].as_str(),
        Some("reportsite check --format json")
    );
    let pattern = &task["problemMatcher"]["pattern"];
    let regexp =
        regex::Regex::new(pattern["regexp"].as_str().expect("a regexp")).expect("a valid regexp");
    std::fs::write(
        root.join("content/about.md"),
        "+++\ntitle = \"About\"\n+++\nSee [x](@/nowhere.md).\n",
    )
    .expect("break a link");
    let ran = reportsite(&root, &["check", "--format", "json"]);
    let line = ran
        .stderr
        .lines()
        .find(|line| line.contains("broken-link"))
        .unwrap_or_else(|| panic!("no broken link in {} {}", ran.stderr, ran.stdout));
    let captures = regexp.captures(line).unwrap_or_else(|| panic!("{line}"));
    let group = |name: &str| {
        let index = pattern[name].as_u64().expect("a group") as usize;
        captures
            .get(index)
            .map(|m| m.as_str())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(group("file"), "content/about.md");
    assert_eq!(group("line"), "4");
    assert_eq!(group("severity"), "error");
    assert_eq!(group("code"), "broken-link");
    assert_contains(&group("message"), "no page at '@/nowhere.md'");
}

/// The schemas come from the loader's own types: every key the demo's
/// site.toml uses is in the site schema, the required keys are required,
/// and nothing says null (TOML has none). `init` ties them to their files.
#[test]
fn schemas_describe_the_files_the_loader_reads() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let ran = reportsite(dir.path(), &["schema", "--out", "schemas"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let read = |name: &str| -> serde_json::Value {
        let text = std::fs::read_to_string(dir.path().join("schemas").join(name)).expect(name);
        assert!(!text.contains("null"), "{name} says null");
        serde_json::from_str(&text).expect("JSON")
    };
    let site = read("site.schema.json");
    let demo: toml::Table = toml::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/site.toml")).expect("demo"),
    )
    .expect("the demo's site.toml");
    for key in demo.keys() {
        assert!(
            site["properties"][key].is_object(),
            "site.toml key {key} is not in the schema"
        );
    }
    assert_eq!(
        site["required"],
        serde_json::json!(["title", "base_url", "contact"])
    );
    assert_eq!(site["properties"]["title"]["type"], "string");
    let finances = read("finances.schema.json");
    assert!(finances["properties"]["income"].is_object(), "{finances}");
    assert!(read("glossary.schema.json")["properties"].is_object());
    assert!(read("page-data.schema.json")["properties"]["tables"].is_object());
    // Run again: its own files are replaced; a file of the user's is not.
    assert_eq!(
        reportsite(dir.path(), &["schema", "--out", "schemas"]).code,
        0
    );
    std::fs::create_dir_all(dir.path().join("mine")).expect("folder");
    std::fs::write(dir.path().join("mine/site.schema.json"), "{\"mine\": true}").expect("write");
    let refused = reportsite(dir.path(), &["schema", "--out", "mine"]);
    assert_eq!(refused.code, 2);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("mine/site.schema.json")).expect("kept"),
        "{\"mine\": true}"
    );
    // init writes the schemas and Taplo's settings, which parse.
    let (_site_dir, root) = init_site(&ALL_DETAILS);
    let taplo: toml::Table =
        toml::from_str(&std::fs::read_to_string(root.join(".taplo.toml")).expect("taplo"))
            .expect("TOML");
    let rules = taplo["rule"].as_array().expect("rules");
    let site_rule = rules
        .iter()
        .find(|rule| rule["include"][0].as_str() == Some("site.toml"))
        .expect("a rule for site.toml");
    let schema_path = site_rule["schema"]["path"].as_str().expect("a path");
    assert!(root.join(schema_path).is_file(), "{schema_path}");
}

/// A field of a CMS collection, by name.
fn field(collection: &yaml_rust2::Yaml, name: &str) -> yaml_rust2::Yaml {
    collection["fields"]
        .as_vec()
        .expect("fields")
        .iter()
        .find(|field| field["name"].as_str() == Some(name))
        .cloned()
        .unwrap_or_else(|| panic!("no field {name}"))
}

/// The values a select field offers.
fn options(field: yaml_rust2::Yaml) -> Vec<String> {
    field["options"]
        .as_vec()
        .expect("options")
        .iter()
        .filter_map(|option| option["value"].as_str().map(str::to_string))
        .collect()
}

/// `[cms]` makes the build write `/admin/`: the editor's configuration is
/// made from the content model (its pick lists are exactly the site's
/// vocabularies and priorities; bundles for resources; date-only dates;
/// TOML front matter), the page is noindex with its own CSP and a pinned,
/// integrity-checked script, and no other page changes.
#[test]
fn cms_writes_an_admin_page_configured_from_the_content_model() {
    let site = crate::site_test::SiteTest::new("translated-catalogue");
    site.build_ok();
    let before: Vec<(String, Vec<u8>)> = files_under(&site.output())
        .into_iter()
        .map(|(path, full)| (path, std::fs::read(full).expect("read")))
        .collect();
    assert!(!site.output().join("admin").exists());
    let toml = std::fs::read_to_string(site.root.join("site.toml")).expect("site.toml");
    site.write(
        "site.toml",
        &format!("{toml}\n[cms]\nbackend = \"github\"\nrepo = \"northshire/website\"\n"),
    );
    let build = site.build_ok();
    assert_contains(&build.stderr, "0 errors, 0 warnings");
    let config = &yaml_rust2::YamlLoader::load_from_str(&site.read_output("admin/config.yml"))
        .expect("config.yml is YAML")[0];
    assert_eq!(config["backend"]["name"].as_str(), Some("github"));
    assert_eq!(
        config["backend"]["repo"].as_str(),
        Some("northshire/website")
    );
    assert_eq!(config["backend"]["branch"].as_str(), Some("main"));
    let collections = config["collections"].as_vec().expect("collections");
    let resources = &collections[0];
    assert_eq!(resources["folder"].as_str(), Some("content/resources"));
    assert_eq!(resources["path"].as_str(), Some("{{slug}}/index"));
    assert_eq!(resources["format"].as_str(), Some("toml-frontmatter"));
    let site_toml: toml::Table = toml::from_str(&toml).expect("the fixture's site.toml");
    let slugs = |key: &str| -> Vec<String> {
        site_toml[key]
            .as_array()
            .expect("a vocabulary")
            .iter()
            .filter_map(|term| term["slug"].as_str().map(str::to_string))
            .collect()
    };
    assert_eq!(options(field(resources, "audiences")), slugs("audiences"));
    assert_eq!(options(field(resources, "topics")), slugs("topics"));
    assert_eq!(options(field(resources, "format")), slugs("formats"));
    assert_eq!(
        options(field(resources, "priorities")),
        ["safeguarding-babies"]
    );
    let published = field(resources, "published");
    assert_eq!(published["widget"].as_str(), Some("datetime"));
    assert_eq!(published["time_format"].as_bool(), Some(false));
    let page = site.read_output("admin/index.html");
    assert_contains(&page, r#"<meta name="robots" content="noindex, nofollow">"#);
    assert_contains(&page, r#"<meta http-equiv="Content-Security-Policy""#);
    assert_contains(
        &page,
        r#"src="https://unpkg.com/decap-cms@3.16.3/dist/decap-cms.js" integrity="sha384-"#,
    );
    assert!(!site.read_output("sitemap.xml").contains("/admin/"));
    // Every other file is byte for byte as it was.
    for (path, bytes) in before {
        if path == ".reportsite-manifest" {
            continue;
        }
        assert_eq!(
            std::fs::read(site.output().join(&path)).expect("still there"),
            bytes,
            "{path} changed"
        );
    }
}

/// `[cms]` is checked like any setting: a repository given as a web
/// address, or a Git host reportsite does not know, is refused at its value.
#[test]
fn cms_settings_are_checked_at_their_values() {
    let site = crate::site_test::SiteTest::new("translated-catalogue");
    let toml = std::fs::read_to_string(site.root.join("site.toml")).expect("site.toml");
    site.write(
        "site.toml",
        &format!("{toml}\n[cms]\nbackend = \"github\"\nrepo = \"https://github.com/northshire/website\"\n"),
    );
    let (code, diagnostics) = site.check_json();
    assert_eq!(code, 1);
    assert_eq!(
        crate::site_test::codes_at(&diagnostics),
        ["invalid-value site.toml:30:8"],
        "{diagnostics:#?}"
    );
    site.write(
        "site.toml",
        &format!("{toml}\n[cms]\nbackend = \"bitbucket\"\nrepo = \"northshire/website\"\n"),
    );
    let (code, diagnostics) = site.check_json();
    assert_eq!(code, 1);
    assert_eq!(diagnostics[0].file.as_deref(), Some("site.toml"));
    assert_eq!(diagnostics[0].line, Some(29), "{diagnostics:#?}");
    site.write(
        "site.toml",
        &format!("{toml}\n[cms]\nbackend = \"github\"\nauth_url = \"http://auth.example\"\n"),
    );
    let (code, diagnostics) = site.check_json();
    assert_eq!(code, 1);
    assert_eq!(
        crate::site_test::codes_at(&diagnostics),
        ["invalid-value site.toml:30:12"],
        "{diagnostics:#?}"
    );
}
