//! `log show --style json` and `--style ndjson` (macOS, over a Mac's own log
//! or an iOS device's `.logarchive`): one JSON object per log event, either
//! pretty-printed in one array or one compact object per line.
//!
//! ```text
//! json:    [{
//!            "traceID" : 4268044440524804,
//!            "eventMessage" : "Performing synchronous URL request: https:\/\/…",
//!            …
//!            "backtrace" : { "frames" : [ { … } ] },
//!            "processImagePath" : "\/System\/…\/Support\/profiled",
//!            "timestamp" : "2022-10-11 14:03:42.755219-0600",
//!            "processID" : 2183, "threadID" : 2543861, …
//!          },{
//!            …
//!          }]
//! ndjson:  {"traceID":…,"eventMessage":"…",…,"timestamp":"2022-10-11 14:03:42.755219-0600",…}
//!          {"count":540659,"finished":1}
//! ```
//!
//! A small tolerant scanner ([`super::json_scan`]) reads the objects that are
//! not inside another object (the events) and keeps their plain fields. An
//! event's line is the line of its opening `{`. Broken JSON (a cut-off file,
//! an edited line) drops the rest of that line and the event it was in;
//! readable events before and after it are kept.
//!
//! It reads the lines as they arrive ([`Streamed`]): each event is run
//! through the rules once complete and only the events that produced
//! something are kept, so memory stays flat however big the export.

use std::borrow::Cow;

use super::console::dated;
use super::json_scan::{Event, Scanner, FIELDS, MESSAGE, PROCESS, PROCESS_PATH};
use super::rules as ios;
use crate::core::event::Thread;
use crate::core::model::Platform;
use crate::parse::format::{Format, Header, Record};
use crate::parse::reader::{read_record, Found, LineStream};
use crate::parse::rules::RuleSet;

pub const FORMAT: Format = Format {
    id: "ios-log-json",
    platform: Platform::Ios,
    title: "iOS/iPadOS or macOS log as JSON (log show --style json / ndjson)",
    samples: &[
        // --style json: one field per line.
        r#"  "eventMessage" : "Performing synchronous URL request: https:\/\/ndes-contoso.msappproxy.net\/certsrv\/mscep\/mscep.dll?operation=GetCACert&message=SCEP%20Authority","#,
        r#"  "timestamp" : "2024-05-14 09:12:01.691033-0400","#,
        r#"  "processImagePath" : "\/System\/Library\/PrivateFrameworks\/ManagedConfiguration.framework\/Support\/profiled","#,
        // --style ndjson: one event per line.
        r#"{"traceID":1307960770158596,"eventMessage":"Issued certificate received.","eventType":"logEvent","source":null,"formatString":"Issued certificate received.","activityIdentifier":0,"subsystem":"com.apple.ManagedConfiguration","category":"SCEP","threadID":1811226,"senderImageUUID":"3D7E9AB0-5C41-3F58-9E0D-2B6C8A71F4E2","backtrace":{"frames":[{"imageOffset":402628,"imageUUID":"3D7E9AB0-5C41-3F58-9E0D-2B6C8A71F4E2"}]},"bootUUID":"","processImagePath":"\/System\/Library\/PrivateFrameworks\/ManagedConfiguration.framework\/Support\/profiled","timestamp":"2024-05-14 09:12:05.110021-0400","senderImagePath":"\/System\/Library\/PrivateFrameworks\/ManagedConfiguration.framework\/ManagedConfiguration","machTimestamp":1030442811286,"messageType":"Default","processImageUUID":"9F2C5D1E-7A3B-3C8D-B4E6-1A0F9E8D7C6B","processID":412,"senderProgramCounter":402628,"parentActivityIdentifier":0,"timezoneName":""}"#,
    ],
    header: Some(header),
    marks: None,
    glued: None,
    split: Some(read),
    rules: ios::rules,
    stream: Some(hook),
};

