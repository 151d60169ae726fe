//! Android device administrator / work profile (BYOD): what the Company Portal
//! OMADM log proves. Strings are the ones the device writes (Microsoft's
//! troubleshooting articles, and jscep's own message templates for the SCEP
//! transport, which Company Portal embeds).

use std::sync::OnceLock;

use crate::core::event::{FindingRef, Outcome, RootRef, Signal, Subject, What};
use crate::core::model::Stage;
use crate::core::request_id::RequestId;
use crate::parse::rules::{cap, Rule, RuleSet};
use crate::platforms::lines::Line;
use crate::platforms::scep::{rules as scep, syncml};

pub fn omadm_rules() -> &'static RuleSet {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| RuleSet::new(RULES))
}

/// Timeline lines of the OMADM log (shared SCEP moments are in [`scep::LINES`]).
pub static LINES: &[Line] = &[
    Line {
        code: "android.enroll-start",
        text: "Company Portal starts the enrollment",
    },
    Line {
        code: "android.pkcsreq",
        text: "CSR built and signed (PKCSReq, transaction {transaction})",
    },
    Line {
        code: "android.operation-failed",
        text: "Enrollment failed: {fail_info}",
    },
    Line {
        code: "android.cannot-reach-ndes",
        text: "Could not reach NDES: {message}",
    },
    Line {
        code: "android.ra-not-issued-by-ca",
        text: "The NDES RA certificate does not chain to the CA",
    },
    Line {
        code: "android.ca-fingerprint-mismatch",
        text: "The CA certificate NDES returned does not match the profile's CA thumbprint",
    },
    Line {
        code: "android.content-type-mismatch",
        text: "NDES answered with content type {actual} instead of {expected}",
    },
    Line {
        code: "android.response-mismatch",
        text: "The answer from NDES does not belong to this request: {message}",
    },
    Line {
        code: "android.response-replayed",
        text: "The answer from NDES repeats an earlier nonce",
    },
    Line {
        code: "android.response-unverified",
        text: "The answer from NDES failed signature verification",
    },
    Line {
        code: "android.install-state",
        text: "Install state {from} → {to}",
    },
    Line {
        code: "android.root-install-state",
        text: "Root install state {from} → {to}",
    },
    Line {
        code: "android.consumer-selected",
        text: "Selected by a Wi-Fi/VPN profile (alias {alias})",
    },
    Line {
        code: "android.consumer-waiting",
        text: "{profile_kind} profile '{profile}' waits for its certificates",
    },
    Line {
        code: "android.consumer-excluded",
        text: "Excluded by a Wi-Fi/VPN profile: no Any Purpose EKU (alias {alias})",
    },
];

