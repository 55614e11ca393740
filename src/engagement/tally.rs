//! The counting rules, applied to one request at a time, into a `Tally`
//! that parts of a log fill in parallel and then merge.
//!
//! Invariant: a tally holds no address, user agent or anything else a
//! person could be known by: a visitor is a number made by hashing
//! (address, user agent) with a key that lives only in this process.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{BuildHasher, RandomState};

use super::addresses::{AddressBook, Counted, is_page_address};
use super::log_line::LogLine;
use crate::content::engagement::Uses;
use crate::content::{Date, PageId};
use crate::links::redirects::RedirectPurpose;

/// A month, `(year, month)`.
pub type Month = (i32, u8);

/// Which count a request adds to.
#[derive(Clone, Copy)]
enum Use {
    View,
    Download,
    Play,
    QrScan,
    ShortLink,
    Outbound,
}

/// Distinct visitor-days: 4,096 registers once past exact counting.
type Visitors = cardinality_estimator::CardinalityEstimator<u64>;

/// (file, day, visitor) in one number: 20 bits of file number, 16 of day
/// (days since 1970, good to 2149), 28 of the visitor's hash. Two readers
/// of one file on one day share a number about once in 268 million pairs.
fn packed(thing: u64, day: Date, visitor: u64) -> u64 {
    let day = u64::try_from(day.unix_days()).unwrap_or_default() & 0xFFFF;
    ((thing & 0xF_FFFF) << 44) | (day << 28) | (visitor & 0x0FFF_FFFF)
}

fn day_of(key: u64) -> Date {
    Date::from_unix_days(((key >> 28) & 0xFFFF) as i64)
}

#[derive(Default)]
pub struct Tally {
    pub lines: u64,
    pub unparsed: u64,
    /// The first lines that could not be read: (log number, line number).
    pub unparsed_at: Vec<(usize, u64)>,
    pub bots_excluded: u64,
    pub first_day: Option<Date>,
    pub last_day: Option<Date>,
    pub by_page: HashMap<PageId, BTreeMap<Month, Uses>>,
    /// Each page's visitors, once per day: distinct (day, visitor) hashes,
    /// counted exactly while few and by HyperLogLog++ beyond (about 1.6%
    /// off), so memory stays the same however long the log.
    visitors: HashMap<PageId, Visitors>,
    /// The site's visitors, once per day.
    site_visitors: Visitors,
    /// (file, day, visitor), `packed`: a document read whole, and one
    /// asked for in parts (HTTP 206), which is one use however many parts.
    whole_files: HashSet<u64>,
    /// The page, the use and the visitor of each part-read file.
    ranges: HashMap<u64, (PageId, Use, u64)>,
    pub other_page_views: u64,
    pub old_addresses: HashMap<String, u64>,
    pub not_found: HashMap<String, u64>,
}

/// How many unreadable lines are named in the report.
pub const UNPARSED_SHOWN: usize = 5;

/// What the counting needs besides the line: the address book, the bot
/// list, the visitor key and the days asked about.
pub struct Counter<'a> {
    pub book: &'a AddressBook<'a>,
    pub bots: &'a isbot::Bots,
    pub visitor_key: &'a RandomState,
    pub since: Option<Date>,
    pub until: Option<Date>,
}

impl Tally {
    pub fn unreadable(&mut self, log: usize, line: u64) {
        self.lines += 1;
        self.unparsed += 1;
        if self.unparsed_at.len() < UNPARSED_SHOWN {
            self.unparsed_at.push((log, line));
        }
    }

    /// Applies the counting rules (README, "What is counted") to one line.
    pub fn count(&mut self, line: &LogLine<'_>, counter: &Counter<'_>, is_bot: bool) {
        self.lines += 1;
        let in_period = counter.since.is_none_or(|since| line.day >= since)
            && counter.until.is_none_or(|until| line.day <= until);
        if !in_period {
            return;
        }
        if is_bot {
            self.bots_excluded += 1;
            return;
        }
        if line.method != "GET" {
            return;
        }
        self.first_day = Some(self.first_day.map_or(line.day, |day| day.min(line.day)));
        self.last_day = Some(self.last_day.map_or(line.day, |day| day.max(line.day)));
        // A visitor is someone on a day: the day is hashed in with them.
        let visitor = counter.visitor_key.hash_one((
            line.client.as_ref(),
            line.user_agent.as_ref(),
            line.day,
        ));
        // The path as the site serves it, worked out once per line.
        let path = counter.book.site_path(&line.target);
        let found = counter.book.counted(&path);
        match line.status {
            200 | 206 | 304 => self.count_served(line, (&path, found), visitor, counter),
            301 | 302 | 307 | 308 => {
                // A host serving `_redirects` answers the build's redirect
                // addresses itself: those hits count; other redirects not.
                if let Some(Counted::Redirected(at)) = found {
                    self.count_redirect(at, line.day, visitor, counter);
                }
            }
            404 => *self.not_found.entry(path.into_owned()).or_default() += 1,
            _ => {}
        }
    }

