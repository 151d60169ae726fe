//! Findings as data: what a signature means, why it matters and what to do,
//! following Microsoft's SCEP troubleshooting flow (which step, what to check
//! on NDES, the connector, the CA). Texts take `{name}` parameters; every row
//! has a fixture that fires it (see `tests/fixtures.rs`).

use std::collections::BTreeMap;

use crate::core::event::FindingRef;
use crate::core::lang::Lang;
use crate::core::model::{Severity, Step};
use crate::core::report::{Evidence, Finding};

pub struct Entry {
    pub code: &'static str,
    pub severity: Severity,
    pub step: Option<u8>,
    pub title: &'static str,
    pub explanation: &'static str,
    pub fix: &'static str,
}

/// A finding's texts in a language other than English (the English texts
/// live in the platform tables themselves).
pub struct Text {
    pub code: &'static str,
    pub title: &'static str,
    pub explanation: &'static str,
    pub fix: &'static str,
}

use super::{android, ca, ios, ndes, scep, store, windows};

/// Every platform's rows; codes are unique across all of them.
pub static TABLES: &[&[Entry]] = &[
    scep::findings::TABLE,
    android::findings::TABLE,
    ios::findings::TABLE,
    windows::findings::TABLE,
    ndes::findings::TABLE,
    ca::findings::TABLE,
    store::findings::TABLE,
];

/// Every platform's Japanese texts (`ja.rs` beside each table).
pub static JA_TABLES: &[&[Text]] = &[
    scep::ja::FINDINGS,
    android::ja::FINDINGS,
    ios::ja::FINDINGS,
    windows::ja::FINDINGS,
    ndes::ja::FINDINGS,
    ca::ja::FINDINGS,
    store::ja::FINDINGS,
];

/// The generic-server variants (English, Japanese): texts a finding renders
/// instead of its NDES wording when its params say the SCEP server is not
/// NDES (see [`scep::rules::server_kind`]). Same codes and placeholders.
pub static GENERIC_EN: &[&[Text]] = &[scep::findings::GENERIC, scep::generic::FINDINGS];
pub static GENERIC_JA: &[&[Text]] = &[scep::ja::GENERIC, scep::generic::FINDINGS_JA];

/// Whether a finding's params name a generic (non-NDES) SCEP server.
pub fn is_generic_server(params: &BTreeMap<String, String>) -> bool {
    params.get(scep::rules::SERVER_PARAM).map(String::as_str) == Some(scep::rules::SERVER_GENERIC)
}

/// The generic-server (title, explanation, fix) templates of `code` in
/// `lang`, when the code has them.
pub fn generic_texts(lang: Lang, code: &str) -> Option<(&'static str, &'static str, &'static str)> {
    let tables = match lang {
        Lang::En => GENERIC_EN,
        Lang::Ja => GENERIC_JA,
    };
    (tables.iter().flat_map(|t| t.iter()))
        .find(|t| t.code == code)
        .map(|t| (t.title, t.explanation, t.fix))
}

/// All rows, in table order.
pub fn entries() -> impl Iterator<Item = &'static Entry> {
    TABLES.iter().flat_map(|t| t.iter())
}

pub fn lookup(code: &str) -> Option<&'static Entry> {
    entries().find(|e| e.code == code)
}

/// The (title, explanation, fix) templates of `code` in `lang`.
pub fn texts(lang: Lang, code: &str) -> Option<(&'static str, &'static str, &'static str)> {
    match lang {
        Lang::En => lookup(code).map(|e| (e.title, e.explanation, e.fix)),
        Lang::Ja => (JA_TABLES.iter().flat_map(|t| t.iter()))
            .find(|t| t.code == code)
            .map(|t| (t.title, t.explanation, t.fix)),
    }
}

/// Turns a reference into a finding: its code, severity, step, params and
/// evidence. Its texts hold the code until [`crate::text`] renders them in
/// the report's language; an unknown code (a bug) keeps it as its title.
pub fn finding(r: &FindingRef, evidence: Vec<Evidence>) -> Finding {
    let params = params(r);
    match lookup(r.code) {
        Some(e) => Finding {
            severity: e.severity,
            code: e.code.to_string(),
            step: e.step.map(Step),
            title: e.code.to_string(),
            explanation: String::new(),
            fix: String::new(),
            params,
            evidence,
        },
        None => Finding {
            severity: Severity::Warning,
            code: r.code.to_string(),
            step: None,
            title: r.code.to_string(),
            explanation: String::new(),
            fix: String::new(),
            params,
            evidence,
        },
    }
}

/// A reference's parameter values, each cut to [`crate::core::caps::MAX_TEXT`].
pub fn params(r: &FindingRef) -> BTreeMap<String, String> {
    r.params
        .iter()
        .map(|(k, v)| (k.to_string(), crate::core::caps::text(v)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_texts_present() {
        let all: Vec<_> = entries().collect();
        for (i, e) in all.iter().enumerate() {
            assert!(
                all[..i].iter().all(|o| o.code != e.code),
                "duplicate {}",
                e.code
            );
            assert!(
                !e.title.is_empty() && !e.explanation.is_empty() && !e.fix.is_empty(),
                "{}",
                e.code
            );
        }
    }

    /// Every code of every table has its texts in every language, with the
    /// same placeholders as the English row.
    #[test]
    fn every_finding_is_translated() {
        let placeholders = |s: &str| -> std::collections::BTreeSet<String> {
            (crate::text::template::placeholders(s).into_iter())
                .map(String::from)
                .collect()
        };
        let mut missing = Vec::new();
        for e in entries() {
            let en = format!("{}{}{}", e.title, e.explanation, e.fix);
            for lang in Lang::ALL {
                match texts(lang, e.code) {
                    Some((t, x, f)) if !t.is_empty() && !x.is_empty() && !f.is_empty() => {
                        assert_eq!(
                            placeholders(&format!("{t}{x}{f}")),
                            placeholders(&en),
                            "{} in {}: placeholders differ",
                            e.code,
                            lang.as_str()
                        );
                    }
                    _ => missing.push(format!("{} ({})", e.code, lang.as_str())),
                }
            }
        }
        assert!(missing.is_empty(), "untranslated findings: {missing:?}");
        // Every generic variant has its code in `TABLE`, both languages and
        // the placeholders of the English row.
        for t in GENERIC_EN.iter().chain(GENERIC_JA).flat_map(|t| t.iter()) {
            let e = lookup(t.code)
                .unwrap_or_else(|| panic!("generic text for unknown code {}", t.code));
            let en = format!("{}{}{}", e.title, e.explanation, e.fix);
            for lang in Lang::ALL {
                let Some((g, x, f)) = generic_texts(lang, t.code) else {
                    panic!("{} has no generic text in {}", t.code, lang.as_str());
                };
                assert!(
                    !g.is_empty() && !x.is_empty() && !f.is_empty(),
                    "{}",
                    t.code
                );
                assert_eq!(
                    placeholders(&format!("{g}{x}{f}")),
                    placeholders(&en),
                    "{} generic in {}: placeholders differ",
                    t.code,
                    lang.as_str()
                );
                assert!(
                    !format!("{g}{x}{f}").contains("NDES"),
                    "{} generic names NDES",
                    t.code
                );
            }
        }
        for t in JA_TABLES.iter().flat_map(|t| t.iter()) {
            assert!(
                lookup(t.code).is_some(),
                "ja text for unknown code {}",
                t.code
            );
        }
    }
}
