//! The check phase, over the written output: one lol_html pass per page to
//! collect ids and URLs, then the site-wide link and anchor check.
//!
//! Invariant: reads the rendered files only; anything wrong is reported at
//! the Markdown, template or stylesheet line that made it.

mod links;
mod output_index;
pub mod scan;

pub use links::{CheckInput, CheckState, check_links};
