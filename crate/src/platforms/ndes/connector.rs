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

/// The events one connector record proves, by its id; `None` for an id
/// that proves nothing SCEP Doctor reports.
pub fn signal(id: u32) -> Option<(Subject, Signal)> {
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
        4006 => scep(Signal::new(
            Some(Stage::Issued),
            4,
            Outcome::Progress,
            what("ndes.connector-issued"),
        )),
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
            ("Connector", Some(id)) => signal(id),
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
            signal(4003),
            Some((Subject::CurrentEnrollment, _))
        ));
        assert!(matches!(signal(3001), Some((Subject::Platform, _))));
        assert!(matches!(signal(1001), Some((Subject::Platform, _))));
        assert!(signal(3000).is_none());
        assert!(signal(0).is_none());
        for id in 4000..=4010 {
            assert!(signal(id).is_some(), "{id}");
        }
    }
}
