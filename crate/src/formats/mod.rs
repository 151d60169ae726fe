//! Log formats as data: each declares its platform, how to read one line's
//! prefix (time, thread, message), the signatures that apply, and real sample
//! lines that a test proves are detected as that format.

mod cloud_extension;
mod ios_console;
mod ios_log_json;
mod omadm;
pub mod reader;
pub mod windows;
mod windows_stream;

use std::borrow::Cow;

use crate::core::event::{Event, Thread};
use crate::core::model::Platform;
use crate::core::time::LogTime;
use crate::rules::RuleSet;

pub struct Format {
    /// Stable id used in the report (`sources[].format`).
    pub id: &'static str,
    pub platform: Platform,
    /// What people call it.
    pub title: &'static str,
    /// Real lines in this format, each proven by a test to be detected as it.
    pub samples: &'static [&'static str],
    /// Reads a line's prefix columns; `None` for formats known only by keywords.
    /// A format with a [`Format::split`] uses it only to recognize its lines
    /// when detecting.
    pub header: Option<fn(&str) -> Option<Header<'_>>>,
    /// Splits the whole input into records itself, for block formats (event
    /// details, XML) where a line prefix does not mark where a record starts.
    /// `header` then only scores detection.
    pub split: Option<Splitter>,
    pub rules: fn() -> &'static RuleSet,
}

/// Splits a whole input into records (see [`Format::split`]).
pub type Splitter = for<'a> fn(&[&'a str]) -> Vec<Record<'a>>;

/// What a line's prefix columns say.
pub struct Header<'a> {
    pub time: Option<LogTime>,
    pub thread: Option<Thread>,
    /// The process that wrote the line, when the format says.
    pub process: Option<&'a str>,
    pub message: &'a str,
}

/// Every format SCEP Doctor reads, in detection priority order.
pub static FORMATS: &[Format] = &[
    omadm::FORMAT,
    cloud_extension::FORMAT,
    ios_console::FORMAT,
    windows::FORMAT,
    ios_log_json::FORMAT,
];

/// How many lines from the top decide the format (then the whole input is
/// searched for keywords only if nothing was found).
const DETECT_LINES: usize = 2000;

/// Picks the format whose prefixes and signatures best explain the lines.
pub fn detect(lines: &[&str]) -> Option<&'static Format> {
    let head = &lines[..lines.len().min(DETECT_LINES)];
    best(head, true).or_else(|| {
        if lines.len() > DETECT_LINES {
            best(&lines[DETECT_LINES..], false)
        } else {
            None
        }
    })
}

/// The format whose prefixes (when `with_headers`) and needles best explain
/// the lines, if any explains one.
pub fn best(lines: &[&str], with_headers: bool) -> Option<&'static Format> {
    let mut best: Option<(&'static Format, usize)> = None;
    for format in FORMATS {
        let rules = (format.rules)();
        let mut score = 0usize;
        for line in lines {
            if with_headers && format.header.is_some_and(|h| h(line).is_some()) {
                score += 3;
            }
            if rules.mentions(line) {
                score += 1;
            }
        }
        if score > best.map_or(0, |(_, s)| s) {
            best = Some((format, score));
        }
    }
    best.map(|(f, _)| f)
}

/// One log record: a prefixed line and the lines that continue it.
pub struct Record<'a> {
    pub time: Option<LogTime>,
    pub thread: Option<Thread>,
    pub process: Option<Cow<'a, str>>,
    /// (0-based line index, text) of each line of the message. A format with
    /// its own splitter may give normalized text it built itself.
    pub parts: Vec<(usize, Cow<'a, str>)>,
}

/// A record holds at most this many lines; a longer run of unprefixed lines is
/// more likely pasted text than one message.
pub const MAX_RECORD_LINES: usize = 256;

/// Splits lines into records. Lines without the format's prefix continue the
/// record above them (stack traces, wrapped XML); when no line has a prefix
/// (text pasted without its columns), every line is a record of its own.
pub fn records<'a>(format: &Format, lines: &[&'a str]) -> Vec<Record<'a>> {
    if let Some(split) = format.split {
        return split(lines);
    }
    let mut out: Vec<Record<'a>> = Vec::new();
    let mut open = false;
    for (i, line) in lines.iter().enumerate() {
        let header = format.header.and_then(|h| h(line));
        match header {
            Some(h) => {
                out.push(Record {
                    time: h.time,
                    thread: h.thread,
                    process: h.process.map(Cow::Borrowed),
                    parts: vec![(i, Cow::Borrowed(h.message))],
                });
                open = true;
            }
            None => match out.last_mut() {
                Some(last) if open && last.parts.len() < MAX_RECORD_LINES => {
                    last.parts.push((i, Cow::Borrowed(line)))
                }
                _ => {
                    out.push(Record {
                        time: None,
                        thread: None,
                        process: None,
                        parts: vec![(i, Cow::Borrowed(line))],
                    });
                    open = false;
                }
            },
        }
    }
    out
}

/// Runs the format's signatures over its lines. Returns the events and the
/// number of distinct lines that produced one.
pub fn events(format: &'static Format, source: usize, lines: &[&str]) -> (Vec<Event>, usize) {
    let mut reader = reader::RecordReader::new(format, source);
    reader.push_lines(0, lines);
    let found = reader.finish();
    (found.events, found.recognized)
}

/// Runs the format's signatures over records already split.
pub fn record_events(format: &Format, source: usize, records: Vec<Record>) -> (Vec<Event>, usize) {
    let rules = (format.rules)();
    let mut found = reader::Found::default();
    for record in records {
        reader::read_record(rules, source, record, &mut found);
    }
    (found.events, found.recognized)
}

/// The line index holding byte `offset` of the record's joined text.
pub(crate) fn line_at(parts: &[(usize, Cow<str>)], offset: usize) -> usize {
    let mut start = 0;
    for (line, text) in parts {
        let end = start + text.len();
        if offset <= end {
            return *line;
        }
        start = end + 1;
    }
    parts.last().map_or(0, |(line, _)| *line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sample_line_is_detected_as_its_format() {
        for format in FORMATS {
            assert!(!format.samples.is_empty(), "{} has no samples", format.id);
            for sample in format.samples {
                let detected = detect(&[sample]).map(|f| f.id);
                assert_eq!(detected, Some(format.id), "sample: {sample}");
            }
        }
    }

    #[test]
    fn every_rule_table_compiles() {
        for format in FORMATS {
            crate::rules::check_table((format.rules)().rules());
        }
    }

    #[test]
    fn every_fallback_compiles() {
        for format in FORMATS {
            if let Some(f) = (format.rules)().fallback() {
                assert!(regex::Regex::new(f.pattern).is_ok(), "{}", f.name);
                assert!(!f.processes.is_empty(), "{}", f.name);
            }
        }
    }

    #[test]
    fn noise_is_no_format() {
        assert!(detect(&["hello world", "GET / HTTP/1.1", ""]).is_none());
        assert!(detect(&[]).is_none());
    }
}
