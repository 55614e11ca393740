//! Whether a written `https://` or `http://` address is one a browser will
//! open as written. The `url` crate parses it; spaces and control
//! characters are refused before parsing, because the parser silently
//! drops tabs and line breaks (and a line break in `_redirects` would add
//! a rule of the editor's choosing).
//!
//! Invariant: no I/O; used by every place that accepts a web address
//! (`base_url`, `site.toml` links, front matter `url`, Markdown links,
//! `--base-url`), so they all accept the same addresses.

/// `None` when `address` is a whole `http(s)://` address with a host, else
/// what is wrong with it, in a phrase that follows the address.
pub fn web_address_problem(address: &str) -> Option<String> {
    let lower = address.get(..8).unwrap_or(address).to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return Some("does not start with https:// or http://".to_string());
    }
    if address.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some("has a space or a line break in it (write a space as %20)".to_string());
    }
    let after_slashes = address.split_once("://").map_or("", |(_, rest)| rest);
    if after_slashes.starts_with('/') || after_slashes.is_empty() {
        // The URL standard reads https:///x as https://x/: a typo.
        return Some("has no host name after the //".to_string());
    }
    match url::Url::parse(address) {
        Ok(parsed) if parsed.host_str().is_some_and(|host| !host.is_empty()) => None,
        Ok(_) => Some("has no host name after the //".to_string()),
        Err(error) => Some(format!("is not a valid web address ({error})")),
    }
}

/// The origin and folder of a site (`base_url`): a web address with no
/// `?query` or `#fragment`.
pub fn base_url_problem(address: &str) -> Option<String> {
    if let Some(problem) = web_address_problem(address) {
        return Some(problem);
    }
    address
        .contains(['?', '#'])
        .then(|| "has a ? or # part, which a site's address cannot have".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_web_addresses_pass() {
        for good in [
            "https://example.org",
            "https://example.org/a/b?c=d#e",
            "http://127.0.0.1:8080/x",
            "HTTPS://Example.org/",
        ] {
            assert_eq!(web_address_problem(good), None, "{good}");
        }
    }

    #[test]
    fn everything_else_is_refused() {
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "//evil.example/x",
            "ftp://example.org",
            "https://",
            "https:///path",
            "https://exa mple.org",
            "https://example.org/x\n/admin https://evil.example 301",
            "https://example.org/\tx",
            "https://[::1",
            "",
        ] {
            assert!(web_address_problem(bad).is_some(), "{bad:?}");
        }
        assert!(base_url_problem("https://example.org/?x").is_some());
        assert_eq!(base_url_problem("https://example.org/lrscp/"), None);
    }
}
