//! Literal tests for code that runs on every line a detection reads.
//!
//! `str::contains` and `str::split` with a `&str` pattern set up a Two-Way
//! searcher on each call. Natively the standard library first tries a SIMD
//! scan; in WebAssembly it does not, and on the short lines detection asks
//! about, that set-up was a fifth of a 1 MB log's analysis under Node. Here
//! the memchr crate (SIMD128 in WebAssembly) finds one byte of the needle,
//! a rare one if it has one, and the needle is compared in place: the
//! needles are short constants.

/// Whether `needle` occurs in `text`.
pub fn contains(text: &str, needle: &str) -> bool {
    find(text, needle).is_some()
}

/// Where `needle` first occurs in `text`.
pub fn find(text: &str, needle: &str) -> Option<usize> {
    let (text, needle) = (text.as_bytes(), needle.as_bytes());
    let Some(&first) = needle.first() else {
        return Some(0);
    };
    let last_start = text.len().checked_sub(needle.len())?;
    // The needle's byte looked for: its first that is not a space, letter
    // or digit (log lines are mostly those), else its first.
    let (offset, byte) = (needle.iter().copied().enumerate())
        .find(|(_, b)| !b.is_ascii_alphanumeric() && *b != b' ')
        .unwrap_or((0, first));
    let places = text.get(offset..=last_start + offset)?;
    memchr::memchr_iter(byte, places)
        .find(|&at| text.get(at..).is_some_and(|rest| rest.starts_with(needle)))
}

/// `text` before and after the first `separator` (as `str::split_once`).
pub fn split_once<'a>(text: &'a str, separator: &str) -> Option<(&'a str, &'a str)> {
    let at = find(text, separator)?;
    Some((text.get(..at)?, text.get(at + separator.len()..)?))
}

/// The parts of `text` between occurrences of `separator` (as `str::split`;
/// an empty separator gives the whole text).
pub fn split<'a>(text: &'a str, separator: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let now = rest?;
        match find(now, separator).filter(|_| !separator.is_empty()) {
            Some(at) => {
                rest = now.get(at + separator.len()..);
                now.get(..at)
            }
            None => rest.take(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every needle and separator against the standard library's, on texts
    /// with the needle's first byte repeated, cut short and multi-byte.
    #[test]
    fn says_what_the_standard_library_says() {
        let texts = [
            "",
            "a",
            "  ",
            "   x  y    z  ",
            "\"\"ProviderName\"\",\"Id\"",
            "<Event xmlns='x'><EventID>32</EventID>",
            "証明書  の  エラー",
            "Certificate Services Certificate Services received a certificate request",
            "aaaaab",
            "ab",
            "Thumbprint : AB :CD : x",
            "Cert Hash(sha1): 0a 1b",
        ];
        let needles = [
            "",
            "a",
            "ab",
            "  ",
            "\"Id\"",
            "</EventID>",
            "の",
            "Certificate Services received",
            "aaab",
            "abc",
            " : ",
            "sha1)",
            "b :",
        ];
        for text in texts {
            for needle in needles {
                assert_eq!(find(text, needle), text.find(needle), "{text:?} {needle:?}");
                assert_eq!(contains(text, needle), text.contains(needle));
                if !needle.is_empty() {
                    let ours: Vec<&str> = split(text, needle).collect();
                    let std: Vec<&str> = text.split(needle).collect();
                    assert_eq!(ours, std, "{text:?} split by {needle:?}");
                    assert_eq!(split_once(text, needle), text.split_once(needle));
                }
            }
        }
    }
}
