//! Training and events for readers: each event's page context (when, in
//! words in the page's language; where; how to book), the events section's
//! list of what is coming (soonest first), `/events/past/`, and the
//! calendar files: one `event.ics` per event and `/events/events.ics` to
//! subscribe to, written with the icalendar crate.
//!
//! Invariant: what is past is judged by the build date alone (so a build
//! with `SOURCE_DATE_EPOCH` is reproducible); calendar files carry no
//! clock time of the build (DTSTAMP is the build day) and UIDs come from
//! each event's address, so they stay the same from build to build.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike, Utc};
use icalendar::{CalendarDateTime, Component, DatePerhapsTime, EventLike};

use super::RenderInput;
use super::context::{EventCard, EventContext, EventFacet, EventFilterLink, EventsListing};
use super::generated::GeneratedPage;
use super::paging::{PaginationContext, paged_title};
use crate::content::catalogue::FacetKind;
use crate::content::events::{
    Booking, DEFAULT_TIME_ZONE, Event, EventFilter, EventPlace, EventTime,
};
use crate::content::{Date, PageId, PageKind, Site, UrlPath};
use crate::diagnostics::Diagnostic;
use crate::rendered::RenderedFile;

fn event_of(site: &Site, id: PageId) -> Option<&Event> {
    match &site.page(id).kind {
        PageKind::Event(event) => Some(event),
        _ => None,
    }
}

pub fn event_context(site: &Site, id: PageId, today: Date) -> Option<EventContext> {
    let event = event_of(site, id)?;
    let lang = site.language_of(id);
    let base_path = site.config.base_path();
    let language = site.page(id).language.as_deref();
    let labels = |facet, list: &[toml::Spanned<String>]| {
        list.iter()
            .map(|slug| term_label(site, facet, slug.get_ref(), language))
            .collect()
    };
    // Only the original's calendar file is written; a translation links
    // to it.
    let original = site
        .page_by_path(site.page(id).original.as_str())
        .unwrap_or(id);
    let (booking_url, booking_email) = match &event.booking {
        Booking::Url(url) => (Some(url.clone()), None),
        Booking::Email(email) => (None, Some(email.clone())),
    };
    Some(EventContext {
        when: when_words(site, lang, event),
        start_iso: start_iso(event),
        location: match &event.place {
            EventPlace::Location(place) => Some(place.clone()),
            EventPlace::Online => None,
        },
        online: event.place == EventPlace::Online,
        booking_url,
        booking_email,
        cost: event.cost.clone(),
        capacity: event.capacity,
        audiences: labels(FacetKind::Audience, &event.audiences),
        topics: labels(FacetKind::Topic, &event.topics),
        ics_url: format!("{base_path}{}{ICS_NAME}", site.page(original).url),
        is_past: event.is_past(today),
    })
}

/// The events section's list, on `events/_index.md` (and its
/// translations): its first page.
pub fn events_listing(site: &Site, section: PageId) -> Option<EventsListing> {
    if !site.is_events_section(section) {
        return None;
    }
    Some(listing(
        site,
        site.page(section).language.as_deref(),
        None,
        1,
    ))
}

/// Page `number` of what is coming up in `language`, all of it or `only`
/// one audience's or topic's, soonest first, with the filters.
fn listing(
    site: &Site,
    language: Option<&str>,
    only: Option<&EventFilter>,
    number: usize,
) -> EventsListing {
    let coming = site.events_coming(language, only);
    let paging = site.paging(&list_url(site, language, only), coming.len());
    let upcoming = paging
        .slice(&coming, number)
        .iter()
        .filter_map(|&id| Some(event_card(site, id, event_of(site, id)?)))
        .collect();
    let base_path = site.config.base_path();
    let all = site
        .events_sections()
        .find(|id| site.page(*id).language.as_deref() == language);
    let lang = language.unwrap_or(&site.config.language);
    let filters = site.event_filters(language);
    let facets = [FacetKind::Audience, FacetKind::Topic].map(|kind| EventFacet {
        key: kind.key(),
        values: filters
            .iter()
            .filter(|filter| filter.facet == kind)
            .map(|filter| EventFilterLink {
                label: term_label(site, kind, &filter.slug, language),
                url: format!("{base_path}{}", filter.url),
                count: site.events_coming(language, Some(filter)).len(),
                current: only.is_some_and(|only| only.url == filter.url),
            })
            .collect(),
    });
    EventsListing {
        upcoming,
        past_url: site
            .events_past_page(language)
            .map(|url| format!("{base_path}{url}")),
        calendar_url: format!("{base_path}/{CALENDAR_PATH}"),
        filters: facets
            .into_iter()
            .filter(|facet| !facet.values.is_empty())
            .collect(),
        current: only.map(|filter| term_label(site, filter.facet, &filter.slug, Some(lang))),
        all_url: all.map_or_else(String::new, |id| {
            format!("{base_path}{}", site.page(id).url)
        }),
        pagination: PaginationContext::of(&paging, number, base_path),
    }
}

