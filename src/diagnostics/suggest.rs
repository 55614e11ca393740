//! "Did you mean": the one nearest real candidate, or none.
//!
//! Invariant: at most one suggestion, always a real candidate; for content
//! paths (`nearest_page`), a page whose name shares the typed name beats one
//! that is merely a few letters away, and a section index (`_index.md`) is
//! offered for a page link only when no page will do.

use std::cmp::Ordering;

/// The candidate most like `wanted`, if any is close enough to be a likely
/// typo. Compares with Jaro-Winkler, which favours shared prefixes, and also
/// accepts a candidate that contains `wanted` whole (`babies` in
/// `safeguarding-babies`).
pub fn nearest<'a, I>(wanted: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let wanted_lower = wanted.to_lowercase();
    let mut best: Option<(f64, &'a str)> = None;
    for candidate in candidates {
        let candidate_lower = candidate.to_lowercase();
        let mut score = strsim::jaro_winkler(&wanted_lower, &candidate_lower);
        if !wanted_lower.is_empty() && candidate_lower.contains(&wanted_lower) {
            score = score.max(0.9);
        }
        if best.is_none_or(|(best_score, _)| score > best_score) {
            best = Some((score, candidate));
        }
    }
    best.filter(|(score, _)| *score >= CLOSE_ENOUGH)
        .map(|(_, candidate)| candidate)
}

/// "did you mean 'x'?" for the nearest candidate.
pub fn did_you_mean<'a, I>(wanted: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    nearest(wanted, candidates).map(|candidate| format!("did you mean '{candidate}'?"))
}

/// The content file most likely meant by the missing `wanted`
/// (`@/priorities/babies.md`, or a path without `@/`). Candidates are ranked
/// by how their names relate, before any letter-by-letter closeness: a name
/// that contains the typed one or is contained in it (`safeguarding-babies`
/// for `babies`), then one sharing a nearly equal word, then a close path.
/// A shared folder prefix makes every path in a folder look close, which is
/// why closeness comes last.
pub fn nearest_page<'a, I>(wanted: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let wanted_path = ContentName::of(wanted);
    candidates
        .into_iter()
        .filter_map(|candidate| Some((page_rank(&wanted_path, candidate)?, candidate)))
        .max_by(|(a, _), (b, _)| a.compare(b))
        .map(|(_, candidate)| candidate)
}

/// "did you mean 'x'?" for the nearest content file.
pub fn did_you_mean_page<'a, I>(wanted: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    nearest_page(wanted, candidates).map(|candidate| format!("did you mean '{candidate}'?"))
}

/// Jaro-Winkler similarity from which two strings count as a likely typo.
const CLOSE_ENOUGH: f64 = 0.75;
/// Jaro-Winkler similarity from which two words count as one misspelt
/// (`babys` and `babies`).
const SAME_WORD: f64 = 0.88;
/// Names shorter than this are too common inside other names to mean much.
const SHORTEST_SHARED_NAME: usize = 3;

/// How well a candidate content file fits the typed path; larger is better.
struct PageRank {
    /// 2: the names contain one another; 1: they share a nearly equal word;
    /// 0: only the paths are close.
    name_match: u8,
    /// False for a section index offered for a page link.
    right_kind: bool,
    same_folder: bool,
    closeness: f64,
}

impl PageRank {
    fn compare(&self, other: &Self) -> Ordering {
        (self.name_match, self.right_kind, self.same_folder)
            .cmp(&(other.name_match, other.right_kind, other.same_folder))
            .then(self.closeness.total_cmp(&other.closeness))
    }
}

/// `None` when the candidate is not worth offering at all.
fn page_rank(wanted: &ContentName, candidate: &str) -> Option<PageRank> {
    let found = ContentName::of(candidate);
    let name_match = if names_contain_one_another(&wanted.name, &found.name) {
        2
    } else if share_a_word(&wanted.name, &found.name) {
        1
    } else {
        0
    };
    let closeness = strsim::jaro_winkler(&wanted.whole, &found.whole);
    if name_match == 0 && closeness < CLOSE_ENOUGH {
        return None;
    }
    Some(PageRank {
        name_match,
        right_kind: wanted.is_section || !found.is_section,
        same_folder: wanted.folder == found.folder,
        closeness,
    })
}

/// A content path taken apart: `@/resources/icon-leaflet/index.md` is named
/// `icon-leaflet` in `resources`; `@/priorities/_index.md` is the section
/// `priorities` (at the top level).
struct ContentName {
    whole: String,
    folder: String,
    name: String,
    is_section: bool,
}

