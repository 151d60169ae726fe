//! Windows event logs: the DeviceManagement-Enterprise-Diagnostics-Provider
//! (DMEDP) Admin channel and the CertEnroll events of the Application log, in
//! every shape Windows tools write them:
//!
//! - Event Viewer list copy: `Level<TAB>Date<TAB>Source<TAB>ID<TAB>Category`,
//!   the message on the next line(s);
//! - Event Viewer "Save All Events As" text (tab-separated, message in the
//!   sixth column) and CSV;
//! - Event Viewer details (`Log Name:` … `Description:` + message), also
//!   flattened onto one line;
//! - Event XML (`<Event xmlns=…>`, `<Events>`, `wevtutil qe /f:xml`) and
//!   binary `.evtx` (rendered to the same XML by the `evtx` crate);
//! - PowerShell `Get-WinEvent | Format-List`, `Format-Table`, `Export-Csv`;
//! - a bare message pasted without any header.
//!
//! Every shape is normalized to one record per event whose text is
//! `Event <id> <provider>: <English message>`, so one rule table
//! ([`crate::platforms::windows::rules`]) reads them all. Labels and message texts
//! are localized on non-English Windows: events are keyed on event id and
//! provider, and a localized message is re-rendered from the English template
//! with its inserts read positionally (the parenthesized values).

use std::borrow::Cow;
use std::sync::OnceLock;

use regex::Regex;

use super::rules as windows;
use crate::core::model::Platform;
use crate::core::report::Problem;
use crate::core::time::{parse_system_time, parse_windows_local, LogTime};
use crate::parse::format::{Format, Header, Record};

pub const FORMAT: Format = Format {
    id: "windows-event-log",
    platform: Platform::Windows,
    title: "Windows event log export (DeviceManagement-Enterprise-Diagnostics-Provider Admin, CertEnroll): Event Viewer copy, details, TXT/CSV/XML, Get-WinEvent",
    samples: &[
        // Event Viewer list copy (the message follows on the next line).
        "Information\t8/20/2024 9:49:44 AM\tDeviceManagement-Enterprise-Diagnostics-Provider\t39\tNone",
        // Japanese Windows.
        "情報\t2024/08/20 9:49:44\tDeviceManagement-Enterprise-Diagnostics-Provider\t36\tなし",
        // "Save All Events As" text, message in the sixth column.
        "Error\t7/2/2025 12:51:06 PM\tMicrosoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider\t32\tNone\tSCEP: Certificate enroll failed. Result: (Unknown Win32 Error code: 0x80072f8f).",
        // "Save All Events As" CSV.
        "Error,7/2/2025 12:51:06 PM,Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider,32,None,\"SCEP: Certificate enroll failed. Result: (Unknown Win32 Error code: 0x80072f8f).\"",
        // Event details.
        "Log Name:      Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider/Admin",
        "Event ID:      306",
        "イベント ID:    306",
        "Ereignis-ID:   306",
        // Event XML.
        "<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\"><System><Provider Name=\"Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider\" Guid=\"{3da494e4-0fe2-415c-b895-fb5265c5c83b}\"/><EventID>39</EventID></System></Event>",
        // Get-WinEvent | Format-List and Format-Table.
        "ProviderName : Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider",
        // Export-Csv header.
        "\"Message\",\"Id\",\"Version\",\"Qualifiers\",\"Level\",\"Task\",\"Opcode\",\"Keywords\",\"RecordId\",\"ProviderName\",\"ProviderId\",\"LogName\",\"ProcessId\",\"ThreadId\",\"MachineName\",\"UserId\",\"TimeCreated\"",
        "7/2/2025 12:51:06 PM             32 Error            SCEP: Certificate enroll failed. Result: (Unknown Win32 Error c...",
        // SyncML as a SyncML viewer shows it.
        "<LocURI>./Device/Vendor/MSFT/RootCATrustedCertificates/Root/5F9A2C7E1B3D4F60718293A4B5C6D7E8F9012345/EncodedCertificate</LocURI>",
        // A message pasted alone.
        "SCEP: Certificate enroll failed. Result: (The hash value is not correct.).",
        "SCEP Certificate enrollment for INTRA\\rudi via https://ndes.intra.adcslabor.de/certsrv/mscep/mscep.dll/pkiclient.exe failed:",
    ],
    header: Some(header),
    split: Some(split),
    rules: windows::rules,
    stream: Some(super::stream::hook),
};

/// Detection only: whether a line looks like part of a Windows event export.
fn header(line: &str) -> Option<Header<'_>> {
    let looks = row(line).is_some()
        || csv_row(line)
        || (line.contains("\"ProviderName\"") && line.contains("\"Id\""))
        || table_row(line).is_some()
        || flattened(line).is_some()
        || list_field(line).is_some_and(|(k, _)| {
            matches!(
                k,
                "TimeCreated" | "ProviderName" | "Id" | "LevelDisplayName"
            )
        })
        || detail_field(line).is_some_and(|(k, _)| k != Label::Description)
        || xml_marker(line)
        || syncml_node(line)
        || bare_template(line.trim()).is_some();
    looks.then_some(Header {
        time: None,
        thread: None,
        process: None,
        message: line,
    })
}

fn xml_marker(line: &str) -> bool {
    line.contains("<Event xmlns=")
        || (line.contains("<EventID") && line.contains("</EventID>"))
        || line.contains("<Provider Name=\"Microsoft-Windows-DeviceManagement")
        || line.contains("<Provider Name='Microsoft-Windows-DeviceManagement")
}

/// One event, whatever shape it came in.
#[derive(Default, Debug)]
pub struct RawEvent {
    /// 0-based line (or record) index where the event starts.
    pub line: usize,
    pub time: Option<LogTime>,
    pub id: Option<u32>,
    pub provider: String,
    /// The rendered message, when the export has it.
    pub message: String,
    /// EventData values in order (XML, .evtx).
    pub inserts: Vec<String>,
    /// CAPI2 events keep their outcome in UserData, not in the message:
    /// `<Result value="800B0109">text</Result>` read as `text (0x800B0109)`.
    pub result: Option<String>,
}

