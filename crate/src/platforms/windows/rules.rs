//! Windows 10/11: what the DMEDP Admin events (and CertEnroll 86/87 of the
//! Application log) prove. Rules read the normalized text
//! `Event <id> <provider>: <English message>` that
//! [`crate::platforms::windows`] builds from every export shape, so they are
//! keyed on event id + provider and the template's inserts.
//!
//! Events 36/37/38/39/32/307 name no certificate: they belong to the
//! enrollment the preceding 306 (or 309) named.

use super::hresult::{hex_re, hresult};
use std::sync::OnceLock;

use regex::Regex;

use crate::core::event::{FindingRef, Outcome, RootRef, Signal, Subject, What};
use crate::core::model::Stage;
use crate::core::request_id::RequestId;
use crate::parse::rules::{cap, Rule, RuleSet};
use crate::platforms::lines::Line;
use crate::platforms::scep::rules as scep;

pub fn rules() -> &'static RuleSet {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| RuleSet::new(RULES))
}

/// `0x2ab0003`: DM_S_ACCEPTED_FOR_PROCESSING, the CSP took the Enroll command.
const ACCEPTED: u32 = 0x02AB_0003;

/// Timeline lines of the Windows events (shared SCEP moments are in
/// [`scep::LINES`]).
pub static LINES: &[Line] = &[
    Line { code: "windows.csp-accepted", text: "SCEP profile received: the ClientCertificateInstall CSP accepted Enroll[ ({location} certificate)]" },
    Line { code: "windows.csp-rejected", text: "The ClientCertificateInstall CSP rejected Enroll: {result}" },
    Line { code: "windows.csp-node-failed", text: "{operation} failed for {node}: {result}" },
    Line { code: "windows.csp-command-failed", text: "{csp} {command} failed on {uri}: {result}" },
    Line { code: "windows.request-generated", text: "Key and CSR generated for {url}" },
    Line { code: "windows.send-failed", text: "Sending the request to {url} failed" },
    Line { code: "windows.installed", text: "Certificate installed" },
    Line { code: "windows.installed-thumbprint", text: "Certificate {thumbprint} installed[ (issued by {server})]" },
    // Lines the cross-source pass (`judge::join`) adds from a store listing.
    Line { code: "windows.root-in-store", text: "The CA certificate {thumbprint} the profile names is in the {store} store[: {subject}]" },
    Line { code: "windows.certificate-in-store", text: "Certificate {thumbprint} is in the {store} store[: {subject}]" },
    Line { code: "windows.installer-pass", text: "Installer pass: no certificate yet" },
    Line { code: "windows.install-failed", text: "Installing the certificate failed" },
    Line { code: "windows.reported", text: "Result reported to Intune (alert com.microsoft:mdm.SCEPcertinstall.result)" },
    Line { code: "windows.log-error", text: "SCEP enrollment failed: {message}" },
    Line { code: "windows.certificate-enroll-failed", text: "Certificate enroll failed: {result}" },
    Line { code: "windows.capi2-build-chain", text: "Building a certificate chain failed (CAPI2 event 11): {result}" },
    Line { code: "windows.capi2-chain-policy", text: "A certificate chain failed policy verification (CAPI2 event 30): {result}" },
    Line { code: "windows.certenroll-failed", text: "SCEP {#phase} failed at stage {enroll_stage}[; PkiStatus {pki_status}][; FailInfo {fail_info}][; EnrollStatus {enroll_status}][; {reason}]" },
    Line { code: "windows.phase-initialization", text: "initialization" },
    Line { code: "windows.phase-enrollment", text: "enrollment" },
    // The SCEP client's state in a registry export (`registry.rs`); the
    // Status meanings are the ClientCertificateInstall CSP's.
    Line { code: "windows.registry-settings", text: "SCEP profile in the registry[ ({location} certificate)][: server {url}][, CA thumbprint {ca_thumbprint}]" },
    Line { code: "windows.registry-installed", text: "Registry state: finished successfully (Status 1), certificate {thumbprint}[ (issued by {server})]" },
    Line { code: "windows.registry-no-certificate", text: "Registry state: finished successfully (Status 1), but no certificate thumbprint (the certificate is invalid, expired or its key was deleted)" },
    Line { code: "windows.registry-pending", text: "Registry state: pending (Status 2)[, retry {retry}]" },
    Line { code: "windows.registry-failed", text: "Registry state: failed[ (Status {status})][ with {code}][ {symbol}]" },
    Line { code: "windows.registry-unknown", text: "Registry state: unknown (Status[ {status}])" },
    // A failed step whose code is an HTTP status (HTTP_E_STATUS_*).
    Line { code: "windows.with-http-status", text: "{#line} ({hresult}: HTTP {http_status})" },
];

