//! Captions must be real WebVTT: a video page promises captions, and a
//! file that players reject gives deaf viewers nothing.
//!
//! Invariant: problems are reported at the line of the captions file.

use crate::diagnostics::{Code, Diagnostic, Span};
use crate::source::FileId;
use crate::source::SourceFile;

/// Checks the `WEBVTT` header and every cue timing line.
pub fn check_webvtt(file: FileId, source: &SourceFile) -> Vec<Diagnostic> {
    let text = &source.text;
    let mut diagnostics = Vec::new();
    let first_line = text.lines().next().unwrap_or_default();
    if !(first_line == "WEBVTT"
        || first_line.starts_with("WEBVTT ")
        || first_line.starts_with("WEBVTT\t"))
    {
        diagnostics.push(
            Diagnostic::error(Code::InvalidCaptions, Span::new(file, 0..first_line.len()), "captions must start with the line WEBVTT")
                .with_help("save the captions as WebVTT (.vtt): the first line is WEBVTT, then a blank line, then the cues"),
        );
        return diagnostics;
    }
    let mut offset = 0;
    let mut cues = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end();
        if content.contains("-->") {
            cues += 1;
            if let Some(problem) = timing_problem(content) {
                diagnostics.push(
                    Diagnostic::error(Code::InvalidCaptions, Span::new(file, offset..offset + content.len()), problem)
                        .with_help("write cue times as 00:01.000 --> 00:04.500 (minutes:seconds.milliseconds), each cue ending after it starts"),
                );
            }
        }
        offset += line.len();
    }
    if cues == 0 {
        diagnostics.push(
            Diagnostic::error(
                Code::InvalidCaptions,
                Span::new(file, 0..first_line.len()),
                "these captions have no cues",
            )
            .with_help(
                "add the words of the video with their times, such as 00:00.000 --> 00:03.000",
            ),
        );
    }
    diagnostics
}

fn timing_problem(line: &str) -> Option<String> {
    let (start, rest) = line.split_once("-->")?;
    let end = rest.split_whitespace().next().unwrap_or_default();
    match (timestamp(start.trim()), timestamp(end)) {
        (Some(start), Some(end)) if end > start => None,
        (Some(_), Some(_)) => Some("this cue ends before it starts".to_string()),
        _ => Some(format!("'{}' is not a cue timing", line.trim())),
    }
}

/// `hh:mm:ss.ttt` or `mm:ss.ttt` in milliseconds.
fn timestamp(text: &str) -> Option<u64> {
    let (clock, millis) = text.split_once('.')?;
    if millis.len() != 3 {
        return None;
    }
    let parts: Vec<u64> = clock
        .split(':')
        .map(|part| {
            if part.len() >= 2 {
                part.parse().ok()
            } else {
                None
            }
        })
        .collect::<Option<_>>()?;
    let seconds = match parts.as_slice() {
        [minutes, seconds] if *seconds < 60 => minutes * 60 + seconds,
        [hours, minutes, seconds] if *minutes < 60 && *seconds < 60 => {
            hours * 3600 + minutes * 60 + seconds
        }
        _ => return None,
    };
    Some(seconds * 1000 + millis.parse::<u64>().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceMap;

    fn codes(text: &str) -> Vec<(usize, String)> {
        let mut sources = SourceMap::new();
        let file = sources.add("captions.vtt", text.to_string());
        check_webvtt(file, sources.file(file))
            .into_iter()
            .map(|d| {
                (
                    d.span
                        .map_or(0, |s| sources.file(file).line_col(s.range.start).line),
                    d.message,
                )
            })
            .collect()
    }

    #[test]
    fn accepts_valid_captions() {
        assert!(codes("WEBVTT\n\n00:00.500 --> 00:03.000\nHello.\n\n01:00:00.000 --> 01:00:02.000 align:start\nBye.\n").is_empty());
    }

    #[test]
    fn reports_the_line_of_a_bad_cue() {
        let found = codes(
            "WEBVTT\n\n00:00.500 --> 00:03.000\nHello.\n\n00:05.000 --> 00:04.000\nBack.\n\n0:7 --> 0:9\nx\n",
        );
        assert_eq!(
            found.iter().map(|(line, _)| *line).collect::<Vec<_>>(),
            [6, 9]
        );
    }

    #[test]
    fn needs_the_header_and_a_cue() {
        assert_eq!(codes("1\n00:00.000 --> 00:01.000\nHi\n").len(), 1);
        assert_eq!(codes("WEBVTT\n").len(), 1);
    }
}
