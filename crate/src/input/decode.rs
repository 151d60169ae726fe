//! Bytes → text. UTF-8 with or without BOM, UTF-16 LE/BE by BOM or by the NUL
//! pattern Windows tools leave, any line ending. Invalid bytes are replaced and
//! counted; files that are not text at all are named. Never panics.

use crate::core::report::Problem;

/// The text encoding a source was read with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// Not text: a known binary container or mostly control bytes.
    Binary,
}

impl Encoding {
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Bom => "utf-8-bom",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Binary => "binary",
        }
    }
}

pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
    pub problems: Vec<Problem>,
}

/// Magic numbers of files people drop by mistake, or containers read elsewhere
/// (zip and cabinet archives are opened by [`crate::input::archive`] before decoding;
/// their bytes only reach here when decoded directly); each code has its
/// text (`problem.binary-<code>`) in the UI tables.
pub(crate) const BINARY_MAGIC: &[(&[u8], &str)] = &[
    (b"%PDF", "pdf"),
    (b"\x89PNG", "png"),
    (b"\xFF\xD8\xFF", "jpeg"),
    (b"GIF8", "gif"),
    (b"PK\x03\x04", "zip"),
    (b"MSCF", "cab"),
    (b"ElfFile\0", "evtx"),
    (b"MZ", "exe"),
    (b"\x7FELF", "elf"),
    (b"\xD0\xCF\x11\xE0", "ole"),
];

/// How many leading bytes decide how an input is read (BOM, magic number,
/// UTF-16 NUL pattern, control-byte ratio).
pub const SNIFF_BYTES: usize = 4096;

/// Decodes a whole input (the same reading as [`Decoder`] fed in pieces).
pub fn decode(bytes: &[u8]) -> Decoded {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    match Decoder::sniff(head) {
        Sniffed::Text(mut decoder, bom) => {
            let mut text = String::with_capacity(bytes.len());
            decoder.push(bytes.get(bom..).unwrap_or_default(), &mut text);
            let problems = decoder.finish(&mut text);
            Decoded {
                text,
                encoding: decoder.encoding,
                problems,
            }
        }
        Sniffed::NotText(decoded) => decoded,
    }
}

/// What the first bytes of an input say about it.
pub enum Sniffed {
    /// Text: a decoder, and how many bytes of byte-order mark to skip.
    Text(Decoder, usize),
    /// Empty or not text: nothing more to read.
    NotText(Decoded),
}

/// Bytes → text in pieces of any size: a character split between two pieces
/// is carried over, so the text does not depend on where the pieces end.
pub struct Decoder {
    pub encoding: Encoding,
    /// Bytes of a character not yet complete (UTF-8: up to 3; UTF-16: an
    /// odd byte, or a high surrogate waiting for its pair).
    carry: Vec<u8>,
    invalid: usize,
    nuls: usize,
}

impl Decoder {
    /// Decides how to read an input from its first [`SNIFF_BYTES`] bytes (or
    /// all of a shorter input).
    pub fn sniff(head: &[u8]) -> Sniffed {
        let text = |encoding, bom| {
            Sniffed::Text(
                Decoder {
                    encoding,
                    carry: Vec::new(),
                    invalid: 0,
                    nuls: 0,
                },
                bom,
            )
        };
        let not_text = |code: &str, encoding| {
            Sniffed::NotText(Decoded {
                text: String::new(),
                encoding,
                problems: vec![Problem::coded(code)],
            })
        };
        if head.is_empty() {
            return not_text("empty", Encoding::Utf8);
        }
        if head.starts_with(b"\xEF\xBB\xBF") {
            return text(Encoding::Utf8Bom, 3);
        }
        if head.starts_with(b"\xFF\xFE") {
            return text(Encoding::Utf16Le, 2);
        }
        if head.starts_with(b"\xFE\xFF") {
            return text(Encoding::Utf16Be, 2);
        }
        for (magic, code) in BINARY_MAGIC {
            if head.starts_with(magic) && (*code != "exe" || looks_binary(head)) {
                return not_text(&format!("binary-{code}"), Encoding::Binary);
            }
        }
        if let Some(enc) = utf16_by_nul_pattern(head) {
            return text(enc, 0);
        }
        if looks_binary(head) {
            return not_text("binary", Encoding::Binary);
        }
        text(Encoding::Utf8, 0)
    }

