//! What leaves SCEP Doctor to be shared: the Markdown summary (compared with
//! committed files under `tests/markdown/`) and the JSON document.
//!
//! `UPDATE_EXPECT=1 cargo test --test exports` rewrites the expected Markdown.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use scep_doctor::i18n::Lang;
use scep_doctor::redact::redact;
use scep_doctor::report::Report;
use scep_doctor::{analyze, render, Input};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn report_of(platform: &str, name: &str) -> Report {
    let bytes = std::fs::read(root().join("tests/fixtures").join(platform).join(name)).unwrap();
    analyze(&[Input {
        name,
        bytes: &bytes,
    }])
}

/// The Markdown the CLI (`--markdown`) and the page ("Copy as Markdown") export:
/// redacted by default.
fn exported_markdown(report: &Report, lang: Lang) -> String {
    render::markdown_export(report, lang, true)
}

#[test]
fn markdown_matches_the_expected_files() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    for lang in Lang::ALL {
        let report = report_of("android", "getcacert-http-500.log");
        let got = exported_markdown(&report, lang);
        let path = root().join(format!(
            "tests/markdown/getcacert-http-500.{}.md",
            lang.as_str()
        ));
        if update {
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("no {} (run with UPDATE_EXPECT=1)", path.display()));
        assert_eq!(got, expected, "{}", path.display());
    }
}

/// The CLI prints the same Markdown as the page copies.
#[test]
fn cli_markdown_is_the_same_markdown() {
    for lang in Lang::ALL {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_scep-doctor"))
            .current_dir(root().join("tests/fixtures/android"))
            .args([
                "--markdown",
                "--lang",
                lang.as_str(),
                "getcacert-http-500.log",
            ])
            .output()
            .unwrap();
        let expected = std::fs::read_to_string(root().join(format!(
            "tests/markdown/getcacert-http-500.{}.md",
            lang.as_str()
        )))
        .unwrap();
        assert_eq!(String::from_utf8(out.stdout).unwrap(), expected);
    }
}

/// Identifiers the fixtures carry, and more planted in a failing request's
/// error message (which reaches the report's texts and params).
const SECRETS: &[&str] = &[
    "ndes-contoso.msappproxy.net",
    "msappproxy",
    "john@contoso.onmicrosoft.com",
    "onmicrosoft",
    "CN=john",
    "Contoso Issuing CA",
    "DC=contoso",
    "51bad41f",
    "9A3F5C2E71B04D8F9E6A1C3B5D7E9F0A2B4C6D8E",
    "ndes01.corp.example.org",
    "10.20.30.40",
    "jdoe",
    "jane.doe@example.org",
    "S-1-5-21-3623811015-3361044348-30300820-1013",
    "F2LXK1ABCDEF",
    "0f8fad5b-d9cb-469f-a165-70867728950e",
    "1F2E3D4C5B6A79881F2E3D4C5B6A79881F2E3D4C",
    "fe80:0000:0000:0000:0202:b3ff:fe1e:8329",
];

fn planted() -> Vec<u8> {
    let log =
        std::fs::read_to_string(root().join("tests/fixtures/android/transport-error.log")).unwrap();
    log.replace(
        "Error connecting to server",
        "Error connecting to ndes01.corp.example.org (10.20.30.40, fe80:0000:0000:0000:0202:b3ff:fe1e:8329) as user=CORP\\jdoe for jane.doe@example.org S-1-5-21-3623811015-3361044348-30300820-1013 serial=F2LXK1ABCDEF device 0f8fad5b-d9cb-469f-a165-70867728950e thumbprint 1F2E3D4C5B6A79881F2E3D4C5B6A79881F2E3D4C",
    )
    .into_bytes()
}

/// Every fixture, one report each, plus the planted one.
fn all_reports() -> Vec<Report> {
    let mut out = Vec::new();
    for platform in ["android", "ios"] {
        let dir = root().join("tests/fixtures").join(platform);
        let mut names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .filter(|n| !n.ends_with(".expected.json") && !n.starts_with('.') && n != "README.md")
            .collect();
        names.sort();
        for name in names {
            out.push(report_of(platform, &name));
        }
    }
    let bytes = planted();
    out.push(analyze(&[Input {
        name: "planted-OMADM.log",
        bytes: &bytes,
    }]));
    out
}