static RULES: &[Rule] = &[
    // Step 1: the profile arrives in SyncML.
    Rule {
        name: "syncml-root",
        needle: "CertificateStore/Root/",
        pattern: r"<(?:Add|Replace)>\s*<CmdID>\d+</CmdID>\s*<Item>\s*<Target>\s*<LocURI>\./Vendor/MSFT/CertificateStore/Root/([^/<]+)/EncodedCertificate</LocURI>",
        build: |c| {
            let id = cap(c, 1).to_string();
            Some((
                Subject::Root(RootRef::Profile(id)),
                Signal::reached(
                    Stage::ProfileReceived,
                    What::new("scep.root-profile-received").param("via", "SyncML"),
                ),
            ))
        },
    },
    Rule {
        name: "syncml-scep-install",
        needle: "CertificateStore/Enroll/",
        pattern: r"(?s)<(?:Add|Replace)>\s*<CmdID>\d+</CmdID>\s*<Item>\s*<Target>\s*<LocURI>\./Vendor/MSFT/CertificateStore/Enroll/([^<]+?)/Install</LocURI>(.*?)</Item>",
        build: |c| {
            let id = RequestId::find(cap(c, 1))?;
            let item = cap(c, 2);
            let data = item
                .split_once("<Data>")
                .and_then(|(_, d)| d.split_once("</Data>"))
                .map_or("", |(d, _)| d);
            let mut signal = Signal::reached(
                Stage::ProfileReceived,
                What::new("scep.profile-received").param("via", "SyncML"),
            );
            signal.profile = syncml::certificate_request(data);
            if let Some(policy) = id.policy_id() {
                signal.profile.push(("policy_id".into(), policy));
            }
            Some((Subject::Request(id), signal))
        },
    },
    // Step 2: enrollment starts and talks to NDES.
    Rule {
        name: "enroll-start",
        needle: "Trying to enroll certificate request:",
        pattern: r"Trying to enroll certificate request: (\S+)",
        build: |c| {
            let id = RequestId::find(cap(c, 1))?;
            Some((
                Subject::Enrollment(id),
                Signal::reached(Stage::RequestStarted, "android.enroll-start"),
            ))
        },
    },
    Rule {
        name: "jscep-sending",
        needle: "Sending Get",
        pattern: r"Sending (GetCACert|GetCACaps|GetNextCACert)(?:\([^)]*\))? to (\S+)",
        build: |c| {
            Some((
                Subject::CurrentEnrollment,
                scep::sending(cap(c, 1), cap(c, 2)),
            ))
        },
    },
    Rule {
        name: "jscep-received",
        needle: "' when sending ",
        pattern: r"Received '(\d{3})\s*([^']*)' when sending (.+?) to (\S+)",
        build: |c| {
            let status = cap(c, 1).parse().ok()?;
            let signal =
                scep::http_answer(scep::operation(cap(c, 3)), status, cap(c, 2), cap(c, 4));
            Some((Subject::CurrentEnrollment, signal))
        },
    },
    Rule {
        name: "jscep-pkcsreq",
        needle: "PkcsReq@",
        pattern: r"Encoding message: \S*PkcsReq@\w+\[(.*)\]",
        build: |c| {
            let trans = scep::key_values(cap(c, 1))
                .into_iter()
                .find(|(k, _)| *k == "transId")
                .map_or("", |(_, v)| v);
            let what = What::new("android.pkcsreq").param("transaction", trans);
            let mut signal = Signal::reached(Stage::CsrSent, what);
            // The key an NDES server's decoded request shares (`judge::join`).
            if !trans.is_empty() {
                signal
                    .profile
                    .push(("scep_transaction_id".into(), trans.to_string()));
            }
            Some((Subject::CurrentEnrollment, signal))
        },
    },
    Rule {
        name: "jscep-pkioperation-sent",
        needle: "CMSSignedData@",
        pattern: r"^Sending \S*CMSSignedData@\w+\s*$",
        build: |_| {
            Some((
                Subject::CurrentEnrollment,
                Signal::reached(Stage::CsrSent, "scep.csr-sent"),
            ))
        },
    },
    // Step 3–5: NDES, the policy module and the CA answer.
    Rule {
        name: "jscep-certrep",
        needle: "CertRep@",
        pattern: r"CertRep@\w+\[(.*)\]",
        build: |c| {
            let kv = scep::key_values(cap(c, 1));
            let get = |key: &str| kv.iter().find(|(k, _)| *k == key).map_or("", |(_, v)| *v);
            Some((
                Subject::CurrentEnrollment,
                scep::cert_rep(get("pkiStatus"), get("failInfo"), get("transId")),
            ))
        },
    },
    Rule {
        name: "jscep-operation-failed",
        needle: "Operation failed due to ",
        pattern: r"Operation failed due to (\w+)",
        build: |c| {
            let fail_info = cap(c, 1);
            let (code, step) = scep::fail_info_code(fail_info);
            let signal = Signal::new(
                None,
                step,
                Outcome::Failed,
                What::new("android.operation-failed").param("fail_info", fail_info),
            )
            .with_finding(
                FindingRef::new(code)
                    .param("fail_info", fail_info)
                    .param("transaction", ""),
            );
            Some((Subject::CurrentEnrollment, signal))
        },
    },
    Rule {
        name: "jscep-transport-error",
        needle: "TransportException",
        pattern: r"TransportException:?\s*([^\n]*)",
        build: |c| {
            let message = cap(c, 1).trim();
            let signal = Signal::new(
                None,
                2,
                Outcome::Failed,
                What::new("android.cannot-reach-ndes").param("message", message),
            )
            .with_finding(FindingRef::new("android.transport-error").param("message", message));
            Some((Subject::CurrentEnrollment, signal))
        },
    },
    Rule {
        name: "jscep-ra-not-issued-by-ca",
        needle: "RA not issued by CA",
        pattern: r"RA not issued by CA",
        build: |_| {
            failure(
                2,
                "android.ra-not-issued-by-ca",
                "android.ra-not-issued-by-ca",
            )
        },
    },
    Rule {
        name: "jscep-ca-fingerprint",
        needle: "fingerprint could not be verified",
        pattern: r"CA certificate fingerprint could not be verified",
        build: |_| {
            failure(
                2,
                "android.ca-fingerprint-mismatch",
                "android.ca-fingerprint-mismatch",
            )
        },
    },
    Rule {
        name: "jscep-content-type",
        needle: ", but was ",
        pattern: r"(?:InvalidContentTypeException:?\s*)?Expected (\S+?),? but was (\S+)",
        build: |c| {
            let signal = Signal::new(
                None,
                2,
                Outcome::Failed,
                What::new("android.content-type-mismatch")
                    .param("expected", cap(c, 1))
                    .param("actual", cap(c, 2)),
            )
            .with_finding(
                FindingRef::new("android.content-type-mismatch")
                    .param("expected", cap(c, 1))
                    .param("actual", cap(c, 2)),
            );
            Some((Subject::CurrentEnrollment, signal))
        },
    },
    Rule {
        name: "jscep-exchange-mismatch",
        needle: "ismatch",
        pattern: r"(Transaction ID Mismatch|Nonce mismatch)",
        build: |c| {
            let signal = Signal::new(
                Some(Stage::CsrSent),
                5,
                Outcome::Failed,
                What::new("android.response-mismatch").param("message", cap(c, 1)),
            )
            .with_finding(FindingRef::new("android.response-mismatch").param("message", cap(c, 1)));
            Some((Subject::CurrentEnrollment, signal))
        },
    },
    Rule {
        name: "jscep-exchange-replay",
        needle: "Nonce encountered before",
        pattern: r"Nonce encountered before",
        build: |_| failure(5, "android.response-replayed", "android.response-mismatch"),
    },
    Rule {
        name: "jscep-verification-failed",
        needle: "pkiMessage verification failed",
        pattern: r"pkiMessage verification failed",
        build: |_| {
            failure(
                5,
                "android.response-unverified",
                "android.response-mismatch",
            )
        },
    },
    // Step 5: install state machines.
    Rule {
        name: "scep-install-state",
        needle: "SCEP cert '",
        pattern: r"SCEP cert '([^']*)' state changed from ([A-Z_]+) to ([A-Z_]+)",
        build: |c| {
            let id = RequestId::find(cap(c, 1))?;
            Some((Subject::Request(id), scep_state(cap(c, 2), cap(c, 3))))
        },
    },
    Rule {
        name: "root-install-state",
        needle: "Root cert '",
        pattern: r"Root cert '([^']*)' state changed from ([A-Z_]+) to ([A-Z_]+)",
        build: |c| {
            Some((
                Subject::Root(RootRef::Installer(cap(c, 1).to_string())),
                root_state(cap(c, 2), cap(c, 3)),
            ))
        },
    },
    // After step 5: Wi-Fi and VPN profiles use (or wait for) the certificate.
    Rule {
        name: "consumer-selected",
        needle: "Selected client cert with alias",
        pattern: r"Selected client cert with alias '([^']*)' and requestId '([^']*)'",
        build: |c| {
            let id = RequestId::find(cap(c, 2))?;
            let what = What::new("android.consumer-selected").param("alias", cap(c, 1));
            Some((Subject::Request(id), Signal::reached(Stage::Usable, what)))
        },
    },
    Rule {
        name: "consumer-wifi-pending",
        needle: "because it is pending certificates",
        pattern: r"Skipping Wifi profile (.+?) because it is pending certificates",
        build: |c| consumer_waiting("Wi-Fi", cap(c, 1)),
    },
    Rule {
        name: "consumer-vpn-waiting",
        needle: "Waiting for required certificates for vpn profile",
        pattern: r"Waiting for required certificates for vpn profile '([^']*)'",
        build: |c| consumer_waiting("VPN", cap(c, 1)),
    },
    Rule {
        name: "consumer-eku-excluded",
        needle: "does not have any purpose EKU",
        pattern: r"Excluding cert with alias (\S+) and requestId (\S+) as it does not have any purpose EKU",
        build: |c| {
            let finding =
                FindingRef::new("android.eku-any-purpose-missing").param("alias", cap(c, 1));
            // Only an installed certificate can be excluded: the line proves the install.
            let signal = Signal::new(
                Some(Stage::Installed),
                5,
                Outcome::Progress,
                What::new("android.consumer-excluded").param("alias", cap(c, 1)),
            )
            .with_finding(finding);
            let subject = RequestId::find(cap(c, 2)).map_or(Subject::Platform, Subject::Request);
            Some((subject, signal))
        },
    },
];

