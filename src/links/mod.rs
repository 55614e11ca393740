//! The resolve phase on the Markdown AST: heading ids, each page's outline
//! (headings, links, images) and the resolution of every link to a URL.
//!
//! Invariant: no I/O and no HTML. Links are checked against the `Site` and
//! the outlines of all pages, so an anchor on another page is known before
//! anything is rendered.

pub mod headings;
pub mod link_text;
pub mod outline;
mod record;
pub mod redirects;
pub mod resolve;
pub mod shape;
mod site_links;
pub mod uses;

pub use headings::heading_id;
pub use outline::{PageOutline, markdown_options, outline_page};
pub use record::{PageRecord, record_page, record_pages};
pub use resolve::{AnchorRef, PageLinks};
pub use site_links::{LanguageLinks, ResolvedLinks, all_anchors, resolve_links};
