//! An event's front matter (`EventKeys`) → `Event`, every value checked:
//! start and end (local date-times or dates, the end after the start, both
//! existing in the zone), the time zone, where, how to book (a real
//! address or email, not a placeholder), places.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use chrono_tz::Tz;
use toml::Spanned;
use toml::value::Datetime;

use super::front_matter::EventKeys;
use super::values::Checker;
use crate::content::events::{
    Booking, DEFAULT_TIME_ZONE, Event, EventPlace, EventTime, local_instant,
};
use crate::diagnostics::placeholder::is_placeholder_text;
use crate::diagnostics::{Code, Diagnostic};

pub(super) fn build_event(
    keys: &EventKeys,
    priorities: Option<&Vec<Spanned<String>>>,
    checker: &mut Checker<'_>,
) -> Option<Event> {
    let zone = time_zone(keys.timezone.as_ref(), checker);
    let start = checker
        .required(&keys.start, "start")
        .and_then(|start| event_time(start, checker));
    let end = checker
        .required(&keys.end, "end")
        .and_then(|end| event_time(end, checker));
    let place = place(keys, checker);
    let booking = booking(keys, checker);
    let capacity = keys
        .capacity
        .as_ref()
        .and_then(|capacity| places(capacity, checker));
    let (start, end, zone) = (start?, end?, zone?);
    let event = Event {
        start,
        end,
        zone,
        place: place?,
        booking: booking?,
        booking_span: keys
            .booking_url
            .as_ref()
            .or(keys.booking_email.as_ref())
            .map(Spanned::span)
            .unwrap_or_default(),
        audiences: keys
            .audiences
            .as_ref()
            .map(|list| list.get_ref().clone())
            .unwrap_or_default(),
        topics: keys
            .topics
            .as_ref()
            .map(|list| list.get_ref().clone())
            .unwrap_or_default(),
        priorities: priorities.cloned().unwrap_or_default(),
        capacity,
        cost: keys.cost.clone(),
    };
    check_order(&event, keys, checker).then_some(event)
}

fn time_zone(written: Option<&Spanned<String>>, checker: &mut Checker<'_>) -> Option<Tz> {
    let Some(written) = written else {
        return DEFAULT_TIME_ZONE.parse().ok();
    };
    match written.get_ref().parse::<Tz>() {
        Ok(zone) => Some(zone),
        Err(_) => {
            let known = chrono_tz::TZ_VARIANTS.iter().map(|zone| zone.name());
            let nearest = crate::diagnostics::suggest::nearest(written.get_ref(), known);
            let span = checker.span(written.span());
            checker.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    span,
                    format!("'{}' is not a time zone", written.get_ref()),
                )
                .with_help(match nearest {
                    Some(zone) => format!("did you mean \"{zone}\"? Zones are named as in the IANA database"),
                    None => format!("name it as the IANA database does, such as \"{DEFAULT_TIME_ZONE}\", or leave it out for {DEFAULT_TIME_ZONE}"),
                }),
            );
            None
        }
    }
}

/// A date (a whole day) or a local date-time; an offset is refused, as
/// the zone comes from `timezone`.
fn event_time(value: &Spanned<Datetime>, checker: &mut Checker<'_>) -> Option<EventTime> {
    let written = value.get_ref();
    let date = written.date.and_then(|d| {
        NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
    });
    let time = written.time.map(|t| {
        NaiveTime::from_hms_opt(
            u32::from(t.hour),
            u32::from(t.minute),
            u32::from(t.second.unwrap_or(0)),
        )
    });
    let help = "write a local date and time without quotes, such as 2026-03-10T09:30:00 (the zone comes from timezone), or a date alone for a whole day";
    let problem = if written.offset.is_some() {
        Some(format!("'{written}' gives an offset from UTC"))
    } else {
        None
    };
    let parsed = match (date, time) {
        (Some(date), None) => Some(EventTime::Day(date)),
        (Some(date), Some(Some(time))) => Some(EventTime::At(NaiveDateTime::new(date, time))),
        _ => None,
    };
    match (parsed, problem) {
        (Some(parsed), None) => Some(parsed),
        (_, problem) => {
            let span = checker.span(value.span());
            let message =
                problem.unwrap_or_else(|| format!("'{written}' is not a date or a date and time"));
            checker.push(Diagnostic::error(Code::InvalidValue, span, message).with_help(help));
            None
        }
    }
}

fn place(keys: &EventKeys, checker: &mut Checker<'_>) -> Option<EventPlace> {
    let online = keys.online.as_ref().is_some_and(|online| *online.get_ref());
    match (&keys.location, online) {
        (Some(location), false) => Some(EventPlace::Location(location.get_ref().clone())),
        (None, true) => Some(EventPlace::Online),
        (Some(location), true) => {
            let span = checker.span(location.span());
            checker.push(
                Diagnostic::error(Code::ConflictingKeys, span, "an event is either at a location or online")
                    .with_help("keep location for an event people go to, or online = true for one they join from anywhere"),
            );
            None
        }
        (None, false) => {
            checker.push(missing_one_of(
                checker,
                "location",
                "online = true",
                "where it happens",
            ));
            None
        }
    }
}

