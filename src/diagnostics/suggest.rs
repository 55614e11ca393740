//! "Did you mean": the one nearest real candidate, or none.

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
    best.filter(|(score, _)| *score >= 0.75)
        .map(|(_, candidate)| candidate)
}

/// "did you mean 'x'?" for the nearest candidate.
pub fn did_you_mean<'a, I>(wanted: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    nearest(wanted, candidates).map(|candidate| format!("did you mean '{candidate}'?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_key() {
        assert_eq!(
            nearest("summry", ["title", "summary", "date"]),
            Some("summary")
        );
    }

    #[test]
    fn suggests_containing_path() {
        let pages = ["@/priorities/safeguarding-babies.md", "@/news/_index.md"];
        assert_eq!(
            nearest("@/priorities/babies.md", pages),
            Some("@/priorities/safeguarding-babies.md")
        );
    }

    #[test]
    fn offers_nothing_when_far() {
        assert_eq!(nearest("zzzz", ["title", "summary"]), None);
    }
}