/// Which log an event comes from, as the rules name it.
pub fn provider_key(provider: &str) -> &'static str {
    let p = provider.to_ascii_lowercase();
    if p.contains("devicemanagement-enterprise-diagnostic") {
        "DMEDP"
    } else if p.contains("certenroll") || p.contains("certificateservicesclient") {
        "CertEnroll"
    } else if p.contains("capi2") {
        "CAPI2"
    } else if p.contains("certificateconnector") || p.contains("intune connector") {
        "Connector"
    } else {
        "Other"
    }
}

/// English message templates (`%n` = insert), from the providers' message
/// tables. `None` provider id keys a prefix that identifies a bare message.
struct Template {
    id: u32,
    provider: &'static str,
    /// The message up to its first insert: identifies an English message.
    prefix: &'static str,
    text: &'static str,
}

static TEMPLATES: &[Template] = &[
    Template { id: 32, provider: "DMEDP", prefix: "SCEP: Certificate enroll failed", text: "SCEP: Certificate enroll failed. Result: (%1)." },
    Template { id: 36, provider: "DMEDP", prefix: "SCEP: Certificate request generated successfully", text: "SCEP: Certificate request generated successfully. Enhanced Key Usage: (%1), NDES URL: (%2), Container Name: (%3), KSP Setting: (%4), Store Location: (%5)." },
    Template { id: 37, provider: "DMEDP", prefix: "SCEP: Certificate request sent successfully", text: "SCEP: Certificate request sent successfully." },
    Template { id: 38, provider: "DMEDP", prefix: "SCEP: Certificate response received successfully", text: "SCEP: Certificate response received successfully." },
    Template { id: 39, provider: "DMEDP", prefix: "SCEP: Certificate installed successfully", text: "SCEP: Certificate installed successfully." },
    Template { id: 301, provider: "DMEDP", prefix: "SCEP: Failed CspCreateInstance", text: "SCEP: Failed CspCreateInstance of Node : (%1) Result : (%2)." },
    Template { id: 302, provider: "DMEDP", prefix: "SCEP: Failed CspAddNode", text: "SCEP: Failed CspAddNode : (%1) Result : (%2)." },
    Template { id: 303, provider: "DMEDP", prefix: "SCEP: Failed CspDeleteChild", text: "SCEP: Failed CspDeleteChild for Node : (%1) Result : (%2)." },
    Template { id: 304, provider: "DMEDP", prefix: "SCEP: Failed CspGetValue", text: "SCEP: Failed CspGetValue for Node : (%1) Result : (%2)." },
    Template { id: 305, provider: "DMEDP", prefix: "SCEP: Failed CspSetValue", text: "SCEP: Failed CspSetValue for Node : (%1) Result : (%2)." },
    Template { id: 306, provider: "DMEDP", prefix: "SCEP: CspExecute for UniqueId", text: "SCEP: CspExecute for UniqueId : (%1) InstallUserSid : (%2) InstallLocation : (%3) NodePath : (%4)  KeyProtection: (%5) Result : (%6)." },
    Template { id: 307, provider: "DMEDP", prefix: "SCEP: Failed LogError Message", text: "SCEP: Failed LogError Message : (%1)" },
    Template { id: 308, provider: "DMEDP", prefix: "SCEP: Failed to send Server request", text: "SCEP: Failed to send Server request. ServerUrl : (%1) Result : (%2)" },
    Template { id: 309, provider: "DMEDP", prefix: "SCEP: InstallFromRegEntries", text: "SCEP: InstallFromRegEntries. CorrelationGuid : (%1) UniqueId : (%2) Certificate Thumbprint : (%3) Respondent Server : (%4) Install Status : (%5) Current Retry Count :  (%6) Result : (%7)" },
    Template { id: 256, provider: "DMEDP", prefix: "OmaDmLogOmaDmApiInitiateSession", text: "" },
    Template { id: 400, provider: "DMEDP", prefix: "MDM ConfigurationManager: Command failure status", text: "MDM ConfigurationManager: Command failure status. Configuration Source ID: (%1), Enrollment Name: (%2), Provider Name: (%3), Command Type: (%4), CSP URI: (%5), Result: (%6)." },
    Template { id: 86, provider: "CertEnroll", prefix: "SCEP Certificate enrollment initialization for", text: "SCEP Certificate enrollment initialization for %1 via %2 failed: %3 Method: %4 Stage: %5 %6" },
    Template { id: 87, provider: "CertEnroll", prefix: "SCEP Certificate enrollment for", text: "SCEP Certificate enrollment for %1 via %2 failed: %3 Method: %4 Stage: %5 %6" },
];

fn template(id: u32, provider: &str) -> Option<&'static Template> {
    TEMPLATES
        .iter()
        .find(|t| t.id == id && t.provider == provider)
}

/// The template an English message was rendered from.
fn bare_template(text: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| text.starts_with(t.prefix))
}

/// Fills `%1`…`%n` with the inserts (missing ones stay empty); inserts the
/// template has no place for are kept at the end, so nothing is lost.
fn render(text: &str, inserts: &[String]) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut used = 0;
    let mut rest = text;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        match after.get(..digits).and_then(|d| d.parse::<usize>().ok()) {
            Some(n) if n > 0 => {
                if let Some(v) = inserts.get(n - 1) {
                    out.push_str(v);
                }
                used = used.max(n);
                rest = &after[digits..];
            }
            _ => {
                out.push('%');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    for extra in inserts.iter().skip(used).filter(|v| !v.is_empty()) {
        out.push_str(" (");
        out.push_str(extra);
        out.push(')');
    }
    out
}

/// The parenthesized values of a (localized) message, in order; nested
/// parentheses stay inside their value.
fn paren_inserts(message: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    for c in message.chars() {
        match c {
            '(' | '（' => {
                if depth > 0 {
                    current.push(c);
                }
                depth += 1;
            }
            ')' | '）' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push(std::mem::take(&mut current));
                } else {
                    current.push(c);
                }
            }
            _ if depth > 0 => current.push(c),
            _ => {}
        }
    }
    out
}

