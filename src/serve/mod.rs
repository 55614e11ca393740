//! `reportsite serve`: builds the site in memory, serves it on this
//! computer, and rebuilds it as the editor saves, reloading open pages.
//! While the content has errors the last good build stays up, and every
//! page shows the problems in an overlay.
//!
//! Invariant: `public/` is never written; the served files are a snapshot
//! that equals what `build` would write for the same content (with the
//! local address as `base_url`). Rebuilds run on one thread that owns the
//! `Session`; a panic there is caught, reported and followed by a full
//! rebuild, and the server keeps answering throughout.

pub mod cms_backend;
mod http;
mod reload;
pub mod watch;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch as channel;

use crate::cli::{Invocation, ServeSettings};
use crate::diagnostics::{Diagnostic, html, human};
use crate::images::ImageCache;
use crate::pipeline::{BuildOptions, Caches, Rebuilt, Session};

pub use http::{content_type, output_path};

/// What the server answers with: the last good build's files, the current
/// problems as overlay markup, and which build this is.
pub struct Snapshot {
    pub files: Arc<HashMap<String, Arc<[u8]>>>,
    pub overlay: String,
    pub generation: u64,
    /// Different for each run of `serve`, so pages reload after a restart.
    pub server: String,
    /// Only stylesheets changed since the previous build.
    pub css_only: bool,
    /// The content had no errors: `files` is this build.
    pub built: bool,
    /// Only the search index changed: open pages stay as they are.
    pub quiet: bool,
}

/// How long the editor must pause before the search index is rebuilt
/// after fast rebuilds.
const SEARCH_PAUSE: Duration = Duration::from_millis(300);

/// The first port tried when `--port` is not given.
const DEFAULT_PORT: u16 = 1111;

/// Runs the server until the process is stopped; returns 1 if it could not
/// start.
pub fn run(invocation: &Invocation, settings: &ServeSettings) -> u8 {
    let listener = match bind(settings) {
        Ok(listener) => listener,
        Err(message) => {
            eprintln!("error: {message}");
            return 1;
        }
    };
    let Ok(address) = listener.local_addr() else {
        eprintln!("error: could not read the server's address");
        return 1;
    };
    let mut options = invocation.options.clone();
    options.base_url = Some(format!("http://{}", display_address(address)));
    let cache = Caches::for_site(&options.root);
    let session = Session::new(&options, &cache);
    let mut publisher = Publisher::new(invocation.colour);
    let first = publisher.snapshot(&session, &[], false);
    keep_images(&session, &first, &cache.images);
    let (sender, receiver) = channel::channel(Arc::new(first));
    let url = format!("http://{}/", display_address(address));
    if !settings.bind.is_loopback() {
        eprintln!(
            "warning: listening on {}, so other computers on the network can see this site",
            settings.bind
        );
    }
    eprintln!("serving {url} (press Ctrl+C to stop)");
    if settings.open && opener::open(&url).is_err() {
        eprintln!("could not open a browser; open {url} yourself");
    }
    let watcher = match watch::SiteWatcher::new(&options.root) {
        Ok(watcher) => watcher,
        Err(error) => {
            eprintln!(
                "error: cannot watch {} for changes: {error}",
                options.root.display()
            );
            return 1;
        }
    };
    // Saving from the browser writes the site's files: this computer only.
    let cms = settings
        .bind
        .is_loopback()
        .then(|| cms_gate(&options, address))
        .flatten();
    if cms.is_some() {
        eprintln!("editing in the browser: {url}admin/");
    }
    std::thread::spawn(move || rebuild_loop(watcher, session, cache, publisher, sender));
    serve_http(listener, receiver, cms)
}

