//! Bad input is normal input: pathological, binary and hostile inputs give a
//! report (or a clear problem), never a panic, and structures stay bounded.
//! Sizes are large enough that quadratic work would show as a hung test;
//! speed itself is measured by the benchmark, not here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use scep_doctor::i18n::Lang;
use scep_doctor::report::{Problem, Report};
use scep_doctor::{analyze, caps, render, Input};

fn run(name: &str, bytes: &[u8]) -> Report {
    let report = analyze(&[Input { name, bytes }]);
    // Every report must serialize (the page and the CLI both need it).
    serde_json::to_string(&report).unwrap();
    report
}

fn omadm(msg: &str) -> String {
    format!("2018-02-27T05:16:08.2500000    VERB    Event     com.microsoft.omadm.platforms.android.certmgr.CertificateEnrollmentManager    18327       10    {msg}\n")
}

/// Runs `f`, printing how long it took (`cargo test --test hostile --
/// --nocapture` shows the times the README quotes).
fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = std::time::Instant::now();
    let out = f();
    eprintln!("{what}: {:.2} s", start.elapsed().as_secs_f64());
    out
}

const ID: &str = "ModelName=AC_51bad41f-3854-4eb5-a2f2-0f7a94034ee8%2FLogicalName_39907e78_e61b_4730_b9fa_d44a53e4111c";

/// The longest string anywhere in a report, in characters.
fn longest_string(report: &Report) -> usize {
    fn walk(v: &serde_json::Value) -> usize {
        match v {
            serde_json::Value::String(s) => s.chars().count(),
            serde_json::Value::Array(a) => a.iter().map(walk).max().unwrap_or(0),
            serde_json::Value::Object(o) => o
                .iter()
                .map(|(k, v)| k.chars().count().max(walk(v)))
                .max()
                .unwrap_or(0),
            _ => 0,
        }
    }
    walk(&serde_json::to_value(report).unwrap())
}

fn note<'a>(notes: &'a [Problem], code: &str) -> &'a Problem {
    notes
        .iter()
        .find(|n| n.code == code)
        .unwrap_or_else(|| panic!("no {code} note in {notes:?}"))
}

#[test]
fn a_50_mb_single_line() {
    // A request id whose hash runs on for 50 MB, then 50 MB after a space:
    // recognized, and no string of the report grows with it.
    for tail in ["", " "] {
        let line = omadm(&format!(
            "Trying to enroll certificate request: {ID};Hash=1{tail}{}",
            "7".repeat(50 << 20)
        ));
        let r = timed("50 MB line", || run("one-line.log", line.as_bytes()));
        assert_eq!(r.sources[0].lines, 1);
        assert_eq!(r.platforms[0].certificates.len(), 1);
        assert!(longest_string(&r) <= caps::MAX_TEXT + 1);
    }
}

#[test]
fn ten_million_empty_lines() {
    let r = timed("10 million empty lines", || {
        run("empty-lines.log", &vec![b'\n'; 10_000_000])
    });
    assert_eq!(r.sources[0].lines, 10_000_000);
    assert_eq!(r.sources[0].problems[0].code, "empty");
}

#[test]
fn a_million_distinct_request_ids() {
    let mut log = String::new();
    for i in 0..1_000_000 {
        log.push_str(&omadm(&format!(
            "Trying to enroll certificate request: {ID};Hash={i}"
        )));
    }
    let r = timed("a million request ids", || run("ids.log", log.as_bytes()));
    let android = &r.platforms[0];
    assert_eq!(android.certificates.len(), caps::MAX_CERTIFICATES);
    let n = note(&android.omitted, caps::OMITTED_CERTIFICATES);
    assert_eq!(n.count, Some(1_000_000 - caps::MAX_CERTIFICATES as u64));
    assert!(n.message.contains("998000"), "{}", n.message);
    // In order of first appearance.
    assert!(android.certificates[1].id.ends_with(";Hash=1"));
}

#[test]
fn a_hundred_thousand_distinct_roots() {
    let mut log = String::new();
    for i in 0..100_000 {
        log.push_str(&omadm(&format!(
            "Root cert '{i:010X}' state changed from CERT_INSTALL_REQUESTED to CERT_INSTALLING"
        )));
    }
    let r = timed("100 000 roots", || run("roots.log", log.as_bytes()));
    assert_eq!(r.platforms[0].certificates.len(), caps::MAX_CERTIFICATES);
}

