//! Properties every report keeps, over every fixture and generated variants
//! of them (issue #19):
//!
//! - redaction leaves none of a set of planted identifiers (host, IP, user,
//!   e-mail, SID, serial, GUID, thumbprint) in any export (JSON, Markdown,
//!   text), in any language, and redacting twice changes nothing;
//! - a report rendered in Japanese and then in English is the English report;
//! - the report JSON round-trips (serialize → deserialize → serialize).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use scep_doctor::report::Report;
use scep_doctor::{analyze, i18n::localize, i18n::Lang, redact::redact, render, Input};

fn report_of(name: &str, bytes: &[u8]) -> Report {
    analyze(&[Input { name, bytes }])
}

/// Identifiers planted into the lines a report cites. Written `user: …` and
/// `serial: …`: a SyncML profile line cut at its `=` puts `… user` in a
/// setting's name and the account in its value, where nothing says it is
/// one (like the free-form names redaction cannot detect).
const PLANTED: &[&str] = &[
    "ndes-planted.fabrikam.com",
    "10.9.8.7",
    "pplanted",
    "pat.planted@fabrikam.com",
    "S-1-5-21-1111111111-2222222222-3333333333-1234",
    "AB12CD34EF",
    "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
    "0123456789ABCDEF0123456789ABCDEF01234567",
];

const PLANT: &str = " via https://ndes-planted.fabrikam.com/certsrv/mscep/mscep.dll from 10.9.8.7 \
as user: FABRIKAM\\pplanted for pat.planted@fabrikam.com S-1-5-21-1111111111-2222222222-3333333333-1234 \
serial: AB12CD34EF device 3f2504e0-4f89-11d3-9a0c-0305e82c3301 \
thumbprint 0123456789ABCDEF0123456789ABCDEF01234567";

/// A UTF-8 fixture with the identifiers appended to every line its report
/// cites (so they reach the report's values and texts where a rule reads
/// the rest of a line), or `None` for a binary or non-UTF-8 fixture.
fn planted_variant(name: &str, bytes: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(bytes).ok()?;
    let report = report_of(name, bytes);
    let mut cited = std::collections::BTreeSet::new();
    for p in &report.platforms {
        for c in &p.certificates {
            cited.extend(c.timeline.iter().map(|t| t.line));
        }
    }
    if cited.is_empty() {
        return None;
    }
    let mut out = String::new();
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let (body, end) = match line.strip_suffix("\r\n") {
            Some(b) => (b, "\r\n"),
            None => match line.strip_suffix('\n') {
                Some(b) => (b, "\n"),
                None => (line, ""),
            },
        };
        out.push_str(body);
        if cited.contains(&(i + 1)) {
            out.push_str(PLANT);
        }
        out.push_str(end);
    }
    Some(out.into_bytes())
}

/// Every export of a report as it leaves the tool, in every language.
fn exports(report: &Report) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let redacted = redact(report);
    for lang in Lang::ALL {
        let l = lang.as_str();
        out.push((
            format!("JSON ({l})"),
            serde_json::to_string_pretty(&localize(&redacted, lang)).unwrap(),
        ));
        out.push((
            format!("Markdown ({l})"),
            render::markdown_export(report, lang, true),
        ));
        out.push((
            format!("text ({l})"),
            render::text_in(&redacted, false, lang),
        ));
    }
    out
}

#[test]
fn no_planted_identifier_survives_any_export_and_redaction_is_idempotent() {
    let mut reached = vec![false; PLANTED.len()];
    let mut variants = 0;
    for path in common::input_fixtures() {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let bytes = std::fs::read(&path).unwrap();
        let original = report_of(&name, &bytes);
        let redacted = redact(&original);
        assert_eq!(redact(&redacted), redacted, "{name}: redacting twice");
        let Some(variant) = planted_variant(&name, &bytes) else {
            continue;
        };
        variants += 1;
        let report = report_of(&name, &variant);
        let plain = serde_json::to_string(&report).unwrap().to_lowercase();
        for (i, id) in PLANTED.iter().enumerate() {
            reached[i] |= plain.contains(&id.to_lowercase());
        }
        let redacted = redact(&report);
        assert_eq!(
            redact(&redacted),
            redacted,
            "{name} (planted): redacting twice"
        );
        for (what, out) in exports(&report) {
            let lower = out.to_lowercase();
            for id in PLANTED {
                assert!(
                    !lower.contains(&id.to_lowercase()),
                    "{id} survives in the {what} export of planted {name}:\n{out}"
                );
            }
        }
    }
    assert!(variants > 20, "only {variants} planted variants");
    for (id, reached) in PLANTED.iter().zip(reached) {
        assert!(
            reached,
            "{id} never reached a report: the test proves nothing about it"
        );
    }
}

#[test]
fn japanese_then_english_is_the_english_report() {
    for path in common::input_fixtures() {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let report = report_of(&name, &std::fs::read(&path).unwrap());
        let round = localize(&localize(&report, Lang::Ja), Lang::En);
        assert!(round == report, "{name}: ja → en differs from en");
        assert!(localize(&report, Lang::En) == report, "{name}: en → en");
        assert_eq!(
            render::markdown_in(&localize(&report, Lang::Ja), Lang::En),
            render::markdown_in(&report, Lang::En),
            "{name}: Markdown"
        );
    }
}

