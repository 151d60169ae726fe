//! Text pasted by people rather than exported by a tool: a forum post, a
//! ticket, a chat or an editor's rendering around the log lines. One step
//! undoes that rendering line by line, before format detection and rule
//! matching, so no signature has to know about it:
//!
//! - prefixes in front of a line: quote markers (`> `), bullets (`- `, `* `,
//!   `• `), line numbers (`12. `, `12: `, `12) `, `Line 12: `), a `…` or
//!   `...` where the start was cut; Markdown's inline code (`` ` ``,
//!   ```` ``` ````) around a line;
//! - Markdown escapes (`\_`, `\*`, `\[` …), HTML entities (`&quot;`,
//!   `&#39;`, `&amp;`, `&lt;` …), typographic quotes (‘ ’ “ ”), no-break and
//!   zero-width spaces.
//!
//! A clean export is never touched: the step runs only when the input's
//! first lines show such a rendering ([`looks_pasted`]), and entities are
//! left alone when the text holds markup of its own (XML keeps `&amp;`).
//! Each line maps to one line (evidence keeps its line number), and the work
//! is one pass over the line's characters.

use super::literal;
use std::borrow::Cow;

use chrono::{NaiveDate, NaiveDateTime};

use crate::core::time::{parse_time_of_day, LogTime};

/// How a pasted text is cleaned (decided once from its first lines).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Paste {
    /// Decode HTML entities (the text holds no markup of its own).
    pub entities: bool,
}

/// Whether the first lines show a paste's rendering; `Some` says how to
/// clean every line of the input.
pub fn looks_pasted<S: AsRef<str>>(head: &[S]) -> Option<Paste> {
    let markup = head.iter().any(|l| {
        let l = l.as_ref();
        literal::contains(l, "</") || literal::contains(l, "/>") || literal::contains(l, "<?xml")
    });
    let paste = Paste { entities: !markup };
    head.iter()
        .any(|l| shows_rendering(l.as_ref(), paste))
        .then_some(paste)
}

/// Whether a line shows a paste's rendering. Typographic double quotes and
/// apostrophes alone do not: Apple's own messages use them (`Profile “…”
/// installed.`, `Authority’s`).
fn shows_rendering(line: &str, paste: Paste) -> bool {
    if strip_prefixes(line).len() != line.len() {
        return true;
    }
    // By bytes: `\`, `&` and the lead bytes of the characters below (every
    // line of the head is asked; decoding each character cost most of it).
    // The line is UTF-8, so a character's bytes are found only where it is.
    let bytes = line.as_bytes();
    let at = |i: usize| bytes.get(i..).unwrap_or_default();
    memchr::memchr3_iter(b'\\', b'&', 0xE2, bytes).any(|i| match at(i) {
        [b'\\', ..] => escaped(line.get(i + 1..i + 2)),
        [b'&', ..] => paste.entities && entity(line.get(i..).unwrap_or_default()).is_some(),
        // U+2018, U+202F, U+200B; U+2060.
        [0xE2, 0x80, 0x98 | 0xAF | 0x8B, ..] | [0xE2, 0x81, 0xA0, ..] => true,
        _ => false,
    }) || memchr::memmem::find(bytes, "\u{00A0}".as_bytes()).is_some()
}

/// Whether `\` before this character is a Markdown escape.
fn escaped(next: Option<&str>) -> bool {
    matches!(
        next,
        Some("_" | "*" | "[" | "]" | "<" | ">" | "#" | "`" | "|" | "~")
    )
}