static RULES: &[Rule] = &[
    // Step 1: the CSP receives the profile and executes Install/Enroll.
    Rule {
        name: "306-csp-execute",
        needle: "Event 306 DMEDP:",
        pattern: r"(?s)^Event 306 DMEDP: (.*)$",
        build: |c| csp_execute(cap(c, 1)),
    },
    Rule {
        name: "301-305-csp-node-failed",
        needle: "DMEDP: SCEP: Failed Csp",
        pattern: r"^Event 30[1-5] DMEDP: SCEP: Failed (Csp\w+)(?: of| for)? (?:Node )?: \(([^)]*)\) Result : \((.*)\)",
        build: |c| {
            let node = cap(c, 2);
            let what = What::new("windows.csp-node-failed")
                .param("operation", cap(c, 1))
                .param("node", node)
                .param("result", cap(c, 3));
            let signal = Signal::new(None, 1, Outcome::Failed, what)
                .with_finding(csp_rejected(node, cap(c, 3)));
            let subject = node_subject(node).unwrap_or(Subject::CurrentEnrollment);
            Some((subject, signal))
        },
    },
    // Step 2: the request is built and sent.
    Rule {
        name: "36-request-generated",
        needle: "Event 36 DMEDP:",
        pattern: r"(?s)^Event 36 DMEDP: (.*)$",
        build: |c| request_generated(cap(c, 1)),
    },
    Rule {
        name: "37-request-sent",
        needle: "Event 37 DMEDP:",
        pattern: r"^Event 37 DMEDP:",
        build: |_| {
            Some((
                Subject::CurrentEnrollment,
                Signal::reached(Stage::CsrSent, "scep.csr-sent"),
            ))
        },
    },
    Rule {
        name: "308-send-failed",
        needle: "Event 308 DMEDP:",
        pattern: r"^Event 308 DMEDP: SCEP: Failed to send Server request\. ServerUrl : \(([^)]*)\) Result : \((.*)\)",
        build: |c| {
            let what = What::new("windows.send-failed").param("url", cap(c, 1));
            let mut signal = failure(what, cap(c, 2), 2);
            signal.profile = vec![("ndes_url".into(), cap(c, 1).to_string())];
            Some((Subject::CurrentEnrollment, signal))
        },
    },
    // Step 5: the answer arrives and the certificate is installed.
    Rule {
        name: "38-response-received",
        needle: "Event 38 DMEDP:",
        pattern: r"^Event 38 DMEDP:",
        build: |_| {
            Some((
                Subject::CurrentEnrollment,
                Signal::reached(Stage::Issued, "scep.issued-received"),
            ))
        },
    },
    Rule {
        name: "39-installed",
        needle: "Event 39 DMEDP:",
        pattern: r"^Event 39 DMEDP:",
        build: |_| {
            Some((
                Subject::CurrentEnrollment,
                Signal::reached(Stage::Installed, "windows.installed"),
            ))
        },
    },
    Rule {
        name: "309-install-from-registry",
        needle: "Event 309 DMEDP:",
        pattern: r"(?s)^Event 309 DMEDP: (.*)$",
        build: |c| install_from_registry(cap(c, 1)),
    },
    // Step 6: the device opens a session to report the result to Intune.
    Rule {
        name: "256-report-alert",
        needle: "SCEPcertinstall.result",
        pattern: r"^Event 256 DMEDP: .*SCEPcertinstall\.result",
        build: |_| {
            Some((
                Subject::CurrentEnrollment,
                Signal::reached(Stage::Reported, "windows.reported"),
            ))
        },
    },
    // Failures of steps 2–5: 307 (detail, NDES URL and CA thumbprint) and 32.
    Rule {
        name: "307-log-error",
        needle: "Event 307 DMEDP:",
        pattern: r"^Event 307 DMEDP: SCEP: Failed LogError Message : \((.*)\)?\s*$",
        build: |c| {
            let text = cap(c, 1);
            let mut profile = Vec::new();
            if let Some(d) = log_error_re().and_then(|r| r.captures(text)) {
                profile.push(("ndes_url".into(), cap(&d, 1).to_string()));
                if !cap(&d, 2).is_empty() {
                    profile.push(("ca_thumbprint".into(), cap(&d, 2).to_string()));
                }
            }
            let code = log_error_code(text);
            let what = What::new("windows.log-error").param("message", text.trim_end_matches(')'));
            let mut signal = match code {
                // Published 307s cut the code short (`LogError 0x80`): event 32 has it whole.
                Some(code) => failure(what, &format!("0x{code:08x}"), 2),
                None => Signal::new(None, 2, Outcome::Failed, what)
                    .with_finding(unknown(text).if_last()),
            };
            signal.profile = profile;
            Some((Subject::CurrentEnrollment, signal))
        },
    },
    Rule {
        name: "32-enroll-failed",
        needle: "Event 32 DMEDP:",
        pattern: r"^Event 32 DMEDP: SCEP: Certificate enroll failed\.(?: Result:)? \((.*)\)\.?\s*$",
        build: |c| {
            let result = cap(c, 1);
            Some((
                Subject::CurrentEnrollment,
                failure(
                    What::new("windows.certificate-enroll-failed").param("result", result),
                    result,
                    2,
                ),
            ))
        },
    },
    // The CSP (ConfigurationManager) refused a SCEP or trusted-root node.
    Rule {
        name: "400-csp-command-failed",
        needle: "Command failure status",
        pattern: r"^Event \d+ DMEDP: MDM ConfigurationManager: Command failure status\..*?(?:Provider|CSP) Name: \((ClientCertificateInstall|RootCATrustedCertificates)\), Command Type: \(([^)]*)\), CSP URI: \(([^)]*)\), Result: \((.*?)\)\.?\s*$",
        build: |c| {
            let uri = cap(c, 3);
            let what = What::new("windows.csp-command-failed")
                .param("csp", cap(c, 1))
                .param("command", cap(c, 2))
                .param("uri", uri)
                .param("result", cap(c, 4));
            let signal = Signal::new(Some(Stage::ProfileReceived), 1, Outcome::Failed, what)
                .with_finding(csp_rejected(uri, cap(c, 4)));
            Some((node_subject(uri).unwrap_or(Subject::Platform), signal))
        },
    },
    // SyncML (MDM diagnostics, SyncML viewer): the profile as the server sent it.
    Rule {
        name: "syncml-root",
        needle: "RootCATrustedCertificates/",
        pattern: r"^SyncML (?:Add|Replace): <LocURI>\./(?:Device|User)/Vendor/MSFT/RootCATrustedCertificates/(Root|CA)/([0-9A-Fa-f]{40})/EncodedCertificate</LocURI>",
        build: |c| {
            let what = if cap(c, 1) == "CA" {
                What::new("scep.intermediate-profile-received")
            } else {
                What::new("scep.root-profile-received")
            };
            let what = what.param("via", "SyncML");
            Some((
                Subject::Root(RootRef::Profile(cap(c, 2).to_ascii_uppercase())),
                Signal::reached(Stage::ProfileReceived, what),
            ))
        },
    },
    Rule {
        name: "syncml-scep-enroll",
        needle: "ClientCertificateInstall/SCEP/",
        pattern: r"^SyncML Exec: <LocURI>\./(Device|User)/Vendor/MSFT/ClientCertificateInstall/SCEP/([^/<]+)/Install/Enroll</LocURI>(.*)$",
        build: |c| {
            let id = RequestId::find(cap(c, 2))?;
            let what = What::new("scep.profile-received")
                .param("via", "SyncML")
                .param("store", cap(c, 1));
            let mut signal = Signal::reached(Stage::ProfileReceived, what);
            signal.profile = vec![("install_location".into(), cap(c, 1).to_ascii_lowercase())];
            for setting in cap(c, 3).split('\t') {
                if let Some((node, value)) = setting.split_once('=') {
                    signal.profile.push(profile_setting(node, value));
                }
            }
            Some((Subject::Request(id), signal))
        },
    },
    // CAPI2 Operational 11 (Build Chain) and 30 (Verify Chain Policy) errors:
    // the chain of the NDES TLS or RA certificate the exchange depends on.
    // Any program builds chains: they join a running enrollment (finding
    // kept) or speak for the platform, never start a certificate.
    Rule {
        name: "capi2-11-30-chain-error",
        needle: " CAPI2: Result: ",
        pattern: r"^Event (11|30) CAPI2: Result: (.*)$",
        build: |c| {
            let what = if cap(c, 1) == "11" {
                What::new("windows.capi2-build-chain")
            } else {
                What::new("windows.capi2-chain-policy")
            };
            let result = cap(c, 2);
            Some((
                Subject::Supporting,
                failure(what.param("result", result), result, 2),
            ))
        },
    },
    // CertEnroll 86 (initialization: GetCACaps/GetCACert) and 87 (enrollment).
    Rule {
        name: "certenroll-86-87",
        needle: " CertEnroll: ",
        pattern: r"(?s)^Event (86|87) CertEnroll: (.*)$",
        build: |c| {
            Some((
                Subject::CurrentEnrollment,
                cert_enroll(cap(c, 1), cap(c, 2)),
            ))
        },
    },
];

