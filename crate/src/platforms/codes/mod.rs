//! Every code an admin meets on the way of a SCEP certificate, as data: its
//! value, family, SDK symbol, the system message Windows shows for it, the
//! text keys of its meaning and fix (English and Japanese in `en.rs` and
//! `ja.rs`) and the flow step it belongs to. [`read`] finds codes in what an
//! admin types or pastes; a code missing from the table still gets its
//! family from its facility or range.
//!
//! Symbols are the Windows SDK's (`winerror.h`) and Apple's (`SecBase.h`);
//! a row without a confirmed symbol has none rather than a guessed one.

pub mod en;
pub mod http;
pub mod ja;
mod messages_ja;
pub mod read;
mod table;

pub use http::{http_status, HttpStatus, HTTP_STATUSES};
pub use messages_ja::MESSAGES_JA;
pub use table::CODES;

/// Where a code comes from: its facility, range or error domain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// `ERROR_WINHTTP_*`: Win32 12001–12185, as the SCEP client's HTTP stack reports it.
    WinHttp,
    /// Any other Win32 error (FACILITY_WIN32, 0x8007xxxx).
    Win32,
    /// Generic COM results (FACILITY_NULL, 0x8000xxxx).
    Com,
    /// Certificate and trust verification (`CERT_E_*`, `TRUST_E_*`: FACILITY_CERT, 0x800Bxxxx).
    Trust,
    /// CryptoAPI messages and revocation (`CRYPT_E_*`: 0x80091xxx–0x80092xxx).
    Crypt,
    /// Schannel/SSPI (`SEC_E_*`: 0x800903xx).
    Sspi,
    /// Key and provider errors (`NTE_*`: 0x800900xx–0x800902xx).
    Nte,
    /// The CA's answer (`CERTSRV_E_*`: 0x80094xxx): a policy denial.
    Certsrv,
    /// Smart card subsystem (`SCARD_E_*`: FACILITY_SCARD, 0x8010xxxx).
    SmartCard,
    /// An HTTP status (`HTTP_E_STATUS_*`: FACILITY_HTTP, 0x8019xxxx, status in the low 16 bits).
    Http,
    /// Intune's own codes (0x87D0xxxx–0x87D1xxxx), as the admin center shows them.
    Intune,
    /// Apple's MCSCEPErrorDomain (the SCEP payload).
    McScep,
    /// Apple's MCInstallationErrorDomain (installing a profile).
    McInstallation,
    /// Apple's MCProfileErrorDomain (reading a profile).
    McProfile,
    /// A Security framework OSStatus (`errSec*`, negative).
    OsStatus,
    /// The macOS MDM client's SCEP errors (`MDM-SCEP`), as an MDM command's
    /// `ErrorChain` reports them.
    MdmScep,
}

impl Family {
    pub const ALL: [Family; 16] = [
        Family::WinHttp,
        Family::Win32,
        Family::Com,
        Family::Trust,
        Family::Crypt,
        Family::Sspi,
        Family::Nte,
        Family::Certsrv,
        Family::SmartCard,
        Family::Http,
        Family::Intune,
        Family::McScep,
        Family::McInstallation,
        Family::McProfile,
        Family::OsStatus,
        Family::MdmScep,
    ];

    /// The text key of the family's name and of its generic fix.
    pub fn key(self) -> &'static str {
        match self {
            Family::WinHttp => "family.winhttp",
            Family::Win32 => "family.win32",
            Family::Com => "family.com",
            Family::Trust => "family.trust",
            Family::Crypt => "family.crypt",
            Family::Sspi => "family.sspi",
            Family::Nte => "family.nte",
            Family::Certsrv => "family.certsrv",
            Family::SmartCard => "family.scard",
            Family::Http => "family.http",
            Family::Intune => "family.intune",
            Family::McScep => "family.mcscep",
            Family::McInstallation => "family.mcinstallation",
            Family::McProfile => "family.mcprofile",
            Family::OsStatus => "family.osstatus",
            Family::MdmScep => "family.mdmscep",
        }
    }

    /// The symbol prefixes the SDK uses in this family.
    pub fn prefixes(self) -> &'static [&'static str] {
        match self {
            Family::WinHttp => &["ERROR_WINHTTP_"],
            Family::Win32 => &["ERROR_", "RPC_S_", "E_"],
            Family::Com => &["E_"],
            Family::Trust => &["CERT_E_", "TRUST_E_"],
            Family::Crypt => &["CRYPT_E_"],
            Family::Sspi => &["SEC_E_"],
            Family::Nte => &["NTE_"],
            Family::Certsrv => &["CERTSRV_E_"],
            Family::SmartCard => &["SCARD_E_"],
            Family::Http => &["HTTP_E_STATUS_"],
            Family::OsStatus => &["errSec"],
            Family::Intune
            | Family::McScep
            | Family::McInstallation
            | Family::McProfile
            | Family::MdmScep => &[],
        }
    }

    /// The step a code of this family belongs to when its row says nothing.
    pub fn step(self) -> u8 {
        match self {
            Family::Certsrv => 4,
            Family::Intune => 6,
            Family::McInstallation => 5,
            Family::McProfile => 1,
            _ => 2,
        }
    }

    /// The family of a Windows code (an HRESULT as 32 bits) by its facility
    /// and range; `None` outside every family known here.
    pub fn of_hresult(code: u32) -> Option<Family> {
        // WinHTTP's range lies inside FACILITY_WIN32: checked first.
        if (0x8007_2EE1..=0x8007_2FA9).contains(&code) {
            return Some(Family::WinHttp);
        }
        Some(match code {
            0x8007_0000..=0x8007_FFFF => Family::Win32,
            0x8000_0000..=0x8000_FFFF => Family::Com,
            0x800B_0000..=0x800B_FFFF => Family::Trust,
            0x8009_0000..=0x8009_02FF => Family::Nte,
            0x8009_0300..=0x8009_03FF => Family::Sspi,
            0x8009_1000..=0x8009_2FFF => Family::Crypt,
            0x8009_4000..=0x8009_4FFF => Family::Certsrv,
            0x8010_0000..=0x8010_FFFF => Family::SmartCard,
            0x8019_0000..=0x8019_FFFF => Family::Http,
            0x87D0_0000..=0x87D1_FFFF => Family::Intune,
            _ => return None,
        })
    }

    /// Whether `value` lies in this family's facility or range.
    pub fn holds(self, value: i64) -> bool {
        match self {
            Family::McScep => (22000..=22099).contains(&value),
            Family::McInstallation | Family::McProfile | Family::MdmScep => value >= 0,
            Family::OsStatus => (-99_999..0).contains(&value),
            _ => u32::try_from(value)
                .ok()
                .and_then(Family::of_hresult)
                .is_some_and(|f| f == self),
        }
    }
}

