//! What the unit tests of several modules share: seeded numbers for the
//! logs they generate, and the fixture files (and lines) they read.

use std::path::{Path, PathBuf};

/// A deterministic stream of numbers (a linear congruential generator): the
/// generated logs are the same on every run.
pub fn numbers(seed: u64) -> impl FnMut() -> usize {
    let mut state = seed;
    move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize
    }
}

/// Every file under `tests/fixtures`, any platform, in path order.
pub fn fixture_files() -> Vec<PathBuf> {
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")];
    let mut files = Vec::new();
    while let Some(dir) = dirs.pop() {
        for path in std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
        {
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Every line of every fixture file (read lossily as UTF-8), any platform:
/// for tests that a quick check never answers otherwise than the full one.
pub fn fixture_lines() -> Vec<String> {
    fixture_files()
        .iter()
        .filter_map(|path| std::fs::read(path).ok())
        .flat_map(|bytes| {
            String::from_utf8_lossy(&bytes)
                .lines()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}
