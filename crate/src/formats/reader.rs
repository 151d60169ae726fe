//! Reads one source's records as its lines arrive, in batches of any size,
//! and runs the format's signatures on each record once it is complete.
//!
//! Most lines of a real log are noise. A stretch of text in which no needle
//! (and no fallback pattern) occurs cannot produce an event, so only its first
//! and last [`MAX_RECORD_LINES`] lines are read: they close the record that
//! came in from the batch before and open the one that may go on into the
//! next. Everything in between is counted and skipped. Block formats (with a
//! [`Format::split`]) need their whole text and keep it until the end.

use std::borrow::Cow;

use super::{line_at, Format, Record, MAX_RECORD_LINES};
use crate::decode::split_lines;
use crate::event::{Event, Thread};
use crate::rules::RuleSet;
use crate::time::LogTime;

/// A stretch of text checked for needles at once: small enough that one
/// needle does not send much noise down the slow path, large enough that the
/// check costs little per byte.
const SPAN_BYTES: usize = 64 << 10;

/// Lines read from each end of a quiet span: a record holds at most
/// [`MAX_RECORD_LINES`], so this closes the one that came in and finds the one
/// that goes on.
const EDGE_LINES: usize = MAX_RECORD_LINES + 1;

pub struct RecordReader {
    format: &'static Format,
    rules: &'static RuleSet,
    source: usize,
    /// The record the next lines may continue.
    open: Option<OpenRecord>,
    /// Whether an unprefixed line continues the last record (it started with
    /// a prefix and is not full).
    continues: bool,
    /// Block formats: the text so far, one line per `\n`.
    whole: Option<String>,
    out: Found,
}

/// What the reader found.
#[derive(Default)]
pub struct Found {
    pub events: Vec<Event>,
    /// Distinct lines that produced an event (not counting fallback evidence).
    pub recognized: usize,
    /// (0-based line index, text) of every line that produced an event.
    pub cited: Vec<(usize, String)>,
    last_line: Option<usize>,
}

/// A record carried from one batch to the next, owning its text.
struct OpenRecord {
    time: Option<LogTime>,
    thread: Option<Thread>,
    process: Option<String>,
    parts: Vec<(usize, String)>,
    /// The first line whole (`parts` holds only its message).
    first_line: String,
}

impl RecordReader {
    pub fn new(format: &'static Format, source: usize) -> RecordReader {
        RecordReader {
            format,
            rules: (format.rules)(),
            source,
            open: None,
            continues: false,
            whole: format.split.is_some().then(String::new),
            out: Found::default(),
        }
    }

    /// Reads complete lines given as one text (it ends with a line end, or is
    /// the input's last text); `first` is the 0-based index of its first line.
    /// Returns how many lines it held.
    pub fn push_text(&mut self, first: usize, text: &str) -> usize {
        if self.whole.is_some() {
            let lines: Vec<&str> = split_lines(text).map(|(l, _)| l).collect();
            self.push_lines(first, &lines);
            return lines.len();
        }
        let mut index = first;
        let mut rest = text;
        while !rest.is_empty() {
            // Cut at the first line end after SPAN_BYTES.
            let cut = rest
                .as_bytes()
                .get(SPAN_BYTES..)
                .and_then(|after| memchr::memchr2(b'\n', b'\r', after))
                .map_or(rest.len(), |p| p + SPAN_BYTES + 1);
            let cut = match rest.as_bytes().get(cut - 1..=cut) {
                Some(b"\r\n") => cut + 1,
                _ => cut,
            };
            let (span, after) = rest.split_at(cut.min(rest.len()));
            let lines: Vec<&str> = split_lines(span).map(|(l, _)| l).collect();
            if !self.rules.may_match(span) && lines.len() > 2 * EDGE_LINES {
                self.push_lines(index, &lines[..EDGE_LINES]);
                self.close_open();
                self.continues = false;
                let tail = lines.len() - EDGE_LINES;
                let header = self.format.header;
                let last_start = (tail..lines.len())
                    .rev()
                    .find(|&i| header.is_some_and(|h| lines.get(i).and_then(|l| h(l)).is_some()));
                if let Some(start) = last_start {
                    self.push_lines(index + start, lines.get(start..).unwrap_or_default());
                }
            } else {
                self.push_lines(index, &lines);
            }
            index += lines.len();
            rest = after;
        }
        index - first
    }

