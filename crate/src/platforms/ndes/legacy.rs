//! The legacy Intune connector's own logs on the NDES server (retired in
//! 2021, still met on old servers): the NDES policy module's `NDESPlugin.log`,
//! the registration point's `CertificateRegistrationPoint_*.svclog` (WCF
//! trace XML), and the connector's `SetupMsi.log`. Their line layouts are not
//! published, only the messages Microsoft's troubleshooting articles quote,
//! so they are known by those messages wherever they stand in a line (a
//! CMTrace view, a trace's XML, a pasted line), like the Android Enterprise
//! log. A server's other lines are skipped by a literal search.

use crate::core::event::{FindingRef, Outcome, Signal, Subject, What};
use crate::core::model::{Platform, Stage};
use crate::core::time::{parse_system_time, LogTime};
use crate::parse::format::{Format, Header};
use crate::parse::literal;
use crate::parse::rules::{cap, Rule, RuleSet};
use std::sync::OnceLock;

pub const FORMAT: Format = Format {
    id: "ndes-legacy-connector-log",
    platform: Platform::Ndes,
    title: "Legacy Intune connector logs on the NDES server (NDESPlugin.log, CertificateRegistrationPoint .svclog, SetupMsi.log)",
    samples: &[
        "Sending request to certificate registration point.",
        "Verify challenge returns false",
        "VerifyRequest Finished with status True",
        "CustomAction AddNDESToCertPrivKey returned actual error code 1603",
        // A WCF trace record (XmlWriterTraceListener writes one a line).
        "<E2ETraceEvent xmlns=\"http://schemas.microsoft.com/2004/06/E2ETraceEvent\"><System xmlns=\"http://schemas.microsoft.com/2004/06/windows/eventlog/system\"><EventID>0</EventID><Type>3</Type><SubType Name=\"Error\">0</SubType><Level>2</Level><TimeCreated SystemTime=\"2019-07-11T20:55:01.9860571Z\" /><Source Name=\"CertificateRegistrationPoint\" /></System><ApplicationData>VerifyRequest Finished with status False</ApplicationData></E2ETraceEvent>",
    ],
    header: Some(header),
    marks: None,
    glued: None,
    split: None,
    rules,
    stream: None,
};

/// A WCF trace record (`.svclog`): its time (UTC) and its ApplicationData.
/// Read by hand: the record is one line of fixed markup, and only these two
/// values matter; the other logs' lines have no prefix of their own.
fn header(line: &str) -> Option<Header<'_>> {
    if !literal::contains(line, "<E2ETraceEvent") {
        return None;
    }
    let time = line
        .split_once("SystemTime=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .and_then(|(stamp, _)| parse_system_time(stamp))
        .map(LogTime::utc);
    let message = line
        .split_once("<ApplicationData>")
        .map_or(line, |(_, rest)| {
            literal::split_once(rest, "</ApplicationData>").map_or(rest, |(m, _)| m)
        });
    Some(Header {
        time,
        thread: None,
        process: None,
        message,
    })
}

pub fn rules() -> &'static RuleSet {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| RuleSet::new(RULES))
}

/// A step of the challenge check (step 3) or of the report (step 6).
fn progress(stage: Option<Stage>, step: u8, line: &'static str) -> Option<(Subject, Signal)> {
    let signal = Signal::new(stage, step, Outcome::Progress, What::new(line));
    Some((Subject::CurrentEnrollment, signal))
}

/// A failure with its finding; `detail` is the log's own words.
fn failure(
    step: u8,
    line: &'static str,
    finding: FindingRef,
    detail: &str,
) -> Option<(Subject, Signal)> {
    let what = What::new(line).param("detail", detail);
    let signal = Signal::new(None, step, Outcome::Failed, what).with_finding(finding);
    Some((Subject::CurrentEnrollment, signal))
}

/// A finding whose text names the log's own words.
fn finding(code: &'static str, detail: &str) -> FindingRef {
    FindingRef::new(code).param("detail", detail)
}

