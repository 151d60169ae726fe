//! The lines a report shows as errors, for the page's error navigation
//! ("next error", `n`/`p`): every failed timeline row and every piece of
//! evidence of an error finding, of every certificate, each line once, in
//! source and line order.

use std::collections::BTreeSet;

use crate::core::model::Severity;
use crate::core::report::{Evidence, Report};

/// The `outcome` of a timeline row that failed.
const FAILED: &str = "failed";

/// Every line of `report` that shows an error, once, sorted by source then
/// line.
pub fn error_lines(report: &Report) -> Vec<Evidence> {
    let mut lines = BTreeSet::new();
    for certificate in report.platforms.iter().flat_map(|p| &p.certificates) {
        for row in &certificate.timeline {
            if row.outcome == FAILED {
                lines.insert(Evidence {
                    source: row.source,
                    line: row.line,
                });
            }
        }
        for finding in &certificate.findings {
            if finding.severity == Severity::Error {
                lines.extend(finding.evidence.iter().copied());
            }
        }
    }
    lines.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::report::{Certificate, Finding, PlatformReport, TimelineEntry};

    fn row(outcome: &str, source: usize, line: usize) -> TimelineEntry {
        serde_json::from_value(serde_json::json!({
            "time": null, "time_basis": null, "stage": null, "step": 5,
            "outcome": outcome, "what": "", "source": source, "line": line,
        }))
        .unwrap()
    }

    fn finding(severity: &str, evidence: &[(usize, usize)]) -> Finding {
        serde_json::from_value(serde_json::json!({
            "severity": severity, "code": "x", "step": null,
            "title": "", "explanation": "", "fix": "",
            "evidence": evidence.iter().map(|(s, l)| serde_json::json!({"source": s, "line": l})).collect::<Vec<_>>(),
        }))
        .unwrap()
    }

    fn certificate(timeline: Vec<TimelineEntry>, findings: Vec<Finding>) -> Certificate {
        let mut c: Certificate = serde_json::from_value(serde_json::json!({
            "kind": "scep", "id": "", "stage": null, "verdict": "failed",
            "failed_step": null, "timeline": [], "findings": [],
        }))
        .unwrap();
        c.timeline = timeline;
        c.findings = findings;
        c
    }

    #[test]
    fn failed_rows_and_error_evidence_once_in_order() {
        let mut platform: PlatformReport = serde_json::from_value(serde_json::json!({
            "platform": "android", "verdict": "failed", "certificates": [], "findings": [],
        }))
        .unwrap();
        platform.certificates = vec![
            certificate(
                vec![
                    row("progress", 0, 1),
                    row("failed", 1, 9),
                    row("failed", 0, 7),
                ],
                vec![
                    finding("error", &[(0, 7), (0, 3)]),
                    finding("warning", &[(0, 2)]),
                ],
            ),
            certificate(
                vec![row("failed", 0, 12)],
                vec![finding("error", &[(1, 9)])],
            ),
        ];
        // Platform-wide findings carry no line to go to.
        platform.findings = vec![finding("error", &[(0, 1)])];
        let report = Report {
            schema: String::new(),
            sources: Vec::new(),
            platforms: vec![platform],
            device_utc_offset: None,
        };
        let got: Vec<(usize, usize)> = error_lines(&report)
            .iter()
            .map(|e| (e.source, e.line))
            .collect();
        assert_eq!(got, [(0, 3), (0, 7), (0, 12), (1, 9)]);
    }

    #[test]
    fn a_report_without_errors_has_none() {
        let report = Report {
            schema: String::new(),
            sources: Vec::new(),
            platforms: Vec::new(),
            device_utc_offset: None,
        };
        assert!(error_lines(&report).is_empty());
    }
}
