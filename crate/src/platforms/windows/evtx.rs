//! A binary Windows event log (.evtx) as a source: which provider wrote it
//! decides its platform, and the device's records are read by the Windows
//! event format's rules.

use aho_corasick::AhoCorasick;

use crate::core::event::Event;
use crate::core::model::Platform;
use crate::core::report::{Problem, Source};
use crate::parse::format::{record_events, Record};
use crate::parse::rules::RuleSet;

use super::event::{normalize, ProviderKeys, RawEvent};
use super::format::{is_detail, is_summary, ordered, Direction};
use super::stream::{can_skip, needles};
#[cfg(feature = "evtx")]
use super::xml::xml_event;

/// A binary Windows event log (.evtx): records rendered to Event XML and
/// read by the Windows event format's rules. Which log it is decides the
/// platform; a log of another provider is named, not guessed at. With
/// `texts`, the kept records' Event XML comes with it.
pub fn evtx_source(
    index: usize,
    name: &str,
    bytes: &[u8],
    texts: bool,
) -> (Source, Vec<Event>, RecordTexts) {
    evtx_source_read(index, name, std::io::Cursor::new(bytes), texts)
}

/// The Event XML of each record a report on a `.evtx` file may cite (those
/// kept: see [`Kept`]), by its 1-based line (the record's place in the
/// file), as the raw view shows them: the page cannot read a big file's
/// records again to show its evidence.
pub type RecordTexts = Vec<(usize, String)>;

/// [`evtx_source`] from a file read where it lies (natively, the file need
/// not be in memory: the parser reads it chunk by chunk).
pub fn evtx_source_read(
    index: usize,
    name: &str,
    reader: impl std::io::Read + std::io::Seek,
    texts: bool,
) -> (Source, Vec<Event>, RecordTexts) {
    let mut kept = Kept {
        keep_texts: texts,
        ..Kept::default()
    };
    let read = super::each_evtx_event(reader, |e, xml| kept.add(e, xml));
    let texts = std::mem::take(&mut kept.texts);
    let (platform, found, recognized) = kept.read(index);
    let mut problems = read.problems;
    if platform.is_none() && (read.records > 0 || problems.is_empty()) {
        problems.push(Problem::coded("evtx-no-scep-provider"));
    }
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
    (source, found, texts)
}

/// What reading a `.evtx` file keeps as its records go by: how many of
/// each log decide its platform, and only the events some reading may
/// take. A run of events that none can (most of a real log: MDM session and
/// policy noise) is kept as one gap, so memory stays flat however many
/// records the file holds, and the report is what keeping them all gave.
#[derive(Default)]
struct Kept {
    keys: ProviderKeys,
    tally: Tally,
    items: Vec<Item>,
    /// What the times of the events with a normalized text did, the gaps'
    /// included (as [`super::to_records`] counts them).
    direction: Direction,
    quiet: Quiet,
    /// The kept events' records as Event XML (on one line, by its number),
    /// when `keep_texts`.
    texts: RecordTexts,
    keep_texts: bool,
}

enum Item {
    /// An event, its log and its normalized text (if it has one).
    Event(Box<RawEvent>, &'static str, Option<String>),
    /// Events no reading takes: they only keep their neighbours apart.
    Gap,
}

/// Events of the logs that decide a `.evtx` file's platform.
#[derive(Default)]
struct Tally {
    dmedp: usize,
    /// The connector's, NDES's, the SCEP pool's crashes and IIS's chains.
    server: usize,
    ca: usize,
    cert_enroll: usize,
}

impl Kept {
    fn add(&mut self, e: RawEvent, xml: String) {
        let key = self.keys.key(&e.provider);
        match key {
            "DMEDP" => self.tally.dmedp += 1,
            "Connector" | "NDES" => self.tally.server += 1,
            "CA" => self.tally.ca += 1,
            "CertEnroll" => self.tally.cert_enroll += 1,
            _ if scep_pool_crash(&e, key) || ndes_chain(&e, key) => self.tally.server += 1,
            _ => {}
        }
        let text = normalize(&e);
        if text.is_some() {
            self.direction.see(e.time.as_ref());
        }
        // The server's readers take these by id and by provider.
        let by_id = matches!(key, "Connector" | "NDES" | "CAPI2" | "WAS" | "AppError");
        match &text {
            Some(text) if !by_id && self.quiet.is_quiet(text) => {
                if !matches!(self.items.last(), Some(Item::Gap)) {
                    self.items.push(Item::Gap);
                }
            }
            // Without a normalized text, only the readers by id see it.
            None if !by_id => {}
            _ => {
                if self.keep_texts {
                    self.texts
                        .push((e.line + 1, xml.replace(['\r', '\n'], " ")));
                }
                self.items.push(Item::Event(Box::new(e), key, text));
            }
        }
    }

