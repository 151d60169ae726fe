//! The NDES server's events as admins copy them out of Event Viewer, not as
//! `.evtx`: the Certificate Connector's Admin and Operational events, the
//! NDES service's Application events, and the server events that explain a
//! failing SCEP application (WAS 5009: the `SCEP` application pool's worker
//! process ended; Application Error 1000: `w3wp.exe` crashed; ASP.NET 1310
//! event code 3007: the registration point did not compile) and the CAPI2
//! Operational log's chain errors (11, 30) of NDES's worker process. Any shape the
//! Windows reader takes (list copy, details, "Save All Events As" TXT/CSV,
//! Event XML, Get-WinEvent) is split by it
//! ([`crate::platforms::windows::format`]) into `Event <id> <provider>:
//! <message>` records; an event of the connector or of NDES then proves what
//! the same event read from `.evtx` proves ([`super::connector::signal`],
//! [`super::events::signal`]), so a copy and the file tell one story.

use std::sync::OnceLock;

use regex::Captures;

use crate::core::event::{FindingRef, Outcome, Signal, Subject, What};
use crate::core::model::Platform;
use std::borrow::Cow;

use crate::parse::format::{Format, Record};
use crate::parse::needles::AnyLiteral;
use crate::parse::rules::{cap, Rule, RuleSet};
use crate::platforms::windows::format as windows;

pub const FORMAT: Format = Format {
    id: "ndes-event-log",
    platform: Platform::Ndes,
    title: "NDES server events (Certificate Connector Admin/Operational, NDES Application log, the SCEP application pool's crashes, CAPI2 Operational chain errors): Event Viewer copy, details, TXT/CSV/XML, Get-WinEvent",
    samples: &[
        // Event Viewer list copy of the connector's Admin log.
        "Information\t9/9/2026 8:08:12 PM\tMicrosoft-Intune-CertificateConnectors\t4000\tNone",
        // Details copy of an NDES service event.
        "Source:        Microsoft-Windows-NetworkDeviceEnrollmentService",
        // Its message pasted alone.
        "The Network Device Enrollment Service cannot submit the certificate request (0x800706ba). The RPC server is unavailable.",
        // WAS 5009 on the NDES server.
        "A process serving application pool 'SCEP' terminated unexpectedly. The process id was '4120'. The process exit code was '0xc0000374'.",
        // A CAPI2 Operational event's process in its Event XML.
        "      <EventAuxInfo ProcessName=\"w3wp.exe\" />",
    ],
    header: Some(windows::header),
    marks: Some(marks),
    glued: None,
    split: Some(split),
    rules,
    stream: None,
};

/// What names the server's providers or their messages in a line: enough
/// for detection to prefer this reading over the device reader's (which
/// registers first and wins ties).
const MARKS: [&str; 7] = [
    "CertificateConnectors",
    "NetworkDeviceEnrollmentService",
    "The Network Device Enrollment Service ",
    "application pool 'SCEP'",
    "Faulting application name: w3wp.exe",
    "SCEP request",
    // A CAPI2 Operational event's process (`<EventAuxInfo
    // ProcessName="w3wp.exe" />` in its UserData): the NDES policy module
    // and the SCEP application run in IIS's worker process, a device's SCEP
    // client does not [INF: the element is seen in CAPI2 events; which
    // process NDES's chains are built in is not published].
    "ProcessName=\"w3wp.exe\"",
];

/// One search for all of them ([`AnyLiteral`]): detection asks every line,
/// and each `contains` would build its own searcher.
fn marks(line: &str) -> bool {
    static SEARCH: OnceLock<Option<AnyLiteral>> = OnceLock::new();
    match SEARCH.get_or_init(|| AnyLiteral::new(&MARKS)) {
        Some(search) => search.is_match(line),
        None => MARKS.iter().any(|m| line.contains(m)),
    }
}

/// The Windows reader's records, each connector Admin event (4000–4002:
/// one event per request) marked with its ordinal (`Event 4000 Connector
/// #3: …`) so it is a story of its own, as it is read from `.evtx`.
fn split<'a>(lines: &[&'a str]) -> Vec<Record<'a>> {
    let mut records = windows::split(lines);
    for (k, record) in records.iter_mut().enumerate() {
        if let Some((_, text)) = record.parts.first_mut() {
            let admin = [
                "Event 4000 Connector:",
                "Event 4001 Connector:",
                "Event 4002 Connector:",
            ];
            if let Some(head) = admin.iter().find(|h| text.starts_with(**h)) {
                let rest = text.get(head.len()..).unwrap_or_default();
                let id = head.get(6..10).unwrap_or_default();
                *text = Cow::Owned(format!("Event {id} Connector #{}:{rest}", k + 1));
            }
        }
    }
    records
}