/// One line with a paste's rendering undone (borrowed when nothing changed).
pub fn clean(line: &str, paste: Paste) -> Cow<'_, str> {
    let mut body = strip_prefixes(line);
    if body.len() != line.len() && line.trim_start().starts_with('`') {
        // Inline code: `…` or ```…``` around the line.
        body = body.trim_end_matches([' ', '\t']).trim_end_matches('`');
    }
    if !needs_unescape(body, paste) {
        return if body.len() == line.len() {
            Cow::Borrowed(line)
        } else {
            Cow::Borrowed(body)
        };
    }
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(c) = rest.chars().next() {
        let len = c.len_utf8();
        match c {
            '\\' => match rest.get(1..2) {
                Some(e) if escaped(Some(e)) => {
                    out.push_str(e);
                    rest = rest.get(2..).unwrap_or_default();
                    continue;
                }
                _ => out.push('\\'),
            },
            '&' if paste.entities => {
                if let Some((text, used)) = entity(rest) {
                    out.push_str(text);
                    rest = rest.get(used..).unwrap_or_default();
                    continue;
                }
                out.push('&');
            }
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{2032}' => out.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' => out.push('"'),
            '\u{00A0}' | '\u{2007}' | '\u{202F}' => out.push(' '),
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
            other => out.push(other),
        }
        rest = rest.get(len..).unwrap_or_default();
    }
    Cow::Owned(out)
}

/// Whether anything after the prefixes needs undoing.
fn needs_unescape(body: &str, paste: Paste) -> bool {
    body.char_indices().any(|(i, c)| match c {
        '\\' => escaped(body.get(i + 1..i + 2)),
        '&' => paste.entities && entity(body.get(i..).unwrap_or_default()).is_some(),
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{2032}' | '\u{201C}' | '\u{201D}'
        | '\u{201E}' | '\u{2033}' | '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{200B}'
        | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => true,
        _ => false,
    })
}

/// The HTML entities pasting renders log text with, and their text.
const ENTITIES: &[(&str, &str)] = &[
    ("&quot;", "\""),
    ("&#34;", "\""),
    ("&#39;", "'"),
    ("&#x27;", "'"),
    ("&apos;", "'"),
    ("&amp;", "&"),
    ("&#38;", "&"),
    ("&lt;", "<"),
    ("&#60;", "<"),
    ("&gt;", ">"),
    ("&#62;", ">"),
    ("&nbsp;", " "),
    ("&#160;", " "),
    ("&hellip;", "..."),
    ("&lsquo;", "'"),
    ("&rsquo;", "'"),
    ("&ldquo;", "\""),
    ("&rdquo;", "\""),
];

/// The entity `text` starts with: its text and length.
fn entity(text: &str) -> Option<(&'static str, usize)> {
    let head = text.get(..text.len().min(8)).unwrap_or(text);
    ENTITIES
        .iter()
        .find(|(name, _)| head.starts_with(name))
        .map(|(name, value)| (*value, name.len()))
}

/// The line without the prefixes a paste put in front of it. Each round
/// removes at least one character, so the work is linear in the line.
fn strip_prefixes(line: &str) -> &str {
    let mut rest = line;
    loop {
        let trimmed = rest.trim_start_matches([' ', '\t']);
        let next = quote(trimmed)
            .or_else(|| trimmed.strip_prefix('`').map(|t| t.trim_start_matches('`')))
            .or_else(|| bullet(trimmed))
            .or_else(|| numbered(trimmed))
            .or_else(|| cut_start(trimmed));
        match next {
            Some(after) if after.len() < rest.len() => rest = after,
            _ => return rest,
        }
    }
}

/// `> ` (also `>` alone before text, and `&gt; ` as a rendering shows it).
fn quote(text: &str) -> Option<&str> {
    let after = text
        .strip_prefix('>')
        .or_else(|| text.strip_prefix("&gt;"))?;
    if after.is_empty() || after.starts_with([' ', '\t', '>']) {
        Some(after.trim_start_matches([' ', '\t']))
    } else {
        None
    }
}

/// `- `, `* `, `• `, `· `.
fn bullet(text: &str) -> Option<&str> {
    ["- ", "* ", "• ", "· ", "-\t", "*\t", "•\t"]
        .iter()
        .find_map(|b| text.strip_prefix(b))
}

/// `12. `, `12: `, `12) `, `Line 12: ` (an editor's find-all output).
fn numbered(text: &str) -> Option<&str> {
    let body = text
        .strip_prefix("Line ")
        .or_else(|| text.strip_prefix("line "))
        .unwrap_or(text);
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 6 {
        return None;
    }
    let after = body.get(digits..)?;
    let after = after
        .strip_prefix(". ")
        .or_else(|| after.strip_prefix(": "))
        .or_else(|| after.strip_prefix(") "))
        .or_else(|| after.strip_prefix(".\t"))
        .or_else(|| after.strip_prefix(":\t"))?;
    Some(after)
}

