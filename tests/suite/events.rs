//! Training and events: listed soonest first, moved to past events after
//! their last day (judged against SOURCE_DATE_EPOCH, 1 January 2026 in the
//! tests), each with its times in words, and calendar files a separate
//! iCalendar parser reads back with the right moments across the clock
//! changes and the same UIDs every build.

use std::collections::BTreeMap;

use crate::site_test::SiteTest;

const FIXTURE: &str = "events-around-a-build-date";

/// Each VEVENT of a calendar file, as (property name and parameters →
/// value), read by the `ical` crate.
fn calendar_events(text: &str) -> Vec<BTreeMap<String, String>> {
    let calendars: Vec<ical::parser::ical::component::IcalCalendar> =
        ical::IcalParser::new(text.as_bytes())
            .collect::<Result<_, _>>()
            .expect("a calendar the ical crate reads");
    assert_eq!(calendars.len(), 1);
    calendars[0]
        .events
        .iter()
        .map(|event| {
            event
                .properties
                .iter()
                .map(|property| {
                    let params = property
                        .params
                        .iter()
                        .flatten()
                        .map(|(name, values)| format!(";{name}={}", values.join(",")));
                    let key = format!("{}{}", property.name, params.collect::<String>());
                    (key, property.value.clone().unwrap_or_default())
                })
                .collect()
        })
        .collect()
}

fn by_uid(events: &[BTreeMap<String, String>], uid: &str) -> BTreeMap<String, String> {
    events
        .iter()
        .find(|event| event.get("UID").map(String::as_str) == Some(uid))
        .cloned()
        .unwrap_or_else(|| panic!("no event {uid} in {events:?}"))
}

#[test]
fn events_are_listed_soonest_first_and_move_to_past_after_their_day() {
    let site = SiteTest::new(FIXTURE);
    site.build_ok();
    let listing = site.read_output("events/index.html");
    let order = [
        "/events/briefing-today/",
        "/events/before-clocks-change/",
        "/events/after-clocks-change/",
        "/events/warsaw-webinar/",
        "/events/clocks-go-back/",
    ];
    let places: Vec<usize> = order
        .iter()
        .map(|url| {
            listing
                .find(&format!("href=\"{url}\""))
                .unwrap_or_else(|| panic!("{url} listed"))
        })
        .collect();
    assert!(
        places.windows(2).all(|pair| pair[0] < pair[1]),
        "soonest first: {places:?}"
    );
    assert!(
        !listing.contains("/events/safeguarding-week/\""),
        "a past event is not coming up"
    );
    assert!(listing.contains("Thursday 1 January 2026, 9:30am to 12:30pm"));
    assert!(listing.contains("Thursday 2 April 2026, 10:00am to 11:30am (times in Europe/Warsaw)"));
    let past = site.read_output("events/past/index.html");
    assert!(past.contains("href=\"/events/safeguarding-week/\""));
    assert!(past.contains("Monday 17 November 2025 to Friday 21 November 2025"));
    assert!(
        !past.contains("/events/briefing-today/\""),
        "today's event is still coming up"
    );
    // One list per audience and topic, of what is coming for it.
    assert!(listing.contains("<a href=\"/events/audience/practitioners/\">Practitioners <span class=\"filters__count\">(1)</span></a>"));
    let practitioners = site.read_output("events/audience/practitioners/index.html");
    assert!(practitioners.contains("<h1>Training and events: Practitioners</h1>"));
    assert!(practitioners.contains("href=\"/events/briefing-today/\""));
    assert!(!practitioners.contains("href=\"/events/warsaw-webinar/\""));
    assert!(practitioners.contains("aria-current=\"page\">Practitioners"));
    // On the priority it is tagged with, in the feed and in search.
    let priority = site.read_output("priorities/babies/index.html");
    let group = &priority[priority
        .find("Training and events")
        .expect("an events group")..];
    assert!(group.contains("href=\"/events/briefing-today/\""));
    let feed = site.read_output("atom.xml");
    assert!(feed.contains("<title>Safer sleeping briefing</title>"));
    assert!(feed.contains("term=\"event\""));
    let event = site.read_output("events/briefing-today/index.html");
    assert!(event.contains("data-pagefind-body data-pagefind-filter=\"kind:Event\""));
}

