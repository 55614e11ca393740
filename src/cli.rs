//! The command line: clap types, and turning raw flags into checked
//! `BuildOptions`.
//!
//! Invariant: anything the command line rejects exits 2 (clap's own usage
//! errors included); content problems are never decided here.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use std::time::Duration;

use crate::content::Date;
use crate::external::{ExternalOptions, HttpSettings};
use crate::pipeline::BuildOptions;
use crate::scaffold::init::{InitOptions, SiteDetails};
use crate::scaffold::new_page::{NewKind, NewOptions};

#[derive(Parser, Debug)]
#[command(
    name = "reportsite",
    version,
    about = "Builds a safeguarding children partnership's public website from Markdown and TOML."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the site into the output folder (public/ by default).
    Build {
        #[command(flatten)]
        common: CommonArgs,
        /// Where to write the site [default: <root>/public].
        #[arg(long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Override `base_url` from site.toml (e.g. for a preview host).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Also remove files in the output folder that reportsite did not
        /// write (they are listed); without it they are left alone.
        #[arg(long)]
        clean: bool,
    },
    /// Run every check of `build` and write nothing.
    Check {
        #[command(flatten)]
        common: CommonArgs,
        /// Also check every outside link over the network (cached).
        #[arg(long)]
        external: bool,
        /// Seconds to wait for each outside site.
        #[arg(long, value_name = "SECONDS", default_value_t = 10)]
        external_timeout: u64,
        /// How long a checked outside link is trusted before it is checked again.
        #[arg(long, value_name = "HOURS", default_value_t = 24)]
        cache_ttl: u64,
    },
    /// Serve the site on this computer and rebuild it as you edit.
    Serve {
        #[command(flatten)]
        common: CommonArgs,
        /// The port [default: 1111, or the next free one]; 0 picks any.
        #[arg(long, value_name = "N")]
        port: Option<u16>,
        /// The address to listen on; anything but 127.0.0.1 lets other
        /// computers see the site.
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the web browser.
        #[arg(long)]
        open: bool,
    },
    /// Start a new site in an empty folder, asking for the partnership's
    /// details in a terminal (or taking them from these flags).
    Init {
        /// The new site's folder (this folder by default, if it is empty).
        #[arg(value_name = "DIR", default_value = ".")]
        dir: PathBuf,
        #[command(flatten)]
        details: SiteDetails,
        /// Ask nothing: details not given become placeholders that `check`
        /// reports until they are filled in.
        #[arg(long)]
        no_input: bool,
    },
    /// Count what the site's own access logs say was used: views,
    /// downloads, plays, QR scans, links out, per page, priority and
    /// audience, with cost per use. No cookie, no tracker: nobody followed.
    Engagement {
        /// The site folder (holding site.toml).
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// The first day to count (2025-04-01).
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// The last day to count (2026-03-31).
        #[arg(long, value_name = "DATE")]
        until: Option<String>,
        /// How to print the counts.
        #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
        format: ReportFormat,
        /// A bot list to use instead of the built-in one: one regular
        /// expression per line (a newer copy of isbot's list).
        #[arg(long, value_name = "FILE")]
        bots: Option<PathBuf>,
        /// Keep the counts (no personal data) in data/engagement/, for the
        /// editors' page the next build makes (/editors/engagement/).
        #[arg(long)]
        save: bool,
        /// Access logs: Combined or Common Log Format (nginx, Apache), or
        /// Cloudflare Logpush JSON lines; plain or gzip, in any order.
        #[arg(value_name = "LOG", required = true)]
        logs: Vec<PathBuf>,
    },
    /// Write a newsletter of what is new or updated since a day (email
    /// HTML and plain text), to paste into the mailing tool.
    Digest {
        /// The site folder (holding site.toml).
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// The first day to include (2025-10-01) [default: 30 days ago].
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Where to write digest-<date>.html and .txt [default: <root>/digest].
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Write JSON Schemas of site.toml, finances.toml, glossary.toml and
    /// page data files, for editors that complete and check TOML as you type.
    Schema {
        /// Where to write them.
        #[arg(long, value_name = "DIR", default_value = "schemas")]
        out: PathBuf,
    },
    /// Write a new page from its archetype: the site's own in archetypes/,
    /// else the built-in one.
    New {
        /// What kind of page.
        #[arg(value_enum)]
        kind: NewKind,
        /// Its name in the address (safer-sleep-leaflet); a report's year
        /// (2026-27); a chapter's report year and name (2026-27/foreword).
        name: String,
        /// The site folder (holding site.toml).
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
    },
}

