//! `/admin/`, the browser editor, when site.toml has `[cms]`: Decap CMS
//! (pinned, with Subresource Integrity), and its configuration made from
//! the content model, so a form can only write what reportsite reads: one
//! collection per kind, each key a field of the right type, vocabularies
//! and priorities as lists to pick from, dates as dates, TOML front matter
//! between `+++` lines, page bundles where a page has files.
//!
//! Invariant: nothing is written without `[cms]`; the admin page is
//! `noindex`, has its own Content Security Policy (Decap compiles its
//! config schema with `new Function`, so it alone allows 'unsafe-eval'),
//! and is in no listing, sitemap or search index; no public page changes.

use serde_json::{Value, json};

use super::RenderedFile;
use crate::config::{CmsConfig, VocabularyKind};
use crate::content::{PageKind, Site};

/// Decap CMS, pinned: the version and the SHA-384 of its `dist/decap-cms.js`
/// (docs/research/cms-local-backend.md says how it was computed).
const DECAP_VERSION: &str = "3.16.3";
const DECAP_INTEGRITY: &str =
    "sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p";

const ADMIN_SCRIPT: &str = include_str!("assets/cms-admin.js");

/// The admin page's files, when the site asks for them.
pub fn render_admin(site: &Site) -> Vec<RenderedFile> {
    let Some(cms) = &site.config.cms else {
        return Vec::new();
    };
    let file = |path: &str, text: String| RenderedFile {
        path: path.to_string(),
        bytes: std::sync::Arc::from(text.into_bytes()),
    };
    let config = serde_json::to_string_pretty(&cms_config(site, cms)).unwrap_or_default();
    vec![
        file("admin/index.html", admin_page(site)),
        // JSON is YAML: Decap reads it as its config.yml.
        file("admin/config.yml", config + "\n"),
        file(
            "admin/manual-init.js",
            "window.CMS_MANUAL_INIT = true;\n".to_string(),
        ),
        file("admin/admin.js", admin_script(site)),
    ]
}

fn admin_page(site: &Site) -> String {
    let title = crate::escape::html_text(&site.config.title);
    let language = crate::escape::html_attribute(&site.config.language);
    format!(
        r#"<!DOCTYPE html>
<html lang="{language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'unsafe-eval' https://unpkg.com; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:; connect-src 'self' blob: https://api.github.com https://gitlab.com; font-src 'self' data:; frame-src 'self' blob:; object-src 'none'; base-uri 'self'">
<title>Edit the website: {title}</title>
<script src="manual-init.js"></script>
<script src="https://unpkg.com/decap-cms@{DECAP_VERSION}/dist/decap-cms.js" integrity="{DECAP_INTEGRITY}" crossorigin="anonymous"></script>
<script src="admin.js" defer></script>
</head>
<body>
<noscript><p>Editing in the browser needs JavaScript. You can also edit the files in <code>content/</code> with any text editor.</p></noscript>
</body>
</html>
"#
    )
}

/// The editor's start script: its settings (the site's stylesheets for the
/// preview, the front-matter keys that are dates), then the script itself
/// (`assets/cms-admin.js`, which says what it does to every backend).
fn admin_script(site: &Site) -> String {
    let base = site.config.base_path();
    let styles: Vec<String> = site
        .stylesheets
        .keys()
        .map(|path| format!("{base}/{path}"))
        .collect();
    let settings = json!({
        "styles": styles,
        "dateKeys": crate::load::front_matter::date_keys(),
        "liveEditing": site.config.cms.as_ref().is_some_and(|cms| cms.repo.is_some()),
    });
    format!(
        "// Written by reportsite for /admin/ (see [cms] in site.toml).\nvar REPORTSITE_CMS = {settings};\n{ADMIN_SCRIPT}"
    )
}

/// Decap's configuration, from the content model.
pub fn cms_config(site: &Site, cms: &CmsConfig) -> Value {
    let mut collections = vec![
        catalogue_collection("resources", "Resources", resource_fields(site)),
        catalogue_collection("videos", "Videos", video_fields(site)),
        json!({
            "name": "news", "label": "News", "folder": "content/news", "create": true,
            "slug": "{{slug}}", "extension": "md", "format": "toml-frontmatter",
            "fields": [
                string_field("title", "Title", true),
                text_field("summary", "Summary", true),
                date_field("date", "Date", true),
                priorities_field(site),
                body_field(),
            ],
        }),
        json!({
            "name": "priorities", "label": "Priorities", "folder": "content/priorities",
            "create": true, "slug": "{{slug}}", "extension": "md", "format": "toml-frontmatter",
            "fields": [
                string_field("title", "Title", true),
                text_field("summary", "Summary", true),
                select_field("status", "Status", &[("current", "Current"), ("past", "Past")], false, true),
                json!({"name": "years", "label": "Reporting years (such as 2025-26)", "widget": "list", "field": {"name": "year", "label": "Year", "widget": "string", "pattern": ["^\\d{4}-\\d{2}$", "write a reporting year such as 2025-26"]}}),
                string_field("lead", "Who leads it", true),
                body_field(),
            ],
        }),
    ];
    collections.push(events_collection(site));
    collections.extend(report_collections(site));
    collections.extend(section_collections(site));
    json!({
        "backend": backend(cms),
        "site_url": site.config.base_url,
        "media_folder": "static/uploads",
        "public_folder": format!("{}/uploads", site.config.base_path()),
        "slug": { "encoding": "ascii", "clean_accents": true },
        "collections": collections,
    })
}

