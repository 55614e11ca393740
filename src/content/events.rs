//! Training and events: when (local times in an IANA time zone, or whole
//! days), where (a place or online), how to book, and who it is for.
//!
//! Invariant: an event's start is before its end, both exist in its time
//! zone (a time skipped when clocks go forward is refused at load), so
//! `instants` always gives the two moments it covers.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use toml::Spanned;

use super::Date;
use super::catalogue::FacetKind;

/// The zone an event's times are in when it does not say.
pub const DEFAULT_TIME_ZONE: &str = "Europe/London";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EventTime {
    /// A whole day (a date alone in the front matter).
    Day(NaiveDate),
    /// A local time in the event's zone.
    At(NaiveDateTime),
}

impl EventTime {
    pub fn date(self) -> NaiveDate {
        match self {
            Self::Day(date) => date,
            Self::At(at) => at.date(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventPlace {
    /// Where to go, as written.
    Location(String),
    Online,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Booking {
    Url(String),
    Email(String),
}

#[derive(Debug, Clone)]
pub struct Event {
    pub start: EventTime,
    pub end: EventTime,
    pub zone: Tz,
    pub place: EventPlace,
    pub booking: Booking,
    /// Where the booking address or email is written.
    pub booking_span: std::ops::Range<usize>,
    pub audiences: Vec<Spanned<String>>,
    pub topics: Vec<Spanned<String>>,
    pub priorities: Vec<Spanned<String>>,
    /// How many places there are.
    pub capacity: Option<u32>,
    /// What it costs, shown as written ("Free", "£25 a place").
    pub cost: Option<String>,
}

impl Event {
    /// Whether it lasts whole days.
    pub fn all_day(&self) -> bool {
        matches!(self.start, EventTime::Day(_))
    }

    /// The first and last moments it covers (a whole-day event, from the
    /// start of its first day to the end of its last, in its zone).
    pub fn instants(&self) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let start = match self.start {
            EventTime::Day(date) => local_instant(self.zone, date.and_hms_opt(0, 0, 0)?)?,
            EventTime::At(at) => local_instant(self.zone, at)?,
        };
        let end = match self.end {
            EventTime::Day(date) => {
                local_instant(self.zone, date.succ_opt()?.and_hms_opt(0, 0, 0)?)?
            }
            EventTime::At(at) => local_instant(self.zone, at)?,
        };
        Some((start, end))
    }

    /// Over by `today` (the build's day, in the event's zone): its last
    /// day has passed. An event on today's date is still shown as coming.
    pub fn is_past(&self, today: Date) -> bool {
        NaiveDate::from_ymd_opt(today.year, u32::from(today.month), u32::from(today.day))
            .is_some_and(|today| self.end.date() < today)
    }
}

/// The moment a local time is in `zone`: the earlier of two when clocks go
/// back, `None` for a time skipped when they go forward.
pub fn local_instant(zone: Tz, at: NaiveDateTime) -> Option<DateTime<Utc>> {
    zone.from_local_datetime(&at)
        .earliest()
        .map(|local| local.with_timezone(&Utc))
}

impl super::Site {
    /// Whether a page is an events section (`events/_index.md`, or a
    /// translation of it).
    pub fn is_events_section(&self, id: super::PageId) -> bool {
        self.page(id).original.as_str() == "events/_index.md"
    }

    /// The events sections, the site's own first.
    pub fn events_sections(&self) -> impl Iterator<Item = super::PageId> + '_ {
        self.page_ids().filter(|id| self.is_events_section(*id))
    }

    /// The events in a language (`None`: the site's own).
    pub fn events_in<'a>(
        &'a self,
        language: Option<&'a str>,
    ) -> impl Iterator<Item = super::PageId> + 'a {
        self.page_ids().filter(move |id| {
            let page = self.page(*id);
            matches!(page.kind, super::PageKind::Event(_)) && page.language.as_deref() == language
        })
    }

    /// The events in `language` (all, or `only` one audience's or
    /// topic's) not yet over by the build's day: soonest first, then by
    /// title.
    pub fn events_coming(
        &self,
        language: Option<&str>,
        only: Option<&EventFilter>,
    ) -> Vec<super::PageId> {
        let mut coming: Vec<(EventTime, &str, super::PageId)> = self
            .events_in(language)
            .filter(|id| only.is_none_or(|filter| filter.events.contains(id)))
            .filter_map(|id| match &self.page(id).kind {
                super::PageKind::Event(event) if !event.is_past(self.today) => {
                    Some((event.start, self.page(id).title.as_str(), id))
                }
                _ => None,
            })
            .collect();
        coming.sort();
        coming.into_iter().map(|(_, _, id)| id).collect()
    }

    /// The events in `language` that are over: the latest first.
    pub fn events_over(&self, language: Option<&str>) -> Vec<super::PageId> {
        let mut over: Vec<(std::cmp::Reverse<EventTime>, super::PageId)> = self
            .events_in(language)
            .filter_map(|id| match &self.page(id).kind {
                super::PageKind::Event(event) if event.is_past(self.today) => {
                    Some((std::cmp::Reverse(event.start), id))
                }
                _ => None,
            })
            .collect();
        over.sort();
        over.into_iter().map(|(_, id)| id).collect()
    }

    /// `/events/past/` beside an events section in `language`, unless a
    /// content page has that address.
    pub fn events_past_page(&self, language: Option<&str>) -> Option<super::UrlPath> {
        let section = self
            .events_sections()
            .find(|id| self.page(*id).language.as_deref() == language)?;
        let url = format!("{}past/", self.page(section).url);
        let taken = self.pages.iter().any(|page| page.url.as_str() == url);
        (!taken).then(|| super::UrlPath::new(url))
    }

    /// The calendar files the build writes, as site-root paths: each
    /// event's `event.ics` and `/events/events.ics`, written whenever
    /// there are events or a section to list them (which links to it, so
    /// a reader may subscribe before the first event is announced).
    pub fn calendar_paths(&self) -> Vec<String> {
        let events: Vec<String> = self
            .events_in(None)
            .map(|id| format!("{}event.ics", self.page(id).url))
            .collect();
        if !self.has_calendar() {
            return events;
        }
        events
            .into_iter()
            .chain(["/events/events.ics".to_string()])
            .collect()
    }

    /// Whether the build writes `/events/events.ics`.
    pub fn has_calendar(&self) -> bool {
        self.events_in(None).next().is_some() || self.events_sections().next().is_some()
    }
}

/// A facet's key, its vocabulary, and where an event keeps its values.
type EventFacetSource<'a> = (
    FacetKind,
    &'a [crate::config::VocabularyTerm],
    fn(&Event) -> &[Spanned<String>],
);

