//! Reads one source's records as its lines arrive, in batches of any size,
//! and runs the format's signatures on each record once it is complete.
//!
//! Most lines of a real log are noise. A record in which no needle (and no
//! fallback pattern) occurs cannot produce an event, so one literal search
//! over the batch finds the lines that matter, and only their records are
//! read, with the lines at the batch's start (which may continue the record
//! carried in) and at its end (which may go on into the next batch).
//! Everything else is counted and skipped. Block formats (with a
//! [`Format::split`]) need their whole text and keep it until the end.

use std::borrow::Cow;

use super::format::{line_at, unglue, Format, Header, Record, MAX_RECORD_LINES};
use crate::core::event::{Event, Thread};
use crate::core::time::LogTime;
use crate::input::decode::split_lines;
use crate::parse::rules::RuleSet;

/// Lines looked at from each end of a batch: a record holds at most
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
    /// A format that reads this input's records itself, line by line
    /// ([`Format::stream`]).
    stream: Option<Box<dyn LineStream>>,
    out: Found,
}

/// A format's own reader of records as lines arrive (see [`Format::stream`]):
/// it runs the rules over each record once it is complete.
pub trait LineStream {
    /// Reads complete lines; `first` is the 0-based index of the first.
    fn push_lines(&mut self, rules: &RuleSet, source: usize, first: usize, lines: &[&str]);
    /// The input is complete: what was found.
    fn finish(self: Box<Self>, rules: &RuleSet, source: usize) -> Found;
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

/// A part of a batch's lines.
enum Stretch {
    /// Lines `from..to`, read.
    Read(usize, usize),
    /// Lines between two read stretches (or after the last), not read.
    Skip,
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
            stream: None,
            out: Found::default(),
        }
    }

    /// A reader for a source whose first lines are `head` (they are not
    /// read here): a format whose stream hook takes this head reads its
    /// records itself as they arrive instead of keeping the text whole.
    pub fn for_head(format: &'static Format, source: usize, head: &[&str]) -> RecordReader {
        let mut reader = RecordReader::new(format, source);
        if let Some(stream) = format.stream.and_then(|hook| hook(head)) {
            reader.whole = None;
            reader.stream = Some(stream);
        }
        reader
    }

    /// Reads complete lines given as one text (it ends with a line end, or is
    /// the input's last text); `first` is the 0-based index of its first line.
    /// Returns how many lines it held.
    pub fn push_text(&mut self, first: usize, text: &str) -> usize {
        if self.whole.is_some() || self.stream.is_some() {
            let lines: Vec<&str> = split_lines(text).map(|(line, _)| line).collect();
            self.push_lines(first, &lines);
            return lines.len();
        }
        let mut starts = Vec::new();
        let lines: Vec<&str> = split_lines(text)
            .map(|(line, end)| {
                starts.push(end);
                line
            })
            .collect();
        // `starts[i]` is where line i + 1 begins: the line holding byte `at`
        // is the first whose end lies beyond it.
        let line_of = |at: usize| starts.partition_point(|&end| end <= at);
        // A fallback match counts only in a message (not in the prefix, where
        // a process may be named `CertificateService`) of a listed process.
        let processes = self.rules.fallback().map_or(&[][..], |f| f.processes);
        let header = self.format.header;
        let listed = |h: &Header| h.process.is_none_or(|p| processes.contains(&p));
        // So the pattern is not even run on a line another process wrote (in
        // the seed article's Console copy nearly every line that mentions a
        // certificate is another process's). A line that holds a lone CR is
        // several lines to `split_lines`: `counts` alone decides there.
        let may_count = |line: &str| {
            let line = line.strip_suffix('\r').unwrap_or(line);
            memchr::memchr(b'\r', line.as_bytes()).is_some()
                || header.and_then(|h| h(line)).is_none_or(|h| listed(&h))
        };
        let (needles, fallback) = self.rules.hits(text, may_count);
        let mut hits: Vec<usize> = needles.into_iter().map(line_of).collect();
        let counts = |i: usize, at: usize| {
            let Some(line) = lines.get(i) else {
                return false;
            };
            let Some(h) = header.and_then(|h| h(line)) else {
                return true;
            };
            let message = (h.message.as_ptr() as usize).saturating_sub(line.as_ptr() as usize);
            let line_start = i
                .checked_sub(1)
                .and_then(|k| starts.get(k))
                .map_or(0, |s| *s);
            listed(&h) && at >= line_start + message
        };
        // The last fallback match of each line.
        let mut extra: Vec<(usize, usize)> = Vec::new();
        for at in fallback {
            let i = line_of(at);
            match extra.last_mut() {
                Some(last) if last.0 == i => last.1 = at,
                _ => extra.push((i, at)),
            }
        }
        let extra: Vec<usize> = extra
            .into_iter()
            .filter(|&(i, at)| hits.binary_search(&i).is_err() && counts(i, at))
            .map(|(i, _)| i)
            .collect();
        hits.extend(extra);
        hits.sort_unstable();
        hits.dedup();
        for stretch in self.stretches(&lines, &hits) {
            match stretch {
                Stretch::Read(from, to) => {
                    self.push_lines(first + from, lines.get(from..to).unwrap_or_default())
                }
                Stretch::Skip => {
                    // No record goes on across skipped lines.
                    self.close_open();
                    self.continues = false;
                }
            }
        }
        lines.len()
    }

    /// What to do with `lines`, in order: read the start (it may continue the
    /// record carried in), the record of every hit, and the record open at
    /// the end; skip the rest.
    fn stretches(&self, lines: &[&str], hits: &[usize]) -> Vec<Stretch> {
        let n = lines.len();
        let header = self.format.header;
        let is_header =
            |i: usize| header.is_some_and(|h| lines.get(i).is_some_and(|l| h(l).is_some()));
        let mut wanted: Vec<(usize, usize)> = Vec::new();
        // The record carried in takes the lines up to the first prefixed one.
        let lead = (0..n.min(EDGE_LINES))
            .find(|&i| is_header(i))
            .unwrap_or(n.min(EDGE_LINES));
        wanted.push((0, lead));
        for &h in hits {
            // A line belongs to the nearest prefixed line above it, unless
            // that record is full: then it stands alone.
            let start = (h.saturating_sub(MAX_RECORD_LINES - 1)..=h)
                .rev()
                .find(|&i| is_header(i))
                .unwrap_or(h);
            let cap = if is_header(start) {
                start + MAX_RECORD_LINES
            } else {
                start + 1
            };
            let end = (h + 1..cap.min(n))
                .find(|&i| is_header(i))
                .unwrap_or(cap.min(n));
            wanted.push((start, end));
        }
        // The record open at the end may go on in the next text.
        if let Some(last) = (n.saturating_sub(EDGE_LINES)..n)
            .rev()
            .find(|&i| is_header(i))
        {
            wanted.push((last, n));
        }
        wanted.sort_unstable();
        let mut out = Vec::new();
        let mut reading: Option<(usize, usize)> = None;
        for (from, to) in wanted {
            match reading.as_mut() {
                Some(open) if from <= open.1 => open.1 = open.1.max(to),
                _ => {
                    if let Some((a, b)) = reading.replace((from, to)) {
                        out.extend([Stretch::Read(a, b), Stretch::Skip]);
                    }
                }
            }
        }
        if let Some((a, b)) = reading {
            out.push(Stretch::Read(a, b));
            if b < n {
                out.push(Stretch::Skip);
            }
        }
        out
    }

    /// Reads complete lines; `first` is the 0-based index of the first.
    pub fn push_lines(&mut self, first: usize, lines: &[&str]) {
        if let Some(stream) = self.stream.as_mut() {
            return stream.push_lines(self.rules, self.source, first, lines);
        }
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
                let format = self.format;
                let h = unglue(format, i, h, |glued| {
                    self.read_record(glued, |_| Some(*line))
                });
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
            // Records a paste glued onto one line cite it once.
            if last != Some(index) && self.out.cited.last().map(|c| c.0) != Some(index) {
                last = Some(index);
                if let Some(text) = full_line(index) {
                    self.out.cited.push((index, text.to_string()));
                }
            }
        }
    }

    /// The input is complete: what was found.
    pub fn finish(mut self) -> Found {
        if let Some(stream) = self.stream.take() {
            return stream.finish(self.rules, self.source);
        }
        if let Some(whole) = self.whole.take() {
            let lines: Vec<&str> = split_lines(&whole).map(|(l, _)| l).collect();
            let records = super::format::records(self.format, &lines);
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
pub fn read_record(rules: &RuleSet, source: usize, record: Record, out: &mut Found) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::numbers;
    use crate::platforms::FORMATS;

    /// A deterministic mix of prefixed lines, continuation lines, needles
    /// and runs longer than a record may hold, for the formats that skip.
    fn messy_log(seed: u64, lines: usize) -> String {
        let mut next = numbers(seed);
        let prefix = "2018-02-27T05:16:08.2500000    INFO    Event     com.microsoft.omadm.platforms.android.certmgr.CertificateEnrollmentManager    18327       10    ";
        let mut out = String::new();
        let mut i = 0;
        while i < lines {
            match next() % 120 {
                0 => out.push_str(&format!("{prefix}Trying to enroll certificate request: ModelName=AC_51bad41f-3854-4eb5-a2f2-0f7a94034ee8%2FLogicalName_{}_x;Hash=1\n", next() % 7)),
                1 => out.push_str("    <LocURI>./User/Vendor/MSFT/CertificateStore/Enroll/ModelName=AC_1%2FLogicalName_2;Hash=3/Install</LocURI>\n"),
                2 => {
                    // A run of unprefixed lines past a record's cap.
                    for _ in 0..(next() % 600) {
                        out.push_str("\tat com.example.Noise.run(Noise.java:42)\n");
                        i += 1;
                    }
                }
                3 => out.push_str(&format!("{prefix}Received '500 Internal Server Error' when sending GetCACert(ca) to https://ndes.contoso.com/certsrv/mscep/mscep.dll\n")),
                _ => out.push_str(&format!("{prefix}Nothing to see here {}\n", next())),
            }
            i += 1;
        }
        out
    }

    /// The same for an iOS Console copy in the seed article's shape
    /// (capitalized type, single spaces, as TextEdit leaves it once its
    /// escapes are undone), with noise that mentions certificates (the
    /// fallback's word) in processes it does not read, NSError dumps and
    /// other shapes of prefix.
    fn messy_console(seed: u64, lines: usize) -> String {
        let mut next = numbers(seed);
        let mut out = String::new();
        let mut i = 0;
        while i < lines {
            let t = format!(
                "18:{:02}:{:02}.{:06}",
                next() % 60,
                next() % 60,
                next() % 1_000_000
            );
            match next() % 40 {
                0 => out.push_str(&format!("Debug {t} -0500 profiled Performing synchronous URL request: https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll?operation=GetCACert&message=SCEP%20Authority\n")),
                1 => out.push_str(&format!("Default {t} -0500 profiled Profile “www.windowsintune.com.SCEP.ModelName=AC_51bad41f.../LogicalName_{};Hash=-912418295” installed.\n", next() % 5)),
                2 => out.push_str(&format!("Default {t} -0500 profiled Attempting to retrieve issued certificate...\n")),
                3 => out.push_str(&format!("Error {t} -0500 profiled Cannot retrieve SCEP identity: NSError:\nDesc   : The SCEP server returned an invalid response.\nSugg   : \nUS Desc: The SCEP server returned an invalid response.\nDomain : MCSCEPErrorDomain\nCode   : 22013\n")),
                4 => out.push_str(&format!("Default {t} -0500 CertificateService certificate {} looked up\n", next())),
                5 => out.push_str(&format!("Line {}: default    {t} -0500    profiled    Checking certificate expiry\n", next() % 9000)),
                6 => {
                    for _ in 0..(next() % 300) {
                        out.push_str("    0x1a2b3c4d certificate chain dump\n");
                        i += 1;
                    }
                }
                // Old Mac line ends: a lone CR ends a line too.
                15 => out.push_str(&format!("Debug {t} -0500 trustd certificate chain ok\rDefault {t} -0500 profiled Checking certificate {}\n", next() % 9)),
                7..=14 => out.push_str(&format!("Debug {t} -0500 trustd OCSP response cache hit for certificate {:016X}\n", next())),
                _ => out.push_str(&format!("Default {t} -0500 locationd Location icon should now be in state 'Inactive' {}\n", next())),
            }
            i += 1;
        }
        out
    }

    #[test]
    fn skipping_quiet_lines_finds_what_reading_every_line_finds() {
        check_skipping("android-omadm", messy_log);
        check_skipping("ios-console", messy_console);
    }

    /// A log of `lines` lines from a seed.
    type Messy = fn(u64, usize) -> String;

    fn check_skipping(id: &str, messy: Messy) {
        let Some(format) = FORMATS.iter().find(|f| f.id == id) else {
            panic!("no {id} format");
        };
        for seed in 0..12 {
            let text = messy(seed, 3000);
            let lines: Vec<&str> = split_lines(&text).map(|(l, _)| l).collect();
            let mut every = RecordReader::new(format, 0);
            every.push_lines(0, &lines);
            let every = every.finish();
            // The same text in uneven batches of complete lines.
            let mut skipping = RecordReader::new(format, 0);
            let (mut at, mut line, mut step) = (0, 0, 1 + seed as usize * 37);
            while at < text.len() {
                let end = text
                    .get(at + step..)
                    .and_then(|rest| rest.find('\n'))
                    .map_or(text.len(), |p| at + step + p + 1);
                line += skipping.push_text(line, text.get(at..end).unwrap_or_default());
                at = end;
                step = step * 7 % 90_000 + 1;
            }
            let skipping = skipping.finish();
            // Skipping once more in one batch, the fallback's literal search
            // on and then off (each target uses one of them).
            let literal_search = [true, false].map(|on| {
                let mut reader = RecordReader::new(format, 0);
                reader.rules = Box::leak(Box::new(reader.rules.with_literal_search(on)));
                reader.push_text(0, &text);
                reader.finish()
            });
            let show = |f: &Found| {
                f.events
                    .iter()
                    .map(|e| (e.line, e.signal.what.clone()))
                    .collect::<Vec<_>>()
            };
            assert!(!every.events.is_empty(), "{id}");
            assert_eq!(show(&every), show(&skipping), "{id} seed {seed}");
            assert_eq!(every.recognized, skipping.recognized, "{id} seed {seed}");
            assert_eq!(every.cited, skipping.cited, "{id} seed {seed}");
            for (on, found) in [true, false].iter().zip(&literal_search) {
                assert_eq!(show(&every), show(found), "{id} seed {seed}, literals {on}");
                assert_eq!(
                    every.recognized, found.recognized,
                    "{id} seed {seed}, literals {on}"
                );
            }
        }
    }
}