// Events 306, 36 and 309 are read field by field from their English text;
// when that text was rebuilt from EventData whose order is not published
// (XML, .evtx) or from a localized message, the values are found by shape.

struct Fields {
    e306: Regex,
    e36: Regex,
    e309: Regex,
    url: Regex,
    oid: Regex,
    thumb: Regex,
}

fn fields() -> Option<&'static Fields> {
    static RE: OnceLock<Option<Fields>> = OnceLock::new();
    RE.get_or_init(|| {
        Some(Fields {
            e306: Regex::new(r"^SCEP: CspExecute for UniqueId : \(([^)]*)\) InstallUserSid : \(([^)]*)\) InstallLocation : \(([^)]*)\) NodePath : \(([^)]*)\)\s+KeyProtection: \(([^)]*)\) Result : \((.*)\)\.?\s*$").ok()?,
            e36: Regex::new(r"^SCEP: Certificate request generated successfully\. Enhanced Key Usage: \(([^)]*)\), NDES URL: \(([^)]*)\), Container Name: \(([^)]*)\), KSP Setting: \(([^)]*)\), Store Location: \(([^)]*)\)").ok()?,
            e309: Regex::new(r"^SCEP: InstallFromRegEntries\. CorrelationGuid : \(([^)]*)\) UniqueId : \(([^)]*)\) Certificate Thumbprint : \(([^)]*)\) Respondent Server : \(([^)]*)\) Install Status : \(([^)]*)\) Current Retry Count :\s*\(([^)]*)\) Result : \((.*)\)").ok()?,
            url: Regex::new(r"https?://[^\s()<>,']+").ok()?,
            oid: Regex::new(r"(?-u:\b)\d+(?:\.\d+){4,}(?-u:\b)").ok()?,
            thumb: Regex::new(r"(?-u:\b)[0-9A-Fa-f]{40}(?-u:\b)").ok()?,
        })
    })
    .as_ref()
}

