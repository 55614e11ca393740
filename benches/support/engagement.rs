//! `reportsite engagement` on generated access logs of the demo site: a
//! year of a busy partnership site's requests (pages, documents read in
//! parts, assets, bots, short links, QR scans, old addresses, not found),
//! at 1 and 5 million lines, plain and gzip: lines per second and peak
//! memory (which should not grow with the log).

use std::io::Write;
use std::path::Path;

const BROWSERS: [&str; 6] = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
];
const BOTS: [&str; 3] = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)",
];
const PAGES: [&str; 8] = [
    "/",
    "/resources/",
    "/resources/icon-leaflet/",
    "/resources/nspcc",
    "/videos/icon-babies-cry-you-can-cope/",
    "/priorities/safeguarding-babies/",
    "/reports/2024-25/",
    "/report-a-concern/index.html",
];
const ASSETS: [&str; 4] = [
    "/css/site.css",
    "/js/site.js",
    "/favicon.svg",
    "/pagefind/pagefind.js",
];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// One request of the made-up year, chosen by `n`.
fn line(n: u64) -> String {
    let client = format!("10.{}.{}.{}", n % 7, (n / 7) % 251, (n / 1757) % 113);
    let day = format!(
        "{:02}/{}/2025:{:02}:14:07 +0000",
        1 + n % 28,
        MONTHS[(n / 28 % 12) as usize],
        n % 24
    );
    let agent = match n % 100 {
        0..15 => BOTS[(n % 3) as usize],
        _ => BROWSERS[(n % 6) as usize],
    };
    let (path, status) = match n % 20 {
        0..8 => (ASSETS[(n % 4) as usize], 200),
        8..15 => (
            PAGES[(n % 8) as usize],
            if n.is_multiple_of(9) { 304 } else { 200 },
        ),
        15 | 16 => (
            "/resources/icon-leaflet/icon-leaflet.pdf",
            if n.is_multiple_of(2) { 206 } else { 200 },
        ),
        17 => (
            ["/r/icon-leaflet/", "/r/icon-leaflet/qr/", "/icon/"][(n % 3) as usize],
            200,
        ),
        18 => ("/videos/icon-babies-cry-you-can-cope/play/", 200),
        _ => ("/resources/icon-leaflett/", 404),
    };
    format!(
        "{client} - - [{day}] \"GET {path} HTTP/1.1\" {status} 5120 \"https://www.google.com/\" \"{agent}\"\n"
    )
}

fn write_log(path: &Path, lines: u64, gzip: bool) -> u64 {
    let file = std::fs::File::create(path).expect("log file");
    let mut out: Box<dyn Write> = match gzip {
        true => Box::new(flate2::write::GzEncoder::new(
            std::io::BufWriter::new(file),
            flate2::Compression::fast(),
        )),
        false => Box::new(std::io::BufWriter::new(file)),
    };
    for n in 0..lines {
        out.write_all(line(n).as_bytes()).expect("write log");
    }
    out.flush().expect("flush log");
    drop(out);
    std::fs::metadata(path).map(|meta| meta.len()).unwrap_or(0)
}

pub fn print_engagement_speed() {
    println!(
        "\n`reportsite engagement` on generated access logs of the demo (Combined Log Format; 15% bots, 40% assets; release build, separate process, peak memory from GNU time):"
    );
    let dir = tempfile::tempdir().expect("temporary folder");
    for (lines, gzip) in [(1_000_000, false), (5_000_000, false), (5_000_000, true)] {
        let name = format!("access-{lines}.log{}", if gzip { ".gz" } else { "" });
        let path = dir.path().join(&name);
        let bytes = write_log(&path, lines, gzip);
        let args = ["engagement", "--format", "json"].map(std::ffi::OsStr::new);
        let mut args: Vec<&std::ffi::OsStr> = args.to_vec();
        args.push(path.as_os_str());
        match super::hugo::timed(env!("CARGO_BIN_EXE_reportsite"), &args) {
            Ok((seconds, peak_kb)) => println!(
                "  {lines:>9} lines, {:>5.0} MB{}: {seconds:.2} s, {:.1} million lines/s, {:.0} MB/s read, peak {:.0} MB",
                bytes as f64 / 1e6,
                if gzip { " gzip" } else { "" },
                lines as f64 / seconds / 1e6,
                bytes as f64 / seconds / 1e6,
                peak_kb as f64 / 1024.0
            ),
            Err(error) => println!("  {name}: {error}"),
        }
        let _ = std::fs::remove_file(&path);
    }
}