/// What `main` runs: a command on a site, or one that makes files.
pub enum Run {
    Schema {
        out: PathBuf,
    },
    Site(Box<Invocation>),
    Init {
        options: InitOptions,
        /// Ask for missing details (a terminal, and no `--no-input`).
        ask: bool,
    },
    New(NewOptions),
    Engagement(Box<EngagementRun>),
    Digest(Box<DigestRun>),
}

/// `reportsite digest`, its flags checked.
pub struct DigestRun {
    pub options: BuildOptions,
    pub since: Date,
    pub out: PathBuf,
}

/// What `serve` was asked for.
#[derive(Debug, Clone)]
pub struct ServeSettings {
    /// `None`: 1111, or the next free port.
    pub port: Option<u16>,
    pub bind: std::net::IpAddr,
    pub open: bool,
}

#[derive(clap::Args, Debug)]
pub struct CommonArgs {
    /// The site folder (holding site.toml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Treat warnings as errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Print how long each phase took (on stderr).
    #[arg(long)]
    pub timings: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

/// How `engagement` prints: text, one JSON object, or the items as CSV.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    Human,
    Json,
    Csv,
}

/// `reportsite engagement`, its flags checked.
pub struct EngagementRun {
    pub options: BuildOptions,
    pub format: ReportFormat,
    pub bots: Option<PathBuf>,
    pub save: bool,
    pub counting: crate::engagement::EngagementOptions,
}

/// What `main` runs.
pub struct Invocation {
    pub options: BuildOptions,
    pub format: Format,
    pub write: bool,
    pub colour: bool,
    /// Set by `check --external`.
    pub external: Option<ExternalOptions>,
    /// Set by `serve`.
    pub serve: Option<ServeSettings>,
    /// `--timings`: print each phase's time.
    pub timings: bool,
    /// `build --clean`: remove files reportsite did not write.
    pub clean: bool,
}

impl Cli {
    /// Checks the flags; an error here is a usage error (exit 2).
    pub fn into_run(self) -> Result<Run, String> {
        match self.command {
            Command::Init {
                dir,
                details,
                no_input,
            } => {
                let ask = !no_input
                    && std::io::stdin().is_terminal()
                    && std::io::stderr().is_terminal()
                    && std::env::var_os("CI").is_none();
                let options = InitOptions {
                    folder: dir,
                    details,
                    today: build_date()?,
                };
                Ok(Run::Init { options, ask })
            }
            Command::Schema { out } => Ok(Run::Schema { out }),
            Command::Digest { root, since, out } => digest_run(root, since, out),
            Command::Engagement {
                root,
                since,
                until,
                format,
                bots,
                save,
                logs,
            } => engagement_run(root, (since, until), format, bots, save, logs),
            Command::New { kind, name, root } => Ok(Run::New(NewOptions {
                root,
                kind,
                name,
                today: build_date()?,
            })),
            command => Cli { command }
                .into_invocation()
                .map(|invocation| Run::Site(Box::new(invocation))),
        }
    }