/// The normalized text the rules read: `Event <id> <provider>: <English>`.
pub fn normalize(event: &RawEvent) -> Option<String> {
    let message = event.message.trim();
    if let Some(command) = event.provider.strip_prefix("SyncML ") {
        return Some(format!("SyncML {command}: {message}"));
    }
    let guessed = bare_template(message);
    let id = event.id.or(guessed.map(|t| t.id))?;
    let provider = match provider_key(&event.provider) {
        "Other" if event.provider.is_empty() => guessed.map_or("Other", |t| t.provider),
        key => key,
    };
    if let (Some(result), "CAPI2") = (&event.result, provider) {
        return Some(format!("Event {id} CAPI2: Result: {result}"));
    }
    let english = match template(id, provider) {
        Some(t) if message.starts_with(t.prefix) => message.to_string(),
        Some(t) if !t.text.is_empty() => {
            let inserts = if message.is_empty() {
                event.inserts.clone()
            } else {
                paren_inserts(message)
            };
            if message.is_empty() || !inserts.is_empty() || !t.text.contains('%') {
                render(t.text, &inserts)
            } else {
                message.to_string()
            }
        }
        _ if message.is_empty() => event.inserts.join(", "),
        _ => message.to_string(),
    };
    Some(format!("Event {id} {provider}: {english}"))
}

/// Whether an export whose first lines are `head` is read line by line with
/// [`TextEvents`] (so it can stream) — the same choice [`split`] makes.
pub fn streams(head: &[&str]) -> bool {
    let first = head.get(..head.len().min(200)).unwrap_or_default();
    let details = first
        .iter()
        .any(|l| matches!(detail_field(l), Some((Label::Description, _))));
    let xml = !details
        && first
            .iter()
            .any(|l| l.contains("<Event") && l.contains('>'));
    !xml && csv_shape(head).is_none()
}

/// Splits any text export into one normalized record per event.
fn split<'a>(lines: &[&'a str]) -> Vec<Record<'a>> {
    let mut head = lines.iter().take(200);
    // "Copy details as text" ends each event with its XML: the rendered
    // description is the better source there.
    let details = head
        .clone()
        .any(|l| matches!(detail_field(l), Some((Label::Description, _))));
    let events = if !details
        && head.any(|l| l.contains("<Event") && l.contains('>'))
        && lines.iter().any(|l| l.contains("</Event>"))
    {
        xml_events(lines)
    } else if let Some(rows) = csv_events(lines) {
        rows
    } else {
        text_events(lines)
    };
    to_records(events)
}

/// Orders events oldest first and turns them into records.
pub fn to_records<'a>(events: Vec<RawEvent>) -> Vec<Record<'a>> {
    // (Kept in step with `windows_stream::Order`, which does the same as
    // events arrive.)
    let mut normalized: Vec<(RawEvent, String)> = events
        .into_iter()
        .filter_map(|e| normalize(&e).map(|t| (e, t)))
        .collect();
    // Event Viewer lists and saves the newest event first.
    let times: Vec<_> = normalized
        .iter()
        .filter_map(|(e, _)| e.time.as_ref().and_then(|t| t.at))
        .collect();
    let down = times.windows(2).filter(|w| w[0] > w[1]).count();
    let up = times.windows(2).filter(|w| w[0] < w[1]).count();
    if down > up {
        normalized.reverse();
    }
    // Within one second, the failure detail (307) precedes its summary (32).
    for i in 1..normalized.len() {
        let (before, after) = normalized.split_at_mut(i);
        if let (Some(a), Some(b)) = (before.last_mut(), after.first_mut()) {
            if is_summary(&a.1) && is_detail(&b.1) && a.0.time == b.0.time {
                std::mem::swap(a, b);
            }
        }
    }
    normalized
        .into_iter()
        .map(|(e, text)| Record {
            time: e.time,
            thread: None,
            process: None,
            parts: vec![(e.line, Cow::Owned(text))],
        })
        .collect()
}

/// A failure's summary (32), which its detail (307) of the same second precedes.
pub fn is_summary(normalized: &str) -> bool {
    normalized.starts_with("Event 32 DMEDP:")
}

/// A failure's detail (307).
pub fn is_detail(normalized: &str) -> bool {
    normalized.starts_with("Event 307 DMEDP:")
}

// ---------------------------------------------------------------------------
// Line-oriented shapes: list copy, TXT, details, Format-List/Table, bare.

/// Lines one message may hold before it is more likely unrelated text.
const MAX_MESSAGE_LINES: usize = 256;

#[derive(Default)]
struct Pending {
    event: RawEvent,
    lines: Vec<String>,
    /// The message is being read (following lines continue it).
    in_message: bool,
    /// Format-List wraps long values onto indented lines: join with spaces.
    wrapped: bool,
    /// A bare pasted message with no header.
    bare: bool,
    /// Format-List properties already read: a repeated one starts the next event.
    seen: Vec<String>,
    /// The `Event Xml:` part of a details copy is being read.
    in_xml: bool,
    xml: Vec<String>,
}

impl Pending {
    fn start(line: usize) -> Pending {
        Pending {
            event: RawEvent {
                line,
                ..RawEvent::default()
            },
            ..Pending::default()
        }
    }

    fn finish(mut self) -> RawEvent {
        while self.lines.last().is_some_and(|l| l.trim().is_empty()) {
            self.lines.pop();
        }
        let body = if self.wrapped {
            self.lines
                .iter()
                .map(|l| l.trim())
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            self.lines.join("\n")
        };
        let message = [self.event.message.trim(), body.trim()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(if self.wrapped { " " } else { "\n" });
        self.event.message = message;
        if !self.xml.is_empty() {
            self.event.result = xml_result(&self.xml.join("\n"));
        }
        self.event
    }
}

/// The line-oriented shapes, read one line at a time so a long export
/// streams: what a line means depends only on the lines before it (and, for
/// a SyncML setting, on the few after it).
#[derive(Default)]
pub struct TextEvents {
    cur: Option<Pending>,
    table_provider: String,
    /// The SyncML command (Add, Replace, Exec…) the lines below belong to.
    syncml: &'static str,
    /// SCEP Install settings (ServerURL, CAThumbprint…) sent before Enroll.
    settings: Vec<String>,
    /// Events complete so far.
    pub out: Vec<RawEvent>,
}

/// Lines after a SyncML setting that may hold its `<Data>`.
pub const LOOKAHEAD_LINES: usize = 16;

impl TextEvents {
    fn flush(&mut self) {
        if let Some(p) = self.cur.take() {
            self.out.push(p.finish());
        }
    }