/// The JSON document as the CLI's `--json` and the page's "Download JSON" export it.
fn exported_json(report: &Report, lang: Lang) -> String {
    serde_json::to_string_pretty(&scep_doctor::i18n::localize(&redact(report), lang)).unwrap()
}

#[test]
fn no_secret_survives_any_export() {
    let reports = all_reports();
    // The secrets are really there before redaction…
    let everything: String = reports
        .iter()
        .map(|r| serde_json::to_string(r).unwrap())
        .collect();
    for secret in SECRETS {
        assert!(
            everything.to_lowercase().contains(&secret.to_lowercase()),
            "the fixtures never show {secret}: the test proves nothing about it"
        );
    }
    // …and in no export after it.
    for report in &reports {
        for lang in Lang::ALL {
            for (what, out) in [
                ("JSON", exported_json(report, lang)),
                ("Markdown", exported_markdown(report, lang)),
            ] {
                let lower = out.to_lowercase();
                for secret in SECRETS {
                    assert!(
                        !lower.contains(&secret.to_lowercase()),
                        "{secret} survives in the {what} export ({}):\n{out}",
                        lang.as_str()
                    );
                }
            }
        }
    }
}

#[test]
fn redacted_request_ids_stay_correlatable() {
    let report = redact(&report_of("android", "two-certificates-interleaved.log"));
    let ids: Vec<&str> = report.platforms[0]
        .certificates
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert!(!ids.is_empty());
    for id in &ids {
        assert!(id.starts_with("AC_<tenant-1>/LogicalName_"), "{id}");
        assert!(id.contains(";Hash="), "{id}");
    }
    // The same value gets the same placeholder in every field.
    let json = serde_json::to_string(&report).unwrap();
    assert!(json.contains("<host-1>"));
    assert!(!json.contains("<host-2>"), "one NDES host, one placeholder");
}

#[test]
fn cli_redacts_exports_unless_asked_not_to() {
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_scep-doctor"))
            .current_dir(root().join("tests/fixtures/android"))
            .args(args)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    for format in ["--json", "--markdown"] {
        assert!(!run(&[format, "getcacert-http-500.log"]).contains("51bad41f"));
        assert!(run(&[format, "--no-redact", "getcacert-http-500.log"]).contains("51bad41f"));
    }
}

/// Requester names, subjects, serials and thumbprints of the CA fixtures.
const CA_SECRETS: &[&str] = &[
    "svc-ndes",
    "NDES01$",
    "amy.jones",
    "jsmith",
    "Jones, Amy",
    "田中 太郎",
    "kwong",
    "3a000000179be40163789196d9000000000017",
    "45A0221D9526C06D5652B7303E52CADE4A4350E5",
];

#[test]
fn no_ca_identifier_survives_any_export() {
    let dir = root().join("tests/fixtures/ca");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| !n.ends_with(".expected.json") && !n.starts_with('.') && n != "README.md")
        .collect();
    names.sort();
    let reports: Vec<Report> = names.iter().map(|n| report_of("ca", n)).collect();
    let everything: String = reports
        .iter()
        .map(|r| serde_json::to_string(r).unwrap())
        .collect();
    for secret in CA_SECRETS {
        assert!(
            everything.contains(secret),
            "the CA fixtures never show {secret}: the test proves nothing about it"
        );
    }
    for report in &reports {
        for lang in Lang::ALL {
            for (what, out) in [
                ("JSON", exported_json(report, lang)),
                ("Markdown", exported_markdown(report, lang)),
            ] {
                for secret in CA_SECRETS {
                    assert!(
                        !out.to_lowercase().contains(&secret.to_lowercase()),
                        "{secret} survives in the {what} export ({}):\n{out}",
                        lang.as_str()
                    );
                }
            }
        }
    }
}
