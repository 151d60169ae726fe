//! The NDES service's own events in the server's Application log (source
//! `Microsoft-Windows-NetworkDeviceEnrollmentService`), by event id: they
//! carry no request, so they speak for the server as a whole. Their two
//! inserts are the error code and its text (`(0x80070057). The parameter is
//! incorrect.`), kept as the log wrote them.

use crate::core::event::{FindingRef, Outcome, Signal, Subject, What};

/// What an NDES event proves, by its id and inserts.
pub fn signal(id: u32, inserts: &[String]) -> Option<(Subject, Signal)> {
    let code = match id {
        2 => "ndes.event-service-not-started",
        6 => "ndes.event-template-permission",
        7 => "ndes.event-ca-certs-failed",
        10 => "ndes.event-ra-certificate",
        16..=18 => "ndes.event-client-message",
        31 => "ndes.event-submit-failed",
        _ => return None,
    };
    let step = if matches!(id, 6 | 31) { 4 } else { 2 };
    let error = inserts
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let what = What::new("ndes.server-event")
        .param("id", id.to_string())
        .param("error", error.clone());
    let finding = FindingRef::new(code)
        .param("id", id.to_string())
        .param("error", error);
    Some((
        Subject::Platform,
        Signal::new(None, step, Outcome::Failed, what).with_finding(finding),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_ids_only() {
        let inserts = vec![
            "0x80070057".to_string(),
            "The parameter is incorrect.".to_string(),
        ];
        let (subject, found) = signal(10, &inserts).unwrap();
        assert!(matches!(subject, Subject::Platform));
        let f = found.finding.unwrap();
        assert_eq!(f.code, "ndes.event-ra-certificate");
        assert_eq!(f.params[1].1, "0x80070057 The parameter is incorrect.");
        assert!(signal(1, &[]).is_none());
        assert!(signal(31, &[]).is_some());
    }
}
