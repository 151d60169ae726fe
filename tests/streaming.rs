//! Streaming gives the same report as whole input: every fixture fed in
//! 1-byte, 7-byte and 64 KiB chunks (and split across two inputs' worth of
//! `begin` calls) must equal `analyze` over the whole file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use scep_doctor::{analyze, stream::Analysis, Input};

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    let mut out = Vec::new();
    for platform in std::fs::read_dir(dir).unwrap() {
        let platform = platform.unwrap().path();
        if !platform.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&platform).unwrap() {
            let file = file.unwrap().path();
            let name = file.file_name().unwrap().to_string_lossy().to_string();
            if file.is_file() && !name.ends_with(".json") && !name.ends_with(".md") {
                out.push(file);
            }
        }
    }
    out.sort();
    out
}

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
    for fixture in fixtures() {
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
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/android");
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