    /// Appends the text of the next piece to `out`.
    pub fn push(&mut self, bytes: &[u8], out: &mut String) {
        let from = out.len();
        let joined;
        let bytes = if self.carry.is_empty() {
            bytes
        } else {
            joined = [std::mem::take(&mut self.carry).as_slice(), bytes].concat();
            &joined
        };
        match self.encoding {
            Encoding::Utf16Le | Encoding::Utf16Be => self.utf16(bytes, out),
            _ => self.utf8(bytes, out),
        }
        // Stray NULs (a truncated UTF-16 copy, a binary tail) would only
        // confuse parsing. (Looked for with the memchr crate: `str::contains`
        // reads a word at a time, the crate with SIMD, also in WebAssembly;
        // the look was 4 % of a log's instructions.)
        if let Some(tail) = out.get(from..) {
            if memchr::memchr(0, tail.as_bytes()).is_some() {
                let kept: String = tail.chars().filter(|&c| c != '\0').collect();
                self.nuls += tail.len() - kept.len();
                out.truncate(from);
                out.push_str(&kept);
            }
        }
    }

    fn utf8(&mut self, mut bytes: &[u8], out: &mut String) {
        // Valid text, nearly always, checked 16 bytes at a time: the
        // standard library's check reads a word at a time, 4 bytes in
        // WebAssembly (under Node, 18 ms of a 100 MB Android log's 180;
        // this one 12). Invalid text goes on to the standard library's
        // check, which says where.
        if let Ok(valid) = simdutf8::basic::from_utf8(bytes) {
            return out.push_str(valid);
        }
        loop {
            match std::str::from_utf8(bytes) {
                Ok(valid) => return out.push_str(valid),
                Err(e) => {
                    let (valid, rest) = bytes.split_at(e.valid_up_to());
                    out.push_str(std::str::from_utf8(valid).unwrap_or_default());
                    match e.error_len() {
                        Some(bad) => {
                            self.invalid += bad;
                            out.push('\u{FFFD}');
                            bytes = rest.get(bad..).unwrap_or_default();
                        }
                        // A character cut by the end of this piece.
                        None => return self.carry.extend_from_slice(rest),
                    }
                }
            }
        }
    }

    fn utf16(&mut self, bytes: &[u8], out: &mut String) {
        let unit = |p: &[u8]| match (self.encoding, p) {
            (Encoding::Utf16Be, [a, b]) => u16::from_be_bytes([*a, *b]),
            (_, [a, b]) => u16::from_le_bytes([*a, *b]),
            _ => 0,
        };
        let pairs = bytes.chunks_exact(2);
        let odd = pairs.remainder();
        let mut units: Vec<u16> = pairs.map(unit).collect();
        // A high surrogate at the end may pair with the next piece's first unit.
        let held = units
            .last()
            .is_some_and(|u| (0xD800..0xDC00).contains(u))
            .then(|| units.pop());
        for c in char::decode_utf16(units) {
            match c {
                Ok(c) => out.push(c),
                Err(_) => {
                    self.invalid += 2;
                    out.push('\u{FFFD}');
                }
            }
        }
        if let Some(Some(high)) = held {
            let b = match self.encoding {
                Encoding::Utf16Be => high.to_be_bytes(),
                _ => high.to_le_bytes(),
            };
            self.carry.extend_from_slice(&b);
        }
        self.carry.extend_from_slice(odd);
    }

    /// The input is complete: whatever was carried is counted as invalid.
    /// Returns the problems met while decoding.
    pub fn finish(&mut self, out: &mut String) -> Vec<Problem> {
        let carry = std::mem::take(&mut self.carry);
        match self.encoding {
            Encoding::Utf16Le | Encoding::Utf16Be => {
                if carry.len() >= 2 {
                    // An unpaired high surrogate.
                    self.invalid += 2;
                    out.push('\u{FFFD}');
                }
                self.invalid += carry.len() % 2;
            }
            _ if !carry.is_empty() => {
                self.invalid += carry.len();
                out.push('\u{FFFD}');
            }
            _ => {}
        }
        let mut problems = Vec::new();
        if self.invalid > 0 {
            problems.push(
                Problem::coded("invalid-bytes")
                    .param("encoding", self.encoding.as_str())
                    .count(self.invalid as u64),
            );
        }
        if self.nuls > 0 {
            problems.push(Problem::coded("nul-bytes").count(self.nuls as u64));
        }
        problems
    }
}

