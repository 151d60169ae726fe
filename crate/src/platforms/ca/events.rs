//! The CA's own events in the Application log (source
//! `Microsoft-Windows-CertificationAuthority`: 53/7 denied, 22/21 could not
//! process, 54/8 pending, 52/6 issued) in the shapes the Windows reader
//! accepts — Event Viewer list copy, details, "Save All Events As" TXT/CSV,
//! Event XML, Get-WinEvent. The Windows reader splits and renders them
//! ([`crate::platforms::windows::format`]); the CA rules read the message
//! (`Active Directory Certificate Services denied request 12 because …`),
//! so each request is the same story a CA export gives.

use crate::core::model::Platform;
use crate::parse::format::{Format, Header};
use crate::platforms::windows::format as windows;

pub const FORMAT: Format = Format {
    id: "ca-event-log",
    platform: Platform::Ca,
    title: "Certification Authority events (Application log, CertificationAuthority 53, 22, 54, 52): Event Viewer copy, details, TXT/CSV/XML, Get-WinEvent",
    samples: &[
        "Active Directory Certificate Services denied request 31 because The permissions on the certificate template do not allow the current user to enroll for this type of certificate. 0x80094012 (-2146877422 CERTSRV_E_TEMPLATE_DENIED).  The request was for CN=jsmith.  Additional information: Denied by Policy Module",
    ],
    header: Some(header),
    split: Some(windows::split),
    rules: super::rules::rules,
    stream: None,
};

/// Detection: any line of a Windows event export (as the Windows reader
/// sees it) and a CA event's message. Ties go to the Windows reader (it is
/// registered first), so an export wins here only with CA messages in it.
fn header(line: &str) -> Option<Header<'_>> {
    let ca = line.contains("CertificationAuthority")
        || [
            "denied request ",
            "could not process request ",
            "left request ",
            "issued a certificate for request ",
        ]
        .iter()
        .any(|verb| line.contains(&format!("Active Directory Certificate Services {verb}")));
    windows::header(line).or_else(|| {
        ca.then_some(Header {
            time: None,
            thread: None,
            process: None,
            message: line,
        })
    })
}
