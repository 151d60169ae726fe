//! What an IIS request on the NDES server proves, read like an admin reads
//! the log: the SCEP requests of devices (one story per client, its platform
//! from its user agent, a PKIOperation GET's message decoded), health probes
//! told apart from devices (the validation script's `message=test`, a
//! browser or PowerShell opening the URL), and the legacy connector's calls
//! to its registration point (`VerifyRequest`, step 3; `Notify`, step 6).

use std::sync::OnceLock;

use regex::Captures;

use super::iis::{Layout, Request};
use crate::core::event::{FindingRef, Outcome, Signal, Subject, What, TAG_GETCACERT_OK};
use crate::core::model::Stage;
use crate::parse::rules::{cap, Rule, RuleSet};
use crate::platforms::lines::Line;
use crate::platforms::scep::message;

/// Timeline lines (English).
pub static LINES: &[Line] = &[
    Line { code: "ndes.answered", text: "NDES answered {operation} from {#client}: HTTP {status}" },
    Line { code: "ndes.http-error", text: "NDES answered {operation} from {#client} with HTTP {status}[ (Win32 status {win32})]" },
    Line { code: "ndes.pki-operation", text: "NDES answered PKIOperation ({method}) from {#client}: HTTP {status}[; message {message_type}][, transaction {transaction}][, encrypted for the RA certificate issued by {issuer}[ (serial {serial})]][ {#cut}]" },
    Line { code: "ndes.pki-operation-rejected", text: "NDES answered PKIOperation ({method}) from {#client} with HTTP {status}, but the challenge check before it failed: the answer rejects the request[; message {message_type}][, transaction {transaction}]" },
    Line { code: "ndes.pki-operation-not-reported", text: "NDES answered PKIOperation ({method}) from {#client} with HTTP {status}: the certificate was issued, but Intune was not notified[; message {message_type}][, transaction {transaction}]" },
    Line { code: "ndes.probe", text: "A health check opened the SCEP URL ({operation}): HTTP {status}" },
    Line { code: "ndes.verify-request", text: "The NDES policy module asked the connector to verify the challenge (VerifyRequest): HTTP {status}" },
    Line { code: "ndes.notify", text: "The NDES policy module reported the result to Intune through the connector (Notify): HTTP {status}" },
    Line { code: "ndes.connector-received", text: "The Certificate Connector received a SCEP request (event {id})" },
    Line { code: "ndes.connector-verified", text: "The connector verified the request with Intune (event {id})" },
    Line { code: "ndes.connector-verify-failure", text: "The connector could not verify the request with Intune (event {id})" },
    Line { code: "ndes.connector-issued", text: "The CA issued the certificate through the connector (event {id})" },
    Line { code: "ndes.connector-issued-thumbprint", text: "The CA issued the certificate through the connector (event {id}), thumbprint {thumbprint}" },
    Line { code: "ndes.connector-issue-failure", text: "The connector could not get the certificate issued by the CA (event {id})" },
    Line { code: "ndes.connector-notified", text: "The connector reported the certificate to Intune (event {id})" },
    Line { code: "ndes.connector-processed", text: "The connector processed the SCEP request and notified Intune (event {id})" },
    Line { code: "ndes.connector-notify-retry", text: "The connector could not notify Intune yet and will retry (event {id})" },
    Line { code: "ndes.connector-not-reported", text: "The request was processed, but the connector could not notify Intune (event {id})" },
    Line { code: "ndes.connector-request-failure", text: "The connector failed to process a SCEP request and told Intune (event {id})" },
    Line { code: "ndes.connector-revoke-failure", text: "The connector could not revoke a certificate (event {id}, not SCEP)" },
    Line { code: "ndes.connector-pkcs-failure", text: "A PKCS certificate request failed in the connector (event {id}, not SCEP)" },
    Line { code: "ndes.server-event", text: "NDES event {id}[: {error}]" },
    Line { code: "ndes.scep-pool-ended", text: "A worker process of the SCEP application pool ended unexpectedly[ (exit code {detail})]" },
    Line { code: "ndes.w3wp-crashed", text: "The IIS worker process (w3wp.exe) crashed[: {detail}]" },
    Line { code: "ndes.aspnet-compilation", text: "ASP.NET could not compile a page of the registration point (event code 3007)" },
    Line { code: "ndes.plugin-verify-sent", text: "The NDES policy module sent a request to the certificate registration point" },
    Line { code: "ndes.plugin-verified", text: "The registration point verified the challenge (Verify challenge returns true)" },
    Line { code: "ndes.plugin-verify-refused", text: "The registration point refused the policy module with an HTTP 403 page" },
    Line { code: "ndes.plugin-verify-false", text: "The registration point rejected the challenge (Verify challenge returns {detail})" },
    Line { code: "ndes.plugin-send-failed", text: "The policy module could not reach {detail}: the SSL certificate's name does not match (WinHTTP 12175)" },
    Line { code: "ndes.plugin-notified", text: "The policy module reported the result to Intune (Exiting Notify with 0x0)" },
    Line { code: "ndes.crp-verified", text: "The registration point finished VerifyRequest with status True" },
    Line { code: "ndes.crp-verify-false", text: "The registration point finished VerifyRequest with status {detail}" },
    Line { code: "ndes.crp-signing-cert", text: "The registration point could not retrieve its signing certificate" },
    Line { code: "ndes.capi2-build-chain", text: "Building a certificate chain failed on the NDES server (CAPI2 event 11): {result}" },
    Line { code: "ndes.capi2-chain-policy", text: "A certificate chain failed policy verification on the NDES server (CAPI2 event 30): {result}" },
    Line { code: "ndes.setup-failed", text: "The connector setup could not open the NDES certificate's private key ({detail})" },
    Line { code: "ndes.client-windows", text: "a Windows device" },
    Line { code: "ndes.client-android", text: "an Android device" },
    Line { code: "ndes.client-apple", text: "an Apple device" },
    Line { code: "ndes.client-other", text: "a client" },
];

