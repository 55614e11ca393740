//! `reportsite engagement`: what the site's own access logs say was used,
//! per page and per priority, audience, topic, format and language, with
//! cost per use: no cookie, no tracker, nobody followed.
//!
//! Flow: `AddressBook` (what each address of the site is) → each log read
//! in blocks of whole lines, the blocks counted in parallel (`Tally`, the
//! counting rules) and merged → `report::Report`.
//!
//! Invariant: memory does not grow with the size of a log (blocks are read
//! as they are counted); nothing that could identify a person (address,
//! user agent, or their hash) leaves this module.

pub mod addresses;
pub mod log_line;
pub mod report;
pub mod tally;

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::iter::{ParallelBridge, ParallelIterator};

use crate::content::{Date, Site};
use crate::links::redirects::Redirect;
use addresses::AddressBook;
use tally::{Counter, Tally};

/// What to count.
pub struct EngagementOptions {
    pub logs: Vec<PathBuf>,
    pub since: Option<Date>,
    pub until: Option<Date>,
    /// A bot pattern list to use instead of the built-in one (one regular
    /// expression per line, as isbot's list is written).
    pub bots: Option<String>,
}

/// A log that could not be read.
#[derive(Debug)]
pub struct LogError {
    pub path: PathBuf,
    pub message: String,
}

impl std::fmt::Display for LogError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "{}: {}", self.path.display(), self.message)
    }
}

/// Reads every log and counts what it says about the site.
pub fn count(
    site: &Site,
    redirects: &[Redirect],
    options: &EngagementOptions,
) -> Result<report::Report, LogError> {
    let book = AddressBook::new(site, redirects);
    let bots = match &options.bots {
        Some(list) => isbot::Bots::new(list),
        None => isbot::Bots::default(),
    };
    let visitor_key = std::hash::RandomState::new();
    let counter = Counter {
        book: &book,
        bots: &bots,
        visitor_key: &visitor_key,
        since: options.since,
        until: options.until,
    };
    let mut total = Tally::default();
    for (number, path) in options.logs.iter().enumerate() {
        total = total.merge(count_log(path, number, &counter)?);
    }
    Ok(report::Report::new(site, &book, options, total.finish()))
}

/// How much of a log is counted at once: whole lines, about this many bytes.
const BLOCK: usize = 4 * 1024 * 1024;

fn count_log(path: &Path, number: usize, counter: &Counter<'_>) -> Result<Tally, LogError> {
    let failed = |message: String| LogError {
        path: path.to_path_buf(),
        message,
    };
    let file = std::fs::File::open(path).map_err(|error| failed(error.to_string()))?;
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let gzip = reader
        .fill_buf()
        .map_err(|error| failed(error.to_string()))?
        .starts_with(&[0x1f, 0x8b]);
    let reader: Box<dyn BufRead + Send> = match gzip {
        true => Box::new(BufReader::with_capacity(
            1 << 20,
            flate2::read::MultiGzDecoder::new(reader),
        )),
        false => Box::new(reader),
    };
    let error = Mutex::new(None);
    let blocks = Blocks {
        reader,
        next_line: 1,
        error: &error,
    };
    let tally = blocks
        .par_bridge()
        .map(|block| count_block(&block, number, counter))
        .reduce(Tally::default, Tally::merge);
    match error.into_inner().ok().flatten() {
        Some(message) => Err(failed(message)),
        None => Ok(tally),
    }
}

/// Whole lines of a log, and the number of the first.
struct Block {
    first_line: u64,
    bytes: Vec<u8>,
}

struct Blocks<'a> {
    reader: Box<dyn BufRead + Send>,
    next_line: u64,
    error: &'a Mutex<Option<String>>,
}

impl Iterator for Blocks<'_> {
    type Item = Block;

    fn next(&mut self) -> Option<Block> {
        let mut bytes = Vec::with_capacity(BLOCK + 4096);
        let read = (&mut self.reader)
            .take(BLOCK as u64)
            .read_to_end(&mut bytes)
            .and_then(|_| {
                // Finish the last line, so no line is split between blocks.
                match bytes.last() {
                    Some(b'\n') | None => Ok(0),
                    Some(_) => self.reader.read_until(b'\n', &mut bytes),
                }
            });
        if let Err(error) = read {
            if let Ok(mut slot) = self.error.lock() {
                *slot = Some(error.to_string());
            }
            return None;
        }
        if bytes.is_empty() {
            return None;
        }
        let first_line = self.next_line;
        self.next_line += bytes.iter().filter(|byte| **byte == b'\n').count() as u64;
        Some(Block { first_line, bytes })
    }
}

fn count_block(block: &Block, number: usize, counter: &Counter<'_>) -> Tally {
    let mut tally = Tally::default();
    // User agents repeat: each is checked against the bot list once.
    let mut bot_agents: std::collections::HashMap<&str, bool> = std::collections::HashMap::new();
    let text = String::from_utf8_lossy(&block.bytes);
    for (at, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let Some(parsed) = log_line::parse_line(line) else {
            tally.unreadable(number, block.first_line + at as u64);
            continue;
        };
        let agent = parsed.user_agent.as_ref();
        let is_bot = match bot_agents.get(agent) {
            Some(known) => *known,
            None => {
                let found = counter.bots.is_bot(agent);
                if let std::borrow::Cow::Borrowed(agent) = &parsed.user_agent {
                    bot_agents.insert(agent, found);
                }
                found
            }
        };
        tally.count(&parsed, counter, is_bot);
    }
    tally
}