/// Where the editor saves on the live site. Without a repository there is
/// none: the script then says the editor works through `reportsite serve`.
fn backend(cms: &CmsConfig) -> Value {
    let mut backend = json!({ "name": cms.backend.name(), "branch": cms.branch });
    if let Some(repo) = &cms.repo {
        backend["repo"] = repo.get_ref().as_str().into();
    }
    if let Some(auth_url) = &cms.auth_url {
        backend["base_url"] = auth_url.get_ref().as_str().into();
    }
    backend
}

/// Resources and videos: page bundles, so a document, captions or poster
/// sits beside its page.
fn catalogue_collection(name: &str, label: &str, fields: Vec<Value>) -> Value {
    json!({
        "name": name, "label": label, "folder": format!("content/{name}"), "create": true,
        "path": "{{slug}}/index", "slug": "{{slug}}", "extension": "md",
        "format": "toml-frontmatter", "media_folder": "", "public_folder": "",
        "fields": fields,
    })
}

fn catalogue_fields(site: &Site) -> Vec<Value> {
    vec![
        string_field("title", "Title", true),
        text_field("summary", "Summary", true),
        vocabulary_field(
            site,
            VocabularyKind::Audience,
            "audiences",
            "Who it is for",
            true,
        ),
        vocabulary_field(site, VocabularyKind::Topic, "topics", "Topics", true),
        vocabulary_field(site, VocabularyKind::Format, "format", "Format", false),
        priorities_field(site),
        date_field("published", "Published", true),
        date_field("review_by", "Review by", true),
        // Never shown to readers: for the engagement report's cost per use.
        json!({"name": "cost", "label": "What it cost to make, in whole pounds (not shown on the site)", "widget": "number", "value_type": "int", "min": 0, "required": false}),
        string_field("cost_note", "What that cost covers", false),
    ]
}

fn resource_fields(site: &Site) -> Vec<Value> {
    let mut fields = catalogue_fields(site);
    fields.push(json!({"name": "file", "label": "The document (a file beside the page)", "widget": "file", "required": false}));
    fields.push(json!({"name": "url", "label": "Or: the address of a page on another website", "widget": "string", "required": false, "pattern": ["^https?://", "write the whole address, starting https://"]}));
    fields.push(body_field());
    fields
}

fn video_fields(site: &Site) -> Vec<Value> {
    let mut fields = catalogue_fields(site);
    fields.push(select_field(
        "provider",
        "Where it plays",
        &[("youtube", "YouTube"), ("vimeo", "Vimeo")],
        false,
        false,
    ));
    fields.push(json!({"name": "video_id", "label": "The video's id at YouTube or Vimeo", "widget": "string", "required": false}));
    fields.push(json!({"name": "src", "label": "Or: a video file beside the page", "widget": "file", "required": false}));
    fields.push(json!({"name": "duration", "label": "Length (minutes:seconds)", "widget": "string", "pattern": ["^(\\d+:)?\\d{1,2}:\\d{2}$", "write it as 4:05"]}));
    fields.push(json!({"name": "captions", "label": "Captions (a WebVTT file)", "widget": "file", "required": false}));
    fields.push(
        json!({"name": "poster", "label": "Poster image", "widget": "image", "required": false}),
    );
    fields.push(body_field());
    fields
}

/// Training and events: one file each, times as local date-times; "All
/// day" (a form-only box, never saved: `admin.js` writes the start and end
/// as days instead) makes a whole-day event.
fn events_collection(site: &Site) -> Value {
    let moment = |name: &str, label: &str| {
        json!({
            "name": name, "label": label, "widget": "datetime", "required": true,
            "format": "YYYY-MM-DDTHH:mm:ss", "date_format": "YYYY-MM-DD", "time_format": "HH:mm",
        })
    };
    json!({
        "name": "events", "label": "Training and events", "folder": "content/events",
        "create": true, "slug": "{{slug}}", "extension": "md", "format": "toml-frontmatter",
        "fields": [
            string_field("title", "Title", true),
            text_field("summary", "Summary", true),
            date_field("date", "Announced on (where it goes in the news feed)", false),
            moment("start", "Starts (local time)"),
            moment("end", "Ends (local time)"),
            json!({"name": "all_day", "label": "All day (the start and end are days; their times are not kept)", "widget": "boolean", "required": false}),
            json!({"name": "timezone", "label": "Time zone (leave empty for UK time)", "widget": "string", "required": false}),
            string_field("location", "Where (leave empty if it is online)", false),
            json!({"name": "online", "label": "Online", "widget": "boolean", "required": false}),
            json!({"name": "booking_url", "label": "Booking page", "widget": "string", "required": false, "pattern": ["^https?://", "write the whole address, starting https://"]}),
            string_field("booking_email", "Or: the email address that takes bookings", false),
            vocabulary_field(site, VocabularyKind::Audience, "audiences", "Who it is for", true),
            vocabulary_field(site, VocabularyKind::Topic, "topics", "Topics", true),
            priorities_field(site),
            json!({"name": "capacity", "label": "Places", "widget": "number", "value_type": "int", "min": 1, "required": false}),
            string_field("cost", "Cost, as readers should see it (such as Free)", false),
            body_field(),
        ],
    })
}

