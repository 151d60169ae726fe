//! The judgement: each platform's events, put in time order, grouped into one
//! story per certificate ([`correlate`]), judged ([`verdict`]: furthest stage,
//! verdict, failing step, findings) and assembled into the [`Report`].

pub mod correlate;
pub mod errors;
pub mod identity;
pub mod join;
pub mod steps;
pub mod verdict;

use crate::core::caps;
use crate::core::event::{Event, FindingRef};
use crate::core::model::{Platform, Verdict};
use crate::core::options::Options;
use crate::core::report::{PlatformReport, Report, Source, SCHEMA};
use crate::platforms;

/// The report over every source and the events of each platform.
pub fn report_of(
    mut sources: Vec<Source>,
    mut events: Vec<(Platform, Vec<Event>)>,
    options: &Options,
) -> Report {
    // A file's or an archive member's name is as hostile as a log line.
    for source in &mut sources {
        source.name = caps::text(&source.name);
    }
    events.sort_by_key(|(p, _)| *p);
    let mut report = Report {
        schema: SCHEMA.to_string(),
        sources,
        platforms: events
            .into_iter()
            .map(|(p, e)| platform_report(p, e))
            .collect(),
        device_utc_offset: options.device_utc_offset.map(|o| o.to_string()),
    };
    join::join(&mut report, options);
    steps::mark(&mut report);
    identity::gather(&mut report);
    report
}

fn platform_report(platform: Platform, mut events: Vec<Event>) -> PlatformReport {
    sort_by_time(&mut events);
    let (tracks, platform_events) = correlate::correlate(events);
    let verdict::Judged {
        certificates,
        verdict,
        mut omitted,
    } = verdict::judge_all(&tracks);
    let mut findings = verdict::Findings::default();
    for event in &platform_events {
        if let Some(r) = &event.signal.finding {
            findings.add(r, event);
        }
    }
    let mut findings = findings.finish(&mut omitted);
    if certificates.is_empty() {
        let code = match platform {
            Platform::Android => "android.no-evidence",
            Platform::Ios => "ios.no-evidence",
            Platform::Windows => "windows.no-evidence",
            Platform::Ndes => "ndes.no-evidence",
            Platform::Ca => "ca.no-evidence",
            Platform::Store => "store.no-evidence",
        };
        findings.push(platforms::findings::finding(
            &FindingRef::new(code),
            Vec::new(),
        ));
    }
    PlatformReport {
        platform,
        verdict: verdict.unwrap_or(Verdict::Incomplete),
        certificates,
        findings,
        omitted: omitted.notes(),
    }
}

/// Sources of one platform (rotated logs, several devices' files) merge into
/// one story in time order when every event carries a comparable date; the
/// sort is stable, so lines with equal times keep their file order.
fn sort_by_time(events: &mut [Event]) {
    let basis = events
        .first()
        .and_then(|e| e.time.as_ref())
        .map(|t| t.basis);
    let comparable = events.iter().all(|e| {
        e.time
            .as_ref()
            .is_some_and(|t| t.at.is_some() && Some(t.basis) == basis)
    });
    if comparable {
        events.sort_by_key(|e| e.time.as_ref().and_then(|t| t.at));
    }
}
