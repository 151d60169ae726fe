//! Reads the SCEP message a device sends with `operation=PKIOperation`
//! (RFC 8894): a CMS SignedData whose signed content is an EnvelopedData
//! holding the CSR, with the SCEP attributes (messageType, transactionID…)
//! among the signer's authenticated attributes.
//!
//! ```text
//! ContentInfo { signedData, [0] SignedData {
//!   version, digestAlgorithms, encapContentInfo { data, [0] OCTET STRING {
//!     ContentInfo { envelopedData, [0] EnvelopedData {
//!       version, recipientInfos { KeyTransRecipientInfo {
//!         version, IssuerAndSerialNumber { issuer Name, serial }, … } },
//!       EncryptedContentInfo { data, contentEncryptionAlgorithm, … } } } } },
//!   [0] certificates, signerInfos { SignerInfo { …, [0] signedAttrs } } } }
//! ```
//!
//! Devices write it in BER with indefinite lengths (`MIAG…` is `30 80 06`),
//! so this is a small tolerant BER walker rather than a DER crate. Logs and
//! published samples cut the message short: every field reached is kept, the
//! rest is simply absent, and nothing here can panic on input.

use super::ber::{
    octet_string, read, Children, Tlv, CONTEXT_0_CONSTRUCTED, INTEGER, OID, SEQUENCE, SET,
};

/// What a PKIOperation message says, as far as the bytes go.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PkiMessage {
    /// `PKCSReq`, `CertPoll`… (or the number when unknown).
    pub message_type: Option<String>,
    pub transaction_id: Option<String>,
    /// The signer's digest algorithm (from SignedData.digestAlgorithms).
    pub digest: Option<String>,
    /// Issuer DN of the RA certificate the request is encrypted for.
    pub recipient_issuer: Option<String>,
    /// Serial number (hex) of that RA certificate.
    pub recipient_serial: Option<String>,
    pub content_encryption: Option<String>,
    /// False when the message ends before its structure does.
    pub complete: bool,
}

/// Decodes the `message=` value of a PKIOperation GET URL (URL-encoded
/// base64). `None` when not even the outer structure is readable.
pub fn decode_url_value(value: &str) -> Option<PkiMessage> {
    let b64 = url_decode(value);
    let bytes = base64_prefix(&b64);
    decode(&bytes)
}

/// Decodes the message bytes (possibly cut short).
pub fn decode(bytes: &[u8]) -> Option<PkiMessage> {
    let outer = read(bytes, 0)?;
    if outer.tag != SEQUENCE {
        return None;
    }
    let mut items = Children::new(outer.body);
    let oid = items.next()?;
    if oid.tag != OID || oid.body != OID_SIGNED_DATA {
        return None;
    }
    let mut msg = PkiMessage::default();
    let complete = signed_data(&mut items, &mut msg).is_some();
    msg.complete = complete && outer.complete;
    Some(msg)
}

/// Walks ContentInfo's `[0] SignedData`; `None` when it stops early.
fn signed_data(items: &mut Children, msg: &mut PkiMessage) -> Option<()> {
    let explicit = items.next()?;
    let sd = Children::new(explicit.body).next()?;
    let mut fields = Children::new(sd.body);
    let _version = fields.next()?;
    let digests = fields.next()?;
    if let Some(alg) = Children::new(digests.body).next() {
        msg.digest = algorithm(&alg).map(|o| digest_name(&o));
    }
    let encap = fields.next()?;
    let mut encap_items = Children::new(encap.body);
    let _data_oid = encap_items.next()?;
    if let Some(content) = encap_items.next() {
        let inner = Children::new(content.body).next();
        if let Some(octets) = inner {
            let mut envelope = Vec::new();
            octet_string(&octets, &mut envelope, 0);
            enveloped_data(&envelope, msg);
        }
    }
    if !encap.complete {
        return None;
    }
    for item in fields.by_ref() {
        // SET OF SignerInfo; certificates [0] and crls [1] come before it.
        if item.tag == SET {
            if let Some(signer) = Children::new(item.body).next() {
                signer_info(&signer, msg);
            }
            return item.complete.then_some(());
        }
        if !item.complete {
            return None;
        }
    }
    None
}