/// `…` or `...` where the paste's start was cut (not NSError's own
/// `...Underlying error:`).
fn cut_start(text: &str) -> Option<&str> {
    text.strip_prefix('…')
        .or_else(|| text.strip_prefix("..."))
        .filter(|after| after.starts_with(|c: char| c.is_ascii_alphabetic() || c == ' '))
        .filter(|after| !after.starts_with("Underlying"))
}

/// The timestamp another tool wrote in front of a line (a ticket system's,
/// a log collector's, a chat's): `2024-05-01 10:22:33`, ISO
/// `2024-05-01T10:22:33.123Z` or with an offset, optionally in `[…]`, then a
/// separator and the line. Read by hand because it is a fixed shape tried on
/// a few lines only (events that carry no time of their own). The time is in
/// that tool's clock: UTC when it says so, its offset when it gives one, else
/// its wall clock.
pub fn foreign_time(line: &str) -> Option<LogTime> {
    let s = line.trim_start();
    let s = s.strip_prefix('[').unwrap_or(s);
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let shape = digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10)
        && matches!(b.get(10), Some(b' ' | b'T'))
        && digits(11..13)
        && b.get(13) == Some(&b':')
        && digits(14..16)
        && b.get(16) == Some(&b':')
        && digits(17..19);
    if !shape {
        return None;
    }
    let mut end = 19;
    if matches!(b.get(end), Some(b'.' | b',')) {
        let frac = b.get(end + 1..).unwrap_or_default();
        let n = frac.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return None;
        }
        end += 1 + n;
    }
    let date = s.get(..10)?;
    let clock = s.get(11..end)?.replace(',', ".");
    let at = NaiveDateTime::new(
        NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?,
        parse_time_of_day(&clock)?,
    );
    let rest = s.get(end..)?;
    let (time, rest) = if let Some(r) = rest.strip_prefix('Z').or_else(|| rest.strip_prefix(" UTC"))
    {
        (LogTime::utc(at), r)
    } else if rest.starts_with(['+', '-']) && offset_len(rest) > 0 {
        let n = offset_len(rest);
        (LogTime::with_offset(at, rest.get(..n)?), rest.get(n..)?)
    } else {
        (LogTime::local(at), rest)
    };
    let rest = rest.strip_prefix(']').unwrap_or(rest);
    // A separator, then the line itself.
    let body = rest.trim_start_matches([' ', '\t', '-', '|', ':']);
    (rest.starts_with([' ', '\t', '|', ']']) && !body.trim().is_empty()).then_some(time)
}