pub fn rules() -> &'static RuleSet {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| RuleSet::new(RULES))
}

static RULES: &[Rule] = &[
    // Detection only: the providers' names in an export's columns (the
    // normalized records name them by key, below).
    Rule {
        name: "connector-provider",
        needle: "CertificateConnectors",
        pattern: r"CertificateConnectors",
        build: |_| None,
    },
    Rule {
        name: "ndes-provider",
        needle: "NetworkDeviceEnrollmentService",
        pattern: r"NetworkDeviceEnrollmentService",
        build: |_| None,
    },
    Rule {
        name: "connector-event",
        needle: " Connector",
        pattern: r"(?s)^Event (\d+) Connector(?: #(\d+))?: ?(.*)$",
        build: |c| {
            let id = cap(c, 1).parse().ok()?;
            let (subject, signal) = super::connector::signal(id, &[cap(c, 3)])?;
            match cap(c, 2).parse::<usize>() {
                Ok(record) => Some((super::connector::admin_request(id, record), signal)),
                Err(_) => Some((subject, signal)),
            }
        },
    },
    Rule {
        name: "ndes-event",
        needle: " NDES: ",
        pattern: r"(?s)^Event (\d+) NDES: ?(.*)$",
        build: ndes_event,
    },
    // A bare NDES message (no provider column), e.g. pasted alone.
    Rule {
        name: "ndes-message",
        needle: "The Network Device Enrollment Service ",
        pattern: r"(?s)^Event (\d+) Other: ?(The Network Device Enrollment Service .*)$",
        build: ndes_event,
    },
    // CAPI2 Operational 11 (Build Chain) and 30 (Verify Chain Policy) with
    // their UserData `<Result value="…">` (read as `text (0x…)`): only the
    // two documented server failures are read, by their codes (the element
    // names around them are not in Microsoft's SCEP articles; the codes and
    // texts are): 0x800B0109 after a CA renewal (MS-CAREN), 0x800B0101 the
    // expired client authentication certificate (MS-STEP34, MS-NOASSIGN).
    // A server builds chains for every program, so anything else is no
    // evidence about SCEP.
    Rule {
        name: "capi2-chain-error",
        needle: " CAPI2: Result: ",
        pattern: r"^Event (11|30) CAPI2: Result: (.*\(0x800B01(?:09|01)\))\s*$",
        build: |c| capi2(cap(c, 1), cap(c, 2)),
    },
    Rule {
        name: "scep-app-pool-ended",
        needle: "application pool 'SCEP'",
        pattern: r"application pool 'SCEP' terminated unexpectedly\.(?:[^\n]*exit code was '(0x[0-9A-Fa-f]+)')?",
        build: |c| {
            server_failure(
                "ndes.scep-pool-ended",
                "ndes.event-scep-pool-ended",
                cap(c, 1),
            )
        },
    },
    Rule {
        name: "w3wp-crashed",
        needle: "Faulting application name: w3wp.exe",
        pattern: r"(?s)Faulting application name: w3wp\.exe.*?(?:Faulting module name: ([^,\n]+))?(?:.*?Exception code: (0x[0-9A-Fa-f]+))?",
        build: |c| {
            let detail = [cap(c, 1).trim(), cap(c, 2)]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            server_failure("ndes.w3wp-crashed", "ndes.event-w3wp-crashed", &detail)
        },
    },
    Rule {
        name: "aspnet-compilation-error",
        needle: "Event code: 3007",
        pattern: r"Event code: 3007",
        build: |_| {
            server_failure(
                "ndes.aspnet-compilation",
                "ndes.event-aspnet-compilation",
                "",
            )
        },
    },
];

/// An NDES service event: its id, and its error as `(0x…). text` in the
/// message (the two inserts an `.evtx` record carries).
fn ndes_event(c: &Captures) -> Option<(Subject, Signal)> {
    let id = cap(c, 1).parse().ok()?;
    let message = cap(c, 2);
    let inserts = match message.split_once("(0x") {
        Some((_, rest)) => {
            let (code, text) = rest.split_once(')').unwrap_or((rest, ""));
            vec![
                format!("0x{code}"),
                text.trim_start_matches('.').trim().to_string(),
            ]
        }
        None => Vec::new(),
    };
    super::events::signal(id, &inserts)
}

