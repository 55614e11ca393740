//! Starting and growing a site without a developer: `init` writes a whole
//! small site that builds at once, `new` one page from an archetype (the
//! site's own in `archetypes/`, else the built-in one). Details left out
//! are written as placeholders (`FILL IN`, `FILL-IN`), which `check`
//! reports as `placeholder` warnings until they are filled in.
//!
//! Invariant: nothing that exists is changed: `init` needs an empty or
//! missing folder and `new` a file that does not exist yet (files are
//! created with `create_new`); every value from the command line is
//! escaped for the TOML or Markdown it lands in (`templates.rs`).

pub mod init;
pub mod new_page;
pub mod schema;
mod templates;

use std::path::{Path, PathBuf};

use crate::content::Date;

/// Why a scaffolding command did nothing (or undid what it began).
#[derive(Debug)]
pub enum ScaffoldError {
    /// A value given on the command line or typed at a prompt.
    Invalid(String),
    /// The folder `init` was given holds files already.
    NotEmpty {
        folder: PathBuf,
        entries: Vec<String>,
    },
    /// The page `new` would write exists already.
    Exists(PathBuf),
    /// Reading or writing failed.
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
}

impl std::fmt::Display for ScaffoldError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScaffoldError::Invalid(message) => formatter.write_str(message),
            ScaffoldError::NotEmpty { folder, entries } => write!(
                formatter,
                "{} is not empty (it holds {}), so nothing was written; give a new or empty folder, such as `reportsite init my-partnership`",
                folder.display(),
                entries.join(", ")
            ),
            ScaffoldError::Exists(path) => write!(
                formatter,
                "{} exists already, so nothing was written; choose another name",
                path.display()
            ),
            ScaffoldError::Io { path, error } => {
                write!(formatter, "could not write {}: {error}", path.display())
            }
        }
    }
}

/// Writes `text` to a new file, making its folder; never replaces a file.
fn write_new(path: &Path, text: &str) -> Result<(), ScaffoldError> {
    use std::io::Write;
    let io = |error| ScaffoldError::Io {
        path: path.to_path_buf(),
        error,
    };
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).map_err(io)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|error| match error.kind() {
            std::io::ErrorKind::AlreadyExists => ScaffoldError::Exists(path.to_path_buf()),
            _ => io(error),
        })?;
    file.write_all(text.as_bytes()).map_err(io)
}

/// The reporting year a day falls in (April to March): `2026-27` for any
/// day from 1 April 2026 to 31 March 2027, with its first and last days.
pub fn reporting_year(today: Date) -> (String, Date, Date) {
    let start_year = if today.month >= 4 {
        today.year
    } else {
        today.year - 1
    };
    let label = format!("{start_year}-{:02}", (start_year + 1).rem_euclid(100));
    let start = Date {
        year: start_year,
        month: 4,
        day: 1,
    };
    let end = Date {
        year: start_year + 1,
        month: 3,
        day: 31,
    };
    (label, start, end)
}

/// The same day a year later (28 February for 29 February).
pub fn a_year_after(today: Date) -> Date {
    let day = if today.month == 2 && today.day == 29 {
        28
    } else {
        today.day
    };
    Date {
        year: today.year + 1,
        month: today.month,
        day,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: i32, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn reporting_years_run_from_april_to_march() {
        let (label, start, end) = reporting_year(day(2026, 12, 5));
        assert_eq!(label, "2026-27");
        assert_eq!((start, end), (day(2026, 4, 1), day(2027, 3, 31)));
        assert_eq!(reporting_year(day(2027, 3, 31)).0, "2026-27");
        assert_eq!(reporting_year(day(2099, 4, 1)).0, "2099-00");
    }

    #[test]
    fn a_year_after_a_leap_day_is_the_28th() {
        assert_eq!(a_year_after(day(2028, 2, 29)), day(2029, 2, 28));
        assert_eq!(a_year_after(day(2026, 12, 5)), day(2027, 12, 5));
    }
}