/// EnvelopedData: the recipient and the content-encryption algorithm.
fn enveloped_data(bytes: &[u8], msg: &mut PkiMessage) -> Option<()> {
    let outer = read(bytes, 0)?;
    let mut items = Children::new(outer.body);
    let oid = items.next()?;
    if oid.body != OID_ENVELOPED_DATA {
        return None;
    }
    let explicit = items.next()?;
    let ed = Children::new(explicit.body).next()?;
    let mut fields = Children::new(ed.body);
    let _version = fields.next()?;
    let mut recipients = fields.next()?;
    if recipients.tag == CONTEXT_0_CONSTRUCTED {
        // originatorInfo
        recipients = fields.next()?;
    }
    if let Some(ktri) = Children::new(recipients.body).next() {
        let mut k = Children::new(ktri.body);
        let _version = k.next();
        if let Some(rid) = k.next().filter(|r| r.tag == SEQUENCE) {
            let mut ias = Children::new(rid.body);
            if let Some(name) = ias.next() {
                let dn = distinguished_name(&name);
                if !dn.is_empty() {
                    msg.recipient_issuer = Some(dn);
                }
                if let Some(serial) = ias.next().filter(|s| s.tag == INTEGER && s.complete) {
                    msg.recipient_serial = Some(hex_upper(serial.body));
                }
            }
        }
    }
    let eci = fields.next()?;
    let mut e = Children::new(eci.body);
    let _type = e.next()?;
    let alg = e.next()?;
    msg.content_encryption = algorithm(&alg).map(|o| cipher_name(&o));
    Some(())
}

fn signer_info(signer: &Tlv, msg: &mut PkiMessage) {
    for item in Children::new(signer.body) {
        if item.tag != CONTEXT_0_CONSTRUCTED {
            continue;
        }
        for attr in Children::new(item.body) {
            let mut parts = Children::new(attr.body);
            let (Some(oid), Some(values)) = (parts.next(), parts.next()) else {
                continue;
            };
            let Some(value) = Children::new(values.body).next().filter(|v| v.complete) else {
                continue;
            };
            let text = String::from_utf8_lossy(value.body).trim().to_string();
            if oid.body == OID_MESSAGE_TYPE {
                msg.message_type = Some(message_type_name(&text));
            } else if oid.body == OID_TRANSACTION_ID {
                msg.transaction_id = Some(printable(&text));
            }
        }
        return;
    }
}

impl PkiMessage {
    /// The fields reached, as values of the timeline line
    /// `scep.pki-operation` (a cut-short message says so).
    pub fn line_params(&self) -> Vec<(&'static str, String)> {
        let fields = [
            ("message_type", self.message_type.clone()),
            (
                "transaction",
                self.transaction_id.as_ref().map(|t| shorten(t, 64)),
            ),
            ("issuer", self.recipient_issuer.clone()),
            ("serial", self.recipient_serial.clone()),
            ("cipher", self.content_encryption.clone()),
            ("digest", self.digest.clone()),
            (
                "cut",
                (!self.complete).then(|| "scep.message-cut".to_string()),
            ),
        ];
        fields
            .into_iter()
            .filter_map(|(name, value)| Some((name, value?)))
            .collect()
    }

    /// The fields that hold for the whole enrollment, as certificate profile
    /// settings (the message type differs per message: timeline only).
    pub fn profile(&self) -> Vec<(String, String)> {
        let fields = [
            ("scep_transaction_id", &self.transaction_id),
            ("ra_certificate_issuer", &self.recipient_issuer),
            ("ra_certificate_serial", &self.recipient_serial),
            ("content_encryption", &self.content_encryption),
            ("digest_algorithm", &self.digest),
        ];
        fields
            .into_iter()
            .filter_map(|(k, v)| v.as_ref().map(|v| (k.to_string(), v.clone())))
            .collect()
    }
}

// --- names -----------------------------------------------------------------

fn message_type_name(number: &str) -> String {
    let name = match number {
        "3" => "CertRep",
        "17" => "RenewalReq",
        "18" => "UpdateReq",
        "19" => "PKCSReq",
        "20" => "CertPoll",
        "21" => "GetCert",
        "22" => "GetCRL",
        other => return format!("messageType {}", printable(other)),
    };
    name.to_string()
}

fn digest_name(oid: &str) -> String {
    match oid {
        "1.2.840.113549.2.5" => "MD5",
        "1.3.14.3.2.26" => "SHA-1",
        "2.16.840.1.101.3.4.2.1" => "SHA-256",
        "2.16.840.1.101.3.4.2.2" => "SHA-384",
        "2.16.840.1.101.3.4.2.3" => "SHA-512",
        other => return other.to_string(),
    }
    .to_string()
}

