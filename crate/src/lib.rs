//! SCEP Doctor's core: raw log bytes in, a certificate delivery report out.
//!
//! ```text
//! bytes → decode → detect → parse → correlate → state machine → knowledge → Report
//! ```
//!
//! Everything here is plain Rust with no I/O and no clock; the CLI and the
//! WebAssembly page are thin shells around [`analyze`].

pub mod core;
pub mod correlate;
pub mod formats;
pub mod i18n;
pub mod input;
pub mod knowledge;
pub mod redact;
pub mod render;
pub mod rules;
pub mod scep_message;
pub mod signatures;
pub mod stream;
pub mod verdict;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

// The public paths of the first layout, kept for the CLI, the fuzz targets,
// the examples and the tests.
pub use crate::core::{caps, model, report, time};
pub use crate::input::{archive, expand, Input};
pub use crate::stream::analyze;

use crate::core::event::{self, Event};
use crate::core::model::{Platform, Verdict};
use crate::core::report::{PlatformReport, Problem, Report, Source, SCHEMA};

/// The report over every source and the events of each platform.
fn report_of(mut sources: Vec<Source>, mut events: Vec<(Platform, Vec<Event>)>) -> Report {
    // A file's or an archive member's name is as hostile as a log line.
    for source in &mut sources {
        source.name = caps::text(&source.name);
    }
    events.sort_by_key(|(p, _)| *p);
    Report {
        schema: SCHEMA.to_string(),
        sources,
        platforms: events
            .into_iter()
            .map(|(p, e)| platform_report(p, e))
            .collect(),
    }
}

/// A binary Windows event log (.evtx): records rendered to Event XML and
/// read by the Windows event format's rules. Which log it is decides the
/// platform; a log of another provider is named, not guessed at.
fn evtx_source(index: usize, name: &str, bytes: &[u8]) -> (Source, Vec<Event>) {
    use formats::windows;
    let read = windows::read_evtx(bytes);
    let mut problems = read.problems;
    let mut providers: Vec<(&'static str, usize)> = Vec::new();
    for e in &read.events {
        let key = windows::provider_key(&e.provider);
        match providers.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n += 1,
            None => providers.push((key, 1)),
        }
    }
    let count = |key: &str| providers.iter().find(|(k, _)| *k == key).map_or(0, |p| p.1);
    let platform = if count("DMEDP") + count("CertEnroll") > 0 {
        Some(Platform::Windows)
    } else if count("Connector") > 0 {
        let scep = read
            .events
            .iter()
            .filter(|e| e.id.is_some_and(|id| (4000..=4010).contains(&id)))
            .count();
        let ids: std::collections::BTreeSet<u32> =
            read.events.iter().filter_map(|e| e.id).collect();
        let ids: Vec<String> = ids.iter().take(10).map(u32::to_string).collect();
        problems.push(
            Problem::coded("evtx-certificate-connector")
                .param("events", read.events.len().to_string())
                .param("ids", ids.join(", "))
                .param("scep_events", scep.to_string()),
        );
        // The connector runs beside NDES: server side.
        Some(Platform::Ndes)
    } else {
        if read.records > 0 || problems.is_empty() {
            problems.push(Problem::coded("evtx-no-scep-provider"));
        }
        None
    };
    let format = &formats::windows::FORMAT;
    let (found, recognized) = match platform {
        Some(Platform::Windows) => {
            formats::record_events(format, index, windows::to_records(read.events))
        }
        _ => (Vec::new(), 0),
    };
    let source = Source {
        name: name.to_string(),
        input: 0,
        format: "windows-evtx".to_string(),
        platform,
        encoding: "evtx".to_string(),
        lines: read.records,
        recognized,
        problems,
    };
    (source, found)
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
        };
        findings.push(knowledge::finding(
            &event::FindingRef::new(code),
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
