//! `certutil -store [-user] <Store>` output, in any display language: a
//! store line (`my "Personal"`, `Root "信頼されたルート証明機関"`), then one
//! block per certificate after a banner whose only word is localized,
//!
//! ```text
//! ================ Certificate 0 ================
//! Serial Number: 110000001f4c4eccc46fc8f93a00000000001f
//! Issuer: CN=Contoso - Issuing CA, DC=CONTOSO, DC=COM
//!  NotBefore: 12/8/2023 6:16 AM
//!  NotAfter: 12/7/2024 6:16 AM
//! Subject: CN=amanda.brady@contoso.com
//! Cert Hash(sha1): 63c6ce5fc512933179d3c0a5e94ecba98092f93d
//!   Key Container = …
//! ```
//!
//! and certutil's trailer. The reader keys on the layout, not the words:
//! the first five `label: value` lines of a block are serial, issuer,
//! NotBefore, NotAfter and subject in every language certutil speaks
//! (English labels, when present, are read by name); the SHA-1 is the last
//! 40-hex value labelled `…(sha1)`, spaced or not; `name = value` lines are
//! the key's container and provider.

use crate::core::model::Platform;
use crate::parse::format::{Format, Header, Record};
use crate::parse::literal;

use super::cert::{hex, is_hex, Origin, StoreCert};

pub const FORMAT: Format = Format {
    id: "store-certutil",
    platform: Platform::Store,
    title: "certutil -store / -user -store listing of a certificate store",
    samples: &[
        "================ Certificate 0 ================",
        "================ 証明書 0 ================",
        "Cert Hash(sha1): 63c6ce5fc512933179d3c0a5e94ecba98092f93d",
        "my \"Personal\"",
        "Root \"Trusted Root Certification Authorities\"",
        "CertUtil: -store command completed successfully.",
    ],
    header: Some(header),
    marks: None,
    glued: None,
    split: Some(split),
    rules: super::rules::rules,
    stream: None,
};

fn header(line: &str) -> Option<Header<'_>> {
    let t = line.trim();
    let looks = banner(t).is_some()
        || store_line(t).is_some()
        || t.starts_with("CertUtil: -store")
        || hash_line(t).is_some_and(|(kind, _)| kind == 1)
        || field(t).is_some_and(|(label, _)| {
            matches!(
                label,
                "Serial Number" | "Issuer" | "NotBefore" | "NotAfter" | "Subject"
            )
        });
    looks.then_some(Header {
        time: None,
        thread: None,
        process: None,
        message: line,
    })
}

/// `================ Certificate 12 ================` → 12.
fn banner(t: &str) -> Option<&str> {
    let inner = t.strip_prefix("==")?.strip_suffix("==")?;
    let inner = inner.trim_matches('=').trim();
    if inner.contains('=') {
        return None;
    }
    let n = inner.rsplit(char::is_whitespace).next()?;
    (!n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())).then_some(n)
}

/// `my "Personal"` → `my`: one word, then a quoted display name.
fn store_line(t: &str) -> Option<&str> {
    let (name, rest) = t.split_once(' ')?;
    let rest = rest.trim();
    let ok = !name.is_empty()
        && name.len() <= 40
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && rest.len() >= 2
        && rest.starts_with('"')
        && rest.ends_with('"');
    ok.then_some(name)
}

/// `label: value` with a colon (ASCII or full-width) after the label.
fn field(t: &str) -> Option<(&str, &str)> {
    let at = colon(t)?;
    let label = t.get(..at)?.trim();
    let sep = t.get(at..)?.chars().next()?.len_utf8();
    let value = t.get(at + sep..)?.trim();
    (!label.is_empty() && label.chars().count() <= 48 && !label.contains('='))
        .then_some((label, value))
}

