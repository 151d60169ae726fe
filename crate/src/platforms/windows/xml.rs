//! Event XML (`<Event xmlns=…>`, `<Events>`, `wevtutil qe /f:xml`), also the
//! shape binary `.evtx` records are rendered to.
//!
//! Read by hand, not with regexes: the eight regex captures per event were
//! half of reading a `wevtutil` export (callgrind, 10 MB: 763 M of 1.30 G
//! instructions, the bounded backtracker alone a quarter), and each field is
//! a fixed tag and attribute. Every reader below finds what its pattern
//! (written next to it) finds: the first place, leftmost, where it matches,
//! with `\s` as Unicode white space ([`char::is_whitespace`], the same
//! property). The test at the end compares both on every fixture's events
//! and on crafted ones. No XML crate: exports are not always well-formed
//! (cut off, pasted, garbage between events), and what is read of them is
//! these few fields wherever they stand.

use super::event::RawEvent;
use std::sync::OnceLock;

use memchr::memmem;
use regex::Regex;

use crate::core::time::{parse_system_time, LogTime};

/// An element longer than this is no real event (the longest, CAPI2's with
/// a certificate chain, are tens of KB): it is dropped unread, so an
/// unclosed `<Event` cannot make the reader hold the rest of the input.
pub(super) const MAX_EVENT_BYTES: usize = 1 << 20;

/// Every tag searched for, each searcher built once: built per search,
/// they cost a tenth of reading an export.
const TAGS: &[&str] = &[
    "<Event",
    "</Event>",
    "<Provider",
    "<EventID",
    "<TimeCreated",
    "<Data",
    "</Data>",
    "<Message>",
    "</Message>",
    "<Result",
    "</Result>",
    "<EventAuxInfo",
];

/// Where `tag` first occurs in `hay`.
fn find(hay: &str, tag: &str) -> Option<usize> {
    static FINDERS: OnceLock<Vec<memmem::Finder<'static>>> = OnceLock::new();
    let finders = FINDERS.get_or_init(|| TAGS.iter().map(memmem::Finder::new).collect());
    match finders.iter().find(|f| f.needle() == tag.as_bytes()) {
        Some(finder) => finder.find(hay.as_bytes()),
        None => memmem::find(hay.as_bytes(), tag.as_bytes()),
    }
}

/// `s` from byte `at` on (empty past its end).
fn from(s: &str, at: usize) -> &str {
    s.get(at..).unwrap_or_default()
}

/// `\s+`: `s` after one white space character or more.
fn spaces(s: &str) -> Option<&str> {
    let rest = s.trim_start();
    (rest.len() < s.len()).then_some(rest)
}

/// `['"]([^'"]*)['"]`: a quoted value (either quote ends it) and what follows.
fn quoted(s: &str) -> Option<(&str, &str)> {
    let rest = s.strip_prefix(['\'', '"'])?;
    let end = rest.find(['\'', '"'])?;
    Some((rest.get(..end)?, from(rest, end + 1)))
}

/// `\s+{name}\s*=\s*['"]([^'"]*)['"]` at the start of `s`: the value and
/// what follows.
fn attribute<'a>(s: &'a str, name: &str) -> Option<(&'a str, &'a str)> {
    let rest = spaces(s)?.strip_prefix(name)?;
    let rest = rest.trim_start().strip_prefix('=')?.trim_start();
    quoted(rest)
}

/// The first place in `xml` where `tag` is followed by what `read` accepts
/// (a regex starting with the literal `tag` finds the same place).
fn first<'a, T>(xml: &'a str, tag: &str, read: impl Fn(&'a str) -> Option<T>) -> Option<T> {
    let mut at = 0;
    while let Some(found) = find(from(xml, at), tag) {
        let start = at + found;
        if let Some(value) = read(from(xml, start + tag.len())) {
            return Some(value);
        }
        // Every tag starts with `<`, so the next place is a char boundary.
        at = start + 1;
    }
    None
}

/// `<{tag}\s+{name}\s*=\s*['"]([^'"]*)['"]`: the first such attribute's value.
pub(super) fn attribute_of<'a>(xml: &'a str, tag: &str, name: &str) -> Option<&'a str> {
    first(xml, tag, |s| attribute(s, name).map(|(v, _)| v))
}

