//! A stand-in for [`encoding_rs`](https://crates.io/crates/encoding_rs) with
//! only what the `evtx` crate calls: `Encoding::name`,
//! `Encoding::decode_without_bom_handling_and_without_replacement`, and the
//! `WINDOWS_1252` and `UTF_8` encodings.
//!
//! Why: `evtx` keeps its ANSI code page as a `&'static Encoding` chosen at run
//! time, so the real crate's every decoder and table (JIS X 0208, GB18030,
//! Big5, EUC-KR …) stays in the page's WebAssembly although only Windows-1252
//! is ever used: 143 KB of tables, 124 KB gzipped, an eighth of the page
//! (measured on 4 December 2026, README "The page's budgets"). The root
//! `Cargo.toml` puts this crate in its place with `[patch.crates-io]`; if a
//! later `evtx` calls more of the real API, the build fails rather than
//! decoding differently.

use std::borrow::Cow;

/// A character encoding: here one of the two `evtx` uses.
#[derive(PartialEq, Eq)]
pub struct Encoding {
    name: &'static str,
    kind: Kind,
}

#[derive(PartialEq, Eq)]
enum Kind {
    Utf8,
    Windows1252,
}

/// UTF-8.
pub static UTF_8: &Encoding = &Encoding { name: "UTF-8", kind: Kind::Utf8 };

/// Windows-1252 as the WHATWG Encoding Standard defines it (what `evtx`
/// assumes for ANSI strings): every byte decodes, 0x80–0x9F to the table
/// below.
pub static WINDOWS_1252: &Encoding = &Encoding { name: "windows-1252", kind: Kind::Windows1252 };

/// Bytes 0x80–0x9F in Windows-1252 (WHATWG `index-windows-1252`; its five
/// unassigned bytes map to the C1 controls of the same number).
const HIGH_C1: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}',
    '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
];

impl Encoding {
    /// The encoding's name as the Encoding Standard spells it.
    pub fn name(&'static self) -> &'static str {
        self.name
    }

    /// Decodes `bytes` without looking for a byte order mark; `None` where a
    /// byte sequence is not valid in this encoding (never for Windows-1252).
    pub fn decode_without_bom_handling_and_without_replacement<'a>(&'static self, bytes: &'a [u8]) -> Option<Cow<'a, str>> {
        match self.kind {
            Kind::Utf8 => std::str::from_utf8(bytes).ok().map(Cow::Borrowed),
            Kind::Windows1252 => Some(match std::str::from_utf8(bytes) {
                Ok(ascii) if bytes.is_ascii() => Cow::Borrowed(ascii),
                _ => Cow::Owned(bytes.iter().map(|&b| windows_1252(b)).collect()),
            }),
        }
    }
}

fn windows_1252(byte: u8) -> char {
    match byte {
        0x80..=0x9F => HIGH_C1[usize::from(byte - 0x80)],
        // ASCII and 0xA0–0xFF are the code points of the same number.
        _ => char::from(byte),
    }
}

impl std::fmt::Debug for Encoding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Encoding {{ {} }}", self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_decodes_every_byte_as_the_encoding_standard_does() {
        let all: Vec<u8> = (0..=255).collect();
        let text = WINDOWS_1252.decode_without_bom_handling_and_without_replacement(&all).unwrap_or_default();
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars.len(), 256);
        for b in 0..0x80 {
            assert_eq!(chars[b] as u32, b as u32);
        }
        // A few of the table's rows, and both ends of the Latin-1 half.
        assert_eq!(chars[0x80], '€');
        assert_eq!(chars[0x81], '\u{81}');
        assert_eq!(chars[0x8A], 'Š');
        assert_eq!(chars[0x93], '“');
        assert_eq!(chars[0x94], '”');
        assert_eq!(chars[0x96], '–');
        assert_eq!(chars[0x9F], 'Ÿ');
        assert_eq!(chars[0xA0], '\u{A0}');
        assert_eq!(chars[0xE9], 'é');
        assert_eq!(chars[0xFF], 'ÿ');
        assert_eq!(WINDOWS_1252.name(), "windows-1252");
    }

    #[test]
    fn ascii_is_borrowed_and_utf8_is_strict() {
        let ascii = WINDOWS_1252.decode_without_bom_handling_and_without_replacement(b"CN=NDES");
        assert!(matches!(ascii, Some(Cow::Borrowed("CN=NDES"))));
        assert_eq!(UTF_8.decode_without_bom_handling_and_without_replacement(&[0xFF]), None);
        assert_eq!(UTF_8.decode_without_bom_handling_and_without_replacement("証明書".as_bytes()).as_deref(), Some("証明書"));
        assert_eq!(UTF_8.name(), "UTF-8");
    }
}