    /// Reads complete lines; `first` is the 0-based index of the first.
    pub fn push_lines(&mut self, first: usize, lines: &[&str]) {
        if let Some(whole) = self.whole.as_mut() {
            for line in lines {
                whole.push_str(line);
                whole.push('\n');
            }
            return;
        }
        let header = self.format.header;
        // The record being built from this batch's lines (borrowed).
        let mut current: Option<Record> = None;
        for (k, line) in lines.iter().enumerate() {
            let i = first + k;
            if let Some(h) = header.and_then(|h| h(line)) {
                self.close(current.take(), first, lines);
                current = Some(Record {
                    time: h.time,
                    thread: h.thread,
                    process: h.process.map(Cow::Borrowed),
                    parts: vec![(i, Cow::Borrowed(h.message))],
                });
                self.continues = true;
                continue;
            }
            if self.continues {
                if let Some(open) = self.open.as_mut() {
                    if open.parts.len() < MAX_RECORD_LINES {
                        open.parts.push((i, line.to_string()));
                        continue;
                    }
                } else if let Some(record) = current.as_mut() {
                    if record.parts.len() < MAX_RECORD_LINES {
                        record.parts.push((i, Cow::Borrowed(line)));
                        continue;
                    }
                }
            }
            self.close(current.take(), first, lines);
            self.continues = false;
            let single = Record {
                time: None,
                thread: None,
                process: None,
                parts: vec![(i, Cow::Borrowed(line))],
            };
            self.read_record(single, |_| Some(line));
        }
        // A record still open may go on in the next batch: it keeps its text.
        if let Some(record) = current {
            if self.continues {
                let first_line = record
                    .parts
                    .first()
                    .and_then(|(i, _)| lines.get(i - first))
                    .map_or_else(String::new, |l| l.to_string());
                self.open = Some(OpenRecord {
                    time: record.time,
                    thread: record.thread,
                    process: record.process.map(Cow::into_owned),
                    parts: record
                        .parts
                        .into_iter()
                        .map(|(i, t)| (i, t.into_owned()))
                        .collect(),
                    first_line,
                });
            } else {
                self.close(Some(record), first, lines);
            }
        }
    }

    /// Closes the record carried in (if any) and then `current`.
    fn close(&mut self, current: Option<Record>, first: usize, lines: &[&str]) {
        self.close_open();
        if let Some(record) = current {
            self.read_record(record, |i| {
                i.checked_sub(first).and_then(|k| lines.get(k).copied())
            });
        }
    }

    /// Reads the record carried in from an earlier batch, if any.
    fn close_open(&mut self) {
        let Some(open) = self.open.take() else { return };
        let record = Record {
            time: open.time,
            thread: open.thread,
            process: open.process.as_deref().map(Cow::Borrowed),
            parts: open
                .parts
                .iter()
                .map(|(i, t)| (*i, Cow::Borrowed(t.as_str())))
                .collect(),
        };
        let first = open.parts.first().map(|(i, _)| *i);
        self.read_record(record, |i| {
            if Some(i) == first {
                Some(open.first_line.as_str())
            } else {
                open.parts
                    .iter()
                    .find(|(j, _)| *j == i)
                    .map(|(_, t)| t.as_str())
            }
        });
    }

    fn read_record<'t>(&mut self, record: Record, full_line: impl Fn(usize) -> Option<&'t str>) {
        let before = self.out.events.len();
        read_record(self.rules, self.source, record, &mut self.out);
        let mut last = None;
        for event in self.out.events.get(before..).unwrap_or_default() {
            let index = event.line - 1;
            if last != Some(index) {
                last = Some(index);
                if let Some(text) = full_line(index) {
                    self.out.cited.push((index, text.to_string()));
                }
            }
        }
    }

    /// The input is complete: what was found.
    pub fn finish(mut self) -> Found {
        if let Some(whole) = self.whole.take() {
            let lines: Vec<&str> = split_lines(&whole).map(|(l, _)| l).collect();
            let records = super::records(self.format, &lines);
            for record in records {
                read_record(self.rules, self.source, record, &mut self.out);
            }
            let mut cited: Vec<usize> = self.out.events.iter().map(|e| e.line - 1).collect();
            cited.sort_unstable();
            cited.dedup();
            self.out.cited = cited
                .into_iter()
                .filter_map(|i| lines.get(i).map(|l| (i, l.to_string())))
                .collect();
            return self.out;
        }
        self.close_open();
        self.out
    }
}

/// Runs the rules over one record, adding its events in line order.
pub(super) fn read_record(rules: &RuleSet, source: usize, record: Record, out: &mut Found) {
    let joined;
    let text: &str = match record.parts.as_slice() {
        [(_, only)] => only,
        parts => {
            joined = parts
                .iter()
                .map(|(_, t)| t.as_ref())
                .collect::<Vec<_>>()
                .join("\n");
            &joined
        }
    };
    let mut found = Vec::new();
    let unrecognized = rules.apply_record(
        record.process.as_deref(),
        text,
        |offset, subject, signal| found.push((offset, subject, signal)),
    );
    // Rules run one after another; keep the events in line order.
    found.sort_by_key(|(offset, _, _)| *offset);
    for (offset, subject, signal) in found {
        let line = line_at(&record.parts, offset);
        if out.last_line != Some(line) && !unrecognized {
            out.recognized += 1;
            out.last_line = Some(line);
        }
        out.events.push(Event {
            source,
            line: line + 1,
            time: record.time.clone(),
            thread: record.thread,
            subject,
            signal,
        });
    }
}