    /// Reads line `i`; `following` gives the lines after it (at least
    /// [`LOOKAHEAD_LINES`] of them, or all that are left).
    pub fn line<'f, F>(&mut self, i: usize, raw: &str, following: impl FnOnce() -> F)
    where
        F: Iterator<Item = &'f str>,
    {
        let line = raw.trim_end();
        if let Some(e) = row(line) {
            self.flush();
            let mut p = Pending::start(i);
            p.event = RawEvent { line: i, ..e };
            p.in_message = true;
            self.cur = Some(p);
            return;
        }
        if let Some(mut e) = table_row(line) {
            self.flush();
            e.line = i;
            e.provider = self.table_provider.clone();
            self.out.push(e);
            return;
        }
        if let Some(mut e) = flattened(line) {
            self.flush();
            e.line = i;
            self.out.push(e);
            return;
        }
        if let Some(provider) = line.trim_start().strip_prefix("ProviderName: ") {
            self.table_provider = provider.trim().to_string();
            return;
        }
        if let Some((key, value)) = list_field(line) {
            // `Format-List` prints TimeCreated first, `Format-List *` prints
            // Message first: a property seen twice starts the next event.
            if self
                .cur
                .as_ref()
                .is_none_or(|p| p.bare || p.seen.iter().any(|k| k == key))
            {
                self.flush();
                self.cur = Some(Pending::start(i));
            }
            if let Some(p) = self.cur.as_mut() {
                p.seen.push(key.to_string());
                p.in_message = false;
                match key {
                    "TimeCreated" => p.event.time = local_time(value),
                    "ProviderName" => p.event.provider = value.to_string(),
                    "Id" => p.event.id = value.parse().ok(),
                    "Message" => {
                        p.event.message = value.to_string();
                        p.in_message = true;
                        p.wrapped = true;
                    }
                    _ => {}
                }
            }
            return;
        }
        if let Some((label, value)) = detail_field(line) {
            let starts = label == Label::LogName
                || (label == Label::EventId
                    && self.cur.as_ref().is_some_and(|p| p.event.id.is_some()));
            if starts || self.cur.as_ref().is_none_or(|p| p.bare) {
                self.flush();
                self.cur = Some(Pending::start(i));
            }
            if let Some(p) = self.cur.as_mut() {
                p.in_message = false;
                match label {
                    Label::LogName => {
                        if p.event.provider.is_empty() {
                            p.event.provider = value.split('/').next().unwrap_or("").to_string();
                        }
                    }
                    Label::Source => p.event.provider = value.to_string(),
                    Label::Date => p.event.time = local_time(value),
                    Label::EventId => p.event.id = value.parse().ok(),
                    Label::Description => {
                        p.event.message = value.to_string();
                        p.in_message = true;
                    }
                }
            }
            return;
        }
        let text = line.trim();
        if is_event_xml_label(text) {
            if let Some(p) = self.cur.as_mut() {
                p.in_message = false;
                p.in_xml = true;
            }
            return;
        }
        if let Some(p) = self.cur.as_mut().filter(|p| p.in_xml) {
            if p.xml.len() < MAX_MESSAGE_LINES {
                p.xml.push(text.to_string());
            }
            p.in_xml = !text.contains("</Event>");
            return;
        }
        if let Some(command) = syncml_command(text) {
            self.syncml = command;
        }
        if syncml_node(text) && self.cur.as_ref().is_none_or(|p| !p.in_message || p.bare) {
            self.flush();
            if let Some(node) = scep_install_setting(text) {
                // A setting of the SCEP request: shown with its Enroll command.
                if let Some(value) = syncml_data(following()) {
                    self.settings.push(format!("{node}={value}"));
                }
                return;
            }
            let mut message = text.to_string();
            if text.ends_with("/Install/Enroll</LocURI>") {
                for setting in self.settings.drain(..) {
                    message.push('\t');
                    message.push_str(&setting);
                }
            }
            self.out.push(RawEvent {
                line: i,
                provider: format!("SyncML {}", self.syncml),
                message,
                ..RawEvent::default()
            });
            return;
        }
        let starts_bare = bare_template(text).is_some();
        match self.cur.as_mut() {
            Some(p)
                if p.in_message
                    && !(starts_bare && p.bare)
                    && p.lines.len() < MAX_MESSAGE_LINES =>
            {
                p.lines.push(line.to_string());
            }
            _ if starts_bare => {
                self.flush();
                let mut p = Pending::start(i);
                p.event.message = text.to_string();
                p.in_message = true;
                p.bare = true;
                self.cur = Some(p);
            }
            _ => {}
        }
    }

    /// The input ended: every event.
    pub fn finish(mut self) -> Vec<RawEvent> {
        self.flush();
        self.out
    }
}

fn text_events(lines: &[&str]) -> Vec<RawEvent> {
    let mut reader = TextEvents::default();
    for (i, raw) in lines.iter().enumerate() {
        reader.line(i, raw, || {
            lines.get(i + 1..).unwrap_or_default().iter().copied()
        });
    }
    reader.finish()
}

/// `Event Xml:` (localized: `イベント XML:`, `Ereignis-XML:`), which ends the
/// description in a details copy.
fn is_event_xml_label(text: &str) -> bool {
    text.len() <= 40
        && text
            .strip_suffix(':')
            .or_else(|| text.strip_suffix('：'))
            .is_some_and(|l| l.to_ascii_lowercase().ends_with("xml"))
}

/// SyncML commands, as SyncML viewers and MDM diagnostics print the
/// messages (one element per line).
fn syncml_command(text: &str) -> Option<&'static str> {
    ["Add", "Replace", "Exec", "Delete", "Get", "Atomic"]
        .into_iter()
        .find(|c| {
            text.starts_with('<')
                && text.get(1..=c.len()) == Some(c)
                && text.get(c.len() + 1..c.len() + 2) == Some(">")
        })
}

/// A SyncML target naming a trusted root or a SCEP request.
fn syncml_node(text: &str) -> bool {
    text.contains("<LocURI>./")
        && (text.contains("/Vendor/MSFT/RootCATrustedCertificates/")
            || text.contains("/Vendor/MSFT/ClientCertificateInstall/SCEP/"))
}

/// SCEP Install nodes worth showing as profile settings (never the challenge).
const SCEP_SETTINGS: &[&str] = &[
    "ServerURL",
    "CAThumbprint",
    "KeyLength",
    "KeyUsage",
    "KeyProtection",
    "HashAlgorithm",
    "SubjectName",
    "SubjectAlternativeNames",
    "EKUMapping",
    "TemplateName",
    "ValidPeriod",
    "ValidPeriodUnits",
    "ContainerName",
];