/// Recognizes the format's lines (for detection); the records come from
/// [`read`] or [`Streamed`].
fn header(line: &str) -> Option<Header<'_>> {
    let t = line.trim_start();
    let known = if t.starts_with('{') {
        t.contains("\"eventMessage\":") || t.contains("\"eventMessage\" :")
    } else {
        let key = t
            .strip_prefix('"')
            .and_then(|rest| rest.split_once('"'))
            .filter(|(_, after)| after.trim_start().starts_with(':'))
            .map(|(key, _)| key);
        key.is_some_and(|k| matches!(k, "eventMessage" | "timestamp" | "processImagePath"))
    };
    known.then_some(Header {
        time: None,
        thread: None,
        process: None,
        message: "",
    })
}

/// Reads every event object of a whole text.
fn read<'a>(lines: &[&'a str]) -> Vec<Record<'a>> {
    let mut out = Vec::new();
    let mut scanner = Scanner::default();
    let mut done = |event: &Event| out.extend(record(event));
    for (index, line) in lines.iter().enumerate() {
        scanner.line(index, line, &mut done);
    }
    scanner.end(&mut done);
    out
}

/// The format's stream hook: every export reads line by line.
fn hook(_head: &[&str]) -> Option<Box<dyn LineStream>> {
    Some(Box::new(Streamed::default()))
}

/// Reads the events as their lines arrive and runs the rules over each
/// once it is complete: what [`read`] and the rules over its records find,
/// holding one event at a time.
#[derive(Default)]
pub struct Streamed {
    scanner: Scanner,
    /// The line of the open event's `{` (index, text), when the event goes
    /// on past it: an event that produces something cites it.
    opening: (usize, String),
    found: Found,
}

impl Streamed {
    /// Runs the rules over a complete event; `line` is the line being read
    /// (its index and text), if any.
    fn read_event(
        &mut self,
        rules: &RuleSet,
        source: usize,
        event: &Event,
        line: Option<(usize, &str)>,
    ) {
        // Most events are noise: a message in which no needle (and no
        // fallback pattern) occurs produces nothing, whatever its other
        // fields say, and is left before its record is built.
        let quiet = event
            .get(MESSAGE)
            .is_none_or(|message| !rules.may_match(process(event).as_deref(), &message));
        if quiet {
            return;
        }
        let Some(record) = record(event) else { return };
        let before = self.found.events.len();
        read_record(rules, source, record, &mut self.found);
        if self.found.events.len() > before {
            let text = match line {
                Some((index, text)) if index == event.line => text,
                _ => self.opening.1.as_str(),
            };
            self.found.cited.push((event.line, text.to_string()));
        }
    }
}

impl LineStream for Streamed {
    fn push_lines(&mut self, rules: &RuleSet, source: usize, first: usize, lines: &[&str]) {
        let mut scanner = std::mem::take(&mut self.scanner);
        for (k, &line) in lines.iter().enumerate() {
            let index = first + k;
            scanner.line(index, line, &mut |event| {
                self.read_event(rules, source, event, Some((index, line)))
            });
            // The open event started on this line: keep it for quoting.
            if scanner.open_line() == Some(index) {
                self.opening.0 = index;
                self.opening.1.clear();
                self.opening.1.push_str(line);
            }
        }
        self.scanner = scanner;
    }

    fn finish(mut self: Box<Self>, rules: &RuleSet, source: usize) -> Found {
        let mut scanner = std::mem::take(&mut self.scanner);
        scanner.end(&mut |event| self.read_event(rules, source, event, None));
        self.found.cited.sort_unstable();
        self.found.cited.dedup();
        self.found
    }
}

/// The process that wrote an event: its `process` field, else the file
/// name of its `processImagePath`; none if empty.
fn process(event: &Event) -> Option<Cow<'_, str>> {
    event
        .get(PROCESS)
        .or_else(|| event.file_name(PROCESS_PATH))
        .filter(|p| !p.is_empty())
}