/// Length of a UTC offset `+09:00` / `-0500` at the start of `s`, or 0.
fn offset_len(s: &str) -> usize {
    let b = s.as_bytes();
    let d = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    if !(d(1) && d(2)) {
        return 0;
    }
    if b.get(3) == Some(&b':') && d(4) && d(5) {
        6
    } else if d(3) && d(4) {
        5
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte search finds what reading every character finds.
    #[test]
    fn rendering_is_found_by_bytes_as_by_characters() {
        fn by_chars(line: &str, paste: Paste) -> bool {
            strip_prefixes(line).len() != line.len()
                || line.char_indices().any(|(i, c)| match c {
                    '\\' => escaped(line.get(i + 1..i + 2)),
                    '&' => paste.entities && entity(line.get(i..).unwrap_or_default()).is_some(),
                    '\u{2018}' | '\u{00A0}' | '\u{202F}' | '\u{200B}' | '\u{2060}' => true,
                    _ => false,
                })
        }
        let lines = [
            "",
            "plain",
            "a\\_b",
            "a\\",
            "&amp; x",
            "&nbsp",
            "&#8217;",
            "x \u{2018}y\u{2019}",
            "no\u{00A0}break",
            "\u{202F}",
            "zero\u{200B}width",
            "\u{2060}",
            "\u{2014} dash \u{201C}q\u{201D}",
            "日本語 — \u{2061} \u{2028}",
            "\u{A0}",
            "é&lt;",
            "> quoted",
            "\u{00C2}\u{00A0}",
        ];
        for line in lines {
            for entities in [true, false] {
                let paste = Paste { entities };
                assert_eq!(
                    shows_rendering(line, paste),
                    by_chars(line, paste),
                    "{line:?}"
                );
            }
        }
    }

    fn c(line: &str) -> String {
        clean(line, Paste { entities: true }).into_owned()
    }

    #[test]
    fn prefixes_are_removed() {
        assert_eq!(c("> - SCEP: x"), "SCEP: x");
        assert_eq!(c("> > 12. SCEP: x"), "SCEP: x");
        assert_eq!(c("• SCEP: x"), "SCEP: x");
        assert_eq!(c("Line 4: SCEP: x"), "SCEP: x");
        assert_eq!(c("…Failed to Initialize"), "Failed to Initialize");
        assert_eq!(c("...Failed to Initialize"), "Failed to Initialize");
        assert_eq!(c("```Bundle: x, result: y.```"), "Bundle: x, result: y.");
        assert_eq!(c("`SCEP: x`"), "SCEP: x");
    }

    #[test]
    fn clean_lines_stay_borrowed() {
        for line in [
            "2018-02-27T05:16:08.2500000    INFO    Event     com.microsoft.omadm",
            "Information\t8/20/2024 9:49:44 AM\tDeviceManagement-Enterprise-Diagnostics-Provider\t39\tNone",
            "02.07.2025 12:51:06",
            "10:41:12.691033 -0700    profiled",
            "SCEP Certificate enrollment for INTRA\\rudi via https://x/y",
            "....",
            "-67731",
            "...Underlying error:",
            "\t...Underlying error:",
        ] {
            assert!(matches!(clean(line, Paste { entities: true }), Cow::Borrowed(l) if l == line), "{line}");
        }
    }

    #[test]
    fn renderings_are_undone() {
        assert_eq!(c(r"SCEP\_ERROR\_NETWORK \*x\*"), "SCEP_ERROR_NETWORK *x*");
        assert_eq!(
            c("&quot;a&quot; &#39;b&#39; &amp;lt; &lt;"),
            "\"a\" 'b' &lt; <"
        );
        assert_eq!(
            c("NDES Server ‘https://x’ “y”"),
            "NDES Server 'https://x' \"y\""
        );
        assert_eq!(c("a\u{00A0}b\u{200B}c"), "a bc");
        assert_eq!(clean("&amp;", Paste { entities: false }).as_ref(), "&amp;");
    }

    #[test]
    fn a_clean_head_is_not_a_paste() {
        assert_eq!(
            looks_pasted(&["SCEP: Certificate installed successfully."]),
            None
        );
        assert_eq!(
            looks_pasted(&["<LocURI>a&amp;b</LocURI>", "> x"]),
            Some(Paste { entities: false })
        );
    }

    #[test]
    fn hostile_lines_are_linear() {
        let long = "> - 1. ".repeat(50_000) + &"\\_&amp;‘".repeat(50_000);
        let out = c(&long);
        assert!(out.len() < long.len());
    }

    #[test]
    fn another_tools_timestamp() {
        use crate::core::time::TimeBasis;
        let t = |l: &str| foreign_time(l).map(|t| (t.text, t.basis));
        assert_eq!(
            t("2024-05-01 10:22:33 SCEP: Certificate enroll failed."),
            Some(("2024-05-01T10:22:33.000".into(), TimeBasis::Local))
        );
        assert_eq!(
            t("[2024-05-01T10:22:33.120Z] host: x"),
            Some(("2024-05-01T10:22:33.120Z".into(), TimeBasis::Utc))
        );
        assert_eq!(
            t("2024-05-01T10:22:33,5+09:00 | x"),
            Some(("2024-05-01T10:22:33.500 +09:00".into(), TimeBasis::Offset))
        );
        assert_eq!(t("2024-05-01 10:22:33"), None);
        assert_eq!(t("2024-05-01 10:22"), None);
        assert_eq!(t("SCEP: 2024-05-01 10:22:33 x"), None);
        assert_eq!(t("2024-13-01 10:22:33 x"), None);
    }
}
