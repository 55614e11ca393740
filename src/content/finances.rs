//! A yearly report's finances (`reports/<year>/finances.toml`): income,
//! expenditure and reserves in whole pounds.
//!
//! Invariant: every amount is a whole number; checking that the reserves add
//! up is `check_reserves`, run on every build.

use crate::diagnostics::{Code, Diagnostic, Span};
use crate::source::FileId;

#[derive(Debug, Clone, serde::Serialize)]
pub struct FinanceLine {
    pub label: String,
    pub amount: i64,
}

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Reserves {
    pub opening: Option<i64>,
    pub closing: Option<i64>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Finances {
    #[serde(skip)]
    pub file: FileId,
    pub caption: String,
    pub currency: String,
    /// False when the report says income and spending cover different
    /// bodies: then no difference is worked out or shown.
    pub comparable: bool,
    pub income: Vec<FinanceLine>,
    pub expenditure: Vec<FinanceLine>,
    pub reserves: Option<Reserves>,
    pub total_income: i64,
    pub total_expenditure: i64,
}

impl Finances {
    /// When both reserve figures are given, closing must equal opening +
    /// income − expenditure.
    pub fn check_reserves(&self, closing_span: Span) -> Option<Diagnostic> {
        let reserves = self.reserves.as_ref()?;
        let (opening, closing) = (reserves.opening?, reserves.closing?);
        let expected = opening
            .saturating_add(self.total_income)
            .saturating_sub(self.total_expenditure);
        let difference = closing.saturating_sub(expected);
        (difference != 0).then(|| {
            Diagnostic::warning(
                Code::FinancesDoNotAddUp,
                closing_span,
                format!(
                    "closing reserves of {} do not add up: opening {} + income {} - expenditure {} = {}, a difference of {}",
                    format_pounds(closing),
                    format_pounds(opening),
                    format_pounds(self.total_income),
                    format_pounds(self.total_expenditure),
                    format_pounds(expected),
                    format_pounds(difference)
                ),
            )
            .with_help("check the income and expenditure lines, or add the missing line")
        })
    }
}

/// `119266` → `£119,266`; negative amounts get a leading minus.
pub fn format_pounds(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut grouped = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let sign = if amount < 0 { "-" } else { "" };
    format!("{sign}£{grouped}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_pounds() {
        assert_eq!(format_pounds(119_266), "£119,266");
        assert_eq!(format_pounds(364_633), "£364,633");
        assert_eq!(format_pounds(-5), "-£5");
        assert_eq!(format_pounds(100), "£100");
    }
}
