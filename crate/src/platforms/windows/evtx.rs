//! A binary Windows event log (.evtx) as a source: which provider wrote it
//! decides its platform, and the device's records are read by the Windows
//! event format's rules.

use crate::core::event::Event;
use crate::core::model::Platform;
use crate::core::report::{Problem, Source};
use crate::parse::format::record_events;

use super::event::{ProviderKeys, RawEvent};
use super::xml::xml_event;

/// A binary Windows event log (.evtx): records rendered to Event XML and
/// read by the Windows event format's rules. Which log it is decides the
/// platform; a log of another provider is named, not guessed at.
pub fn evtx_source(index: usize, name: &str, bytes: &[u8]) -> (Source, Vec<Event>) {
    let read = super::read_evtx(bytes);
    let mut problems = read.problems;
    // Each event's log, told once: the tests below and the readers after
    // ask it again and again.
    let mut keys = ProviderKeys::default();
    let events: Vec<(RawEvent, &'static str)> = read
        .events
        .into_iter()
        .map(|e| {
            let key = keys.key(&e.provider);
            (e, key)
        })
        .collect();
    let count = |key: &str| events.iter().filter(|(_, k)| *k == key).count();
    let crashes = events.iter().filter(|(e, k)| scep_pool_crash(e, k)).count();
    let server_chains = events.iter().filter(|(e, k)| ndes_chain(e, k)).count();
    // A server's Application log holds CertEnroll events too: NDES and its
    // connector decide before them.
    let platform = if count("DMEDP") > 0 {
        Some(Platform::Windows)
    } else if count("Connector") + count("NDES") + crashes + server_chains > 0 {
        // The connector runs beside NDES: server side, read by its ids.
        Some(Platform::Ndes)
    } else if count("CA") > 0 {
        // The CA's Application log: its denials are the answer.
        Some(Platform::Ca)
    } else if count("CertEnroll") > 0 {
        Some(Platform::Windows)
    } else {
        if read.records > 0 || problems.is_empty() {
            problems.push(Problem::coded("evtx-no-scep-provider"));
        }
        None
    };
    let format = &super::FORMAT;
    let only_events =
        |events: Vec<(RawEvent, &'static str)>| events.into_iter().map(|(e, _)| e).collect();
    let (found, recognized) = match platform {
        Some(Platform::Windows) => {
            record_events(format, index, super::to_records(only_events(events)))
        }
        Some(Platform::Ca) => record_events(
            &crate::platforms::ca::events::FORMAT,
            index,
            super::to_records(only_events(events)),
        ),
        Some(Platform::Ndes) => {
            // The connector's and NDES's events by id; the SCEP pool's
            // crashes (System's WAS 5009, Application Error 1000 of w3wp)
            // and the CAPI2 chain errors by their rendered messages (the
            // UserData result), as their text copies are read.
            let (crashed, rest): (Vec<_>, Vec<_>) = events
                .into_iter()
                .partition(|(e, k)| scep_pool_crash(e, k) || *k == "CAPI2");
            let (mut found, mut recognized) = crate::platforms::ndes::connector::events(
                index,
                rest.into_iter()
                    .map(|(e, key)| (e.line, key, e.id, e.time, e.inserts)),
            );
            if !crashed.is_empty() {
                let (more, n) = record_events(
                    &crate::platforms::ndes::event_text::FORMAT,
                    index,
                    super::to_records(only_events(crashed)),
                );
                found.extend(more);
                recognized += n;
            }
            (found, recognized)
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

/// Why a binary `.evtx` file could not be opened, by the kind of the
/// `evtx` crate's error: a code whose text is `reason.<code>` in the
/// language tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EvtxFault {
    /// The file header (or the input itself) is not one the reader takes.
    Header,
    /// Reading the bytes failed.
    Io,
    /// Anything else the reader reports.
    Other,
}

impl EvtxFault {
    pub fn code(self) -> &'static str {
        match self {
            EvtxFault::Header => "evtx-header",
            EvtxFault::Io => "evtx-io",
            EvtxFault::Other => "evtx-other",
        }
    }

    /// The problem this fault raises.
    pub fn problem(self) -> Problem {
        Problem::coded("evtx-unreadable").param("reason", self.code())
    }
}

#[cfg(feature = "evtx")]
impl From<&::evtx::err::EvtxError> for EvtxFault {
    fn from(e: &::evtx::err::EvtxError) -> EvtxFault {
        use ::evtx::err::EvtxError;
        match e {
            EvtxError::InputError(_) | EvtxError::DeserializationError(_) => EvtxFault::Header,
            EvtxError::IoError(_) => EvtxFault::Io,
            _ => EvtxFault::Other,
        }
    }
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
            out.problems.push(EvtxFault::from(&e).problem());
            return out;
        }
    };
    let mut failed = 0u64;
    // Each record is rendered and read where the parser renders it (on its
    // worker threads, where it has them); its index is its place in the file.
    let records = parser.serialized_records(|record| Ok(xml_event(&record?.into_xml()?.data, 0)));
    for (index, record) in records.enumerate() {
        out.records += 1;
        match record {
            Ok(Some(mut e)) => {
                e.line = index;
                out.events.push(e);
            }
            Ok(None) => {}
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
) -> Result<::evtx::EvtxParser<std::io::Cursor<&[u8]>>, ::evtx::err::EvtxError> {
    // Natively on every core (0: rayon's count) once there are chunks to
    // share (a 4 KiB header, then 64 KiB chunks); one thread in WebAssembly.
    let one_chunk = bytes.len() <= 4096 + 65536;
    let threads = if cfg!(target_arch = "wasm32") || one_chunk {
        1
    } else {
        0
    };
    let settings = ::evtx::ParserSettings::new()
        .num_threads(threads)
        .validate_checksums(false)
        .indent(false);
    // Read in place: a copy of the file was as big again.
    Ok(
        ::evtx::EvtxParser::from_read_seek(std::io::Cursor::new(bytes))?
            .with_configuration(settings),
    )
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

/// A crash of the SCEP application on the NDES server: WAS 5009 for the
/// `SCEP` application pool, or Application Error 1000 of `w3wp.exe` (its
/// first insert names the pool or the program); `key` is its provider's.
fn scep_pool_crash(e: &RawEvent, key: &str) -> bool {
    let first = e.inserts.first().map(|v| v.trim());
    match (key, e.id) {
        ("WAS", Some(5009)) => first.is_some_and(|v| v.eq_ignore_ascii_case("SCEP")),
        ("AppError", Some(1000)) => first.is_some_and(|v| v.eq_ignore_ascii_case("w3wp.exe")),
        _ => false,
    }
}

/// A CAPI2 Operational event logged for IIS's worker process (`w3wp.exe`,
/// where the NDES policy module and the SCEP application run): the NDES
/// server's, not a device's [INF: which process NDES's chains are built in
/// is not published; a device's SCEP client is not w3wp.exe]; `key` is its
/// provider's.
fn ndes_chain(e: &RawEvent, key: &str) -> bool {
    key == "CAPI2"
        && e.process
            .as_deref()
            .is_some_and(|p| p.trim().eq_ignore_ascii_case("w3wp.exe"))
}

#[cfg(test)]
mod tests {
    use super::EvtxFault;

    /// A CAPI2 record of IIS's worker process is the NDES server's; one of
    /// another process (a device's svchost.exe) or without one is not.
    #[test]
    fn capi2_of_w3wp_is_the_ndes_servers() {
        let xml = |process: &str| {
            format!(
                r#"<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Windows-CAPI2" /><EventID>30</EventID></System><UserData><CertVerifyCertificateChainPolicy>{process}<Result value="800B0101">A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file.</Result></CertVerifyCertificateChainPolicy></UserData></Event>"#
            )
        };
        let chain = |process: &str| {
            let event = super::xml_event(&xml(process), 0).unwrap();
            super::ndes_chain(&event, super::super::provider_key(&event.provider))
        };
        assert!(chain(r#"<EventAuxInfo ProcessName="w3wp.exe" />"#));
        assert!(!chain(r#"<EventAuxInfo ProcessName="svchost.exe" />"#));
        assert!(!chain(""));
    }
    use crate::core::lang::Lang;
    use crate::text::i18n::problem_message;

    /// Each kind of unreadable `.evtx` file has its reason in both
    /// languages; the Japanese text holds no English.
    #[test]
    fn every_evtx_fault_reads_in_both_languages() {
        for fault in [EvtxFault::Header, EvtxFault::Io, EvtxFault::Other] {
            let p = fault.problem();
            let (Some(en), Some(ja)) =
                (problem_message(Lang::En, &p), problem_message(Lang::Ja, &p))
            else {
                panic!("{} has no text", fault.code());
            };
            assert!(
                en.starts_with("This .evtx file could not be read: "),
                "{en}"
            );
            assert!(!ja.contains('{') && !ja.contains(" the "), "{ja}");
            assert_ne!(en, ja);
        }
    }
}