impl ContentName {
    fn of(path: &str) -> Self {
        let whole = path.trim_start_matches("@/").to_lowercase();
        let without_extension = whole.strip_suffix(".md").unwrap_or(&whole);
        let (folder, stem) = without_extension
            .rsplit_once('/')
            .unwrap_or(("", without_extension));
        let is_section = stem == "_index";
        // A section or a page bundle is named after its folder.
        let (folder, name) = if is_section || stem == "index" {
            folder.rsplit_once('/').unwrap_or(("", folder))
        } else {
            (folder, stem)
        };
        Self {
            folder: folder.to_string(),
            name: name.to_string(),
            is_section,
            whole: without_extension.to_string(),
        }
    }
}

fn names_contain_one_another(wanted: &str, found: &str) -> bool {
    let shorter = wanted.len().min(found.len());
    shorter >= SHORTEST_SHARED_NAME && (found.contains(wanted) || wanted.contains(found))
}

fn share_a_word(wanted: &str, found: &str) -> bool {
    let words = |name: &str| -> Vec<String> {
        name.split(['-', '_'])
            .filter(|word| word.len() >= SHORTEST_SHARED_NAME)
            .map(str::to_string)
            .collect()
    };
    let found_words = words(found);
    words(wanted).iter().any(|typed| {
        found_words
            .iter()
            .any(|word| strsim::jaro_winkler(typed, word) >= SAME_WORD)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The demo's priority pages and their section, as in DESIGN.md.
    const PRIORITIES: [&str; 5] = [
        "@/priorities/_index.md",
        "@/priorities/diverse-backgrounds.md",
        "@/priorities/keeping-adolescents-safe.md",
        "@/priorities/safeguarding-babies.md",
        "@/news/_index.md",
    ];

    #[test]
    fn suggests_close_key() {
        assert_eq!(
            nearest("summry", ["title", "summary", "date"]),
            Some("summary")
        );
    }

    #[test]
    fn offers_nothing_when_far() {
        assert_eq!(nearest("zzzz", ["title", "summary"]), None);
        assert_eq!(nearest_page("@/zzzz/qqqq.md", PRIORITIES), None);
    }

    #[test]
    fn a_page_whose_name_contains_the_typed_name_beats_the_section_index() {
        // The example in DESIGN.md: the section index shares more letters
        // in place, but the page is the one meant.
        assert_eq!(
            nearest_page("@/priorities/babies.md", PRIORITIES),
            Some("@/priorities/safeguarding-babies.md")
        );
        assert_eq!(
            nearest_page("@/priorities/babies.md", PRIORITIES.iter().rev().copied()),
            Some("@/priorities/safeguarding-babies.md"),
            "the order of the candidates does not matter"
        );
    }

    #[test]
    fn a_page_whose_name_is_inside_the_typed_name_is_offered() {
        assert_eq!(
            nearest_page("@/priorities/safeguarding-babies-icon.md", PRIORITIES),
            Some("@/priorities/safeguarding-babies.md")
        );
    }

    #[test]
    fn a_misspelt_word_finds_its_page() {
        assert_eq!(
            nearest_page("@/priorities/babys.md", PRIORITIES),
            Some("@/priorities/safeguarding-babies.md")
        );
    }

    #[test]
    fn a_section_index_is_offered_for_a_page_link_only_when_no_page_is_as_close() {
        let pages = [
            "@/priorities/_index.md",
            "@/priorities/safeguarding-babies.md",
        ];
        assert_eq!(
            nearest_page("@/priorities/teenagers.md", pages),
            Some("@/priorities/safeguarding-babies.md")
        );
        assert_eq!(
            nearest_page("@/priorities/teenagers.md", ["@/priorities/_index.md"]),
            Some("@/priorities/_index.md")
        );
    }

    #[test]
    fn a_section_link_finds_its_section() {
        let pages = ["@/resources/_index.md", "@/resources/icon-leaflet/index.md"];
        assert_eq!(
            nearest_page("@/resource/_index.md", pages),
            Some("@/resources/_index.md")
        );
    }

    #[test]
    fn a_page_bundle_is_named_after_its_folder() {
        let pages = ["@/resources/_index.md", "@/resources/icon-leaflet/index.md"];
        assert_eq!(
            nearest_page("@/resources/icon.md", pages),
            Some("@/resources/icon-leaflet/index.md")
        );
    }

    #[test]
    fn paths_without_the_content_prefix_are_ranked_the_same() {
        let pages = [
            "reports/2024-25/_index.md",
            "reports/2024-25/governance-and-scrutiny.md",
        ];
        assert_eq!(
            nearest_page("reports/2024-25/governance.md", pages),
            Some("reports/2024-25/governance-and-scrutiny.md")
        );
    }
}
