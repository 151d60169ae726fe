//! Findings as data: what a signature means, why it matters and what to do,
//! following Microsoft's SCEP troubleshooting flow (which step, what to check
//! on NDES, the connector, the CA). Texts take `{name}` parameters; every row
//! has a fixture that fires it (see `tests/fixtures.rs`).

use std::collections::BTreeMap;

use crate::event::FindingRef;
use crate::model::{Severity, Step};
use crate::report::{Evidence, Finding};

pub struct Entry {
    pub code: &'static str,
    pub severity: Severity,
    pub step: Option<u8>,
    pub title: &'static str,
    pub explanation: &'static str,
    pub fix: &'static str,
}

use Severity::{Error, Info, Warning};

pub static TABLE: &[Entry] = &[
    // ── Step 2: device ↔ NDES, HTTP answers ───────────────────────────────
    Entry {
        code: "scep.http-403",
        severity: Error,
        step: Some(2),
        title: "NDES answered {operation} with HTTP 403 Forbidden",
        explanation: "The device reached the server at {url}, but it refused the SCEP request. Browsing to the bare SCEP URL normally gives 403, but a SCEP operation must not. A proxy or web application firewall in front of NDES, IP restrictions in IIS, or a request-filtering rule can cause this.",
        fix: "Check the IIS log on the NDES server (W3SVC1) for this request and its sub-status. Remove restrictions on /certsrv/mscep/mscep.dll, and if Microsoft Entra application proxy publishes NDES, check its pre-authentication is set to passthrough.",
    },
    Entry {
        code: "scep.http-404",
        severity: Error,
        step: Some(2),
        title: "NDES answered {operation} with HTTP 404 Not Found",
        explanation: "The SCEP server URL in the profile does not point at the NDES application: {url} does not exist on that server.",
        fix: "Compare the SCEP server URL in the Intune SCEP profile with the NDES URL (https://<server>/certsrv/mscep/mscep.dll). Browsing to it from the device's network should give HTTP 403, which proves the path is right.",
    },
    Entry {
        code: "scep.http-414",
        severity: Error,
        step: Some(2),
        title: "NDES answered {operation} with HTTP 414 Request-URI Too Long",
        explanation: "The SCEP request is sent in the URL and is longer than IIS accepts. Intune's challenge makes these URLs long.",
        fix: "On the NDES server set IIS request filtering maxUrl and maxQueryString to 65534, and under HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters set MaxFieldLength and MaxRequestBytes to 65534 (DWORD), then restart the server.",
    },
    Entry {
        code: "scep.http-500",
        severity: Error,
        step: Some(2),
        title: "NDES answered {operation} with HTTP 500 Internal Server Error",
        explanation: "NDES itself failed while handling the request. Common causes: the IIS_IUSRS group lacks the \"Impersonate a client after authentication\" right (IIS log sc-win32-status 1346), the NDES service account is locked or its password expired, the NDES RA certificates (CEP Encryption, Exchange Enrollment Agent) expired, or the root CA's CRL has expired.",
        fix: "Read the IIS log line for this request on the NDES server. For win32 status 1346 add IIS_IUSRS to \"Impersonate a client after authentication\" (secpol.msc) and restart. Otherwise check the service account, renew expired RA certificates and run iisreset, and check the CA's CRL is current.",
    },
    Entry {
        code: "scep.http-502",
        severity: Error,
        step: Some(2),
        title: "NDES answered {operation} with HTTP 502 Bad Gateway",
        explanation: "A proxy between the device and NDES (often Microsoft Entra application proxy) could not reach the NDES server.",
        fix: "Check the application proxy connector group assigned to the NDES application contains connectors that can reach the NDES server, and that the internal URL is right.",
    },
    Entry {
        code: "scep.http-503",
        severity: Error,
        step: Some(2),
        title: "NDES answered {operation} with HTTP 503 Service Unavailable",
        explanation: "The SCEP application pool in IIS on the NDES server is stopped or keeps crashing. Known causes: intermediate CA certificates in the NDES server's Trusted Root store, an unreachable CRL for the connector's certificates, Windows Authentication enabled on CertificateRegistrationSvc, or an expired NDES policy module certificate.",
        fix: "In IIS Manager start the SCEP application pool. Look for Application event 1000 (w3wp.exe) on the NDES server, move intermediate certificates out of Trusted Root Certification Authorities, and renew the certificate named by HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\Modules\\NDESPolicy\\NDESCertThumbprint if it expired.",
    },
    Entry {
        code: "scep.http-504",
        severity: Error,
        step: Some(2),
        title: "NDES answered {operation} with HTTP 504 Gateway Timeout",
        explanation: "A proxy in front of NDES (usually Microsoft Entra application proxy) got no answer from the NDES server in time.",
        fix: "Check the Microsoft Entra application proxy connector service is running on its server and can reach NDES; then check the NDES server is up.",
    },
    Entry {
        code: "scep.http-error",
        severity: Error,
        step: Some(2),
        title: "NDES answered {operation} with HTTP {status} {reason}",
        explanation: "The device reached {url} but the answer was not 200 OK, so the SCEP exchange stopped there.",
        fix: "Find this request in the NDES server's IIS log (W3SVC1) and look up its status and sub-status. Browsing to the SCEP server URL should give HTTP 403; anything else points at the server or a proxy in front of it.",
    },
    Entry {
        code: "android.transport-error",
        severity: Error,
        step: Some(2),
        title: "The device could not talk to NDES: {message}",
        explanation: "The connection failed before any HTTP answer: the NDES host name did not resolve, the network path is blocked, or the device does not trust the TLS certificate of the NDES (or proxy) URL.",
        fix: "From the device's network, browse to the SCEP server URL: it should give HTTP 403. Check DNS and firewall, and that the NDES server's TLS certificate chains to a root the device trusts (publicly trusted, or deployed with a trusted certificate profile). If the IIS log shows no request at all, the path is blocked before NDES.",
    },
    Entry {
        code: "android.ra-not-issued-by-ca",
        severity: Error,
        step: Some(2),
        title: "The NDES RA certificate was not issued by the CA",
        explanation: "GetCACert returned an RA (registration authority) certificate that does not chain to the CA certificate, so the device will not send its request.",
        fix: "On the NDES server renew the RA certificates (CEP Encryption and Exchange Enrollment Agent (Offline request)) from the issuing CA, remove stale ones from the local computer Personal store, and run iisreset.",
    },
    Entry {
        code: "android.ca-fingerprint-mismatch",
        severity: Error,
        step: Some(2),
        title: "The CA returned by NDES does not match the trusted certificate profile",
        explanation: "The device checks the CA certificate from GetCACert against the CA thumbprint in its profile. They differ, usually because the trusted certificate profile holds another root or an intermediate, or the CA was renewed.",
        fix: "Export the CA certificate that NDES uses, and deploy exactly that root (and its intermediates) with the trusted certificate profile the SCEP profile references.",
    },
    Entry {
        code: "android.content-type-mismatch",
        severity: Error,
        step: Some(2),
        title: "NDES answered with the wrong content type ({actual})",
        explanation: "The device expected {expected} but got {actual}. Something between the device and NDES returned an HTML page or rewrote the body: a login page, a firewall block page, or Microsoft Entra application proxy translating URLs in the body.",
        fix: "Turn off \"Translate URLs in application body\" on the application proxy app for NDES, use passthrough pre-authentication, and check no firewall or proxy rewrites /certsrv/mscep/mscep.dll.",
    },
    // ── Steps 3–4: policy module and CA answers ───────────────────────────
    Entry {
        code: "scep.fail-bad-request",
        severity: Error,
        step: Some(3),
        title: "NDES rejected the request (CertRep FAILURE, failInfo {fail_info})",
        explanation: "The request reached NDES, but the Intune policy module or the CA refused it. The usual causes are a challenge that the connector could not verify with Intune (expired, already used, connector not connected), or a CA denial (template not allowed, subject name or key length not accepted by the template).",
        fix: "On the NDES/connector server check the Intune Certificate Connector's Operational log for events 4005 (verify failed, step 3) or 4007 (issue failed, step 4), and the CA's Failed Requests for the reason. Then check the template named in the SCEP profile is published on the CA and that the NDES service account may enroll for it.",
    },
    Entry {
        code: "scep.fail-bad-alg",
        severity: Error,
        step: Some(2),
        title: "NDES rejected the request: unsupported algorithm",
        explanation: "CertRep FAILURE with failInfo badAlg: NDES or the CA does not accept the hash or encryption algorithm the device used.",
        fix: "Check the hash algorithm in the SCEP profile is supported by NDES (GetCACaps lists SHA-256/SHA-512), and that the CA certificate and template allow it.",
    },
    Entry {
        code: "scep.fail-bad-message-check",
        severity: Error,
        step: Some(2),
        title: "NDES could not verify the request's signature",
        explanation: "CertRep FAILURE with failInfo badMessageCheck: the signed SCEP message did not verify on NDES, for example because a proxy changed it or NDES used other RA certificates than the device encrypted to.",
        fix: "Make sure all NDES servers behind the URL use the same RA certificates, nothing rewrites the request on the way, and run iisreset after renewing RA certificates.",
    },
    Entry {
        code: "scep.fail-bad-time",
        severity: Error,
        step: Some(3),
        title: "NDES rejected the request: time out of range",
        explanation: "CertRep FAILURE with failInfo badTime: the request's signing time was not accepted, typically because the device or server clock is wrong, or the challenge had expired.",
        fix: "Check the device's and NDES server's clocks, then sync the device to get a fresh challenge and retry.",
    },
    Entry {
        code: "scep.fail-bad-cert-id",
        severity: Error,
        step: Some(4),
        title: "NDES rejected the request: no certificate matches",
        explanation: "CertRep FAILURE with failInfo badCertId: the CA found no certificate for what the device asked for (a poll for a request the CA does not know).",
        fix: "Check the CA's Failed and Pending Requests for this device, then sync the device so it starts a new request.",
    },
    Entry {
        code: "scep.pending",
        severity: Warning,
        step: Some(4),
        title: "The CA holds the request as pending",
        explanation: "NDES answered PENDING: the CA did not issue the certificate right away, usually because the template or CA requires CA manager approval. The device polls again later.",
        fix: "Issue the request in the CA console (Pending Requests), or remove \"CA certificate manager approval\" from the template used by the SCEP profile.",
    },
    // ── Step 5: the answer reaches the device and is installed ────────────
    Entry {
        code: "android.response-mismatch",
        severity: Error,
        step: Some(5),
        title: "The answer from NDES does not belong to this request",
        explanation: "The device rejected NDES's answer ({message}): transaction id or nonce did not match, or the signature did not verify. Load balancers that send GetCACert and PKIOperation to different NDES servers, or caching proxies, cause this.",
        fix: "Make all NDES servers behind the URL share the same RA certificates, or pin clients to one server (session affinity); disable caching on any proxy in front of NDES.",
    },
    Entry {
        code: "android.install-state-failed",
        severity: Error,
        step: Some(5),
        title: "The certificate install failed on the device ({state})",
        explanation: "Company Portal's install state machine ended in {state}. The certificate was issued, but it could not be installed or its key could not be accessed.",
        fix: "On the device, open Company Portal and sync; accept any certificate install prompt. If it fails again, collect Company Portal logs with verbose logging on and check the lines around this state.",
    },
    Entry {
        code: "android.waiting-for-user-install",
        severity: Warning,
        step: Some(5),
        title: "The certificate waits for the user to install it",
        explanation: "The certificate was issued and Company Portal asked the user to install it (a notification on device-administrator enrolled devices). The log ends before the user accepted.",
        fix: "Ask the user to tap the Company Portal notification and install the certificate. Android Enterprise enrollments install silently and avoid this step.",
    },
    Entry {
        code: "android.waiting-for-access",
        severity: Warning,
        step: Some(5),
        title: "The certificate waits for the user to allow access",
        explanation: "The certificate is installed, but Company Portal still waits for the user to grant it access to the key, so Wi-Fi and VPN profiles cannot use it yet.",
        fix: "Ask the user to open the Company Portal notification and allow access to the certificate.",
    },
    // ── Step 1: trusted root ──────────────────────────────────────────────
    Entry {
        code: "android.root-waiting-for-user",
        severity: Warning,
        step: Some(1),
        title: "The trusted root certificate waits for the user to install it",
        explanation: "On device-administrator enrollments the user must accept a Company Portal notification to install the root. Since Android 11 a trusted certificate profile can no longer install a root on device-administrator devices at all (Samsung Knox excepted).",
        fix: "Ask the user to install the certificate from the Company Portal notification. For Android 11 and later, move the device to Android Enterprise (work profile or fully managed).",
    },
    Entry {
        code: "android.root-install-failed",
        severity: Error,
        step: Some(1),
        title: "The trusted root certificate install failed ({state})",
        explanation: "Company Portal could not install the trusted root certificate. Without it the SCEP certificate's chain is not trusted.",
        fix: "Check the trusted certificate profile holds the root (or intermediate) certificate as a .cer file and nothing else; then sync the device.",
    },
    // ── After step 5: consumers ───────────────────────────────────────────
    Entry {
        code: "android.profile-waiting-for-certificates",
        severity: Warning,
        step: Some(5),
        title: "{profile_kind} profile '{profile}' waits for its certificates",
        explanation: "The {profile_kind} profile is not applied because a certificate it needs is missing: the trusted root or SCEP certificate is not installed yet, or no installed certificate matches the profile's criteria (for example an EKU).",
        fix: "Make sure the trusted root and SCEP profiles the {profile_kind} profile references are assigned to the same group and installed. If they are, compare the EKUs the profile requires with the CA template.",
    },
    Entry {
        code: "android.eku-any-purpose-missing",
        severity: Warning,
        step: Some(5),
        title: "A certificate was excluded: it lacks the Any Purpose EKU",
        explanation: "The Wi-Fi or VPN profile asks for a certificate with the Any Purpose extended key usage, but the issued certificate ({alias}) does not carry it, so the profile cannot use it.",
        fix: "Add Any Purpose to the certificate template on the CA (and reissue), or remove Any Purpose from the SCEP profile's extended key usage.",
    },
    // ── Patterns over a whole certificate story ───────────────────────────
    Entry {
        code: "scep.getcacert-only",
        severity: Warning,
        step: Some(2),
        title: "The device stopped after GetCACert",
        explanation: "NDES answered GetCACert, but the device never asked for GetCACaps. The device did not trust the CA certificate NDES returned: typically the trusted certificate profile holds an intermediate instead of the root, the wrong root, or a chain signed with an algorithm the device rejects.",
        fix: "Deploy the real root CA certificate (and intermediates, in their own trusted certificate profiles) to the same group as the SCEP profile, and make sure the CA certificates are signed with SHA-256 RSA.",
    },
    Entry {
        code: "scep.log-ends-mid-flow",
        severity: Info,
        step: None,
        title: "The log ends at \"{stage}\" without an error",
        explanation: "Nothing failed, but the log stops before the certificate was installed. The device may still be working on it, or the log was captured too early or rotated.",
        fix: "Sync the device, wait a few minutes and collect the logs again. If it stays at the same step, check the next step of the flow ({next}) on the NDES server and the CA.",
    },
    Entry {
        code: "android.no-evidence",
        severity: Info,
        step: Some(1),
        title: "No certificate activity in this Android log",
        explanation: "The log was read, but it has no trace of a trusted root or SCEP certificate profile. Either the profiles were not assigned to this user or device, the device has not synced since, or verbose logging was off.",
        fix: "In Company Portal open Settings and turn on verbose logging, sync the device (Settings > Sync), reproduce, then send the logs (Help > Send logs) or copy OMADM.log. Check in the Intune admin center that the SCEP profile and its trusted certificate profile are assigned to the same user or device group. Android Enterprise devices log to the Intune app's CloudExtension.log instead.",
    },
];

