//! The tolerant scanner under [`super::log_json`]: reads `log show`'s JSON
//! a line at a time, keeping its state between lines (so the lines may come
//! in batches), and hands over each event object (an object not inside
//! another) once it is complete, with the last value of each field the
//! reader uses.
//!
//! Broken JSON (a cut-off file, an edited line) drops the rest of that line
//! and the event it was in. Hand-written: serde_json reads a document or
//! nothing, and this recovery (and reading an event as its lines arrive) is
//! the point. It allocates nothing per token: a string is a slice of its
//! line, its escapes checked but undone only when a field's value is asked
//! for, and an event's values are copied into buffers reused from event to
//! event (allocating a `String` for every key and value took half the time
//! of reading a `log show` export, callgrind).

use std::borrow::Cow;

/// Fields of an event object, as `log show` names them.
pub(super) const FIELDS: [&str; 9] = [
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

/// Indexes in [`FIELDS`].
pub(super) const MESSAGE: usize = 0;
pub(super) const PROCESS_PATH: usize = 2;
pub(super) const PROCESS: usize = 3;

/// The index in [`FIELDS`] of a key (its escapes undone): a `match`, which
/// compares the length first (a search of the list cost a tenth of the
/// scan, callgrind).
fn field(key: &str) -> Option<usize> {
    let i = match key {
        "eventMessage" => 0,
        "timestamp" => 1,
        "processImagePath" => 2,
        "process" => 3,
        "processID" => 4,
        "threadID" => 5,
        "messageType" => 6,
        "subsystem" => 7,
        "category" => 8,
        _ => return None,
    };
    debug_assert_eq!(FIELDS.get(i), Some(&key));
    Some(i)
}

/// Where the scanner is inside an event object.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Expect {
    Key,
    Colon,
    Value,
    Comma,
}

/// The last value of a field in the event being read.
#[derive(Default)]
struct Value {
    set: bool,
    /// A string with escapes (not undone in `raw`).
    escaped: bool,
    raw: String,
}

/// An event object: where it starts and its fields' last values.
#[derive(Default)]
pub(super) struct Event {
    /// 0-based line of its `{`.
    pub line: usize,
    values: [Value; FIELDS.len()],
}

impl Event {
    /// The last value of field `i` of [`FIELDS`]: a string with its escapes
    /// undone, a literal (number, `true`, `null`) as written.
    pub fn get(&self, i: usize) -> Option<Cow<'_, str>> {
        let value = self.values.get(i).filter(|v| v.set)?;
        if value.escaped {
            let mut out = String::with_capacity(value.raw.len());
            unescape_into(&value.raw, &mut out);
            Some(Cow::Owned(out))
        } else {
            Some(Cow::Borrowed(value.raw.as_str()))
        }
    }

    /// What follows the last `/` of field `i`'s value (all of it if none),
    /// its escapes undone: a path's file name, read without undoing the
    /// path's `\/` escapes.
    pub fn file_name(&self, i: usize) -> Option<Cow<'_, str>> {
        let value = self.values.get(i).filter(|v| v.set)?;
        // A `/` of the raw text is one of the value (alone or escaped), and
        // a part after the last with no escape is the value's own last part.
        let tail = value.raw.rsplit('/').next().unwrap_or_default();
        if value.escaped && tail.contains('\\') {
            let whole = self.get(i)?;
            let tail = whole.rsplit('/').next().unwrap_or_default();
            return Some(Cow::Owned(tail.to_string()));
        }
        Some(Cow::Borrowed(tail))
    }
}

/// The state inside the open event object.
struct Open {
    /// Nesting depth of the event's own members (1 for a top-level object).
    depth: usize,
    expect: Expect,
    /// The field the last key named, until its value is read.
    key: Option<usize>,
}

/// The scanner's state between lines.
#[derive(Default)]
pub(super) struct Scanner {
    /// How many objects and arrays are open (only the count matters: a
    /// closing bracket closes whichever is open).
    depth: usize,
    open: Option<Open>,
    /// The open event's values (the buffers outlive it, for the next).
    event: Event,
    /// A key whose escapes are being undone.
    key: String,
}

