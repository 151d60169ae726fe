//! Findings as data: what a signature means, why it matters and what to do,
//! following Microsoft's SCEP troubleshooting flow (which step, what to check
//! on NDES, the connector, the CA). Texts take `{name}` parameters; every row
//! has a fixture that fires it (see `tests/fixtures.rs`).

use std::collections::BTreeMap;

use crate::core::event::FindingRef;
use crate::core::model::{Severity, Step};
use crate::core::report::{Evidence, Finding};
use crate::text::i18n::{self, Lang};

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

mod ja;

use super::{android, ios, scep, windows};

/// Every platform's rows; codes are unique across all of them.
pub static TABLES: &[&[Entry]] = &[
    scep::findings::TABLE,
    android::findings::TABLE,
    ios::findings::TABLE,
    windows::findings::TABLE,
];

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
        Lang::Ja => ja::TABLE
            .iter()
            .find(|t| t.code == code)
            .map(|t| (t.title, t.explanation, t.fix)),
    }
}

/// Fills `{name}` placeholders; unknown names stay as written.
fn fill<S: AsRef<str>>(template: &str, params: &[(&str, S)]) -> String {
    let mut out = template.to_string();
    for (name, value) in params {
        let value = value.as_ref();
        let shown = if value.is_empty() { "—" } else { value };
        out = out.replace(&format!("{{{name}}}"), shown);
    }
    out
}

/// Turns a reference into a finding with its texts. Unknown codes (a bug)
/// still produce a finding that says what it is.
pub fn finding(r: &FindingRef, evidence: Vec<Evidence>) -> Finding {
    finding_in(Lang::En, r, evidence)
}

/// A reference's parameter values, each cut to [`crate::core::caps::MAX_TEXT`].
pub fn params(r: &FindingRef) -> BTreeMap<String, String> {
    r.params
        .iter()
        .map(|(k, v)| (k.to_string(), crate::core::caps::text(v)))
        .collect()
}

/// [`finding`] with its texts in `lang`.
pub fn finding_in(lang: Lang, r: &FindingRef, evidence: Vec<Evidence>) -> Finding {
    let params = params(r);
    match lookup(r.code) {
        Some(e) => {
            let mut f = Finding {
                severity: e.severity,
                code: e.code.to_string(),
                step: e.step.map(Step),
                title: String::new(),
                explanation: String::new(),
                fix: String::new(),
                params,
                evidence,
            };
            fill_texts(&mut f, lang);
            f
        }
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

/// Fills a finding's texts in `lang` from its code and params.
fn fill_texts(f: &mut Finding, lang: Lang) {
    let Some((title, explanation, fix)) = texts(lang, &f.code).or_else(|| texts(Lang::En, &f.code))
    else {
        return;
    };
    let params: Vec<(&str, String)> = f
        .params
        .iter()
        .map(|(k, v)| (k.as_str(), i18n::param_value(lang, k, v)))
        .collect();
    f.title = fill(title, &params);
    f.explanation = fill(explanation, &params);
    f.fix = fill(fix, &params);
}

/// The same finding with its texts re-rendered in `lang` from its code and
/// params (unknown codes stay as they are).
pub fn relocalize(f: &Finding, lang: Lang) -> Finding {
    let mut out = f.clone();
    fill_texts(&mut out, lang);
    out
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
            let mut out = std::collections::BTreeSet::new();
            let mut rest = s;
            while let Some(i) = rest.find('{') {
                rest = &rest[i + 1..];
                if let Some(j) = rest.find('}') {
                    out.insert(rest[..j].to_string());
                    rest = &rest[j + 1..];
                }
            }
            out
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
        for t in ja::TABLE {
            assert!(
                lookup(t.code).is_some(),
                "ja text for unknown code {}",
                t.code
            );
        }
    }

    #[test]
    fn findings_render_in_japanese_from_code_and_params() {
        let r = FindingRef::new("scep.http-500")
            .param("operation", "GetCACert")
            .param("url", "https://ndes/certsrv/mscep/mscep.dll");
        let en = finding(&r, vec![]);
        let ja = relocalize(&en, Lang::Ja);
        assert_eq!(
            ja.title,
            "NDES が GetCACert に HTTP 500 Internal Server Error を返しました"
        );
        assert_eq!(relocalize(&ja, Lang::En), en);
        assert_eq!(finding_in(Lang::Ja, &r, vec![]), ja);
    }

    #[test]
    fn placeholders_are_filled() {
        let r = FindingRef::new("scep.http-error")
            .param("operation", "GetCACert")
            .param("status", "418")
            .param("reason", "")
            .param("url", "u");
        let f = finding(&r, vec![]);
        assert_eq!(f.title, "NDES answered GetCACert with HTTP 418 —");
        assert!(!f.explanation.contains('{'));
    }
}