#[test]
fn a_million_exchanges_without_an_id() {
    // One enrollment, then the transport line that may start a new exchange,
    // a million times: each asks whether the story ended.
    let mut log = omadm(&format!(
        "Trying to enroll certificate request: {ID};Hash=1"
    ));
    let send = omadm("Sending GetCACert(ca) to https://ndes.contoso.com/certsrv/mscep/mscep.dll?operation=GetCACert&message=ca");
    log.push_str(&send.repeat(1_000_000));
    let r = timed("a million id-less exchanges", || {
        run("exchanges.log", log.as_bytes())
    });
    let c = &r.platforms[0].certificates[0];
    assert_eq!(c.timeline.len(), caps::MAX_TIMELINE);
    let n = note(&c.omitted, caps::OMITTED_TIMELINE);
    assert_eq!(n.count, Some(1_000_001 - caps::MAX_TIMELINE as u64));
    // The story's beginning and its end stay.
    assert_eq!(c.timeline[0].line, 1);
    assert_eq!(c.timeline.last().unwrap().line, 1_000_001);
}

#[test]
fn deeply_nested_event_xml() {
    let mut xml = String::from("<Events>");
    for _ in 0..1_000_000 {
        xml.push_str(
            "<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\"><System>",
        );
    }
    let r = timed("XML nested a million deep", || {
        run("nested.xml", xml.as_bytes())
    });
    assert_eq!(r.sources.len(), 1);
}

#[test]
fn an_nserror_chain_ten_thousand_deep() {
    let mut log = String::from(
        "default\t18:30:57.320616-0500\tprofiled\tCannot retrieve SCEP identity: NSError:\n",
    );
    for i in 0..10_000 {
        log.push_str(&format!("Desc   : The SCEP server returned an invalid response.\nDomain : MCSCEPErrorDomain\nCode   : {}\n...Underlying error:\nNSError:\n", 22000 + i % 14));
    }
    let r = timed("NSError chain 10 000 deep", || {
        run("deep.log", log.as_bytes())
    });
    assert_eq!(
        r.sources[0].platform,
        Some(scep_doctor::model::Platform::Ios)
    );
}

#[test]
fn a_10_mb_base64_pkioperation() {
    let body = "MIAGCSqGSIb3DQEHAqCAMIACAQExDzANBglghkgBZQMEAgMFADCABgkqhkiG9w0BBwGggCSABIIZfzCA"
        .repeat(10 << 20 >> 6);
    // In the message parameter, and (a broken copy) in the URL's path, which
    // the timeline, the profile and findings quote.
    for url in [
        format!("https://ndes.contoso.com/certsrv/mscep/mscep.dll?operation=PKIOperation&message={body}"),
        format!("https://ndes.contoso.com/certsrv/mscep/{body}?operation=GetCACert&message=ca"),
    ] {
        let log = format!(
            "Debug 18:30:55.487908 -0500 profiled Performing synchronous URL request: {url}\n"
        );
        let r = timed("10 MB PKIOperation", || {
            run("big-pki.log", log.as_bytes())
        });
        assert_eq!(
            r.sources[0].platform,
            Some(scep_doctor::model::Platform::Ios)
        );
        assert!(longest_string(&r) <= caps::MAX_TEXT + 1);
        // Timeline lines re-rendered from their kept values stay bounded too.
        let ja = scep_doctor::i18n::localize(&r, Lang::Ja);
        assert!(longest_string(&ja) <= caps::MAX_TEXT + 1);
    }
}

#[test]
fn floods_of_findings_and_evidence_are_capped_and_said() {
    // Platform findings: 5 000 distinct Wi-Fi profiles waiting, and one of
    // them 5 000 times more.
    let mut log = String::new();
    for i in 0..5_000 {
        log.push_str(&omadm(&format!(
            "Skipping Wifi profile wifi-{i} because it is pending certificates."
        )));
    }
    log.push_str(
        &omadm("Skipping Wifi profile wifi-0 because it is pending certificates.").repeat(5_000),
    );
    let r = timed("findings flood", || run("flood.log", log.as_bytes()));
    let android = &r.platforms[0];
    let waiting = &android.findings[0];
    let same = android.findings.iter().filter(|f| f.code == waiting.code);
    assert_eq!(same.count(), caps::MAX_FINDINGS);
    assert_eq!(waiting.evidence.len(), caps::MAX_EVIDENCE);
    let findings = note(&android.omitted, caps::OMITTED_FINDINGS);
    assert_eq!(findings.count, Some(5_000 - caps::MAX_FINDINGS as u64));
    let evidence = note(&android.omitted, caps::OMITTED_EVIDENCE);
    assert_eq!(evidence.count, Some(5_001 - caps::MAX_EVIDENCE as u64));
    // Every front end says so, in every language.
    let text = render::text(&r, false);
    assert!(text.contains(&findings.message), "{text}");
    assert!(render::markdown(&r).contains(&evidence.message));
    let ja = render::text_in(&r, false, Lang::Ja);
    assert!(ja.contains("ほかに 4800 件の異なる検出結果"), "{ja}");
}

