//! A saved engagement report (`reportsite engagement --save` writes it
//! under `data/engagement/`; the build reads it for the editors' page):
//! counts and the site's own names only, never anything about a person.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The uses of one page in one month (or in all).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Uses {
    pub views: u64,
    pub downloads: u64,
    pub plays: u64,
    pub qr_scans: u64,
    pub short_link_visits: u64,
    pub outbound: u64,
}

impl Uses {
    pub fn add(&mut self, other: &Uses) {
        self.views += other.views;
        self.downloads += other.downloads;
        self.plays += other.plays;
        self.qr_scans += other.qr_scans;
        self.short_link_visits += other.short_link_visits;
        self.outbound += other.outbound;
    }

    /// Views, downloads and plays: what cost per use divides by.
    pub fn uses(&self) -> u64 {
        self.views + self.downloads + self.plays
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EngagementReport {
    /// Marks a file `engagement --save` wrote (and may replace).
    #[serde(default)]
    pub written_by: String,
    pub period: Period,
    pub items: Vec<Item>,
    pub priorities: Vec<Group>,
    pub audiences: Vec<Group>,
    pub topics: Vec<Group>,
    pub formats: Vec<Group>,
    pub languages: Vec<Group>,
    pub old_addresses: Vec<OldAddress>,
    pub not_found: Vec<NotFound>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Period {
    /// The first and last day counted (the days asked for, or those seen).
    pub start: Option<String>,
    pub end: Option<String>,
    pub lines: u64,
    pub unparsed: u64,
    /// The first lines that could not be read, as `log:line`.
    pub unparsed_at: Vec<String>,
    pub bots_excluded: u64,
    /// Visitors to the site: each once per day, summed over the days.
    pub visitors: u64,
    /// Views of pages no content file makes (listings, filter pages).
    pub other_page_views: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Item {
    /// The content file, from the site's folder.
    pub path: String,
    pub url: String,
    pub kind: String,
    /// The page's language (a translation's own, else the site's).
    #[serde(default)]
    pub language: String,
    pub title: String,
    #[serde(flatten)]
    pub uses: Uses,
    /// Each visitor once per day, summed over the days.
    pub visitors: u64,
    pub cost: Option<u32>,
    /// What the cost covers, as the page says.
    #[serde(default)]
    pub cost_note: Option<String>,
    pub cost_per_use: Option<f64>,
    pub by_month: BTreeMap<String, Uses>,
}

/// The items of one priority, audience, topic, format or language.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Group {
    pub slug: String,
    pub label: String,
    pub items: usize,
    #[serde(flatten)]
    pub uses: Uses,
    /// What the items that give a cost cost, and per use of those items.
    pub cost: Option<u64>,
    pub cost_per_use: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OldAddress {
    pub path: String,
    pub hits: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NotFound {
    pub path: String,
    pub hits: u64,
    /// The `[redirects]` line to add, when a page of the site is near.
    pub suggestion: Option<String>,
}

impl EngagementReport {
    /// Every item's uses added up.
    pub fn totals(&self) -> Uses {
        let mut total = Uses::default();
        for item in &self.items {
            total.add(&item.uses);
        }
        total
    }
}