/// The address of a list of coming events: an audience's or topic's, or
/// the events section's.
fn list_url(site: &Site, language: Option<&str>, only: Option<&EventFilter>) -> UrlPath {
    match only {
        Some(filter) => filter.url.clone(),
        None => site
            .events_sections()
            .find(|id| site.page(*id).language.as_deref() == language)
            .map_or_else(|| UrlPath::new("/events/"), |id| site.page(id).url.clone()),
    }
}

/// An audience's or topic's label in `language`.
fn term_label(site: &Site, facet: FacetKind, slug: &str, language: Option<&str>) -> String {
    let vocabulary = match facet {
        FacetKind::Audience => &site.config.audiences,
        _ => &site.config.topics,
    };
    vocabulary
        .iter()
        .find(|term| term.slug == slug)
        .map_or_else(
            || slug.to_string(),
            |term| term.label_in(language).to_string(),
        )
}

/// The pages after the first of each events section's list, and every
/// page of each audience's and topic's list (`/events/audience/…/`).
pub fn render_event_filter_pages(
    input: &RenderInput<'_>,
    site_contexts: &super::SiteContexts,
) -> Vec<Result<RenderedFile, Diagnostic>> {
    let site = input.site;
    let mut rendered = Vec::new();
    for section in site.events_sections() {
        let language = site.page(section).language.as_deref();
        let filters = site.event_filters(language);
        let lists = std::iter::once(None).chain(filters.iter().map(Some));
        for only in lists {
            let paging = site.paging(
                &list_url(site, language, only),
                site.events_coming(language, only).len(),
            );
            // The section's own first page is the section page.
            let first = if only.is_none() { 2 } else { 1 };
            for number in first..=paging.page_count() {
                let listing = listing(site, language, only, number);
                let title = match &listing.current {
                    Some(current) => format!("{}: {current}", site.page(section).title),
                    None => site.page(section).title.clone(),
                };
                let page = GeneratedPage {
                    url: paging.url(number),
                    title: paged_title(
                        &site.strings,
                        language.unwrap_or(&site.config.language),
                        title,
                        listing.pagination.as_ref(),
                    ),
                    summary: None,
                    kind: "events-filter",
                    breadcrumbs: Vec::new(),
                };
                let pagination = listing
                    .pagination
                    .as_ref()
                    .map(minijinja::Value::from_serialize);
                rendered.push(page.render(
                    input,
                    site_contexts.for_language(language),
                    "events.html",
                    minijinja::context! { events => listing, pagination => pagination, lang => language.unwrap_or(&site.config.language) },
                ));
            }
        }
    }
    rendered
}

fn event_card(site: &Site, id: PageId, event: &Event) -> EventCard {
    let page = site.page(id);
    let lang = site.language_of(id);
    EventCard {
        title: page.title.clone(),
        url: format!("{}{}", site.config.base_path(), page.url),
        summary: page.summary.clone(),
        when: when_words(site, lang, event),
        start_iso: start_iso(event),
        place: match &event.place {
            EventPlace::Location(place) => place.clone(),
            EventPlace::Online => site.strings.text(lang, "event_online", &[]),
        },
    }
}

