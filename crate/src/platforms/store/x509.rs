//! Certificate files an admin exports: DER (`.cer`, `.crt`), Base-64 /
//! PEM (one or several `-----BEGIN CERTIFICATE-----` blocks) and PKCS#7
//! certificates-only (`.p7b`, DER or `-----BEGIN PKCS7-----`). Each
//! certificate is decoded with `x509-cert` into a [`StoreCert`]: subject,
//! issuer, serial, validity (UTC, exact), SHA-1 and SHA-256 thumbprints of
//! the DER, EKUs, key usage, SAN, signature algorithm, basic constraints,
//! the subject and authority key identifiers (SKI, AKI's keyIdentifier).
//! Damaged or cut input gives `None`, never a panic.

use sha1::Digest;
use x509_cert::der::asn1::{Any, ObjectIdentifier};
use x509_cert::der::{Decode, Tag, Tagged};
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{
    AuthorityKeyIdentifier, BasicConstraints, ExtendedKeyUsage, KeyUsage, SubjectAltName,
    SubjectKeyIdentifier,
};
use x509_cert::name::Name;
use x509_cert::time::Time;
use x509_cert::Certificate;

use super::cert::{Origin, StoreCert};

/// PKCS#7 signedData.
const SIGNED_DATA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];

/// At most this many certificates are read from one file.
pub const MAX_CERTS: usize = 256;

/// Whether the bytes start like a DER certificate or PKCS#7 (a SEQUENCE
/// with a long length holding a SEQUENCE or an OID).
pub fn is_der(bytes: &[u8]) -> bool {
    matches!(
        bytes,
        [0x30, 0x82, _, _, 0x30 | 0x06, ..]
            | [0x30, 0x83, _, _, _, 0x30 | 0x06, ..]
            | [0x30, 0x81, _, 0x30 | 0x06, ..]
    )
}

/// What a DER input holds: its certificates (DER of each), or `None` when
/// it is neither a certificate nor a PKCS#7 bundle that reads.
pub fn der_certificates(bytes: &[u8]) -> Option<Vec<&[u8]>> {
    let (outer, _) = tlv(bytes)?;
    if outer.tag != 0x30 {
        return None;
    }
    let (first, rest) = tlv(outer.body)?;
    if first.tag == 0x06 {
        if first.body != SIGNED_DATA {
            return None;
        }
        // [0] EXPLICIT SignedData ::= SEQUENCE { version, digestAlgorithms,
        // encapContentInfo, certificates [0] IMPLICIT SET OF … OPTIONAL, … }
        let (explicit, _) = tlv(rest)?;
        let (signed, _) = tlv(explicit.body)?;
        let mut at = signed.body;
        while let Some((el, next)) = tlv(at) {
            if el.tag == 0xa0 {
                let mut certs = Vec::new();
                let mut inner = el.body;
                while let Some((c, next)) = tlv(inner) {
                    if c.tag == 0x30 && certs.len() < MAX_CERTS {
                        certs.push(c.whole);
                    }
                    inner = next;
                }
                return Some(certs);
            }
            at = next;
        }
        return Some(Vec::new());
    }
    Some(vec![outer.whole])
}

/// One DER element: tag, content, the whole encoding.
struct Tlv<'a> {
    tag: u8,
    body: &'a [u8],
    whole: &'a [u8],
}

/// The definite-length element at the start of `data` and what follows it.
fn tlv(data: &[u8]) -> Option<(Tlv<'_>, &[u8])> {
    let tag = *data.first()?;
    let first = *data.get(1)?;
    let (len, header) = if first < 0x80 {
        (usize::from(first), 2)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 {
            return None;
        }
        let len = data
            .get(2..2 + n)?
            .iter()
            .fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
        (len, 2 + n)
    };
    let end = header.checked_add(len)?;
    let body = data.get(header..end)?;
    let whole = data.get(..end)?;
    Some((
        Tlv { tag, body, whole },
        data.get(end..).unwrap_or_default(),
    ))
}