/// Every `0x…` code in a text.
fn codes(text: &str) -> Vec<u32> {
    hex_re().map_or(Vec::new(), |re| {
        re.captures_iter(text)
            .filter_map(|c| u32::from_str_radix(cap(&c, 1), 16).ok())
            .collect()
    })
}

/// The request id: the UniqueId field when it holds one, else any in the text.
fn unique_id<'t>(field: &'t str, text: &'t str) -> &'t str {
    if RequestId::find(field).is_some() {
        field
    } else {
        text
    }
}

/// A KeyProtection / KSP Setting value (0x1–0x4), if the field holds one.
fn ksp_field(field: &str) -> Option<String> {
    matches!(field, "0x1" | "0x2" | "0x3" | "0x4").then(|| key_protection(field))
}

/// 306: the CSP executed Install/Enroll (step 1).
fn csp_execute(text: &str) -> Option<(Subject, Signal)> {
    let re = fields()?;
    let strict = re.e306.captures(text);
    let get = |i| strict.as_ref().map_or("", |c| cap(c, i));
    let location = match get(3) {
        l @ ("user" | "device") => l,
        _ if text.contains("(device)") => "device",
        _ if text.contains("(user)") => "user",
        _ => "",
    };
    let mut signal = if codes(text).contains(&ACCEPTED) {
        Signal::reached(
            Stage::ProfileReceived,
            What::new("windows.csp-accepted").param("location", location),
        )
    } else {
        let result = if get(6).is_empty() { text } else { get(6) };
        let mut s = Signal::new(
            Some(Stage::ProfileReceived),
            1,
            Outcome::Failed,
            What::new("windows.csp-rejected").param("result", result.trim()),
        );
        s.finding = Some(csp_rejected(get(4), result));
        s
    };
    if !location.is_empty() {
        signal
            .profile
            .push(("install_location".into(), location.to_string()));
    }
    if let Some(kp) = ksp_field(get(5)) {
        signal.profile.push(("key_protection".into(), kp));
    }
    Some((enrollment(unique_id(get(1), text)), signal))
}