impl Scanner {
    /// Reads line `index`; `done` gets every event completed in it.
    pub fn line(&mut self, index: usize, line: &str, done: &mut impl FnMut(&Event)) {
        let mut at = 0;
        while let Some((token, next)) = token(line, at) {
            at = next;
            let fine = match token {
                Some(token) => self.step(token, index, done),
                None => false,
            };
            if !fine {
                // Broken JSON: drop this line's rest and the event it was in.
                self.depth = 0;
                self.open = None;
                break;
            }
        }
    }

    /// The input ended: an event cut off inside still gives what was read.
    pub fn end(&mut self, done: &mut impl FnMut(&Event)) {
        if self.open.take().is_some() {
            done(&self.event);
        }
    }

    /// The 0-based line of the open event's `{`, if one is open.
    pub fn open_line(&self) -> Option<usize> {
        self.open.as_ref().map(|_| self.event.line)
    }

    fn start(&mut self, line: usize, depth: usize) {
        self.open = Some(Open {
            depth,
            expect: Expect::Key,
            key: None,
        });
        self.event.line = line;
        for value in &mut self.event.values {
            value.set = false;
        }
    }

    /// Feeds one token to the scanner; false on a syntax error.
    fn step(&mut self, token: Token, index: usize, done: &mut impl FnMut(&Event)) -> bool {
        let at_event = self.open.as_ref().is_some_and(|e| e.depth == self.depth);
        match token {
            Token::Open(kind) => {
                if let Some(open) = self.open.as_mut().filter(|_| at_event) {
                    if open.expect != Expect::Value {
                        // A new object where a key belongs: the last event
                        // broke.
                        if kind == b'{' {
                            self.open = None;
                            done(&self.event);
                            self.depth = 1;
                            self.start(index, 1);
                            return true;
                        }
                        return false;
                    }
                    open.expect = Expect::Comma;
                    open.key = None;
                }
                self.depth += 1;
                if kind == b'{' && self.open.is_none() {
                    self.start(index, self.depth);
                }
            }
            Token::Close => {
                self.depth = self.depth.saturating_sub(1);
                if self.open.as_ref().is_some_and(|e| self.depth < e.depth) {
                    self.open = None;
                    done(&self.event);
                }
            }
            _ if !at_event => {}
            Token::Colon => {
                let Some(open) = self.open.as_mut() else {
                    return true;
                };
                if open.expect != Expect::Colon {
                    return false;
                }
                open.expect = Expect::Value;
            }
            Token::Comma => {
                let Some(open) = self.open.as_mut() else {
                    return true;
                };
                if open.expect != Expect::Comma {
                    return false;
                }
                open.expect = Expect::Key;
            }
            Token::Str(raw, escaped) => {
                let Some(open) = self.open.as_mut() else {
                    return true;
                };
                match open.expect {
                    Expect::Key => {
                        open.key = if escaped {
                            self.key.clear();
                            unescape_into(raw, &mut self.key);
                            field(&self.key)
                        } else {
                            field(raw)
                        };
                        open.expect = Expect::Colon;
                    }
                    Expect::Value => {
                        keep(open, &mut self.event, raw, escaped);
                        open.expect = Expect::Comma;
                    }
                    _ => return false,
                }
            }
            Token::Scalar(raw) => {
                let Some(open) = self.open.as_mut() else {
                    return true;
                };
                if open.expect != Expect::Value {
                    return false;
                }
                keep(open, &mut self.event, raw, false);
                open.expect = Expect::Comma;
            }
        }
        true
    }
}

/// Keeps a value when its key names a field.
fn keep(open: &mut Open, event: &mut Event, raw: &str, escaped: bool) {
    if let Some(value) = open.key.take().and_then(|i| event.values.get_mut(i)) {
        value.set = true;
        value.escaped = escaped;
        value.raw.clear();
        value.raw.push_str(raw);
    }
}

