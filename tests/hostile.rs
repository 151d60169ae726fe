//! Bad input is normal input: pathological, binary and hostile inputs give a
//! report (or a clear problem), never a panic, and structures stay bounded.
//! Sizes are large enough that quadratic work would show as a hung test;
//! speed itself is measured by the benchmark, not here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use scep_doctor::{analyze, report::Report, Input};

fn run(name: &str, bytes: &[u8]) -> Report {
    let report = analyze(&[Input { name, bytes }]);
    // Every report must serialize (the page and the CLI both need it).
    serde_json::to_string(&report).unwrap();
    report
}

fn omadm(msg: &str) -> String {
    format!("2018-02-27T05:16:08.2500000    VERB    Event     com.microsoft.omadm.platforms.android.certmgr.CertificateEnrollmentManager    18327       10    {msg}\n")
}

#[test]
fn a_20_mb_single_line() {
    let mut line = String::from("Trying to enroll certificate request: ");
    line.push_str(&"A".repeat(20 << 20));
    let r = run("one-line.log", line.as_bytes());
    assert_eq!(r.sources[0].lines, 1);
}

#[test]
fn two_million_empty_lines() {
    let r = run("empty-lines.log", &vec![b'\n'; 2_000_000]);
    assert_eq!(r.sources[0].lines, 2_000_000);
    assert_eq!(r.sources[0].problems[0].code, "empty");
}

#[test]
fn a_hundred_thousand_distinct_request_ids() {
    let mut log = String::new();
    for i in 0..100_000 {
        log.push_str(&omadm(&format!(
            "Trying to enroll certificate request: ModelName=AC_51bad41f-3854-4eb5-a2f2-0f7a94034ee8%2FLogicalName_39907e78_e61b_4730_b9fa_d44a53e4111c;Hash={i}"
        )));
    }
    let r = run("ids.log", log.as_bytes());
    assert_eq!(r.platforms[0].certificates.len(), 100_000);
}

#[test]
fn deeply_nested_event_xml() {
    let mut xml = String::from("<Events>");
    for _ in 0..10_000 {
        xml.push_str(
            "<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\"><System>",
        );
    }
    let r = run("nested.xml", xml.as_bytes());
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
    let r = run("deep.log", log.as_bytes());
    assert_eq!(
        r.sources[0].platform,
        Some(scep_doctor::model::Platform::Ios)
    );
}

#[test]
fn a_10_mb_base64_pkioperation() {
    let body = "MIAGCSqGSIb3DQEHAqCAMIACAQExDzANBglghkgBZQMEAgMFADCABgkqhkiG9w0BBwGggCSABIIZfzCA"
        .repeat(10 << 20 >> 6);
    let log = format!("Debug 18:30:55.487908 -0500 profiled Performing synchronous URL request: https://ndes.contoso.com/certsrv/mscep/mscep.dll?operation=PKIOperation&message={body}\n");
    let r = run("big-pki.log", log.as_bytes());
    assert_eq!(
        r.sources[0].platform,
        Some(scep_doctor::model::Platform::Ios)
    );
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
    assert_eq!(r.sources[0].name, payload);
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
