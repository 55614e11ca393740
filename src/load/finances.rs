//! Reads `reports/<year>/finances.toml` into `Finances`.
//!
//! Invariant: amounts are whole numbers (an error at the value otherwise);
//! reserves that do not add up are a warning at `closing`, unless
//! `comparable = false` says income and spending cover different bodies
//! (then nothing subtracts one from the other).

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use crate::content::Finances;
use crate::content::finances::{FinanceLine, Reserves};
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::source::FileId;
use crate::typed_toml::{TableKeys, TomlSource, parse_typed};

// Amounts are read as any value so that `whole_pounds` can say what is
// wrong with one; the schema says what they should be.
#[derive(Deserialize, JsonSchema)]
struct RawLine {
    label: String,
    #[schemars(with = "i64")]
    amount: Spanned<toml::Value>,
}

#[derive(Deserialize, JsonSchema)]
struct RawReserves {
    #[schemars(with = "Option<i64>")]
    opening: Option<Spanned<toml::Value>>,
    #[schemars(with = "Option<i64>")]
    closing: Option<Spanned<toml::Value>>,
    note: Option<String>,
}

/// The JSON schema of a report's `finances.toml`.
pub fn finances_schema() -> schemars::Schema {
    crate::typed_toml::toml_schema_for::<RawFinances>()
}

#[derive(Deserialize, JsonSchema)]
struct RawFinances {
    caption: Option<String>,
    #[schemars(with = "Option<String>")]
    currency: Option<Spanned<String>>,
    /// False when income and spending cover different bodies.
    comparable: Option<bool>,
    #[serde(default)]
    income: Vec<RawLine>,
    #[serde(default)]
    expenditure: Vec<RawLine>,
    reserves: Option<RawReserves>,
}

pub fn parse_finances(
    file: FileId,
    text: &str,
    year: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Finances> {
    let source = TomlSource {
        file,
        text,
        offset: 0,
    };
    let raw: RawFinances = parse_typed(source, &TableKeys::of::<RawFinances>(), diagnostics)?;
    if let Some(currency) = raw.currency.as_ref().filter(|c| c.get_ref() != "GBP") {
        diagnostics.push(
            Diagnostic::error(
                Code::InvalidValue,
                Span::new(file, currency.span()),
                format!("currency '{}' is not supported", currency.get_ref()),
            )
            .with_help("amounts are whole pounds: write currency = \"GBP\""),
        );
    }
    let mut line_amount =
        |value: &Spanned<toml::Value>| whole_pounds(file, value, Sign::NotNegative, diagnostics);
    let income: Vec<FinanceLine> = lines(&raw.income, &mut line_amount);
    let expenditure: Vec<FinanceLine> = lines(&raw.expenditure, &mut line_amount);
    // Reserves may be below zero: a partnership can be in deficit.
    let mut reserve =
        |value: &Spanned<toml::Value>| whole_pounds(file, value, Sign::Any, diagnostics);
    let reserves = raw.reserves.as_ref().map(|reserves| Reserves {
        opening: reserves.opening.as_ref().and_then(&mut reserve),
        closing: reserves.closing.as_ref().and_then(&mut reserve),
        note: reserves.note.clone(),
    });
    let finances = Finances {
        file,
        caption: raw
            .caption
            .unwrap_or_else(|| format!("Partnership finances {year}")),
        currency: "GBP".to_string(),
        comparable: raw.comparable.unwrap_or(true),
        total_income: total(&income),
        total_expenditure: total(&expenditure),
        income,
        expenditure,
        reserves,
    };
    let closing_span = raw
        .reserves
        .as_ref()
        .and_then(|r| r.closing.as_ref())
        .map(|c| Span::new(file, c.span()));
    if let Some(span) = closing_span.filter(|_| finances.comparable) {
        diagnostics.extend(finances.check_reserves(span));
    }
    Some(finances)
}

fn lines(
    raw: &[RawLine],
    amount: &mut impl FnMut(&Spanned<toml::Value>) -> Option<i64>,
) -> Vec<FinanceLine> {
    raw.iter()
        .filter_map(|line| {
            Some(FinanceLine {
                label: line.label.clone(),
                amount: amount(&line.amount)?,
            })
        })
        .collect()
}

/// The largest amount a line may have: a trillion pounds, far above any
/// partnership's budget, and small enough that sums cannot overflow.
pub const MAX_AMOUNT: i64 = 1_000_000_000_000;

/// Whether an amount may be below zero.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sign {
    NotNegative,
    Any,
}

/// The sum of the lines (saturating: each is at most `MAX_AMOUNT`).
fn total(lines: &[FinanceLine]) -> i64 {
    lines
        .iter()
        .fold(0_i64, |sum, line| sum.saturating_add(line.amount))
}

fn whole_pounds(
    file: FileId,
    value: &Spanned<toml::Value>,
    sign: Sign,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<i64> {
    if let toml::Value::Integer(amount) = value.get_ref() {
        let problem = if amount.unsigned_abs() > MAX_AMOUNT.unsigned_abs() {
            Some((
                format!("{amount} is more than any partnership's budget"),
                "check the amount: it is in whole pounds, at most 1000000000000",
            ))
        } else if *amount < 0 && sign == Sign::NotNegative {
            Some((
                format!("an income or spending line cannot be {amount}"),
                "write the amount without a minus sign: money returned is a line of income",
            ))
        } else {
            None
        };
        let Some((message, help)) = problem else {
            return Some(*amount);
        };
        diagnostics.push(
            Diagnostic::error(Code::InvalidAmount, Span::new(file, value.span()), message)
                .with_help(help),
        );
        return None;
    }
    diagnostics.push(
        Diagnostic::error(
            Code::InvalidAmount,
            Span::new(file, value.span()),
            format!("{} is not a whole number of pounds", value.get_ref()),
        )
        .with_help("write amounts in whole pounds without quotes, commas or pence, such as 119266"),
    );
    None
}