/// `<EventID[^>]*>\s*(\d+)\s*</EventID>`: the digits (`\d` is any Unicode
/// decimal digit; only ASCII ones parse as a number afterwards).
pub(super) fn event_id(xml: &str) -> Option<&str> {
    first(xml, "<EventID", |s| {
        let body = from(s, s.find('>')? + 1).trim_start();
        let digits = body
            .char_indices()
            .find(|&(_, c)| !is_digit(c))
            .map_or(body.len(), |(i, _)| i);
        let rest = from(body, digits).trim_start();
        (digits > 0 && rest.starts_with("</EventID>")).then(|| body.get(..digits))?
    })
}

/// Whether `c` is what `\d` matches (Unicode Nd): ASCII by hand, the rest
/// (never in a real export) asked of a one-character regex.
fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    static DIGIT: OnceLock<Option<Regex>> = OnceLock::new();
    let mut buf = [0; 4];
    DIGIT
        .get_or_init(|| Regex::new(r"^\d$").ok())
        .as_ref()
        .is_some_and(|re| re.is_match(c.encode_utf8(&mut buf)))
}

/// `(?s)<{tag}>(.*?)</{tag}>` with `open` = `<tag>` and `close` = `</tag>`.
pub(super) fn element<'a>(xml: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = find(xml, open)? + open.len();
    let body = from(xml, start);
    body.get(..find(body, close)?)
}

/// `\s*(?:/>|>(.*?)</{tag}>)` at the start of `s`, `close` = `</tag>`: the
/// content (`None` for an empty element) and what follows.
fn end_of<'a>(s: &'a str, close: &str) -> Option<(Option<&'a str>, &'a str)> {
    let s = s.trim_start();
    if let Some(rest) = s.strip_prefix("/>") {
        return Some((None, rest));
    }
    let body = s.strip_prefix('>')?;
    let end = find(body, close)?;
    Some((body.get(..end), from(body, end + close.len())))
}

/// `(?s)<Data(?:\s+Name\s*=\s*['"][^'"]*['"])?\s*(?:/>|>(.*?)</Data>)`,
/// every match in turn: each one's content (`None` for `<Data/>`).
pub(super) fn data_values(xml: &str) -> impl Iterator<Item = Option<&str>> {
    let mut at = 0;
    std::iter::from_fn(move || {
        while let Some(found) = find(from(xml, at), "<Data") {
            let start = at + found;
            let s = from(xml, start + "<Data".len());
            // The group is greedy: with the name if the rest then matches.
            let with_name = attribute(s, "Name").and_then(|(_, rest)| end_of(rest, "</Data>"));
            match with_name.or_else(|| end_of(s, "</Data>")) {
                Some((value, rest)) => {
                    at = xml.len() - rest.len();
                    return Some(value);
                }
                None => at = start + 1,
            }
        }
        at = xml.len();
        None
    })
}

/// `(?s)<Result\s+value\s*=\s*['"]([0-9A-Fa-f]{1,8})['"]\s*(?:/>|>(.*?)</Result>)`:
/// the first match's value and content.
fn result_of(xml: &str) -> Option<(&str, Option<&str>)> {
    first(xml, "<Result", |s| {
        let rest = spaces(s)?.strip_prefix("value")?;
        let rest = rest.trim_start().strip_prefix('=')?.trim_start();
        let rest = rest.strip_prefix(['\'', '"'])?;
        let hex = rest.bytes().take_while(u8::is_ascii_hexdigit).count();
        if !(1..=8).contains(&hex) {
            return None;
        }
        let value = rest.get(..hex)?;
        let rest = from(rest, hex).strip_prefix(['\'', '"'])?;
        let (text, _) = end_of(rest, "</Result>")?;
        Some((value, text))
    })
}

pub(super) fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    unescape_into(s, &mut out);
    out
}