/// 36: key pair and CSR built, NDES URL known (step 2).
fn request_generated(text: &str) -> Option<(Subject, Signal)> {
    let re = fields()?;
    let strict = re.e36.captures(text);
    let get = |i| strict.as_ref().map_or("", |c| cap(c, i));
    let url = re.url.find(text).map_or("", |m| m.as_str());
    let eku = re
        .oid
        .find_iter(text)
        .map(|m| m.as_str())
        .filter(|oid| !url.contains(oid))
        .collect::<Vec<_>>()
        .join(", ");
    let mut signal = Signal::reached(
        Stage::RequestStarted,
        What::new("windows.request-generated").param("url", url),
    );
    signal.profile = vec![("eku".into(), eku), ("ndes_url".into(), url.to_string())];
    if let Some(kp) = ksp_field(get(4)) {
        signal.profile.push(("key_protection".into(), kp));
    }
    let container = get(3);
    if !container.is_empty() && !container.starts_with("0x") && !container.contains("://") {
        signal
            .profile
            .push(("container_name".into(), container.to_string()));
    }
    Some((Subject::CurrentEnrollment, signal))
}

/// 309: the scheduled installer pass over the request's registry state.
fn install_from_registry(text: &str) -> Option<(Subject, Signal)> {
    let re = fields()?;
    let strict = re.e309.captures(text);
    let get = |i| strict.as_ref().map_or("", |c| cap(c, i));
    // The only 40-hex value of the event is the thumbprint, its only URL the server.
    let thumb = re.thumb.find(text).map_or("", |m| m.as_str());
    let server = re.url.find(text).map_or("", |m| m.as_str());
    // Success renders as text; a failure carries an error code (0x8…).
    let failed = codes(text).iter().any(|code| code >> 31 == 1);
    let mut signal = if !failed && !thumb.is_empty() {
        Signal::reached(
            Stage::Installed,
            What::new("windows.installed-thumbprint")
                .param("thumbprint", thumb)
                .param("server", server),
        )
    } else if !failed {
        Signal::new(None, 5, Outcome::Progress, "windows.installer-pass")
    } else {
        let result = if get(7).is_empty() { text } else { get(7) };
        failure("windows.install-failed".into(), result, 5)
    };
    if !server.is_empty() {
        signal
            .profile
            .push(("respondent_server".into(), server.to_string()));
    }
    if !thumb.is_empty() {
        signal
            .profile
            .push(("thumbprint".into(), thumb.to_string()));
    }
    Some((enrollment(unique_id(get(2), text)), signal))
}

/// A ClientCertificateInstall Install node as a profile setting.
pub(super) fn profile_setting(node: &str, value: &str) -> (String, String) {
    let key = match node {
        "ServerURL" => "ndes_url",
        "CAThumbprint" => "ca_thumbprint",
        "KeyLength" => "key_length",
        "KeyUsage" => "key_usage",
        "HashAlgorithm" => "hash_algorithm",
        "SubjectName" => "subject_name",
        "SubjectAlternativeNames" => "subject_alternative_names",
        "EKUMapping" => "eku",
        "TemplateName" => "template",
        "ValidPeriod" => "valid_period",
        "ValidPeriodUnits" => "valid_period_units",
        "ContainerName" => "container_name",
        "RetryCount" => "retry_count",
        // The CSP's RetryDelay is in minutes.
        "RetryDelay" => "retry_delay_minutes",
        "KeyProtection" => {
            return (
                "key_protection".into(),
                key_protection(&format!("0x{value}")),
            )
        }
        other => return (other.to_string(), value.to_string()),
    };
    (key.to_string(), value.to_string())
}

fn enrollment(unique_id: &str) -> Subject {
    RequestId::find(unique_id).map_or(Subject::CurrentEnrollment, Subject::Enrollment)
}

/// The certificate a CSP node path names.
fn node_subject(path: &str) -> Option<Subject> {
    if let Some(rest) = path.split("RootCATrustedCertificates/").nth(1) {
        let thumb = rest.split('/').nth(1)?;
        return Some(Subject::Root(RootRef::Profile(thumb.to_ascii_uppercase())));
    }
    let rest = path.split("ClientCertificateInstall/SCEP/").nth(1)?;
    RequestId::find(rest.split('/').next()?).map(Subject::Request)
}

/// KeyProtection / KSP Setting values of the ClientCertificateInstall CSP.
fn key_protection(value: &str) -> String {
    let meaning = match hresult(value).map(|(c, _)| c) {
        Some(1) => "TPM",
        Some(2) => "TPM if present, else software",
        Some(3) => "software",
        Some(4) => "Windows Hello for Business",
        _ => return value.to_string(),
    };
    format!("{value} ({meaning})")
}

fn log_error_re() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"NDES Server '([^']*)', CA cert thumbprint '?([0-9A-Fa-f]*)'?").ok()
    })
    .as_ref()
}