/// The Install node a SCEP setting's target names, if worth showing.
fn scep_install_setting(text: &str) -> Option<&'static str> {
    if !text.contains("/Vendor/MSFT/ClientCertificateInstall/SCEP/") {
        return None;
    }
    let node = text.split("/Install/").nth(1)?.strip_suffix("</LocURI>")?;
    SCEP_SETTINGS.iter().find(|n| **n == node).copied()
}

/// The `<Data>` of the item a target line starts (within the item).
fn syncml_data<'f>(following: impl Iterator<Item = &'f str>) -> Option<String> {
    for line in following.take(LOOKAHEAD_LINES) {
        if let Some((_, rest)) = line.split_once("<Data>") {
            let value = rest.split_once("</Data>").map_or(rest, |(v, _)| v);
            return Some(unescape(value.trim()).replace('\t', " "));
        }
        if line.contains("</Item>") {
            break;
        }
    }
    None
}

fn local_time(value: &str) -> Option<LogTime> {
    parse_windows_local(value).map(LogTime::local)
}

/// A list-copy or "Save as" text row: `Level<TAB>Date<TAB>Source<TAB>ID<TAB>Category[<TAB>Message]`.
fn row(line: &str) -> Option<RawEvent> {
    if !line.contains('\t') {
        return None;
    }
    let fields: Vec<&str> = line.split('\t').collect();
    row_fields(&fields)
}

fn row_fields(fields: &[&str]) -> Option<RawEvent> {
    if fields.len() < 5 {
        return None;
    }
    let time = parse_windows_local(fields.get(1)?.trim())?;
    let id = fields.get(3)?.trim().parse().ok()?;
    Some(RawEvent {
        line: 0,
        time: Some(LogTime::local(time)),
        id: Some(id),
        provider: fields.get(2)?.trim().to_string(),
        message: fields
            .get(5..)
            .map(|m| m.join("\t"))
            .unwrap_or_default()
            .trim()
            .to_string(),
        inserts: Vec::new(),
        result: None,
    })
}

fn table_row_re() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^(\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4} \d{1,2}:\d{2}:\d{2}(?: ?[AaPp][Mm])?)\s+(\d{1,5})\s+(\S+)\s+(.*)$").ok()
    })
    .as_ref()
}

/// A `Get-WinEvent | Format-Table` row: `TimeCreated  Id  Level  Message`.
fn table_row(line: &str) -> Option<RawEvent> {
    if line.contains('\t') {
        return None;
    }
    let caps = table_row_re()?.captures(line)?;
    let time = parse_windows_local(caps.get(1)?.as_str())?;
    Some(RawEvent {
        time: Some(LogTime::local(time)),
        id: caps.get(2)?.as_str().parse().ok(),
        message: caps.get(4)?.as_str().to_string(),
        ..RawEvent::default()
    })
}

fn flattened_re() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"Log Name:\s*\S*\s+Source:\s*(\S+)\s+Date:\s*(.+?)\s+Event ID:\s*(\d+)\s.*?Description:\s*(.*)$").ok()
    })
    .as_ref()
}

/// Event details flattened onto one line (as documentation quotes them).
fn flattened(line: &str) -> Option<RawEvent> {
    if !line.contains("Description:") {
        return None;
    }
    let caps = flattened_re()?.captures(line)?;
    Some(RawEvent {
        time: local_time(caps.get(2)?.as_str()),
        id: caps.get(3)?.as_str().parse().ok(),
        provider: caps.get(1)?.as_str().to_string(),
        message: caps.get(4)?.as_str().trim().to_string(),
        ..RawEvent::default()
    })
}

/// PowerShell `Format-List` property names of an event record.
const LIST_PROPERTIES: &[&str] = &[
    "TimeCreated",
    "ProviderName",
    "Id",
    "Message",
    "LevelDisplayName",
    "Level",
    "RecordId",
    "LogName",
    "MachineName",
    "UserId",
    "ProcessId",
    "ThreadId",
    "TaskDisplayName",
    "OpcodeDisplayName",
    "KeywordsDisplayNames",
    "ContainerLog",
    "ProviderId",
    "Version",
    "Qualifiers",
    "Task",
    "Opcode",
    "Keywords",
    "ActivityId",
    "RelatedActivityId",
    "Properties",
    "Bookmark",
    "MatchedQueryIds",
];

/// `Name   : value` as `Format-List` writes it (property names are never
/// localized).
fn list_field(line: &str) -> Option<(&str, &str)> {
    let (name, value) = line.split_once(" :")?;
    let name = name.trim_end();
    if name.starts_with(' ') || !LIST_PROPERTIES.contains(&name) {
        return None;
    }
    Some((name, value.strip_prefix(' ').unwrap_or(value).trim_end()))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Label {
    LogName,
    Source,
    Date,
    EventId,
    Description,
}

/// Field labels of the Event Viewer details text in common display languages.
const LABELS: &[(&str, Label)] = &[
    ("Log Name", Label::LogName),
    ("ログの名前", Label::LogName),
    ("Protokollname", Label::LogName),
    ("Nom du journal", Label::LogName),
    ("Nombre de registro", Label::LogName),
    ("Source", Label::Source),
    ("ソース", Label::Source),
    ("Quelle", Label::Source),
    ("Origen", Label::Source),
    ("Date", Label::Date),
    ("日付", Label::Date),
    ("Datum", Label::Date),
    ("Fecha", Label::Date),
    ("Event ID", Label::EventId),
    ("イベント ID", Label::EventId),
    ("Ereignis-ID", Label::EventId),
    ("Description", Label::Description),
    ("説明", Label::Description),
    ("Beschreibung", Label::Description),
    ("Descripción", Label::Description),
];

/// `Label:   value` of the details text (two-space indented in some copies).
fn detail_field(line: &str) -> Option<(Label, &str)> {
    let trimmed = line.trim_start();
    let (label, value) = trimmed
        .split_once(':')
        .or_else(|| trimmed.split_once('：'))?;
    let value = value.trim();
    let label = label.trim_end();
    if let Some((_, kind)) = LABELS.iter().find(|(l, _)| *l == label) {
        // A message line such as "Source: …" inside a description would need
        // a date or id value to be taken for a label; these labels always have one.
        let ok = match kind {
            Label::EventId => value.parse::<u32>().is_ok(),
            Label::Date => parse_windows_local(value).is_some(),
            Label::Source | Label::LogName => !value.is_empty() && !value.contains(' '),
            Label::Description => true,
        };
        return ok.then_some((*kind, value));
    }
    // Other languages: an id-like label with a number.
    let id_like = label.len() <= 24 && (label.ends_with("ID") || label.ends_with("Id"));
    (id_like && value.parse::<u32>().is_ok()).then_some((Label::EventId, value))
}

// ---------------------------------------------------------------------------
// CSV: Event Viewer "Save All Events As" CSV and PowerShell Export-Csv.

/// Reads CSV records (quoted fields may span lines), with the line each starts on.
fn csv_records(lines: &[&str]) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut start = 0;
    for (i, line) in lines.iter().enumerate() {
        if !quoted {
            start = i;
        }
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' if quoted && chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                '"' => quoted = !quoted,
                ',' if !quoted => fields.push(std::mem::take(&mut field)),
                _ => field.push(c),
            }
        }
        if quoted && field.len() < 1 << 20 {
            field.push('\n');
        } else {
            quoted = false;
            fields.push(std::mem::take(&mut field));
            out.push((start, std::mem::take(&mut fields)));
        }
    }
    if !fields.is_empty() || !field.is_empty() {
        fields.push(field);
        out.push((start, fields));
    }
    out
}

