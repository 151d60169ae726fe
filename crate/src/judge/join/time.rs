//! The NDES server's view of a request joined to the device's card by time
//! (issue #16), for device logs that share no key with the server's: an
//! Android device POSTs its PKIOperation, so IIS logs no message to decode,
//! and an Event Viewer list copy names no transaction. Such logs write the
//! device's wall clock with no zone (`server-ca-store.md` §4, time bases),
//! so the join needs the UTC offset the admin states; it is never guessed.
//! With it, the device's lines go on the server's clock (UTC), and one IIS
//! client of the device's platform with lines within [`WINDOW`] of the
//! device's exchange is the device's server side. Two such clients join
//! nothing (the card says why); without an offset the card says what to
//! state.

use chrono::{Duration, NaiveDateTime};

use crate::core::event::FindingRef;
use crate::core::model::{Platform, Verdict};
use crate::core::report::{Certificate, Finding, Report, TimelineEntry};
use crate::core::time::{parse_system_time, TimeBasis, UtcOffset};
use crate::platforms;

use super::server::cite;

/// How far a server line may lie from the device's exchange: the device
/// logs before it sends and after it hears; IIS logs when it answered; and
/// clocks drift by a minute or so.
const WINDOW: Duration = Duration::minutes(2);

/// One IIS client's story on the NDES server.
struct Client {
    platform: Platform,
    /// Each line with its time (UTC).
    lines: Vec<(NaiveDateTime, TimelineEntry)>,
    findings: Vec<Finding>,
    failed: bool,
}

/// The device platform an IIS client line names (from its user agent).
fn platform_of(line: &TimelineEntry) -> Option<Platform> {
    match line.what_params.get("client")?.as_str() {
        "ndes.client-android" => Some(Platform::Android),
        "ndes.client-apple" => Some(Platform::Ios),
        "ndes.client-windows" => Some(Platform::Windows),
        _ => None,
    }
}

/// A line's time read back from the report (`…T…` with `Z` for UTC).
fn instant(line: &TimelineEntry) -> Option<NaiveDateTime> {
    parse_system_time(line.time.as_deref()?)
}

/// Joins device cards whose times have no zone to the NDES server's IIS
/// clients by time, with the admin's stated offset.
pub fn join(report: &mut Report, offset: Option<UtcOffset>) {
    let clients = clients(report);
    if clients.is_empty() {
        return;
    }
    let ndes: Vec<usize> = report
        .sources
        .iter()
        .enumerate()
        .filter(|(_, s)| s.platform == Some(Platform::Ndes))
        .map(|(i, _)| i)
        .collect();
    for platform in &mut report.platforms {
        let device = platform.platform;
        if !matches!(device, Platform::Android | Platform::Windows) {
            continue;
        }
        for card in &mut platform.certificates {
            // Joined already by a key both sides name: to an IIS client
            // (a transaction id), nothing to look for; to other server
            // lines (the connector's 4006 by thumbprint), its IIS client
            // is still looked for by time.
            if card.timeline.iter().any(|t| platform_of(t).is_some()) {
                continue;
            }
            if let Some(offset) = offset {
                if card.timeline.iter().any(|t| ndes.contains(&t.source)) {
                    in_utc_order(card, offset);
                }
            }
            let local: Vec<NaiveDateTime> = card
                .timeline
                .iter()
                .filter(|t| t.time_basis == Some(TimeBasis::Local))
                .filter_map(instant)
                .collect();
            let (Some(first), Some(last)) = (local.iter().min(), local.iter().max()) else {
                continue;
            };
            let same_platform: Vec<&Client> =
                clients.iter().filter(|c| c.platform == device).collect();
            if same_platform.is_empty() {
                continue;
            }
            let Some(offset) = offset else {
                let hint = FindingRef::new("ndes.device-offset-not-stated")
                    .param("clients", same_platform.len().to_string());
                push(card, &hint);
                continue;
            };
            let (from, to) = (
                offset.to_utc(*first) - WINDOW,
                offset.to_utc(*last) + WINDOW,
            );
            let near: Vec<(&Client, Vec<TimelineEntry>)> = same_platform
                .into_iter()
                .map(|c| {
                    let lines = c
                        .lines
                        .iter()
                        .filter(|(at, _)| (from..=to).contains(at))
                        .map(|(_, l)| l.clone())
                        .collect::<Vec<_>>();
                    (c, lines)
                })
                .filter(|(_, lines)| !lines.is_empty())
                .collect();
            match near.as_slice() {
                [(client, lines)] => {
                    cite(card, lines, &client.findings, client.failed);
                    in_utc_order(card, offset);
                }
                [] => {}
                several => {
                    let ambiguous = FindingRef::new("ndes.time-join-ambiguous")
                        .param("clients", several.len().to_string())
                        .param("offset", offset.to_string());
                    push(card, &ambiguous);
                }
            }
        }
    }
}