/// The `LogError 0x…` code of a 307, if written in full.
fn log_error_code(text: &str) -> Option<u32> {
    let at = text.rfind("LogError 0x")?;
    let hex: String = text[at + "LogError 0x".len()..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    (hex.len() == 8)
        .then(|| u32::from_str_radix(&hex, 16).ok())
        .flatten()
}

/// A failed step with the finding its result code calls for.
pub(super) fn failure(what: What, result: &str, default_step: u8) -> Signal {
    match hresult(result) {
        // HTTP_E_STATUS_*: 0x8019xxxx carries the HTTP status in its low word.
        Some((code, _)) if code >> 16 == 0x8019 => {
            let status = (code & 0xFFFF) as u16;
            let mut signal = scep::http_answer(
                scep::UNNAMED_OPERATION,
                status,
                scep::reason_phrase(status),
                scep::UNNAMED_URL,
            );
            let mut line = What::new("windows.with-http-status").param("line", what.code);
            line.params.extend(what.params);
            signal.what = line
                .param("hresult", format!("0x{code:08x}"))
                .param("http_status", status.to_string());
            signal
        }
        Some((code, Some(h))) => Signal::new(None, h.step(), Outcome::Failed, what).with_finding(
            FindingRef::new(h.finding)
                .param("code", format!("0x{code:08x}"))
                .param("symbol", h.symbol()),
        ),
        _ => Signal::new(None, default_step, Outcome::Failed, what).with_finding(unknown(result)),
    }
}

fn unknown(result: &str) -> FindingRef {
    let code = hresult(result).map_or(String::new(), |(c, _)| format!("0x{c:08x}"));
    FindingRef::new("windows.enroll-failed")
        .param("result", result.trim())
        .param("code", code)
}

fn csp_rejected(node: &str, result: &str) -> FindingRef {
    let code = hresult(result).map_or(String::new(), |(c, _)| format!("0x{c:08x}"));
    FindingRef::new("windows.csp-rejected")
        .param("node", node)
        .param("result", result.trim())
        .param("code", code)
}

struct CertEnrollRegexes {
    head: Regex,
    stage: Regex,
    pki: Regex,
    fail: Regex,
    enroll: Regex,
    reason: Regex,
}

fn cert_enroll_re() -> Option<&'static CertEnrollRegexes> {
    static RE: OnceLock<Option<CertEnrollRegexes>> = OnceLock::new();
    RE.get_or_init(|| {
        Some(CertEnrollRegexes {
            head: Regex::new(
                r"^SCEP Certificate enrollment(?: initialization)? for (.+?) via (\S+?):? failed",
            )
            .ok()?,
            stage: Regex::new(r"Stage: (\w+)").ok()?,
            pki: Regex::new(r"PkiStatus\((\d+)\): (\w+)").ok()?,
            fail: Regex::new(r"FailInfo\((-?\d+)\): (\w+)").ok()?,
            enroll: Regex::new(r"EnrollStatus\((\d+)\): (\w+)").ok()?,
            reason: Regex::new(r"(?m)^\s*(.*?0x[0-9a-fA-F]{8}.*?)\s*$").ok()?,
        })
    })
    .as_ref()
}

/// The reason alone, out of a line that holds more of the message: 86's
/// `failed: GetCACaps Method: … Stage: GetCACaps <reason>` is one line, and a
/// flattened 87 (its lines joined, as a paste loses them) runs `PkiStatus`,
/// `FailInfo`, `EnrollStatus`, the reason, `Submit(…)`, the HTTP response
/// headers and `Method:`/`Stage:` together. The reason starts after the
/// last field before its code and ends before the first one after it.
fn narrow_reason(line: &str) -> &str {
    let Some(code) = line.find("0x") else {
        return line;
    };
    let (before, after) = line.split_at(code);
    let start = [
        "Stage: ",
        "EnrollStatus(",
        "FailInfo(",
        "PkiStatus(",
        " failed: ",
    ]
    .iter()
    .filter_map(|field| {
        let at = before.rfind(field)?;
        let rest = before.get(at + field.len()..)?;
        // Past the field's value: `Stage: Word `, `EnrollStatus(n): Word `.
        let value = if field.ends_with('(') {
            rest.split_once("): ")?.1
        } else {
            rest
        };
        let skip = if *field == " failed: " {
            0
        } else {
            value.find(' ')? + 1
        };
        Some(line.len() - after.len() - value.len() + skip)
    })
    .max()
    .unwrap_or(0);
    let end = [" Submit(", " HTTP/1.", " Method: ", " Stage: "]
        .iter()
        .filter_map(|field| after.find(field))
        .min()
        .map_or(line.len(), |i| code + i);
    line.get(start..end).map_or(line, str::trim)
}

