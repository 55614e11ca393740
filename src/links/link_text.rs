//! Link text that says nothing out of context ("here", "click here", "read
//! more", a bare web address) fails WCAG 2.4.4: a screen-reader user
//! listing a page's links hears only the text.
//!
//! Invariant: a warning, never an error; the help offers the target's title.

/// Why a link's text is unclear, if it is.
pub fn vague_link_text(text: &str, url: &str) -> Option<&'static str> {
    let words: String = text
        .trim()
        .trim_end_matches(['.', ':', '!', '…'])
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if VAGUE.contains(&words.as_str()) {
        return Some("link text that makes no sense out of context");
    }
    let looks_like_address =
        words.starts_with("http://") || words.starts_with("https://") || words.starts_with("www.");
    (looks_like_address && !url.starts_with("mailto:")).then_some("a web address as link text")
}

const VAGUE: &[&str] = &[
    "here",
    "click here",
    "click",
    "this",
    "this link",
    "link",
    "this page",
    "read more",
    "more",
    "more here",
    "find out more",
    "learn more",
    "more information",
    "more info",
    "see more",
    "go",
    "download",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_text_that_says_nothing() {
        assert!(vague_link_text("here", "@/a.md").is_some());
        assert!(vague_link_text(" Click here. ", "@/a.md").is_some());
        assert!(vague_link_text("Read more", "@/a.md").is_some());
        assert!(
            vague_link_text("https://www.nspcc.org.uk/", "https://www.nspcc.org.uk/").is_some()
        );
    }

    #[test]
    fn accepts_descriptive_text() {
        assert_eq!(vague_link_text("Safer sleeping advice", "@/a.md"), None);
        assert_eq!(
            vague_link_text("partnership@example.org", "mailto:partnership@example.org"),
            None
        );
        assert_eq!(vague_link_text("here we go again: a guide", "@/a.md"), None);
    }
}