#[test]
fn an_event_page_says_when_where_and_how_to_book() {
    let site = SiteTest::new(FIXTURE);
    site.build_ok();
    let page = site.read_output("events/briefing-today/index.html");
    for part in [
        "<time datetime=\"2026-01-01T09:30+00:00\">Thursday 1 January 2026, 9:30am to 12:30pm</time>",
        "<dd>County Hall, Glenfield</dd>",
        "<dt>Places</dt><dd>40</dd>",
        "<dt>Cost</dt><dd>Free</dd>",
        "<a class=\"button\" href=\"https://booking.example.org/safer-sleeping\">Book a place</a>",
        "<a class=\"event__calendar\" href=\"/events/briefing-today/event.ics\" download>Add to my calendar</a>",
    ] {
        assert!(page.contains(part), "missing {part:?} in {page}");
    }
    let online = site.read_output("events/before-clocks-change/index.html");
    assert!(online.contains("href=\"mailto:training@fixture.example.org\">Book by email: training@fixture.example.org</a>"));
    assert!(online.contains("<dd>Online</dd>"));
    let over = site.read_output("events/safeguarding-week/index.html");
    assert!(over.contains("This event has finished."));
    assert!(
        !over.contains("Book a place"),
        "no booking for a past event"
    );
}

#[test]
fn calendar_files_hold_the_right_moments_and_stable_uids() {
    let site = SiteTest::new(FIXTURE);
    site.build_ok();
    let feed = site.read_output("events/events.ics");
    let events = calendar_events(&feed);
    assert_eq!(events.len(), 6, "every event, past ones too");
    let moments = |uid: &str| {
        let event = by_uid(&events, uid);
        (event["DTSTART"].clone(), event["DTEND"].clone())
    };
    // Greenwich Mean Time, then British Summer Time after 29 March.
    assert_eq!(
        moments("events/before-clocks-change@fixture.example.org"),
        ("20260327T090000Z".into(), "20260327T110000Z".into())
    );
    assert_eq!(
        moments("events/after-clocks-change@fixture.example.org"),
        ("20260330T080000Z".into(), "20260330T100000Z".into())
    );
    // 01:30 happens twice when the clocks go back: the first, in summer time.
    assert_eq!(
        moments("events/clocks-go-back@fixture.example.org"),
        ("20261025T003000Z".into(), "20261025T030000Z".into())
    );
    assert_eq!(
        moments("events/warsaw-webinar@fixture.example.org"),
        ("20260402T080000Z".into(), "20260402T093000Z".into())
    );
    let week = by_uid(&events, "events/safeguarding-week@fixture.example.org");
    assert_eq!(week["DTSTART;VALUE=DATE"], "20251117");
    assert_eq!(
        week["DTEND;VALUE=DATE"], "20251122",
        "the day after the last"
    );
    assert_eq!(week["LOCATION"], "Across Leicestershire and Rutland");
    // One file per event, the same event as in the feed.
    let own = calendar_events(&site.read_output("events/briefing-today/event.ics"));
    assert_eq!(own.len(), 1);
    assert_eq!(
        own[0],
        by_uid(&events, "events/briefing-today@fixture.example.org")
    );
    // Built again, every calendar file is the same, byte for byte.
    let again = SiteTest::new(FIXTURE);
    again.build_ok();
    assert_eq!(again.read_output("events/events.ics"), feed);
    assert!(
        feed.contains("\r\nDTSTAMP:20260101T000000Z\r\n"),
        "stamped with the build day"
    );
    assert_eq!(feed.matches("PRODID").count(), 1);
}

