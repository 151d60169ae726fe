//! Findings any platform's SCEP exchange can raise: NDES HTTP answers,
//! CertRep failInfo and PENDING, and patterns over a whole story.

use crate::core::model::Severity::{Error, Info, Warning};
use crate::platforms::findings::{Entry, Text};

pub static TABLE: &[Entry] = &[
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
        code: "scep.unrecognized-lines",
        severity: Info,
        step: None,
        title: "Lines about SCEP that SCEP Doctor does not recognize",
        explanation: "The certificate processes wrote these lines about SCEP or certificates, but they match no known signature and no certificate story was found to attach them to, so they change no verdict.",
        fix: "Read the lines listed as evidence in the log: they may show a step or an error SCEP Doctor does not know yet. If one does, report its wording so it can be recognized.",
    },
];

/// The generic-server variants of the HTTP findings: the texts a finding
/// renders when its `server` param is `generic` (the SCEP URL has no
/// `/certsrv/mscep`, so it is a cloud or third-party SCEP service, not NDES).
/// Same codes and placeholders as `TABLE`; fixes that hold for any server.
pub static GENERIC: &[Text] = &[
    Text {
        code: "scep.http-403",
        title: "The SCEP server answered {operation} with HTTP 403 Forbidden",
        explanation: "The device reached the server at {url}, but it refused the SCEP request. A proxy or web application firewall in front of the server, an IP allow list, or the service's own access rules can cause this.",
        fix: "Check the SCEP server's request log (or the service's portal) for this request. Make sure the device's network is allowed to reach the SCEP URL and no proxy or firewall blocks or rewrites it; for a cloud or third-party service, check the Intune integration or allow list it requires is set up.",
    },
    Text {
        code: "scep.http-404",
        title: "The SCEP server answered {operation} with HTTP 404 Not Found",
        explanation: "The SCEP server URL in the profile does not point at a SCEP endpoint: {url} does not exist on that server.",
        fix: "Compare the SCEP server URL in the Intune SCEP profile, character by character, with the SCEP URL the service documents or shows in its portal (for Microsoft Cloud PKI, the issuing CA's SCEP URI).",
    },
    Text {
        code: "scep.http-414",
        title: "The SCEP server answered {operation} with HTTP 414 Request-URI Too Long",
        explanation: "The SCEP request is sent in the URL and is longer than the server or a proxy in front of it accepts. Intune's challenge makes these URLs long.",
        fix: "Raise the URL and query string length limits on the SCEP server and on any proxy or firewall in front of it, or ask the service's vendor whether it supports POST for PKIOperation (advertised in GetCACaps).",
    },
    Text {
        code: "scep.http-500",
        title: "The SCEP server answered {operation} with HTTP 500 Internal Server Error",
        explanation: "The SCEP server itself failed while handling the request: its configuration, its signing (RA) certificate, its link to the CA, or the service is down.",
        fix: "Check the SCEP server's own logs or status page for this request and time. Check its RA or signing certificate and its CA certificate are valid and that it can reach its CA; for a cloud or third-party service, open a case with the vendor with the request's time and URL.",
    },
    Text {
        code: "scep.http-502",
        title: "The SCEP server answered {operation} with HTTP 502 Bad Gateway",
        explanation: "A proxy or load balancer between the device and the SCEP server could not reach the server behind it.",
        fix: "Check the proxy or load balancer in front of the SCEP server can reach it (its back-end address and health probes), and that the SCEP service is running.",
    },
    Text {
        code: "scep.http-503",
        title: "The SCEP server answered {operation} with HTTP 503 Service Unavailable",
        explanation: "The SCEP service is stopped, overloaded or in maintenance, or a proxy in front of it has no healthy server to send the request to.",
        fix: "Check the SCEP service is running (its status page or the vendor's service health), then retry. If it persists, check the proxy or load balancer in front of it.",
    },
    Text {
        code: "scep.http-504",
        title: "The SCEP server answered {operation} with HTTP 504 Gateway Timeout",
        explanation: "A proxy or load balancer in front of the SCEP server got no answer from it in time.",
        fix: "Check the SCEP server is up and answering, and that the proxy's time-out is long enough for it; for a cloud or third-party service, check its service health.",
    },
    Text {
        code: "scep.http-error",
        title: "The SCEP server answered {operation} with HTTP {status} {reason}",
        explanation: "The device reached {url} but the answer was not 200 OK, so the SCEP exchange stopped there.",
        fix: "Look up this request in the SCEP server's logs (or the service's portal) and its status. A GetCACert to the SCEP URL should answer 200 with the CA certificates; anything else points at the server or a proxy in front of it.",
    },
];