/// `/events/past/` (and each translated events section's): what has
/// taken place, latest first, a page at a time.
pub fn render_past_events_pages(
    input: &RenderInput<'_>,
    site_contexts: &super::SiteContexts,
) -> Vec<Result<RenderedFile, Diagnostic>> {
    let site = input.site;
    let base_path = site.config.base_path();
    let mut rendered = Vec::new();
    for section in site.events_sections() {
        let language = site.page(section).language.as_deref();
        let Some(url) = site.events_past_page(language) else {
            continue;
        };
        let lang = language.unwrap_or(&site.config.language);
        let over = site.events_over(language);
        let paging = site.paging(&url, over.len());
        for number in paging.numbers() {
            let events: Vec<EventCard> = paging
                .slice(&over, number)
                .iter()
                .filter_map(|&id| Some(event_card(site, id, event_of(site, id)?)))
                .collect();
            let pagination = PaginationContext::of(&paging, number, base_path);
            let title = site.strings.text(lang, "events_past", &[]);
            let page = GeneratedPage {
                url: paging.url(number),
                title: paged_title(&site.strings, lang, title, pagination.as_ref()),
                summary: Some(site.strings.text(lang, "events_past_summary", &[])),
                kind: "events-past",
                breadcrumbs: Vec::new(),
            };
            rendered.push(page.render(
                input,
                site_contexts.for_language(language),
                "events-past.html",
                minijinja::context! { events => events, pagination => pagination, lang => lang },
            ));
        }
    }
    rendered
}

/// Where every event's calendar is, to subscribe to.
pub const CALENDAR_PATH: &str = "events/events.ics";
/// Each event's own calendar file, in its folder.
pub const ICS_NAME: &str = "event.ics";

/// Every event's `event.ics` and the calendar of them all (the site's
/// own language; a translation's file is its original's).
pub fn render_calendars(input: &RenderInput<'_>) -> Vec<RenderedFile> {
    let site = input.site;
    let events: Vec<(PageId, &Event)> = site
        .events_in(None)
        .filter_map(|id| Some((id, event_of(site, id)?)))
        .collect();
    if !site.has_calendar() {
        return Vec::new();
    }
    let stamp = build_stamp(input.build_date);
    // Each event is made once, for its own file and for the calendar of all.
    let entries: Vec<(PageId, icalendar::Event)> = events
        .iter()
        .map(|(id, event)| (*id, calendar_event(site, *id, event, stamp)))
        .collect();
    let mut files: Vec<RenderedFile> = entries
        .iter()
        .map(|(id, entry)| RenderedFile {
            path: format!(
                "{}{ICS_NAME}",
                site.page(*id).url.as_str().trim_start_matches('/')
            ),
            bytes: calendar_of(site, [entry.clone()]).into_bytes().into(),
        })
        .collect();
    let all = calendar_of(site, entries.into_iter().map(|(_, entry)| entry));
    files.push(RenderedFile {
        path: CALENDAR_PATH.to_string(),
        bytes: all.into_bytes().into(),
    });
    files
}

fn calendar_of(site: &Site, events: impl IntoIterator<Item = icalendar::Event>) -> String {
    let mut calendar = icalendar::Calendar::empty();
    for (key, value) in [
        ("VERSION", "2.0"),
        ("PRODID", "-//reportsite//events//EN"),
        ("CALSCALE", "GREGORIAN"),
    ] {
        calendar.append_property(icalendar::Property::new(key, value));
    }
    calendar.name(&site.config.title);
    for event in events {
        calendar.push(event);
    }
    calendar.done().to_string()
}

fn build_stamp(day: Date) -> chrono::DateTime<Utc> {
    NaiveDate::from_ymd_opt(day.year, u32::from(day.month), u32::from(day.day))
        .and_then(|date| date.and_hms_opt(0, 0, 0))
        .map_or_else(chrono::DateTime::<Utc>::default, |at| at.and_utc())
}

