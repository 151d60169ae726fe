//! Bytes → text. UTF-8 with or without BOM, UTF-16 LE/BE by BOM or by the NUL
//! pattern Windows tools leave, any line ending. Invalid bytes are replaced and
//! counted; files that are not text at all are named. Never panics.

use crate::report::Problem;

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

/// Magic numbers of files people drop by mistake, or containers read elsewhere;
/// each code has its text (`problem.binary-<code>`) in the UI tables.
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

pub fn decode(bytes: &[u8]) -> Decoded {
    if bytes.is_empty() {
        return Decoded {
            text: String::new(),
            encoding: Encoding::Utf8,
            problems: vec![Problem::coded("empty")],
        };
    }
    if let Some(bom) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(bom, Encoding::Utf8Bom);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, Encoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, Encoding::Utf16Be);
    }
    for (magic, code) in BINARY_MAGIC {
        if bytes.starts_with(magic) && (*code != "exe" || looks_binary(bytes)) {
            return Decoded {
                text: String::new(),
                encoding: Encoding::Binary,
                problems: vec![Problem::coded(&format!("binary-{code}"))],
            };
        }
    }
    if let Some(enc) = utf16_by_nul_pattern(bytes) {
        return utf16(bytes, enc);
    }
    if looks_binary(bytes) {
        return Decoded {
            text: String::new(),
            encoding: Encoding::Binary,
            problems: vec![Problem::coded("binary")],
        };
    }
    utf8(bytes, Encoding::Utf8)
}

/// UTF-16 without a BOM shows as a NUL in every other byte of ASCII text.
fn utf16_by_nul_pattern(bytes: &[u8]) -> Option<Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
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
    let head = &bytes[..bytes.len().min(4096)];
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B))
        .count();
    control * 10 > head.len()
}

fn utf8(bytes: &[u8], encoding: Encoding) -> Decoded {
    let mut text = String::with_capacity(bytes.len());
    let mut invalid = 0usize;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            invalid += chunk.invalid().len();
            text.push('\u{FFFD}');
        }
    }
    finish(text, encoding, invalid)
}

fn utf16(bytes: &[u8], encoding: Encoding) -> Decoded {
    let units = bytes.chunks_exact(2).map(|p| match encoding {
        Encoding::Utf16Be => u16::from_be_bytes([p[0], p[1]]),
        _ => u16::from_le_bytes([p[0], p[1]]),
    });
    let mut text = String::with_capacity(bytes.len() / 2);
    let mut invalid = bytes.len() % 2;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => text.push(c),
            Err(_) => {
                invalid += 2;
                text.push('\u{FFFD}');
            }
        }
    }
    finish(text, encoding, invalid)
}

fn finish(mut text: String, encoding: Encoding, invalid: usize) -> Decoded {
    let mut problems = Vec::new();
    if invalid > 0 {
        problems.push(
            Problem::coded("invalid-bytes")
                .param("encoding", encoding.as_str())
                .count(invalid as u64),
        );
    }
    // Stray NULs (a truncated UTF-16 copy, a binary tail) would only confuse parsing.
    if text.contains('\0') {
        let nuls = text.matches('\0').count();
        text = text.replace('\0', "");
        problems.push(Problem::coded("nul-bytes").count(nuls as u64));
    }
    Decoded {
        text,
        encoding,
        problems,
    }
}

/// Splits text into lines on CRLF, LF or a lone CR, without the terminators.
pub fn lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                out.push(&text[start..i]);
                start = i + 1;
            }
            b'\r' => {
                out.push(&text[start..i]);
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < bytes.len() {
        out.push(&text[start..]);
    }
    out
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
