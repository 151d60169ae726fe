//! A binary Windows event log (.evtx) as a source: which provider wrote it
//! decides its platform, and the device's records are read by the Windows
//! event format's rules.

use crate::core::event::Event;
use crate::core::model::Platform;
use crate::core::report::{Problem, Source};
use crate::parse::format::record_events;

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
    let format = &super::FORMAT;
    let (found, recognized) = match platform {
        Some(Platform::Windows) => record_events(format, index, super::to_records(read.events)),
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
