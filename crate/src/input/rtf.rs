//! Rich-text artefacts of logs saved with TextEdit (the way Microsoft tells
//! admins to save an Apple Console copy). Two shapes reach us:
//!
//! - the `.rtf` file itself (`{\rtf1\ansi…`): control words, groups such as
//!   the font table, every line ending in `\`;
//! - its text pasted or opened as plain text: every line still ends in `\`
//!   (plus spaces), quotes read `\'93`/`\'94`, braces `\{`/`\}`.
//!
//! [`clean`] turns both back into the plain text the device wrote, keeping one
//! output line per input line so evidence line numbers still point at the
//! file the admin has. Text without these artefacts is returned untouched.

use std::borrow::Cow;

/// The plain text behind TextEdit's rich-text artefacts, or the text itself.
pub fn clean(text: &str) -> Cow<'_, str> {
    if is_document(text) {
        Cow::Owned(strip(text))
    } else if has_artefacts(text) {
        Cow::Owned(unescape_lines(text))
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether `text` is an RTF document (`{\rtf…` after any leading blanks).
pub fn is_document(text: &str) -> bool {
    text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
        .starts_with("{\\rtf")
}

/// TextEdit's escapes survive in plain text: curly quotes as `\'93`/`\'94`,
/// or a trailing `\` on at least a third of the non-empty lines.
pub fn has_artefacts(text: &str) -> bool {
    // memmem (SIMD in WebAssembly too, where `contains` reads the head of
    // every input a byte at a time).
    let has = |needle: &[u8]| memchr::memmem::find(text.as_bytes(), needle).is_some();
    if has(b"\\'93") || has(b"\\'94") {
        return true;
    }
    let (mut lines, mut marked) = (0usize, 0usize);
    for line in text.lines() {
        let line = line.trim_end_matches([' ', '\t', '\r']);
        if line.is_empty() {
            continue;
        }
        lines += 1;
        if line.ends_with('\\') {
            marked += 1;
        }
    }
    marked > 0 && marked * 3 >= lines
}

/// Plain-text mode: per line, drop the trailing `\` (and the spaces around
/// it) and undo `\'hh`, `\{`, `\}`, `\\`. Line terminators are kept.
fn unescape_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for piece in text.split_inclusive(['\n', '\r']) {
        let content = piece.trim_end_matches(['\n', '\r']);
        let ending = piece.get(content.len()..).unwrap_or("");
        unescape_line_into(content, &mut out);
        out.push_str(ending);
    }
    out
}

/// One line (without its terminator) with TextEdit's artefacts undone.
pub fn unescape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    unescape_line_into(line, &mut out);
    out
}

/// Drops the trailing `\` (and the spaces around it), then undoes the escapes.
/// (Bytes, not `str::trim_end_matches` and `contains`: this runs on every
/// line of a TextEdit copy, and WebAssembly does not inline those searchers.)
pub fn unescape_line_into(content: &str, out: &mut String) {
    let bytes = content.as_bytes();
    let without_blanks = |mut end: usize| {
        while end > 0 && matches!(bytes.get(end - 1), Some(b' ' | b'\t')) {
            end -= 1;
        }
        end
    };
    let end = without_blanks(bytes.len());
    // A trailing `\` that is not the second half of an escaped `\\`.
    let content = match end.checked_sub(1).map(|last| (bytes.get(last), last)) {
        Some((Some(b'\\'), last)) if last == 0 || bytes.get(last - 1) != Some(&b'\\') => {
            content.get(..without_blanks(last)).unwrap_or(content)
        }
        _ => content,
    };
    unescape_into(content, out);
}

fn unescape_into(line: &str, out: &mut String) {
    // Most lines hold no escape: copied whole.
    if memchr::memchr(b'\\', line.as_bytes()).is_none() {
        out.push_str(line);
        return;
    }
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.peek().copied() {
            Some(e @ ('\\' | '{' | '}')) => {
                chars.next();
                out.push(e);
            }
            Some('\'') => {
                chars.next();
                match hex_byte(&mut chars) {
                    Some(b) => out.push(cp1252(b)),
                    None => out.push_str("\\'"),
                }
            }
            _ => out.push('\\'),
        }
    }
}

