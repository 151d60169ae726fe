//! The Certificate Connector for Microsoft Intune's event logs
//! (`Microsoft-Intune-CertificateConnectors/Admin` and `/Operational`), read
//! by event id only: the ranges are documented (1000–1999 PKCS, 2000–2999
//! PKCS import, 3000–3999 revoke, 4000–4999 SCEP) and so are the SCEP ids
//! and names; the EventData names of the SCEP events are not, so nothing
//! here depends on them. PKCS and revoke events are named as such, never
//! taken for SCEP.

use crate::core::event::{Event, FindingRef, Outcome, Signal, Subject, What};
use crate::core::model::Stage;
use crate::core::time::LogTime;

/// The events one connector record proves, by its id and its texts (the
/// EventData values of an `.evtx` or XML record, the message of a text
/// copy); `None` for an id that proves nothing SCEP Doctor reports.
pub fn signal(id: u32, texts: &[&str]) -> Option<(Subject, Signal)> {
    let what = |code: &'static str| What::new(code).param("id", id.to_string());
    let scep = |signal: Signal| Some((Subject::CurrentEnrollment, signal));
    match id {
        // A new request reaches the connector: a story of its own.
        4003 => scep(Signal::new(
            Some(Stage::RequestStarted),
            2,
            Outcome::Progress,
            what("ndes.connector-received"),
        )),
        4004 => scep(Signal::new(
            Some(Stage::CsrSent),
            3,
            Outcome::Progress,
            what("ndes.connector-verified"),
        )),
        4005 => scep(
            Signal::new(
                None,
                3,
                Outcome::Failed,
                what("ndes.connector-verify-failure"),
            )
            .with_finding(FindingRef::new("ndes.connector-verify-failed")),
        ),
        4006 => scep(issued(what("ndes.connector-issued"), texts)),
        4007 => scep(
            Signal::new(
                None,
                4,
                Outcome::Failed,
                what("ndes.connector-issue-failure"),
            )
            .with_finding(FindingRef::new("ndes.connector-issue-failed")),
        ),
        4008 | 4000 => scep(Signal::new(
            Some(Stage::Reported),
            6,
            Outcome::Progress,
            what(if id == 4000 {
                "ndes.connector-processed"
            } else {
                "ndes.connector-notified"
            }),
        )),
        // Will be retried: a finding only when nothing follows.
        4009 => scep(
            Signal::new(
                None,
                6,
                Outcome::Progress,
                what("ndes.connector-notify-retry"),
            )
            .with_finding(FindingRef::new("ndes.connector-notify-failed").if_last()),
        ),
        4010 | 4002 => scep(
            Signal::new(
                Some(Stage::Issued),
                6,
                Outcome::Failed,
                what("ndes.connector-not-reported"),
            )
            .with_finding(FindingRef::new("ndes.connector-notify-failed")),
        ),
        4001 => scep(
            Signal::new(
                None,
                4,
                Outcome::Failed,
                what("ndes.connector-request-failure"),
            )
            .with_finding(FindingRef::new("ndes.connector-request-failed")),
        ),
        // Revocation failures: about certificates Intune revokes, not SCEP.
        3001 => Some((
            Subject::Platform,
            Signal::new(
                None,
                4,
                Outcome::Failed,
                what("ndes.connector-revoke-failure"),
            )
            .with_finding(FindingRef::new("ndes.connector-revoke-failed")),
        )),
        // The PKCS and PKCS import failures the connector's Admin log holds.
        1001 | 1201 | 2001 => Some((
            Subject::Platform,
            Signal::new(
                None,
                4,
                Outcome::Failed,
                what("ndes.connector-pkcs-failure"),
            )
            .with_finding(FindingRef::new("ndes.connector-pkcs-failed")),
        )),
        _ => None,
    }
}

/// 4006: the CA issued the certificate. Its thumbprint, when the event
/// carries one, is a line value and a profile setting, so the card of the
/// device that installed the same certificate (Windows event 309, a
/// registry export, a store listing) joins this story.
fn issued(what: What, texts: &[&str]) -> Signal {
    let Some(thumbprint) = thumbprint(texts) else {
        return Signal::new(Some(Stage::Issued), 4, Outcome::Progress, what);
    };
    let what = What {
        code: "ndes.connector-issued-thumbprint",
        ..what
    }
    .param("thumbprint", thumbprint.clone());
    let mut signal = Signal::new(Some(Stage::Issued), 4, Outcome::Progress, what);
    signal.profile.push(("thumbprint".into(), thumbprint));
    signal
}

