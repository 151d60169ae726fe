//! SCEP Doctor's core: raw log bytes in, a certificate delivery report out.
//!
//! ```text
//! bytes → decode → detect → parse → correlate → state machine → knowledge → Report
//! ```
//!
//! Everything here is plain Rust with no I/O and no clock; the CLI and the
//! WebAssembly page are thin shells around [`analyze`].

pub mod correlate;
pub mod decode;
pub mod event;
pub mod formats;
pub mod i18n;
pub mod knowledge;
pub mod model;
pub mod redact;
pub mod render;
pub mod report;
pub mod request_id;
pub mod rtf;
pub mod rules;
pub mod signatures;
pub mod time;
pub mod verdict;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

use event::Event;
use model::{Platform, Verdict};
use report::{PlatformReport, Problem, Report, Source, SCHEMA};

/// One input: a file or a paste.
pub struct Input<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// Analyzes several sources together into one report.
pub fn analyze(inputs: &[Input]) -> Report {
    let mut sources = Vec::with_capacity(inputs.len());
    let mut events: Vec<(Platform, Vec<Event>)> = Vec::new();
    for (index, input) in inputs.iter().enumerate() {
        let decoded = decode::decode(input.bytes);
        let text = rtf::clean(&decoded.text);
        let lines = decode::lines(&text);
        let format = formats::detect(&lines);
        let mut problems = decoded.problems;
        let (found, recognized) = match format {
            Some(format) => formats::events(format, index, &lines),
            None => {
                if decoded.encoding != decode::Encoding::Binary && !decoded.text.trim().is_empty() {
                    problems.push(unknown_format());
                }
                (Vec::new(), 0)
            }
        };
        if let Some(format) = format {
            match events.iter_mut().find(|(p, _)| *p == format.platform) {
                Some((_, list)) => list.extend(found),
                None => events.push((format.platform, found)),
            }
        }
        sources.push(Source {
            name: input.name.to_string(),
            format: format.map_or("unknown", |f| f.id).to_string(),
            platform: format.map(|f| f.platform),
            encoding: decoded.encoding.as_str().to_string(),
            lines: lines.len(),
            recognized,
            problems,
        });
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

fn unknown_format() -> Problem {
    let known: Vec<&str> = formats::FORMATS.iter().map(|f| f.title).collect();
    Problem::new(
        "unknown-format",
        &format!(
            "No known log format or SCEP log line was found. SCEP Doctor reads: {}.",
            known.join("; ")
        ),
    )
}

fn platform_report(platform: Platform, mut events: Vec<Event>) -> PlatformReport {
    sort_by_time(&mut events);
    let (tracks, platform_events) = correlate::correlate(events);
    let mut certificates: Vec<_> = tracks.iter().map(verdict::judge).collect();
    // Roots first, each kind in order of first appearance (the sort is stable).
    certificates.sort_by_key(|c| c.kind);
    let mut findings = Vec::new();
    for event in &platform_events {
        if let Some(r) = &event.signal.finding {
            verdict::add_finding(&mut findings, r, event);
        }
    }
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
    let verdict = certificates
        .iter()
        .map(|c| c.verdict)
        .max_by_key(|v| v.urgency())
        .unwrap_or(Verdict::Incomplete);
    PlatformReport {
        platform,
        verdict,
        certificates,
        findings,
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
