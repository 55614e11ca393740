//! One line of an access log, in the formats web servers and CDNs write:
//! the Common and Combined Log Formats (Apache's and nginx's defaults) and
//! Cloudflare's Logpush HTTP requests as JSON lines.
//!
//! Invariant: a line that is not one of them is `None`, never a panic, so
//! a log with anything in it can be read to the end.

use std::borrow::Cow;

use serde::Deserialize;

use crate::content::Date;

/// What a line says about one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogLine<'a> {
    /// The client's address: only ever hashed, never kept.
    pub client: Cow<'a, str>,
    /// The day, as the log writes it (the server's own time zone).
    pub day: Date,
    pub method: Cow<'a, str>,
    /// The path asked for, with any query.
    pub target: Cow<'a, str>,
    pub status: u16,
    /// Empty when the log does not have it (Common Log Format).
    pub user_agent: Cow<'a, str>,
}

/// Reads a line in whichever format it is written.
pub fn parse_line(line: &str) -> Option<LogLine<'_>> {
    let line = line.trim_end_matches(['\r', '\n']);
    match line.trim_start().starts_with('{') {
        true => parse_cloudflare(line),
        false => parse_common(line),
    }
}

/// `client ident user [10/Oct/2025:13:55:36 +0100] "GET /a HTTP/1.1" 200
/// 2326`, optionally followed by `"referer" "user agent"` (Combined).
fn parse_common(line: &str) -> Option<LogLine<'_>> {
    let (client, rest) = line.split_once(' ')?;
    let open = rest.find('[')?;
    let close = open + rest[open..].find(']')?;
    let day = common_log_day(&rest[open + 1..close])?;
    let rest = rest[close + 1..].trim_start();
    let (request, rest) = quoted(rest)?;
    let mut words = request.split(' ');
    let method = words.next().filter(|method| !method.is_empty())?;
    let target = words.next()?;
    let mut fields = rest.trim_start().splitn(3, ' ');
    let status = fields.next()?.parse().ok()?;
    let _bytes = fields.next();
    let user_agent = fields
        .next()
        .and_then(|rest| quoted(rest.trim_start()))
        .and_then(|(_referer, rest)| quoted(rest.trim_start()))
        .map_or("", |(agent, _)| agent);
    Some(LogLine {
        client: Cow::Borrowed(client),
        day,
        method: Cow::Borrowed(method),
        target: Cow::Borrowed(target),
        status,
        user_agent: Cow::Borrowed(user_agent),
    })
}

/// The text between a leading `"` and the next `"` that no backslash
/// escapes, and what follows it.
fn quoted(text: &str) -> Option<(&str, &str)> {
    let inner = text.strip_prefix('"')?;
    let bytes = inner.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b'"' => return Some((&inner[..at], &inner[at + 1..])),
            _ => at += 1,
        }
    }
    None
}

/// `10/Oct/2025:13:55:36 +0100` → 2025-10-10.
fn common_log_day(stamp: &str) -> Option<Date> {
    let mut parts = stamp.get(..11)?.split('/');
    let day = parts.next()?.parse().ok()?;
    let month = match parts.next()? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    let year = parts.next()?.parse().ok()?;
    Date::new(year, month, day)
}

/// The Logpush fields reportsite reads (docs/engagement.md names them).
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct CloudflareRequest<'a> {
    #[serde(rename = "ClientIP", borrow)]
    client_ip: Cow<'a, str>,
    #[serde(borrow)]
    client_request_method: Cow<'a, str>,
    #[serde(rename = "ClientRequestURI", borrow)]
    client_request_uri: Cow<'a, str>,
    edge_response_status: u16,
    #[serde(borrow, default)]
    client_request_user_agent: Cow<'a, str>,
    edge_start_timestamp: Timestamp<'a>,
}

