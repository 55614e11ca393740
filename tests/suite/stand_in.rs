//! A stand-in for outside websites: a tiny HTTP server on 127.0.0.1 with
//! one path per behaviour (200, 301, 302, 404, 429 with Retry-After, a slow
//! answer, a server that refuses HEAD), and oEmbed endpoints under
//! `/oembed/` that answer by the video id asked about. Every request is
//! recorded.
//!
//! Bounded: it stops when dropped, and in any case after `LIFETIME`.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

const LIFETIME: Duration = Duration::from_secs(120);

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub user_agent: String,
}

pub struct StandIn {
    pub port: u16,
    seen: Arc<Mutex<Vec<Seen>>>,
    stop: Arc<AtomicBool>,
}

impl StandIn {
    pub fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        listener
            .set_nonblocking(true)
            .expect("non-blocking listener");
        let port = listener.local_addr().expect("address").port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (seen_by_server, stop_server) = (seen.clone(), stop.clone());
        thread::spawn(move || serve(&listener, &seen_by_server, &stop_server));
        Self { port, seen, stop }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().expect("requests").clone()
    }

    pub fn count(&self, path: &str) -> usize {
        self.seen()
            .iter()
            .filter(|request| request.path == path)
            .count()
    }
}

impl Drop for StandIn {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn serve(listener: &TcpListener, seen: &Arc<Mutex<Vec<Seen>>>, stop: &Arc<AtomicBool>) {
    let started = Instant::now();
    while !stop.load(Ordering::Relaxed) && started.elapsed() < LIFETIME {
        match listener.accept() {
            Ok((stream, _)) => {
                let seen = seen.clone();
                thread::spawn(move || answer(stream, &seen));
            }
            Err(_) => thread::sleep(Duration::from_millis(5)),
        }
    }
}

fn answer(stream: TcpStream, seen: &Arc<Mutex<Vec<Seen>>>) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(&stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let mut user_agent = String::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).is_err() || header.trim().is_empty() {
            break;
        }
        if let Some(value) = header.to_ascii_lowercase().strip_prefix("user-agent:") {
            user_agent = value.trim().to_string();
        }
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_string();
    let path = parts.next().unwrap_or_default().to_string();
    let earlier = {
        let mut seen = seen.lock().expect("requests");
        let earlier = seen.iter().filter(|request| request.path == path).count();
        seen.push(Seen {
            method: method.clone(),
            path: path.clone(),
            user_agent,
        });
        earlier
    };
    let (status, extra) = route(&method, &path, earlier);
    let response =
        format!("HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n{extra}\r\n");
    let _ = (&stream).write_all(response.as_bytes());
}

/// The behaviour of each path; `earlier` counts earlier requests to it.
fn route(method: &str, path: &str, earlier: usize) -> (&'static str, String) {
    match path {
        "/ok" => ("200 OK", String::new()),
        _ if path.starts_with("/ok/") => ("200 OK", String::new()),
        "/moved" => ("301 Moved Permanently", "Location: /ok\r\n".to_string()),
        "/temporary" => ("302 Found", "Location: /ok\r\n".to_string()),
        "/missing" => ("404 Not Found", String::new()),
        "/busy" if earlier == 0 => ("429 Too Many Requests", "Retry-After: 1\r\n".to_string()),
        "/busy" => ("200 OK", String::new()),
        "/slow" => {
            thread::sleep(Duration::from_secs(3));
            ("200 OK", String::new())
        }
        "/no-head" if method == "HEAD" => ("405 Method Not Allowed", String::new()),
        "/no-head" => ("200 OK", String::new()),
        _ if path.starts_with("/oembed/") => (oembed(path), String::new()),
        _ => ("404 Not Found", String::new()),
    }
}

/// What YouTube's and Vimeo's oEmbed endpoints answer, by the video id in
/// the address asked about: 404 for a removed video, 401 (YouTube) for a
/// private one, 403 (Vimeo) for one that may not be embedded, and a server
/// fault for `Broken…`.
fn oembed(path: &str) -> &'static str {
    if path.contains("Gone") {
        "404 Not Found"
    } else if path.contains("Private") {
        "401 Unauthorized"
    } else if path.contains("Forbidden") {
        "403 Forbidden"
    } else if path.contains("Broken") {
        "500 Internal Server Error"
    } else {
        "200 OK"
    }
}
