//! One folder per source of evidence. Each holds its log formats (one file
//! each, with real sample lines), its rules with the timeline line each one
//! writes, and its findings; [`scep`] holds what every platform shares.
//!
//! This module gathers them: the format registry ([`FORMATS`], in detection
//! priority order), every finding ([`findings`]) and every timeline line
//! ([`lines`]).

pub mod android;
pub mod ca;
pub mod codes;
pub mod findings;
pub mod ios;
pub mod lines;
pub mod ndes;
pub mod scep;
pub mod store;
pub mod windows;

use crate::parse::format::{self, Format};

/// Every format SCEP Doctor reads, in detection priority order.
pub static FORMATS: &[Format] = &[
    android::omadm::FORMAT,
    android::cloud_extension::FORMAT,
    ios::console::FORMAT,
    windows::FORMAT,
    windows::registry::FORMAT,
    ios::log_json::FORMAT,
    ndes::iis::FORMAT,
    // Before the CA's formats: a store listing shares some of `certutil
    // -view`'s labels (Serial Number, NotBefore, NotAfter).
    store::certutil::FORMAT,
    ca::table::FORMAT,
    ca::view::FORMAT,
    ca::events::FORMAT,
    ndes::event_text::FORMAT,
    ndes::legacy::FORMAT,
    store::powershell::FORMAT,
    store::file::FORMAT,
];

/// The format of [`FORMATS`] whose prefixes and signatures best explain the
/// lines ([`format::detect`]).
pub fn detect(lines: &[&str]) -> Option<&'static Format> {
    format::detect(FORMATS, lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Detection's one automaton over every format's needles says what
    /// each format's own needle search says, on every fixture line.
    #[test]
    fn one_search_for_every_format_agrees_with_each_formats_needles() {
        assert!(crate::core::testing::fixture_files().len() > 100);
        let mut lines: Vec<String> = FORMATS
            .iter()
            .flat_map(|f| f.samples.iter().map(|s| s.to_string()))
            .collect();
        lines.extend(["".into(), "\u{0}".into(), "日本語 SCEP".into()]);
        lines.extend(crate::core::testing::fixture_lines());
        for line in &lines {
            let each: Vec<bool> = FORMATS.iter().map(|f| (f.rules)().mentions(line)).collect();
            assert_eq!(
                crate::parse::format::mentioned(FORMATS, line),
                Some(each),
                "{line}"
            );
        }
    }

    /// The skip loop WebAssembly searches needles with finds them on the
    /// same lines as the regex crate's search, for every format's table, on
    /// every fixture whole and on fixtures glued end to end.
    #[test]
    fn the_skip_search_finds_needles_on_the_same_lines_as_the_regex() {
        let texts: Vec<String> = crate::core::testing::fixture_files()
            .iter()
            .filter_map(|path| std::fs::read(path).ok())
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .collect();
        let glued: Vec<String> = texts.windows(3).map(|w| w.concat()).collect();
        let mut tables: Vec<*const crate::parse::rules::RuleSet> = Vec::new();
        for format in FORMATS {
            let rules = (format.rules)();
            if tables.contains(&(rules as *const _)) || rules.rules().is_empty() {
                continue;
            }
            tables.push(rules as *const _);
            for text in texts.iter().chain(&glued) {
                let (regex, skip) = rules.lines_found_both_ways(text);
                assert_eq!(
                    regex,
                    skip,
                    "{}: {}",
                    format.id,
                    &text[..text.len().min(200)]
                );
            }
        }
        assert!(tables.len() >= 6);
    }

    /// A fallback's pattern run only on the lines where WebAssembly's
    /// search finds one of its literals matches where it matches run on the
    /// whole text: every fixture, every fixture line, and random texts of
    /// the literals' pieces in mixed case, with `ſ`, `K`, word characters
    /// and line ends between them.
    #[test]
    fn a_fallbacks_literals_find_every_match_of_its_pattern() {
        let mut texts: Vec<String> = crate::core::testing::fixture_files()
            .iter()
            .filter_map(|path| std::fs::read(path).ok())
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .collect();
        texts.extend(crate::core::testing::fixture_lines());
        let pieces = [
            "sc",
            "ep",
            "SCEP",
            "get",
            "ca",
            "cert",
            "caps",
            "next",
            "pki",
            "operation",
            "csr",
            "CSR",
            "certificate",
            "\u{17F}",
            "\u{212A}",
            "K",
            "_",
            " ",
            "\n",
            "\r\n",
            "é",
            "x",
        ];
        let mut next = crate::core::testing::numbers(31);
        for _ in 0..3_000 {
            let text: String = (0..next() % 20)
                .map(|_| {
                    let piece = pieces[next() % pieces.len()];
                    match next() % 3 {
                        0 => piece.to_uppercase(),
                        _ => piece.to_string(),
                    }
                })
                .collect();
            texts.push(text);
        }
        let mut fallbacks = 0;
        for format in FORMATS {
            let Some(fallback) = (format.rules)().fallback() else {
                continue;
            };
            fallbacks += 1;
            crate::parse::rules::check_fallback_both_ways(fallback, &texts);
        }
        assert!(fallbacks >= 1);
    }

    #[test]
    fn every_sample_line_is_detected_as_its_format() {
        for format in FORMATS {
            assert!(!format.samples.is_empty(), "{} has no samples", format.id);
            for sample in format.samples {
                let detected = detect(&[sample]).map(|f| f.id);
                assert_eq!(detected, Some(format.id), "sample: {sample}");
            }
        }
    }

    #[test]
    fn every_rule_table_compiles() {
        for format in FORMATS {
            crate::parse::rules::check_table((format.rules)().rules());
        }
    }

    #[test]
    fn every_fallback_compiles() {
        for format in FORMATS {
            if let Some(f) = (format.rules)().fallback() {
                assert!(regex::Regex::new(f.pattern).is_ok(), "{}", f.name);
                assert!(!f.processes.is_empty(), "{}", f.name);
            }
        }
    }

    #[test]
    fn noise_is_no_format() {
        assert!(detect(&["hello world", "GET / HTTP/1.1", ""]).is_none());
        assert!(detect(&[]).is_none());
    }
}
