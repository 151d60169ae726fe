//! The rows: Windows codes (checked against `winerror.h`), Intune's, Apple's
//! MCSCEPErrorDomain and Security framework OSStatus codes (`SecBase.h`).
//! HTTP statuses (0x8019xxxx) are generated from the status in `http.rs`.

use super::{Code, Family};

/// A row with an SDK symbol: its meaning is keyed by the symbol.
const fn sdk(
    value: u32,
    family: Family,
    symbol: &'static str,
    fix: &'static str,
    message: Option<&'static str>,
    step: u8,
) -> Code {
    Code {
        value: value as i64,
        family,
        symbol: Some(symbol),
        meaning: symbol,
        fix,
        message,
        step,
    }
}

/// An Apple domain code or another row without an SDK symbol.
const fn domain(
    value: i64,
    family: Family,
    meaning: &'static str,
    fix: &'static str,
    step: u8,
) -> Code {
    Code {
        value,
        family,
        symbol: None,
        meaning,
        fix,
        message: None,
        step,
    }
}

/// An OSStatus from `SecBase.h`.
const fn os(value: i64, symbol: &'static str, fix: &'static str, step: u8) -> Code {
    Code {
        value,
        family: Family::OsStatus,
        symbol: Some(symbol),
        meaning: symbol,
        fix,
        message: None,
        step,
    }
}

use Family::*;