/// Every IIS client story of the NDES platform whose lines carry UTC times.
fn clients(report: &Report) -> Vec<Client> {
    let mut out = Vec::new();
    for card in report
        .platforms
        .iter()
        .filter(|p| p.platform == Platform::Ndes)
        .flat_map(|p| &p.certificates)
    {
        let Some(platform) = card.timeline.iter().find_map(platform_of) else {
            continue;
        };
        let lines: Vec<(NaiveDateTime, TimelineEntry)> = card
            .timeline
            .iter()
            .filter(|t| t.time_basis == Some(TimeBasis::Utc))
            .filter_map(|t| Some((instant(t)?, t.clone())))
            .collect();
        if !lines.is_empty() {
            out.push(Client {
                platform,
                lines,
                findings: card.findings.clone(),
                failed: card.verdict == Verdict::Failed,
            });
        }
    }
    out
}

/// A finding of the join on the card, citing the card's first line.
fn push(card: &mut Certificate, finding: &FindingRef) {
    if card.findings.iter().any(|f| f.code == finding.code) {
        return;
    }
    let evidence = super::first_line(card).into_iter().collect();
    card.findings
        .push(platforms::findings::finding(finding, evidence));
}

/// One merged timeline in UTC order, when every line has a time on a known
/// clock: the device's (with the stated offset) and the server's. IIS writes
/// whole seconds, so lines compare by the second; within one, the device's
/// lines keep their order ahead of the server's.
fn in_utc_order(card: &mut Certificate, offset: UtcOffset) {
    use chrono::Timelike;
    let utc = |t: &TimelineEntry| {
        let at = match t.time_basis {
            Some(TimeBasis::Utc) => instant(t),
            Some(TimeBasis::Local) => instant(t).map(|at| offset.to_utc(at)),
            _ => None,
        };
        at.and_then(|at| at.with_nanosecond(0))
    };
    if card.timeline.iter().all(|t| utc(t).is_some()) {
        card.timeline.sort_by_key(|t| utc(t));
    }
}

/// With a stated offset, every device line whose clock had no zone carries
/// it (`2018-02-27T04:50:46.137 +09:00`, basis `offset`, as Console copies
/// write theirs): each row of a merged timeline names its clock, and the
/// certificate checks compare the device's times with UTC validity.
pub fn state_offset(report: &mut Report, offset: Option<UtcOffset>) {
    let Some(offset) = offset else {
        return;
    };
    let stated = offset.to_string();
    for platform in &mut report.platforms {
        if !matches!(
            platform.platform,
            Platform::Android | Platform::Ios | Platform::Windows
        ) {
            continue;
        }
        for line in platform
            .certificates
            .iter_mut()
            .flat_map(|c| c.timeline.iter_mut())
            .filter(|t| t.time_basis == Some(TimeBasis::Local))
        {
            if let Some(time) = line.time.as_mut() {
                time.push(' ');
                time.push_str(&stated);
                line.time_basis = Some(TimeBasis::Offset);
            }
        }
    }
}
