//! `scep-doctor explain CODE…`: the binary run as an admin runs it, on codes
//! in every written form, in both languages, with its exit status.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_scep-doctor"))
        .arg("explain")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Written in a scope of its own: standard input closes at its end.
    {
        let mut input = child.stdin.take().unwrap();
        input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn every_written_form_is_explained_and_exits_0() {
    let out = run(
        &[
            "0x80072EFD",
            "80092013",
            "-2016281112",
            "2148073486",
            "12029",
            "Error Domain=MCSCEPErrorDomain Code=22013 \"The SCEP server returned an invalid response.\"",
            "-67843",
            "[Info] SCEP: Certificate enroll failed. Result: (The revocation function was unable to check revocation because the revocation server was offline.).",
        ],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    for want in [
        "0x80072EFD (-2147012867)  ERROR_WINHTTP_CANNOT_CONNECT",
        "0x80092013 (-2146885613)  CRYPT_E_REVOCATION_OFFLINE",
        "0x87D1FDE8 (-2016281112)",
        "0x8009000E",
        "MCSCEPErrorDomain 22013",
        "OSStatus -67843  errSecNotTrusted",
        "Family: a WinHTTP error",
        "Step: 5 Delivered to device",
    ] {
        assert!(text.contains(want), "{want} missing in:\n{text}");
    }
    // 2148073486 = 0x8009000E: no row, but the family of key provider errors.
    assert!(text.contains("a key provider error"), "{text}");
}

#[test]
fn japanese_with_lang_ja_anywhere() {
    for args in [
        &["--lang", "ja", "0x80094012"][..],
        &["0x80094012", "--lang=ja"][..],
    ] {
        let out = run(args, None);
        assert_eq!(out.status.code(), Some(0));
        let text = stdout(&out);
        assert!(text.contains("CERTSRV_E_TEMPLATE_DENIED"), "{text}");
        assert!(
            text.contains("対処: ") && text.contains("証明機関のポリシーによる拒否"),
            "{text}"
        );
    }
}

#[test]
fn an_unreadable_code_exits_2_and_says_so() {
    let out = run(&["0x80072EE7", "not-a-code"], None);
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    assert!(text.contains("ERROR_WINHTTP_NAME_NOT_RESOLVED"), "{text}");
    assert!(
        text.contains("No code could be read in: not-a-code"),
        "{text}"
    );
}

#[test]
fn standard_input_is_one_code_a_line() {
    let out = run(&[], Some("LogError 0x80190194\n\nHRESULT: 0x800b0109\n"));
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.contains("HTTP_E_STATUS_NOT_FOUND") && text.contains("404 Not Found"),
        "{text}"
    );
    assert!(text.contains("CERT_E_UNTRUSTEDROOT"), "{text}");
}