/// Logpush writes times as RFC 3339 text, or whole seconds or nanoseconds
/// since 1970, as the job's `timestamp_format` says.
#[derive(Deserialize)]
#[serde(untagged)]
enum Timestamp<'a> {
    Number(i64),
    #[serde(borrow)]
    Text(Cow<'a, str>),
}

impl Timestamp<'_> {
    fn day(&self) -> Option<Date> {
        match self {
            Timestamp::Number(number) => {
                // Nanoseconds (19 digits) or seconds (10) since 1970.
                let seconds = match number.abs() > 100_000_000_000 {
                    true => number / 1_000_000_000,
                    false => *number,
                };
                Some(Date::from_unix_days(seconds.div_euclid(86_400)))
            }
            Timestamp::Text(text) => {
                let date = text.get(..10)?;
                let mut parts = date.split('-');
                let year = parts.next()?.parse().ok()?;
                let month = parts.next()?.parse().ok()?;
                let day = parts.next()?.parse().ok()?;
                Date::new(year, month, day)
            }
        }
    }
}

fn parse_cloudflare(line: &str) -> Option<LogLine<'_>> {
    let request: CloudflareRequest<'_> = serde_json::from_str(line).ok()?;
    Some(LogLine {
        day: request.edge_start_timestamp.day()?,
        client: request.client_ip,
        method: request.client_request_method,
        target: request.client_request_uri,
        status: request.edge_response_status,
        user_agent: request.client_request_user_agent,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combined_and_common_lines_are_read() {
        let combined = r#"203.0.113.7 - - [10/Oct/2025:13:55:36 +0100] "GET /resources/icon/?x=1 HTTP/1.1" 200 2326 "https://example.org/a \"b\"" "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0""#;
        let line = parse_line(combined).expect("combined");
        assert_eq!(line.client, "203.0.113.7");
        assert_eq!(line.day, Date::new(2025, 10, 10).expect("date"));
        assert_eq!(
            (line.method.as_ref(), line.target.as_ref()),
            ("GET", "/resources/icon/?x=1")
        );
        assert_eq!(line.status, 200);
        assert_eq!(
            line.user_agent,
            "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"
        );
        let common =
            r#"2001:db8::1 - frank [01/Apr/2026:00:00:01 -0700] "HEAD /r/icon/ HTTP/1.0" 301 -"#;
        let line = parse_line(common).expect("common");
        assert_eq!((line.method.as_ref(), line.status), ("HEAD", 301));
        assert_eq!(line.user_agent, "");
    }

    #[test]
    fn cloudflare_json_lines_are_read_with_every_timestamp_format() {
        for stamp in [
            "\"2025-06-01T23:59:59Z\"",
            "1748822399",
            "1748822399000000000",
        ] {
            let json = format!(
                r#"{{"ClientIP":"198.51.100.4","ClientRequestMethod":"GET","ClientRequestURI":"/videos/a/play/","EdgeResponseStatus":200,"ClientRequestUserAgent":"Mozilla/5.0 Safari/605.1.15","EdgeStartTimestamp":{stamp},"ClientRequestHost":"example.org"}}"#
            );
            let line = parse_line(&json).expect("json");
            assert_eq!(line.day, Date::new(2025, 6, 1).expect("date"), "{stamp}");
            assert_eq!(line.target, "/videos/a/play/");
        }
    }

    #[test]
    fn anything_else_is_not_a_line() {
        for text in [
            "",
            "garbage",
            "1.2.3.4 - - [99/Foo/2025:00:00:00 +0000] \"GET / HTTP/1.1\" 200 1",
            "1.2.3.4 - - [10/Oct/2025:00:00:00 +0000] \"GET / HTTP/1.1",
            "1.2.3.4 - - [10/Oct/2025:00:00:00 +0000] \"GET / HTTP/1.1\" abc 1",
            "{\"ClientIP\": 3}",
            "{not json",
            "1.2.3.4 - - [10/Oct/2025:00:00:00 +0000] \"\\",
        ] {
            assert_eq!(parse_line(text), None, "{text}");
        }
    }
}