/// The DER blocks of a PEM / Base-64 text: each `-----BEGIN …-----` block
/// (CERTIFICATE, X509 CERTIFICATE, TRUSTED CERTIFICATE, PKCS7), each with
/// the line it starts on (0-based). A block that does not decode is
/// returned empty.
pub fn pem_blocks(lines: &[&str]) -> Vec<(usize, Vec<u8>)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        if t.starts_with("-----BEGIN ") {
            current = Some((i, String::new()));
            continue;
        }
        if t.starts_with("-----END ") {
            if let Some((at, text)) = current.take() {
                out.push((at, base64(&text).unwrap_or_default()));
            }
            continue;
        }
        if let Some((_, text)) = current.as_mut() {
            // Headers (`Proc-Type: …`) are no Base-64.
            if !t.contains(':') && text.len() < (8 << 20) {
                text.push_str(t);
            }
        }
    }
    if let Some((at, text)) = current {
        // Cut short: what decodes is kept, the reader will say it is damaged.
        out.push((at, base64(&text).unwrap_or_default()));
    }
    out
}

/// Standard Base-64, white space ignored, padding optional.
pub fn base64(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0u32;
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            c if c.is_ascii_whitespace() => continue,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// A certificate's values, or `None` when the DER is no certificate.
pub fn decode(der: &[u8]) -> Option<StoreCert> {
    let cert = Certificate::from_der(der).ok()?;
    let tbs = &cert.tbs_certificate;
    let mut out = StoreCert {
        origin: Origin::File,
        subject: name(&tbs.subject),
        issuer: name(&tbs.issuer),
        serial: serial(tbs.serial_number.as_bytes()),
        sha1: upper_hex(&sha1::Sha1::digest(der)),
        sha256: upper_hex(&sha2::Sha256::digest(der)),
        not_before: time(&tbs.validity.not_before),
        not_after: time(&tbs.validity.not_after),
        signature: signature_name(&cert.signature_algorithm.oid),
        is_ca: Some(false),
        ..StoreCert::default()
    };
    for ext in tbs.extensions.iter().flatten() {
        let value = ext.extn_value.as_bytes();
        match ext.extn_id.to_string().as_str() {
            "2.5.29.37" => {
                if let Ok(eku) = ExtendedKeyUsage::from_der(value) {
                    out.eku = eku.0.iter().map(eku_name).collect();
                }
            }
            "2.5.29.15" => {
                if let Ok(ku) = KeyUsage::from_der(value) {
                    out.key_usage = key_usage(&ku);
                }
            }
            "2.5.29.17" => {
                if let Ok(san) = SubjectAltName::from_der(value) {
                    out.san = san
                        .0
                        .iter()
                        .filter_map(general_name)
                        .collect::<Vec<_>>()
                        .join(", ");
                }
            }
            "2.5.29.19" => {
                if let Ok(bc) = BasicConstraints::from_der(value) {
                    out.is_ca = Some(bc.ca);
                }
            }
            "2.5.29.14" => {
                if let Ok(ski) = SubjectKeyIdentifier::from_der(value) {
                    out.ski = upper_hex(ski.0.as_bytes());
                }
            }
            "2.5.29.35" => {
                if let Ok(aki) = AuthorityKeyIdentifier::from_der(value) {
                    if let Some(id) = aki.key_identifier {
                        out.aki = upper_hex(id.as_bytes());
                    }
                }
            }
            "1.3.6.1.4.1.311.20.2" => {
                if let Ok(any) = Any::from_der(value) {
                    out.template = text(&any).unwrap_or_default();
                }
            }
            _ => {}
        }
    }
    Some(out)
}

fn upper_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

/// The serial as Windows prints it: hex, the DER sign byte left off.
fn serial(bytes: &[u8]) -> String {
    let trimmed = match bytes {
        [0, rest @ ..] if !rest.is_empty() => rest,
        b => b,
    };
    upper_hex(trimmed)
}

/// `2026-01-01T00:00:00Z`.
fn time(t: &Time) -> String {
    let d = t.to_date_time();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        d.year(),
        d.month(),
        d.day(),
        d.hour(),
        d.minutes(),
        d.seconds()
    )
}

