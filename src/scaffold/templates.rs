//! Fills the starter files and archetypes with the details given: through
//! minijinja, with no HTML escaping, and a filter for each place a value
//! can land, so a partnership name with a quote or an asterisk stays text.
//!
//! Invariant: every value reaches a file through `toml`, `md` or `md_url`.

use minijinja::{AutoEscape, Environment, Value};

/// Renders one starter file or archetype.
pub fn render(name: &str, source: &str, values: Value) -> Result<String, String> {
    let mut environment = Environment::new();
    environment.set_auto_escape_callback(|_| AutoEscape::None);
    environment.set_keep_trailing_newline(true);
    environment.add_filter("toml", toml_string);
    environment.add_filter("md", markdown_text);
    environment.add_filter("md_url", markdown_destination);
    environment
        .template_from_named_str(name, source)
        .and_then(|template| template.render(values))
        .map_err(|error| format!("the built-in file {name} could not be filled in: {error}"))
}

/// A TOML basic string, quoted and escaped by the toml crate.
fn toml_string(value: &str) -> String {
    toml::Value::String(value.to_string()).to_string()
}

/// Text in a Markdown paragraph: the characters that start emphasis,
/// code, links, HTML or entities are backslash-escaped (CommonMark allows
/// it before any punctuation), as is whatever would make the value's start
/// a list item or heading; a line break becomes a space.
fn markdown_text(value: &str) -> String {
    let mut text = String::with_capacity(value.len() + 8);
    let digits = value.chars().take_while(char::is_ascii_digit).count();
    for (index, character) in value.chars().enumerate() {
        let starts_block = (index == 0 && matches!(character, '-' | '+' | '='))
            || (index == digits && digits > 0 && matches!(character, '.' | ')'));
        match character {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '!' | '|' | '~' | '&' => {
                text.push('\\');
                text.push(character);
            }
            _ if starts_block => {
                text.push('\\');
                text.push(character);
            }
            '\n' | '\r' => text.push(' '),
            _ => text.push(character),
        }
    }
    text
}

/// A link destination in angle brackets (`[text](<url>)`): the address is
/// checked before it gets here, and anything that could end it is
/// percent-encoded.
fn markdown_destination(value: &str) -> String {
    let mut url = String::from("<");
    for character in value.chars() {
        match character {
            '<' => url.push_str("%3C"),
            '>' => url.push_str("%3E"),
            ' ' => url.push_str("%20"),
            '\n' | '\r' => {}
            _ => url.push(character),
        }
    }
    url.push('>');
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_cannot_start_a_list_or_heading() {
        assert_eq!(markdown_text("- a"), "\\- a");
        assert_eq!(markdown_text("12. b"), "12\\. b");
        assert_eq!(markdown_text("# c"), "\\# c");
        assert_eq!(markdown_text("FILL-IN: d. e"), "FILL-IN: d. e");
    }

    #[test]
    fn values_are_escaped_for_where_they_land() {
        let name = "A \"quoted\" *partnership*\n[x](y) '''\"\"\"";
        let values = minijinja::context! { name => name };
        let text = render(
            "t",
            "title = {{ name|toml }}\n+++\n{{ name|md }}\n[a]({{ \"https://a.example/x y>\"|md_url }})\n",
            values,
        )
        .expect("renders");
        let (toml_part, markdown) = text.split_once("+++\n").expect("both parts");
        let table: toml::Table = toml::from_str(toml_part).expect("valid TOML");
        assert_eq!(
            table["title"].as_str(),
            Some(name),
            "the TOML value reads back exactly"
        );
        assert_eq!(
            markdown,
            "A \"quoted\" \\*partnership\\* \\[x\\](y) '''\"\"\"\n[a](<https://a.example/x%20y%3E>)\n"
        );
    }
}