/// One row of the code table.
pub struct Code {
    /// The value: an HRESULT as its unsigned 32 bits, an Apple domain code or an OSStatus.
    pub value: i64,
    pub family: Family,
    /// The SDK's name, when confirmed against the SDK headers.
    pub symbol: Option<&'static str>,
    /// The text key of its meaning (`en.rs`, `ja.rs`).
    pub meaning: &'static str,
    /// The text key of its fix (shared by codes fixed the same way).
    pub fix: &'static str,
    /// The system message Windows shows for it (English), when known exactly.
    pub message: Option<&'static str>,
    /// The flow step it belongs to (1–6).
    pub step: u8,
}

/// The row of `value` in `family` (Apple domains reuse small numbers, so
/// the family is part of the key).
pub fn code(family: Family, value: i64) -> Option<&'static Code> {
    CODES
        .iter()
        .find(|c| c.family == family && c.value == value)
}

/// The row of a Windows code.
pub fn hresult_code(value: u32) -> Option<&'static Code> {
    let family = Family::of_hresult(value)?;
    code(family, i64::from(value))
}

/// A text of the code tables: meaning or fix, by key.
pub struct CodeText {
    pub key: &'static str,
    pub text: &'static str,
}

/// The text of `key` in the table of the language (`en::TEXTS` or `ja::TEXTS`).
pub fn text_in(table: &'static [CodeText], key: &str) -> Option<&'static str> {
    table.iter().find(|t| t.key == key).map(|t| t.text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platforms::windows::hresult::HRESULTS;

    #[test]
    fn every_row_has_its_familys_prefix_and_range() {
        for row in CODES {
            assert!(
                row.family.holds(row.value),
                "{:?} {:#x} outside {:?}",
                row.symbol,
                row.value,
                row.family
            );
            if let Some(symbol) = row.symbol {
                assert!(
                    row.family.prefixes().iter().any(|p| symbol.starts_with(p)),
                    "{symbol} does not fit {:?}",
                    row.family
                );
            } else {
                assert!(
                    row.family.prefixes().is_empty() || row.family == Family::OsStatus,
                    "{:#x} has no symbol",
                    row.value
                );
            }
            assert!(
                (1..=6).contains(&row.step),
                "{:?} step {}",
                row.symbol,
                row.step
            );
        }
        for h in HTTP_STATUSES {
            assert!(h.symbol.starts_with("HTTP_E_STATUS_"), "{}", h.symbol);
            assert!(Family::Http.holds(0x8019_0000 | i64::from(h.status)));
        }
    }

    #[test]
    fn no_two_rows_disagree() {
        for (i, a) in CODES.iter().enumerate() {
            for b in CODES.iter().skip(i + 1) {
                assert!(
                    !(a.family == b.family && a.value == b.value),
                    "{:?} twice: {:#x}",
                    a.symbol,
                    a.value
                );
                if a.symbol.is_some() {
                    assert!(a.symbol != b.symbol, "{:?} has two values", a.symbol);
                }
            }
        }
        for (i, a) in HTTP_STATUSES.iter().enumerate() {
            for b in HTTP_STATUSES.iter().skip(i + 1) {
                assert!(
                    a.status != b.status && a.symbol != b.symbol,
                    "{} / {}",
                    a.symbol,
                    b.symbol
                );
            }
        }
    }

    /// The findings' table (windows/hresult.rs) takes symbol, system message
    /// and step from this one: every code it names has a row with all three.
    #[test]
    fn the_windows_findings_table_reads_from_this_one() {
        for h in HRESULTS {
            let row = hresult_code(h.code).unwrap_or_else(|| panic!("{:#x} missing", h.code));
            assert!(
                row.symbol.is_some() && row.message.is_some(),
                "{:#x}",
                h.code
            );
            assert_eq!(h.symbol(), row.symbol.unwrap_or_default());
        }
    }

    #[test]
    fn every_text_key_is_in_both_languages_and_used() {
        let mut keys: Vec<&str> = Vec::new();
        for row in CODES {
            keys.push(row.fix);
            if !row.meaning.starts_with("ios.") {
                keys.push(row.meaning);
            }
        }
        for f in Family::ALL {
            keys.push(f.key());
        }
        for table in [en::TEXTS, ja::TEXTS] {
            for key in &keys {
                assert!(
                    text_in(table, key).is_some_and(|t| !t.is_empty()),
                    "{key} has no text"
                );
            }
        }
        let en_keys: Vec<&str> = en::TEXTS.iter().map(|t| t.key).collect();
        let ja_keys: Vec<&str> = ja::TEXTS.iter().map(|t| t.key).collect();
        assert_eq!(en_keys, ja_keys);
    }
}