fn cipher_name(oid: &str) -> String {
    match oid {
        "1.3.14.3.2.7" => "DES-CBC",
        "1.2.840.113549.3.7" => "3DES (DES-EDE3-CBC)",
        "2.16.840.1.101.3.4.1.2" => "AES-128-CBC",
        "2.16.840.1.101.3.4.1.22" => "AES-192-CBC",
        "2.16.840.1.101.3.4.1.42" => "AES-256-CBC",
        other => return other.to_string(),
    }
    .to_string()
}

fn attribute_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "2.5.4.3" => "CN",
        "2.5.4.5" => "SERIALNUMBER",
        "2.5.4.6" => "C",
        "2.5.4.7" => "L",
        "2.5.4.8" => "ST",
        "2.5.4.9" => "STREET",
        "2.5.4.10" => "O",
        "2.5.4.11" => "OU",
        "0.9.2342.19200300.100.1.25" => "DC",
        "0.9.2342.19200300.100.1.1" => "UID",
        "1.2.840.113549.1.9.1" => "E",
        _ => return None,
    })
}

/// A Name as people read it: most specific first (`CN=…, O=…, DC=…`).
fn distinguished_name(name: &Tlv) -> String {
    let mut rdns = Vec::new();
    for rdn in Children::new(name.body) {
        for atv in Children::new(rdn.body) {
            let mut parts = Children::new(atv.body);
            let (Some(oid), Some(value)) = (parts.next(), parts.next()) else {
                continue;
            };
            if !value.complete {
                continue;
            }
            let oid = oid_text(oid.body);
            let key = attribute_name(&oid).map_or(oid, str::to_string);
            rdns.push(format!("{key}={}", string_value(&value)));
        }
    }
    rdns.reverse();
    rdns.join(", ")
}

fn string_value(value: &Tlv) -> String {
    let text = match value.tag {
        // BMPString: UTF-16 big-endian.
        0x1e => {
            let units: Vec<u16> = value
                .body
                .chunks_exact(2)
                .map(|p| u16::from_be_bytes([p[0], p[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        _ => String::from_utf8_lossy(value.body).into_owned(),
    };
    printable(&text)
}

/// Control characters out; the log is shown as text.
fn printable(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).collect()
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max).collect();
    s.push('…');
    s
}

fn hex_upper(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

/// An AlgorithmIdentifier's OID.
fn algorithm(alg: &Tlv) -> Option<String> {
    let oid = Children::new(alg.body).next()?;
    (oid.tag == OID && oid.complete).then(|| oid_text(oid.body))
}

fn oid_text(body: &[u8]) -> String {
    let mut arcs: Vec<u64> = Vec::new();
    let mut value: u64 = 0;
    for &b in body {
        value = value
            .saturating_mul(128)
            .saturating_add(u64::from(b & 0x7f));
        if b & 0x80 == 0 {
            if arcs.is_empty() {
                let first = (value / 40).min(2);
                arcs.push(first);
                arcs.push(value - first * 40);
            } else {
                arcs.push(value);
            }
            value = 0;
        }
    }
    arcs.iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

// --- object identifiers --------------------------------------------------

/// 1.2.840.113549.1.7.2
const OID_SIGNED_DATA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];
/// 1.2.840.113549.1.7.3
const OID_ENVELOPED_DATA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x03];
/// 2.16.840.1.113733.1.9.2
const OID_MESSAGE_TYPE: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x86, 0xf8, 0x45, 0x01, 0x09, 0x02];
/// 2.16.840.1.113733.1.9.7
const OID_TRANSACTION_ID: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x86, 0xf8, 0x45, 0x01, 0x09, 0x07];

// --- text encodings ----------------------------------------------------------

/// `%XX` escapes undone (a `+` stays a `+`: it is base64 here).
fn url_decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok());
            if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The bytes of the longest base64 prefix (standard or URL alphabet); stops
