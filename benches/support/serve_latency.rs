//! Edit → reload-event latency of `reportsite serve`: the real binary on a
//! loopback port, a page body edited 50 times, the time from each write to
//! the server-sent event that tells open pages to reload.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const EDITS: usize = 50;

/// Median and 95th percentile in milliseconds, or why it could not run.
pub fn measure(root: &Path, page: &str) -> Result<(f64, f64), String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_reportsite"))
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| format!("start serve: {e}"))?;
    let result = run_edits(&mut child, root, page);
    let _ = child.kill();
    let _ = child.wait();
    result
}

fn run_edits(
    child: &mut std::process::Child,
    root: &Path,
    page: &str,
) -> Result<(f64, f64), String> {
    let stderr = child.stderr.take().ok_or("no stderr")?;
    let mut lines = BufReader::new(stderr).lines();
    let port: u16 = loop {
        let line = lines
            .next()
            .ok_or("serve stopped")?
            .map_err(|e| e.to_string())?;
        if let Some(rest) = line.strip_prefix("serving http://127.0.0.1:") {
            break rest
                .split('/')
                .next()
                .and_then(|p| p.parse().ok())
                .ok_or("no port")?;
        }
    };
    // Keep reading the terminal so serve never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    let mut events = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    events
        .set_read_timeout(Some(Duration::from_secs(60)))
        .map_err(|e| e.to_string())?;
    write!(
        events,
        "GET /__reportsite/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    let mut seen = wait_for_build(&mut events, 0)?;
    let path = root.join(page);
    let original = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
    let mut latencies = Vec::with_capacity(EDITS);
    for edit in 0..EDITS {
        let started = Instant::now();
        std::fs::write(&path, format!("{original}\nEdit number {edit}.\n"))
            .map_err(|e| e.to_string())?;
        seen = wait_for_build(&mut events, seen)?;
        latencies.push(started.elapsed().as_secs_f64() * 1000.0);
        std::thread::sleep(Duration::from_millis(40));
    }
    std::fs::write(&path, original).map_err(|e| e.to_string())?;
    latencies.sort_by(f64::total_cmp);
    let at = |share: f64| latencies[((latencies.len() - 1) as f64 * share).round() as usize];
    Ok((at(0.5), at(0.95)))
}

/// Reads events until one names a build after `after` (bounded by the
/// socket's read timeout).
fn wait_for_build(stream: &mut TcpStream, after: u64) -> Result<u64, String> {
    let mut buffer = String::new();
    let mut chunk = [0u8; 4096];
    loop {
        let read = stream
            .read(&mut chunk)
            .map_err(|e| format!("no reload event: {e}"))?;
        if read == 0 {
            return Err("the event stream closed".into());
        }
        buffer.push_str(&String::from_utf8_lossy(&chunk[..read]));
        // Quiet events (the search index catching up) are not reloads.
        let newest = buffer
            .split("data: ")
            .filter(|event| event.contains("\"quiet\":false"))
            .filter_map(|event| event.split("\"generation\":\"").nth(1))
            .filter_map(|rest| rest.split('"').next()?.parse::<u64>().ok())
            .max();
        if let Some(generation) = newest.filter(|&g| g > after) {
            return Ok(generation);
        }
    }
}
