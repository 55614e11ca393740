//! Stable, readable heading ids: `## Safer sleeping: the tool` →
//! `safer-sleeping-the-tool`, de-duplicated in document order.

use std::collections::{HashMap, HashSet};

/// The id for a heading's plain text: lower-cased, each run of characters
/// that are not letters or digits turned into one `-`, trimmed, or
/// `section` if nothing is left.
pub fn heading_id(text: &str) -> String {
    let mut id = String::with_capacity(text.len());
    let mut pending_dash = false;
    for character in text.chars() {
        if character.is_alphanumeric() {
            if pending_dash && !id.is_empty() {
                id.push('-');
            }
            pending_dash = false;
            id.extend(character.to_lowercase());
        } else {
            pending_dash = true;
        }
    }
    if id.is_empty() {
        "section".to_string()
    } else {
        id
    }
}

/// Hands out ids, adding `-1`, `-2`, … to one already used on the page.
#[derive(Debug, Default)]
pub struct HeadingIds {
    used: HashSet<String>,
    /// For each base id, the last number handed out: the next search
    /// starts there, so thousands of identical headings cost linear time.
    last_number: HashMap<String, usize>,
}

impl HeadingIds {
    pub fn unique(&mut self, text: &str) -> String {
        let base = heading_id(text);
        let mut candidate = base.clone();
        let mut counter = self.last_number.get(&base).copied().unwrap_or(0);
        while self.used.contains(&candidate) {
            counter += 1;
            candidate = format!("{base}-{counter}");
        }
        self.last_number.insert(base, counter);
        self.used.insert(candidate.clone());
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_the_design_rule() {
        assert_eq!(
            heading_id("Safer sleeping: the tool"),
            "safer-sleeping-the-tool"
        );
        assert_eq!(heading_id("  What we did (2024)  "), "what-we-did-2024");
        assert_eq!(heading_id("Café & crèche"), "café-crèche");
        assert_eq!(heading_id("!!!"), "section");
        assert_eq!(heading_id("7-minute briefing"), "7-minute-briefing");
    }

    #[test]
    fn repeated_headings_are_numbered() {
        let mut ids = HeadingIds::default();
        assert_eq!(ids.unique("Next steps"), "next-steps");
        assert_eq!(ids.unique("Next steps"), "next-steps-1");
        assert_eq!(ids.unique("Next steps"), "next-steps-2");
        assert_eq!(ids.unique("Next steps 1"), "next-steps-1-1");
        assert_eq!(ids.unique("Next steps"), "next-steps-3");
    }
}
