//! `reportsite serve`, run for real on a free loopback port: pages, 404,
//! path safety, live reload, the errors overlay, and the incremental
//! rebuild compared byte for byte with a fresh full build after each edit.
//! Every wait here is bounded by a deadline.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use crate::site_test::{BUILD_EPOCH, SiteTest, assert_contains};

/// The snippet `serve` adds to HTML responses starts here.
const INJECTED: &str = "<script src=\"/__reportsite/reload.js\"";
const WAIT: Duration = Duration::from_secs(20);

/// A running `reportsite serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
    lines: Receiver<String>,
}

impl Server {
    fn start(site: &SiteTest, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_reportsite"))
            .args(["serve", "--port", "0"])
            .args(extra)
            .current_dir(&site.root)
            .env("SOURCE_DATE_EPOCH", BUILD_EPOCH)
            .env("NO_COLOR", "1")
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("start reportsite serve");
        let stderr = child.stderr.take().expect("stderr");
        let (sender, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        let deadline = Instant::now() + WAIT;
        let port = loop {
            let line = lines
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .expect("serve prints its address");
            if let Some(rest) = line.strip_prefix("serving http://127.0.0.1:") {
                break rest
                    .split('/')
                    .next()
                    .and_then(|p| p.parse().ok())
                    .expect("port");
            }
        };
        Server { child, port, lines }
    }

    fn get(&self, path: &str) -> Response {
        get(self.port, path)
    }

    /// Opens the event stream; its first event names the current build.
    fn events(&self) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .expect("timeout");
        write!(
            stream,
            "GET /__reportsite/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        )
        .expect("send");
        let mut events = Events {
            stream,
            buffer: String::new(),
            generation: 0,
        };
        events.generation = events.next_generation(0).expect("a first build event");
        events
    }

    /// The process's resident memory in kB (Linux).
    fn memory_kb(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("read /proc status");
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmRSS")
    }

    /// Terminal lines printed so far.
    fn printed(&self) -> Vec<String> {
        self.lines.try_iter().collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Events {
    stream: TcpStream,
    buffer: String,
    generation: u64,
}

impl Events {
    /// Waits (bounded) for a build after `after`; its generation.
    fn next_generation(&mut self, after: u64) -> Option<u64> {
        self.next_generation_within(after, WAIT)
    }

    fn next_generation_within(&mut self, after: u64, wait: Duration) -> Option<u64> {
        self.next_event_within(after, wait, true)
    }

    /// As `next_generation_within`, but a quiet event (the search index
    /// catching up when the editor pauses: nothing a page shows changed)
    /// is not a rebuild.
    fn next_rebuild_within(&mut self, after: u64, wait: Duration) -> Option<u64> {
        self.next_event_within(after, wait, false)
    }

    fn next_event_within(&mut self, after: u64, wait: Duration, quiet_too: bool) -> Option<u64> {
        let deadline = Instant::now() + wait;
        let mut chunk = [0u8; 4096];
        while Instant::now() < deadline {
            while let Some(end) = self.buffer.find("\n\n") {
                let event: String = self.buffer.drain(..end + 2).collect();
                let generation = event
                    .split("\"generation\":\"")
                    .nth(1)
                    .and_then(|rest| rest.split('"').next())
                    .and_then(|number| number.parse::<u64>().ok());
                let counts = quiet_too || !event.contains("\"quiet\":true");
                if let Some(generation) = generation.filter(|&g| g > after && counts) {
                    return Some(generation);
                }
            }
            match self.stream.read(&mut chunk) {
                Ok(0) => return None,
                Ok(read) => self
                    .buffer
                    .push_str(&String::from_utf8_lossy(&chunk[..read])),
                Err(_) => {}
            }
        }
        None
    }

    /// Waits for the next build, however many happen.
    fn next_build(&mut self) -> bool {
        match self.next_generation(self.generation) {
            Some(generation) => {
                self.generation = generation;
                true
            }
            None => false,
        }
    }
}

struct Response {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Response {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A raw HTTP/1.1 GET: the path is sent exactly as given (no clean-up).
fn get(port: u16, path: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .expect("send request");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read response");
    parse_response(&raw)
}

/// A raw HTTP/1.1 response: status, head and body.
fn parse_response(raw: &[u8]) -> Response {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of headers");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .expect("status");
    Response {
        status,
        head,
        body: raw[split + 4..].to_vec(),
    }
}

/// The bytes the server holds for `path` (HTML without the reload snippet).
fn served_bytes(server: &Server, path: &str) -> Vec<u8> {
    let response = server.get(&format!("/{path}"));
    let body = response.body;
    if !path.ends_with(".html") {
        return body;
    }
    let text = String::from_utf8(body).expect("HTML is UTF-8");
    let start = text
        .find("<link rel=\"stylesheet\" href=\"/__reportsite/overlay.css\">")
        .or_else(|| text.find(INJECTED))
        .expect("serve adds its snippet to HTML");
    let end = text[start..].find("</script>").expect("snippet end") + start + "</script>".len();
    format!("{}{}", &text[..start], &text[end..]).into_bytes()
}

/// A fresh `build` of the same files, with the server's address as base.
fn fresh_build(site: &SiteTest, port: u16) -> std::collections::BTreeMap<String, Vec<u8>> {
    let output = site.root.parent().expect("temp").join("fresh");
    let _ = std::fs::remove_dir_all(&output);
    let run = site.run(&[
        "build",
        "--base-url",
        &format!("http://127.0.0.1:{port}"),
        "--output",
        output.to_str().expect("path"),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut files = files_under(&output);
    // The build's record of what it wrote, not a page of the site.
    files.remove(".reportsite-manifest");
    files
}

fn files_under(root: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let relative = entry.path().strip_prefix(root).expect("inside");
            let name = relative.to_string_lossy().replace('\\', "/");
            (name, std::fs::read(entry.path()).expect("read built file"))
        })
        .collect()
}

/// Whether the server now holds exactly what a full build writes.
fn equals_full_build(site: &SiteTest, server: &Server) -> Result<(), String> {
    let expected = fresh_build(site, server.port);
    let listing = server.get("/__reportsite/files").text();
    let served: Vec<&str> = listing.lines().collect();
    let built: Vec<&str> = expected.keys().map(String::as_str).collect();
    if served != built {
        return Err(format!(
            "served files differ:\n{served:?}\nbuilt:\n{built:?}"
        ));
    }
    for (path, bytes) in &expected {
        if &served_bytes(server, path) != bytes {
            return Err(format!("{path} differs from a full build"));
        }
    }
    Ok(())
}

/// Waits for builds until the page at `path` satisfies `done` (an
/// editor's save may arrive as two batches), or fails at the deadline.
#[track_caller]
fn wait_for_page(
    server: &Server,
    events: &mut Events,
    path: &str,
    done: impl Fn(&str) -> bool,
) -> String {
    let deadline = Instant::now() + WAIT;
    loop {
        let page = server.get(path).text();
        if done(&page) {
            return page;
        }
        assert!(
            Instant::now() < deadline,
            "{path} never became what was expected:\n{page}"
        );
        events.next_build();
    }
}

/// After an edit: waits for builds until the served site equals a full
/// build (an editor's save may arrive as two batches), or fails.
#[track_caller]
fn assert_catches_up(site: &SiteTest, server: &Server, events: &mut Events, step: &str) {
    assert!(events.next_build(), "{step}: no reload event");
    let mut last = equals_full_build(site, server);
    for _ in 0..3 {
        if last.is_ok() {
            return;
        }
        if !events.next_build() {
            break;
        }
        last = equals_full_build(site, server);
    }
    if let Err(problem) = last {
        panic!("{step}: {problem}");
    }
}

#[test]
fn serves_pages_not_found_and_refuses_paths_out_of_the_site() {
    let site = SiteTest::new("links-every-kind-working");
    let server = Server::start(&site, &[]);
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_contains(
        &home.head.to_ascii_lowercase(),
        "content-type: text/html; charset=utf-8",
    );
    assert_contains(&home.text(), INJECTED);
    let css = server.get("/css/site.css");
    assert_eq!(css.status, 200);
    assert_contains(&css.head.to_ascii_lowercase(), "content-type: text/css");
    assert!(!css.text().contains(INJECTED), "only HTML gets the script");
    let missing = server.get("/no-such-page/");
    assert_eq!(missing.status, 404);
    assert_contains(&missing.text(), "<h1");
    let folder = server.get("/advice");
    assert_eq!(folder.status, 301);
    assert_contains(&folder.head, "location: /advice/");
    for attack in [
        "/../site.toml",
        "/%2e%2e/site.toml",
        "/%2E%2E%2Fsite.toml",
        "/advice/..%2F..%2Fsite.toml",
        "/..%5c..%5csite.toml",
        "/C:/Windows/win.ini",
    ] {
        let response = server.get(attack);
        assert!(
            response.status == 400 || response.status == 404,
            "{attack}: {}",
            response.status
        );
        assert!(
            !response.text().contains("base_url"),
            "{attack} leaked site.toml"
        );
    }
    assert_eq!(server.get("//etc/passwd").status, 404);
    assert!(!site.output().exists(), "serve never writes public/");
}

#[test]
fn every_edit_is_served_exactly_as_a_full_build_would_write_it() {
    let site = SiteTest::new("links-every-kind-working");
    let server = Server::start(&site, &[]);
    let mut events = server.events();
    assert_eq!(equals_full_build(&site, &server), Ok(()));

    edit_bodies(&site, &server, &mut events);
    change_files(&site, &server, &mut events);
}

/// Body edits (the fast path), a broken and fixed anchor, an atomic save,
/// and side files that must not rebuild.
fn edit_bodies(site: &SiteTest, server: &Server, events: &mut Events) {
    // A body edit: new words and a new heading (the fast path).
    let about = site.root.join("content/about.md");
    let text = std::fs::read_to_string(&about).expect("read about");
    std::fs::write(
        &about,
        text.replace(
            "## Who we are",
            "## Who we are\n\nNew words.\n\n## Our history",
        ),
    )
    .expect("edit");
    assert_catches_up(site, server, events, "body edit");
    assert_contains(&server.get("/about/").text(), "id=\"our-history\"");

    // A heading another page links to is renamed: that link breaks, and
    // the served site keeps the last good build with the overlay.
    let advice = site.root.join("content/advice/index.md");
    std::fs::write(&advice, "+++\ntitle = \"Advice\"\n+++\n## Sleeping safely\n\n[The leaflet](leaflet.pdf) and [back](../about.md#who-we-are).\n").expect("edit");
    let page = wait_for_page(server, events, "/advice/", |page| {
        page.contains("rs-overlay")
    });
    assert_contains(&page, "missing-anchor");
    assert_contains(&page, "content/about.md:10:");
    assert_contains(&page, "id=\"safer-sleep\"");
    // Fixed again: the overlay goes.
    std::fs::write(&advice, "+++\ntitle = \"Advice\"\n+++\n## Safer sleep\n\nUpdated. [The leaflet](leaflet.pdf) and [back](../about.md#who-we-are).\n").expect("edit");
    assert_catches_up(site, server, events, "anchor fixed");
    assert!(!server.get("/advice/").text().contains("rs-overlay"));

    // An editor's atomic save: a hidden temporary file renamed over the page.
    let temporary = site.root.join("content/.about.md.tmp-4821");
    let text = std::fs::read_to_string(&about).expect("read about");
    std::fs::write(&temporary, text.replace("New words.", "Saved atomically."))
        .expect("write temporary");
    std::fs::rename(&temporary, &about).expect("rename over");
    assert_catches_up(site, server, events, "atomic save");
    assert_contains(&server.get("/about/").text(), "Saved atomically.");

    // Swap and backup files are not content: no rebuild at all.
    site.write("content/.about.md.swp", "vim swap");
    site.write("content/about.md~", "backup");
    assert_eq!(
        events.next_rebuild_within(events.generation, Duration::from_millis(400)),
        None,
        "side files rebuilt the site"
    );
}

/// New, renamed and deleted pages and folders, a front-matter edit, a
/// template and `site.toml`: every phase again.
fn change_files(site: &SiteTest, server: &Server, events: &mut Events) {
    // A new page, a front-matter change, a rename and a deletion.
    site.write(
        "content/news.md",
        "+++\ntitle = \"News\"\nsummary = \"What is new.\"\n+++\nFirst item.\n",
    );
    assert_catches_up(site, server, events, "new page");
    site.write(
        "content/news.md",
        "+++\ntitle = \"Latest news\"\nsummary = \"What is new.\"\n+++\nFirst item.\n",
    );
    assert_catches_up(site, server, events, "front matter edit");
    std::fs::rename(
        site.root.join("content/news.md"),
        site.root.join("content/updates.md"),
    )
    .expect("rename");
    assert_catches_up(site, server, events, "rename");
    assert_eq!(server.get("/news/").status, 404);
    std::fs::remove_file(site.root.join("content/updates.md")).expect("delete");
    assert_catches_up(site, server, events, "delete");

    // A new folder of pages, then the folder renamed.
    site.write(
        "content/guides/_index.md",
        "+++\ntitle = \"Guides\"\n+++\nAll our guides.\n",
    );
    site.write(
        "content/guides/first.md",
        "+++\ntitle = \"First guide\"\n+++\nStep one.\n",
    );
    assert_catches_up(site, server, events, "new folder");
    std::fs::rename(
        site.root.join("content/guides"),
        site.root.join("content/help"),
    )
    .expect("rename folder");
    assert_catches_up(site, server, events, "renamed folder");
    assert_eq!(server.get("/guides/first/").status, 404);
    assert_eq!(server.get("/help/first/").status, 200);

    // A template of the site's own, then site.toml.
    site.write("layouts/page.html", "{% extends \"base.html\" %}{% block main %}<h1>{{ page.title }}</h1><p class=\"own\">Own layout</p>{{ page.content|safe }}{% endblock %}");
    assert_catches_up(site, server, events, "template added");
    assert_contains(&server.get("/about/").text(), "Own layout");
    let config = site.root.join("site.toml");
    let toml = std::fs::read_to_string(&config).expect("read site.toml");
    std::fs::write(&config, toml.replacen("title = \"", "title = \"The ", 1)).expect("edit");
    assert_catches_up(site, server, events, "site.toml edit");

    let printed = server.printed().join("\n");
    assert_contains(&printed, "content/about.md changed: 1 page rebuilt in ");
    assert_contains(&printed, "site.toml changed: everything rebuilt (");
}

#[test]
fn broken_front_matter_keeps_the_last_good_page_with_the_problem_on_top() {
    let site = SiteTest::new("links-every-kind-working");
    let server = Server::start(&site, &[]);
    let mut events = server.events();
    site.write(
        "content/about.md",
        "+++\ntitle = \"About\n+++\n## Who we are\n\nA short body.\n",
    );
    let html = wait_for_page(&server, &mut events, "/about/", |page| {
        page.contains("invalid-toml")
    });
    assert_eq!(
        server.get("/about/").status,
        200,
        "the last good page is still served"
    );
    assert!(
        !html.contains("A short body."),
        "the broken version is not served"
    );
    assert_contains(&html, "Who we are");
    assert_contains(&html, "<aside class=\"rs-overlay\" role=\"alert\"");
    assert_contains(&html, "error[invalid-toml]");
    assert_contains(&html, "--&gt; content/about.md:2:");
    assert_contains(&html, "help:");
    assert_contains(&html, "/__reportsite/overlay.css");
    // Every page shows it, not only the broken one.
    assert_contains(&server.get("/advice/").text(), "rs-overlay");
    site.write(
        "content/about.md",
        "+++\ntitle = \"About\"\n+++\n## Who we are\n\nA short body.\n",
    );
    let fixed = wait_for_page(&server, &mut events, "/about/", |page| {
        !page.contains("rs-overlay")
    });
    assert_contains(&fixed, "A short body.");
}

#[test]
fn hundreds_of_rapid_edits_leave_the_server_responsive_and_memory_flat() {
    let site = SiteTest::new("links-every-kind-working");
    let server = Server::start(&site, &[]);
    let mut events = server.events();
    let about = site.root.join("content/about.md");
    let original = std::fs::read_to_string(&about).expect("read about");
    let edit = |round: usize| {
        let text = if round % 7 == 3 {
            "+++\ntitle = \"About\n+++\nbroken\n".to_string()
        } else {
            original.replace("## Who we are", &format!("## Who we are\n\nEdit {round}."))
        };
        std::fs::write(&about, text).expect("edit");
    };
    for round in 0..100 {
        edit(round);
    }
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(server.get("/about/").status, 200);
    let before = server.memory_kb();
    for round in 100..500 {
        edit(round);
        if round % 50 == 0 {
            assert_eq!(server.get("/").status, 200, "responsive during edits");
        }
    }
    std::fs::write(
        &about,
        original.replace("## Who we are", "## Who we are\n\nFinal edit."),
    )
    .expect("edit");
    wait_for_page(&server, &mut events, "/about/", |page| {
        page.contains("Final edit.") && !page.contains("rs-overlay")
    });
    let after = server.memory_kb();
    assert!(
        after < before + 30_000,
        "memory grew from {before} kB to {after} kB over 400 edits"
    );
}

#[test]
fn a_port_in_use_is_explained_with_a_free_one() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("address").port().to_string();
    let site = SiteTest::new("links-every-kind-working");
    let run = site.run(&["serve", "--port", &port]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_contains(
        &run.stderr,
        &format!("port {port} on 127.0.0.1 is already in use; try --port "),
    );
}

/// Issue 17: editing a translation's words (the fast path) and adding a
/// translation (which changes where other pages' links go) are served
/// exactly as a full build writes them.
#[test]
fn editing_and_adding_translations_is_served_as_a_full_build_would_write_it() {
    let site = SiteTest::new("translated-pages");
    let server = Server::start(&site, &[]);
    let mut events = server.events();
    assert_eq!(equals_full_build(&site, &server), Ok(()));

    let welsh = site.root.join("content/about.cy.md");
    let text = std::fs::read_to_string(&welsh).expect("read the Welsh page");
    std::fs::write(
        &welsh,
        text.replace(
            "## Pwy ydym ni",
            "## Pwy ydym ni\n\nGeiriau newydd.\n\n## Ein hanes",
        ),
    )
    .expect("edit");
    assert_catches_up(&site, &server, &mut events, "translation body edit");
    assert_contains(&server.get("/cy/amdanom/").text(), "id=\"ein-hanes\"");

    site.write(
        "content/contact.cy.md",
        "+++\ntitle = \"Cysylltu â ni\"\n+++\n## Ffôn\n\nFfoniwch 0116 000 0000.\n",
    );
    assert_catches_up(&site, &server, &mut events, "a new translation");
    assert_contains(
        &server.get("/cy/amdanom/").text(),
        r#"<a href="/cy/contact/">Ffoniwch ni</a>"#,
    );
}

/// A raw HTTP/1.1 POST of `body` to `path` with `origin` (if any).
fn post(port: u16, path: &str, origin: Option<&str>, body: &[u8]) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let origin = origin.map_or(String::new(), |origin| format!("Origin: {origin}\r\n"));
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{origin}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).expect("send head");
    // A server may answer (413) before reading a large body: ignore a
    // broken pipe then, and read what it said.
    let _ = stream.write_all(body);
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    parse_response(&raw)
}

/// With `[cms]`, serve is the browser editor's backend: only a page of
/// this server carrying the token the admin page was given may use it,
/// only within content/ and static/, and what it saves is built at once.
#[test]
fn the_browser_editor_saves_through_serve_and_nothing_else_can() {
    let site = SiteTest::new("translated-catalogue");
    let toml = std::fs::read_to_string(site.root.join("site.toml")).expect("site.toml");
    site.write(
        "site.toml",
        &format!("{toml}\n[cms]\nbackend = \"github\"\nrepo = \"northshire/website\"\n"),
    );
    let server = Server::start(&site, &[]);
    let mut events = server.events();
    let admin = server.get("/admin/").text();
    let token = admin
        .split("name=\"reportsite-cms-token\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the admin page carries the token")
        .to_string();
    assert_eq!(token.len(), 48);
    assert!(
        !server.get("/").text().contains(&token),
        "only the admin page has it"
    );
    let origin = format!("http://127.0.0.1:{}", server.port);
    let api = format!("/api/v1?token={token}");
    let info = br#"{"action":"info"}"#;
    let ok = post(server.port, &api, Some(&origin), info);
    assert_eq!(ok.status, 200, "{}", ok.text());
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&ok.text()).expect("JSON"),
        serde_json::json!({"repo": "site", "publish_modes": ["simple"], "type": "local_fs"})
    );
    for (path, from, why) in [
        (api.as_str(), Some("http://evil.example"), "another site"),
        (api.as_str(), None, "no origin"),
        ("/api/v1", Some(origin.as_str()), "no token"),
        ("/api/v1?token=0000", Some(origin.as_str()), "a wrong token"),
    ] {
        let refused = post(server.port, path, from, info);
        assert_eq!(refused.status, 403, "{why}: {}", refused.text());
    }
    let escape = br#"{"action":"persistMedia","params":{"branch":"main","asset":{"path":"content/../site.toml","content":"eA==","encoding":"base64"}}}"#;
    assert_eq!(post(server.port, &api, Some(&origin), escape).status, 422);
    let big = vec![b' '; 40 * 1024 * 1024];
    assert_eq!(post(server.port, &api, Some(&origin), &big).status, 413);
    assert_eq!(
        std::fs::read_to_string(site.root.join("site.toml")).expect("site.toml"),
        format!("{toml}\n[cms]\nbackend = \"github\"\nrepo = \"northshire/website\"\n")
    );
    saves_only_what_passes_the_check(&site, &server, &mut events, &(api, origin));
}

/// A save whose page has an error (here a quoted date, which the editor's
/// script unquotes but another client might not) is refused with the
/// diagnostic, file and line, and leaves nothing behind; a good one is on
/// disk and served.
fn saves_only_what_passes_the_check(
    site: &SiteTest,
    server: &Server,
    events: &mut Events,
    (api, origin): &(String, String),
) {
    let save = |published: &str| {
        let raw = format!(
            "+++\ntitle = \"Bath time\"\nsummary = \"Keeping babies safe in the bath.\"\naudiences = [\"parents-and-carers\"]\ntopics = [\"safer-sleeping\"]\nformat = \"leaflet\"\nfile = \"bath-time.pdf\"\npublished = {published}\nreview_by = 2027-05-01\n+++\nThe leaflet.\n"
        );
        let request = serde_json::json!({"action": "persistEntry", "params": {
            "branch": "main",
            "dataFiles": [{"path": "content/resources/bath-safety/index.md", "slug": "bath-safety/index", "raw": raw}],
            "assets": [{"path": "content/resources/bath-safety/bath-time.pdf", "content": "JVBERi0xLjQKJcTl8uXrCg==", "encoding": "base64"}],
            "options": {"newEntry": true, "commitMessage": "Create resources bath-safety"}
        }});
        post(
            server.port,
            api,
            Some(origin),
            request.to_string().as_bytes(),
        )
    };
    let refused = save("\"2025-05-01\"");
    assert_eq!(refused.status, 422, "{}", refused.text());
    assert_contains(
        &refused.text(),
        "content/resources/bath-safety/index.md:8: error[invalid-value]",
    );
    assert_contains(&refused.text(), "write dates as plain calendar dates");
    assert!(!site.root.join("content/resources/bath-safety").exists());
    let saved = save("2025-05-01");
    assert_eq!(saved.status, 200, "{}", saved.text());
    assert!(
        site.root
            .join("content/resources/bath-safety/bath-time.pdf")
            .is_file()
    );
    let page = wait_for_page(server, events, "/resources/bath-safety/", |page| {
        page.contains("<h1>Bath time</h1>")
    });
    assert_contains(&page, "bath-time.pdf");
}
