//! reportsite: a static-site generator for safeguarding children
//! partnerships. The modules read as the pipeline: `load` → `links`
//! (resolve) → `render` → `output`, run in order by `pipeline`.

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod check;
pub mod cli;
pub mod command;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod engagement;
pub mod escape;
pub mod external;
#[cfg(test)]
mod fuzz;
pub mod images;
pub mod interface_strings;
pub mod language;
pub mod link_report;
pub mod links;
pub mod load;
pub mod output;
pub mod output_path;
pub mod pipeline;
pub mod render;
pub mod rendered;
pub mod runtime;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod source;
pub mod typed_toml;
pub mod web_address;