/// CertEnroll 86/87: the Windows SCEP client's own account of the exchange.
fn cert_enroll(id: &str, text: &str) -> Signal {
    let phase = if id == "86" {
        "windows.phase-initialization"
    } else {
        "windows.phase-enrollment"
    };
    let what = What::new("windows.certenroll-failed").param("phase", phase);
    let Some(re) = cert_enroll_re() else {
        return Signal::new(None, 2, Outcome::Failed, what.param("enroll_stage", "?"));
    };
    let get = |r: &Regex, i: usize| {
        r.captures(text)
            .and_then(|c| c.get(i))
            .map_or("", |m| m.as_str())
    };
    let url = get(&re.head, 2);
    let stage = get(&re.stage, 1);
    let reason = narrow_reason(get(&re.reason, 1));
    let fail_info = get(&re.fail, 2);
    let what = what
        .param("enroll_stage", if stage.is_empty() { "?" } else { stage })
        .param("pki_status", get(&re.pki, 2))
        .param("fail_info", fail_info)
        .param("enroll_status", get(&re.enroll, 2))
        .param("reason", reason);
    let answered = !get(&re.pki, 1).is_empty();
    let mut signal = match hresult(text) {
        Some((_, Some(_))) => failure(what, text, 2),
        _ if !fail_info.is_empty() => {
            let name = fail_info.trim_start_matches("SCEPFail");
            let (code, step) = scep::fail_info_code(name);
            Signal::new(None, step, Outcome::Failed, what).with_finding(
                FindingRef::new(code)
                    .param("fail_info", name)
                    .param("transaction", ""),
            )
        }
        _ => failure(what, text, 2),
    };
    if answered {
        signal.stage = Some(Stage::CsrSent);
    }
    if !url.is_empty() {
        signal.profile = vec![("ndes_url".into(), url.to_string())];
    }
    signal
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platforms::windows::hresult::HRESULTS;

    #[test]
    fn a_flattened_certenroll_message_gives_its_reason_alone() {
        let flat = "SCEP Certificate enrollment for CONTOSO\\adele via https://ndes/certsrv/mscep/mscep.dll/pkiclient.exe failed: PkiStatus(2): SCEPDispositionFailure FailInfo(2): SCEPFailBadRequest EnrollStatus(256): EnrollDenied The public key does not meet the minimum size required by the specified certificate template. 0x80094811 (-2146875375 CERTSRV_E_KEY_LENGTH) Denied by Policy Module ProcessResponseMessage Submit(Request): OK HTTP/1.1 200 OK Content-Type: application/x-pki-message Method: POST(31ms) Stage: Submit";
        assert_eq!(
            narrow_reason(flat),
            "The public key does not meet the minimum size required by the specified certificate template. 0x80094811 (-2146875375 CERTSRV_E_KEY_LENGTH) Denied by Policy Module ProcessResponseMessage"
        );
        let init = "SCEP Certificate enrollment initialization for CONTOSO\\adele via https://ndes/x failed: GetCACaps Method: GET(47ms) Stage: GetCACaps A security error occurred 0x80072f8f (WinHttp: 12175 ERROR_WINHTTP_SECURE_FAILURE)";
        assert_eq!(
            narrow_reason(init),
            "A security error occurred 0x80072f8f (WinHttp: 12175 ERROR_WINHTTP_SECURE_FAILURE)"
        );
        let own = "The public key does not meet the minimum size. 0x80094811 (-2146875375 CERTSRV_E_KEY_LENGTH)";
        assert_eq!(narrow_reason(own), own);
        for cut in [
            "0x",
            "Stage: 0x",
            "PkiStatus(2): 0x",
            " failed: 0x1 Stage: ",
        ] {
            let _ = narrow_reason(cut);
        }
    }

    #[test]
    fn table() {
        crate::parse::rules::check_table(RULES);
        for h in HRESULTS {
            assert!(
                crate::platforms::findings::lookup(h.finding).is_some(),
                "{} has no knowledge row",
                h.finding
            );
        }
    }

    #[test]
    fn capi2_chain_errors_reuse_the_windows_rows() {
        let found = |text: &str| {
            let mut out = Vec::new();
            rules().apply(text, |_, subject, signal| {
                assert!(matches!(subject, Subject::Supporting));
                assert_eq!(signal.step.0, 2);
                out.extend(signal.finding.iter().map(|f| f.code));
            });
            out
        };
        assert_eq!(
            found("Event 30 CAPI2: Result: A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider. (0x800B0109)"),
            ["windows.untrusted-root"]
        );
        assert_eq!(
            found("Event 11 CAPI2: Result: The revocation function was unable to check revocation because the revocation server was offline. (0x80092013)"),
            ["windows.revocation-offline"]
        );
    }

    #[test]
    fn one_code_written_four_ways_finds_one_row() {
        for text in [
            "0x80091007",
            "Unknown Win32 Error code: 0x80091007",
            "80091007",
            "Result value 80091007",
            "-2146889721",
            "Error: (-2146889721)",
            "2148077575",
            "The hash value is not correct.",
        ] {
            let found = hresult(text);
            assert_eq!(found.map(|h| h.0), Some(0x8009_1007), "{text}");
            assert_eq!(
                found.and_then(|h| h.1).map(|h| h.finding),
                Some("windows.ca-thumbprint-mismatch"),
                "{text}"
            );
        }
        // The same for the CAPI2 codes.
        assert_eq!(
            hresult("800B0109").and_then(|h| h.1).map(|h| h.finding),
            Some("windows.untrusted-root")
        );
        assert_eq!(
            hresult("-2146885613").and_then(|h| h.1).map(|h| h.finding),
            Some("windows.revocation-offline")
        );
        // Bare numbers that are no known code are not taken for one: GUID
        // parts, thumbprints, a port, a date.
        assert!(hresult("{0D7B4C2E-5A61-4F83-9B2D-3C4E5F607182}").is_none());
        assert!(hresult("A1B2C3D4E5F60718293A4B5C6D7E8F9001122334").is_none());
        assert!(hresult("1724147382").is_none());
        assert!(hresult("20240820").is_none());
    }

    #[test]
    fn codes_from_results() {
        assert_eq!(
            hresult("Unknown Win32 Error code: 0x2ab0003").map(|h| h.0),
            Some(ACCEPTED)
        );
        assert_eq!(
            hresult("The hash value is not correct.").map(|h| h.0),
            Some(0x8009_1007)
        );
        assert_eq!(
            hresult("0x80094811 (-2146875375 CERTSRV_E_KEY_LENGTH)")
                .and_then(|h| h.1)
                .map(|h| h.finding),
            Some("windows.ca-key-length")
        );
        assert_eq!(log_error_code("LogError 0x80"), None);
        assert_eq!(log_error_code("LogError 0x80190194"), Some(0x8019_0194));
        assert!(hresult("nothing").is_none());
    }

    #[test]
    fn events_rebuilt_from_unordered_inserts_are_read_by_shape() {
        let uid = "ModelName_AC_51bad41f-3854-4eb5-a2f2-0f7a94034ee8_LogicalName_39907e78_e61b_4730_b9fa_d44a53e4111c_Hash_-1518303401";
        // Inserts in another order than the message's.
        let text = format!("SCEP: CspExecute for UniqueId : (user) InstallUserSid : (Unknown Win32 Error code: 0x2ab0003) InstallLocation : ({uid}) NodePath : (0x2)  KeyProtection: (clientinstall) Result : (S-1-5-18).");
        let (subject, signal) = csp_execute(&text).unwrap();
        assert!(matches!(subject, Subject::Enrollment(_)));
        assert_eq!(signal.stage, Some(Stage::ProfileReceived));
        assert_eq!(signal.outcome, Outcome::Progress);

        let text = format!("SCEP: InstallFromRegEntries. CorrelationGuid : (A1B2C3D4E5F60718293A4B5C6D7E8F9001122334) UniqueId : ({{0D7B4C2E-5A61-4F83-9B2D-3C4E5F607182}}) Certificate Thumbprint : ({uid}) Respondent Server : (0x1) Install Status : (https://ndes.contoso.com/certsrv/mscep/mscep.dll/pkiclient.exe) Current Retry Count :  (0x0) Result : (The operation completed successfully.)");
        let (_, signal) = install_from_registry(&text).unwrap();
        assert_eq!(signal.stage, Some(Stage::Installed));

        let text = "SCEP: Certificate request generated successfully. Enhanced Key Usage: (https://ndes.contoso.com/certsrv/mscep/mscep.dll/pkiclient.exe), NDES URL: (1.3.6.1.5.5.7.3.2), Container Name: (), KSP Setting: (0x2), Store Location: (0x1).";
        let (_, signal) = request_generated(text).unwrap();
        assert!(signal.profile.contains(&(
            "ndes_url".to_string(),
            "https://ndes.contoso.com/certsrv/mscep/mscep.dll/pkiclient.exe".to_string()
        )));
    }

    #[test]
    fn http_status_codes() {
        let s = failure(
            What::new("windows.install-failed"),
            "Unknown Win32 Error code: 0x80190194",
            2,
        );
        assert_eq!(s.finding.map(|f| f.code), Some("scep.http-404"));
    }
}