/// Needles for detection and for records read without the format's own
/// stream (lines pasted in IIS's default layout).
static RULES: &[Rule] = &[
    Rule {
        name: "iis-scep-request",
        needle: "/certsrv/mscep",
        pattern: r"(?m)^.*/certsrv/mscep.*$",
        build: from_default_layout,
    },
    Rule {
        name: "iis-registration-point",
        needle: "/CertificateRegistrationSvc/",
        pattern: r"(?m)^.*/CertificateRegistrationSvc/.*$",
        build: from_default_layout,
    },
];

pub fn rules() -> &'static RuleSet {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| RuleSet::new(RULES))
}

fn from_default_layout(caps: &Captures) -> Option<(Subject, Signal)> {
    let line = cap(caps, 0);
    classify(&Layout::default().read(line)?)
}

/// Who sent a request to the SCEP URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Client {
    /// A health check: the validation script, PowerShell, a browser opening
    /// the URL, a request naming no operation.
    Probe,
    /// A device, with the line code of its platform.
    Device(&'static str),
}

/// Tells a device from a probe by the request's user agent and query.
pub fn client(r: &Request, operation: Option<&str>) -> Client {
    let agent = r.agent.unwrap_or("");
    let has = |needle: &str| agent.to_ascii_lowercase().contains(needle);
    let test_message = r
        .query_value("message")
        .is_some_and(|m| m.eq_ignore_ascii_case("test"));
    if test_message || has("powershell") {
        return Client::Probe;
    }
    // Windows' SCEP client: `Mozilla/4.0+(compatible;+Win32;+NDES+client)`.
    if has("ndes+client") || has("ndes client") {
        return Client::Device("ndes.client-windows");
    }
    if has("dalvik") || has("android") || has("okhttp") {
        return Client::Device("ndes.client-android");
    }
    if [
        "cfnetwork",
        "darwin",
        "iphone",
        "ipad",
        "mac os x",
        "profiled",
    ]
    .iter()
    .any(|n| has(n))
    {
        return Client::Device("ndes.client-apple");
    }
    // HTTP.sys's own log names no agent: a SCEP operation is a device's.
    if !r.agent_logged && operation.is_some() {
        return Client::Device("ndes.client-other");
    }
    match operation {
        // A CSR is a device's, whoever its agent is.
        Some(op) if op.eq_ignore_ascii_case("PKIOperation") => Client::Device("ndes.client-other"),
        // No operation, a browser, or no user agent at all: someone looking.
        _ => Client::Probe,
    }
}

