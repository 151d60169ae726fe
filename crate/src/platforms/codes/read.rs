//! Finding codes in what an admin types or pastes: `0x80072EFD`, `80072efd`,
//! `-2147012867`, `2147954429`, WinHTTP's own `12029`, `Domain=… Code=…`
//! (NSError, MDM ErrorChain), `SCEP_ERROR_…` keys, OSStatus numbers, or
//! the system message Windows shows (in English, or in Japanese where
//! the text is confirmed: [`super::MESSAGES_JA`]). Regex readers, as the platforms' own
//! code readers are: no crate parses these mixed renderings.

use std::sync::OnceLock;

use regex::Regex;

use super::{code, hresult_code, Code, Family, CODES, MESSAGES_JA};
use crate::platforms::ios::mcscep::code_by_key;
use crate::platforms::windows::hresult::{bare_codes, hex_re};

/// A code found in the input: its value, family and table row when known.
#[derive(Clone, Copy)]
pub struct Found {
    pub value: i64,
    pub family: Family,
    pub row: Option<&'static Code>,
}

impl Found {
    fn of(family: Family, value: i64) -> Found {
        Found {
            value,
            family,
            row: code(family, value),
        }
    }

    fn of_hresult(value: u32) -> Option<Found> {
        Some(Found {
            value: i64::from(value),
            family: Family::of_hresult(value)?,
            row: hresult_code(value),
        })
    }
}

fn domain_re() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        // `Domain=… Code=…` (NSError), `ErrorDomain … ErrorCode` (MDM), and the
        // short renderings `Domain (Code)` (an MDM server's console) and
        // `<Domain:Code>` (macOS mdmclient).
        Regex::new(r"(MCSCEPErrorDomain|MCInstallationErrorDomain|MCProfileErrorDomain|NSOSStatusErrorDomain|MDM-SCEP)(?:\W{1,8}(?:Error)?Code\W{1,6}?| ?\(|: ?)(-?[0-9]{1,6})(?-u:\b)").ok()
    })
    .as_ref()
}

/// Decimal numbers of 3–6 digits standing alone: WinHTTP's own error,
/// an MCSCEPErrorDomain code or an OSStatus.
fn small_re() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?:^|[\s=:(#\[])(-?[0-9]{2,6})(?-u:\b)").ok())
        .as_ref()
}

fn key_re() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?-u:\b)SCEP_ERROR_[A-Z_]+").ok())
        .as_ref()
}

fn small(n: i64) -> Option<Found> {
    match n {
        12001..=12185 => Found::of_hresult(0x8007_0000 | n as u32),
        22000..=22099 => Some(Found::of(Family::McScep, n)),
        _ if n < 0 => code(Family::OsStatus, n).map(|_| Found::of(Family::OsStatus, n)),
        _ => None,
    }
}

/// Every code in `text`, first seen first, each once. Readings that land in
/// no family are dropped when another reading does (an eight-digit number
/// is read as hex and as decimal).
pub fn codes_in(text: &str) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let push = |f: Found, out: &mut Vec<Found>| {
        if !out
            .iter()
            .any(|o| o.family == f.family && o.value == f.value)
        {
            out.push(f);
        }
    };
    if let Some(re) = domain_re() {
        for c in re.captures_iter(text) {
            let (Some(d), Some(n)) = (c.get(1), c.get(2)) else {
                continue;
            };
            let Ok(n) = n.as_str().parse::<i64>() else {
                continue;
            };
            let family = match d.as_str() {
                "MCSCEPErrorDomain" => Family::McScep,
                "MCInstallationErrorDomain" => Family::McInstallation,
                "MCProfileErrorDomain" => Family::McProfile,
                "MDM-SCEP" => Family::MdmScep,
                _ => Family::OsStatus,
            };
            push(Found::of(family, n), &mut out);
        }
    }
    if let Some(re) = key_re() {
        for m in re.find_iter(text) {
            if let Some(n) = code_by_key(m.as_str()) {
                push(Found::of(Family::McScep, n), &mut out);
            }
        }
    }
    if let Some(re) = hex_re() {
        for c in re.captures_iter(text) {
            let value = c
                .get(1)
                .and_then(|m| u32::from_str_radix(m.as_str(), 16).ok());
            if let Some(f) = value.and_then(Found::of_hresult) {
                push(f, &mut out);
            }
        }
    }
    for value in bare_codes(text) {
        if let Some(f) = Found::of_hresult(value) {
            push(f, &mut out);
        }
    }
    if let Some(re) = small_re() {
        for c in re.captures_iter(text) {
            let n = c.get(1).and_then(|m| m.as_str().parse::<i64>().ok());
            if let Some(f) = n.and_then(small) {
                push(f, &mut out);
            }
        }
    }
    for (value, message) in MESSAGES_JA {
        if text.contains(message) {
            if let Some(f) = Found::of_hresult(*value) {
                push(f, &mut out);
            }
        }
    }
    let lower = text.to_lowercase();
    for row in CODES {
        if let Some(message) = row.message {
            if lower.contains(&message.to_lowercase()) {
                push(Found::of(row.family, row.value), &mut out);
            }
        }
    }
    out
}
