//! The CA's own events in the Application log (source
//! `Microsoft-Windows-CertificationAuthority`: 53/7 denied, 22/21 could not
//! process, 54/8 pending, 52/6 issued) in the shapes the Windows reader
//! accepts — Event Viewer list copy, details, "Save All Events As" TXT/CSV,
//! Event XML, Get-WinEvent. The Windows reader splits and renders them
//! ([`crate::platforms::windows::format`]); the CA rules read the message
//! (`Active Directory Certificate Services denied request 12 because …`),
//! so each request is the same story a CA export gives.

use crate::core::model::Platform;
use crate::parse::format::Format;
use crate::parse::literal;
use crate::platforms::windows::format as windows;

pub const FORMAT: Format = Format {
    id: "ca-event-log",
    platform: Platform::Ca,
    title: "Certification Authority events (Application log, CertificationAuthority 53, 22, 54, 52): Event Viewer copy, details, TXT/CSV/XML, Get-WinEvent",
    samples: &[
        "Active Directory Certificate Services denied request 31 because The permissions on the certificate template do not allow the current user to enroll for this type of certificate. 0x80094012 (-2146877422 CERTSRV_E_TEMPLATE_DENIED).  The request was for CN=jsmith.  Additional information: Denied by Policy Module",
    ],
    header: Some(windows::header),
    marks: Some(marks),
    glued: None,
    split: Some(windows::split),
    rules: super::rules::rules,
    stream: None,
};

/// A CA event's provider or message in a line: with the lines of a Windows
/// event export (the Windows reader's header test, shared), what detection
/// counts for this format. Ties go to the Windows reader (it is registered
/// first), so an export wins here only with CA messages in it.
fn marks(line: &str) -> bool {
    // Whole phrases, not built per line: detection asks every line.
    const PHRASES: [&str; 4] = [
        "Active Directory Certificate Services denied request ",
        "Active Directory Certificate Services could not process request ",
        "Active Directory Certificate Services left request ",
        "Active Directory Certificate Services issued a certificate for request ",
    ];
    // The Security log's audit events of the CA (4886–4889).
    const AUDIT: [&str; 4] = [
        "Certificate Services received a certificate request",
        "Certificate Services approved a certificate request",
        "Certificate Services denied a certificate request",
        "Certificate Services set the status of a certificate request",
    ];
    literal::contains(line, "CertificationAuthority")
        || (literal::contains(line, "Certificate Services ")
            && (PHRASES.iter().any(|phrase| literal::contains(line, phrase))
                || AUDIT.iter().any(|phrase| literal::contains(line, phrase))))
}

#[cfg(test)]
mod tests {
    use crate::core::model::Platform;

    /// A request the CA's export and its event both name is one story.
    #[test]
    fn an_export_row_and_an_event_of_one_request_are_one_story() {
        let export = b"Request ID,Request Status Code,Request Submission Date,Requester Name\r\n31,The permissions on the certificate template do not allow the current user to enroll for this type of certificate. 0x80094012 (-2146877422 CERTSRV_E_TEMPLATE_DENIED),9/9/2026 8:08 PM,CONTOSO\\svc-ndes\r\n";
        let events = b"Warning\t9/9/2026 8:08:12 PM\tCertificationAuthority\t53\tNone\r\nActive Directory Certificate Services denied request 31 because The permissions on the certificate template do not allow the current user to enroll for this type of certificate. 0x80094012 (-2146877422 CERTSRV_E_TEMPLATE_DENIED).  The request was for CN=jsmith.  Additional information: Denied by Policy Module\r\n";
        let report = crate::analyze(&[
            crate::input::Input {
                name: "Failed Requests.csv",
                bytes: export,
            },
            crate::input::Input {
                name: "ca-events.txt",
                bytes: events,
            },
        ]);
        let formats: Vec<&str> = report.sources.iter().map(|s| s.format.as_str()).collect();
        assert_eq!(formats, ["ca-export-list", "ca-event-log"]);
        let ca = report.platforms.iter().find(|p| p.platform == Platform::Ca);
        let certificates = ca.map(|p| p.certificates.as_slice()).unwrap_or_default();
        assert_eq!(certificates.len(), 1);
        let sources: Vec<usize> = certificates
            .iter()
            .flat_map(|c| c.timeline.iter().map(|t| t.source))
            .collect();
        assert_eq!(sources, [0, 1]);
        assert!(certificates
            .iter()
            .flat_map(|c| &c.findings)
            .all(|f| f.code == "ca.template-denied"));
    }
}
