//! A binary Windows event log (.evtx) as a source: which provider wrote it
//! decides its platform, and the device's records are read by the Windows
//! event format's rules.

use crate::core::event::Event;
use crate::core::model::Platform;
use crate::core::report::{Problem, Source};
use crate::parse::format::record_events;

use super::event::RawEvent;
use super::xml::xml_event;

/// A binary Windows event log (.evtx): records rendered to Event XML and
/// read by the Windows event format's rules. Which log it is decides the
/// platform; a log of another provider is named, not guessed at.
pub fn evtx_source(index: usize, name: &str, bytes: &[u8]) -> (Source, Vec<Event>) {
    let read = super::read_evtx(bytes);
    let mut problems = read.problems;
    let mut providers: Vec<(&'static str, usize)> = Vec::new();
    for e in &read.events {
        let key = super::provider_key(&e.provider);
        match providers.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n += 1,
            None => providers.push((key, 1)),
        }
    }
    let count = |key: &str| providers.iter().find(|(k, _)| *k == key).map_or(0, |p| p.1);
    // A server's Application log holds CertEnroll events too: NDES and its
    // connector decide before them.
    let platform = if count("DMEDP") > 0 {
        Some(Platform::Windows)
    } else if count("Connector") + count("NDES") > 0 {
        // The connector runs beside NDES: server side, read by its ids.
        Some(Platform::Ndes)
    } else if count("CertEnroll") > 0 {
        Some(Platform::Windows)
    } else {
        if read.records > 0 || problems.is_empty() {
            problems.push(Problem::coded("evtx-no-scep-provider"));
        }
        None
    };
    let format = &super::FORMAT;
    let (found, recognized) = match platform {
        Some(Platform::Windows) => record_events(format, index, super::to_records(read.events)),
        Some(Platform::Ndes) => crate::platforms::ndes::connector::events(
            index,
            (read.events.into_iter()).map(|e| {
                (
                    e.line,
                    super::provider_key(&e.provider),
                    e.id,
                    e.time,
                    e.inserts,
                )
            }),
        ),
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

/// What a binary `.evtx` file held.
pub struct Evtx {
    pub events: Vec<RawEvent>,
    /// Records in the file (parsed or not).
    pub records: usize,
    pub problems: Vec<Problem>,
}

/// `ElfFile\0`: the signature of a binary Windows event log.
pub fn is_evtx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"ElfFile\0")
}

/// Reads a binary `.evtx` file: each record is rendered to Event XML (the
/// message text is not stored in the file; EventData gives the inserts).
#[cfg(feature = "evtx")]
pub fn read_evtx(bytes: &[u8]) -> Evtx {
    let mut out = Evtx {
        events: Vec::new(),
        records: 0,
        problems: Vec::new(),
    };
    let mut parser = match evtx_parser(bytes) {
        Ok(p) => p,
        Err(e) => {
            out.problems
                .push(Problem::coded("evtx-unreadable").param("error", e.to_string()));
            return out;
        }
    };
    let mut failed = 0u64;
    for (index, record) in parser.records().enumerate() {
        out.records += 1;
        match record {
            Ok(r) => {
                if let Some(e) = xml_event(&r.data, index) {
                    out.events.push(e);
                }
            }
            Err(_) => failed += 1,
        }
    }
    if failed > 0 {
        out.problems
            .push(Problem::coded("evtx-bad-records").count(failed));
    }
    out
}

#[cfg(feature = "evtx")]
fn evtx_parser(
    bytes: &[u8],
) -> Result<::evtx::EvtxParser<std::io::Cursor<Vec<u8>>>, ::evtx::err::EvtxError> {
    let settings = ::evtx::ParserSettings::new()
        .num_threads(1)
        .validate_checksums(false)
        .indent(false);
    Ok(::evtx::EvtxParser::from_buffer(bytes.to_vec())?.with_configuration(settings))
}

/// The records of a binary `.evtx` file as the raw view shows them: each
/// record's Event XML on line N for record N, as the report cites it (a
/// damaged record is an empty line).
#[cfg(feature = "evtx")]
pub fn evtx_text(bytes: &[u8]) -> String {
    let Ok(mut parser) = evtx_parser(bytes) else {
        return String::new();
    };
    let mut out = String::new();
    for record in parser.records() {
        if let Ok(r) = record {
            out.push_str(&r.data.replace(['\r', '\n'], " "));
        }
        out.push('\n');
    }
    out
}

/// Built without the `evtx` feature: no record is read.
#[cfg(not(feature = "evtx"))]
pub fn evtx_text(_bytes: &[u8]) -> String {
    String::new()
}

/// Built without the `evtx` feature: the file is named, not read.
#[cfg(not(feature = "evtx"))]
pub fn read_evtx(_bytes: &[u8]) -> Evtx {
    Evtx {
        events: Vec::new(),
        records: 0,
        problems: vec![Problem::coded("evtx-unsupported")],
    }
}