static RULES: &[Rule] = &[
    // Detection only: lines of these logs that prove nothing on their own.
    Rule {
        name: "plugin-calling",
        needle: "Calling VerifyRequest",
        pattern: r"Calling VerifyRequest",
        build: |_| None,
    },
    Rule {
        name: "plugin-cn-invalid-flag",
        needle: "WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID",
        pattern: r"WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID",
        build: |_| None,
    },
    Rule {
        name: "crp-verify-started",
        needle: "VerifyRequest Started",
        pattern: r"VerifyRequest Started",
        build: |_| None,
    },
    // NDESPlugin.log: the policy module asks the registration point.
    Rule {
        name: "plugin-verify-sent",
        needle: "Sending request to certificate registration point",
        pattern: r"Sending request to certificate registration point",
        build: |_| progress(None, 3, "ndes.plugin-verify-sent"),
    },
    Rule {
        name: "plugin-verify-result",
        needle: "Verify challenge returns",
        pattern: r"Verify challenge returns ?([^\n]*)",
        build: |c| {
            let answer = cap(c, 1).trim();
            if answer.eq_ignore_ascii_case("true") {
                return progress(Some(Stage::CsrSent), 3, "ndes.plugin-verified");
            }
            if literal::contains(answer, "403") {
                // An IIS error page instead of an answer: the registration
                // point refused the policy module's client certificate.
                let refused = FindingRef::new("ndes.verify-request-403").param("status", "403");
                return failure(3, "ndes.plugin-verify-refused", refused, "403");
            }
            let rejected = finding("ndes.plugin-challenge-rejected", answer);
            failure(3, "ndes.plugin-verify-false", rejected, answer)
        },
    },
    Rule {
        name: "plugin-cn-invalid",
        needle: "Error 12175",
        pattern: r"Failed to send http request (/CertificateRegistrationSvc/Certificate/\w+)\. Error 12175",
        build: |c| {
            let name = finding("ndes.plugin-ssl-name", cap(c, 1));
            failure(3, "ndes.plugin-send-failed", name, cap(c, 1))
        },
    },
    Rule {
        name: "plugin-notify-done",
        needle: "Exiting Notify with 0x0",
        pattern: r"Exiting Notify with 0x0\b",
        build: |_| progress(Some(Stage::Reported), 6, "ndes.plugin-notified"),
    },
    // CertificateRegistrationPoint_*.svclog: the registration point's verdict.
    Rule {
        name: "crp-verify-finished",
        needle: "VerifyRequest Finished with status",
        pattern: r"VerifyRequest Finished with status (\w+)",
        build: |c| {
            if cap(c, 1).eq_ignore_ascii_case("true") {
                progress(Some(Stage::CsrSent), 3, "ndes.crp-verified")
            } else {
                let rejected = finding("ndes.plugin-challenge-rejected", cap(c, 1));
                failure(3, "ndes.crp-verify-false", rejected, cap(c, 1))
            }
        },
    },
    Rule {
        name: "crp-signing-certificate",
        needle: "m_safeCertContext is an invalid handle",
        pattern: r"m_safeCertContext is an invalid handle",
        build: |_| {
            let missing = FindingRef::new("ndes.crp-signing-cert-missing");
            failure(3, "ndes.crp-signing-cert", missing, "")
        },
    },
    // SetupMsi.log: the connector's install.
    Rule {
        name: "setup-private-key",
        needle: "AddNDESToCertPrivKey",
        pattern: r"AddNDESToCertPrivKey(?:: Error (0x[0-9A-Fa-f]{8})| returned actual error code (\d+))",
        build: |c| {
            let code = if cap(c, 1).is_empty() {
                cap(c, 2)
            } else {
                cap(c, 1)
            };
            let what = What::new("ndes.setup-failed").param("detail", code);
            let signal = Signal::new(None, 3, Outcome::Failed, what)
                .with_finding(finding("ndes.setup-ndes-private-key", code));
            // The install, not a request: about the server as a whole.
            Some((Subject::Platform, signal))
        },
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<&'static str> {
        let mut out = Vec::new();
        rules().apply(text, |_, _, signal| out.push(signal.what.code));
        out
    }

    #[test]
    fn the_documented_messages_are_read_wherever_they_stand() {
        assert_eq!(
            codes("Verify challenge returns true"),
            ["ndes.plugin-verified"]
        );
        assert_eq!(
            codes("Verify challenge returns false"),
            ["ndes.plugin-verify-false"]
        );
        assert_eq!(
            codes("Verify challenge returns <!DOCTYPE html PUBLIC> <title>403 - Forbidden: Access is denied.</title>"),
            ["ndes.plugin-verify-refused"]
        );
        assert_eq!(
            codes("Failed to send http request /CertificateRegistrationSvc/Certificate/VerifyRequest. Error 12175"),
            ["ndes.plugin-send-failed"]
        );
        assert_eq!(
            codes("<ApplicationData>VerifyRequest Finished with status False</ApplicationData>"),
            ["ndes.crp-verify-false"]
        );
        assert_eq!(codes("MSI (s) (C8!A4) [10:01:02:003]: AddNDESToCertPrivKey: Error 0x80090014: CryptAcquireContext failed."), ["ndes.setup-failed"]);
        assert!(codes("Exiting VerifyRequest with 0x0").is_empty());
    }
}