/// An Event Viewer CSV row on one line.
fn csv_row(line: &str) -> bool {
    !line.contains('\t')
        && line.contains(',')
        && csv_records(&[line]).first().is_some_and(|(_, f)| {
            let f: Vec<&str> = f.iter().map(String::as_str).collect();
            row_fields(&f).is_some()
        })
}

/// Whether the first lines are a CSV export: `Some(true)` for PowerShell's
/// `Export-Csv` (a header row names the columns), `Some(false)` for Event
/// Viewer's "Save As" CSV.
fn csv_shape(lines: &[&str]) -> Option<bool> {
    let first = lines
        .iter()
        .take(20)
        .map(|l| l.trim())
        .filter(|l| !l.is_empty() && !l.starts_with("#TYPE"))
        .take(3)
        .collect::<Vec<_>>();
    let powershell = first
        .iter()
        .any(|l| l.contains("\"ProviderName\"") && l.contains("\"Id\""));
    let viewer = first.iter().any(|l| csv_row(l));
    (powershell || viewer).then_some(powershell)
}

fn csv_events(lines: &[&str]) -> Option<Vec<RawEvent>> {
    let powershell = csv_shape(lines)?;
    let records = csv_records(lines);
    let mut out = Vec::new();
    let mut columns: Option<(usize, usize, usize, usize)> = None;
    for (line, fields) in records {
        if powershell && columns.is_none() {
            let find = |name: &str| fields.iter().position(|f| f == name);
            if let (Some(m), Some(id), Some(p), Some(t)) = (
                find("Message"),
                find("Id"),
                find("ProviderName"),
                find("TimeCreated"),
            ) {
                columns = Some((m, id, p, t));
            }
            continue;
        }
        if let Some((m, id, p, t)) = columns {
            let get = |i: usize| fields.get(i).map_or("", |s| s.as_str());
            out.push(RawEvent {
                line,
                time: local_time(get(t)),
                id: get(id).trim().parse().ok(),
                provider: get(p).to_string(),
                message: get(m).to_string(),
                inserts: Vec::new(),
                result: None,
            });
        } else {
            let f: Vec<&str> = fields.iter().map(String::as_str).collect();
            if let Some(e) = row_fields(&f) {
                out.push(RawEvent { line, ..e });
            }
        }
    }
    Some(out)
}

// ---------------------------------------------------------------------------
// Event XML and .evtx.

struct XmlRegexes {
    event: Regex,
    provider: Regex,
    id: Regex,
    time: Regex,
    data: Regex,
    message: Regex,
    result: Regex,
}

