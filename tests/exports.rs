//! What leaves SCEP Doctor to be shared: the Markdown summary (compared with
//! committed files under `tests/markdown/`) and the JSON document.
//!
//! `UPDATE_EXPECT=1 cargo test --test exports` rewrites the expected Markdown.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use scep_doctor::i18n::Lang;
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

/// The Markdown the CLI (`--markdown`) and the page ("Copy as Markdown") export.
fn exported_markdown(report: &Report, lang: Lang) -> String {
    render::markdown_in(report, lang)
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