fn failure(step: u8, what: &'static str, code: &'static str) -> Option<(Subject, Signal)> {
    Some((
        Subject::CurrentEnrollment,
        Signal::new(None, step, Outcome::Failed, what).with_finding(FindingRef::new(code)),
    ))
}

fn consumer_waiting(kind: &str, profile: &str) -> Option<(Subject, Signal)> {
    let signal = Signal::new(
        None,
        5,
        Outcome::Progress,
        What::new("android.consumer-waiting")
            .param("profile_kind", kind)
            .param("profile", profile),
    )
    .with_finding(
        FindingRef::new("android.profile-waiting-for-certificates")
            .param("profile_kind", kind)
            .param("profile", profile),
    );
    Some((Subject::Platform, signal))
}

/// State names the published logs do not list are kept and shown; names that
/// say failure are failures.
fn is_failure_state(state: &str) -> bool {
    ["FAIL", "ERROR", "DENIED", "CANCEL"]
        .iter()
        .any(|w| state.contains(w))
}

fn scep_state(from: &str, to: &str) -> Signal {
    let what = What::new("android.install-state")
        .param("from", from)
        .param("to", to);
    if is_failure_state(to) {
        return Signal::new(None, 5, Outcome::Failed, what)
            .with_finding(FindingRef::new("android.install-state-failed").param("state", to));
    }
    match to {
        "CERT_ENROLLED" | "CERT_INSTALLING" => Signal::reached(Stage::Issued, what),
        "CERT_INSTALL_REQUESTED" => Signal::new(Some(Stage::Issued), 5, Outcome::Waiting, what)
            .with_finding(FindingRef::new("android.waiting-for-user-install").if_last()),
        "CERT_INSTALL_SUCCESS" | "CERT_INSTALLED" => Signal::reached(Stage::Installed, what),
        "CERT_ACCESS_REQUESTED" => Signal::new(Some(Stage::Installed), 5, Outcome::Waiting, what)
            .with_finding(FindingRef::new("android.waiting-for-access").if_last()),
        "CERT_ACCESS_GRANTED" => Signal::reached(Stage::Usable, what),
        _ => Signal::new(None, 5, Outcome::Progress, what),
    }
}

fn root_state(from: &str, to: &str) -> Signal {
    let what = What::new("android.root-install-state")
        .param("from", from)
        .param("to", to);
    if is_failure_state(to) {
        return Signal::new(None, 1, Outcome::Failed, what)
            .with_finding(FindingRef::new("android.root-install-failed").param("state", to));
    }
    match to {
        "CERT_INSTALL_REQUESTED" => {
            Signal::new(Some(Stage::ProfileReceived), 1, Outcome::Waiting, what)
                .with_finding(FindingRef::new("android.root-waiting-for-user").if_last())
        }
        "CERT_INSTALLING" => Signal::new(Some(Stage::ProfileReceived), 1, Outcome::Progress, what),
        // A root's whole story is step 1 of the flow, install included.
        "CERT_INSTALL_SUCCESS" | "CERT_INSTALLED" => {
            Signal::new(Some(Stage::Installed), 1, Outcome::Progress, what)
        }
        _ => Signal::new(None, 1, Outcome::Progress, what),
    }
}
