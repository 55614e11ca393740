//! Shape checks for `mailto:` and `tel:` links: they cannot be fetched, but
//! a typo in them can still be caught.

/// `None` when the link is well-formed, else what is wrong with it.
pub fn mail_or_phone_problem(url: &str) -> Option<String> {
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("mailto:") {
        let addresses = url["mailto:".len()..].split('?').next().unwrap_or_default();
        let bad = addresses.is_empty()
            || addresses
                .split(',')
                .any(|address| !is_email(address.trim()));
        return bad.then(|| format!("'{url}' is not an email address"));
    }
    if lower.starts_with("tel:") {
        let number = &url["tel:".len()..];
        let allowed = number
            .chars()
            .all(|c| c.is_ascii_digit() || " +-().".contains(c));
        let digits = number.chars().filter(char::is_ascii_digit).count();
        return (!allowed || digits < 3).then(|| format!("'{url}' is not a phone number"));
    }
    None
}

fn is_email(address: &str) -> bool {
    let decoded = address.replace("%40", "@");
    match decoded.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !decoded.contains(char::is_whitespace)
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_good_mail_and_phone_links() {
        assert_eq!(
            mail_or_phone_problem("mailto:partnership@example.org"),
            None
        );
        assert_eq!(
            mail_or_phone_problem("mailto:a@example.org?subject=Hello"),
            None
        );
        assert_eq!(mail_or_phone_problem("tel:01160000000"), None);
        assert_eq!(mail_or_phone_problem("tel:+44 116 000 0000"), None);
        assert_eq!(mail_or_phone_problem("https://example.org"), None);
    }

    #[test]
    fn rejects_malformed_ones() {
        assert!(mail_or_phone_problem("mailto:partnership.example.org").is_some());
        assert!(mail_or_phone_problem("mailto:").is_some());
        assert!(mail_or_phone_problem("mailto:a@example").is_some());
        assert!(mail_or_phone_problem("tel:call us").is_some());
    }
}