/// The story a device's requests belong to: its address and user agent
/// (IIS writes the agent's spaces as `+`).
fn client_key(r: &Request) -> String {
    let agent = r.agent.map(|a| a.replace('+', " "));
    match (r.client, agent) {
        (Some(ip), Some(agent)) => format!("{ip} ({agent})"),
        (Some(ip), None) => ip.to_string(),
        (None, Some(agent)) => agent,
        (None, None) => "unknown client".to_string(),
    }
}

/// The status as IIS's people write it: `404.15` when a substatus is set.
fn status_text(r: &Request) -> String {
    let status = match (r.status, r.sub) {
        (Some(s), Some(sub)) if sub != 0 => format!("{s}.{sub}"),
        (Some(s), _) => s.to_string(),
        (None, _) => "-".to_string(),
    };
    match r.reason {
        Some(reason) => format!("{status} {reason}"),
        None => status,
    }
}

/// A failed call of the legacy connector, waiting for the PKIOperation it
/// was made for: IIS logs a request when it ends, so the policy module's
/// VerifyRequest and Notify come before the device's PKIOperation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pending {
    VerifyFailed,
    NotifyFailed,
}

/// Follows the legacy connector's calls: the PKIOperation answered after a
/// failed VerifyRequest is a rejection (step 3); after a failed Notify, the
/// certificate was issued but not reported (step 6).
pub fn follow(pending: &mut Option<Pending>, signal: &mut Signal) {
    let failed = signal.outcome == Outcome::Failed;
    match signal.what.code {
        "ndes.verify-request" if failed => *pending = Some(Pending::VerifyFailed),
        "ndes.notify" if failed => *pending = Some(Pending::NotifyFailed),
        "ndes.pki-operation" if signal.stage == Some(Stage::CsrSent) => match pending.take() {
            Some(Pending::VerifyFailed) => {
                signal.what.code = "ndes.pki-operation-rejected";
                signal.outcome = Outcome::Failed;
                signal.step = crate::core::model::Step(3);
            }
            Some(Pending::NotifyFailed) => {
                signal.what.code = "ndes.pki-operation-not-reported";
                signal.stage = Some(Stage::Issued);
                signal.outcome = Outcome::Failed;
                signal.step = crate::core::model::Step(6);
            }
            None => {}
        },
        _ => {}
    }
}

fn win32_text(r: &Request) -> String {
    r.win32
        .filter(|&w| w != 0)
        .map_or_else(String::new, |w| w.to_string())
}

/// What one IIS request proves, if it is a request to the SCEP application
/// or to the legacy connector's registration point.
pub fn classify(r: &Request) -> Option<(Subject, Signal)> {
    let stem = r.stem?;
    let lower = stem.to_ascii_lowercase();
    if lower.starts_with("/certificateregistrationsvc/") {
        return registration_point(r, &lower);
    }
    if !lower.starts_with("/certsrv/mscep") {
        return None;
    }
    let operation = r.query_value("operation");
    // A request naming no operation is shown by its path.
    let shown = operation.unwrap_or(stem);
    let status = r.status?;
    match client(r, operation) {
        Client::Probe => Some((Subject::Platform, probe(r, operation, shown, status))),
        Client::Device(kind) => {
            let signal = device(r, shown, kind, status);
            Some((Subject::Client(client_key(r)), signal))
        }
    }
}

fn probe(r: &Request, operation: Option<&str>, shown: &str, status: u16) -> Signal {
    let what = What::new("ndes.probe")
        .param("operation", shown)
        .param("status", status_text(r));
    // Opened with no operation, the SCEP URL answers 403 when it is healthy.
    let healthy_403 = operation.is_none() && status == 403;
    if status >= 400 && !healthy_403 {
        let mut signal = Signal::new(None, 2, Outcome::Failed, what);
        signal.finding = Some(status_finding(r, shown));
        return signal;
    }
    let finding = if operation.is_none() && status == 200 {
        FindingRef::new("ndes.bare-url-200")
    } else {
        FindingRef::new("ndes.probes-answered")
    };
    Signal::new(None, 2, Outcome::Progress, what).with_finding(finding)
}