/// Where the first colon (ASCII or full-width) is: the bytes searched with
/// `memchr` rather than a character at a time (detection and the splitter
/// ask every line, most of which hold no colon at all).
fn colon(t: &str) -> Option<usize> {
    let bytes = t.as_bytes();
    let mut from = 0;
    // `：` is EF BC 9A in UTF-8; EF also starts other characters.
    while let Some(k) = memchr::memchr2(b':', 0xEF, bytes.get(from..)?) {
        let at = from + k;
        if bytes.get(at) == Some(&b':') || bytes.get(at..at + 3) == Some("：".as_bytes()) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// A hash line: (1, sha1) or (2, sha256), by its label and length.
fn hash_line(t: &str) -> Option<(u8, String)> {
    let (label, value) = field(t)?;
    // Digits are only ever taken out of a value: shorter than 40 bytes, it
    // holds no hash (detection asks every line with a colon).
    if value.len() < 40 {
        return None;
    }
    let l = label.to_ascii_lowercase();
    if literal::contains(&l, "sha1)") && is_hex(value, 40) {
        return Some((1, hex(value)));
    }
    if literal::contains(&l, "sha256)") && is_hex(value, 64) {
        return Some((2, hex(value)));
    }
    None
}

/// A key status line that says there is no private key (English output).
fn no_key(t: &str) -> bool {
    [
        "Missing stored keyset",
        "No key provider information",
        "Cannot find the certificate and private key",
    ]
    .iter()
    .any(|p| t.starts_with(p))
}

fn split<'a>(lines: &[&'a str]) -> Vec<Record<'a>> {
    let mut out = Vec::new();
    let mut store = String::new();
    let mut location = String::new();
    let mut current: Option<(StoreCert, usize, usize)> = None;
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        // The command, when the copy shows it: `…>certutil -user -store my`.
        let lower = t.to_ascii_lowercase();
        if literal::contains(&lower, "certutil")
            && literal::contains(&lower, "-store")
            && !t.starts_with("CertUtil:")
        {
            if literal::contains(&lower, "-user") {
                location = "user".to_string();
            }
            continue;
        }
        if banner(t).is_some() {
            if let Some((cert, at, _)) = current.take() {
                cert.into_records(at, &mut out);
            }
            let cert = StoreCert {
                origin: Origin::Certutil,
                store: store.clone(),
                location: location.clone(),
                ..StoreCert::default()
            };
            current = Some((cert, i, 0));
            continue;
        }
        if current.is_none() {
            if let Some(name) = store_line(t) {
                store = name.to_string();
            }
            continue;
        }
        if t.starts_with("CertUtil:") {
            if let Some((cert, at, _)) = current.take() {
                cert.into_records(at, &mut out);
            }
            continue;
        }
        let Some((cert, _, position)) = current.as_mut() else {
            continue;
        };
        if let Some((kind, value)) = hash_line(t) {
            match kind {
                1 => cert.sha1 = value,
                _ => cert.sha256 = value,
            }
            continue;
        }
        if no_key(t) {
            cert.private_key = Some(false);
            continue;
        }
        if literal::contains(t, " = ") {
            // `Key Container = …`, `Provider = …`: a key goes with it,
            // unless a line says it is missing.
            if cert.private_key.is_none() {
                cert.private_key = Some(true);
            }
            continue;
        }
        let Some((label, value)) = field(t) else {
            continue;
        };
        let named = match label {
            "Serial Number" => Some(0),
            "Issuer" => Some(1),
            "NotBefore" => Some(2),
            "NotAfter" => Some(3),
            "Subject" => Some(4),
            "Template" => {
                cert.template = value.to_string();
                continue;
            }
            _ => None,
        };
        let slot = match named {
            Some(slot) => slot,
            None if *position < 5 && !value.is_empty() => *position,
            None => continue,
        };
        let target = match slot {
            0 => &mut cert.serial,
            1 => &mut cert.issuer,
            2 => &mut cert.not_before,
            3 => &mut cert.not_after,
            _ => &mut cert.subject,
        };
        if target.is_empty() || named.is_some() {
            *target = if slot == 0 {
                hex(value)
            } else {
                value.to_string()
            };
        }
        *position = (*position).max(slot + 1);
    }
    if let Some((cert, at, _)) = current {
        cert.into_records(at, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::format::{fields, split_texts};

    fn certs(text: &str) -> Vec<String> {
        split_texts(split, text)
    }

    #[test]
    fn english_blocks() {
        let got = certs("C:\\>certutil -store -user my\nmy \"Personal\"\n================ Certificate 0 ================\nSerial Number: 110000001f4c4eccc46fc8f93a00000000001f\nIssuer: CN=Contoso - Issuing CA, DC=CONTOSO, DC=COM\n NotBefore: 12/8/2023 6:16 AM\n NotAfter: 12/7/2024 6:16 AM\nSubject: CN=amanda.brady@contoso.com\nNon-root Certificate\nCert Hash(sha1): 63 c6 ce 5f c5 12 93 31 79 d3 c0 a5 e9 4e cb a9 80 92 f9 3d\nMissing stored keyset\nCertUtil: -store command completed successfully.\n");
        assert_eq!(got.len(), 2, "{got:?}");
        let f: Vec<_> = fields(&got[0]).collect();
        assert!(f.contains(&("sha1", "63C6CE5FC512933179D3C0A5E94ECBA98092F93D")));
        assert!(f.contains(&("location", "user")));
        assert!(f.contains(&("store_kind", "my")));
        assert!(f.contains(&("subject", "CN=amanda.brady@contoso.com")));
        assert!(got[1].contains("check=store.no-private-key"));
    }

    #[test]
    fn labels_in_another_language_are_read_by_position() {
        let got = certs("My \"Eigene Zertifikate\"\n================ Zertifikat 0 ================\nSeriennummer: 01\nAussteller: CN=Root\n Nicht vor: 01.01.2026 01:00\n Nicht nach: 01.01.2027 01:00\nAntragsteller: CN=pc01\nZertifikathash(sha1): 63c6ce5fc512933179d3c0a5e94ecba98092f93d\n");
        let f: Vec<_> = fields(&got[0]).collect();
        assert!(f.contains(&("subject", "CN=pc01")));
        assert!(f.contains(&("not_after", "01.01.2027 01:00")));
        assert!(f.contains(&("serial", "01")));
    }

    #[test]
    fn banners_and_store_lines() {
        assert_eq!(
            banner("================ Certificate 12 ================"),
            Some("12")
        );
        assert_eq!(
            banner("================ 証明書 0 ================"),
            Some("0")
        );
        assert_eq!(banner("=== a = b ==="), None);
        assert_eq!(
            store_line("Root \"Trusted Root Certification Authorities\""),
            Some("Root")
        );
        assert_eq!(store_line("Subject: CN=x"), None);
    }
}