#[test]
fn report_json_round_trips() {
    for path in common::input_fixtures() {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let report = report_of(&name, &std::fs::read(&path).unwrap());
        for shown in [report.clone(), localize(&report, Lang::Ja), redact(&report)] {
            let json = serde_json::to_string(&shown).unwrap();
            let back: Report = serde_json::from_str(&json).unwrap();
            assert_eq!(serde_json::to_string(&back).unwrap(), json, "{name}");
            assert!(back == shown, "{name}: deserialized report differs");
        }
    }
}

/// Item 6 of issue #17: a source named by a path under a user's home keeps
/// no user name, and certificate or message blobs (PEM, base64) and
/// challenge values are withheld, in every export and language.
#[test]
fn user_paths_blobs_and_challenges_are_redacted_in_every_export() {
    let ios = common::fixtures_dir().join("ios/get-pkioperation-pending-then-certpoll.log");
    let bytes = std::fs::read(ios).unwrap();
    for name in [
        r"C:\Users\jdoeplanted\Downloads\ios.log",
        "C:/Users/jdoeplanted/Downloads/ios.log",
        "/home/jdoeplanted/logs/ios.log",
        "/Users/jdoeplanted/Desktop/ios.log",
    ] {
        let report = report_of(name, &bytes);
        let redacted = redact(&report);
        assert_eq!(redact(&redacted), redacted, "{name}: redacting twice");
        for (what, out) in exports(&report) {
            assert!(
                !out.contains("jdoeplanted"),
                "{name}: user in the {what} export:\n{out}"
            );
        }
    }
    // A PEM certificate, a bare base64 blob and a challenge in a message
    // the report shows (a 32's result text keeps what follows it).
    let pem = "-----BEGIN CERTIFICATE----- MIIDdzCCAl+gAwIBAgIQPlantedPemBody0123456789abcdefABCDEF0123456789abcdefABCDEF== -----END CERTIFICATE-----";
    let b64 =
        "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAPlantedBase64Body0123456789abcdefABCDEFxyz+/";
    for line in [
        format!("SCEP: Certificate enroll failed. Result: (The hash value is not correct. {pem})."),
        format!("SCEP: Certificate enroll failed. Result: (The hash value is not correct. {b64})."),
        "SCEP: Certificate enroll failed. Result: (The hash value is not correct. challenge: Qk9PlantedChallenge77).".to_string(),
        "SCEP: Certificate enroll failed. Result: (The hash value is not correct. ChallengePassword=Qk9PlantedChallenge77).".to_string(),
    ] {
        let report = report_of("pasted.txt", line.as_bytes());
        let plain = serde_json::to_string(&report).unwrap();
        assert!(plain.contains("Planted"), "never reached the report: {plain}");
        let redacted = redact(&report);
        assert_eq!(redact(&redacted), redacted, "{line}: redacting twice");
        for (what, out) in exports(&report) {
            for planted in ["PlantedPemBody", "PlantedBase64Body", "PlantedChallenge77"] {
                assert!(
                    !out.contains(planted),
                    "{planted} in the {what} export:\n{out}"
                );
            }
        }
    }
}

/// What a certificate's story says, apart from where its lines stand.
fn stories(report: &Report) -> Vec<String> {
    let mut out: Vec<String> = report
        .platforms
        .iter()
        .flat_map(|p| &p.certificates)
        .map(|c| {
            let mut findings: Vec<&str> = c.findings.iter().map(|f| f.code.as_str()).collect();
            findings.sort_unstable();
            format!(
                "{:?} {} {:?} {:?} {:?} {findings:?}",
                c.kind, c.id, c.stage, c.verdict, c.failed_step
            )
        })
        .collect();
    out.sort();
    out
}

/// A device log whose line breaks a forum, a chat or a ticket lost (every
/// record on one line, runs of blanks squeezed to one space) tells the same
/// story: each Android OMADM and iOS Console record is found where it
/// starts inside the line, and so is each row of an Event Viewer list copy
/// (issue #17). Block formats (JSON, RTF, event details, XML) have their
/// own shapes and are not flattened this way.
#[test]
fn a_device_log_with_its_line_breaks_lost_tells_the_same_story() {
    let mut checked = 0;
    for path in common::input_fixtures() {
        let name = path.to_string_lossy().to_string();
        let device =
            (name.contains("/android/") || name.contains("/ios/")) && name.ends_with(".log");
        let list_copy = name.contains("/windows/") && name.contains("list-copy");
        if !device && !list_copy {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        let head = text.trim_start();
        if head.starts_with('[') || head.starts_with('{') || text.contains("{\\rtf") {
            continue;
        }
        let flat = text
            .replace('\r', "")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let want = stories(&report_of(&name, &bytes));
        let got = stories(&report_of(&name, flat.as_bytes()));
        assert_eq!(got, want, "{name} with its line breaks lost");
        checked += 1;
    }
    assert!(checked > 50, "only {checked} device logs checked");
}
