//! Open data: the catalogues as `/resources.json`, `/resources.csv`,
//! `/videos.json`, `/videos.csv`, training and events as `/events.json`
//! and `/events.csv`, each report's finances as
//! `finances.json`/`.csv` beside its chapters, and an "Open data" page
//! documenting every field. All come from the same model as the pages.
//!
//! Invariant: one column list drives the JSON, the CSV and the schema page,
//! so the three never disagree.

use serde::Serialize;
use serde_json::{Map, Value};

use super::RenderedFile;
use super::generated::GeneratedPage;
use crate::content::catalogue::{FacetKind, facet_values};
use crate::content::events::{Booking, EventPlace, EventTime};
use crate::content::{Finances, PageId, PageKind, ResourceTarget, Site, VideoSource};

/// A field of an export, as the schema page describes it.
#[derive(Serialize, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    /// `text`, `list` (JSON array; `; ` between items in CSV), `date`
    /// (YYYY-MM-DD), `url` or `number`.
    pub kind: &'static str,
}

const COMMON: [Column; 11] = [
    Column {
        name: "title",
        kind: "text",
    },
    Column {
        name: "page",
        kind: "url",
    },
    Column {
        name: "summary",
        kind: "text",
    },
    Column {
        name: "audiences",
        kind: "list",
    },
    Column {
        name: "topics",
        kind: "list",
    },
    Column {
        name: "format",
        kind: "text",
    },
    Column {
        name: "priorities",
        kind: "list",
    },
    Column {
        name: "published",
        kind: "date",
    },
    Column {
        name: "reviewed",
        kind: "date",
    },
    Column {
        name: "review_by",
        kind: "date",
    },
    Column {
        name: "other_languages",
        kind: "list",
    },
];

const RESOURCE_ONLY: [Column; 2] = [
    Column {
        name: "link",
        kind: "url",
    },
    Column {
        name: "language",
        kind: "text",
    },
];

const VIDEO_ONLY: [Column; 3] = [
    Column {
        name: "duration",
        kind: "text",
    },
    Column {
        name: "captions",
        kind: "url",
    },
    Column {
        name: "watch",
        kind: "url",
    },
];

/// When and where an event is, and how to book it.
const EVENT_WHEN_AND_WHERE: [Column; 6] = [
    Column {
        name: "starts",
        kind: "date-time",
    },
    Column {
        name: "ends",
        kind: "date-time",
    },
    Column {
        name: "timezone",
        kind: "text",
    },
    Column {
        name: "location",
        kind: "text",
    },
    Column {
        name: "online",
        kind: "yes/no",
    },
    Column {
        name: "booking",
        kind: "url",
    },
];

/// The rest of an event's own fields.
const EVENT_PLACES_AND_COST: [Column; 3] = [
    Column {
        name: "capacity",
        kind: "number",
    },
    Column {
        name: "cost",
        kind: "text",
    },
    Column {
        name: "calendar",
        kind: "url",
    },
];

/// The columns of the events export: those it shares with the catalogues
/// are `COMMON`'s.
fn event_columns() -> Vec<Column> {
    let shared = |name: &str| COMMON.iter().copied().find(|column| column.name == name);
    ["title", "page", "summary"]
        .into_iter()
        .filter_map(shared)
        .chain(EVENT_WHEN_AND_WHERE)
        .chain(
            ["audiences", "topics", "priorities"]
                .into_iter()
                .filter_map(shared),
        )
        .chain(EVENT_PLACES_AND_COST)
        .collect()
}

/// The columns of one catalogue's export.
pub fn columns(catalogue: &str) -> Vec<Column> {
    let extra: &[Column] = if catalogue == "videos" {
        &VIDEO_ONLY
    } else {
        &RESOURCE_ONLY
    };
    COMMON.iter().chain(extra).copied().collect()
}

/// Every export file of the site (the paths are `Site::export_paths`).
pub fn render_exports(site: &Site) -> Vec<RenderedFile> {
    let mut files = Vec::new();
    for catalogue in site.own_catalogues() {
        let columns = columns(&catalogue.name);
        let records: Vec<Map<String, Value>> = catalogue
            .entries
            .iter()
            .map(|&id| record(site, id))
            .collect();
        files.push(file(format!("{}.json", catalogue.name), to_json(&records)));
        files.push(file(
            format!("{}.csv", catalogue.name),
            to_csv(&columns, &records),
        ));
    }
    if site.export_paths().iter().any(|path| path == "events.json") {
        let mut events: Vec<PageId> = site.events_in(None).collect();
        events.sort_by_cached_key(|&id| match &site.page(id).kind {
            PageKind::Event(event) => (Some(event.start), site.page(id).title.clone()),
            _ => (None, String::new()),
        });
        let records: Vec<Map<String, Value>> = events
            .into_iter()
            .filter_map(|id| event_record(site, id))
            .collect();
        files.push(file("events.json".into(), to_json(&records)));
        files.push(file(
            "events.csv".into(),
            to_csv(&event_columns(), &records),
        ));
    }
    for (folder, finances) in &site.finances {
        files.push(file(
            format!("{folder}/finances.json"),
            finances_json(finances),
        ));
        files.push(file(
            format!("{folder}/finances.csv"),
            finances_csv(finances),
        ));
    }
    files
}

