//! The NDES server's view of a request joined to the device's card (issue
//! #16): both name the SCEP transaction id, the device when it logs the
//! PKIOperation message it sends (iOS GET, `log show`), the server when its
//! IIS log holds that GET and the message is decoded (`server-ca-store.md`
//! §4: transaction id, reliability A). The device's card then cites the
//! server's lines for the same request (steps 2–4 and 6 as NDES saw them)
//! and carries the server's findings, so a device that only heard "HTTP
//! 500" shows the server's reason. No clock is compared: the id is the key.

use std::collections::BTreeMap;

use crate::core::model::{Platform, Verdict};
use crate::core::report::{Certificate, Finding, Report, TimelineEntry};

/// The profile key both sides write for a decoded SCEP message.
const TRANSACTION: &str = "scep_transaction_id";

/// One server story: its lines and findings, by transaction id.
struct Seen {
    lines: Vec<TimelineEntry>,
    findings: Vec<Finding>,
    failed: bool,
}

/// Joins every NDES story to the device cards of the same transaction.
pub fn join(report: &mut Report) {
    let mut seen: BTreeMap<String, Seen> = BTreeMap::new();
    for card in report
        .platforms
        .iter()
        .filter(|p| p.platform == Platform::Ndes)
        .flat_map(|p| &p.certificates)
    {
        let Some(id) = transaction(card) else {
            continue;
        };
        let entry = seen.entry(id).or_insert_with(|| Seen {
            lines: Vec::new(),
            findings: Vec::new(),
            failed: false,
        });
        entry.lines.extend(card.timeline.iter().cloned());
        entry.findings.extend(card.findings.iter().cloned());
        entry.failed |= card.verdict == Verdict::Failed;
    }
    if seen.is_empty() {
        return;
    }
    for platform in &mut report.platforms {
        if !matches!(
            platform.platform,
            Platform::Android | Platform::Ios | Platform::Windows
        ) {
            continue;
        }
        for card in &mut platform.certificates {
            let Some(server) = transaction(card).and_then(|id| seen.get(&id)) else {
                continue;
            };
            cite(card, &server.lines, &server.findings, server.failed);
        }
    }
}

/// The device's card cites the server's lines for its request and, when
/// both failed, carries the server's findings first: the server's reason is
/// the cause of what the device heard.
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
    }
}

fn transaction(card: &Certificate) -> Option<String> {
    card.profile
        .get(TRANSACTION)
        .map(|t| t.trim().to_ascii_uppercase())
        .filter(|t| !t.is_empty())
}