/// at the first other character (`&`, a redaction `…`, the end of the line).
fn base64_prefix(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' | b' ' => 62,
            b'/' | b'_' => 63,
            b'\r' | b'\n' => continue,
            _ => break,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platforms::scep::ber::OCTET_STRING;

    /// The timeline line of a request carrying `msg`, in English.
    fn summary(msg: &PkiMessage) -> String {
        let mut params = msg.line_params();
        params.push(("purpose", "scep.purpose-request".into()));
        crate::text::lines::render(crate::core::lang::Lang::En, "scep.pki-operation", &params)
            .unwrap()
    }

    /// Microsoft's published GET sample, cut off where the doc cuts it.
    const PUBLISHED: &str = "MIAGCSqGSIb3DQEHAqCAMIACAQExDzANBglghkgBZQMEAgMFADCABgkqhkiG9w0BBwGggCSABIIZfzCABgkqhkiG9w0BBwOggDCAAgEAMYIBgjCCAX4CAQAwZjBPMRUwEwYKCZImiZPyLGQBGRYFbG9jYWwxHDAaBgoJkiaJk/IsZAEZFgxmb3VydGhjb2ZmZWUxGDAWBgNVBAMTD0ZvdXJ0aENvZmZlZSBDQQITaAAAAAmaneVjEPlcTwAAAAAACTANBgkqhkiG9w0BAQEFAASCAQCqfsOYpuBToerQLkw/tl4tH9E+97TBTjGQN9NCjSgb78fF6edY0pNDU+PH4RB356wv3rfZi5IiNrVu5Od4k6uK4w0582ZM2n8NJFRY7KWSNHsmTIWlo/Vcr4laAtq5rw+CygaYcefptcaamkjdLj07e/Uk4KsetGo7ztPVjSEFwfRIfKv474dLDmPqp0ZwEWRQG";

    #[test]
    fn the_published_sample_gives_what_it_reaches() {
        let msg = decode_url_value(PUBLISHED).unwrap();
        assert!(!msg.complete);
        assert_eq!(msg.digest.as_deref(), Some("SHA-512"));
        assert_eq!(
            msg.recipient_issuer.as_deref(),
            Some("CN=FourthCoffee CA, DC=fourthcoffee, DC=local")
        );
        assert_eq!(
            msg.recipient_serial.as_deref(),
            Some("68000000099A9DE56310F95C4F000000000009")
        );
        assert_eq!(msg.message_type, None);
        assert_eq!(msg.content_encryption, None);
        assert!(summary(&msg).contains("cut short"));
    }

    #[test]
    fn every_prefix_of_a_message_is_safe() {
        let full = complete_message(false);
        for n in 0..=full.len() {
            let _ = decode(&full[..n]);
        }
        for n in 0..PUBLISHED.len() {
            let _ = decode_url_value(&PUBLISHED[..n]);
        }
        let _ = decode_url_value("%ZZ%4");
        let _ = decode(&[0x30, 0x84, 0xff, 0xff, 0xff, 0xff]);
        let _ = decode(&[0x30, 0x80].repeat(100));
    }

    // --- a complete message, built from its parts ---------------------------

    fn tlv(tag: u8, body: &[u8]) -> Vec<u8> {
        let mut out = vec![tag];
        let len = body.len();
        if len < 0x80 {
            out.push(len as u8);
        } else if len < 0x100 {
            out.extend([0x81, len as u8]);
        } else {
            out.extend([0x82, (len >> 8) as u8, len as u8]);
        }
        out.extend_from_slice(body);
        out
    }

    /// BER indefinite length, as devices write it.
    fn indefinite(tag: u8, body: &[u8]) -> Vec<u8> {
        let mut out = vec![tag, 0x80];
        out.extend_from_slice(body);
        out.extend([0, 0]);
        out
    }

    fn oid(arcs: &[u8]) -> Vec<u8> {
        tlv(OID, arcs)
    }

    fn seq(parts: &[Vec<u8>]) -> Vec<u8> {
        tlv(SEQUENCE, &parts.concat())
    }

    fn attribute(oid_bytes: &[u8], value: &[u8]) -> Vec<u8> {
        seq(&[oid(oid_bytes), tlv(SET, &tlv(0x13, value))])
    }

    /// PKCSReq, transaction id, AES-256-CBC, RA issued by `CN=NDES CA, O=Contoso`.
    fn complete_message(ber: bool) -> Vec<u8> {
        let wrap = |tag: u8, body: &[u8]| {
            if ber {
                indefinite(tag, body)
            } else {
                tlv(tag, body)
            }
        };
        let name = seq(&[
            tlv(
                SET,
                &seq(&[oid(&[0x55, 0x04, 0x0a]), tlv(0x0c, b"Contoso")]),
            ),
            tlv(
                SET,
                &seq(&[oid(&[0x55, 0x04, 0x03]), tlv(0x13, b"NDES CA")]),
            ),
        ]);
        let ktri = seq(&[
            tlv(INTEGER, &[0]),
            seq(&[name, tlv(INTEGER, &[0x1a, 0x2b, 0x3c])]),
            seq(&[oid(&[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01])]),
            tlv(OCTET_STRING, &[0x55; 16]),
        ]);
        let aes256 = [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x2a];
        let data_oid = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01];
        let eci = seq(&[
            oid(&data_oid),
            seq(&[oid(&aes256), tlv(OCTET_STRING, &[7; 16])]),
            tlv(0x80, &[9; 32]),
        ]);
        let enveloped = wrap(
            SEQUENCE,
            &[
                oid(OID_ENVELOPED_DATA),
                wrap(
                    CONTEXT_0_CONSTRUCTED,
                    &wrap(
                        SEQUENCE,
                        &[tlv(INTEGER, &[0]), tlv(SET, &ktri), eci].concat(),
                    ),
                ),
            ]
            .concat(),
        );
        // The envelope split over two chunks of a constructed OCTET STRING.
        let (a, b) = enveloped.split_at(enveloped.len() / 2);
        let content = wrap(
            OCTET_STRING | 0x20,
            &[tlv(OCTET_STRING, a), tlv(OCTET_STRING, b)].concat(),
        );
        let sha256 = [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01];
        let attrs = [
            attribute(
                &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x03],
                &data_oid,
            ),
            attribute(OID_MESSAGE_TYPE, b"19"),
            attribute(
                OID_TRANSACTION_ID,
                b"2F3C88B7A1D04E5F9A6B7C8D9E0F1A2B3C4D5E6F",
            ),
        ]
        .concat();
        let signer = seq(&[
            tlv(INTEGER, &[1]),
            seq(&[seq(&[]), tlv(INTEGER, &[1])]),
            seq(&[oid(&sha256)]),
            tlv(CONTEXT_0_CONSTRUCTED, &attrs),
            seq(&[oid(&[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01])]),
            tlv(OCTET_STRING, &[3; 32]),
        ]);
        let signed = wrap(
            SEQUENCE,
            &[
                tlv(INTEGER, &[1]),
                tlv(SET, &seq(&[oid(&sha256), tlv(0x05, &[])])),
                wrap(
                    SEQUENCE,
                    &[oid(&data_oid), wrap(CONTEXT_0_CONSTRUCTED, &content)].concat(),
                ),
                tlv(CONTEXT_0_CONSTRUCTED, &seq(&[tlv(INTEGER, &[5])])),
                tlv(SET, &signer),
            ]
            .concat(),
        );
        wrap(
            SEQUENCE,
            &[oid(OID_SIGNED_DATA), wrap(CONTEXT_0_CONSTRUCTED, &signed)].concat(),
        )
    }

    fn base64(bytes: &[u8]) -> String {
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
            for i in 0..=chunk.len() {
                out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
            }
        }
        while out.len() % 4 != 0 {
            out.push('=');
        }
        out
    }

    #[test]
    fn a_complete_message_gives_every_field() {
        for ber in [false, true] {
            let msg = decode(&complete_message(ber)).unwrap();
            assert_eq!(
                msg,
                PkiMessage {
                    message_type: Some("PKCSReq".into()),
                    transaction_id: Some("2F3C88B7A1D04E5F9A6B7C8D9E0F1A2B3C4D5E6F".into()),
                    digest: Some("SHA-256".into()),
                    recipient_issuer: Some("CN=NDES CA, O=Contoso".into()),
                    recipient_serial: Some("1A2B3C".into()),
                    content_encryption: Some("AES-256-CBC".into()),
                    complete: true,
                },
                "ber: {ber}"
            );
            assert_eq!(
                summary(&msg),
                "Sends the certificate request (PKIOperation): PKCSReq, transaction 2F3C88B7A1D04E5F9A6B7C8D9E0F1A2B3C4D5E6F, encrypted for the RA certificate issued by CN=NDES CA, O=Contoso (serial 1A2B3C), content encryption AES-256-CBC, signed with SHA-256"
            );
        }
    }

    #[test]
    fn url_encoded_base64_is_read() {
        let b64 = base64(&complete_message(true));
        let encoded = b64
            .replace('+', "%2B")
            .replace('/', "%2F")
            .replace('=', "%3D");
        let msg = decode_url_value(&encoded).unwrap();
        assert!(msg.complete);
        assert_eq!(msg.message_type.as_deref(), Some("PKCSReq"));
        // Literal `+` and `/` (iOS leaves them unescaped) read the same.
        assert_eq!(decode_url_value(&b64), Some(msg));
    }

    #[test]
    fn oids_read_as_dotted_text() {
        assert_eq!(oid_text(OID_TRANSACTION_ID), "2.16.840.1.113733.1.9.7");
        assert_eq!(oid_text(OID_SIGNED_DATA), "1.2.840.113549.1.7.2");
    }
}
