//! Android Enterprise (device owner) keywords from the Intune app's
//! CloudExtension log, as Microsoft support searches for them. The line layout
//! is not published, so these match as substrings and bind to the one SCEP
//! enrollment in the log unless a line carries a request id.

use std::sync::OnceLock;

use crate::core::event::{Outcome, RootRef, Signal, Subject, What};
use crate::core::model::Stage;
use crate::core::request_id::RequestId;
use crate::parse::rules::{Rule, RuleSet};
use crate::platforms::lines::Line;

pub fn rules() -> &'static RuleSet {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| RuleSet::new(RULES))
}

/// The SCEP certificate a keyword line is about.
fn scep(line: &str) -> Subject {
    RequestId::find(line).map_or(Subject::CurrentEnrollment, Subject::Request)
}

/// Timeline lines of the CloudExtension keywords.
pub static LINES: &[Line] = &[
    Line {
        code: "android.ae-ca-installed",
        text: "Trusted root (CA) certificate installed",
    },
    Line {
        code: "android.ae-acquire",
        text: "Requesting the certificate from NDES",
    },
    Line {
        code: "android.ae-acquired",
        text: "Certificate acquired from NDES (CertAcquiredEvent)",
    },
    Line {
        code: "android.ae-saved",
        text: "Certificate saved on the device (CertSavedEvent)",
    },
    Line {
        code: "android.ae-access-granted",
        text: "Access to the certificate granted (CertAccessGrantedEvent)",
    },
];

static RULES: &[Rule] = &[
    Rule {
        name: "ae-ca-installed",
        needle: "Successfully installed CA certificate",
        pattern: r"Successfully installed CA certificate",
        build: |_| {
            let signal = Signal::new(
                Some(Stage::Installed),
                1,
                Outcome::Progress,
                "android.ae-ca-installed",
            );
            Some((
                Subject::Root(RootRef::Installer("CA certificate".into())),
                signal,
            ))
        },
    },
    Rule {
        name: "ae-scep-state-machine",
        needle: "ScepStateMachine",
        pattern: r"(?m)^.*ScepStateMachine.*$",
        build: |c| {
            Some((
                scep(c.get(0)?.as_str()),
                Signal::reached(
                    Stage::ProfileReceived,
                    What::new("scep.profile-received").param("via", "ScepStateMachine"),
                ),
            ))
        },
    },
    Rule {
        name: "ae-acquire",
        needle: "AcquireScepCertEffectHandler",
        pattern: r"(?m)^.*AcquireScepCertEffectHandler.*$",
        build: |c| {
            Some((
                scep(c.get(0)?.as_str()),
                Signal::reached(Stage::RequestStarted, "android.ae-acquire"),
            ))
        },
    },
    Rule {
        name: "ae-acquired",
        needle: "CertAcquiredEvent",
        pattern: r"(?m)^.*CertAcquiredEvent.*$",
        build: |c| {
            Some((
                scep(c.get(0)?.as_str()),
                Signal::reached(Stage::Issued, "android.ae-acquired"),
            ))
        },
    },
    Rule {
        name: "ae-saved",
        needle: "CertSavedEvent",
        pattern: r"(?m)^.*CertSavedEvent.*$",
        build: |c| {
            Some((
                scep(c.get(0)?.as_str()),
                Signal::reached(Stage::Installed, "android.ae-saved"),
            ))
        },
    },
    Rule {
        name: "ae-access-granted",
        needle: "CertAccessGrantedEvent",
        pattern: r"(?m)^.*CertAccessGrantedEvent.*$",
        build: |c| {
            Some((
                scep(c.get(0)?.as_str()),
                Signal::reached(Stage::Usable, "android.ae-access-granted"),
            ))
        },
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::judge::correlate::correlate;

    /// The keywords are all that is published of this log; each one lands on
    /// its stage, and keyword lines bind to one SCEP certificate.
    #[test]
    fn keywords_tell_the_story() {
        let lines = [
            "Successfully installed CA certificate",
            "ScepStateMachine: Loop initialized",
            "AcquireScepCertEffectHandler",
            "CertAcquiredEvent",
            "CertSavedEvent",
            "CertAccessGrantedEvent",
        ];
        let mut events = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            rules().apply(line, |_, subject, signal| {
                events.push(crate::core::event::Event {
                    source: 0,
                    line: i + 1,
                    time: None,
                    thread: None,
                    subject,
                    signal,
                })
            });
        }
        let (tracks, _) = correlate(events);
        assert_eq!(tracks.len(), 2);
        let scep = crate::judge::verdict::judge(&tracks[1]);
        assert_eq!(scep.stage, Some(Stage::Usable));
        assert_eq!(scep.timeline.len(), 5);
    }
}