fn file(path: String, text: String) -> RenderedFile {
    RenderedFile {
        path,
        bytes: text.into_bytes().into(),
    }
}

/// One entry as named values; lists stay lists until written as CSV.
fn record(site: &Site, id: PageId) -> Map<String, Value> {
    let page = site.page(id);
    let mut record = Map::new();
    let absolute = |path: &str| format!("{}{path}", site.config.base_url);
    let list = |kind| Value::from(facet_values(site, id, kind));
    record.insert("title".into(), page.title.clone().into());
    record.insert("page".into(), absolute(page.url.as_str()).into());
    record.insert(
        "summary".into(),
        page.summary.clone().unwrap_or_default().into(),
    );
    record.insert("audiences".into(), list(FacetKind::Audience));
    record.insert("topics".into(), list(FacetKind::Topic));
    record.insert(
        "format".into(),
        facet_values(site, id, FacetKind::Format).join("").into(),
    );
    record.insert("priorities".into(), list(FacetKind::Priority));
    record.insert("other_languages".into(), list(FacetKind::Language));
    if let Some(fields) = page.catalogue_fields() {
        record.insert("published".into(), fields.published.to_string().into());
        record.insert(
            "reviewed".into(),
            fields
                .reviewed
                .map(|d| d.to_string())
                .unwrap_or_default()
                .into(),
        );
        record.insert("review_by".into(), fields.review_by.to_string().into());
    }
    match &page.kind {
        PageKind::Resource(resource) => {
            let link = match &resource.target {
                ResourceTarget::File(path) => absolute(path.as_str()),
                ResourceTarget::Url(url, _) => url.clone(),
            };
            record.insert("link".into(), link.into());
            record.insert(
                "language".into(),
                resource.fields.language.clone().unwrap_or_default().into(),
            );
        }
        PageKind::Video(video) => {
            let watch = match &video.source {
                VideoSource::File { src } => absolute(src.as_str()),
                provider => provider.watch_url().unwrap_or_default(),
            };
            record.insert("duration".into(), video.duration.to_string().into());
            let captions = video
                .captions
                .as_ref()
                .map(|c| absolute(c.as_str()))
                .unwrap_or_default();
            record.insert("captions".into(), captions.into());
            record.insert("watch".into(), watch.into());
        }
        _ => {}
    }
    record
}

/// One event as named values: its times as written (local, in its
/// `timezone`; a date alone for whole days), how to book as an address.
fn event_record(site: &Site, id: PageId) -> Option<Map<String, Value>> {
    let page = site.page(id);
    let PageKind::Event(event) = &page.kind else {
        return None;
    };
    let absolute = |path: &str| format!("{}{path}", site.config.base_url);
    let slugs = |list: &[toml::Spanned<String>]| {
        Value::from(
            list.iter()
                .map(|slug| slug.get_ref().clone())
                .collect::<Vec<_>>(),
        )
    };
    let mut record = Map::new();
    record.insert("title".into(), page.title.clone().into());
    record.insert("page".into(), absolute(page.url.as_str()).into());
    record.insert(
        "summary".into(),
        page.summary.clone().unwrap_or_default().into(),
    );
    record.insert("starts".into(), written_time(event.start).into());
    record.insert("ends".into(), written_time(event.end).into());
    record.insert("timezone".into(), event.zone.name().into());
    let (location, online) = match &event.place {
        EventPlace::Location(place) => (place.clone(), "no"),
        EventPlace::Online => (String::new(), "yes"),
    };
    record.insert("location".into(), location.into());
    record.insert("online".into(), online.into());
    let booking = match &event.booking {
        Booking::Url(url) => url.clone(),
        Booking::Email(email) => format!("mailto:{email}"),
    };
    record.insert("booking".into(), booking.into());
    record.insert("audiences".into(), slugs(&event.audiences));
    record.insert("topics".into(), slugs(&event.topics));
    record.insert("priorities".into(), slugs(&event.priorities));
    record.insert(
        "capacity".into(),
        event.capacity.map_or(Value::Null, Value::from),
    );
    record.insert("cost".into(), event.cost.clone().unwrap_or_default().into());
    record.insert(
        "calendar".into(),
        absolute(&format!("{}event.ics", page.url)).into(),
    );
    Some(record)
}

