//! `.evtx` files written by `evtx_writer` (the documented binary format,
//! checksums included) read through `analyze` like a saved Admin log.

mod dmedp_logs;
mod evtx_writer;

use dmedp_logs::{success, thumbprint_mismatch, DMEDP, UID, URL};
use evtx_writer::crc32;
use scep_doctor::model::Verdict;
use scep_doctor::{analyze, Input};

#[test]
fn crc32_is_the_ieee_one() {
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    assert_eq!(crc32(b""), 0);
}

/// The `evtx` crate, checking every checksum, reads what the writer wrote.
#[test]
fn written_files_pass_the_evtx_crate_with_checksums() {
    for (bytes, ids) in [
        (success(), vec![306, 36, 39, 309, 256]),
        (thumbprint_mismatch(), vec![306, 36, 307, 32]),
    ] {
        let settings = evtx::ParserSettings::new()
            .num_threads(1)
            .validate_checksums(true);
        let mut parser = evtx::EvtxParser::from_buffer(bytes.clone())
            .map(|p| p.with_configuration(settings))
            .unwrap_or_else(|e| panic!("header rejected: {e}"));
        let mut read = Vec::new();
        for record in parser.records() {
            let record = record.unwrap_or_else(|e| panic!("record rejected: {e}"));
            assert!(record.data.contains(DMEDP), "{}", record.data);
            read.push(record.data);
        }
        assert_eq!(read.len(), ids.len());
        let events = scep_doctor::platforms::windows::read_evtx(&bytes);
        assert!(events.problems.is_empty());
        let got: Vec<u32> = events.events.iter().filter_map(|e| e.id).collect();
        assert_eq!(got, ids);
        assert_eq!(events.events[0].inserts[0], UID);
    }
}

#[test]
fn written_success_chain_is_delivered() {
    let bytes = success();
    let report = analyze(&[Input {
        name: "DeviceManagement-Enterprise-Diagnostics-Provider-Admin.evtx",
        bytes: &bytes,
    }]);
    assert_eq!(report.sources[0].format, "windows-evtx");
    assert_eq!(report.sources[0].recognized, 5);
    let windows = &report.platforms[0];
    assert_eq!(windows.certificates.len(), 1, "{:#?}", windows.certificates);
    let cert = &windows.certificates[0];
    assert_eq!(cert.verdict, Verdict::Delivered, "{cert:#?}");
    assert_eq!(cert.failed_step, None);
    assert_eq!(cert.profile.get("ndes_url").map(String::as_str), Some(URL));
}

#[test]
fn written_thumbprint_mismatch_fails_at_step_2() {
    let bytes = thumbprint_mismatch();
    let report = analyze(&[Input {
        name: "Admin.evtx",
        bytes: &bytes,
    }]);
    let windows = &report.platforms[0];
    assert_eq!(windows.certificates.len(), 1, "{:#?}", windows.certificates);
    let cert = &windows.certificates[0];
    assert_eq!(cert.verdict, Verdict::Failed);
    assert_eq!(cert.failed_step.map(|s| s.0), Some(2), "{cert:#?}");
    assert!(
        cert.findings
            .iter()
            .any(|f| f.code == "windows.ca-thumbprint-mismatch"
                && f.params.get("code").map(String::as_str) == Some("0x80091007")),
        "{:#?}",
        cert.findings
    );
}

/// The raw view of an `.evtx` source: line N is record N's Event XML, the
/// record the report cites as line N.
#[test]
fn raw_text_puts_each_record_on_the_line_the_report_cites() {
    let bytes = thumbprint_mismatch();
    let report = analyze(&[Input {
        name: "Admin.evtx",
        bytes: &bytes,
    }]);
    let text = scep_doctor::platforms::windows::evtx_text(&bytes);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), report.sources[0].lines);
    let events = scep_doctor::platforms::windows::read_evtx(&bytes).events;
    let cert = &report.platforms[0].certificates[0];
    assert!(!cert.timeline.is_empty());
    for row in &cert.timeline {
        let line = lines[row.line - 1];
        let id = events
            .iter()
            .find(|e| e.line + 1 == row.line)
            .and_then(|e| e.id);
        let id = id.unwrap_or_else(|| panic!("no record at line {}", row.line));
        assert!(line.contains(&format!(">{id}</EventID>")), "{line}");
    }
}