fn device(r: &Request, operation: &str, kind: &'static str, status: u16) -> Signal {
    if status >= 400 {
        let what = What::new("ndes.http-error")
            .param("operation", operation)
            .param("client", kind)
            .param("status", status_text(r))
            .param("win32", win32_text(r));
        let mut signal =
            Signal::new(None, 2, Outcome::Failed, what).with_finding(status_finding(r, operation));
        // A refused PKIOperation still names its transaction: the key that
        // joins this story to the device's (`judge::join::server`).
        if operation.eq_ignore_ascii_case("PKIOperation") {
            if let Some(msg) = r.query_value("message").and_then(message::decode_url_value) {
                signal.profile = msg.profile();
            }
        }
        return signal;
    }
    let success = (200..300).contains(&status);
    if operation.eq_ignore_ascii_case("PKIOperation") {
        let mut what = What::new("ndes.pki-operation")
            .param("method", r.method.unwrap_or("-"))
            .param("client", kind)
            .param("status", status_text(r));
        let decoded = r.query_value("message").and_then(message::decode_url_value);
        if let Some(msg) = &decoded {
            for (name, value) in msg.line_params() {
                if name != "cipher" && name != "digest" {
                    what = what.param(name, value);
                }
            }
        }
        let stage = success.then_some(Stage::CsrSent);
        let mut signal = Signal::new(stage, 2, Outcome::Progress, what);
        if let Some(msg) = decoded {
            signal.profile = msg.profile();
        }
        return signal;
    }
    let what = What::new("ndes.answered")
        .param("operation", operation)
        .param("client", kind)
        .param("status", status_text(r));
    let stage = success.then_some(Stage::CaContacted);
    let signal = Signal::new(stage, 2, Outcome::Progress, what);
    if success && operation.eq_ignore_ascii_case("GetCACert") {
        signal.tagged(TAG_GETCACERT_OK)
    } else {
        signal
    }
}

/// The finding of a failed request to the SCEP application, by IIS's
/// status, substatus and Win32 status.
fn status_finding(r: &Request, operation: &str) -> FindingRef {
    let status = r.status.unwrap_or(0);
    let code = match (status, r.sub.unwrap_or(0), r.win32.unwrap_or(0)) {
        (500, _, 1346) => "ndes.iis-500-impersonate",
        (500, _, _) => "ndes.iis-500",
        (503, _, _) => "ndes.iis-503",
        (414, _, _) | (404, 14 | 15, _) => "ndes.iis-url-too-long",
        (403, _, _) => "ndes.iis-403",
        _ => "ndes.iis-error",
    };
    FindingRef::new(code)
        .param("operation", operation)
        .param("status", status_text(r))
        .param("win32", r.win32.unwrap_or(0).to_string())
}

/// The legacy connector's registration point, called by the NDES policy
/// module (user agent `NDES_Plugin`): it joins the story of the latest
/// client, or speaks for the server when there is none.
fn registration_point(r: &Request, lower_stem: &str) -> Option<(Subject, Signal)> {
    let status = r.status?;
    let ok = (200..300).contains(&status);
    let shown = status_text(r);
    let signal = if lower_stem.contains("/verifyrequest") {
        let what = What::new("ndes.verify-request").param("status", shown.clone());
        if ok {
            Signal::new(None, 3, Outcome::Progress, what)
        } else {
            // IIS 403.16: client certificate untrusted or invalid (win32
            // 2148204809 = 0x800B0109, CERT_E_UNTRUSTEDROOT); 403.17: client
            // certificate has expired or is not yet valid (IIS's substatus
            // list): the policy module's client authentication certificate.
            let code = match (status, r.sub.unwrap_or(0)) {
                (403, 17) => "ndes.client-cert-expired",
                (403, _) => "ndes.verify-request-403",
                _ => "ndes.verify-request-failed",
            };
            Signal::new(None, 3, Outcome::Failed, what).with_finding(
                FindingRef::new(code)
                    .param("status", shown)
                    .param("win32", r.win32.unwrap_or(0).to_string()),
            )
        }
    } else if lower_stem.contains("/notify") {
        let what = What::new("ndes.notify").param("status", shown.clone());
        if ok {
            Signal::new(Some(Stage::Reported), 6, Outcome::Progress, what)
        } else {
            Signal::new(None, 6, Outcome::Failed, what)
                .with_finding(FindingRef::new("ndes.notify-failed").param("status", shown))
        }
    } else {
        return None;
    };
    Some((Subject::Supporting, signal))
}

