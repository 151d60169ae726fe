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
//! A small tolerant scanner reads the objects that are not inside another
//! object (the events) and keeps their plain fields. An event's line is the
//! line of its opening `{`. Broken JSON (a cut-off file, an edited line) drops
//! the rest of that line and the event it was in; readable events before and
//! after it are kept.

use std::borrow::Cow;

use super::console::dated;
use super::rules as ios;
use crate::core::event::Thread;
use crate::core::model::Platform;
use crate::parse::format::{Format, Header, Record};

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
    stream: None,
};

/// Fields of an event object, as `log show` names them.
const FIELDS: &[&str] = &[
    "eventMessage",
    "timestamp",
    "processImagePath",
    "process",
    "processID",
    "threadID",
    "messageType",
    "subsystem",
    "category",
];

/// Recognizes the format's lines (for detection); the records come from
/// [`read`].
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

/// Where the scanner is inside an event object.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Expect {
    Key,
    Colon,
    Value,
    Comma,
}

/// An event object being read.
struct Open {
    /// 0-based line of its `{`.
    line: usize,
    /// Stack height inside it.
    depth: usize,
    expect: Expect,
    key: Option<String>,
    fields: Vec<(&'static str, String)>,
}

enum Token<'a> {
    Open(u8),
    Close,
    Colon,
    Comma,
    Str(String),
    Scalar(&'a str),
}

/// Reads every event object it can.
fn read<'a>(lines: &[&'a str]) -> Vec<Record<'a>> {
    let mut out = Vec::new();
    let mut stack: Vec<u8> = Vec::new();
    let mut open: Option<Open> = None;
    for (index, line) in lines.iter().enumerate() {
        let mut at = 0;
        while let Some((token, next)) = token(line, at) {
            at = next;
            let Some(token) = token else {
                // Broken JSON: drop this line's rest and the event it was in.
                stack.clear();
                open = None;
                break;
            };
            if !step(token, index, &mut stack, &mut open, &mut out) {
                stack.clear();
                open = None;
                break;
            }
        }
    }
    // A file cut off inside an event still gives what was read.
    if let Some(event) = open {
        finish(event, &mut out);
    }
    out
}

/// Feeds one token to the scanner; false on a syntax error.
fn step<'a>(
    token: Token,
    index: usize,
    stack: &mut Vec<u8>,
    open: &mut Option<Open>,
    out: &mut Vec<Record<'a>>,
) -> bool {
    let here = stack.len();
    let at_event = open.as_ref().is_some_and(|e| e.depth == here);
    match token {
        Token::Open(kind) => {
            if let Some(event) = open.as_mut().filter(|_| at_event) {
                if event.expect != Expect::Value {
                    // A new object where a key belongs: the last event broke.
                    if kind == b'{' {
                        if let Some(event) = open.take() {
                            finish(event, out);
                        }
                        stack.clear();
                        stack.push(b'{');
                        *open = Some(new_event(index, 1));
                        return true;
                    }
                    return false;
                }
                event.expect = Expect::Comma;
                event.key = None;
            }
            stack.push(kind);
            if kind == b'{' && open.is_none() {
                *open = Some(new_event(index, stack.len()));
            }
        }
        Token::Close => {
            stack.pop();
            if open.as_ref().is_some_and(|e| stack.len() < e.depth) {
                if let Some(event) = open.take() {
                    finish(event, out);
                }
            }
        }
        Token::Colon | Token::Comma | Token::Str(_) | Token::Scalar(_) if !at_event => {}
        Token::Colon => {
            let Some(event) = open.as_mut() else {
                return true;
            };
            if event.expect != Expect::Colon {
                return false;
            }
            event.expect = Expect::Value;
        }
        Token::Comma => {
            let Some(event) = open.as_mut() else {
                return true;
            };
            if event.expect != Expect::Comma {
                return false;
            }
            event.expect = Expect::Key;
        }
        Token::Str(text) => {
            let Some(event) = open.as_mut() else {
                return true;
            };
            match event.expect {
                Expect::Key => {
                    event.key = Some(text);
                    event.expect = Expect::Colon;
                }
                Expect::Value => {
                    keep(event, text);
                    event.expect = Expect::Comma;
                }
                _ => return false,
            }
        }
        Token::Scalar(raw) => {
            let Some(event) = open.as_mut() else {
                return true;
            };
            if event.expect != Expect::Value {
                return false;
            }
            keep(event, raw.to_string());
            event.expect = Expect::Comma;
        }
    }
    true
}

fn new_event(line: usize, depth: usize) -> Open {
    Open {
        line,
        depth,
        expect: Expect::Key,
        key: None,
        fields: Vec::new(),
    }
}

fn keep(event: &mut Open, value: String) {
    if let Some(key) = event.key.take() {
        if let Some(name) = FIELDS.iter().find(|f| **f == key) {
            event.fields.push((name, value));
        }
    }
}