enum Token<'a> {
    Open(u8),
    Close,
    Colon,
    Comma,
    /// A string's content, its escapes valid but not undone, and whether
    /// it has any.
    Str(&'a str, bool),
    Scalar(&'a str),
}

/// The next token from byte `at` of `line` and where the one after starts;
/// `Some((None, _))` on broken JSON, `None` at the end of the line.
#[inline]
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
            // The closing quote: the first not escaped. Each escape is
            // checked where the search stops at its backslash.
            let mut j = i + 1;
            let mut escaped = false;
            loop {
                let rest = bytes.get(j..).unwrap_or_default();
                match memchr::memchr2(b'"', b'\\', rest) {
                    Some(k) if rest.get(k) == Some(&b'"') => {
                        j += k;
                        break;
                    }
                    Some(k) => match escape_len(bytes, j + k) {
                        Some(len) => {
                            escaped = true;
                            j += k + len;
                        }
                        None => return Some((None, bytes.len())),
                    },
                    None => return Some((None, bytes.len())),
                }
            }
            let raw = line.get(i + 1..j)?;
            Some((Some(Token::Str(raw, escaped)), j + 1))
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
    let digits = raw.strip_prefix('-').unwrap_or(raw).as_bytes();
    digits.first().is_some_and(u8::is_ascii_digit)
        && digits
            .iter()
            .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-'))
}

/// The length of the escape whose backslash is at `slash`, if it is one
/// [`unescape_into`] undoes: `\` and one of `"\/bfnrt`, or `\u` and four hex
/// digits (as `u32::from_str_radix` reads them).
fn escape_len(bytes: &[u8], slash: usize) -> Option<usize> {
    match bytes.get(slash + 1)? {
        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => Some(2),
        b'u' => {
            let hex = bytes.get(slash + 2..slash + 6)?;
            let hex = std::str::from_utf8(hex).ok()?;
            u32::from_str_radix(hex, 16).ok().map(|_| 6)
        }
        _ => None,
    }
}

/// Appends a string's content with its escapes undone to `out`; an invalid
/// escape (never in a [`Token::Str`]) ends it.
fn unescape_into(raw: &str, out: &mut String) {
    let mut chars = raw.chars();
    let mut pending_high: Option<u32> = None;
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(e) = chars.next() else { break };
        let unit = if e == 'u' {
            let hex: String = chars.by_ref().take(4).collect();
            match u32::from_str_radix(&hex, 16) {
                Ok(unit) if hex.len() == 4 => unit,
                _ => break,
            }
        } else {
            out.push(match e {
                '"' => '"',
                '\\' => '\\',
                '/' => '/',
                'b' => '\u{8}',
                'f' => '\u{c}',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                _ => break,
            });
            continue;
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::numbers;

    /// Whether every escape of a string's content is valid.
    fn escapes_valid(raw: &str) -> bool {
        let bytes = raw.as_bytes();
        let mut at = 0;
        while let Some(k) = memchr::memchr(b'\\', bytes.get(at..).unwrap_or_default()) {
            match escape_len(bytes, at + k) {
                Some(len) => at += k + len,
                None => return false,
            }
        }
        true
    }

    fn unescape(raw: &str) -> Option<String> {
        escapes_valid(raw).then(|| {
            let mut out = String::new();
            unescape_into(raw, &mut out);
            out
        })
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
        assert_eq!(unescape(r"\u12é"), None);
        assert_eq!(unescape(r"\u-123"), None);
        // As u32::from_str_radix reads it, a sign is a digit's place.
        assert_eq!(unescape(r"\u+041").as_deref(), Some("A"));
    }

    /// [`escape_len`] says what undoing the escapes char by char finds.
    #[test]
    fn escapes_are_checked_as_they_are_undone() {
        let alphabet = [
            "\\", "u", "0", "a", "F", "g", "+", "-", "/", "\"", "n", "é", "x", "d8", "dc",
        ];
        let mut next = numbers(7);
        for _ in 0..50_000 {
            let raw: String = (0..next() % 10)
                .map(|_| alphabet[next() % alphabet.len()])
                .collect();
            assert_eq!(
                escapes_valid(&raw),
                undone_char_by_char(&raw).is_some(),
                "{raw}"
            );
        }
    }

    /// The check as JSON's definition gives it, one char at a time.
    fn undone_char_by_char(raw: &str) -> Option<()> {
        let mut chars = raw.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next()? {
                    'u' => {
                        let hex: String = chars.by_ref().take(4).collect();
                        u32::from_str_radix(&hex, 16)
                            .ok()
                            .filter(|_| hex.len() == 4)?;
                    }
                    '"' | '\\' | '/' | 'b' | 'f' | 'n' | 'r' | 't' => {}
                    _ => return None,
                }
            }
        }
        Some(())
    }
}