fn calendar_event(
    site: &Site,
    id: PageId,
    event: &Event,
    stamp: chrono::DateTime<Utc>,
) -> icalendar::Event {
    let page = site.page(id);
    let origin = site.config.origin();
    let host = origin.split_once("://").map_or(origin, |(_, host)| host);
    let permalink = format!("{}{}", site.config.base_url, page.url);
    let mut entry = icalendar::Event::new();
    entry
        .uid(&format!("{}@{host}", page.url.as_str().trim_matches('/')))
        .timestamp(stamp)
        .summary(&page.title)
        .url(&permalink)
        .description(&match &page.summary {
            Some(summary) => format!("{summary}\n\n{permalink}"),
            None => permalink.clone(),
        })
        .location(&match &event.place {
            EventPlace::Location(place) => place.clone(),
            EventPlace::Online => site
                .strings
                .text(&site.config.language, "event_online", &[]),
        });
    match (event.start, event.end, event.instants()) {
        (EventTime::Day(first), EventTime::Day(last), _) => {
            entry.starts(DatePerhapsTime::Date(first));
            // DTEND of a whole-day event is the day after the last (RFC 5545).
            entry.ends(DatePerhapsTime::Date(last.succ_opt().unwrap_or(last)));
        }
        (_, _, Some((start, end))) => {
            entry.starts(CalendarDateTime::Utc(start));
            entry.ends(CalendarDateTime::Utc(end));
        }
        _ => {}
    }
    entry.done()
}

fn start_iso(event: &Event) -> String {
    match event.start {
        EventTime::Day(date) => date.format("%Y-%m-%d").to_string(),
        EventTime::At(at) => event.instants().map_or_else(
            || at.format("%Y-%m-%dT%H:%M").to_string(),
            |(start, _)| {
                start
                    .with_timezone(&event.zone)
                    .format("%Y-%m-%dT%H:%M%:z")
                    .to_string()
            },
        ),
    }
}

/// When, in words: "Tuesday 10 March 2026, 9:30am to 12:30pm", "Monday 9
/// March 2026 to Tuesday 10 March 2026", with the zone named when it is
/// not the UK's.
fn when_words(site: &Site, lang: &str, event: &Event) -> String {
    let strings = &site.strings;
    let day = |date: NaiveDate| {
        let weekday = strings.text(
            lang,
            &format!("weekday_{}", date.weekday().number_from_monday()),
            &[],
        );
        let long = strings.long_date(
            lang,
            date.year(),
            u8::try_from(date.month()).unwrap_or(1),
            u8::try_from(date.day()).unwrap_or(1),
        );
        strings.text(lang, "event_day", &[("weekday", &weekday), ("date", &long)])
    };
    let time = |at: NaiveTime| time_words(site, lang, at);
    let words = match (event.start, event.end) {
        (EventTime::Day(first), EventTime::Day(last)) if first == last => day(first),
        (EventTime::At(start), EventTime::At(end)) if start.date() == end.date() => strings.text(
            lang,
            "event_times",
            &[
                ("day", &day(start.date())),
                ("start", &time(start.time())),
                ("end", &time(end.time())),
            ],
        ),
        (start, end) => {
            let moment = |at: EventTime| match at {
                EventTime::Day(date) => day(date),
                EventTime::At(at) => format!("{}, {}", day(at.date()), time(at.time())),
            };
            strings.text(
                lang,
                "event_days",
                &[("start", &moment(start)), ("end", &moment(end))],
            )
        }
    };
    if event.zone.name() == DEFAULT_TIME_ZONE || event.all_day() {
        words
    } else {
        let zone = strings.text(lang, "event_time_zone", &[("zone", event.zone.name())]);
        format!("{words} {zone}")
    }
}

fn time_words(site: &Site, lang: &str, at: NaiveTime) -> String {
    let hour12 = match at.hour() % 12 {
        0 => 12,
        hour => hour,
    };
    let key = if at.hour() < 12 { "time_am" } else { "time_pm" };
    site.strings.text(
        lang,
        key,
        &[
            ("hour", &hour12.to_string()),
            ("hour24", &at.hour().to_string()),
            ("minute", &format!("{:02}", at.minute())),
        ],
    )
}
