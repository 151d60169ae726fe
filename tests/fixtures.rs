//! Runs every fixture under `tests/fixtures/<platform>/` through the core and
//! compares the report with `NAME.expected.json` beside it.
//!
//! `UPDATE_EXPECT=1 cargo test --test fixtures` rewrites the expectations;
//! review the diff like code.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use scep_doctor::options::Options;
use scep_doctor::platforms::findings as knowledge;
use scep_doctor::time::UtcOffset;
use scep_doctor::{analyze, analyze_with, Input};

fn expected_path(fixture: &Path) -> PathBuf {
    let name = fixture.file_name().unwrap().to_string_lossy();
    let stem = name.rsplit_once('.').map_or(name.as_ref(), |(s, _)| s);
    fixture.with_file_name(format!("{stem}.expected.json"))
}

fn report_json(fixture: &Path) -> serde_json::Value {
    let bytes = std::fs::read(fixture).unwrap();
    let name = fixture.file_name().unwrap().to_string_lossy().to_string();
    let report = analyze_with(
        &[Input {
            name: &name,
            bytes: &bytes,
        }],
        options_of(&name),
    );
    serde_json::to_value(&report).unwrap()
}

/// What the admin states, from the fixture's name: `….device-utc+0900.zip`
/// is analyzed with the device's UTC offset stated as +09:00.
fn options_of(name: &str) -> Options {
    let device_utc_offset = name
        .split('.')
        .find_map(|part| part.strip_prefix("device-utc"))
        .map(|offset| UtcOffset::parse(offset).expect("a UTC offset in the fixture's name"));
    Options { device_utc_offset }
}