/// `2026-03-10T09:30:00`, or `2026-03-10` for a whole day.
fn written_time(time: EventTime) -> String {
    match time {
        EventTime::Day(date) => date.format("%Y-%m-%d").to_string(),
        EventTime::At(at) => at.format("%Y-%m-%dT%H:%M:%S").to_string(),
    }
}

fn to_json<T: Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// CSV with a header row; list values joined by "; ".
fn to_csv(columns: &[Column], records: &[Map<String, Value>]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record(columns.iter().map(|column| column.name));
    for record in records {
        let cells = columns.iter().map(|column| match record.get(column.name) {
            Some(Value::Array(items)) => spreadsheet_safe(
                &items
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            Some(Value::String(text)) => spreadsheet_safe(text),
            Some(Value::Null) => String::new(),
            Some(other) => other.to_string(),
            None => String::new(),
        });
        let _ = writer.write_record(cells);
    }
    writer
        .into_inner()
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_default()
}

/// A text cell a spreadsheet will show as text: one starting with `=`,
/// `+`, `-`, `@`, a tab or a carriage return would be run as a formula
/// (CSV injection), so it gets a leading `'`, as OWASP advises.
fn spreadsheet_safe(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

fn finances_json(finances: &Finances) -> String {
    to_json(finances)
}

/// `section,label,amount`: income, expenditure, then totals and reserves.
fn finances_csv(finances: &Finances) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record(["section", "label", "amount"]);
    let mut row = |section: &str, label: &str, amount: i64| {
        let _ = writer.write_record([section, &spreadsheet_safe(label), &amount.to_string()]);
    };
    for line in &finances.income {
        row("income", &line.label, line.amount);
    }
    for line in &finances.expenditure {
        row("expenditure", &line.label, line.amount);
    }
    row("total", "Total income", finances.total_income);
    row("total", "Total expenditure", finances.total_expenditure);
    if let Some(reserves) = &finances.reserves {
        if let Some(opening) = reserves.opening {
            row("reserves", "Opening reserves", opening);
        }
        if let Some(closing) = reserves.closing {
            row("reserves", "Closing reserves", closing);
        }
    }
    writer
        .into_inner()
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_default()
}

#[derive(Serialize)]
struct DatasetContext {
    title: String,
    count: usize,
    json: String,
    csv: String,
    columns: Vec<Column>,
}

#[derive(Serialize)]
struct FinancesLinks {
    year: String,
    json: String,
    csv: String,
}

/// The events export, named as the events section is, when there are events.
fn events_dataset(site: &Site) -> Option<DatasetContext> {
    if !site.export_paths().iter().any(|path| path == "events.json") {
        return None;
    }
    let base_path = site.config.base_path();
    let title = site
        .events_sections()
        .find(|&id| !site.page(id).is_translation())
        .map_or_else(
            || {
                site.strings
                    .text(&site.config.language, "tagged_events", &[])
            },
            |id| site.page(id).title.clone(),
        );
    Some(DatasetContext {
        title,
        count: site.events_in(None).count(),
        json: format!("{base_path}/events.json"),
        csv: format!("{base_path}/events.csv"),
        columns: event_columns(),
    })
}

/// The "Open data" page: each file, its size in entries and its fields.
pub fn render_open_data_page(
    input: &super::RenderInput<'_>,
    site_context: &super::context::SiteContext,
) -> Option<Result<RenderedFile, crate::diagnostics::Diagnostic>> {
    let site = input.site;
    let url = site.open_data_page()?;
    let base_path = site.config.base_path();
    let datasets: Vec<DatasetContext> = site
        .own_catalogues()
        .map(|catalogue| DatasetContext {
            title: site.page(catalogue.section).title.clone(),
            count: catalogue.entries.len(),
            json: format!("{base_path}/{}.json", catalogue.name),
            csv: format!("{base_path}/{}.csv", catalogue.name),
            columns: columns(&catalogue.name),
        })
        .chain(events_dataset(site))
        .collect();
    let finances: Vec<FinancesLinks> = site
        .finances
        .keys()
        .map(|folder| FinancesLinks {
            year: folder.rsplit('/').next().unwrap_or(folder).to_string(),
            json: format!("{base_path}/{folder}/finances.json"),
            csv: format!("{base_path}/{folder}/finances.csv"),
        })
        .collect();
    let page = GeneratedPage {
        url,
        title: site.strings.text(&site.config.language, "open_data", &[]),
        summary: Some(
            site.strings
                .text(&site.config.language, "open_data_summary", &[]),
        ),
        kind: "open-data",
        breadcrumbs: Vec::new(),
    };
    let extra = minijinja::context! { datasets => datasets, finances => finances };
    Some(page.render(input, site_context, "open-data.html", extra))
}