/// A name as Windows shows it: the most specific RDN first, `CN=…, O=…`.
fn name(name: &Name) -> String {
    let mut parts = Vec::new();
    for rdn in name.0.iter().rev() {
        for atv in rdn.0.iter() {
            let key = match atv.oid.to_string().as_str() {
                "2.5.4.3" => "CN".to_string(),
                "2.5.4.6" => "C".to_string(),
                "2.5.4.7" => "L".to_string(),
                "2.5.4.8" => "S".to_string(),
                "2.5.4.10" => "O".to_string(),
                "2.5.4.11" => "OU".to_string(),
                "2.5.4.5" => "SERIALNUMBER".to_string(),
                "0.9.2342.19200300.100.1.25" => "DC".to_string(),
                "1.2.840.113549.1.9.1" => "E".to_string(),
                other => other.to_string(),
            };
            let value = text(&atv.value).unwrap_or_else(|| "#".to_string());
            parts.push(format!("{key}={value}"));
        }
    }
    parts.join(", ")
}

/// A string value of any of the string types names use.
fn text(any: &Any) -> Option<String> {
    let bytes = any.value();
    match any.tag() {
        Tag::Utf8String
        | Tag::PrintableString
        | Tag::Ia5String
        | Tag::TeletexString
        | Tag::VisibleString => Some(String::from_utf8_lossy(bytes).into_owned()),
        Tag::BmpString => {
            let units: Vec<u16> = bytes
                .chunks(2)
                .map(|c| {
                    u16::from_be_bytes([
                        c.first().copied().unwrap_or(0),
                        c.get(1).copied().unwrap_or(0),
                    ])
                })
                .collect();
            Some(String::from_utf16_lossy(&units))
        }
        _ => None,
    }
}

fn general_name(n: &GeneralName) -> Option<String> {
    match n {
        GeneralName::DnsName(s) => Some(format!("DNS Name={}", s.as_str())),
        GeneralName::Rfc822Name(s) => Some(format!("RFC822 Name={}", s.as_str())),
        GeneralName::UniformResourceIdentifier(s) => Some(format!("URL={}", s.as_str())),
        GeneralName::OtherName(o) if o.type_id.to_string() == "1.3.6.1.4.1.311.20.2.3" => {
            text(&o.value).map(|v| format!("Principal Name={v}"))
        }
        GeneralName::DirectoryName(d) => Some(format!("Directory Address={}", name(d))),
        _ => None,
    }
}

/// The names Windows shows for the usual EKUs, with the OID.
fn eku_name(oid: &ObjectIdentifier) -> String {
    let id = oid.to_string();
    let name = match id.as_str() {
        "1.3.6.1.5.5.7.3.1" => "Server Authentication",
        "1.3.6.1.5.5.7.3.2" => "Client Authentication",
        "1.3.6.1.5.5.7.3.3" => "Code Signing",
        "1.3.6.1.5.5.7.3.4" => "Secure Email",
        "1.3.6.1.4.1.311.20.2.2" => "Smart Card Logon",
        "1.3.6.1.4.1.311.10.3.4" => "Encrypting File System",
        "2.5.29.37.0" => "Any Purpose",
        _ => return id,
    };
    format!("{name} ({id})")
}

fn key_usage(ku: &KeyUsage) -> String {
    use x509_cert::ext::pkix::KeyUsages as K;
    [
        (K::DigitalSignature, "Digital Signature"),
        (K::NonRepudiation, "Non-Repudiation"),
        (K::KeyEncipherment, "Key Encipherment"),
        (K::DataEncipherment, "Data Encipherment"),
        (K::KeyAgreement, "Key Agreement"),
        (K::KeyCertSign, "Certificate Signing"),
        (K::CRLSign, "CRL Signing"),
    ]
    .into_iter()
    .filter(|(k, _)| ku.0.contains(*k))
    .map(|(_, n)| n)
    .collect::<Vec<_>>()
    .join(", ")
}