/// Object keys in sorted order, whatever map serde_json was built with (a
/// dependency may turn on `preserve_order`), so expectations stay stable.
fn sorted(value: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value::*;
    match value {
        Object(map) => {
            let mut keys: Vec<_> = map.keys().collect();
            keys.sort();
            let mut out = serde_json::Map::new();
            for k in keys {
                out.insert(k.clone(), sorted(&map[k]));
            }
            Object(out)
        }
        Array(items) => Array(items.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

/// The first place two JSON documents differ, as a path.
fn first_difference(path: &str, a: &serde_json::Value, b: &serde_json::Value) -> Option<String> {
    use serde_json::Value::*;
    match (a, b) {
        (Object(x), Object(y)) => {
            let keys: BTreeSet<_> = x.keys().chain(y.keys()).collect();
            keys.into_iter().find_map(|k| match (x.get(k), y.get(k)) {
                (Some(p), Some(q)) => first_difference(&format!("{path}.{k}"), p, q),
                (p, q) => Some(format!("{path}.{k}: expected {p:?}, got {q:?}")),
            })
        }
        (Array(x), Array(y)) => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (p, q))| first_difference(&format!("{path}[{i}]"), p, q))
            .or_else(|| {
                (x.len() != y.len())
                    .then(|| format!("{path}: expected {} items, got {}", x.len(), y.len()))
            }),
        _ if a == b => None,
        _ => Some(format!("{path}: expected {a}, got {b}")),
    }
}

#[test]
fn every_fixture_matches_its_expected_report() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    let all = common::input_fixtures();
    assert!(
        !all.is_empty(),
        "no fixtures found in {}",
        common::fixtures_dir().display()
    );
    for fixture in &all {
        let got = report_json(fixture);
        let expected_file = expected_path(fixture);
        if update {
            let text = serde_json::to_string_pretty(&sorted(&got)).unwrap() + "\n";
            std::fs::write(&expected_file, text).unwrap();
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&expected_file) else {
            failures.push(format!(
                "{}: no {} (run with UPDATE_EXPECT=1)",
                fixture.display(),
                expected_file.display()
            ));
            continue;
        };
        let expected: serde_json::Value = serde_json::from_str(&text).unwrap();
        if let Some(diff) = first_difference("$", &expected, &got) {
            failures.push(format!("{}: {diff}", fixture.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixture(s) differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_knowledge_row_is_fired_by_a_fixture() {
    let mut fired = BTreeSet::new();
    for fixture in common::input_fixtures() {
        let text = std::fs::read_to_string(expected_path(&fixture)).unwrap_or_default();
        for entry in knowledge::entries() {
            if text.contains(&format!("\"code\": \"{}\"", entry.code)) {
                fired.insert(entry.code);
            }
        }
    }
    let missing: Vec<_> = knowledge::entries()
        .map(|e| e.code)
        .filter(|c| !fired.contains(c))
        .collect();
    assert!(
        missing.is_empty(),
        "knowledge rows with no fixture: {missing:?}"
    );
}

/// Every timeline line, input problem and profile setting of every fixture
/// has a code and reads in Japanese: no English sentence is left in a
/// Japanese report.
#[test]
fn every_line_and_problem_reads_in_japanese() {
    use scep_doctor::i18n::{localize, Lang};
    use scep_doctor::report::Report;
    // Three English words in a row: a sentence, not a product or log name.
    let english_words = regex::Regex::new(r"\b[A-Za-z]+ [a-z]+ [a-z]+\b").unwrap();
    let mut english = Vec::new();
    for fixture in common::input_fixtures() {
        let en: Report = serde_json::from_value(report_json(&fixture)).unwrap();
        let ja = localize(&en, Lang::Ja);
        assert_eq!(localize(&ja, Lang::En), en, "{}", fixture.display());
        let lines = |r: &Report| -> Vec<(String, String)> {
            (r.platforms.iter())
                .flat_map(|p| &p.certificates)
                .flat_map(|c| &c.timeline)
                .map(|t| (t.what_code.clone(), t.what.clone()))
                .collect()
        };
        for ((code, en_what), (_, ja_what)) in lines(&en).into_iter().zip(lines(&ja)) {
            if code.is_empty() || ja_what == en_what {
                english.push(format!("{}: [{code}] {ja_what}", fixture.display()));
            }
        }
        for c in en.platforms.iter().flat_map(|p| &p.certificates) {
            for key in c.profile.keys() {
                if scep_doctor::i18n::t(Lang::Ja, &format!("profile.{key}")).is_empty() {
                    english.push(format!("{}: profile setting {key}", fixture.display()));
                }
            }
        }
        for (s_en, s_ja) in en.sources.iter().zip(&ja.sources) {
            for (p_en, p_ja) in s_en.problems.iter().zip(&s_ja.problems) {
                if p_en.message == p_ja.message {
                    english.push(format!("{}: problem {}", fixture.display(), p_en.code));
                }
                // No English sentence inside a Japanese text either (a
                // typed error's reason): values from the file aside.
                let mut text = p_ja.message.clone();
                for value in p_ja.params.values() {
                    text = text.replace(value.as_str(), " ");
                }
                if let Some(m) = english_words.find(&text) {
                    english.push(format!(
                        "{}: problem {} says {:?}",
                        fixture.display(),
                        p_en.code,
                        m.as_str()
                    ));
                }
            }
        }
    }
    assert!(
        english.is_empty(),
        "English in Japanese reports:\n{}",
        english.join("\n")
    );
}

#[test]
fn copies_in_other_encodings_give_the_same_story() {
    let dir = common::fixtures_dir().join("android");
    let base = report_json(&dir.join("full-success.log"));
    for copy in ["full-success-crlf.log", "full-success-utf16le.log"] {
        let other = report_json(&dir.join(copy));
        assert_eq!(base["platforms"], other["platforms"], "{copy}");
    }
}

#[test]
fn the_buried_story_is_found_among_the_noise() {
    let dir = common::fixtures_dir().join("android");
    let clean = report_json(&dir.join("full-success.log"));
    let noisy = report_json(&dir.join("success-buried-in-50k-lines-of-noise.log"));
    assert!(noisy["sources"][0]["lines"].as_u64().unwrap() > 50_000);
    let summary = |r: &serde_json::Value| -> Vec<(String, String, String, usize)> {
        r["platforms"][0]["certificates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["kind"].to_string(),
                    c["id"].to_string(),
                    c["verdict"].to_string(),
                    c["timeline"].as_array().unwrap().len(),
                )
            })
            .collect()
    };
    assert_eq!(summary(&clean), summary(&noisy));
}

#[test]
fn several_sources_make_one_report() {
    let dir = common::fixtures_dir().join("android");
    let a = std::fs::read(dir.join("root-only.log")).unwrap();
    let b = std::fs::read(dir.join("getcacert-http-500.log")).unwrap();
    let report = analyze(&[
        Input {
            name: "OMADM.log.1",
            bytes: &a,
        },
        Input {
            name: "OMADM.log",
            bytes: &b,
        },
    ]);
    assert_eq!(report.sources.len(), 2);
    assert_eq!(report.platforms.len(), 1);
    let certs = &report.platforms[0].certificates;
    assert_eq!(certs.len(), 2);
    assert_eq!(certs[0].kind, scep_doctor::model::Kind::Root);
    assert_eq!(certs[1].findings[0].evidence[0].source, 1);
}

/// The legacy NDESPlugin.log stopping at its call to the registration
/// point and the NDES server's CAPI2 expiry (0x800B0101) are one story: the
/// stopped request fails step 3 with the expired certificate's finding,
/// whichever file comes first (scep-logs.md §6.3, MS-STEP34, MS-NOASSIGN).
#[test]
fn a_plugin_log_stopped_at_its_call_and_the_capi2_expiry_are_one_story() {
    let dir = common::fixtures_dir().join("ndes");
    let plugin = std::fs::read(dir.join("ndesplugin-log-stops-at-sending-request.log")).unwrap();
    let capi2 =
        std::fs::read(dir.join("capi2-800b0101-client-auth-cert-expired-wevtutil.xml")).unwrap();
    let plugin = || Input {
        name: "NDESPlugin.log",
        bytes: &plugin,
    };
    let capi2 = || Input {
        name: "capi2.xml",
        bytes: &capi2,
    };
    for inputs in [[plugin(), capi2()], [capi2(), plugin()]] {
        let report = analyze(&inputs);
        assert_eq!(report.platforms.len(), 1);
        let ndes = &report.platforms[0];
        assert_eq!(ndes.verdict, scep_doctor::model::Verdict::Failed);
        assert!(ndes
            .findings
            .iter()
            .all(|f| f.code != "ndes.client-cert-expired"));
        assert_eq!(ndes.certificates.len(), 1);
        let card = &ndes.certificates[0];
        assert_eq!(card.verdict, scep_doctor::model::Verdict::Failed);
        assert_eq!(card.failed_step, Some(scep_doctor::model::Step(3)));
        assert_eq!(card.findings[0].code, "ndes.client-cert-expired");
    }
    // Alone, the plugin log is an open question, not a failure.
    let report = analyze(&[plugin()]);
    let card = &report.platforms[0].certificates[0];
    assert_eq!(card.verdict, scep_doctor::model::Verdict::Incomplete);
}

#[test]
fn a_textedit_rtf_file_and_its_pasted_text_tell_the_same_story() {
    let dir = common::fixtures_dir().join("ios");
    let pasted = report_json(&dir.join("success-style-a-textedit.log"));
    let file = report_json(&dir.join("success-textedit-file.rtf"));
    assert_eq!(ios_story(&pasted), ios_story(&file));
    assert_eq!(file["sources"][0]["format"], "ios-console");
}

/// The real `.evtx` sample (a Certificate Connector Admin log, read from the
/// shared samples folder, never copied into the repository) parses without a
/// panic and is named for what it is.
#[cfg(feature = "evtx")]
#[test]
fn real_connector_evtx_is_named_not_crashed() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/real-samples/connector-admin-revoke-failures.evtx");
    let Ok(bytes) = std::fs::read(&path) else {
        panic!("real sample missing: {}", path.display());
    };
    let report = analyze(&[Input {
        name: "connector-admin-revoke-failures.evtx",
        bytes: &bytes,
    }]);
    let source = &report.sources[0];
    assert_eq!(source.format, "windows-evtx");
    assert!(source.lines >= 680, "records read: {}", source.lines);
    assert_eq!(source.platform, Some(scep_doctor::model::Platform::Ndes));
    assert!(source.problems.is_empty(), "{:?}", source.problems);
    // Every record is a revocation failure (3001): reported as such, on
    // the NDES server, and never as a SCEP certificate.
    assert_eq!(source.recognized, source.lines);
    assert_eq!(report.platforms.len(), 1);
    let ndes = &report.platforms[0];
    assert!(ndes.certificates.is_empty(), "no SCEP request");
    let revoke = ndes
        .findings
        .iter()
        .find(|f| f.code == "ndes.connector-revoke-failed")
        .expect("revocation failures");
    assert!(revoke.title.contains("3001"));
    assert!(!revoke.evidence.is_empty());

    // Records come out as Event XML: provider, id, UTC time and EventData.
    let read = scep_doctor::platforms::windows::read_evtx(&bytes);
    let first = &read.events[0];
    assert_eq!(first.provider, "Microsoft-Intune-CertificateConnectors");
    assert_eq!(first.id, Some(3001));
    let time = first.time.as_ref().unwrap();
    assert_eq!(time.basis, scep_doctor::time::TimeBasis::Utc);
    assert!(time.text.ends_with('Z'), "{}", time.text);
    assert!(first.inserts.len() >= 5, "{:?}", first.inserts);

    // Cut short (a broken download), it still reads what it can.
    let cut = &bytes[..bytes.len() / 3];
    let report = analyze(&[Input {
        name: "cut.evtx",
        bytes: cut,
    }]);
    assert_eq!(report.sources[0].format, "windows-evtx");
    // A bare header is a problem, not a crash.
    let report = analyze(&[Input {
        name: "head.evtx",
        bytes: &bytes[..4096],
    }]);
    assert!(!report.sources[0].problems.is_empty());
}

/// Damaged copies of the real `.evtx` (bytes overwritten in the file header,
/// the first chunk and anywhere) are read without a panic.
#[cfg(feature = "evtx")]
#[test]
fn damaged_evtx_never_panics() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/real-samples/connector-admin-revoke-failures.evtx");
    let bytes = std::fs::read(&path).unwrap();
    let mut seed: u64 = 0x1234_5678;
    let mut rnd = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for round in 0..40 {
        let mut b = bytes[..(bytes.len().min(200_000 + (rnd() % 300_000) as usize))].to_vec();
        let flips = 1 + rnd() % 64;
        for _ in 0..flips {
            let i = if round % 2 == 0 {
                (rnd() as usize) % 9000
            } else {
                (rnd() as usize) % b.len()
            };
            // Keep the file magic so the evtx path runs.
            if i >= 8 {
                b[i] = rnd() as u8;
            }
        }
        let r = std::panic::catch_unwind(|| {
            analyze(&[Input {
                name: "f.evtx",
                bytes: &b,
            }])
        });
        assert!(r.is_ok(), "panic in round {round}");
    }
}

/// The same Windows story saved in two shapes (list copy, newest first;
/// "Save All Events As" text in UTF-16) tells the same outcome.
#[test]
fn windows_shapes_give_the_same_outcome() {
    let dir = common::fixtures_dir().join("windows");
    let outcome = |name: &str| -> Vec<(String, String, String, String)> {
        let r = report_json(&dir.join(name));
        r["platforms"][0]["certificates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["kind"].to_string(),
                    c["id"].to_string(),
                    c["verdict"].to_string(),
                    c["stage"].to_string(),
                )
            })
            .collect()
    };
    let base = outcome("success-list-copy.txt");
    assert_eq!(base.len(), 1);
    assert_eq!(base, outcome("success-save-as-utf16le.txt"));
}

