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
