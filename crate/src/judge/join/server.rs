//! The NDES server's view of a request joined to the device's card (issue
//! #16) by what both name (`server-ca-store.md` §4, reliability A):
//! - the SCEP transaction id: the device logs the PKIOperation message it
//!   sends (iOS GET, `log show`), the server's IIS log holds that GET and
//!   the message is decoded;
//! - the certificate's SHA-1 thumbprint: the connector's 4006 names the
//!   certificate the CA issued; Windows event 309 and the registry export
//!   the one the device installed, a store listing or file the one it
//!   holds.
//!
//! The device's card then cites the server's lines for the same request
//! (steps 2–4 and 6 as NDES saw them) and carries the server's findings, so
//! a device that only heard "HTTP 500" shows the server's reason. No clock
//! is compared: the id is the key.

use std::collections::BTreeMap;

use crate::core::model::{Platform, Step, Verdict};
use crate::core::report::{Certificate, Finding, Report, TimelineEntry};

/// The profile keys both sides write: a decoded SCEP message's transaction
/// id, the issued and installed certificate's thumbprint.
const KEYS: &[&str] = &["scep_transaction_id", "thumbprint"];

/// One server story: its lines and findings, by key.
struct Seen {
    lines: Vec<TimelineEntry>,
    findings: Vec<Finding>,
    failed: bool,
}

/// Joins every NDES story to the device cards of the same transaction.
pub fn join(report: &mut Report) {
    let mut seen: BTreeMap<(&str, String), Seen> = BTreeMap::new();
    for card in report
        .platforms
        .iter()
        .filter(|p| p.platform == Platform::Ndes)
        .flat_map(|p| &p.certificates)
    {
        for key in keys(card) {
            let entry = seen.entry(key).or_insert_with(|| Seen {
                lines: Vec::new(),
                findings: Vec::new(),
                failed: false,
            });
            entry.lines.extend(card.timeline.iter().cloned());
            entry.findings.extend(card.findings.iter().cloned());
            entry.failed |= card.verdict == Verdict::Failed;
        }
    }
    if seen.is_empty() {
        return;
    }
    for platform in &mut report.platforms {
        if !matches!(
            platform.platform,
            Platform::Android | Platform::Ios | Platform::Windows | Platform::Store
        ) {
            continue;
        }
        for card in &mut platform.certificates {
            for key in keys(card) {
                if let Some(server) = seen.get(&key) {
                    cite(card, &server.lines, &server.findings, server.failed);
                }
            }
        }
    }
}

/// The device's card cites the server's lines for its request and, when
/// both failed, carries the server's findings first: the server's reason is
/// the cause of what the device heard. A card that did not fail carries
/// the server's step-6 findings (delivered, not reported to Intune).
pub(super) fn cite(
    card: &mut Certificate,
    lines: &[TimelineEntry],
    findings: &[Finding],
    server_failed: bool,
) {
    for line in lines {
        if !card
            .timeline
            .iter()
            .any(|t| t.source == line.source && t.line == line.line)
        {
            card.timeline.push(line.clone());
        }
    }
    if card.verdict == Verdict::Failed && server_failed {
        super::findings_first(card, findings);
    } else if server_failed {
        // Delivered but not reported: the device has its certificate and
        // the server failed only at telling Intune, which is why Intune
        // may show the profile as failed or pending.
        let reporting: Vec<Finding> = findings
            .iter()
            .filter(|f| f.step == Some(Step(6)))
            .cloned()
            .collect();
        super::findings_first(card, &reporting);
    }
}

/// The keys a card names: (profile key, value upper case without spaces).
fn keys(card: &Certificate) -> Vec<(&'static str, String)> {
    KEYS.iter()
        .filter_map(|&key| {
            let value: String = card
                .profile
                .get(key)?
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_uppercase();
            (!value.is_empty()).then_some((key, value))
        })
        .collect()
}
