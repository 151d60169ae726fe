//! HRESULTs: data turning every code the SCEP client reports into a finding,
//! and the reader of the codes in a rendered result.

use std::sync::OnceLock;

use regex::Regex;

use crate::parse::rules::cap;
use crate::platforms::codes::{hresult_code, Code};

/// A code the SCEP client reports and the knowledge row it proves. Its
/// symbol, system message and flow step are the code table's
/// ([`crate::platforms::codes`]), so the two never disagree.
pub struct Hresult {
    pub code: u32,
    /// Knowledge row.
    pub finding: &'static str,
}

impl Hresult {
    fn row(&self) -> Option<&'static Code> {
        hresult_code(self.code)
    }

    /// The SDK's name.
    pub fn symbol(&self) -> &'static str {
        self.row().and_then(|r| r.symbol).unwrap_or_default()
    }

    /// The system message Windows renders for it (English).
    pub fn text(&self) -> &'static str {
        self.row().and_then(|r| r.message).unwrap_or_default()
    }

    /// Flow step the failure belongs to.
    pub fn step(&self) -> u8 {
        self.row().map_or(2, |r| r.step)
    }
}

const fn h(code: u32, finding: &'static str) -> Hresult {
    Hresult { code, finding }
}

pub static HRESULTS: &[Hresult] = &[
    h(0x8009_1007, "windows.ca-thumbprint-mismatch"),
    h(0x8007_2F8F, "windows.tls-failure"),
    h(0x8007_2F78, "windows.invalid-server-response"),
    h(0x8007_2EE7, "windows.name-not-resolved"),
    h(0x8007_2EFD, "windows.cannot-connect"),
    h(0x8007_2EE2, "windows.cannot-connect"),
    h(0x8009_1006, "windows.certrep-attribute-missing"),
    h(0x8009_2021, "windows.non-printable-string"),
    h(0x8009_2013, "windows.revocation-offline"),
    h(0x8009_2004, "windows.object-not-found"),
    h(0x800B_0109, "windows.untrusted-root"),
    h(0x800B_0101, "windows.certificate-expired"),
    h(0x800B_010A, "windows.untrusted-root"),
    h(0x8010_002C, "windows.key-not-found"),
    h(0x8009_0016, "windows.key-not-found"),
    h(0x8009_4800, "windows.ca-template-not-supported"),
    h(0x8009_4811, "windows.ca-key-length"),
    h(0x8009_4012, "windows.ca-template-denied"),
    h(0x8007_06BA, "windows.ca-unreachable"),
    h(0x8007_0057, "windows.invalid-parameter"),
    h(0x8000_4005, "windows.unspecified-error"),
];

pub(crate) fn hex_re() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"0[xX]([0-9a-fA-F]{1,8})(?-u:\b)").ok())
        .as_ref()
}

/// Codes written without `0x`: eight hex digits (`80091007`, as CAPI2 and
/// `certutil` print them) or a decimal, signed (`-2146889721`, as .NET,
/// PowerShell and CertEnroll print them) or not (`2148078599`, as IIS logs
/// `sc-win32-status`).
pub(super) fn bare_code_re() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?:^|[^\w.-])(?:([0-9a-fA-F]{8})|(-?[0-9]{9,10}))(?-u:\b)").ok())
        .as_ref()
}

/// A code without `0x`, read as hex (eight digits) or decimal.
pub(crate) fn bare_codes(text: &str) -> Vec<u32> {
    let Some(re) = bare_code_re() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for c in re.captures_iter(text) {
        if let Some(hex) = c.get(1) {
            out.extend(u32::from_str_radix(hex.as_str(), 16).ok());
            // Eight decimal digits read as hex too; fall through to decimal.
        }
        let decimal = c.get(2).or(c
            .get(1)
            .filter(|m| m.as_str().bytes().all(|b| b.is_ascii_digit())));
        if let Some(n) = decimal.and_then(|m| m.as_str().parse::<i64>().ok()) {
            if let Ok(signed) = i32::try_from(n) {
                out.push(signed as u32);
            } else if let Ok(unsigned) = u32::try_from(n) {
                out.push(unsigned);
            }
        }
    }
    out
}

/// The code in a rendered result (`Unknown Win32 Error code: 0x…`, a system
/// message, or a CertEnroll line), and its table row when known. Several
/// codes: the first known one wins. A code without `0x` (bare hex, signed
/// or unsigned decimal) counts only when it is in the table.
pub fn hresult(text: &str) -> Option<(u32, Option<&'static Hresult>)> {
    let codes: Vec<u32> = hex_re()?
        .captures_iter(text)
        .filter_map(|c| u32::from_str_radix(cap(&c, 1), 16).ok())
        .collect();
    let known = |code: u32| HRESULTS.iter().find(|h| h.code == code);
    for &code in &codes {
        if let Some(h) = known(code) {
            return Some((code, Some(h)));
        }
    }
    if let Some(h) = HRESULTS
        .iter()
        .find(|h| !h.text().is_empty() && text.contains(h.text()))
    {
        return Some((h.code, Some(h)));
    }
    for code in bare_codes(text) {
        if let Some(h) = known(code) {
            return Some((code, Some(h)));
        }
    }
    codes.first().map(|&c| (c, None))
}