/// The certificate's SHA-1 thumbprint: the one 40-hex-digit value among
/// the event's texts, found by its shape. Microsoft documents that 4006
/// shows the issued certificate's thumbprint but not the EventData names,
/// and the connector's own revoke events (3001 in the real Admin log:
/// `userId`, `deviceId`, `serialNumber`, `thumbprint`, …) show that the
/// serial number (38 digits on a Microsoft CA) and the ids (GUIDs) are not
/// 40-digit values, so nothing depends on a name. Two different 40-digit
/// values: none is taken. Hand-written: a run of hex digits between
/// non-alphanumeric bytes is all there is to find.
pub fn thumbprint(texts: &[&str]) -> Option<String> {
    let mut found: Option<String> = None;
    for text in texts {
        for run in text.split(|c: char| !c.is_ascii_alphanumeric()) {
            if run.len() == 40 && run.bytes().all(|b| b.is_ascii_hexdigit()) {
                let run = run.to_ascii_uppercase();
                match &found {
                    Some(seen) if *seen != run => return None,
                    _ => found = Some(run),
                }
            }
        }
    }
    found
}

/// The connector's Admin log writes one event per request (4000–4002): each
/// is a story of its own, named by its id and its 1-based record number.
pub fn admin_request(id: u32, record: usize) -> Subject {
    Subject::Client(format!(
        "Certificate Connector request (Admin event {id}, record {record})"
    ))
}

/// The events of a server event log's records (the connector's, and the
/// NDES service's in the Application log): (0-based record index, provider
/// key as [`crate::platforms::windows::provider_key`] names it, event id,
/// time, EventData values) each. Returns them and how many were recognized.
pub fn events(
    source: usize,
    records: impl Iterator<
        Item = (
            usize,
            &'static str,
            Option<u32>,
            Option<LogTime>,
            Vec<String>,
        ),
    >,
) -> (Vec<Event>, usize) {
    let mut out = Vec::new();
    for (index, provider, id, time, inserts) in records {
        let found = match (provider, id) {
            ("Connector", Some(id)) => {
                let texts: Vec<&str> = inserts.iter().map(String::as_str).collect();
                signal(id, &texts)
            }
            ("NDES", Some(id)) => super::events::signal(id, &inserts),
            _ => None,
        };
        let Some((mut subject, signal)) = found else {
            continue;
        };
        if let Some(id @ 4000..=4002) = id {
            subject = admin_request(id, index + 1);
        }
        out.push(Event {
            source,
            line: index + 1,
            time,
            thread: None,
            subject,
            signal,
        });
    }
    let recognized = out.len();
    (out, recognized)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scep_pkcs_and_revoke_ids_are_told_apart() {
        assert!(matches!(
            signal(4003, &[]),
            Some((Subject::CurrentEnrollment, _))
        ));
        assert!(matches!(signal(3001, &[]), Some((Subject::Platform, _))));
        assert!(matches!(signal(1001, &[]), Some((Subject::Platform, _))));
        assert!(signal(3000, &[]).is_none());
        assert!(signal(0, &[]).is_none());
        for id in 4000..=4010 {
            assert!(signal(id, &[]).is_some(), "{id}");
        }
    }

    #[test]
    fn an_issued_event_names_its_one_forty_digit_value() {
        let thumb = "40C302D8003803FA90B4B41E0BBF1328F8285BD1";
        // The revoke event's values, as the real Admin log holds them.
        let values = [
            "54c5bdfb-e156-44bd-9d22-ad28e1de5d43",
            "6C00000010CFD199BD93A987FF000000000010",
            &thumb.to_ascii_lowercase(),
            "cruise.contoso.com\\Contoso-Issuing-CA",
        ];
        assert_eq!(thumbprint(&values).as_deref(), Some(thumb));
        let (_, issued) = signal(4006, &values).unwrap();
        assert_eq!(issued.what.code, "ndes.connector-issued-thumbprint");
        assert!(issued
            .profile
            .contains(&("thumbprint".into(), thumb.into())));
        // In a message, among words; a 41-digit run is not one.
        assert_eq!(
            thumbprint(&[&format!("Issued certificate (thumbprint {thumb}).")]).as_deref(),
            Some(thumb)
        );
        assert_eq!(thumbprint(&[&format!("{thumb}0")]), None);
        // Two different values: no guess.
        let other = "41E5A04F2BC612E76D5B221A32C0EAD59155EFF4";
        assert_eq!(thumbprint(&[thumb, other]), None);
        assert_eq!(thumbprint(&[thumb, thumb]).as_deref(), Some(thumb));
        assert_eq!(
            signal(4006, &[]).unwrap().1.what.code,
            "ndes.connector-issued"
        );
    }
}
