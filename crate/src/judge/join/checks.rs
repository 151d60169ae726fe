//! The article's rules checked on a certificate a device card names, once a
//! store listing or a certificate file shows it (issue #15):
//! - its validity against the time of the device line that names it (the
//!   core has no "now": only the log's own time is compared, and only when
//!   both sides have a known zone; otherwise nothing is said);
//! - a SCEP certificate's issuer chain, as far as the listed certificates
//!   tell, against the CA the profile names;
//! - the profile's CA against another self-issued certificate of the same
//!   subject (a renewed CA).

use chrono::{Duration, NaiveDateTime};

use super::{naming_line_entry, normal, rdns, Listed};
use crate::core::event::FindingRef;
use crate::core::model::Kind;
use crate::core::report::{Certificate, Evidence, Finding, TimelineEntry};
use crate::core::time::{parse_iso_local, parse_system_time, TimeBasis};
use crate::platforms;

/// How many issuers up a chain is followed (real chains have two or three).
const MAX_CHAIN: usize = 6;

/// The findings for `hit`, the listed certificate whose thumbprint `named`
/// the card names.
pub(super) fn checks(
    card: &Certificate,
    named: &str,
    hit: &Listed,
    listed: &[Listed],
) -> Vec<Finding> {
    let mut out = Vec::new();
    validity(card, named, hit, &mut out);
    let own = card
        .profile
        .get("thumbprint")
        .is_some_and(|t| normal(t) == named);
    if card.kind == Kind::Scep && own {
        issuer(card, hit, listed, &mut out);
    }
    let profile_ca = (card.kind == Kind::Root && normal(&card.id) == named)
        || card
            .profile
            .get("ca_thumbprint")
            .is_some_and(|t| normal(t) == named);
    if profile_ca {
        renewed(named, hit, listed, &mut out);
    }
    out
}

fn validity(card: &Certificate, named: &str, hit: &Listed, out: &mut Vec<Finding>) {
    let Some(entry) = naming_line_entry(card, named) else {
        return;
    };
    let Some(at) = utc_of_line(entry) else { return };
    let (code, bound, value) = match (utc_of_cert(hit.not_before), utc_of_cert(hit.not_after)) {
        (_, Some(end)) if at > end => ("store.expired-at-log-time", "not_after", hit.not_after),
        (Some(start), _) if at < start => (
            "store.not-yet-valid-at-log-time",
            "not_before",
            hit.not_before,
        ),
        _ => return,
    };
    let r = FindingRef::new(code)
        .param("subject", hit.subject)
        .param("thumbprint", named)
        .param(bound, value)
        .param("time", entry.time.clone().unwrap_or_default());
    out.push(platforms::findings::finding(&r, evidence(entry, hit)));
}

/// Follows the SCEP certificate's issuers up the listed certificates (by
/// key identifier when both sides know it, else by name):
/// a chain that ends at a self-issued certificate without passing the
/// profile's CA was issued by another CA. A chain that leaves the listed
/// certificates says nothing.
fn issuer(card: &Certificate, hit: &Listed, listed: &[Listed], out: &mut Vec<Finding>) {
    let Some(ca_thumbprint) = card.profile.get("ca_thumbprint").map(|t| normal(t)) else {
        return;
    };
    let Some(ca) = listed.iter().find(|l| l.thumbprint == ca_thumbprint) else {
        return;
    };
    if ca.subject.is_empty() || hit.issuer.is_empty() {
        return;
    }
    let mut current = hit;
    for _ in 0..MAX_CHAIN {
        if current.issued_by(ca) {
            return;
        }
        if current.self_issued() {
            break;
        }
        let Some(up) = listed
            .iter()
            .find(|l| !std::ptr::eq(*l, current) && current.issued_by(l))
        else {
            return;
        };
        current = up;
    }
    if !current.self_issued() {
        return;
    }
    let r = FindingRef::new("store.issued-by-other-ca")
        .param("subject", hit.subject)
        .param("thumbprint", hit.thumbprint.clone())
        .param("issuer", hit.issuer)
        .param("root", current.subject)
        .param("ca_subject", ca.subject)
        .param("ca_thumbprint", ca_thumbprint);
    let evidence = [hit.at, current.at, ca.at].into_iter().flatten().collect();
    out.push(platforms::findings::finding(&r, dedup(evidence)));
}

/// Another self-issued certificate with the profile's CA's subject and a
/// different thumbprint: the CA was renewed (or the profile holds an old
/// copy of it).
fn renewed(named: &str, hit: &Listed, listed: &[Listed], out: &mut Vec<Finding>) {
    if hit.subject.is_empty() {
        return;
    }
    let name = rdns(hit.subject);
    let Some(other) = listed
        .iter()
        .find(|l| l.thumbprint != named && l.self_issued() && rdns(l.subject) == name)
    else {
        return;
    };
    let r = FindingRef::new("store.ca-renewed")
        .param("subject", hit.subject)
        .param("thumbprint", named)
        .param("other_thumbprint", other.thumbprint.clone());
    let evidence = [hit.at, other.at].into_iter().flatten().collect();
    out.push(platforms::findings::finding(&r, dedup(evidence)));
}

fn evidence(entry: &TimelineEntry, hit: &Listed) -> Vec<Evidence> {
    let line = Evidence {
        source: entry.source,
        line: entry.line,
    };
    dedup([Some(line), hit.at].into_iter().flatten().collect())
}

fn dedup(mut evidence: Vec<Evidence>) -> Vec<Evidence> {
    let mut seen = Vec::new();
    evidence.retain(|e| {
        let new = !seen.contains(e);
        seen.push(*e);
        new
    });
    evidence
}

/// A device line's time in UTC, when its basis says the zone: `utc`, or
/// `offset` with a date (`2025-05-06T17:14:20.530 +0900`). A wall clock of
/// unknown zone is not comparable with a certificate's UTC validity.
fn utc_of_line(entry: &TimelineEntry) -> Option<NaiveDateTime> {
    let text = entry.time.as_deref()?;
    match entry.time_basis? {
        TimeBasis::Utc => parse_system_time(text),
        TimeBasis::Offset => {
            let (clock, offset) = text.rsplit_once(' ')?;
            let at = parse_iso_local(clock)?;
            Some(at - offset_of(offset)?)
        }
        TimeBasis::Local | TimeBasis::TimeOfDay => None,
    }
}

/// `+0900`, `+09:00`, `-0700`, `Z` as a duration east of UTC.
fn offset_of(text: &str) -> Option<Duration> {
    if text == "Z" {
        return Some(Duration::zero());
    }
    let (sign, digits) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let digits: String = digits.chars().filter(|c| *c != ':').collect();
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hours: i64 = digits.get(..2)?.parse().ok()?;
    let minutes: i64 = digits.get(2..)?.parse().ok()?;
    Some(Duration::minutes(sign * (hours * 60 + minutes)))
}

/// A certificate's validity bound in UTC: only what a decoded file gives
/// (`2026-01-05T00:00:00Z`); a listing shows the machine's local clock, in
/// the viewer's locale, zone unknown.
fn utc_of_cert(value: &str) -> Option<NaiveDateTime> {
    value
        .strip_suffix('Z')
        .and_then(|v| parse_system_time(&format!("{v}Z")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_read() {
        assert_eq!(offset_of("+0900"), Some(Duration::hours(9)));
        assert_eq!(offset_of("-07:00"), Some(Duration::hours(-7)));
        assert_eq!(offset_of("9"), None);
        assert!(utc_of_cert("1/1/2045 9:00 AM").is_none());
        assert!(utc_of_cert("2026-01-05T00:00:00Z").is_some());
    }
}