fn xml_regexes() -> Option<&'static XmlRegexes> {
    static RE: OnceLock<Option<XmlRegexes>> = OnceLock::new();
    RE.get_or_init(|| {
        Some(XmlRegexes {
            event: Regex::new(r"(?s)<Event[\s>].*?</Event>").ok()?,
            provider: Regex::new(r#"<Provider\s+Name\s*=\s*['"]([^'"]*)['"]"#).ok()?,
            id: Regex::new(r"<EventID[^>]*>\s*(\d+)\s*</EventID>").ok()?,
            time: Regex::new(r#"<TimeCreated\s+SystemTime\s*=\s*['"]([^'"]*)['"]"#).ok()?,
            data: Regex::new(
                r#"(?s)<Data(?:\s+Name\s*=\s*['"][^'"]*['"])?\s*(?:/>|>(.*?)</Data>)"#,
            )
            .ok()?,
            message: Regex::new(r"(?s)<Message>(.*?)</Message>").ok()?,
            result: Regex::new(
                r#"(?s)<Result\s+value\s*=\s*['"]([0-9A-Fa-f]{1,8})['"]\s*(?:/>|>(.*?)</Result>)"#,
            )
            .ok()?,
        })
    })
    .as_ref()
}

fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let Some(end) = after.find(';').filter(|&e| e <= 10) else {
            out.push('&');
            rest = &after[1..];
            continue;
        };
        let entity = &after[1..end];
        let c = match entity {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `<Result value="800B0109">text</Result>` (CAPI2 UserData) as
/// `text (0x800B0109)`; `None` for no result or a success (value 0).
fn xml_result(xml: &str) -> Option<String> {
    let caps = xml_regexes()?.result.captures(xml)?;
    let value = caps.get(1)?.as_str();
    let code = u32::from_str_radix(value, 16).ok().filter(|&c| c != 0)?;
    let text = caps
        .get(2)
        .map_or(String::new(), |m| unescape(m.as_str().trim()));
    Some(if text.is_empty() {
        format!("0x{code:08X}")
    } else {
        format!("{text} (0x{code:08X})")
    })
}

/// One `<Event>` element; `line` is where it starts.
pub fn xml_event(xml: &str, line: usize) -> Option<RawEvent> {
    let re = xml_regexes()?;
    let get = |r: &Regex| {
        r.captures(xml)
            .and_then(|c| c.get(1))
            .map(|m| unescape(m.as_str()))
    };
    Some(RawEvent {
        line,
        time: get(&re.time)
            .and_then(|t| parse_system_time(&t))
            .map(LogTime::utc),
        id: get(&re.id).and_then(|i| i.parse().ok()),
        provider: get(&re.provider).unwrap_or_default(),
        message: get(&re.message).unwrap_or_default(),
        inserts: re
            .data
            .captures_iter(xml)
            .map(|c| {
                c.get(1)
                    .map_or(String::new(), |m| unescape(m.as_str().trim()))
            })
            .collect(),
        result: xml_result(xml),
    })
}

fn xml_events(lines: &[&str]) -> Vec<RawEvent> {
    let Some(re) = xml_regexes() else {
        return Vec::new();
    };
    let text = lines.join("\n");
    let mut out = Vec::new();
    let mut line = 0;
    let mut counted = 0;
    for m in re.event.find_iter(&text) {
        line += text
            .get(counted..m.start())
            .map_or(0, |s| s.matches('\n').count());
        counted = m.start();
        if let Some(e) = xml_event(m.as_str(), line) {
            out.push(e);
        }
    }
    out
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
) -> Result<evtx::EvtxParser<std::io::Cursor<Vec<u8>>>, evtx::err::EvtxError> {
    let settings = evtx::ParserSettings::new()
        .num_threads(1)
        .validate_checksums(false)
        .indent(false);
    Ok(evtx::EvtxParser::from_buffer(bytes.to_vec())?.with_configuration(settings))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &str) -> Vec<String> {
        let lines: Vec<&str> = input.lines().collect();
        split(&lines)
            .into_iter()
            .map(|r| {
                r.parts
                    .iter()
                    .map(|(_, t)| t.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect()
    }

    #[test]
    fn list_copy_takes_the_message_from_the_next_line() {
        let t = texts("Information\t8/20/2024 9:49:44 AM\tDeviceManagement-Enterprise-Diagnostics-Provider\t39\tNone\nSCEP: Certificate installed successfully.\n");
        assert_eq!(
            t,
            ["Event 39 DMEDP: SCEP: Certificate installed successfully."]
        );
    }

    #[test]
    fn localized_messages_are_rendered_in_english_from_their_inserts() {
        let t = texts("エラー\t2024/08/20 9:49:44\tDeviceManagement-Enterprise-Diagnostics-Provider\t32\tなし\nSCEP: 証明書の登録に失敗しました。結果: (ハッシュ値が正しくありません。)。\n");
        assert_eq!(
            t,
            ["Event 32 DMEDP: SCEP: Certificate enroll failed. Result: (ハッシュ値が正しくありません。)."]
        );
    }

    #[test]
    fn details_one_or_many_and_flattened() {
        let block = "Log Name:      Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider/Admin\nSource:        Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider\nDate:          8/20/2024 9:49:44 AM\nEvent ID:      39\nTask Category: None\nLevel:         Information\nKeywords:\nUser:          S-1-5-18\nComputer:      PC01\nDescription:\nSCEP: Certificate installed successfully.\n";
        let two = format!(
            "{block}\n{}",
            block
                .replace("Event ID:      39", "Event ID:      38")
                .replace("installed", "response received")
        );
        assert_eq!(texts(&two).len(), 2);
        let flat = "Log Name: Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider/Admin Source: Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider Date: 8/20/2024 9:49:44 AM Event ID: 39 Task Category: None Level: Information Keywords: User: S-1-5-18 Computer: PC01 Description: SCEP: Certificate installed successfully.";
        assert_eq!(
            texts(flat),
            ["Event 39 DMEDP: SCEP: Certificate installed successfully."]
        );
    }

    #[test]
    fn details_copy_with_event_xml_reads_the_description() {
        let copy = "Log Name:      Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider/Admin\nSource:        Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider\nDate:          8/20/2024 9:49:44 AM\nEvent ID:      39\nTask Category: None\nLevel:         Information\nKeywords:      \nUser:          S-1-5-18\nComputer:      PC01\nDescription:\nSCEP: Certificate installed successfully.\nEvent Xml:\n<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\">\n  <System>\n    <Provider Name=\"Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider\" />\n    <EventID>39</EventID>\n    <TimeCreated SystemTime=\"2024-08-20T16:49:44.1230000Z\" />\n  </System>\n  <EventData>\n  </EventData>\n</Event>\n";
        let lines: Vec<&str> = copy.lines().collect();
        let r = split(&lines);
        assert_eq!(r.len(), 1);
        assert_eq!(
            r[0].parts[0].1,
            "Event 39 DMEDP: SCEP: Certificate installed successfully."
        );
        assert_eq!(
            r[0].time.as_ref().map(|t| t.basis),
            Some(crate::core::time::TimeBasis::Local)
        );
    }

    #[test]
    fn format_list_joins_wrapped_lines() {
        let t = texts("TimeCreated  : 7/2/2025 12:51:06 PM\nProviderName : Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider\nId           : 32\nMessage      : SCEP: Certificate enroll failed. Result: (Unknown Win32 Error code:\n               0x80072f8f).\n");
        assert_eq!(
            t,
            ["Event 32 DMEDP: SCEP: Certificate enroll failed. Result: (Unknown Win32 Error code: 0x80072f8f)."]
        );
    }

    #[test]
    fn format_list_star_starts_with_the_message() {
        let block = "Message              : SCEP: Certificate installed successfully.\nId                   : 39\nVersion              : 0\nLevel                : 4\nProviderName         : Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider\nTimeCreated          : 7/2/2025 12:51:06 PM\n\n";
        let two = format!(
            "{block}{}",
            block
                .replace("installed", "response received")
                .replace(": 39", ": 38")
        );
        let lines: Vec<&str> = two.lines().collect();
        let r = split(&lines);
        assert_eq!(r.len(), 2);
        assert!(r.iter().all(|r| r.time.is_some()));
    }

    #[test]
    fn xml_inserts_fill_the_template() {
        let xml = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider'/><EventID>32</EventID><TimeCreated SystemTime='2025-07-02T19:51:06.1234567Z'/></System><EventData><Data Name='Message1'>Unknown Win32 Error code: 0x80072f8f</Data></EventData></Event>";
        assert_eq!(
            texts(xml),
            ["Event 32 DMEDP: SCEP: Certificate enroll failed. Result: (Unknown Win32 Error code: 0x80072f8f)."]
        );
    }

    #[test]
    fn format_table_rows_take_the_group_provider() {
        let t = texts("\n   ProviderName: Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider\n\nTimeCreated                      Id LevelDisplayName Message\n-----------                      -- ---------------- -------\n7/2/2025 12:51:06 PM             32 Error            SCEP: Certificate enroll failed. Result: (Unknown Win32 Error c...\n7/2/2025 12:51:04 PM            306 Information      SCEP: CspExecute for UniqueId : (ModelName_AC_51bad41f-3854-4eb5-a2f2...\n");
        assert_eq!(t.len(), 2);
        assert!(t[0].starts_with("Event 306 DMEDP: SCEP: CspExecute"));
        assert!(t[1].starts_with("Event 32 DMEDP: SCEP: Certificate enroll failed."));
    }

    #[test]
    fn localized_details_labels() {
        let ja = "ログの名前:         Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider/Admin\nソース:           Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider\n日付:            2024/08/20 9:49:44\nイベント ID:       39\nタスクのカテゴリ:      なし\nレベル:           情報\nキーワード:         \nユーザー:          SYSTEM\nコンピューター:       PC01\n説明:\nSCEP: Certificate installed successfully.\n";
        assert_eq!(
            texts(ja),
            ["Event 39 DMEDP: SCEP: Certificate installed successfully."]
        );
        let de = "Protokollname: Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider/Admin\nQuelle:        Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider\nDatum:         20.08.2024 09:49:44\nEreignis-ID:   39\nAufgabenkategorie:Keine\nEbene:         Informationen\nSchlüsselwörter:\nBenutzer:      SYSTEM\nComputer:      PC01\nBeschreibung:\nSCEP: Certificate installed successfully.\n";
        let lines: Vec<&str> = de.lines().collect();
        let r = split(&lines);
        assert_eq!(r.len(), 1);
        assert_eq!(
            r[0].time.as_ref().map(|t| t.text.as_str()),
            Some("2024-08-20T09:49:44.000")
        );
    }

    #[test]
    fn wevtutil_events_on_one_line_with_utc_times() {
        let one = |id: u32, t: &str| {
            format!("<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider' Guid='{{3da494e4-0fe2-415c-b895-fb5265c5c83b}}'/><EventID>{id}</EventID><TimeCreated SystemTime='{t}'/></System><EventData></EventData></Event>")
        };
        let line = format!(
            "{}{}",
            one(39, "2024-08-20T16:49:44.000Z"),
            one(38, "2024-08-20T16:49:43.000Z")
        );
        let lines = [line.as_str()];
        let r = split(&lines);
        assert_eq!(r.len(), 2);
        // wevtutil /rd:true lists newest first: put back in order.
        assert_eq!(
            r[0].time.as_ref().map(|t| (t.text.as_str(), t.basis)),
            Some((
                "2024-08-20T16:49:43.000Z",
                crate::core::time::TimeBasis::Utc
            ))
        );
    }

    #[test]
    fn other_providers_keep_their_ids_apart() {
        let t = texts(
            "Error\t8/20/2024 9:49:44 AM\tSome-Other-Provider\t32\tNone\nSomething else failed.\n",
        );
        assert_eq!(t, ["Event 32 Other: Something else failed."]);
    }

    #[test]
    fn csv_fields_span_lines_and_quotes() {
        let r = csv_records(&["a,\"b \"\"x\"\"\",\"c", "d\",e"]);
        assert_eq!(
            r,
            [(
                0,
                vec!["a".into(), "b \"x\"".into(), "c\nd".into(), "e".into()]
            )]
        );
    }

    #[test]
    fn newest_first_is_put_in_order() {
        let t = texts("Information\t8/20/2024 9:49:53 AM\tDeviceManagement-Enterprise-Diagnostics-Provider\t39\tNone\nSCEP: Certificate installed successfully.\nInformation\t8/20/2024 9:49:44 AM\tDeviceManagement-Enterprise-Diagnostics-Provider\t37\tNone\nSCEP: Certificate request sent successfully.\n");
        assert!(t[0].starts_with("Event 37"));
    }

    #[test]
    fn render_and_unescape() {
        assert_eq!(
            render("a %1 b %2 %3%", &["x".into(), "y".into()]),
            "a x b y %"
        );
        assert_eq!(
            unescape("&lt;a&gt; &amp;&#x41;&#66;&bogus"),
            "<a> &AB&bogus"
        );
        assert_eq!(paren_inserts("x (a (b)) y (c)"), ["a (b)", "c"]);
    }

    #[test]
    fn capi2_result_is_read_from_user_data() {
        let xml = r#"<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Windows-CAPI2" Guid="{5bbca4a8-b209-48dc-a8c7-b23d3e5216fb}"/><EventID>11</EventID><Level>2</Level><TimeCreated SystemTime="2025-05-06T08:14:21.2810044Z"/><Channel>Microsoft-Windows-CAPI2/Operational</Channel></System><UserData><CertGetCertificateChain><Result value="80092013">The revocation function was unable to check revocation because the revocation server was offline.</Result></CertGetCertificateChain></UserData></Event>"#;
        let e = xml_event(xml, 0).unwrap();
        assert_eq!(
            normalize(&e).unwrap(),
            "Event 11 CAPI2: Result: The revocation function was unable to check revocation because the revocation server was offline. (0x80092013)"
        );
        // A success (value 0) or no Result: nothing to read.
        let ok = xml.replace("80092013", "0");
        assert_eq!(xml_event(&ok, 0).unwrap().result, None);
        // In a details copy the description is a pointer; the XML has the result.
        let copy = format!("Log Name:      Microsoft-Windows-CAPI2/Operational\nSource:        Microsoft-Windows-CAPI2\nDate:          5/6/2025 10:14:21 AM\nEvent ID:      30\nTask Category: Verify Chain Policy\nLevel:         Error\nDescription:\nFor more details for this event, please refer to the \"Details\" section\nEvent Xml:\n{}\n", xml.replace("<Result value=\"80092013\">The revocation function was unable to check revocation because the revocation server was offline.</Result>", "<Result value=\"800B0109\">A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider.</Result>"));
        assert_eq!(
            texts(&copy),
            ["Event 30 CAPI2: Result: A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider. (0x800B0109)"]
        );
    }

    #[test]
    fn evtx_garbage_is_a_problem_not_a_panic() {
        let e = read_evtx(b"ElfFile\0garbage");
        assert!(e.events.is_empty());
        assert!(!e.problems.is_empty());
    }
}