/// Two hex digits after `\'`, consumed only when both are present.
fn hex_byte(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Option<u8> {
    let mut ahead = chars.clone();
    let hi = ahead.next()?.to_digit(16)?;
    let lo = ahead.next()?.to_digit(16)?;
    chars.next();
    chars.next();
    u8::try_from(hi * 16 + lo).ok()
}

/// Windows-1252, the code page TextEdit's `\ansicpg1252` escapes refer to.
fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{FFFD}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{FFFD}', 'Ž',
        '\u{FFFD}', '\u{FFFD}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ',
        '\u{FFFD}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH
            .get(usize::from(b - 0x80))
            .copied()
            .unwrap_or('\u{FFFD}'),
        _ => char::from(b),
    }
}

/// Destinations whose text is not document text.
const SKIPPED: &[&str] = &[
    "fonttbl",
    "colortbl",
    "expandedcolortbl",
    "stylesheet",
    "info",
    "pict",
    "listtable",
    "listoverridetable",
    "filetbl",
    "generator",
    "themedata",
    "latentstyles",
    "header",
    "footer",
];

/// A whole RTF document to its text. Every newline of the source is kept
/// (inside skipped groups too) so line numbers match the file.
pub fn strip(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut outer: Vec<bool> = Vec::new();
    let mut skipping = false;
    // Fallback characters still to drop after a `\uN` escape, and how many
    // each `\uN` has (`\ucN`).
    let (mut fallback, mut uc) = (0usize, 1usize);
    while let Some(c) = chars.next() {
        match c {
            '{' => outer.push(skipping),
            '}' => skipping = outer.pop().unwrap_or(false),
            '\n' | '\r' => out.push(c),
            '\\' => match chars.peek().copied() {
                None | Some('\n' | '\r') => {}
                Some(e @ ('\\' | '{' | '}')) => {
                    chars.next();
                    emit(e, skipping, &mut fallback, &mut out);
                }
                Some('\'') => {
                    chars.next();
                    if let Some(b) = hex_byte(&mut chars) {
                        emit(cp1252(b), skipping, &mut fallback, &mut out);
                    }
                }
                Some('~') => {
                    chars.next();
                    emit(' ', skipping, &mut fallback, &mut out);
                }
                Some('_') => {
                    chars.next();
                    emit('-', skipping, &mut fallback, &mut out);
                }
                Some('*') => {
                    chars.next();
                    skipping = true;
                }
                Some(l) if l.is_ascii_alphabetic() => {
                    let (word, arg) = control_word(&mut chars);
                    match word.as_str() {
                        w if SKIPPED.contains(&w) => skipping = true,
                        "par" | "line" if !matches!(chars.peek(), Some('\n' | '\r')) => {
                            emit('\n', skipping, &mut 0, &mut out)
                        }
                        "tab" => emit('\t', skipping, &mut fallback, &mut out),
                        "uc" => uc = arg.and_then(|n| usize::try_from(n).ok()).unwrap_or(1),
                        "u" => {
                            if let Some(n) = arg {
                                let code = if n < 0 { n + 65536 } else { n };
                                let c = u32::try_from(code)
                                    .ok()
                                    .and_then(char::from_u32)
                                    .unwrap_or('\u{FFFD}');
                                emit(c, skipping, &mut 0, &mut out);
                                fallback = uc;
                            }
                        }
                        _ => {}
                    }
                }
                Some(_) => {
                    chars.next();
                }
            },
            _ => emit(c, skipping, &mut fallback, &mut out),
        }
    }
    out
}

/// Writes one character of document text, unless it is a `\uN` fallback
/// or inside a skipped group.
fn emit(c: char, skipping: bool, fallback: &mut usize, out: &mut String) {
    if *fallback > 0 {
        *fallback -= 1;
    } else if !skipping {
        out.push(c);
    }
}