    /// Which log the file is, and what its events tell: the events found
    /// and how many records were recognized.
    fn read(self, index: usize) -> (Option<Platform>, Vec<Event>, usize) {
        let tally = &self.tally;
        // A server's Application log holds CertEnroll events too: NDES and
        // its connector decide before them.
        let platform = if tally.dmedp > 0 {
            Platform::Windows
        } else if tally.server > 0 {
            // The connector runs beside NDES: server side, read by its ids.
            Platform::Ndes
        } else if tally.ca > 0 {
            // The CA's Application log: its denials are the answer.
            Platform::Ca
        } else if tally.cert_enroll > 0 {
            Platform::Windows
        } else {
            return (None, Vec::new(), 0);
        };
        let (found, recognized) = match platform {
            Platform::Ca => {
                record_events(&crate::platforms::ca::events::FORMAT, index, self.records())
            }
            Platform::Ndes => self.server_events(index),
            _ => record_events(&super::FORMAT, index, self.records()),
        };
        (Some(platform), found, recognized)
    }

    /// The connector's and NDES's events by id; the SCEP pool's crashes
    /// (System's WAS 5009, Application Error 1000 of w3wp) and the CAPI2
    /// chain errors by their rendered messages (the UserData result), as
    /// their text copies are read.
    fn server_events(self, index: usize) -> (Vec<Event>, usize) {
        let (crashed, rest): (Vec<_>, Vec<_>) = self
            .events()
            .partition(|(e, k)| scep_pool_crash(e, k) || *k == "CAPI2");
        let (mut found, mut recognized) = crate::platforms::ndes::connector::events(
            index,
            rest.into_iter()
                .map(|(e, key)| (e.line, key, e.id, e.time, e.inserts)),
        );
        if !crashed.is_empty() {
            let crashed = crashed.into_iter().map(|(e, _)| e).collect();
            let (more, n) = record_events(
                &crate::platforms::ndes::event_text::FORMAT,
                index,
                super::to_records(crashed),
            );
            found.extend(more);
            recognized += n;
        }
        (found, recognized)
    }

    /// The records the Windows and CA rules read, oldest first.
    fn records<'a>(self) -> Vec<Record<'a>> {
        let normalized = (self.items.into_iter())
            .filter_map(|item| match item {
                Item::Event(e, _, text) => text.map(|t| (*e, t)),
                Item::Gap => Some((RawEvent::default(), String::new())),
            })
            .collect();
        ordered(normalized, &self.direction)
    }

    /// The events kept, with their logs, in file order.
    fn events(self) -> impl Iterator<Item = (RawEvent, &'static str)> {
        (self.items.into_iter()).filter_map(|item| match item {
            Item::Event(e, key, _) => Some((*e, key)),
            Item::Gap => None,
        })
    }
}

/// Whether an event's normalized text is one neither the Windows nor the
/// CA rules read: no needle of theirs, and no 32 or 307 whose order matters.
#[derive(Default)]
struct Quiet {
    windows: Option<Option<AhoCorasick>>,
    ca: Option<Option<AhoCorasick>>,
    can: Option<bool>,
}

impl Quiet {
    fn is_quiet(&mut self, text: &str) -> bool {
        let windows = (super::FORMAT.rules)();
        let ca = (crate::platforms::ca::events::FORMAT.rules)();
        let can = *(self.can).get_or_insert_with(|| can_skip(windows) && can_skip(ca));
        can && !is_summary(text)
            && !is_detail(text)
            && !mentions(&mut self.windows, windows, text)
            && !mentions(&mut self.ca, ca, text)
    }
}

/// Whether a rule needle occurs in `text`.
fn mentions(slot: &mut Option<Option<AhoCorasick>>, rules: &RuleSet, text: &str) -> bool {
    match needles(slot, rules) {
        Some(needles) => needles.is_match(text),
        None => rules.mentions(text),
    }
}

/// Why a binary `.evtx` file could not be opened, by the kind of the
/// `evtx` crate's error: a code whose text is `reason.<code>` in the
/// language tables.
#[cfg(feature = "evtx")]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EvtxFault {
    /// The file header (or the input itself) is not one the reader takes.
    Header,
    /// Reading the bytes failed.
    Io,
    /// Anything else the reader reports.
    Other,
}

#[cfg(feature = "evtx")]
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

/// What reading a `.evtx` file found besides its events.
pub struct EvtxRead {
    /// Records in the file (parsed or not).
    pub records: usize,
    pub problems: Vec<Problem>,
}

/// `ElfFile\0`: the signature of a binary Windows event log.
pub fn is_evtx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"ElfFile\0")
}

/// Reads a binary `.evtx` file whole: its events, in record order.
pub fn read_evtx(bytes: &[u8]) -> Evtx {
    let mut events = Vec::new();
    let read = each_evtx_event(std::io::Cursor::new(bytes), |e, _| events.push(e));
    Evtx {
        events,
        records: read.records,
        problems: read.problems,
    }
}

