//! Certificate files: PEM / Base-64 text (`.pem`, `.cer`/`.crt` saved as
//! Base-64, `-----BEGIN PKCS7-----` bundles) read as text, and DER /
//! PKCS#7 binary (`.cer`, `.crt`, `.p7b`) routed here by the driver like a
//! binary `.evtx` ([`der_source`]). Every certificate becomes one story;
//! a block or file that does not decode is said, never a panic.

use crate::core::event::Event;
use crate::core::model::Platform;
use crate::core::report::{Problem, Source};
use crate::parse::format::{record_events, Format, Header, Record};

use super::cert::StoreCert;
use super::x509;

pub const FORMAT: Format = Format {
    id: "store-certificate-file",
    platform: Platform::Store,
    title: "Certificate file (.cer/.crt DER or Base-64, .pem, .p7b)",
    samples: &[
        "-----BEGIN CERTIFICATE-----",
        "-----END CERTIFICATE-----",
        "-----BEGIN PKCS7-----",
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
    let looks = ["CERTIFICATE-----", "PKCS7-----"]
        .iter()
        .any(|k| (t.starts_with("-----BEGIN ") || t.starts_with("-----END ")) && t.ends_with(k));
    looks.then_some(Header {
        time: None,
        thread: None,
        process: None,
        message: line,
    })
}

/// The certificates of one DER blob (a certificate or a PKCS#7 bundle),
/// decoded, and how many did not decode.
fn certificates(der: &[u8]) -> (Vec<StoreCert>, u64) {
    let Some(items) = x509::der_certificates(der) else {
        return (Vec::new(), 1);
    };
    let mut out = Vec::new();
    let mut bad = 0;
    for item in items {
        match x509::decode(item) {
            Some(c) => out.push(c),
            None => bad += 1,
        }
    }
    (out, bad)
}

fn split<'a>(lines: &[&'a str]) -> Vec<Record<'a>> {
    let mut out = Vec::new();
    for (at, der) in x509::pem_blocks(lines) {
        let (certs, bad) = certificates(&der);
        for cert in certs {
            cert.into_records(at, &mut out);
        }
        if bad > 0 || der.is_empty() {
            out.push(Record {
                time: None,
                thread: None,
                process: None,
                parts: vec![(at, "store-damaged\tcheck=store.damaged-certificate".into())],
            });
        }
    }
    out
}

/// Whether a binary input is a DER certificate or PKCS#7 bundle.
pub fn is_der(bytes: &[u8]) -> bool {
    x509::is_der(bytes)
}

/// A DER or PKCS#7 file: its source and events (line N = the file's Nth
/// certificate). A file that does not decode is a coded problem.
pub fn der_source(index: usize, name: &str, bytes: &[u8]) -> (Source, Vec<Event>) {
    let (certs, bad) = certificates(bytes);
    let mut problems = Vec::new();
    if bad > 0 {
        problems.push(Problem::coded("certificate-unreadable").count(bad));
    }
    let count = certs.len();
    let mut records = Vec::new();
    for (i, cert) in certs.into_iter().enumerate() {
        cert.into_records(i, &mut records);
    }
    let (events, recognized) = record_events(&FORMAT, index, records);
    let source = Source {
        name: name.to_string(),
        input: 0,
        format: FORMAT.id.to_string(),
        platform: Some(Platform::Store),
        encoding: "der".to_string(),
        lines: count,
        recognized,
        problems,
    };
    (source, events)
}

/// What the raw view shows for a DER or PKCS#7 file: line N is its Nth
/// certificate's fields (tab-separated), the line the report cites.
pub fn der_text(bytes: &[u8]) -> String {
    let (certs, _) = certificates(bytes);
    certs.iter().map(|c| c.normalized() + "\n").collect()
}

#[cfg(test)]
mod raw_view_tests {
    #![allow(clippy::unwrap_used)]

    #[test]
    fn der_text_has_a_line_per_certificate_the_report_cites() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/store");
        let p7b = std::fs::read(dir.join("chain-root-and-issuing.p7b")).unwrap();
        let text = super::der_text(&p7b);
        assert_eq!(text.lines().count(), 2, "{text}");
        assert!(text.lines().all(|l| l.contains("subject=")), "{text}");
        assert_eq!(super::der_text(b"\x30\x03garbage"), "");
    }
}
