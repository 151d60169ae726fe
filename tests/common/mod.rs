//! Helpers shared by the native test binaries (`mod common;`).
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::path::{Path, PathBuf};

/// `tests/fixtures/`: one folder per platform (and `archives/`, `join/`).
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

/// Every input fixture, sorted: each file of a platform folder except its
/// expected reports (`*.expected.json`), its notes (`*.md`) and hidden files.
pub fn input_fixtures() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for platform in std::fs::read_dir(fixtures_dir()).unwrap() {
        let platform = platform.unwrap().path();
        if !platform.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&platform).unwrap() {
            let file = file.unwrap().path();
            let name = file.file_name().unwrap().to_string_lossy().to_string();
            if file.is_file()
                && !name.ends_with(".expected.json")
                && !name.ends_with(".md")
                && !name.starts_with('.')
            {
                out.push(file);
            }
        }
    }
    out.sort();
    out
}
