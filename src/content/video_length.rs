//! How long a video is, as an editor writes it (`duration = "4:05"` or
//! `"1:02:30"`), parsed once at load; the pages, their metadata and the
//! open data each ask it for the form they show.
//!
//! Invariant: seconds, and minutes after hours, are two digits under 60;
//! the written form is the numbers as read, so "4:05" is written back as
//! "4:05".

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VideoLength {
    /// `None` when only minutes and seconds are written.
    hours: Option<u64>,
    minutes: u64,
    seconds: u64,
}

impl VideoLength {
    /// Reads "minutes:seconds" or "hours:minutes:seconds".
    pub fn parse(text: &str) -> Option<VideoLength> {
        let parts: Vec<&str> = text.split(':').collect();
        match parts.as_slice() {
            [minutes, seconds] => Some(VideoLength {
                hours: None,
                minutes: number(minutes)?,
                seconds: under_60(seconds)?,
            }),
            [hours, minutes, seconds] => Some(VideoLength {
                hours: Some(number(hours)?),
                minutes: under_60(minutes)?,
                seconds: under_60(seconds)?,
            }),
            _ => None,
        }
    }

    /// The hours (zero when only minutes and seconds are written), minutes
    /// and seconds, for saying the length in words.
    pub fn parts(&self) -> (u64, u64, u64) {
        (self.hours.unwrap_or(0), self.minutes, self.seconds)
    }

    /// `PT4M5S` for "4:05" (ISO 8601), for `<meta itemprop="duration">`
    /// and machine use.
    pub fn iso_8601(&self) -> String {
        let Self {
            minutes, seconds, ..
        } = self;
        match self.hours {
            Some(hours) => format!("PT{hours}H{minutes}M{seconds}S"),
            None => format!("PT{minutes}M{seconds}S"),
        }
    }
}

/// The written form: "4:05", "1:02:30".
impl fmt::Display for VideoLength {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.hours {
            Some(hours) => write!(formatter, "{hours}:{:02}:{:02}", self.minutes, self.seconds),
            None => write!(formatter, "{}:{:02}", self.minutes, self.seconds),
        }
    }
}

fn number(text: &str) -> Option<u64> {
    if text.is_empty() || !text.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn under_60(text: &str) -> Option<u64> {
    if text.len() != 2 {
        return None;
    }
    number(text).filter(|value| *value < 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_are_read_as_written() {
        assert!(VideoLength::parse("4:05").is_some());
        assert!(VideoLength::parse("1:02:30").is_some());
        assert!(VideoLength::parse("4:5").is_none());
        assert!(VideoLength::parse("4:65").is_none());
        assert!(VideoLength::parse("four").is_none());
        assert!(VideoLength::parse("1:2:30").is_none());
        assert!(VideoLength::parse("+4:05").is_none());
    }

    #[test]
    fn lengths_are_spoken_iso_and_written() {
        let length = |text| VideoLength::parse(text).expect("a length");
        assert_eq!(length("4:05").parts(), (0, 4, 5));
        assert_eq!(length("1:00:01").parts(), (1, 0, 1));
        assert_eq!(length("4:05").iso_8601(), "PT4M5S");
        assert_eq!(length("1:02:30").iso_8601(), "PT1H2M30S");
        assert_eq!(length("4:05").to_string(), "4:05");
        assert_eq!(length("1:02:30").to_string(), "1:02:30");
    }
}
