//! Findings as data: what a signature means, why it matters and what to do,
//! following Microsoft's SCEP troubleshooting flow (which step, what to check
//! on NDES, the connector, the CA). Texts take `{name}` parameters; every row
//! has a fixture that fires it (see `tests/fixtures.rs`).

use std::collections::BTreeMap;

use crate::event::FindingRef;
use crate::model::{Severity, Step};
use crate::report::{Evidence, Finding};

pub struct Entry {
    pub code: &'static str,
    pub severity: Severity,
    pub step: Option<u8>,
    pub title: &'static str,
    pub explanation: &'static str,
    pub fix: &'static str,
}

mod android;
mod ios;
mod scep;
mod windows;

/// Every platform's rows; codes are unique across all of them.
pub static TABLES: &[&[Entry]] = &[scep::TABLE, android::TABLE, ios::TABLE, windows::TABLE];

/// All rows, in table order.
pub fn entries() -> impl Iterator<Item = &'static Entry> {
    TABLES.iter().flat_map(|t| t.iter())
}

pub fn lookup(code: &str) -> Option<&'static Entry> {
    entries().find(|e| e.code == code)
}

/// Fills `{name}` placeholders; unknown names stay as written.
fn fill(template: &str, params: &[(&str, String)]) -> String {
    let mut out = template.to_string();
    for (name, value) in params {
        let shown = if value.is_empty() {
            "—"
        } else {
            value.as_str()
        };
        out = out.replace(&format!("{{{name}}}"), shown);
    }
    out
}

/// Turns a reference into a finding with its texts. Unknown codes (a bug)
/// still produce a finding that says what it is.
pub fn finding(r: &FindingRef, evidence: Vec<Evidence>) -> Finding {
    let params: BTreeMap<String, String> = r
        .params
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    match lookup(r.code) {
        Some(e) => Finding {
            severity: e.severity,
            code: e.code.to_string(),
            step: e.step.map(Step),
            title: fill(e.title, &r.params),
            explanation: fill(e.explanation, &r.params),
            fix: fill(e.fix, &r.params),
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
