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

use super::csv::{csv_events, csv_row, csv_shape};
use super::event::{bare_template, normalize, RawEvent};
use super::rules as windows;
use super::text::{
    detail_field, flattened, list_field, next_bare_start, row, syncml_node, table_row, text_events,
    Label,
};
use super::xml::xml_events;
use crate::core::model::Platform;
use crate::core::time::LogTime;
use crate::parse::format::{Format, Header, Record};
use crate::parse::literal;
use chrono::NaiveDateTime;
use std::borrow::Cow;

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
    marks: None,
    glued: None,
    split: Some(split),
    rules: windows::rules,
    stream: Some(super::stream::hook),
};

/// Detection only: whether a line looks like part of a Windows event export.
pub(crate) fn header(line: &str) -> Option<Header<'_>> {
    let looks = row(line).is_some()
        || csv_row(line)
        || (literal::contains(line, "\"ProviderName\"") && literal::contains(line, "\"Id\""))
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
        || bare_template(line.trim()).is_some()
        || next_bare_start(line).is_some();
    looks.then_some(Header {
        time: None,
        thread: None,
        process: None,
        message: line,
    })
}

fn xml_marker(line: &str) -> bool {
    // Every marker is a tag: most lines have no `<` (one byte search, where
    // each `contains` below builds a substring searcher).
    if memchr::memchr(b'<', line.as_bytes()).is_none() {
        return false;
    }
    // A WCF trace record (`.svclog`) has an <EventID> too, and is no event.
    if literal::contains(line, "<E2ETraceEvent") {
        return false;
    }
    literal::contains(line, "<Event xmlns=")
        || (literal::contains(line, "<EventID") && literal::contains(line, "</EventID>"))
        || literal::contains(line, "<Provider Name=\"Microsoft-Windows-DeviceManagement")
        || literal::contains(line, "<Provider Name='Microsoft-Windows-DeviceManagement")
}

/// How an export whose first lines are `head` is read: the choice
/// [`split`] makes, made from the first lines (an XML head whose input
/// never closes an `<Event>` is split whole at the end, see
/// [`super::exported`]).
pub enum Shape {
    /// Line by line with [`TextEvents`].
    Text,
    Xml,
    Csv {
        powershell: bool,
    },
}

pub fn shape(head: &[&str]) -> Shape {
    let first = head.get(..head.len().min(200)).unwrap_or_default();
    let details = first
        .iter()
        .any(|l| matches!(detail_field(l), Some((Label::Description, _))));
    let xml = !details
        && first
            .iter()
            .any(|l| literal::contains(l, "<Event") && l.contains('>'));
    if xml {
        return Shape::Xml;
    }
    match csv_shape(head) {
        Some(powershell) => Shape::Csv { powershell },
        None => Shape::Text,
    }
}

/// Splits any text export into one normalized record per event.
pub(crate) fn split<'a>(lines: &[&'a str]) -> Vec<Record<'a>> {
    to_records(raw_events(lines))
}

/// The events of any text export, in file order.
pub(super) fn raw_events(lines: &[&str]) -> Vec<RawEvent> {
    let mut head = lines.iter().take(200);
    // "Copy details as text" ends each event with its XML: the rendered
    // description is the better source there.
    let details = head
        .clone()
        .any(|l| matches!(detail_field(l), Some((Label::Description, _))));
    if !details
        && head.any(|l| literal::contains(l, "<Event") && l.contains('>'))
        && lines.iter().any(|l| literal::contains(l, "</Event>"))
    {
        xml_events(lines)
    } else if let Some(rows) = csv_events(lines) {
        rows
    } else {
        text_events(lines)
    }
}

/// Orders events oldest first and turns them into records.
pub fn to_records<'a>(events: Vec<RawEvent>) -> Vec<Record<'a>> {
    let normalized: Vec<(RawEvent, String)> = events
        .into_iter()
        .filter_map(|e| normalize(&e).map(|t| (e, t)))
        .collect();
    let mut direction = Direction::default();
    for (e, _) in &normalized {
        direction.see(e.time.as_ref());
    }
    ordered(normalized, &direction)
}

/// Normalized events in file order, as records oldest first; `direction`
/// is what their times did. An empty text stands for events that produced
/// nothing: they only keep their neighbours apart, and give no record.
pub(super) fn ordered<'a>(
    mut normalized: Vec<(RawEvent, String)>,
    direction: &Direction,
) -> Vec<Record<'a>> {
    // (Kept in step with `stream::Order`, which does the same as
    // events arrive.)
    if direction.newest_first() {
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
        .filter(|(_, text)| !text.is_empty())
        .map(|(e, text)| Record {
            time: e.time,
            thread: None,
            process: None,
            parts: vec![(e.line, Cow::Owned(text))],
        })
        .collect()
}

/// Which way a log's event times run: Event Viewer lists and saves the
/// newest event first, a `.evtx` holds them oldest first.
#[derive(Default)]
pub(super) struct Direction {
    last: Option<NaiveDateTime>,
    down: usize,
    up: usize,
}

impl Direction {
    /// The next event's time (one without a clock time says nothing).
    pub(super) fn see(&mut self, time: Option<&LogTime>) {
        if let Some(at) = time.and_then(|t| t.at) {
            self.see_at(at);
        }
    }

    /// The next event's clock time.
    pub(super) fn see_at(&mut self, at: NaiveDateTime) {
        match self.last {
            Some(last) if last > at => self.down += 1,
            Some(last) if last < at => self.up += 1,
            _ => {}
        }
        self.last = Some(at);
    }

    /// Whether times went down more often than up.
    pub(super) fn newest_first(&self) -> bool {
        self.down > self.up
    }
}

/// A failure's summary (32), which its detail (307) of the same second precedes.
pub fn is_summary(normalized: &str) -> bool {
    normalized.starts_with("Event 32 DMEDP:")
}

/// A failure's detail (307).
pub fn is_detail(normalized: &str) -> bool {
    normalized.starts_with("Event 307 DMEDP:")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platforms::windows::csv::csv_records;
    use crate::platforms::windows::event::{paren_inserts, render};
    use crate::platforms::windows::read_evtx;
    use crate::platforms::windows::xml::{unescape, xml_event};

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