fn booking(keys: &EventKeys, checker: &mut Checker<'_>) -> Option<Booking> {
    let written = match (&keys.booking_url, &keys.booking_email) {
        (Some(url), None) => url,
        (None, Some(email)) => email,
        (Some(url), Some(_)) => {
            let span = checker.span(url.span());
            checker.push(
                Diagnostic::error(Code::ConflictingKeys, span, "an event is booked one way")
                    .with_help("keep booking_url or booking_email, not both"),
            );
            return None;
        }
        (None, None) => {
            checker.push(missing_one_of(
                checker,
                "booking_url",
                "booking_email",
                "how to book",
            ));
            return None;
        }
    };
    if is_placeholder_text(written.get_ref()) {
        let span = checker.span(written.span());
        checker.push(
            Diagnostic::error(
                Code::PlaceholderLink,
                span,
                format!(
                    "'{}' is a placeholder, not a way to book",
                    written.get_ref()
                ),
            )
            .with_help("put in the real booking address, or the email address that takes bookings"),
        );
        return None;
    }
    if keys.booking_url.is_some() {
        checker.web_url(written).map(Booking::Url)
    } else {
        email(written, checker).map(Booking::Email)
    }
}

fn email(written: &Spanned<String>, checker: &mut Checker<'_>) -> Option<String> {
    let address = written.get_ref().trim();
    let well_formed = address.split_once('@').is_some_and(|(name, host)| {
        !name.is_empty() && host.contains('.') && !address.contains(char::is_whitespace)
    });
    if well_formed {
        return Some(address.to_string());
    }
    let span = checker.span(written.span());
    checker.push(
        Diagnostic::error(
            Code::InvalidValue,
            span,
            format!("'{address}' is not an email address"),
        )
        .with_help(
            "write the address that takes bookings, such as training@partnership.example.org",
        ),
    );
    None
}

fn places(capacity: &Spanned<i64>, checker: &mut Checker<'_>) -> Option<u32> {
    match u32::try_from(*capacity.get_ref()) {
        Ok(places) if places > 0 => Some(places),
        _ => {
            let span = checker.span(capacity.span());
            checker.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    span,
                    "capacity is how many places there are",
                )
                .with_help("write a whole number above 0, such as 30, or leave it out"),
            );
            None
        }
    }
}

fn missing_one_of(checker: &Checker<'_>, first: &str, second: &str, what: &str) -> Diagnostic {
    Diagnostic::error(
        Code::MissingKey,
        crate::diagnostics::Span::file_start(checker.file),
        format!("an event needs {first} or {second}: {what}"),
    )
    .with_help(format!(
        "add {first} = \"…\" or {second} to the front matter"
    ))
}

/// The start before the end, both whole days or both times, and each a
/// moment that exists in the zone.
fn check_order(event: &Event, keys: &EventKeys, checker: &mut Checker<'_>) -> bool {
    let end_span = keys.end.as_ref().map(Spanned::span).unwrap_or_default();
    let problem = match (event.start, event.end) {
        (EventTime::Day(_), EventTime::At(_)) | (EventTime::At(_), EventTime::Day(_)) => Some((
            end_span,
            "start and end must both be dates, or both dates and times".to_string(),
            "write a date alone in both for a whole-day event, or a time in both".to_string(),
        )),
        (start, end) if end < start || (end == start && !event.all_day()) => Some((
            end_span,
            "the event ends before it starts".to_string(),
            "check the dates: end comes after start".to_string(),
        )),
        _ => skipped_time(event, keys).map(|(span, at)| {
            (
                span,
                format!(
                    "{at} does not happen in {}: the clocks go forward over it",
                    event.zone.name()
                ),
                "choose a time an hour later".to_string(),
            )
        }),
    };
    match problem {
        Some((span, message, help)) => {
            let span = checker.span(span);
            checker.push(Diagnostic::error(Code::InvalidValue, span, message).with_help(help));
            false
        }
        None => true,
    }
}

/// A start or end time the zone skips (the hour lost in spring).
fn skipped_time(
    event: &Event,
    keys: &EventKeys,
) -> Option<(std::ops::Range<usize>, NaiveDateTime)> {
    let times = [(event.start, &keys.start), (event.end, &keys.end)];
    times.into_iter().find_map(|(time, key)| match time {
        EventTime::At(at) if local_instant(event.zone, at).is_none() => {
            Some((key.as_ref().map(Spanned::span).unwrap_or_default(), at))
        }
        _ => None,
    })
}