#[rustfmt::skip]
pub static CODES: &[Code] = &[
    // --- WinHTTP (Win32 12001–12185 as HRESULTs) ---
    sdk(0x8007_2EE2, WinHttp, "ERROR_WINHTTP_TIMEOUT", "fix.reach", Some("The operation timed out"), 2),
    sdk(0x8007_2EE7, WinHttp, "ERROR_WINHTTP_NAME_NOT_RESOLVED", "fix.dns", Some("The server name or address could not be resolved"), 2),
    sdk(0x8007_2EFD, WinHttp, "ERROR_WINHTTP_CANNOT_CONNECT", "fix.reach", Some("A connection with the server could not be established"), 2),
    sdk(0x8007_2EFE, WinHttp, "ERROR_WINHTTP_CONNECTION_ERROR", "fix.reach", Some("The connection with the server was terminated abnormally"), 2),
    sdk(0x8007_2F05, WinHttp, "ERROR_WINHTTP_SECURE_CERT_DATE_INVALID", "fix.server-cert", None, 2),
    sdk(0x8007_2F06, WinHttp, "ERROR_WINHTTP_SECURE_CERT_CN_INVALID", "fix.server-name", None, 2),
    sdk(0x8007_2F0C, WinHttp, "ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED", "fix.client-auth", None, 2),
    sdk(0x8007_2F0D, WinHttp, "ERROR_WINHTTP_SECURE_INVALID_CA", "fix.server-chain", None, 2),
    sdk(0x8007_2F19, WinHttp, "ERROR_WINHTTP_SECURE_CERT_REV_FAILED", "fix.revocation", None, 2),
    sdk(0x8007_2F78, WinHttp, "ERROR_WINHTTP_INVALID_SERVER_RESPONSE", "fix.scep-response", Some("The server returned an invalid or unrecognized response"), 2),
    sdk(0x8007_2F7D, WinHttp, "ERROR_WINHTTP_SECURE_CHANNEL_ERROR", "fix.tls", None, 2),
    sdk(0x8007_2F89, WinHttp, "ERROR_WINHTTP_SECURE_INVALID_CERT", "fix.server-cert", None, 2),
    sdk(0x8007_2F8A, WinHttp, "ERROR_WINHTTP_SECURE_CERT_REVOKED", "fix.server-cert", None, 2),
    sdk(0x8007_2F8F, WinHttp, "ERROR_WINHTTP_SECURE_FAILURE", "fix.tls", Some("A security error occurred"), 2),
    sdk(0x8007_2F93, WinHttp, "ERROR_WINHTTP_SECURE_CERT_WRONG_USAGE", "fix.server-cert", None, 2),
    // --- Other Win32 and COM ---
    sdk(0x8007_06BA, Win32, "RPC_S_SERVER_UNAVAILABLE", "fix.ca-reach", Some("The RPC server is unavailable."), 4),
    sdk(0x8007_0057, Win32, "E_INVALIDARG", "fix.profile", Some("The parameter is incorrect."), 2),
    sdk(0x8000_4005, Com, "E_FAIL", "fix.more-logs", Some("Unspecified error"), 2),
    // --- Certificate trust (FACILITY_CERT) ---
    sdk(0x800B_0101, Trust, "CERT_E_EXPIRED", "fix.validity", Some("A required certificate is not within its validity period"), 2),
    sdk(0x800B_0109, Trust, "CERT_E_UNTRUSTEDROOT", "fix.root", Some("A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider."), 2),
    sdk(0x800B_010A, Trust, "CERT_E_CHAINING", "fix.root", Some("A certificate chain could not be built to a trusted root authority."), 2),
    sdk(0x800B_010C, Trust, "CERT_E_REVOKED", "fix.server-cert", Some("A certificate was explicitly revoked by its issuer."), 2),
    sdk(0x800B_010E, Trust, "CERT_E_REVOCATION_FAILURE", "fix.revocation", None, 2),
    sdk(0x800B_010F, Trust, "CERT_E_CN_NO_MATCH", "fix.server-name", None, 2),
    sdk(0x800B_0110, Trust, "CERT_E_WRONG_USAGE", "fix.server-cert", Some("The certificate is not valid for the requested usage."), 2),
    sdk(0x800B_0111, Trust, "TRUST_E_EXPLICIT_DISTRUST", "fix.distrust", None, 2),
    sdk(0x800B_0112, Trust, "CERT_E_UNTRUSTEDCA", "fix.root", None, 2),
    // --- CryptoAPI ---
    sdk(0x8009_1006, Crypt, "CRYPT_E_AUTH_ATTR_MISSING", "fix.scep-response", Some("The cryptographic message does not contain an expected authenticated attribute."), 5),
    sdk(0x8009_1007, Crypt, "CRYPT_E_HASH_VALUE", "fix.ca-thumbprint", Some("The hash value is not correct."), 2),
    sdk(0x8009_2004, Crypt, "CRYPT_E_NOT_FOUND", "fix.more-logs", Some("Cannot find object or property."), 5),
    sdk(0x8009_2010, Crypt, "CRYPT_E_REVOKED", "fix.server-cert", Some("The certificate is revoked."), 2),
    sdk(0x8009_2012, Crypt, "CRYPT_E_NO_REVOCATION_CHECK", "fix.revocation", None, 2),
    sdk(0x8009_2013, Crypt, "CRYPT_E_REVOCATION_OFFLINE", "fix.revocation", Some("The revocation function was unable to check revocation because the revocation server was offline."), 2),
    sdk(0x8009_2021, Crypt, "CRYPT_E_INVALID_PRINTABLE_STRING", "fix.subject", Some("The string contains a non-printable character."), 2),
    // --- Schannel ---
    sdk(0x8009_0322, Sspi, "SEC_E_WRONG_PRINCIPAL", "fix.server-name", Some("The target principal name is incorrect."), 2),
    sdk(0x8009_0325, Sspi, "SEC_E_UNTRUSTED_ROOT", "fix.server-chain", Some("The certificate chain was issued by an authority that is not trusted."), 2),
    sdk(0x8009_0328, Sspi, "SEC_E_CERT_EXPIRED", "fix.server-cert", Some("The received certificate has expired."), 2),
    sdk(0x8009_0331, Sspi, "SEC_E_ALGORITHM_MISMATCH", "fix.tls", Some("The client and server cannot communicate, because they do not possess a common algorithm."), 2),
    // --- Keys and providers ---
    sdk(0x8009_0001, Nte, "NTE_BAD_UID", "fix.key", Some("Bad UID."), 2),
    sdk(0x8009_0002, Nte, "NTE_BAD_HASH", "fix.key", Some("Bad Hash."), 2),
    sdk(0x8009_0003, Nte, "NTE_BAD_KEY", "fix.key", Some("Bad Key."), 2),
    sdk(0x8009_0004, Nte, "NTE_BAD_LEN", "fix.key", Some("Bad Length."), 2),
    sdk(0x8009_0005, Nte, "NTE_BAD_DATA", "fix.key", Some("Bad Data."), 2),
    sdk(0x8009_0006, Nte, "NTE_BAD_SIGNATURE", "fix.key", Some("Invalid Signature."), 2),
    sdk(0x8009_0016, Nte, "NTE_BAD_KEYSET", "fix.key", Some("Keyset does not exist"), 2),
    sdk(0x8010_002C, SmartCard, "SCARD_E_NO_SUCH_CERTIFICATE", "fix.key", Some("The requested certificate does not exist."), 2),
    // --- The CA's answer to the request NDES forwards ---
    sdk(0x8009_4001, Certsrv, "CERTSRV_E_BAD_REQUESTSUBJECT", "fix.subject", None, 4),
    sdk(0x8009_4006, Certsrv, "CERTSRV_E_SERVER_SUSPENDED", "fix.ca-reach", None, 4),
    sdk(0x8009_4011, Certsrv, "CERTSRV_E_ENROLL_DENIED", "fix.template-permissions", None, 4),
    sdk(0x8009_4012, Certsrv, "CERTSRV_E_TEMPLATE_DENIED", "fix.template-permissions", Some("The permissions on the certificate template do not allow the current user to enroll for this type of certificate."), 4),
    sdk(0x8009_4014, Certsrv, "CERTSRV_E_ADMIN_DENIED_REQUEST", "fix.ca-pending", None, 4),
    sdk(0x8009_4800, Certsrv, "CERTSRV_E_UNSUPPORTED_CERT_TYPE", "fix.template-published", Some("The requested certificate template is not supported by this CA."), 4),
    sdk(0x8009_4801, Certsrv, "CERTSRV_E_NO_CERT_TYPE", "fix.template-published", None, 4),
    sdk(0x8009_4802, Certsrv, "CERTSRV_E_TEMPLATE_CONFLICT", "fix.template-published", None, 4),
    sdk(0x8009_4803, Certsrv, "CERTSRV_E_SUBJECT_ALT_NAME_REQUIRED", "fix.subject", None, 4),
    sdk(0x8009_4806, Certsrv, "CERTSRV_E_BAD_RENEWAL_SUBJECT", "fix.template-settings", None, 4),
    sdk(0x8009_480A, Certsrv, "CERTSRV_E_SIGNATURE_COUNT", "fix.template-settings", None, 4),
    sdk(0x8009_480C, Certsrv, "CERTSRV_E_ISSUANCE_POLICY_REQUIRED", "fix.template-settings", None, 4),
    sdk(0x8009_480D, Certsrv, "CERTSRV_E_SUBJECT_UPN_REQUIRED", "fix.template-supply", None, 4),
    sdk(0x8009_480E, Certsrv, "CERTSRV_E_SUBJECT_DIRECTORY_GUID_REQUIRED", "fix.template-supply", None, 4),
    sdk(0x8009_480F, Certsrv, "CERTSRV_E_SUBJECT_DNS_REQUIRED", "fix.template-supply", None, 4),
    sdk(0x8009_4811, Certsrv, "CERTSRV_E_KEY_LENGTH", "fix.key-size", Some("The public key does not meet the minimum size required by the specified certificate template."), 4),
    sdk(0x8009_4812, Certsrv, "CERTSRV_E_SUBJECT_EMAIL_REQUIRED", "fix.template-supply", None, 4),
    sdk(0x8009_4813, Certsrv, "CERTSRV_E_UNKNOWN_CERT_TYPE", "fix.template-published", None, 4),
    // --- Intune ---
    domain(0x87D1_FDE8, Intune, "intune.remediation-failed", "fix.more-logs", 6),
    // --- MCSCEPErrorDomain (steps as the iOS findings place them; meanings are
    // the iOS timeline terms) ---
    domain(22000, McScep, "ios.mcscep-22000", "fix.profile", 1),
    domain(22001, McScep, "ios.mcscep-22001", "fix.key-size", 2),
    domain(22002, McScep, "ios.mcscep-22002", "fix.scep-ca", 2),
    domain(22003, McScep, "ios.mcscep-22003", "fix.scep-ca", 2),
    domain(22004, McScep, "ios.mcscep-22004", "fix.scep-ca", 2),
    domain(22005, McScep, "ios.mcscep-22005", "fix.reach", 2),
    domain(22006, McScep, "ios.mcscep-22006", "fix.scep-ca", 2),
    domain(22007, McScep, "ios.mcscep-22007", "fix.scep-response", 5),
    domain(22008, McScep, "ios.mcscep-22008", "fix.scep-response", 5),
    domain(22009, McScep, "ios.mcscep-22009", "fix.device", 2),
    domain(22010, McScep, "ios.mcscep-22010", "fix.device", 2),
    domain(22011, McScep, "ios.mcscep-22011", "fix.profile", 2),
    domain(22012, McScep, "ios.mcscep-22012", "fix.scep-ca", 2),
    domain(22013, McScep, "ios.mcscep-22013", "fix.scep-response", 5),
    // --- ManagedConfiguration's wrappers (values read from the framework's
    // error constructors: 4001 wraps a payload handler's failure, 1000 is
    // data that is not a readable configuration profile) ---
    domain(4001, McInstallation, "mcinstallation.4001", "fix.payload-underlying", 5),
    domain(1000, McProfile, "mcprofile.1000", "family.mcprofile.fix", 1),
    // --- macOS MDM client (ErrorChain `MDM-SCEP (15002): Unable to obtain certificate from SCEP server at <URL>`) ---
    domain(15002, MdmScep, "mdmscep.15002", "fix.mdmscep-obtain", 2),
    // --- Security framework OSStatus ---
    os(-50, "errSecParam", "fix.profile", 5),
    os(-25293, "errSecAuthFailed", "fix.profile", 5),
    os(-25299, "errSecDuplicateItem", "fix.device", 5),
    os(-25300, "errSecItemNotFound", "fix.device", 5),
    os(-25308, "errSecInteractionNotAllowed", "fix.device", 5),
    os(-26275, "errSecDecode", "fix.scep-response", 5),
    os(-34018, "errSecMissingEntitlement", "fix.device", 5),
    os(-67602, "errSecHostNameMismatch", "fix.server-name", 2),
    os(-67609, "errSecInvalidExtendedKeyUsage", "fix.server-cert", 2),
    os(-67818, "errSecCertificateExpired", "fix.validity", 2),
    os(-67819, "errSecCertificateNotValidYet", "fix.validity", 2),
    os(-67843, "errSecNotTrusted", "fix.root", 2),
];