    /// Checks the flags of a command on a site.
    fn into_invocation(self) -> Result<Invocation, String> {
        let build_date = build_date()?;
        let mut external_options = None;
        let mut serve = None;
        let mut clean = false;
        let (common, output, base_url, write) = match self.command {
            Command::Serve {
                common,
                port,
                bind,
                open,
            } => {
                serve = Some(ServeSettings { port, bind, open });
                (common, None, None, false)
            }
            Command::Build {
                common,
                output,
                base_url,
                clean: clean_flag,
            } => {
                clean = clean_flag;
                (common, output, base_url, true)
            }
            Command::Check {
                common,
                external,
                external_timeout,
                cache_ttl,
            } => {
                if external {
                    external_options = Some(ExternalOptions {
                        http: HttpSettings {
                            timeout: Duration::from_secs(external_timeout.max(1)),
                            ..HttpSettings::default()
                        },
                        cache_path: common.root.join(".reportsite").join("links.json"),
                        cache_ttl: Duration::from_secs(cache_ttl.saturating_mul(3600)),
                        now: unix_now(),
                        progress: common.format == Format::Human,
                    });
                }
                (common, None, None, false)
            }
            Command::Init { .. }
            | Command::New { .. }
            | Command::Schema { .. }
            | Command::Engagement { .. }
            | Command::Digest { .. } => {
                return Err("init and new make files; they are run by Cli::into_run".to_string());
            }
        };
        if let Some(url) = &base_url
            && let Some(problem) = crate::web_address::base_url_problem(url)
        {
            return Err(format!(
                "--base-url '{}' {problem}; write the whole address, such as https://preview.example.org/",
                url.escape_debug()
            ));
        }
        let output = output.unwrap_or_else(|| common.root.join("public"));
        let timings = common.timings;
        Ok(Invocation {
            options: BuildOptions {
                root: common.root,
                output,
                base_url,
                deny_warnings: common.deny_warnings,
                build_date,
            },
            format: common.format,
            write,
            colour: std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
            external: external_options,
            serve,
            timings,
            clean,
        })
    }
}

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}

/// The options of a command that reads a site without building it.
fn model_options(root: PathBuf) -> Result<BuildOptions, String> {
    Ok(BuildOptions {
        output: root.join("public"),
        root,
        base_url: None,
        deny_warnings: false,
        build_date: build_date()?,
    })
}

/// A `--since`/`--until` day, or `None` when the flag is not given.
fn flag_day(flag: &str, text: Option<String>) -> Result<Option<Date>, String> {
    match text {
        None => Ok(None),
        Some(text) => Date::parse_iso(&text)
            .map(Some)
            .ok_or_else(|| format!("--{flag} '{text}' is not a date: write it as 2025-04-01")),
    }
}

fn digest_run(root: PathBuf, since: Option<String>, out: Option<PathBuf>) -> Result<Run, String> {
    let out = out.unwrap_or_else(|| root.join("digest"));
    let options = model_options(root)?;
    let since = flag_day("since", since)?
        .unwrap_or_else(|| Date::from_unix_days(options.build_date.unix_days() - 30));
    Ok(Run::Digest(Box::new(DigestRun {
        options,
        since,
        out,
    })))
}

fn engagement_run(
    root: PathBuf,
    (since, until): (Option<String>, Option<String>),
    format: ReportFormat,
    bots: Option<PathBuf>,
    save: bool,
    logs: Vec<PathBuf>,
) -> Result<Run, String> {
    let counting = crate::engagement::EngagementOptions {
        logs,
        since: flag_day("since", since)?,
        until: flag_day("until", until)?,
        bots: None,
    };
    Ok(Run::Engagement(Box::new(EngagementRun {
        options: model_options(root)?,
        format,
        bots,
        save,
        counting,
    })))
}

/// Today's date, or the day of `SOURCE_DATE_EPOCH` for reproducible builds.
fn build_date() -> Result<Date, String> {
    let seconds = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) => value.trim().parse::<i64>().map_err(|_| {
            format!("SOURCE_DATE_EPOCH must be a whole number of seconds, not '{value}'")
        })?,
        Err(_) => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |elapsed| {
                i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX)
            }),
    };
    Ok(Date::from_unix_days(seconds.div_euclid(86_400)))
}