fn signature_name(oid: &ObjectIdentifier) -> String {
    let id = oid.to_string();
    let name = match id.as_str() {
        "1.2.840.113549.1.1.5" => "sha1RSA",
        "1.2.840.113549.1.1.11" => "sha256RSA",
        "1.2.840.113549.1.1.12" => "sha384RSA",
        "1.2.840.113549.1.1.13" => "sha512RSA",
        "1.2.840.113549.1.1.10" => "RSASSA-PSS",
        "1.2.840.10045.4.3.2" => "sha256ECDSA",
        "1.2.840.10045.4.3.3" => "sha384ECDSA",
        "1.2.840.10045.4.3.4" => "sha512ECDSA",
        _ => return id,
    };
    format!("{name} ({id})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_and_cut_der_never_panic() {
        for bytes in [
            &[][..],
            &[0x30],
            &[0x30, 0x82, 0xff, 0xff, 0x30, 0x00],
            &[0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x30],
            &[0x30, 0x03, 0x06, 0x01, 0x00],
        ] {
            let _ = der_certificates(bytes);
            assert!(decode(bytes).is_none());
        }
        assert!(is_der(&[0x30, 0x82, 0x01, 0x00, 0x30, 0x82]));
        assert!(!is_der(b"hello"));
    }

    const ROOT: &[u8] = include_bytes!("../../../../tests/fixtures/store/root-ca-der.cer");
    const P7B: &[u8] =
        include_bytes!("../../../../tests/fixtures/store/chain-root-and-issuing.p7b");
    const USER: &str =
        include_str!("../../../../tests/fixtures/store/scep-user-certificate-base64.cer");

    #[test]
    fn a_certificate_reads_whole() {
        let lines: Vec<&str> = USER.lines().collect();
        let blocks = pem_blocks(&lines);
        assert_eq!(blocks.len(), 1);
        let c = decode(&blocks[0].1).unwrap();
        assert_eq!(c.subject, "CN=amanda.brady@contoso.com");
        assert_eq!(c.issuer, "CN=Contoso Issuing CA, DC=contoso, DC=com");
        assert_eq!(c.serial, "110000001F");
        assert_eq!(c.sha1, "CAC3F77180038687D8A035A5ACDB5047FC99D995");
        assert_eq!(c.sha256.len(), 64);
        assert_eq!(c.not_before, "2026-01-05T00:00:00Z");
        assert_eq!(c.eku, vec!["Client Authentication (1.3.6.1.5.5.7.3.2)"]);
        assert_eq!(c.key_usage, "Digital Signature, Key Encipherment");
        assert_eq!(c.san, "Principal Name=amanda.brady@contoso.com");
        assert_eq!(c.signature, "sha256RSA (1.2.840.113549.1.1.11)");
        assert_eq!(c.is_ca, Some(false));
        assert_eq!(c.aki.len(), 40);
        assert_eq!(c.ski.len(), 40);
        assert_eq!(der_certificates(P7B).map(|v| v.len()), Some(2));
        // The issuing CA's key identifier is the one the user certificate names.
        let chain = der_certificates(P7B).unwrap();
        let cas: Vec<StoreCert> = chain.iter().filter_map(|d| decode(d)).collect();
        let issuing = cas.iter().find(|x| x.subject.contains("Issuing")).unwrap();
        let root = cas.iter().find(|x| x.subject.contains("Root")).unwrap();
        assert_eq!(issuing.ski, c.aki);
        assert_eq!(issuing.aki, root.ski);
    }

    #[test]
    fn every_cut_and_flipped_byte_is_read_or_refused() {
        for input in [ROOT, P7B] {
            for cut in 0..input.len() {
                let part = &input[..cut];
                for c in der_certificates(part).unwrap_or_default() {
                    let _ = decode(c);
                }
            }
            for at in 0..input.len() {
                let mut bytes = input.to_vec();
                bytes[at] ^= 0xff;
                for c in der_certificates(&bytes).unwrap_or_default() {
                    let _ = decode(c);
                }
            }
        }
    }

    #[test]
    fn base64_is_lenient() {
        assert_eq!(base64("TWFu\r\nTQ==").unwrap_or_default(), b"ManM");
        assert!(base64("not*base64").is_none());
    }
}