/// The same success chain (306 → 36 → 39 → 256 → 309) exported from an
/// English, a Japanese and a German Event Viewer (list copy, list copy with
/// `情報`, "Save All Events As" CSV with `Informationen`) gives the same
/// certificates, verdicts, stages and timeline.
#[test]
fn the_same_events_in_three_languages_give_the_same_story() {
    let dir = common::fixtures_dir().join("windows");
    let story = |name: &str| -> Vec<serde_json::Value> {
        let r = report_json(&dir.join(name));
        assert_eq!(r["platforms"][0]["verdict"], "delivered", "{name}");
        r["platforms"][0]["certificates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let timeline: Vec<serde_json::Value> = c["timeline"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|t| {
                        serde_json::json!([
                            t["time"],
                            t["stage"],
                            t["step"],
                            t["outcome"],
                            t["what"]
                        ])
                    })
                    .collect();
                serde_json::json!({
                    "kind": c["kind"],
                    "id": c["id"],
                    "verdict": c["verdict"],
                    "stage": c["stage"],
                    "failed_step": c["failed_step"],
                    "findings": c["findings"],
                    "profile": c["profile"],
                    "timeline": timeline,
                })
            })
            .collect()
    };
    let english = story("success-list-copy.txt");
    assert_eq!(english.len(), 1);
    assert_eq!(english[0]["verdict"], "delivered");
    assert_eq!(english[0]["stage"], "reported");
    assert_eq!(english, story("success-japanese-list-copy.txt"));
    assert_eq!(english, story("success-save-as-german.csv"));
}