#[test]
fn event_mistakes_are_reported_at_the_key() {
    let site = SiteTest::new(FIXTURE);
    let cases = [
        (
            "end = 2026-01-01T12:30:00",
            "end = 2026-01-01T08:30:00",
            "invalid-value",
            5,
            "ends before it starts",
        ),
        (
            "location = \"County Hall, Glenfield\"",
            "location = \"County Hall, Glenfield\"\ntimezone = \"Europe/Londn\"",
            "invalid-value",
            7,
            "not a time zone",
        ),
        (
            "booking_url = \"https://booking.example.org/safer-sleeping\"",
            "booking_url = \"TBC\"",
            "placeholder-link",
            7,
            "placeholder",
        ),
        (
            "start = 2026-01-01T09:30:00\nend = 2026-01-01T12:30:00",
            "start = 2026-03-29T01:30:00\nend = 2026-03-29T03:00:00",
            "invalid-value",
            4,
            "clocks go forward",
        ),
        (
            "start = 2026-01-01T09:30:00",
            "start = 2026-01-01T09:30:00Z",
            "invalid-value",
            4,
            "offset from UTC",
        ),
        (
            "location = \"County Hall, Glenfield\"",
            "location = \"County Hall, Glenfield\"\nonline = true",
            "conflicting-keys",
            6,
            "either at a location or online",
        ),
    ];
    for (from, to, code, line, words) in cases {
        site.replace("content/events/briefing-today.md", from, to);
        let (status, diagnostics) = site.check_json();
        site.replace("content/events/briefing-today.md", to, from);
        assert_eq!(status, 1, "{to}");
        let found = diagnostics
            .iter()
            .find(|d| {
                d.code == code && d.file.as_deref() == Some("content/events/briefing-today.md")
            })
            .unwrap_or_else(|| panic!("no {code} for {to}: {diagnostics:?}"));
        assert_eq!(found.line, Some(line), "{to}: {found:?}");
        assert!(found.message.contains(words), "{to}: {}", found.message);
        if to.contains("Londn") {
            assert_eq!(
                found.help.as_deref(),
                Some("did you mean \"Europe/London\"? Zones are named as in the IANA database")
            );
        }
    }
}

#[test]
fn check_external_asks_about_booking_links() {
    let server = crate::stand_in::StandIn::start();
    let site = SiteTest::new(FIXTURE);
    site.replace(
        "content/events/briefing-today.md",
        "https://booking.example.org/safer-sleeping",
        &server.url("/missing"),
    );
    // The other events' booking pages answer too.
    for event in ["after-clocks-change", "safeguarding-week"] {
        let path = format!("content/events/{event}.md");
        let text = std::fs::read_to_string(site.root.join(&path)).expect("the event");
        let from = text
            .lines()
            .find(|line| line.starts_with("booking_url"))
            .expect("a booking link")
            .to_string();
        site.replace(
            &path,
            &from,
            &format!("booking_url = \"{}\"", server.url("/ok")),
        );
    }
    // Never a real outside host: the report-a-concern link answers too.
    site.replace(
        "site.toml",
        "https://fixture.example.org/report",
        &server.url("/ok"),
    );
    let (code, diagnostics) = site.check_json_with(&["--external"]);
    assert_eq!(code, 1, "{diagnostics:?}");
    let broken: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.code == "external-link-broken")
        .map(|d| d.location())
        .collect();
    assert_eq!(broken, ["content/events/briefing-today.md:7:15"]);
}

#[test]
fn the_browser_editor_has_an_events_collection_with_times() {
    let site = SiteTest::new(FIXTURE);
    let toml = std::fs::read_to_string(site.root.join("site.toml")).expect("site.toml");
    site.write(
        "site.toml",
        &format!("{toml}\n[cms]\nbackend = \"github\"\nrepo = \"northshire/website\"\n"),
    );
    site.build_ok();
    let config = &yaml_rust2::YamlLoader::load_from_str(&site.read_output("admin/config.yml"))
        .expect("config.yml is YAML")[0];
    let collections = config["collections"].as_vec().expect("collections");
    let names: Vec<&str> = collections
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert!(names.contains(&"events"), "{names:?}");
    assert!(
        !names.contains(&"pages-events"),
        "events are not plain pages: {names:?}"
    );
    let events = collections
        .iter()
        .find(|c| c["name"].as_str() == Some("events"))
        .expect("the events collection");
    assert_eq!(events["folder"].as_str(), Some("content/events"));
    let field = |name: &str| {
        events["fields"]
            .as_vec()
            .expect("fields")
            .iter()
            .find(|f| f["name"].as_str() == Some(name))
            .cloned()
            .unwrap_or_else(|| panic!("no field {name}"))
    };
    for moment in ["start", "end"] {
        assert_eq!(field(moment)["widget"].as_str(), Some("datetime"));
        assert_eq!(
            field(moment)["format"].as_str(),
            Some("YYYY-MM-DDTHH:mm:ss")
        );
    }
    assert_eq!(field("online")["widget"].as_str(), Some("boolean"));
    assert_eq!(field("capacity")["value_type"].as_str(), Some("int"));
    // The wrapper writes an event's quoted date-time back as a TOML one.
    let script = site.read_output("admin/admin.js");
    assert!(script.contains("(?:T\\d{2}:\\d{2}:\\d{2})?"));
    assert!(
        script.contains("\"start\"") && script.contains("\"end\""),
        "start and end are date keys"
    );
}

