//! Charts as inline SVG, drawn at build time: no script, no colour-only
//! meaning (every bar is labelled with its name and amount in text, and
//! spending is hatched as well as coloured), and a text alternative.
//!
//! Invariant: the numbers in a chart are the numbers in the table beside it.

use crate::content::Finances;
use crate::content::finances::format_pounds;
use crate::escape;
use crate::interface_strings::InterfaceStrings;

const WIDTH: i64 = 640;
const LABEL_WIDTH: i64 = 110;
const VALUE_WIDTH: i64 = 110;
const BAR_HEIGHT: i64 = 36;
const GAP: i64 = 16;

/// The words on a finances chart, in the page's language.
pub struct FinanceWords {
    pub income: String,
    pub spending: String,
    /// The text alternative: both totals, compared or not.
    pub description: String,
}

impl FinanceWords {
    /// The chart's words for `finances` in `language`.
    pub fn new(strings: &InterfaceStrings, language: &str, finances: &Finances) -> Self {
        let key = match finances.comparable {
            true => "chart_compared",
            false => "chart_not_compared",
        };
        let totals = [
            ("income", format_pounds(finances.total_income)),
            ("spending", format_pounds(finances.total_expenditure)),
        ];
        let values: Vec<(&str, &str)> = totals.iter().map(|(k, v)| (*k, v.as_str())).collect();
        Self {
            income: strings.text(language, "income", &[]),
            spending: strings.text(language, "spending", &[]),
            description: strings.text(language, key, &values),
        }
    }
}

/// Income against spending, one labelled bar each.
pub fn finances_chart(finances: &Finances, id: &str, words: &FinanceWords) -> String {
    let bars = [
        (&words.income, finances.total_income, "bar bar--income"),
        (
            &words.spending,
            finances.total_expenditure,
            "bar bar--spending",
        ),
    ];
    let largest = bars
        .iter()
        .map(|(_, amount, _)| *amount)
        .max()
        .unwrap_or(0)
        .max(1);
    let plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    let height = bars.len() as i64 * (BAR_HEIGHT + GAP);
    let description = escape::html_text(&words.description);
    let mut svg = format!(
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{caption}</title><desc id="{id}-desc">{description}</desc><defs><pattern id="{id}-hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" class="bar--spending-fill"/><line x1="0" y1="0" x2="0" y2="8" class="bar__hatch"/></pattern></defs>"#,
        caption = escape::html_text(&finances.caption),
    );
    for (index, (label, amount, class)) in bars.iter().enumerate() {
        let y = index as i64 * (BAR_HEIGHT + GAP);
        let length = (amount.max(&0) * plot / largest).max(2);
        let fill = if index == 1 {
            format!(r#" fill="url(#{id}-hatch)""#)
        } else {
            String::new()
        };
        svg.push_str(&bar(
            y,
            label,
            length,
            &format!(r#"class="{class}"{fill}"#),
            &format_pounds(*amount),
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// A labelled bar for each `(label, count)`, counts as text beside them
/// (the editors' engagement page: uses month by month).
pub fn count_chart(id: &str, caption: &str, description: &str, bars: &[(String, u64)]) -> String {
    let largest = bars
        .iter()
        .map(|(_, count)| *count)
        .max()
        .unwrap_or(0)
        .max(1);
    let plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    let height = (bars.len() as i64 * (BAR_HEIGHT + GAP)).max(1);
    let mut svg = format!(
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{caption}</title><desc id="{id}-desc">{description}</desc>"#,
        caption = escape::html_text(caption),
        description = escape::html_text(description),
    );
    for (index, (label, count)) in bars.iter().enumerate() {
        let y = index as i64 * (BAR_HEIGHT + GAP);
        let length = (i64::try_from(*count).unwrap_or(i64::MAX) * plot
            / i64::try_from(largest).unwrap_or(1))
        .max(2);
        svg.push_str(&bar(
            y,
            label,
            length,
            r#"class="bar bar--income""#,
            &count.to_string(),
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// One labelled bar at `y`: its name, the bar (`look` is its class and
/// fill), and its figure as text after it.
fn bar(y: i64, label: &str, length: i64, look: &str, value: &str) -> String {
    let text_y = y + BAR_HEIGHT / 2 + 6;
    format!(
        r#"<text x="0" y="{text_y}" class="chart__label">{label}</text><rect x="{LABEL_WIDTH}" y="{y}" width="{length}" height="{BAR_HEIGHT}" {look}/><text x="{value_x}" y="{text_y}" class="chart__value">{value}</text>"#,
        label = escape::html_text(label),
        value_x = LABEL_WIDTH + length + 8,
        value = escape::html_text(value),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_carries_its_figures_as_text() {
        let finances = Finances {
            file: crate::source::SourceMap::new().add("f.toml", String::new()),
            caption: "Budget".into(),
            currency: "GBP".into(),
            comparable: true,
            income: Vec::new(),
            expenditure: Vec::new(),
            reserves: None,
            total_income: 364_633,
            total_expenditure: 206_271,
        };
        let words = FinanceWords {
            income: "Income".into(),
            spending: "Spending & more".into(),
            description: "Income £364,633 compared with spending £206,271.".into(),
        };
        let svg = finances_chart(&finances, "chart", &words);
        assert!(svg.contains(">Spending &amp; more</text>"), "{svg}");
        assert!(svg.contains(r#"role="img" aria-labelledby="chart-title chart-desc""#));
        assert!(svg.contains(
            "<desc id=\"chart-desc\">Income £364,633 compared with spending £206,271.</desc>"
        ));
        assert!(svg.contains(">£364,633</text>") && svg.contains(">£206,271</text>"));
        assert!(
            svg.contains(r#"width="420""#),
            "the larger bar fills the plot: {svg}"
        );
    }
}