/// Per certificate: id, verdict, stage, and each timeline entry's time and
/// text (line numbers differ between a file and its copies).
fn ios_story(r: &serde_json::Value) -> Vec<(String, String, String, Vec<String>)> {
    r["platforms"][0]["certificates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let whats = c["timeline"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| format!("{} {} {}", t["time"], t["outcome"], t["what"]))
                .collect();
            (
                c["id"].to_string(),
                c["verdict"].to_string(),
                c["stage"].to_string(),
                whats,
            )
        })
        .collect()
}

/// The codes of the first platform's findings.
fn finding_codes(r: &serde_json::Value) -> Vec<String> {
    r["platforms"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].to_string())
        .collect()
}

#[test]
fn the_buried_ios_story_is_found_among_the_noise() {
    let dir = common::fixtures_dir().join("ios");
    let clean = report_json(&dir.join("success-style-b-with-wifi.log"));
    let noisy = report_json(&dir.join("success-buried-in-20k-lines-of-noise.log"));
    assert!(noisy["sources"][0]["lines"].as_u64().unwrap() > 20_000);
    assert_eq!(noisy["sources"][0]["format"], "ios-console");
    assert_eq!(ios_story(&clean), ios_story(&noisy));
    assert_eq!(finding_codes(&clean), finding_codes(&noisy));
    assert_eq!(
        clean["platforms"][0]["verdict"],
        noisy["platforms"][0]["verdict"]
    );
}