    fn count_served(
        &mut self,
        line: &LogLine<'_>,
        (path, found): (&str, Option<Counted>),
        visitor: u64,
        counter: &Counter<'_>,
    ) {
        match found {
            Some(Counted::View(page)) => self.add(page, line.day, visitor, Use::View),
            Some(Counted::Download { page, file }) => {
                self.count_file(page, file, line, visitor, Use::Download);
            }
            Some(Counted::VideoFile { page, file }) => {
                self.count_file(page, file, line, visitor, Use::Play);
            }
            Some(Counted::Redirected(at)) => self.count_redirect(at, line.day, visitor, counter),
            None => {
                if is_page_address(path) {
                    self.other_page_views += 1;
                    self.site_visitors.insert_hash(visitor);
                }
            }
        }
    }

    /// A whole file (200, 304) is one use each time; its parts (206) are
    /// one use per visitor per day, unless that visitor also had it whole.
    fn count_file(&mut self, page: PageId, file: u32, line: &LogLine<'_>, visitor: u64, kind: Use) {
        let key = packed(u64::from(file), line.day, visitor);
        if line.status == 206 {
            self.ranges.insert(key, (page, kind, visitor));
            return;
        }
        self.whole_files.insert(key);
        self.add(page, line.day, visitor, kind);
    }

    fn count_redirect(&mut self, at: usize, day: Date, visitor: u64, counter: &Counter<'_>) {
        let Some((purpose, page, from)) = counter.book.purpose(at) else {
            return;
        };
        let kind = match purpose {
            RedirectPurpose::ShortLink => Use::ShortLink,
            RedirectPurpose::QrCode => Use::QrScan,
            RedirectPurpose::Outbound => Use::Outbound,
            RedirectPurpose::Play => Use::Play,
            RedirectPurpose::Alias | RedirectPurpose::Configured => {
                *self.old_addresses.entry(from.to_string()).or_default() += 1;
                return;
            }
        };
        if let Some(page) = page {
            self.add(page, day, visitor, kind);
        }
    }

    fn add(&mut self, page: PageId, day: Date, visitor: u64, kind: Use) {
        let uses = self
            .by_page
            .entry(page)
            .or_default()
            .entry((day.year, day.month))
            .or_default();
        match kind {
            Use::View => uses.views += 1,
            Use::Download => uses.downloads += 1,
            Use::Play => uses.plays += 1,
            Use::QrScan => uses.qr_scans += 1,
            Use::ShortLink => uses.short_link_visits += 1,
            Use::Outbound => uses.outbound += 1,
        }
        self.visitors.entry(page).or_default().insert_hash(visitor);
        self.site_visitors.insert_hash(visitor);
    }

    /// Adds another part's counts to this one.
    pub fn merge(mut self, other: Tally) -> Tally {
        self.lines += other.lines;
        self.unparsed += other.unparsed;
        self.unparsed_at.extend(other.unparsed_at);
        self.unparsed_at.sort_unstable();
        self.unparsed_at.truncate(UNPARSED_SHOWN);
        self.bots_excluded += other.bots_excluded;
        self.first_day = self.first_day.into_iter().chain(other.first_day).min();
        self.last_day = self.last_day.into_iter().chain(other.last_day).max();
        for (page, months) in other.by_page {
            let mine = self.by_page.entry(page).or_default();
            for (month, uses) in months {
                mine.entry(month).or_default().add(&uses);
            }
        }
        for (page, visitors) in other.visitors {
            self.visitors.entry(page).or_default().merge(&visitors);
        }
        self.site_visitors.merge(&other.site_visitors);
        self.whole_files.extend(other.whole_files);
        self.ranges.extend(other.ranges);
        self.other_page_views += other.other_page_views;
        for (path, hits) in other.old_addresses {
            *self.old_addresses.entry(path).or_default() += hits;
        }
        for (path, hits) in other.not_found {
            *self.not_found.entry(path).or_default() += hits;
        }
        self
    }

    /// Counts the files read in parts, once every part is in: one use per
    /// visitor, file and day that was not also read whole.
    pub fn finish(mut self) -> Finished {
        let ranges = std::mem::take(&mut self.ranges);
        for (key, (page, kind, visitor)) in ranges {
            if !self.whole_files.contains(&key) {
                self.add(page, day_of(key), visitor, kind);
            }
        }
        let visitors = self
            .visitors
            .iter()
            .map(|(page, seen)| (*page, seen.estimate() as u64))
            .collect();
        Finished {
            site_visitors: self.site_visitors.estimate() as u64,
            visitors,
            tally: self,
        }
    }
}

/// A tally with its ranges counted and its visitors counted per page.
pub struct Finished {
    pub tally: Tally,
    /// Visitors per page: each visitor once per day, summed over days.
    pub visitors: HashMap<PageId, u64>,
    pub site_visitors: u64,
}