#[test]
fn binary_and_empty_inputs_get_a_reason() {
    let cases: &[(&str, &[u8], &str)] = &[
        (
            "scan.pdf",
            b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj",
            "binary-pdf",
        ),
        ("shot.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "binary-png"),
        (
            "tool.exe",
            b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0",
            "binary-exe",
        ),
        ("empty.log", b"", "empty"),
        (
            "notes.txt",
            b"Meeting notes\nNothing about certificates here.\n",
            "unknown-format",
        ),
        (
            "noise.bin",
            &[0u8, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16],
            "binary",
        ),
    ];
    for (name, bytes, code) in cases {
        let r = run(name, bytes);
        let problems = &r.sources[0].problems;
        assert_eq!(
            problems.first().map(|p| p.code.as_str()),
            Some(*code),
            "{name}"
        );
        assert!(!problems[0].message.is_empty());
        assert!(r.platforms.is_empty(), "{name}");
    }
}

#[test]
fn a_truncated_utf16_file_keeps_what_it_can() {
    let text = omadm("Trying to enroll certificate request: ModelName=AC_51bad41f-3854-4eb5-a2f2-0f7a94034ee8%2FLogicalName_39907e78_e61b_4730_b9fa_d44a53e4111c;Hash=1");
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    bytes.push(0x41); // half a code unit
    let r = run("cut.log", &bytes);
    assert_eq!(r.sources[0].problems[0].code, "invalid-bytes");
    assert_eq!(r.platforms[0].certificates.len(), 1);
}

#[test]
fn hostile_strings_stay_data() {
    let payload =
        "<img src=x onerror=alert(1)><script>alert(2)</script>javascript:alert(3)\u{202E}gnp.exe";
    let log = omadm(&format!(
        "Skipping Wifi profile {payload} because it is pending certificates."
    ));
    let r = run(payload, log.as_bytes());
    // Kept as typed, with the override it opens closed at its end.
    assert_eq!(r.sources[0].name, format!("{payload}\u{202C}"));
    let finding = &r.platforms[0].findings[0];
    assert!(finding.title.contains(payload), "{}", finding.title);
}

#[test]
fn arbitrary_bytes_never_panic() {
    // A cheap deterministic shake of every fixture: cut and flipped copies.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for platform in std::fs::read_dir(dir).unwrap() {
        let platform = platform.unwrap().path();
        if !platform.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(platform).unwrap() {
            let file = file.unwrap().path();
            let bytes = std::fs::read(&file).unwrap();
            if bytes.len() > 200_000 || file.extension().is_some_and(|e| e == "json") {
                continue;
            }
            for _ in 0..8 {
                let mut b = bytes.clone();
                let cut = (next() as usize) % (b.len() + 1);
                b.truncate(cut);
                for _ in 0..(next() % 16) {
                    if !b.is_empty() {
                        let i = (next() as usize) % b.len();
                        b[i] = next() as u8;
                    }
                }
                run("shaken", &b);
            }
        }
    }
}

#[test]
fn a_ca_export_of_twenty_thousand_requesters_redacts_in_one_pass_per_text() {
    // Each row names a requester and a subject that redaction learns, and
    // every text of the report is searched for every name: once per text
    // in one automaton, not once per name (that was quadratic: 80–94 % of
    // a 100 MB export's run, README "Benchmark").
    let mut csv = String::from("Request ID,Requester Name,Certificate Template,Serial Number,Certificate Effective Date,Certificate Expiration Date,Issued Common Name\n");
    for i in 0..20_000 {
        csv.push_str(&format!(
            "{i},CONTOSO\\user{i:05},IntuneSCEP,3a{i:036x},9/9/2026 10:10 PM,9/9/2027 10:20 PM,device-{i:05}.contoso.com\n"
        ));
    }
    let r = timed("a CA export of 20 000 requesters", || {
        run("issued.csv", csv.as_bytes())
    });
    let redacted = timed("… redacted", || scep_doctor::redact::redact(&r));
    let json = serde_json::to_string(&redacted).unwrap();
    assert!(
        !json.contains("user00042"),
        "a learned name survived redaction"
    );
    assert!(json.contains("<user-"), "no requester placeholder");
}
