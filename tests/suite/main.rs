//! One test binary for reportsite's integration tests: fixture sites under
//! `tests/fixtures/`, run through the real binary.

mod architecture;
mod catalogue;
mod components;
mod demo;
mod diagnostics;
mod engagement;
mod events;
mod external;
mod feeds;
mod hostile;
mod images;
mod languages;
mod links;
mod output;
mod pagination;
mod rendering;
mod scaffold;
mod search;
mod serve;
mod sharing;
mod site_test;
mod stand_in;
mod strings;
