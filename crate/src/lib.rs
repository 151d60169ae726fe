//! SCEP Doctor's core: raw log bytes in, a certificate delivery report out.
//!
//! ```text
//! bytes → decode → detect → parse → correlate → state machine → knowledge → Report
//! ```
//!
//! Everything here is plain Rust with no I/O and no clock; the CLI and the
//! WebAssembly page are thin shells around [`analyze`].

pub mod archive;
pub mod caps;
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
pub mod scep_message;
pub mod signatures;
pub mod stream;
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

/// Analyzes several sources together into one report. Zip archives among
/// them are opened and each member is a source of its own.
pub fn analyze(inputs: &[Input]) -> Report {
    let expanded = expand(inputs);
    let inputs: Vec<Input> = expanded
        .iter()
        .map(|e| Input {
            name: &e.name,
            bytes: &e.bytes,
        })
        .collect();
    let mut sources = Vec::with_capacity(inputs.len());
    let mut events: Vec<(Platform, Vec<Event>)> = Vec::new();
    for (index, input) in inputs.iter().enumerate() {
        if formats::windows::is_evtx(input.bytes) {
            let (mut source, found) = evtx_source(index, input);
            source.input = expanded.get(index).map_or(index, |e| e.input);
            if let Some(platform) = source.platform {
                if !found.is_empty() || platform == Platform::Windows {
                    match events.iter_mut().find(|(p, _)| *p == platform) {
                        Some((_, list)) => list.extend(found),
                        None => events.push((platform, found)),
                    }
                }
            }
            sources.push(source);
            continue;
        }
        let decoded = decode::decode(input.bytes);
        let text = rtf::clean(&decoded.text);
        let lines = decode::lines(&text);
        let format = formats::detect(&lines);
        // An archive that could not be (fully) opened carries its own problems.
        let mut problems = match expanded.get(index) {
            Some(e) if !e.problems.is_empty() => e.problems.clone(),
            _ => decoded.problems,
        };
        let (found, recognized) = match format {
            Some(format) => formats::events(format, index, &lines),
            None => {
                if decoded.encoding != decode::Encoding::Binary {
                    if !text.trim().is_empty() {
                        problems.push(unknown_format());
                    } else if problems.is_empty() {
                        problems.push(Problem::new("empty", "The input is empty."));
                    }
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
            name: caps::text(input.name),
            input: expanded.get(index).map_or(index, |e| e.input),
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

/// A binary Windows event log (.evtx): records rendered to Event XML and
/// read by the Windows event format's rules. Which log it is decides the
/// platform; a log of another provider is named, not guessed at.
fn evtx_source(index: usize, input: &Input) -> (Source, Vec<Event>) {
    use formats::windows;
    let read = windows::read_evtx(input.bytes);
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
        let scep = if scep == 0 {
            "none of them a SCEP event (4000–4010), so it cannot show a SCEP certificate's delivery"
                .to_string()
        } else {
            format!("{scep} of them SCEP events (4000–4010), which SCEP Doctor does not read yet")
        };
        problems.push(Problem::new(
            "evtx-certificate-connector",
            &format!(
                "This is a Certificate Connector for Microsoft Intune log (Microsoft-Intune-CertificateConnectors) with {} events (IDs {}), {scep}. For a Windows device, add its DeviceManagement-Enterprise-Diagnostics-Provider Admin log.",
                read.events.len(),
                ids.join(", "),
            ),
        ));
        // The connector runs beside NDES: server side.
        Some(Platform::Ndes)
    } else {
        if read.records > 0 || problems.is_empty() {
            problems.push(Problem::new(
                "evtx-no-scep-provider",
                "This Windows event log holds no event of the DeviceManagement-Enterprise-Diagnostics-Provider or CertEnroll. Save the DeviceManagement-Enterprise-Diagnostics-Provider > Admin log instead.",
            ));
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
        name: caps::text(input.name),
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

/// The sources `analyze` reads: every input, with zip archives opened into
/// their members (each tagged with the index of the input it came from).
pub fn expand(inputs: &[Input]) -> Vec<archive::Expanded> {
    let mut out = Vec::new();
    for (index, input) in inputs.iter().enumerate() {
        out.extend(
            archive::expand(input.name, input.bytes)
                .into_iter()
                .map(|e| archive::Expanded { input: index, ..e }),
        );
    }
    out
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