/// Reads a binary `.evtx` file, handing on its events in record order, each
/// with its record's Event XML: each record is rendered to Event XML (the
/// message text is not stored in the file; EventData gives the inserts).
#[cfg(feature = "evtx")]
pub fn each_evtx_event(
    mut reader: impl std::io::Read + std::io::Seek,
    mut each: impl FnMut(RawEvent, String),
) -> EvtxRead {
    read_events(&mut reader, &mut each)
}

/// What a `.evtx` file is read from: a file where it lies (natively, or
/// through the page's worker) or bytes in memory, as one type, so that the
/// `evtx` parser is compiled once: each reader type was another copy of it
/// in the page's WebAssembly (8 KB).
#[cfg(feature = "evtx")]
trait EvtxInput: std::io::Read + std::io::Seek {}

#[cfg(feature = "evtx")]
impl<T: std::io::Read + std::io::Seek> EvtxInput for T {}

#[cfg(feature = "evtx")]
fn read_events(reader: &mut dyn EvtxInput, each: &mut dyn FnMut(RawEvent, String)) -> EvtxRead {
    let mut out = EvtxRead {
        records: 0,
        problems: Vec::new(),
    };
    let mut parser = match evtx_parser(reader) {
        Ok(p) => p,
        Err(e) => {
            out.problems.push(EvtxFault::from(&e).problem());
            return out;
        }
    };
    let mut failed = 0u64;
    // Each record is rendered and read where the parser renders it (on its
    // worker threads, where it has them); its index is its place in the file.
    let records = parser.serialized_records(|record| {
        let xml = record?.into_xml()?.data;
        Ok(xml_event(&xml, 0).map(|e| (e, xml)))
    });
    for (index, record) in records.enumerate() {
        out.records += 1;
        match record {
            Ok(Some((mut e, xml))) => {
                e.line = index;
                each(e, xml);
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
    reader: &mut dyn EvtxInput,
) -> Result<::evtx::EvtxParser<&mut dyn EvtxInput>, ::evtx::err::EvtxError> {
    use std::io::SeekFrom;
    // Natively on every core (0: rayon's count) once there are chunks to
    // share (a 4 KiB header, then 64 KiB chunks); one thread in WebAssembly.
    let len = reader.seek(SeekFrom::End(0));
    reader.seek(SeekFrom::Start(0))?;
    let one_chunk = len.map_or(true, |len| len <= 4096 + 65536);
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
    Ok(::evtx::EvtxParser::from_read_seek(reader)?.with_configuration(settings))
}

/// The records of a binary `.evtx` file as the raw view shows them: each
/// record's Event XML on line N for record N, as the report cites it (a
/// damaged record is an empty line).
#[cfg(feature = "evtx")]
pub fn evtx_text(bytes: &[u8]) -> String {
    let mut bytes = std::io::Cursor::new(bytes);
    let Ok(mut parser) = evtx_parser(&mut bytes) else {
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
pub fn each_evtx_event(
    _reader: impl std::io::Read + std::io::Seek,
    _each: impl FnMut(RawEvent, String),
) -> EvtxRead {
    EvtxRead {
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

// The fixtures' `.evtx` files need the reader.
#[cfg(feature = "evtx")]
#[cfg(test)]
mod tests {
    use super::{EvtxFault, Item, Kept, Quiet};
    use crate::core::testing::fixture_files;
    use crate::core::time::LogTime;
    use crate::platforms::windows::event::RawEvent;
    use crate::platforms::windows::format::raw_events;

    /// Every small fixture's events as the Windows reader (or the `.evtx`
    /// reader) finds them, whatever the fixture is: the keeping must not
    /// depend on what the events hold.
    fn fixture_events() -> Vec<Vec<RawEvent>> {
        let mut sets = Vec::new();
        for path in fixture_files() {
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            if bytes.len() > 1 << 20 || path.to_string_lossy().ends_with(".json") {
                continue;
            }
            if super::is_evtx(&bytes) {
                sets.push(super::read_evtx(&bytes).events);
                continue;
            }
            let text = String::from_utf8_lossy(&bytes);
            let lines: Vec<&str> = text.lines().collect();
            let events = raw_events(&lines);
            if !events.is_empty() {
                sets.push(events);
            }
        }
        sets
    }

    /// A noise event of a device's or a server's log: MDM policy and
    /// session events, another provider's, one without an id, at the time
    /// of its neighbour or a second on either side.
    fn noise(n: usize, near: Option<&LogTime>) -> RawEvent {
        let (provider, id, message) = match n % 5 {
            0 => (
                "Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider",
                Some(813),
                "MDM PolicyManager: Set policy int, Policy: (DeviceLock/MinDevicePasswordLength), Area: (DeviceLock), EnrollmentID requesting merge: (F1B0…), Current User: (Device), Int: (0x6), Enrollment Type: (0x6), Scope: (0x0).",
            ),
            1 => (
                "Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider",
                Some(208),
                "MDM Session: OMA-DM session started for EnrollmentID (F1B0…) with server: (MS DM Server), Server version: (4.0), Client Version: (1.2), Origin: (0x7), Initiator: (0x0), Mode: (0x2), SessionID: (0x2C), Authentication Type: (0x1).",
            ),
            2 => ("Microsoft-Windows-Security-SPP", Some(16384), "Successfully scheduled Software Protection service for re-start."),
            3 => ("Service Control Manager", None, ""),
            _ => ("Microsoft-Windows-Kernel-General", Some(16), "The access history in hive \\??\\C:\\Users\\x\\ntuser.dat was cleared."),
        };
        let mut time = near.cloned();
        if let Some(at) = time.as_mut().and_then(|t| t.at.as_mut()) {
            *at += chrono::Duration::seconds(n as i64 % 3 - 1);
        }
        RawEvent {
            time,
            id,
            provider: provider.to_string(),
            message: message.to_string(),
            ..RawEvent::default()
        }
    }

    /// `events` with 0–3 noise events after each, numbered as records.
    fn with_noise(events: Vec<RawEvent>, seed: usize) -> Vec<RawEvent> {
        let mut out = Vec::new();
        let mut n = seed;
        for e in events {
            let time = e.time.clone();
            out.push(e);
            n = n.wrapping_mul(1_103_515_245).wrapping_add(12_345) % (1 << 31);
            for k in 0..n % 4 {
                out.push(noise(n / 4 + k, time.as_ref()));
            }
        }
        for (line, e) in out.iter_mut().enumerate() {
            e.line = line;
        }
        out
    }

    fn read(events: Vec<RawEvent>, keep_all: bool) -> (String, usize) {
        let mut kept = Kept::default();
        if keep_all {
            kept.quiet = Quiet {
                can: Some(false),
                ..Quiet::default()
            };
        }
        for e in events {
            kept.add(e, String::new());
        }
        let held = kept.items.len();
        let (platform, found, recognized) = kept.read(0);
        (format!("{platform:?} {recognized} {found:#?}"), held)
    }

    /// Quiet events kept as gaps give the report keeping every event gives,
    /// on every fixture with and without noise around its events; with
    /// noise, fewer items are held.
    #[test]
    fn gaps_for_quiet_events_change_no_report() {
        let mut sets = fixture_events();
        assert!(sets.len() > 20, "{}", sets.len());
        // A failure's summary (32), a quiet event, its detail (307), in one
        // second: the quiet event keeps the two from swapping.
        let time =
            crate::core::time::parse_system_time("2024-08-20T09:49:07.1234567Z").map(LogTime::utc);
        let dmedp = |id: u32, message: &str| RawEvent {
            time: time.clone(),
            id: Some(id),
            provider: "Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider"
                .to_string(),
            message: message.to_string(),
            ..RawEvent::default()
        };
        sets.push(vec![
            dmedp(32, "MDM ConfigurationManager: Command failure status. Configuration Source ID: (F1B0), Enrollment Name: (MDMDeviceWithAAD), Provider Name: (ClientCertificateInstall), Command Type: (Add: from Replace or Add), CSP URI: (./Device/Vendor/MSFT/ClientCertificateInstall/SCEP/ModelName_Key/Install/Enroll), Result: (The hash value is not correct.)."),
            noise(0, time.as_ref()),
            dmedp(307, "SCEP: Certificate enroll failed. Result: (The hash value is not correct.)."),
        ]);
        let (mut held, mut all) = (0, 0);
        for (seed, events) in sets.into_iter().enumerate() {
            let noisy = with_noise(events, seed);
            let again: Vec<RawEvent> = noisy
                .iter()
                .map(|e| RawEvent {
                    line: e.line,
                    time: e.time.clone(),
                    id: e.id,
                    provider: e.provider.clone(),
                    message: e.message.clone(),
                    inserts: e.inserts.clone(),
                    result: e.result.clone(),
                    process: e.process.clone(),
                })
                .collect();
            let (expected, n_all) = read(again, true);
            let (got, n_held) = read(noisy, false);
            assert_eq!(got, expected, "fixture set {seed}");
            held += n_held;
            all += n_all;
        }
        // Each run of noise between two events is one gap.
        assert!(held < all, "{held} of {all} held");
    }

    /// A run of quiet events is one gap.
    #[test]
    fn a_run_of_quiet_events_is_one_gap() {
        let mut kept = Kept::default();
        for n in 0..100 {
            kept.add(noise(n * 5, None), String::new());
        }
        assert!(matches!(kept.items[..], [Item::Gap]));
    }

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