/// Whether a pasted line is one the prefilter lets through (for tests).
#[cfg(test)]
fn read(line: &str) -> Option<(Subject, Signal)> {
    if !super::iis::relevant(line) {
        return None;
    }
    classify(&Layout::default().read(line)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PREFIX: &str = "2024-04-12 04:44:25 10.0.0.4";

    fn line(method: &str, stem: &str, query: &str, agent: &str, status: &str) -> String {
        format!("{PREFIX} {method} {stem} {query} 443 - 203.0.113.9 {agent} - {status} 120")
    }

    #[test]
    fn probes_are_not_devices() {
        let ps =
            "Mozilla/5.0+(Windows+NT;+Windows+NT+10.0;+en-US)+WindowsPowerShell/5.1.20348.2400";
        let l = line(
            "GET",
            "/certsrv/mscep/mscep.dll",
            "operation=GetCACaps&message=test",
            ps,
            "200 0 0",
        );
        let (subject, signal) = read(&l).unwrap();
        assert!(matches!(subject, Subject::Platform));
        assert_eq!(signal.finding.unwrap().code, "ndes.probes-answered");
        let l = line("GET", "/certsrv/mscep/mscep.dll", "-", "-", "200 0 0");
        let (_, signal) = read(&l).unwrap();
        assert_eq!(signal.finding.unwrap().code, "ndes.bare-url-200");
        // A GetCACert with no user agent is no device either.
        let l = line(
            "GET",
            "/certsrv/mscep/mscep.dll",
            "operation=GetCACert&message=x",
            "-",
            "200 0 0",
        );
        assert!(matches!(read(&l).unwrap().0, Subject::Platform));
    }

    #[test]
    fn devices_by_their_user_agent() {
        let win = "Mozilla/4.0+(compatible;+Win32;+NDES+client)";
        let l = line(
            "GET",
            "/certsrv/mscep/mscep.dll/pkiclient.exe",
            "operation=GetCACert&message=default",
            win,
            "200 0 0",
        );
        let (subject, signal) = read(&l).unwrap();
        assert!(matches!(subject, Subject::Client(ref k) if k.contains("NDES client")));
        assert_eq!(signal.stage, Some(Stage::CaContacted));
        assert_eq!(signal.tag, Some(TAG_GETCACERT_OK));
        let l = line(
            "GET",
            "/certsrv/mscep/mscep.dll",
            "operation=GetCACaps&message=x",
            "Dalvik/2.1.0+(Linux;+U;+Android+13)",
            "500 0 1346",
        );
        let (_, signal) = read(&l).unwrap();
        assert_eq!(signal.outcome, Outcome::Failed);
        assert_eq!(signal.finding.unwrap().code, "ndes.iis-500-impersonate");
        let l = line(
            "GET",
            "/certsrv/mscep/mscep.dll",
            "operation=PKIOperation&message=AAAA",
            "x",
            "404 15 0",
        );
        let (_, signal) = read(&l).unwrap();
        assert_eq!(signal.finding.unwrap().code, "ndes.iis-url-too-long");
    }

    #[test]
    fn other_paths_and_shapes_are_nothing() {
        assert!(read(&line("GET", "/", "-", "-", "200 0 0")).is_none());
        assert!(read(&line("GET", "/x", "u=/certsrv/mscep", "-", "200 0 0")).is_none());
        assert!(read("/certsrv/mscep/mscep.dll").is_none());
    }
}