/// UTF-16 without a BOM shows as a NUL in every other byte of ASCII text.
fn utf16_by_nul_pattern(bytes: &[u8]) -> Option<Encoding> {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES) & !1];
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let (mut even_nul, mut odd_nul) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        even_nul += usize::from(pair[0] == 0);
        odd_nul += usize::from(pair[1] == 0);
    }
    if odd_nul * 10 >= pairs * 6 && even_nul * 10 < pairs {
        Some(Encoding::Utf16Le)
    } else if even_nul * 10 >= pairs * 6 && odd_nul * 10 < pairs {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// More than 10 % control bytes (other than tab, CR, LF, form feed, ESC) in
/// the first 4 KiB means this is not a log.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B))
        .count();
    control * 10 > head.len()
}

/// Splits text into lines on CRLF, LF or a lone CR, without the terminators.
pub fn lines(text: &str) -> Vec<&str> {
    split_lines(text).map(|(line, _)| line).collect()
}

/// Each line of `text` (CRLF, LF or a lone CR ends one) without its
/// terminator, with the byte offset just past the terminator.
pub fn split_lines(text: &str) -> impl Iterator<Item = (&str, usize)> {
    let bytes = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        let rest = bytes.get(start..)?;
        if rest.is_empty() {
            return None;
        }
        let (line_end, next) = match memchr::memchr2(b'\n', b'\r', rest) {
            Some(i) if rest.get(i..i + 2) == Some(b"\r\n") => (i, i + 2),
            Some(i) => (i, i + 1),
            None => (rest.len(), rest.len()),
        };
        let line = text.get(start..start + line_end).unwrap_or_default();
        start += next;
        Some((line, start))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str, bom: bool) -> Vec<u8> {
        let mut v = if bom { vec![0xFF, 0xFE] } else { vec![] };
        for u in s.encode_utf16() {
            v.extend_from_slice(&u.to_le_bytes());
        }
        v
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let s = "2018-02-27T05:16:08.2500000    VERB    Event     x    1    2    hello";
        for bom in [true, false] {
            let d = decode(&utf16le(s, bom));
            assert_eq!(d.encoding, Encoding::Utf16Le);
            assert_eq!(d.text, s);
        }
        let mut be = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&be).text, s);
        be.drain(..2);
        assert_eq!(decode(&be).encoding, Encoding::Utf16Be);
    }

    #[test]
    fn invalid_utf8_is_replaced_and_counted() {
        let d = decode(b"abc\xFF\xFEdef\n");
        assert_eq!(d.text, "abc\u{FFFD}\u{FFFD}def\n");
        assert_eq!(d.problems[0].code, "invalid-bytes");
        assert_eq!(d.problems[0].count, Some(2));
    }

    #[test]
    fn bom_is_stripped() {
        let d = decode(b"\xEF\xBB\xBFhello");
        assert_eq!((d.text.as_str(), d.encoding), ("hello", Encoding::Utf8Bom));
    }

    #[test]
    fn line_endings() {
        assert_eq!(lines("a\r\nb\rc\nd"), ["a", "b", "c", "d"]);
        assert_eq!(lines("a\n\nb\n"), ["a", "", "b"]);
        assert!(lines("").is_empty());
    }

    #[test]
    fn binary_files_are_named() {
        assert_eq!(decode(b"%PDF-1.7\n...").problems[0].code, "binary-pdf");
        assert_eq!(
            decode(&[0u8, 1, 2, 3, 4, 5, 6, 7, 8, 9]).encoding,
            Encoding::Binary
        );
        assert_eq!(decode(b"").problems[0].code, "empty");
        // A log line starting with "MZ" is still text.
        assert_eq!(decode(b"MZ is a word\n").encoding, Encoding::Utf8);
    }
}