/// [`unescape`], appended to `out`.
pub(super) fn unescape_into(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let Some(end) = after.find(';').filter(|&e| e <= 10) else {
            out.push('&');
            rest = &after[1..];
            continue;
        };
        let entity = &after[1..end];
        let c = match entity {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
}

/// `<Result value="800B0109">text</Result>` (CAPI2 UserData) as
/// `text (0x800B0109)`; `None` for no result or a success (value 0).
pub(super) fn xml_result(xml: &str) -> Option<String> {
    let (value, text) = result_of(xml)?;
    let code = u32::from_str_radix(value, 16).ok().filter(|&c| c != 0)?;
    let text = text.map_or(String::new(), |t| unescape(t.trim()));
    Some(if text.is_empty() {
        format!("0x{code:08X}")
    } else {
        format!("{text} (0x{code:08X})")
    })
}

/// One `<Event>` element; `line` is where it starts.
pub fn xml_event(xml: &str, line: usize) -> Option<RawEvent> {
    Some(RawEvent {
        line,
        time: attribute_of(xml, "<TimeCreated", "SystemTime")
            .and_then(|t| parse_system_time(&unescape(t)))
            .map(LogTime::utc),
        id: event_id(xml).and_then(|i| i.parse().ok()),
        provider: attribute_of(xml, "<Provider", "Name").map_or(String::new(), unescape),
        message: element(xml, "<Message>", "</Message>").map_or(String::new(), unescape),
        inserts: data_values(xml)
            .map(|v| v.map_or(String::new(), |v| unescape(v.trim())))
            .collect(),
        result: xml_result(xml),
        process: attribute_of(xml, "<EventAuxInfo", "ProcessName").map(unescape),
    })
}

/// Finds the `<Event>` elements of Event XML as its lines arrive, where the
/// regex `(?s)<Event[\s>].*?</Event>` finds them in the lines joined by
/// `\n`: from an `<Event` followed by white space or `>` to the first
/// `</Event>` after it. Neither tag holds white space, so neither spans a
/// line; an element within one line is not copied.
#[derive(Default)]
pub(super) struct XmlSplitter {
    /// The open element's line index and byte offset on that line.
    open: Option<(usize, usize)>,
    /// The open element's text so far, once it runs past its first line.
    element: String,
    /// The text of the line the open element started on, likewise.
    first_line: String,
}

impl XmlSplitter {
    /// Reads line `i`; `emit` gets each element it closes, the index of the
    /// line the element starts on, and that line's text.
    pub fn line(&mut self, i: usize, line: &str, mut emit: impl FnMut(&str, usize, &str)) {
        let mut at = 0;
        loop {
            let Some((start, opened)) = self.open else {
                let Some(found) = event_start(line, at) else {
                    return;
                };
                self.open = Some((i, found));
                // Past `<Event`: the next character (white space or `>`)
                // cannot start `</Event>`.
                at = found + "<Event".len();
                continue;
            };
            let rest = from(line, at);
            let Some(close) = find(rest, "</Event>") else {
                if start == i {
                    self.first_line.clear();
                    self.first_line.push_str(line);
                    self.element.clear();
                    self.element.push_str(from(line, opened));
                } else {
                    self.element.push_str(rest);
                }
                self.element.push('\n');
                if self.element.len() > MAX_EVENT_BYTES {
                    self.open = None;
                    self.element = String::new();
                }
                return;
            };
            let end = at + close + "</Event>".len();
            if start == i {
                emit(line.get(opened..end).unwrap_or_default(), i, line);
            } else {
                self.element.push_str(line.get(at..end).unwrap_or_default());
                emit(&self.element, start, &self.first_line);
            }
            self.open = None;
            at = end;
        }
    }
}

/// Where the next `<Event` followed by white space, `>` or the line's end
/// (a `\n` in the joined text) is, from byte `at`.
fn event_start(line: &str, at: usize) -> Option<usize> {
    let mut at = at;
    loop {
        let found = at + find(from(line, at), "<Event")?;
        let next = from(line, found + "<Event".len()).chars().next();
        if next.is_none_or(|c| c == '>' || c.is_whitespace()) {
            return Some(found);
        }
        at = found + 1;
    }
}

pub(super) fn xml_events(lines: &[&str]) -> Vec<RawEvent> {
    let mut splitter = XmlSplitter::default();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        splitter.line(i, line, |xml, start, _| out.extend(xml_event(xml, start)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::{fixture_files, numbers};

    /// The regexes the readers replaced, and what they read with them.
    struct Regexes {
        event: Regex,
        provider: Regex,
        id: Regex,
        time: Regex,
        data: Regex,
        message: Regex,
        result: Regex,
        process: Regex,
    }

    fn regexes() -> Regexes {
        let re = |p: &str| Regex::new(p).unwrap();
        Regexes {
            event: re(r"(?s)<Event[\s>].*?</Event>"),
            provider: re(r#"<Provider\s+Name\s*=\s*['"]([^'"]*)['"]"#),
            id: re(r"<EventID[^>]*>\s*(\d+)\s*</EventID>"),
            time: re(r#"<TimeCreated\s+SystemTime\s*=\s*['"]([^'"]*)['"]"#),
            data: re(r#"(?s)<Data(?:\s+Name\s*=\s*['"][^'"]*['"])?\s*(?:/>|>(.*?)</Data>)"#),
            message: re(r"(?s)<Message>(.*?)</Message>"),
            result: re(
                r#"(?s)<Result\s+value\s*=\s*['"]([0-9A-Fa-f]{1,8})['"]\s*(?:/>|>(.*?)</Result>)"#,
            ),
            process: re(r#"<EventAuxInfo\s+ProcessName\s*=\s*['"]([^'"]*)['"]"#),
        }
    }

    /// What each reader finds, and what its regex finds, in `xml`.
    fn same_fields(re: &Regexes, xml: &str) {
        let cap = |r: &Regex| r.captures(xml).and_then(|c| c.get(1)).map(|m| m.as_str());
        assert_eq!(
            attribute_of(xml, "<Provider", "Name"),
            cap(&re.provider),
            "{xml:?}"
        );
        assert_eq!(event_id(xml), cap(&re.id), "{xml:?}");
        assert_eq!(
            attribute_of(xml, "<TimeCreated", "SystemTime"),
            cap(&re.time),
            "{xml:?}"
        );
        assert_eq!(
            element(xml, "<Message>", "</Message>"),
            cap(&re.message),
            "{xml:?}"
        );
        assert_eq!(
            attribute_of(xml, "<EventAuxInfo", "ProcessName"),
            cap(&re.process),
            "{xml:?}"
        );
        let data: Vec<Option<&str>> = (re.data.captures_iter(xml))
            .map(|c| c.get(1).map(|m| m.as_str()))
            .collect();
        assert_eq!(data_values(xml).collect::<Vec<_>>(), data, "{xml:?}");
        let result = re.result.captures(xml).and_then(|c| {
            let value = c.get(1)?.as_str();
            Some((value, c.get(2).map(|m| m.as_str())))
        });
        assert_eq!(result_of(xml), result, "{xml:?}");
    }

    /// Every fixture's text, whatever its platform.
    fn fixtures() -> Vec<String> {
        fixture_files()
            .iter()
            .filter(|p| !p.to_string_lossy().ends_with(".expected.json"))
            .filter(|p| std::fs::metadata(p).is_ok_and(|m| m.len() < 1 << 20))
            .filter_map(|p| std::fs::read(p).ok())
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .collect()
    }

    /// Texts made from `base` by cutting, doubling and garbling it at
    /// places a seed picks.
    fn mutations(base: &str, seed: u64) -> Vec<String> {
        let mut next = numbers(seed);
        let bytes = base.as_bytes();
        let pieces: &[&[u8]] = &[
            b"<",
            b">",
            b"/>",
            b"'",
            b"\"",
            b"\n",
            b" ",
            b"\t",
            b"\xc2\xa0",
            b"=",
            b"<Data",
            b"</Data>",
            b"<EventID>",
            b"</EventID>",
            b"<Event ",
            b"</Event>",
            b"Name",
            b"value",
            b"<Result value='0'>",
            b"\xd9\xa3",
            b"\xef\xbc\x93",
            b"9",
            b"<Message>",
            b"</Message>",
            b"<Provider Name=",
            b"&amp;",
            b"&#x41;",
        ];
        (0..24)
            .map(|_| {
                let mut out = bytes.to_vec();
                for _ in 0..(1 + next() % 4) {
                    let at = next() % (out.len() + 1);
                    match next() % 3 {
                        0 => {
                            let piece = pieces[next() % pieces.len()];
                            out.splice(at..at, piece.iter().copied());
                        }
                        1 => {
                            let end = (at + next() % 16).min(out.len());
                            out.drain(at..end);
                        }
                        _ => {
                            let end = (at + next() % 64).min(out.len());
                            let copy = out[at..end].to_vec();
                            out.splice(at..at, copy);
                        }
                    }
                }
                String::from_utf8_lossy(&out).into_owned()
            })
            .collect()
    }

    const CRAFTED: &[&str] = &[
        "<Event><System><EventID Qualifiers='0'> 39 </EventID></System></Event>",
        "<Event><EventID>4294967296</EventID><EventID>5</EventID></Event>",
        "<Event><EventID>\u{663}</EventID><EventID>7</EventID></Event>",
        "<Event><EventID>x</EventID><EventIDs>8</EventID></Event>",
        "<Event><Provider  Name = \"A'b\" /><Provider Name='C'/></Event>",
        "<Event><Provider\u{a0}Name='nbsp'/><Provider\u{3000}Name=\"ideographic\"/></Event>",
        "<Event><Data Name='a'>x</Data><Data/><Data Name=\"b\"/><Data>y</Data><DataItem>z</DataItem></Event>",
        "<Event><Data Name='a'>open <Data Name='b'/> <Data>c</Data></Event>",
        "<Event><Data Name='a' >  spaced\n value </Data><Data Name=x>no quote</Data></Event>",
        "<Event><Result value='123456789'>long</Result><Result value=\"80092013\">ok</Result></Event>",
        "<Event><Result value='0'/><Result value='1'>x</Result></Event>",
        "<Event><Result value='800B0109' >text</Result ></Event>",
        "<Event><Message></Message><Message>a</Message></Event>",
        "<Event><Message>a &lt;b&gt;",
        "<Event><EventAuxInfo ProcessName='w3wp.exe'/></Event>",
        "<Event><TimeCreated SystemTime=''/><TimeCreated SystemTime='2025-01-01T00:00:00Z'/></Event>",
    ];

    #[test]
    fn the_readers_find_what_the_regexes_found() {
        let re = regexes();
        let mut texts: Vec<String> = CRAFTED.iter().map(|s| s.to_string()).collect();
        let mut elements = 0;
        for fixture in fixtures() {
            for m in re.event.find_iter(&fixture) {
                elements += 1;
                texts.push(m.as_str().to_string());
                texts.extend(mutations(m.as_str(), elements));
            }
        }
        assert!(elements >= 20, "{elements}");
        for (n, text) in CRAFTED.iter().enumerate() {
            texts.extend(mutations(text, n as u64 + 1000));
        }
        for text in &texts {
            same_fields(&re, text);
        }
    }

    /// The elements the regex finds in `lines` joined, with their first line.
    fn by_regex(re: &Regexes, lines: &[&str]) -> Vec<(usize, String)> {
        let text = lines.join("\n");
        re.event
            .find_iter(&text)
            .map(|m| {
                (
                    text[..m.start()].matches('\n').count(),
                    m.as_str().to_string(),
                )
            })
            .collect()
    }

    fn by_splitter(lines: &[&str]) -> Vec<(usize, String)> {
        let mut splitter = XmlSplitter::default();
        let mut out = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            splitter.line(i, line, |xml, start, first| {
                assert_eq!(first, lines[start]);
                out.push((start, xml.to_string()));
            });
        }
        out
    }

    #[test]
    fn the_splitter_finds_the_elements_the_regex_found() {
        let re = regexes();
        let mut texts = fixtures();
        texts.extend([
            "<Events><Event><EventID>1</EventID></Event><Event xmlns='x'>\n<EventID>2</EventID>\n</Event> garbage <Event\n><EventID>3</EventID></Event></Events>".to_string(),
            "<Event\n<Event>a</Event>\n<Events><EventData></Event><Event>".to_string(),
            "text before <Event>\n\n</Event></Event><Event\u{a0}x>y</Event><Event".to_string(),
        ]);
        let mut n = 0;
        for text in &texts {
            for (k, variant) in std::iter::once(text.clone())
                .chain(mutations(text, n))
                .enumerate()
            {
                n += 1;
                if k > 0 && !text.contains("<Event") {
                    break;
                }
                let lines: Vec<&str> = variant.lines().collect();
                assert_eq!(by_splitter(&lines), by_regex(&re, &lines), "{variant:?}");
            }
        }
    }

    #[test]
    fn an_unclosed_element_is_dropped_past_its_bound() {
        let mut splitter = XmlSplitter::default();
        let filler = "x".repeat(1000);
        let mut got = Vec::new();
        splitter.line(0, "<Event>", |_, _, _| {});
        for i in 1..2000 {
            splitter.line(i, &filler, |_, _, _| {});
        }
        assert!(splitter.open.is_none());
        splitter.line(2000, "<Event>a</Event>", |xml, start, _| {
            got.push((start, xml.to_string()))
        });
        assert_eq!(got, [(2000, "<Event>a</Event>".to_string())]);
    }
}