pub fn lookup(code: &str) -> Option<&'static Entry> {
    TABLE.iter().find(|e| e.code == code)
}

/// Fills `{name}` placeholders; unknown names stay as written.
fn fill(template: &str, params: &[(&str, String)]) -> String {
    let mut out = template.to_string();
    for (name, value) in params {
        let shown = if value.is_empty() {
            "—"
        } else {
            value.as_str()
        };
        out = out.replace(&format!("{{{name}}}"), shown);
    }
    out
}

/// Turns a reference into a finding with its texts. Unknown codes (a bug)
/// still produce a finding that says what it is.
pub fn finding(r: &FindingRef, evidence: Vec<Evidence>) -> Finding {
    let params: BTreeMap<String, String> = r
        .params
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    match lookup(r.code) {
        Some(e) => Finding {
            severity: e.severity,
            code: e.code.to_string(),
            step: e.step.map(Step),
            title: fill(e.title, &r.params),
            explanation: fill(e.explanation, &r.params),
            fix: fill(e.fix, &r.params),
            params,
            evidence,
        },
        None => Finding {
            severity: Severity::Warning,
            code: r.code.to_string(),
            step: None,
            title: r.code.to_string(),
            explanation: String::new(),
            fix: String::new(),
            params,
            evidence,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_texts_present() {
        for (i, e) in TABLE.iter().enumerate() {
            assert!(
                TABLE[..i].iter().all(|o| o.code != e.code),
                "duplicate {}",
                e.code
            );
            assert!(
                !e.title.is_empty() && !e.explanation.is_empty() && !e.fix.is_empty(),
                "{}",
                e.code
            );
        }
    }

    #[test]
    fn placeholders_are_filled() {
        let r = FindingRef::new("scep.http-error")
            .param("operation", "GetCACert")
            .param("status", "418")
            .param("reason", "")
            .param("url", "u");
        let f = finding(&r, vec![]);
        assert_eq!(f.title, "NDES answered GetCACert with HTTP 418 —");
        assert!(!f.explanation.contains('{'));
    }
}
