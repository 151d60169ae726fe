//! The JSON reader as it was before it streamed (one `String` per token,
//! the whole text at once), kept for the tests that prove the streaming
//! scanner ([`super::json_scan`]) reads every input, broken ones too, as it
//! did.

use std::borrow::Cow;

use super::console::dated;
use crate::core::event::Thread;
use crate::parse::format::Record;

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
pub(super) fn read<'a>(lines: &[&'a str]) -> Vec<Record<'a>> {
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