/// Turns a read event into a record (events without a message are not log
/// lines: the ndjson trailer, activity objects).
fn record(event: &Event) -> Option<Record<'static>> {
    let get = |key: &str| {
        FIELDS
            .iter()
            .position(|f| *f == key)
            .and_then(|i| event.get(i))
    };
    let message = event.get(MESSAGE)?;
    let time = get("timestamp").and_then(|t| {
        let t = t.trim();
        let split = t.len().checked_sub(5)?;
        let (stamp, offset) = (t.get(..split)?, t.get(split..)?);
        if offset.starts_with(['+', '-']) {
            dated(stamp, offset)
        } else {
            dated(t, "")
        }
    });
    let number = |key: &str| get(key).and_then(|v| v.parse::<u32>().ok());
    let thread = number("processID").map(|pid| Thread {
        pid,
        tid: number("threadID").unwrap_or(0),
    });
    let process = process(event).map(Cow::into_owned);
    let parts = message
        .split('\n')
        .map(|part| {
            (
                event.line,
                Cow::Owned(part.trim_end_matches('\r').to_string()),
            )
        })
        .collect();
    Some(Record {
        time,
        thread,
        process: process.map(Cow::Owned),
        parts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::{fixture_files, numbers};
    use crate::input::decode::split_lines;
    use crate::parse::format::detect;
    use crate::parse::reader::RecordReader;
    use crate::platforms::ios::json_reference;
    use crate::platforms::FORMATS;

    fn lines(text: &str) -> Vec<&str> {
        text.lines().collect()
    }

    const PRETTY: &str = r#"[{
  "traceID" : 4268044440524804,
  "eventMessage" : "Performing synchronous URL request: https:\/\/ndes.contoso.com\/certsrv\/mscep\/mscep.dll?operation=GetCACert&message=SCEP%20Authority",
  "eventType" : "logEvent",
  "source" : null,
  "backtrace" : {
    "frames" : [
      {
        "imageOffset" : 402628,
        "imageUUID" : "3D7E9AB0-5C41-3F58-9E0D-2B6C8A71F4E2"
      }
    ]
  },
  "processImagePath" : "\/System\/Library\/PrivateFrameworks\/ManagedConfiguration.framework\/Support\/profiled",
  "timestamp" : "2024-05-14 09:12:01.691033-0400",
  "threadID" : 1811226,
  "processID" : 412
},{
  "eventMessage" : "Cannot retrieve SCEP identity: NSError:\nDesc   : The SCEP server returned an invalid response.\nDomain : MCSCEPErrorDomain\nCode   : 22013",
  "processImagePath" : "\/usr\/libexec\/profiled",
  "timestamp" : "2024-05-14 09:12:03.000001-0400"
}]"#;

    #[test]
    fn pretty_json_events_start_at_their_brace() {
        let records = read(&lines(PRETTY));
        assert_eq!(records.len(), 2);
        let first = &records[0];
        assert_eq!(first.parts[0].0, 0);
        assert!(first.parts[0]
            .1
            .starts_with("Performing synchronous URL request: https://ndes"));
        assert_eq!(first.process.as_deref(), Some("profiled"));
        assert_eq!(
            first.thread,
            Some(Thread {
                pid: 412,
                tid: 1811226
            })
        );
        let time = first.time.as_ref().unwrap();
        assert_eq!(time.text, "2024-05-14T09:12:01.691 -0400");
        let second = &records[1];
        assert_eq!(second.parts.len(), 4);
        assert!(second.parts.iter().all(|(line, _)| *line == 17));
        assert_eq!(second.parts[3].1, "Code   : 22013");
    }

    #[test]
    fn ndjson_and_broken_lines() {
        let text = [
            FORMAT.samples[3],
            r#"{"eventMessage":"Sending CSR via GET.","processImagePath":"\/usr\/libexec\/prof"#,
            "garbage } ] , : \"",
            r#"{"eventMessage":"Issued certificate received.","process":"profiled","eventMessage2":tru}"#,
            r#"{"eventMessage":"Successfully installed certificate.","processID":412}"#,
            r#"{"count":540659,"finished":1}"#,
        ]
        .join("\n");
        let records = read(&lines(&text));
        let got: Vec<(usize, &str)> = records
            .iter()
            .map(|r| (r.parts[0].0, r.parts[0].1.as_ref()))
            .collect();
        assert_eq!(
            got,
            [
                (0, "Issued certificate received."),
                (4, "Successfully installed certificate.")
            ]
        );
    }

    #[test]
    fn corrupted_bytes_never_panic_and_spare_the_other_event() {
        for (i, _) in PRETTY.char_indices() {
            for with in ["\"", "{", "}", "[", "\\", ":", ",", "x"] {
                let mut text = PRETTY.to_string();
                text.replace_range(i..i + 1, with);
                let records = read(&lines(&text));
                assert!(records.len() <= 3, "{text}");
                as_before(&text);
            }
        }
        // A broken first event leaves the second one readable.
        let broken = PRETTY.replacen("\"source\" : null", "\"source\" : nul", 1);
        let records = read(&lines(&broken));
        assert_eq!(records.len(), 1);
        assert!(records[0].parts[0]
            .1
            .starts_with("Cannot retrieve SCEP identity"));
    }

    #[test]
    fn a_file_cut_inside_an_event_keeps_what_was_read() {
        let cut: Vec<&str> = PRETTY.lines().take(4).collect();
        let records = read(&cut);
        assert_eq!(records.len(), 1);
        assert!(records[0].parts[0].1.starts_with("Performing"));
        for n in 0..PRETTY.len() {
            if let Some(prefix) = PRETTY.get(..n) {
                as_before(prefix);
            }
        }
    }

    /// What a record says, to compare.
    fn shown(records: &[Record]) -> Vec<String> {
        records
            .iter()
            .map(|r| format!("{:?} {:?} {:?} {:?}", r.time, r.thread, r.process, r.parts))
            .collect()
    }

    /// The scanner reads `text` as the reader before it did.
    fn as_before(text: &str) {
        let lines = lines(text);
        assert_eq!(
            shown(&read(&lines)),
            shown(&json_reference::read(&lines)),
            "{text}"
        );
    }

    /// This format as the table holds it.
    fn format() -> &'static Format {
        FORMATS.iter().find(|f| f.id == FORMAT.id).unwrap()
    }

    /// The text of every fixture under tests/fixtures/ios detected as this
    /// format.
    fn fixtures() -> Vec<String> {
        let found: Vec<String> = fixture_files()
            .iter()
            .filter(|path| path.parent().is_some_and(|d| d.ends_with("ios")))
            .filter(|path| !path.to_string_lossy().ends_with(".expected.json"))
            .filter_map(|path| std::fs::read(path).ok())
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .filter(|text| {
                let lines: Vec<&str> = split_lines(text).map(|(l, _)| l).collect();
                detect(FORMATS, &lines).is_some_and(|f| f.id == FORMAT.id)
            })
            .collect();
        assert!(found.len() >= 2, "{} fixtures", found.len());
        found
    }

    /// What reading the whole text finds (the format's splitter).
    fn whole(text: &str) -> Found {
        let lines: Vec<&str> = split_lines(text).map(|(l, _)| l).collect();
        let mut reader = RecordReader::new(format(), 0);
        reader.push_lines(0, &lines);
        reader.finish()
    }

    /// What the streaming reader finds in `text` fed in pieces of complete
    /// lines, cut where the seed says.
    fn streamed(text: &str, seed: u64) -> Found {
        let lines: Vec<&str> = split_lines(text).map(|(l, _)| l).collect();
        let head = lines.get(..lines.len().min(20)).unwrap_or_default();
        let mut reader = RecordReader::for_head(format(), 0, head);
        let mut next = numbers(seed);
        let (mut at, mut line) = (0, 0);
        while at < text.len() {
            let step = match seed % 3 {
                0 => next() % 40,
                1 => next() % 2000,
                _ => next() % 60_000,
            };
            let end = (text.as_bytes().get(at + step..))
                .and_then(|rest| memchr::memchr(b'\n', rest))
                .map_or(text.len(), |p| at + step + p + 1);
            line += reader.push_text(line, text.get(at..end).unwrap());
            at = end;
        }
        reader.finish()
    }

    fn same(text: &str, seed: u64, what: &str) {
        let (every, stream) = (whole(text), streamed(text, seed));
        let show = |f: &Found| format!("{:?}", f.events);
        assert_eq!(show(&every), show(&stream), "{what} seed {seed}");
        assert_eq!(every.recognized, stream.recognized, "{what} seed {seed}");
        assert_eq!(every.cited, stream.cited, "{what} seed {seed}");
    }

    /// Lines between events: not JSON, broken JSON, events whose needles
    /// show only once their escapes are undone, keys of no event.
    const ODD: &[&str] = &[
        "garbage } ] , : \"",
        "{",
        "}",
        "[[[",
        "]]]",
        "},{",
        "",
        "Filtering the log data using \"subsystem == \\\"com.apple.ManagedConfiguration\\\"\"",
        r#"  "eventMessage" : "Sending CSR via GET.","#,
        r#"{"eventMessage":"Storing SCEP identity","#,
        r#"{"eventMessage":"\u0049ssued certificate received\u002e","process":"profiled"}"#,
        r#"{"eventMessage":"x\u0053CEP y","processImagePath":"\/usr\/libexec\/profiled"}"#,
        r#"{"eventMessage":"x\ncsr\ny","process":"mdmclient","timestamp":"2024-05-14 09:12:05.110021-0400"}"#,
        r#"{"eventMessage":"Profile \"www.windowsintune.com.SCEP.x\" installed.","processID":412,"threadID":7}"#,
        r#"{"event\u004dessage":"Successfully installed certificate","eventMessage2":tru}"#,
        r#"{"eventMessage":"Successfully installed certificate","source":{"eventMessage":"nested"}}"#,
        r#"{"eventMessage":"Issued certificate received","processID":-1,"threadID":1e3}"#,
        r#"  "eventMessage" : "Could not retrieve issued certificate: \ud83d\ude00 \ud83d","#,
        r#"{"count":540659,"finished":1}"#,
        r#"{"eventMessage":"Checking certificate expiry","processImagePath":"\/usr\/libexec\u002fprofiled"}"#,
        r#"{"eventMessage":"Checking certificate expiry","processImagePath":"\/usr\/libexec\/trustd"}"#,
    ];

    /// A fixture's lines with odd lines between them, cut off where the
    /// seed says (at a line's end or inside it).
    fn messy(seed: u64, fixture: &str) -> String {
        let mut next = numbers(seed);
        let mut out = String::new();
        for line in split_lines(fixture).map(|(l, _)| l) {
            while next() % 6 == 0 {
                out.push_str(ODD[next() % ODD.len()]);
                out.push('\n');
            }
            out.push_str(line);
            out.push('\n');
        }
        if seed % 2 == 1 {
            let mut cut = next() % (out.len() + 1);
            while !out.is_char_boundary(cut) {
                cut -= 1;
            }
            out.truncate(cut);
        }
        out
    }

    #[test]
    fn streaming_finds_what_the_whole_text_finds() {
        let fixtures = fixtures();
        for (n, fixture) in fixtures.iter().enumerate() {
            for seed in 0..6 {
                same(fixture, seed, &format!("fixture {n}"));
                let messy = messy(seed + 10 * n as u64, fixture);
                same(&messy, seed, &format!("messy {n}: {messy}"));
                as_before(&messy);
            }
        }
        // Pretty-printed and compact events cut everywhere.
        let compact = [FORMAT.samples[3], ODD[10], ODD[12], ODD[13], ODD[16]].join("\n");
        for text in [PRETTY, compact.as_str()] {
            for seed in 0..30 {
                same(text, seed, text);
                same(&messy(seed, text), seed, text);
            }
            for n in 0..=text.len() {
                if let Some(prefix) = text.get(..n) {
                    same(prefix, n as u64, prefix);
                }
            }
        }
    }

    #[test]
    fn odd_lines_read_as_before() {
        as_before(&ODD.join("\n"));
        let found = whole(&ODD.join("\n"));
        let lines: Vec<usize> = found.events.iter().map(|e| e.line).collect();
        // The needles behind escapes are read; the broken event is not.
        assert!(lines.contains(&11), "{lines:?}");
        assert!(lines.contains(&14), "{lines:?}");
        assert!(!lines.contains(&15), "{lines:?}");
        // The fallback reads profiled's events, whatever escapes its path.
        assert!(lines.contains(&20), "{lines:?}");
        assert!(!lines.contains(&21), "{lines:?}");
    }
}