#[test]
fn the_long_ios_log_as_rtf_and_as_text_give_the_same_report() {
    let dir = common::fixtures_dir().join("ios");
    let text = report_json(&dir.join("success-buried-in-20k-lines-of-noise.log"));
    let rtf = report_json(&dir.join("success-buried-in-20k-lines-of-noise-textedit.rtf"));
    assert_eq!(rtf["sources"][0]["format"], "ios-console");
    assert_eq!(ios_story(&text), ios_story(&rtf));
    assert_eq!(finding_codes(&text), finding_codes(&rtf));
    assert_eq!(
        text["platforms"][0]["verdict"],
        rtf["platforms"][0]["verdict"]
    );
    assert_eq!(
        text["sources"][0]["recognized"],
        rtf["sources"][0]["recognized"]
    );
}

/// CAPI2 chain errors alone (any program builds chains) start no
/// certificate: they speak for the platform; beside a SCEP story they join it.
#[test]
fn capi2_chain_errors_alone_start_no_certificate() {
    let path = common::fixtures_dir().join("windows/untrusted-root-capi2-11-30-details.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let blocks: Vec<&str> = text
        .split("Log Name:")
        .filter(|b| b.contains("Microsoft-Windows-CAPI2/Operational"))
        .collect();
    assert_eq!(blocks.len(), 2);
    let capi2 = format!("Log Name:{}", blocks.join("Log Name:"));
    let report = analyze(&[Input {
        name: "capi2.txt",
        bytes: capi2.as_bytes(),
    }]);
    assert_eq!(report.sources[0].recognized, 2);
    let windows = &report.platforms[0];
    assert!(
        windows.certificates.is_empty(),
        "{:#?}",
        windows.certificates
    );
    assert!(
        windows
            .findings
            .iter()
            .any(|f| f.code == "windows.untrusted-root"),
        "{:#?}",
        windows.findings
    );
}

/// A SCEP request no line identifies has no id in the report; every
/// rendering labels it in its own language.
#[test]
fn a_request_without_an_id_is_labelled_in_each_language() {
    use scep_doctor::i18n::Lang;
    use scep_doctor::render;
    let path = common::fixtures_dir().join("windows/thumbprint-mismatch-bare-message.txt");
    let bytes = std::fs::read(path).unwrap();
    let report = analyze(&[Input {
        name: "bare.txt",
        bytes: &bytes,
    }]);
    let ids: Vec<&str> = (report.platforms.iter())
        .flat_map(|p| &p.certificates)
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(ids, [""]);
    assert!(render::text_in(&report, false, Lang::En).contains("unidentified SCEP request"));
    let ja = render::text_in(&report, false, Lang::Ja);
    assert!(ja.contains("識別できない SCEP 要求"), "{ja}");
    assert!(!ja.contains("unidentified"), "{ja}");
    assert!(render::markdown_in(&report, Lang::Ja).contains("識別できない SCEP 要求"));
}

/// The real NDES IIS logs (three days of an NDES server's Default Web Site,
/// read from the shared samples folder, never copied into the repository):
/// the validation script's probes are found among the internet scanner
/// noise, and the report says NDES answered probes and no device enrolled.
#[test]
fn real_ndes_iis_logs_report_probes_and_no_device() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/real-samples");
    let names = [
        "ndes-iis-u_ex240411.log",
        "ndes-iis-u_ex240412.log",
        "ndes-iis-u_ex240415.log",
    ];
    let mut files = Vec::new();
    for name in names {
        match std::fs::read(dir.join(name)) {
            Ok(bytes) => files.push((name, bytes)),
            Err(_) => {
                eprintln!("skipped: real sample {name} not in {}", dir.display());
                return;
            }
        }
    }
    let inputs: Vec<Input> = files
        .iter()
        .map(|(name, bytes)| Input { name, bytes })
        .collect();
    let report = analyze(&inputs);
    for source in &report.sources {
        assert_eq!(source.format, "ndes-iis", "{}", source.name);
        assert_eq!(
            source.platform,
            Some(scep_doctor::model::Platform::Ndes),
            "{}",
            source.name
        );
        assert!(source.problems.is_empty(), "{:?}", source.problems);
    }
    // The first day holds no SCEP request at all; the others the probes.
    assert_eq!(report.sources[0].recognized, 0);
    assert_eq!(report.sources[1].recognized, 4);
    assert_eq!(report.sources[2].recognized, 205);
    assert_eq!(report.platforms.len(), 1);
    let ndes = &report.platforms[0];
    assert!(ndes.certificates.is_empty(), "no device enrolled");
    let codes: Vec<&str> = ndes.findings.iter().map(|f| f.code.as_str()).collect();
    assert!(codes.contains(&"ndes.probes-answered"), "{codes:?}");
    assert!(codes.contains(&"ndes.no-evidence"), "{codes:?}");
    // Each day alone is read as the same format; the scanner-only day
    // says that no device enrolled.
    for (name, bytes) in &files {
        let one = analyze(&[Input { name, bytes }]);
        assert_eq!(one.sources[0].format, "ndes-iis", "{name}");
        let codes: Vec<&str> = one.platforms[0]
            .findings
            .iter()
            .map(|f| f.code.as_str())
            .collect();
        assert!(codes.contains(&"ndes.no-evidence"), "{name}: {codes:?}");
    }
}