/// One collection per yearly report: its chapters.
fn report_collections(site: &Site) -> Vec<Value> {
    site.pages
        .iter()
        .filter(|page| matches!(page.kind, PageKind::Report(_)) && !page.is_translation())
        .map(|report| {
            let folder = format!("content/{}", report.original.folder());
            let year = report.original.folder().rsplit('/').next().unwrap_or_default().to_string();
            json!({
                "name": format!("report-{year}"), "label": format!("{} (chapters)", report.title),
                "folder": folder, "create": true, "slug": "{{slug}}", "extension": "md",
                "format": "toml-frontmatter",
                "fields": [
                    string_field("title", "Title", true),
                    json!({"name": "weight", "label": "Place in the report (smallest first)", "widget": "number", "value_type": "int"}),
                    priorities_field(site),
                    json!({"name": "show_engagement", "label": "Show how the website was used in this year (from the saved engagement report)", "widget": "boolean", "required": false}),
                    body_field(),
                ],
            })
        })
        .collect()
}

/// One collection per section of plain pages (`parents-and-carers/`).
fn section_collections(site: &Site) -> Vec<Value> {
    const KINDS: [&str; 6] = [
        "resources",
        "videos",
        "news",
        "priorities",
        "reports",
        "events",
    ];
    site.pages
        .iter()
        .filter(|page| page.is_section && !page.is_translation())
        .filter_map(|section| {
            let folder = section.original.folder();
            let top = folder.split('/').next().unwrap_or_default();
            (!folder.is_empty() && !KINDS.contains(&top)).then(|| {
                json!({
                    "name": format!("pages-{}", folder.replace('/', "-")),
                    "label": section.title,
                    "folder": format!("content/{folder}"), "create": true, "slug": "{{slug}}",
                    "extension": "md", "format": "toml-frontmatter",
                    "fields": [
                        string_field("title", "Title", true),
                        text_field("summary", "Summary", false),
                        body_field(),
                    ],
                })
            })
        })
        .collect()
}

fn string_field(name: &str, label: &str, required: bool) -> Value {
    json!({"name": name, "label": label, "widget": "string", "required": required})
}

fn text_field(name: &str, label: &str, required: bool) -> Value {
    json!({"name": name, "label": label, "widget": "text", "required": required})
}

fn body_field() -> Value {
    json!({"name": "body", "label": "Text", "widget": "markdown"})
}

/// A date with no time, written as TOML writes a local date.
fn date_field(name: &str, label: &str, required: bool) -> Value {
    json!({
        "name": name, "label": label, "widget": "datetime", "required": required,
        "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": false,
    })
}

fn select_field(
    name: &str,
    label: &str,
    options: &[(&str, &str)],
    multiple: bool,
    required: bool,
) -> Value {
    let options: Vec<Value> = options
        .iter()
        .map(|(value, label)| json!({"label": label, "value": value}))
        .collect();
    json!({"name": name, "label": label, "widget": "select", "multiple": multiple, "required": required, "options": options})
}

/// A vocabulary of site.toml as a list to pick from: exactly its slugs.
fn vocabulary_field(
    site: &Site,
    kind: VocabularyKind,
    name: &str,
    label: &str,
    multiple: bool,
) -> Value {
    let options: Vec<(&str, &str)> = site
        .config
        .vocabulary(kind)
        .iter()
        .map(|term| (term.slug.as_str(), term.label.as_str()))
        .collect();
    select_field(name, label, &options, multiple, true)
}

/// The priorities, by file name, to pick from.
fn priorities_field(site: &Site) -> Value {
    let options: Vec<(String, String)> = site
        .pages
        .iter()
        .filter(|page| matches!(page.kind, PageKind::Priority(_)) && !page.is_translation())
        .map(|page| (page.original.stem().to_string(), page.title.clone()))
        .collect();
    let options: Vec<(&str, &str)> = options
        .iter()
        .map(|(v, l)| (v.as_str(), l.as_str()))
        .collect();
    select_field(
        "priorities",
        "Partnership priorities",
        &options,
        true,
        false,
    )
}