/// A CAPI2 chain error on the NDES server: it joins the latest client's
/// story (keeping its finding), or speaks for the server.
fn capi2(id: &str, result: &str) -> Option<(Subject, Signal)> {
    let line = if id == "11" {
        "ndes.capi2-build-chain"
    } else {
        "ndes.capi2-chain-policy"
    };
    let (finding, step) = if result.ends_with("(0x800B0101)") {
        ("ndes.client-cert-expired", 3)
    } else {
        ("ndes.capi2-untrusted-root", 2)
    };
    let what = What::new(line).param("result", result);
    let signal = Signal::new(None, step, Outcome::Failed, what)
        .with_finding(FindingRef::new(finding).param("result", result));
    Some((Subject::Supporting, signal))
}

/// A server event that explains a failing SCEP application (step 2).
fn server_failure(
    line: &'static str,
    finding: &'static str,
    detail: &str,
) -> Option<(Subject, Signal)> {
    let what = What::new(line).param("detail", detail);
    let signal = Signal::new(None, 2, Outcome::Failed, what)
        .with_finding(FindingRef::new(finding).param("detail", detail));
    Some((Subject::Platform, signal))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::format::split_texts;

    /// The skip loop (WebAssembly's) and the regex (native) say what
    /// `contains` says, for every mark alone, inside noise and cut by a
    /// byte.
    #[test]
    fn the_skip_search_finds_the_marks_contains_finds() {
        let skip = AnyLiteral::with_skip(&MARKS, true).unwrap();
        let regex = AnyLiteral::with_skip(&MARKS, false).unwrap();
        let mut lines = vec![String::new(), "Information 9/9/2026 NDES".to_string()];
        for mark in MARKS {
            lines.push(mark.to_string());
            lines.push(format!("Error\t9/9/2026 8:08 PM\t{mark}\t4000\tNone"));
            lines.push(mark[..mark.len() - 1].to_string());
            lines.push(format!("x{}", &mark[1..]));
        }
        for line in &lines {
            let contains = MARKS.iter().any(|m| line.contains(m));
            assert_eq!(skip.is_match(line), contains, "{line:?}");
            assert_eq!(regex.is_match(line), contains, "{line:?}");
            assert_eq!(marks(line), contains, "{line:?}");
        }
    }

    #[test]
    fn a_list_copy_gives_the_ids_the_evtx_reader_reads() {
        let text = "Information\t9/9/2026 8:08:12 PM\tMicrosoft-Intune-CertificateConnectors\t4000\tNone\nSuccessfully processed a SCEP request and notified Intune.\nError\t9/9/2026 8:09:12 PM\tMicrosoft-Windows-NetworkDeviceEnrollmentService\t10\tNone\nThe Network Device Enrollment Service cannot retrieve one of its required certificates (0x80070057). The parameter is incorrect.\n";
        let records = split_texts(windows::split, text);
        assert_eq!(records.len(), 2, "{records:?}");
        assert!(records[1].starts_with("Event 10 NDES: "), "{records:?}");
        let mut found = Vec::new();
        for r in &records {
            rules().apply(r, |_, _, signal| found.push(signal.what.code));
        }
        assert_eq!(found, ["ndes.connector-processed", "ndes.server-event"]);
    }

    /// The connector's Operational log saved as XML and the same events as
    /// `.evtx` tell one story: same certificates, steps, times and lines.
    #[test]
    fn an_xml_copy_and_the_evtx_tell_one_story() {
        let story = |name: &str| {
            let path = format!(
                "{}/../tests/fixtures/ndes/{name}",
                env!("CARGO_MANIFEST_DIR")
            );
            let bytes = std::fs::read(&path).unwrap();
            let report = crate::analyze(&[crate::input::Input {
                name,
                bytes: &bytes,
            }]);
            let p = report.platforms.first().unwrap();
            p.certificates
                .iter()
                .map(|c| {
                    let lines: Vec<_> = c
                        .timeline
                        .iter()
                        .map(|t| (t.time.clone(), t.what.clone()))
                        .collect();
                    (c.id.clone(), c.stage, c.verdict, c.failed_step, lines)
                })
                .collect::<Vec<_>>()
        };
        let xml = story("connector-operational-saved-as-xml.xml");
        assert_eq!(xml.len(), 4);
        assert_eq!(
            xml,
            story("connector-operational-scep-success-and-failures.evtx")
        );
    }
}