#[test]
fn new_event_writes_a_draft_whose_placeholders_are_reported_once_published() {
    let site = SiteTest::new(FIXTURE);
    let made = site.run(&["new", "event", "winter-briefing"]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    let path = "content/events/winter-briefing.md";
    let text = std::fs::read_to_string(site.root.join(path)).expect("the new event");
    assert!(text.contains("draft = true"));
    assert!(
        text.contains("audiences = [\"parents-and-carers\"]"),
        "{text}"
    );
    site.build_ok();
    assert!(
        !site.output().join("events/winter-briefing").exists(),
        "a draft is not published"
    );
    site.replace(path, "draft = true\n", "");
    let (code, diagnostics) = site.check_json();
    assert_eq!(code, 1);
    let booking = diagnostics
        .iter()
        .find(|d| d.code == "placeholder-link")
        .expect("the booking link left to fill in");
    assert_eq!(booking.file.as_deref(), Some(path));
    assert!(
        diagnostics
            .iter()
            .any(|d| d.code == "placeholder" && d.file.as_deref() == Some(path))
    );
}

#[test]
fn a_translated_event_speaks_its_language_and_links_the_one_calendar_file() {
    let site = SiteTest::new(FIXTURE);
    let toml = std::fs::read_to_string(site.root.join("site.toml")).expect("site.toml");
    site.write(
        "site.toml",
        &format!("{toml}\n[[languages]]\ncode = \"cy\"\nname = \"Cymraeg\"\n"),
    );
    site.replace(
        "site.toml",
        "label = \"Practitioners\"",
        "label = \"Practitioners\"\nlabels = { cy = \"Ymarferwyr\" }",
    );
    site.write(
        "content/events/briefing-today.cy.md",
        "+++\ntitle = \"Sesiwn friffio ar gysgu'n fwy diogel\"\nsummary = \"Sesiwn i ymarferwyr.\"\n+++\nBeth mae'r offeryn yn ei ofyn.\n",
    );
    site.build_ok();
    let page = site.read_output("cy/events/briefing-today/index.html");
    assert!(
        page.contains("Dydd Iau 1 Ionawr 2026, 9:30yb i 12:30yh"),
        "{page}"
    );
    assert!(
        page.contains("<dd>Ymarferwyr</dd>"),
        "the audience in Welsh"
    );
    assert!(
        page.contains("href=\"/events/briefing-today/event.ics\""),
        "the original's calendar file"
    );
    assert!(
        !site
            .output()
            .join("cy/events/briefing-today/event.ics")
            .exists()
    );
}

#[test]
fn events_are_open_data_with_their_times_as_written_and_described_on_the_open_data_page() {
    let site = SiteTest::new(FIXTURE);
    site.build_ok();
    let records: Vec<serde_json::Value> =
        serde_json::from_str(&site.read_output("events.json")).expect("events.json is JSON");
    assert_eq!(records.len(), 6);
    let starts: Vec<&str> = records
        .iter()
        .filter_map(|record| record["starts"].as_str())
        .collect();
    let mut sorted = starts.clone();
    sorted.sort_unstable();
    assert_eq!(starts, sorted, "in the order they start");
    let by_title = |title: &str| {
        records
            .iter()
            .find(|record| record["title"] == title)
            .unwrap_or_else(|| panic!("no {title}"))
    };
    let week = by_title("Safeguarding week");
    assert_eq!(week["starts"], "2025-11-17", "whole days as dates alone");
    assert_eq!(week["ends"], "2025-11-21");
    assert_eq!(
        week["calendar"],
        "https://fixture.example.org/events/safeguarding-week/event.ics"
    );
    let webinar = by_title("Webinar with partners in Poland");
    assert_eq!(webinar["starts"], "2026-04-02T10:00:00");
    assert_eq!(webinar["timezone"], "Europe/Warsaw");
    assert_eq!(webinar["online"], "yes");
    assert_eq!(webinar["booking"], "mailto:training@fixture.example.org");
    let csv = site.read_output("events.csv");
    assert!(csv.starts_with(
        "title,page,summary,starts,ends,timezone,location,online,booking,audiences,topics,priorities,capacity,cost,calendar\n"
    ));
    let page = site.read_output("open-data/index.html");
    assert!(page.contains("Training and events (6)"), "{page}");
    assert!(page.contains("<a href=\"/events.csv\">"));
    assert!(page.contains("<code>timezone</code></th><td>text</td><td>The time zone of its times"));
}