/// Two days of IIS logs from one server are one story per device, in time
/// order, whichever file is given first.
#[test]
fn several_days_of_iis_logs_make_one_story_per_device() {
    let dir = common::fixtures_dir().join("ndes");
    let a = std::fs::read(dir.join("iis-two-devices-fields-change-mid-file.log")).unwrap();
    let b = std::fs::read(dir.join("iis-android-get-cacert-500-win32-1346.log")).unwrap();
    let report = analyze(&[
        Input {
            name: "u_ex240820-afternoon.log",
            bytes: &a,
        },
        Input {
            name: "u_ex240820-morning.log",
            bytes: &b,
        },
    ]);
    let certs = &report.platforms[0].certificates;
    assert_eq!(certs.len(), 2, "one story per device");
    let android = certs.iter().find(|c| c.id.contains("Android")).unwrap();
    // The morning's failures come first, then the afternoon's enrollment.
    assert_eq!(android.timeline[0].source, 1);
    assert_eq!(android.timeline.last().unwrap().source, 0);
    assert_eq!(android.timeline.len(), 5);
}

/// An IIS log copied through a spreadsheet (every field a cell, pasted back
/// tab-separated) tells the same story as the file IIS wrote.
#[test]
fn an_iis_log_pasted_from_a_spreadsheet_tells_the_same_story() {
    let dir = common::fixtures_dir().join("ndes");
    let file = report_json(&dir.join("iis-two-devices-fields-change-mid-file.log"));
    let pasted = report_json(&dir.join("iis-two-devices-pasted-from-a-spreadsheet.log"));
    assert_eq!(pasted["sources"][0]["format"], "ndes-iis");
    assert_eq!(file["platforms"], pasted["platforms"]);
}