/// A list of the events for one audience or topic:
/// `/events/audience/practitioners/`.
#[derive(Debug, Clone)]
pub struct EventFilter {
    pub url: super::UrlPath,
    /// `Audience` or `Topic`, as in the catalogues.
    pub facet: FacetKind,
    pub slug: String,
    /// Every event with it, past ones too (the page shows what is coming).
    pub events: Vec<super::PageId>,
}

impl super::Site {
    /// A filter page for each audience and topic any event in `language`
    /// has, in the vocabulary's order, beside that language's events
    /// section (none without one).
    pub fn event_filters(&self, language: Option<&str>) -> Vec<EventFilter> {
        let Some(section) = self
            .events_sections()
            .find(|id| self.page(*id).language.as_deref() == language)
        else {
            return Vec::new();
        };
        let base = self.page(section).url.to_string();
        let events: Vec<(super::PageId, &Event)> = self
            .events_in(language)
            .filter_map(|id| match &self.page(id).kind {
                super::PageKind::Event(event) => Some((id, event)),
                _ => None,
            })
            .collect();
        let facets: [EventFacetSource<'_>; 2] = [
            (FacetKind::Audience, &self.config.audiences, |event| {
                &event.audiences
            }),
            (FacetKind::Topic, &self.config.topics, |event| &event.topics),
        ];
        let mut filters = Vec::new();
        for (facet, vocabulary, values) in facets {
            for term in vocabulary {
                let with: Vec<super::PageId> = events
                    .iter()
                    .filter(|(_, event)| {
                        values(event)
                            .iter()
                            .any(|slug| *slug.get_ref() == term.slug)
                    })
                    .map(|(id, _)| *id)
                    .collect();
                if !with.is_empty() {
                    filters.push(EventFilter {
                        url: super::UrlPath::new(format!("{base}{}/{}/", facet.key(), term.slug)),
                        facet,
                        slug: term.slug.clone(),
                        events: with,
                    });
                }
            }
        }
        filters
    }
}