/// Reads a control word's letters, its optional signed number, and the one
/// space that may end it.
fn control_word(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> (String, Option<i64>) {
    let mut word = String::new();
    while let Some(&c) = chars.peek() {
        if !c.is_ascii_alphabetic() || word.len() >= 32 {
            break;
        }
        word.push(c);
        chars.next();
    }
    let mut digits = String::new();
    if chars.peek() == Some(&'-') {
        digits.push('-');
        chars.next();
    }
    while let Some(&c) = chars.peek() {
        if !c.is_ascii_digit() || digits.len() >= 10 {
            break;
        }
        digits.push(c);
        chars.next();
    }
    if chars.peek() == Some(&' ') {
        chars.next();
    }
    (word, digits.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed() {
        let text = "2018-02-27T05:16:08.2500000    VERB    x\nC:\\Windows\\ path\n";
        assert!(matches!(clean(text), Cow::Borrowed(_)));
    }

    #[test]
    fn pasted_textedit_lines() {
        let text = "Debug 18:30:53.691033 -0500 profiled Performing synchronous URL request: https://x/y\\  \r\n\
                    Default 18:30:57.320616 -0500 profiled Profile \\'93www.windowsintune.com.SCEP.A\\'94 installed.\\ \r\n\
                    \x20   PayloadContent = \\{\\\n";
        let clean = clean(text);
        let lines: Vec<&str> = clean.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "Debug 18:30:53.691033 -0500 profiled Performing synchronous URL request: https://x/y"
        );
        assert_eq!(
            lines[1],
            "Default 18:30:57.320616 -0500 profiled Profile “www.windowsintune.com.SCEP.A” installed."
        );
        assert_eq!(lines[2], "    PayloadContent = {\n");
    }

    /// Each line's end as TextEdit leaves it: a `\` that ends the line (with
    /// blanks before or after it) goes, an escaped `\\` stays whole.
    #[test]
    fn trailing_backslash_and_blanks() {
        for (line, want) in [
            ("", ""),
            ("\\", ""),
            (" \\ ", ""),
            ("a\\", "a"),
            ("a \t\\\t ", "a"),
            ("a\\\\", "a\\"),
            ("a\\\\  ", "a\\  "),
            ("a  ", "a  "),
            ("a\\b", "a\\b"),
            ("\\\\", "\\"),
            ("日本 \\", "日本"),
        ] {
            assert_eq!(unescape_line(line), want, "{line:?}");
        }
    }

    #[test]
    fn any_cp1252_escape_and_broken_ones() {
        let mut out = String::new();
        unescape_into(r"a\'85 \'e9 \'zz \\ end\", &mut out);
        assert_eq!(out, "a… é \\'zz \\ end\\");
    }

    #[test]
    fn whole_rtf_file_keeps_its_lines() {
        let rtf = "{\\rtf1\\ansi\\ansicpg1252\\cocoartf2639\n\
\\cocoatextscaling0\\cocoaplatform0{\\fonttbl\\f0\\fswiss\\fcharset0 Helvetica;}\n\
{\\colortbl;\\red255\\green255\\blue255;}\n\
{\\*\\expandedcolortbl;;}\n\
\\paperw11900\\paperh16840\\margl1440\\margr1440\\vieww11520\\viewh8400\\viewkind0\n\
\\pard\\tx566\\tx1133\\pardirnatural\\partightenfactor0\n\
\n\
\\f0\\fs24 \\cf0 Default 18:30:57.320616 -0500 profiled Profile \\'93www.windowsintune.com.SCEP.A\\'94 installed.\\\n\
Error 18:30:58.000000 -0500 profiled x \\{ y \\} \\uc0\\u8230 z\\\n\
}";
        let text = clean(rtf);
        let lines: Vec<&str> = text.split('\n').collect();
        assert_eq!(lines.len(), rtf.split('\n').count());
        assert!(lines[..7].iter().all(|l| l.trim().is_empty()), "{lines:?}");
        assert_eq!(
            lines[7],
            "Default 18:30:57.320616 -0500 profiled Profile “www.windowsintune.com.SCEP.A” installed."
        );
        assert_eq!(lines[8], "Error 18:30:58.000000 -0500 profiled x { y } …z");
    }

    #[test]
    fn unicode_escape_drops_its_fallback() {
        assert_eq!(strip("{\\rtf1 a\\u8220?b\\'94}"), "a“b”");
        assert_eq!(strip("{\\rtf1 \\u-3913?}"), "\u{F0B7}");
    }

    #[test]
    fn hostile_rtf_does_not_panic() {
        for s in [
            "{\\rtf1",
            "{\\rtf1 \\'",
            "{\\rtf1 \\'9",
            "}}}{\\rtf1\\u",
            "{\\rtf1\\u99999999999999}",
        ] {
            let _ = clean(s);
        }
    }
}
