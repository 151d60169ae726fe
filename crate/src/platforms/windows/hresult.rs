//! HRESULTs: data turning every code the SCEP client reports into a finding,
//! and the reader of the codes in a rendered result.

use std::sync::OnceLock;

use regex::Regex;

use crate::parse::rules::cap;

pub struct Hresult {
    pub code: u32,
    pub symbol: &'static str,
    /// The system message Windows renders for it (English).
    pub text: &'static str,
    /// Knowledge row.
    pub finding: &'static str,
    /// Flow step the failure belongs to.
    pub step: u8,
}

pub static HRESULTS: &[Hresult] = &[
    Hresult { code: 0x8009_1007, symbol: "CRYPT_E_HASH_VALUE", text: "The hash value is not correct.", finding: "windows.ca-thumbprint-mismatch", step: 2 },
    Hresult { code: 0x8007_2F8F, symbol: "ERROR_WINHTTP_SECURE_FAILURE", text: "A security error occurred", finding: "windows.tls-failure", step: 2 },
    Hresult { code: 0x8007_2F78, symbol: "ERROR_WINHTTP_INVALID_SERVER_RESPONSE", text: "The server returned an invalid or unrecognized response", finding: "windows.invalid-server-response", step: 2 },
    Hresult { code: 0x8007_2EE7, symbol: "ERROR_WINHTTP_NAME_NOT_RESOLVED", text: "The server name or address could not be resolved", finding: "windows.name-not-resolved", step: 2 },
    Hresult { code: 0x8007_2EFD, symbol: "ERROR_WINHTTP_CANNOT_CONNECT", text: "A connection with the server could not be established", finding: "windows.cannot-connect", step: 2 },
    Hresult { code: 0x8007_2EE2, symbol: "ERROR_WINHTTP_TIMEOUT", text: "The operation timed out", finding: "windows.cannot-connect", step: 2 },
    Hresult { code: 0x8009_1006, symbol: "CRYPT_E_AUTH_ATTR_MISSING", text: "The cryptographic message does not contain an expected authenticated attribute.", finding: "windows.certrep-attribute-missing", step: 5 },
    Hresult { code: 0x8009_2021, symbol: "CRYPT_E_INVALID_PRINTABLE_STRING", text: "The string contains a non-printable character.", finding: "windows.non-printable-string", step: 2 },
    Hresult { code: 0x8009_2013, symbol: "CRYPT_E_REVOCATION_OFFLINE", text: "The revocation function was unable to check revocation because the revocation server was offline.", finding: "windows.revocation-offline", step: 2 },
    Hresult { code: 0x8009_2004, symbol: "CRYPT_E_NOT_FOUND", text: "Cannot find object or property.", finding: "windows.object-not-found", step: 5 },
    Hresult { code: 0x800B_0109, symbol: "CERT_E_UNTRUSTEDROOT", text: "A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider.", finding: "windows.untrusted-root", step: 2 },
    Hresult { code: 0x800B_0101, symbol: "CERT_E_EXPIRED", text: "A required certificate is not within its validity period", finding: "windows.certificate-expired", step: 2 },
    Hresult { code: 0x800B_010A, symbol: "CERT_E_CHAINING", text: "A certificate chain could not be built to a trusted root authority.", finding: "windows.untrusted-root", step: 2 },
    Hresult { code: 0x8010_002C, symbol: "SCARD_E_NO_SUCH_CERTIFICATE", text: "The requested certificate does not exist.", finding: "windows.key-not-found", step: 2 },
    Hresult { code: 0x8009_0016, symbol: "NTE_BAD_KEYSET", text: "Keyset does not exist", finding: "windows.key-not-found", step: 2 },
    Hresult { code: 0x8009_4800, symbol: "CERTSRV_E_UNSUPPORTED_CERT_TYPE", text: "The requested certificate template is not supported by this CA.", finding: "windows.ca-template-not-supported", step: 4 },
    Hresult { code: 0x8009_4811, symbol: "CERTSRV_E_KEY_LENGTH", text: "The public key does not meet the minimum size required by the specified certificate template.", finding: "windows.ca-key-length", step: 4 },
    Hresult { code: 0x8009_4012, symbol: "CERTSRV_E_TEMPLATE_DENIED", text: "The permissions on the certificate template do not allow the current user to enroll for this type of certificate.", finding: "windows.ca-template-denied", step: 4 },
    Hresult { code: 0x8007_06BA, symbol: "RPC_S_SERVER_UNAVAILABLE", text: "The RPC server is unavailable.", finding: "windows.ca-unreachable", step: 4 },
    Hresult { code: 0x8007_0057, symbol: "E_INVALIDARG", text: "The parameter is incorrect.", finding: "windows.invalid-parameter", step: 2 },
    Hresult { code: 0x8000_4005, symbol: "E_FAIL", text: "Unspecified error", finding: "windows.unspecified-error", step: 2 },
];

pub(crate) fn hex_re() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"0[xX]([0-9a-fA-F]{1,8})\b").ok())
        .as_ref()
}

/// Codes written without `0x`: eight hex digits (`80091007`, as CAPI2 and
/// `certutil` print them) or a decimal, signed (`-2146889721`, as .NET,
/// PowerShell and CertEnroll print them) or not (`2148078599`, as IIS logs
/// `sc-win32-status`).
pub(super) fn bare_code_re() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?:^|[^\w.-])(?:([0-9a-fA-F]{8})|(-?[0-9]{9,10}))\b").ok())
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
    if let Some(h) = HRESULTS.iter().find(|h| text.contains(h.text)) {
        return Some((h.code, Some(h)));
    }
    for code in bare_codes(text) {
        if let Some(h) = known(code) {
            return Some((code, Some(h)));
        }
    }
    codes.first().map(|&c| (c, None))
}