/// The next token from byte `at` of `line` and where the one after starts;
/// `Some((None, _))` on broken JSON, `None` at the end of the line.
fn token(line: &str, at: usize) -> Option<(Option<Token<'_>>, usize)> {
    let bytes = line.as_bytes();
    let mut i = at;
    while bytes.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
        i += 1;
    }
    let b = *bytes.get(i)?;
    let simple = |t| Some((Some(t), i + 1));
    match b {
        b'{' | b'[' => simple(Token::Open(b)),
        b'}' | b']' => simple(Token::Close),
        b':' => simple(Token::Colon),
        b',' => simple(Token::Comma),
        b'"' => {
            let mut j = i + 1;
            loop {
                match bytes.get(j) {
                    None => return Some((None, bytes.len())),
                    Some(b'\\') => j += 2,
                    Some(b'"') => break,
                    Some(_) => j += 1,
                }
            }
            let raw = line.get(i + 1..j)?;
            Some((unescape(raw).map(Token::Str), j + 1))
        }
        _ => {
            let mut j = i;
            while bytes.get(j).is_some_and(|c| {
                !matches!(c, b',' | b'}' | b']' | b':') && !c.is_ascii_whitespace()
            }) {
                j += 1;
            }
            let raw = line.get(i..j)?;
            let valid = raw == "null" || raw == "true" || raw == "false" || is_number(raw);
            Some((valid.then_some(Token::Scalar(raw)), j))
        }
    }
}

/// A JSON number's shape (its value is only kept as text).
fn is_number(raw: &str) -> bool {
    let digits = raw.strip_prefix('-').unwrap_or(raw);
    digits.starts_with(|c: char| c.is_ascii_digit())
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
}

/// A JSON string's content with its escapes undone; `None` when invalid.
/// (Hand-written: serde_json's parser would add to the page's size.)
fn unescape(raw: &str) -> Option<String> {
    if !raw.contains('\\') {
        return Some(raw.to_string());
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    let mut pending_high: Option<u32> = None;
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let e = chars.next()?;
        let unit = match e {
            'u' => {
                let hex: String = chars.by_ref().take(4).collect();
                u32::from_str_radix(&hex, 16)
                    .ok()
                    .filter(|_| hex.len() == 4)?
            }
            _ => {
                out.push(match e {
                    '"' => '"',
                    '\\' => '\\',
                    '/' => '/',
                    'b' => '\u{8}',
                    'f' => '\u{c}',
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    _ => return None,
                });
                continue;
            }
        };
        match (pending_high.take(), unit) {
            (Some(high), 0xdc00..=0xdfff) => {
                let code = 0x10000 + ((high - 0xd800) << 10) + (unit - 0xdc00);
                out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
            }
            (high, 0xd800..=0xdbff) => {
                if high.is_some() {
                    out.push('\u{fffd}');
                }
                pending_high = Some(unit);
            }
            (high, _) => {
                if high.is_some() {
                    out.push('\u{fffd}');
                }
                out.push(char::from_u32(unit).unwrap_or('\u{fffd}'));
            }
        }
    }
    if pending_high.is_some() {
        out.push('\u{fffd}');
    }
    Some(out)
}

/// Turns a read event into a record (events without a message are not log
/// lines: the ndjson trailer, activity objects).
fn finish<'a>(event: Open, out: &mut Vec<Record<'a>>) {
    let fields = event.fields;
    let get = |key: &str| {
        fields
            .iter()
            .rev()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.as_str())
    };
    let Some(message) = get("eventMessage") else {
        return;
    };
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
    let process = get("process")
        .or_else(|| get("processImagePath").and_then(|p| p.rsplit('/').next()))
        .filter(|p| !p.is_empty())
        .map(str::to_string);
    let parts = message
        .split('\n')
        .map(|part| {
            (
                event.line,
                Cow::Owned(part.trim_end_matches('\r').to_string()),
            )
        })
        .collect();
    out.push(Record {
        time,
        thread,
        process: process.map(Cow::Owned),
        parts,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn strings_unescape_like_json() {
        assert_eq!(
            unescape(r#"a\/b \"q\" \u201cx\u201d \ud83d\ude00 \n\t\\"#).as_deref(),
            Some("a/b \"q\" \u{201c}x\u{201d} \u{1f600} \n\t\\")
        );
        assert_eq!(unescape(r"\ud83d").as_deref(), Some("\u{fffd}"));
        assert_eq!(unescape(r"\x"), None);
        assert_eq!(unescape(r"\u12"), None);
    }

    #[test]
    fn corrupted_bytes_never_panic_and_spare_the_other_event() {
        for (i, _) in PRETTY.char_indices() {
            for with in ["\"", "{", "}", "[", "\\", ":", ",", "x"] {
                let mut text = PRETTY.to_string();
                text.replace_range(i..i + 1, with);
                let records = read(&lines(&text));
                assert!(records.len() <= 3, "{text}");
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
                let _ = read(&lines(prefix));
            }
        }
    }
}