/// The browser editor's gate, when site.toml has `[cms]`: this server's
/// own addresses and a fresh random token.
fn cms_gate(options: &BuildOptions, address: SocketAddr) -> Option<Arc<http::CmsGate>> {
    let root = &options.root;
    let text = std::fs::read_to_string(root.join("site.toml")).ok()?;
    let mut sources = crate::source::SourceMap::new();
    let file = sources.add("site.toml", text.clone());
    crate::config::parse_site_config(file, &text, None, &mut Vec::new())?.cms?;
    let mut bytes = [0_u8; 24];
    ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut bytes).ok()?;
    let token = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
    let port = address.port();
    Some(Arc::new(http::CmsGate {
        root: root.clone(),
        options: options.clone(),
        origins: vec![
            format!("http://127.0.0.1:{port}"),
            format!("http://localhost:{port}"),
            format!("http://{}", display_address(address)),
        ],
        token,
    }))
}

fn serve_http(
    listener: TcpListener,
    receiver: channel::Receiver<Arc<Snapshot>>,
    cms: Option<Arc<http::CmsGate>>,
) -> u8 {
    let runtime = match crate::runtime::small_runtime() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: could not start the server: {error}");
            return 1;
        }
    };
    let result = runtime.block_on(async move {
        listener.set_nonblocking(true)?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let app = http::router(http::ServerState {
            snapshots: receiver,
            cms,
        });
        axum::serve(listener, app).await
    });
    match result {
        Ok(()) => 0,
        Err(error) => {
            eprintln!("error: the server stopped: {error}");
            1
        }
    }
}

/// Binds the port asked for, or (with no `--port`) the first free one
/// from 1111; a port in use is explained, with one that is free.
fn bind(settings: &ServeSettings) -> Result<TcpListener, String> {
    let address = |port| SocketAddr::new(settings.bind, port);
    match settings.port {
        Some(port) => TcpListener::bind(address(port)).map_err(|error| {
            let free = (port.saturating_add(1)..port.saturating_add(50))
                .find(|&candidate| TcpListener::bind(address(candidate)).is_ok());
            match (error.kind(), free) {
                (std::io::ErrorKind::AddrInUse, Some(free)) => format!(
                    "port {port} on {} is already in use; try --port {free}",
                    settings.bind
                ),
                _ => format!("cannot listen on {}: {error}", address(port)),
            }
        }),
        None => (DEFAULT_PORT..DEFAULT_PORT + 50)
            .find_map(|port| TcpListener::bind(address(port)).ok())
            .ok_or_else(|| {
                format!(
                    "no free port from {DEFAULT_PORT} on {}; pass --port",
                    settings.bind
                )
            }),
    }
}

fn display_address(address: SocketAddr) -> String {
    match address.ip() {
        IpAddr::V6(ip) => format!("[{ip}]:{}", address.port()),
        IpAddr::V4(ip) => format!("{ip}:{}", address.port()),
    }
}

/// Waits for changes and rebuilds, forever (until the watcher stops).
fn rebuild_loop(
    mut watcher: watch::SiteWatcher,
    mut session: Session,
    cache: Caches,
    mut publisher: Publisher,
    sender: channel::Sender<Arc<Snapshot>>,
) {
    loop {
        let wait = session.search_is_stale().then_some(SEARCH_PAUSE);
        let changed = match watcher.next_batch_within(wait) {
            watch::WatchOutcome::Changed(changed) => changed,
            watch::WatchOutcome::Stopped => break,
            watch::WatchOutcome::Quiet => {
                // The editor paused: bring the search index up to date,
                // quietly (open pages need no reload for it).
                let started = std::time::Instant::now();
                if catch_unwind(AssertUnwindSafe(|| session.refresh_search(&cache))).is_err() {
                    session = Session::new(&session.options, &cache);
                }
                eprintln!(
                    "search index updated in {} ms",
                    started.elapsed().as_millis()
                );
                let snapshot = publisher.snapshot(&session, &[], true);
                if sender.send(Arc::new(snapshot)).is_err() {
                    break;
                }
                continue;
            }
        };
        let outcome = catch_unwind(AssertUnwindSafe(|| session.rebuild(&changed, &cache)));
        let line = match outcome {
            Ok((rebuilt, took)) => rebuild_line(&changed, &rebuilt, took, &session),
            Err(_) => {
                // Should never happen; if it does, start again from the files.
                session = Session::new(&session.options, &cache);
                format!(
                    "{}: reportsite hit an internal error and rebuilt everything (please report it)",
                    describe(&changed)
                )
            }
        };
        if line.is_empty() {
            continue;
        }
        eprintln!("{line}");
        let snapshot = publisher.snapshot(&session, &changed, false);
        keep_images(&session, &snapshot, &cache.images);
        // No receiver means the server has stopped; the loop ends with it.
        if sender.send(Arc::new(snapshot)).is_err() {
            break;
        }
    }
}

