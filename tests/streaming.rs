//! Streaming gives the same report as whole input: every fixture fed in
//! 1-byte, 7-byte and 64 KiB chunks (and split across two inputs' worth of
//! `begin` calls) must equal `analyze` over the whole file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use scep_doctor::{analyze, stream::Analysis, Input};

fn fed_in_chunks(name: &str, bytes: &[u8], chunk: usize) -> scep_doctor::report::Report {
    let mut analysis = Analysis::new();
    analysis.begin(name);
    for piece in bytes.chunks(chunk) {
        analysis.feed(piece);
    }
    analysis.finish()
}

#[test]
fn every_fixture_gives_the_same_report_in_any_chunks() {
    for fixture in common::input_fixtures() {
        let bytes = std::fs::read(&fixture).unwrap();
        let name = fixture.file_name().unwrap().to_string_lossy().to_string();
        let whole = analyze(&[Input {
            name: &name,
            bytes: &bytes,
        }]);
        // One-byte feeding of the multi-megabyte noise fixtures proves nothing
        // the small ones don't, at a thousand times the cost.
        let sizes: &[usize] = if bytes.len() <= 1 << 20 {
            &[1, 7, 64 << 10]
        } else {
            &[7, 64 << 10]
        };
        for &chunk in sizes {
            let streamed = fed_in_chunks(&name, &bytes, chunk);
            assert!(
                streamed == whole,
                "{} fed in {chunk}-byte chunks differs from whole input",
                fixture.display()
            );
        }
    }
}

#[test]
fn several_inputs_stream_one_after_another() {
    let dir = common::fixtures_dir().join("android");
    let a = std::fs::read(dir.join("root-only.log")).unwrap();
    let b = std::fs::read(dir.join("full-success.log")).unwrap();
    let whole = analyze(&[
        Input {
            name: "a.log",
            bytes: &a,
        },
        Input {
            name: "b.log",
            bytes: &b,
        },
    ]);
    let mut analysis = Analysis::new();
    for (name, bytes) in [("a.log", &a), ("b.log", &b)] {
        analysis.begin(name);
        for piece in bytes.chunks(4096) {
            analysis.feed(piece);
        }
    }
    assert!(analysis.finish() == whole);
}

/// A `.evtx` file's cited lines come with the report, fed in pieces or read
/// where it lies, each its record's Event XML as the raw view shows it: the
/// page cannot show a big file's records otherwise.
#[cfg(feature = "evtx")]
#[test]
fn an_evtx_files_cited_records_come_with_the_report() {
    let mut files: Vec<_> = common::input_fixtures()
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "evtx"))
        .collect();
    files.push(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../shared/real-samples/connector-admin-revoke-failures.evtx"),
    );
    assert!(files.len() >= 4, "{files:?}");
    let mut shown = 0;
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        let raw = scep_doctor::platforms::windows::evtx_text(&bytes);
        let raw: Vec<&str> = raw.lines().collect();
        for in_place in [false, true] {
            let mut analysis = Analysis::new();
            analysis.keep_record_texts();
            analysis.begin("log.evtx");
            if in_place {
                analysis.read_evtx(std::io::Cursor::new(&bytes));
            } else {
                for piece in bytes.chunks(64 << 10) {
                    analysis.feed(piece);
                }
            }
            let done = analysis.finish_with_lines();
            let wanted = done.report.cited();
            let given: std::collections::BTreeSet<_> =
                done.lines.iter().map(|l| (l.source, l.line)).collect();
            assert_eq!(given, wanted, "{}", file.display());
            for line in &done.lines {
                assert_eq!(
                    line.text,
                    raw[line.line - 1],
                    "{} line {}",
                    file.display(),
                    line.line
                );
            }
            shown += done.lines.len();
        }
    }
    assert!(shown > 0, "no record was cited");
}
