//! A CA's denial joined to a device card that only says "failed" (issue
//! #15): the device hears a bare failure (a CertRep FAILURE, badRequest),
//! the CA's Failed Requests say why. No id crosses from the device to the
//! CA, so the key is the request's subject (`server-ca-store.md` §4:
//! subject CN/UPN and time, reliability C): the card's profile subject and
//! the CA request's subject name the same CN, exactly one denied or failed
//! CA request has it, and, when both times carry a date, they lie within
//! the widest gap two unknown time zones allow.

use chrono::NaiveDateTime;

use crate::core::model::{Platform, Step, Verdict};
use crate::core::report::{Certificate, Finding, Report, TimelineEntry};
use crate::core::time::{parse_system_time, parse_windows_local};

/// Fourteen hours apart is the most two wall clocks of unknown zones differ
/// by; the CA decides within minutes of the request (fifteen allowed).
const MAX_GAP_MINUTES: i64 = 14 * 60 + 15;

/// A CA request that failed: its subject's CN, its failed line, findings.
struct Denial {
    cn: String,
    line: TimelineEntry,
    findings: Vec<Finding>,
}

/// Joins CA denials to the failed device cards that name their subject.
pub fn join(report: &mut Report) {
    let denials = denials(report);
    if denials.is_empty() {
        return;
    }
    for platform in &mut report.platforms {
        if !matches!(
            platform.platform,
            Platform::Windows | Platform::Android | Platform::Ios
        ) {
            continue;
        }
        for card in &mut platform.certificates {
            if card.verdict != Verdict::Failed || card.failed_step == Some(Step(1)) {
                continue;
            }
            let Some(cn) = subject(card).map(cn) else {
                continue;
            };
            let mut hits = denials.iter().filter(|d| d.cn == cn && near(card, &d.line));
            let (Some(hit), None) = (hits.next(), hits.next()) else {
                continue;
            };
            card.timeline.push(hit.line.clone());
            // The CA's reason comes first: it is why the device only heard
            // "failed".
            super::findings_first(card, &hit.findings);
            card.failed_step = Some(Step(4));
        }
    }
}

fn denials(report: &Report) -> Vec<Denial> {
    report
        .platforms
        .iter()
        .filter(|p| p.platform == Platform::Ca)
        .flat_map(|p| &p.certificates)
        .filter(|c| c.verdict == Verdict::Failed)
        .filter_map(|c| {
            let line = c
                .timeline
                .iter()
                .rev()
                .find(|t| t.outcome == "failed" && t.step == Step(4))?;
            let subject = line.what_params.get("subject")?;
            let cn = cn(subject);
            (!cn.is_empty()).then(|| Denial {
                cn,
                line: line.clone(),
                findings: c.findings.clone(),
            })
        })
        .collect()
}

/// The subject the device's profile asked for.
fn subject(card: &Certificate) -> Option<&str> {
    ["subject_name", "subject"]
        .iter()
        .find_map(|k| card.profile.get(*k))
        .map(String::as_str)
        .filter(|s| !s.is_empty())
}

/// A name's common name, lower case: `CN=adele@contoso.com, O=x` and the
/// CA's `Request Common Name` `adele@contoso.com` are the same.
fn cn(name: &str) -> String {
    let value = name
        .split([',', ';', '+'])
        .find_map(|r| {
            let (k, v) = r.split_once('=')?;
            k.trim().eq_ignore_ascii_case("cn").then_some(v)
        })
        .unwrap_or(name);
    value.trim().trim_matches('"').to_lowercase()
}

/// The card's failure and the CA's line are close enough in time, or one
/// of them has no date to compare.
fn near(card: &Certificate, ca: &TimelineEntry) -> bool {
    let failed = card
        .timeline
        .iter()
        .rev()
        .find(|t| t.outcome == "failed")
        .and_then(when);
    match (failed, when(ca)) {
        (Some(a), Some(b)) => (a - b).num_minutes().abs() <= MAX_GAP_MINUTES,
        _ => true,
    }
}

/// A line's date and time, whatever its zone: ISO, or a Windows locale's
/// (the CA's exports write minutes only: `9/9/2026 8:08 PM`).
fn when(t: &TimelineEntry) -> Option<NaiveDateTime> {
    let text = t.time.as_deref()?;
    parse_system_time(text)
        .or_else(|| parse_windows_local(text))
        .or_else(|| {
            let (date, rest) = text.trim().split_once(' ')?;
            let (clock, mark) = rest.split_once(' ').unwrap_or((rest, ""));
            (clock.matches(':').count() == 1)
                .then(|| parse_windows_local(&format!("{date} {clock}:00 {mark}")))
                .flatten()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_names_compare() {
        assert_eq!(cn("CN=Adele@contoso.com, OU=x"), "adele@contoso.com");
        assert_eq!(cn("adele@contoso.com"), "adele@contoso.com");
    }

    #[test]
    fn minute_times_read() {
        let entry = |time: &str| TimelineEntry {
            time: Some(time.to_string()),
            time_basis: None,
            stage: None,
            step: Step(4),
            outcome: "failed".to_string(),
            what: String::new(),
            what_code: String::new(),
            what_params: Default::default(),
            source: 0,
            line: 1,
        };
        let a = when(&entry("9/9/2026 8:08 PM")).unwrap();
        let b = when(&entry("9/9/2026 8:08:31 PM")).unwrap();
        assert_eq!((b - a).num_seconds(), 31);
    }
}