/// Saves resized images after a good build, as `build` does, so the next
/// full rebuild (or `build`) finds them.
fn keep_images(session: &Session, snapshot: &Snapshot, cache: &ImageCache) {
    if snapshot.built
        && let Some(images) = session.images()
    {
        crate::output::update_cache(&cache.changes(images));
    }
}

/// One line per rebuild: what changed, how much was rebuilt, how long;
/// empty when nothing that matters changed.
fn rebuild_line(
    changed: &[String],
    rebuilt: &Rebuilt,
    took: Duration,
    session: &Session,
) -> String {
    let what = match rebuilt {
        Rebuilt::Pages(0) => return String::new(),
        Rebuilt::Pages(1) => "1 page rebuilt".to_string(),
        Rebuilt::Pages(pages) => format!("{pages} pages rebuilt"),
        Rebuilt::Everything => format!("everything rebuilt ({} pages)", session.page_count()),
    };
    format!("{}: {what} in {} ms", describe(changed), took.as_millis())
}

fn describe(changed: &[String]) -> String {
    match changed {
        [] => "nothing".to_string(),
        [one] => format!("{one} changed"),
        [first, rest @ ..] => format!("{first} and {} other files changed", rest.len()),
    }
}

/// Turns sessions into snapshots: keeps the last good files, numbers the
/// builds, and prints the diagnostics when they change.
struct Publisher {
    server: String,
    generation: u64,
    last_good: Arc<HashMap<String, Arc<[u8]>>>,
    last_shown: Vec<Diagnostic>,
    last_overlay: String,
    colour: bool,
}

impl Publisher {
    fn new(colour: bool) -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_nanos());
        Self {
            server: format!("{:x}-{}", nanos, std::process::id()),
            generation: 0,
            last_good: Arc::new(HashMap::new()),
            last_shown: Vec::new(),
            last_overlay: String::new(),
            colour,
        }
    }

    /// `quiet`: nothing a page shows changed (the search index caught up).
    fn snapshot(&mut self, session: &Session, changed: &[String], quiet: bool) -> Snapshot {
        let diagnostics = session.diagnostics();
        if diagnostics != self.last_shown {
            eprint!(
                "{}",
                human::render_all(&diagnostics, &session.sources, self.colour)
            );
            self.last_shown.clone_from(&diagnostics);
        }
        let built = !diagnostics.iter().any(Diagnostic::is_error);
        if built {
            let files = session
                .files()
                .iter()
                .map(|file| (file.path.clone(), file.bytes.clone()))
                .collect();
            self.last_good = Arc::new(files);
        }
        let overlay = html::render_overlay(&diagnostics, &session.sources);
        let css_only = !changed.is_empty()
            && changed.iter().all(|path| path.ends_with(".css"))
            && overlay == self.last_overlay;
        self.last_overlay.clone_from(&overlay);
        self.generation += 1;
        Snapshot {
            files: self.last_good.clone(),
            overlay,
            generation: self.generation,
            server: self.server.clone(),
            css_only,
            built,
            quiet,
        }
    }
}
