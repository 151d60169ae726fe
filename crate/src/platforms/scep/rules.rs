//! SCEP protocol facts every platform's signatures share: HTTP answers from
//! NDES, CertRep statuses and failInfo values (RFC 8894), and the timeline
//! lines of moments every platform logs (profile received, GetCACert, CSR
//! sent, certificate returned).

use crate::core::event::{FindingRef, Outcome, Signal, What, TAG_GETCACERT_OK};
use crate::core::model::Stage;
use crate::platforms::lines::Line;

/// Timeline lines every platform shares.
pub static LINES: &[Line] = &[
    Line { code: "scep.profile-received", text: "SCEP certificate profile received[ ({via}[, {store} store])]" },
    Line { code: "scep.root-profile-received", text: "Trusted root certificate profile received[ ({via})]" },
    Line { code: "scep.intermediate-profile-received", text: "Intermediate CA certificate profile received[ ({via})]" },
    Line { code: "scep.root-profile-installed", text: "Trusted root certificate profile installed" },
    Line { code: "scep.intermediate-profile-installed", text: "Intermediate CA certificate profile installed" },
    Line { code: "scep.get-ca-cert", text: "Asks NDES for the CA certificate (GetCACert) at {url}" },
    Line { code: "scep.get-ca-caps", text: "Asks NDES for its capabilities (GetCACaps) at {url}" },
    Line { code: "scep.sends", text: "Sends {operation} to {url}" },
    Line { code: "scep.ndes-answered", text: "NDES answered {operation}: {status}[ {reason}]" },
    Line { code: "scep.ndes-http-error", text: "NDES answered {operation} with HTTP {status}[ {reason}]" },
    Line { code: "scep.csr-sent", text: "CSR sent to NDES (PKIOperation[ via {method}])" },
    Line { code: "scep.pki-operation", text: "{#purpose} (PKIOperation)[: {message_type}][, transaction {transaction}][, encrypted for the RA certificate issued by {issuer}[ (serial {serial})]][, content encryption {cipher}][, signed with {digest}][ {#cut}]" },
    Line { code: "scep.purpose-request", text: "Sends the certificate request" },
    Line { code: "scep.purpose-poll", text: "Asks NDES whether the certificate is issued" },
    Line { code: "scep.purpose-message", text: "Sends a SCEP message" },
    Line { code: "scep.message-cut", text: "(message cut short in the log; later fields unknown)" },
    Line { code: "scep.certrep-success", text: "CertRep SUCCESS: the CA issued the certificate" },
    Line { code: "scep.certrep-pending", text: "CertRep PENDING: the CA holds the request for approval" },
    Line { code: "scep.certrep-failure", text: "CertRep FAILURE, failInfo {fail_info}: the request was rejected" },
    Line { code: "scep.issued-received", text: "NDES returned the issued certificate" },
    // Terms: coded values a rule or the verdict writes where a log names nothing.
    Line { code: "scep.unnamed-operation", text: "the SCEP request" },
    Line { code: "scep.unnamed-url", text: "the SCEP server URL" },
    Line { code: "scep.no-fail-info", text: "none" },
    Line { code: "scep.next-step-2", text: "step 2, the device reaching NDES: check the IIS log on the NDES server" },
    Line { code: "scep.next-steps-3-4", text: "steps 3 and 4, the policy module and the CA: check the Intune Certificate Connector logs and the CA's issued and failed requests" },
    Line { code: "scep.next-step-5", text: "step 5, the install on the device" },
];

/// Coded values a rule or the verdict writes as a parameter where a log
/// names nothing (each a term of [`LINES`]); the renderers show them in the
/// report's language.
pub const VALUE_TERMS: &[&str] = &[
    UNNAMED_OPERATION,
    UNNAMED_URL,
    NO_FAIL_INFO,
    NEXT_STEP_2,
    NEXT_STEPS_3_4,
    NEXT_STEP_5,
];

/// The operation, when a log says only that "a" SCEP request failed: a
/// coded value (a term of `LINES`), rendered in the report's language.
pub const UNNAMED_OPERATION: &str = "scep.unnamed-operation";
/// The URL, when a log does not give it (a coded value).
pub const UNNAMED_URL: &str = "scep.unnamed-url";

/// The failInfo of a CertRep FAILURE that gives none (a coded value: a log
/// whose failInfo reads `none` keeps its own word).
pub const NO_FAIL_INFO: &str = "scep.no-fail-info";

/// The "next step" hints of `scep.log-ends-mid-flow` (coded values).
pub const NEXT_STEP_2: &str = "scep.next-step-2";
pub const NEXT_STEPS_3_4: &str = "scep.next-steps-3-4";
pub const NEXT_STEP_5: &str = "scep.next-step-5";

/// The device asks NDES for `op` at `url`.
pub fn sending(op: &str, url: &str) -> Signal {
    match op {
        "GetCACert" => Signal::reached(
            Stage::RequestStarted,
            What::new("scep.get-ca-cert").param("url", url),
        ),
        "GetCACaps" => Signal::reached(
            Stage::RequestStarted,
            What::new("scep.get-ca-caps").param("url", url),
        ),
        _ => Signal::reached(
            Stage::RequestStarted,
            What::new("scep.sends")
                .param("operation", op)
                .param("url", url),
        ),
    }
}

/// The SCEP operation a request or answer belongs to.
pub fn operation(text: &str) -> &'static str {
    if text.contains("GetCACaps") {
        "GetCACaps"
    } else if text.contains("GetNextCACert") {
        "GetNextCACert"
    } else if text.contains("GetCACert") {
        "GetCACert"
    } else {
        "PKIOperation"
    }
}

/// Which kind of SCEP server a URL points at, decided from the URL alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServerKind {
    /// Microsoft NDES: the path holds `/certsrv/mscep` (`mscep.dll`).
    Ndes,
    /// An http(s) URL without it: a cloud or third-party SCEP service.
    Generic,
    /// No URL in the log (a coded value, or nothing usable).
    Unknown,
}

/// The finding param that carries [`ServerKind::Generic`]; a finding with
/// it renders the generic variant of its texts (`GENERIC` beside `TABLE`).
/// NDES and unknown servers carry no param and keep the NDES wording.
pub const SERVER_PARAM: &str = "server";
pub const SERVER_GENERIC: &str = "generic";

/// The kind of SCEP server at `url`.
pub fn server_kind(url: &str) -> ServerKind {
    let lower = url.trim().to_ascii_lowercase();
    if lower.contains("/certsrv/mscep") || lower.contains("mscep.dll") {
        ServerKind::Ndes
    } else if lower.starts_with("https://") || lower.starts_with("http://") {
        ServerKind::Generic
    } else {
        ServerKind::Unknown
    }
}

/// `r` with the server param when `url` is a generic SCEP server's.
pub fn with_server(r: FindingRef, url: &str) -> FindingRef {
    match server_kind(url) {
        ServerKind::Generic => r.param(SERVER_PARAM, SERVER_GENERIC),
        ServerKind::Ndes | ServerKind::Unknown => r,
    }
}

/// NDES (or a proxy in front of it) answered `op` with HTTP `status`.
pub fn http_answer(op: &str, status: u16, reason: &str, url: &str) -> Signal {
    let reason = reason.trim();
    if status == 200 {
        let stage = if op == "PKIOperation" {
            Stage::CsrSent
        } else {
            Stage::CaContacted
        };
        let what = What::new("scep.ndes-answered")
            .param("operation", op)
            .param("status", status.to_string())
            .param("reason", reason);
        let signal = Signal::reached(stage, what);
        return if op == "GetCACert" {
            signal.tagged(TAG_GETCACERT_OK)
        } else {
            signal
        };
    }
    let code = match status {
        403 => "scep.http-403",
        404 => "scep.http-404",
        414 => "scep.http-414",
        500 => "scep.http-500",
        502 => "scep.http-502",
        503 => "scep.http-503",
        504 => "scep.http-504",
        _ => "scep.http-error",
    };
    let what = What::new("scep.ndes-http-error")
        .param("operation", op)
        .param("status", status.to_string())
        .param("reason", reason);
    Signal::new(None, 2, Outcome::Failed, what).with_finding(with_server(
        FindingRef::new(code)
            .param("operation", op)
            .param("status", status.to_string())
            .param("reason", reason)
            .param("url", url),
        url,
    ))
}

/// The standard reason phrase of an HTTP status, for logs that give only the
/// number (Apple's `URL request failed. Status code: 503`).
pub fn reason_phrase(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        413 => "Payload Too Large",
        414 => "Request-URI Too Long",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

/// Splits `k=v,k=v,…` as printed by Java's reflection toString, where values
/// may contain brackets with commas inside (`senderNonce=Nonce [AB,CD]`).
pub fn key_values(list: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    let bytes = list.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'[' => depth += 1,
            b']' => depth -= 1,
            b',' if depth <= 0 => {
                push_kv(&list[start..i], &mut out);
                start = i + 1;
            }
            _ => {}
        }
    }
    push_kv(&list[start..], &mut out);
    out
}

fn push_kv<'a>(item: &'a str, out: &mut Vec<(&'a str, &'a str)>) {
    if let Some((k, v)) = item.split_once('=') {
        out.push((k.trim(), v.trim()));
    }
}

/// What a CertRep with this `pkiStatus` and `failInfo` means.
pub fn cert_rep(pki_status: &str, fail_info: &str, trans_id: &str) -> Signal {
    match pki_status.to_ascii_uppercase().as_str() {
        "SUCCESS" | "0" => Signal::reached(Stage::Issued, "scep.certrep-success"),
        "PENDING" | "3" => Signal::new(
            Some(Stage::CsrSent),
            4,
            Outcome::Pending,
            "scep.certrep-pending",
        )
        .with_finding(
            FindingRef::new("scep.pending")
                .param("transaction", trans_id)
                .if_last(),
        ),
        _ => {
            let (code, step) = fail_info_code(fail_info);
            let shown = if fail_info.is_empty() || fail_info == "<null>" {
                NO_FAIL_INFO
            } else {
                fail_info
            };
            Signal::new(
                Some(Stage::CsrSent),
                step,
                Outcome::Failed,
                What::new("scep.certrep-failure").param("fail_info", shown),
            )
            .with_finding(
                FindingRef::new(code)
                    .param("fail_info", shown)
                    .param("transaction", trans_id),
            )
        }
    }
}

/// Knowledge code and flow step for a SCEP failInfo (name or number).
pub fn fail_info_code(fail_info: &str) -> (&'static str, u8) {
    match fail_info.to_ascii_lowercase().as_str() {
        "badalg" | "0" => ("scep.fail-bad-alg", 2),
        "badmessagecheck" | "1" => ("scep.fail-bad-message-check", 2),
        "badtime" | "3" => ("scep.fail-bad-time", 3),
        "badcertid" | "4" => ("scep.fail-bad-cert-id", 4),
        // badRequest (2), and what jscep maps unknown values to.
        _ => ("scep.fail-bad-request", 3),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn server_kind_from_the_url() {
        use super::{server_kind, ServerKind};
        let ndes =
            "https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll?operation=GetCACert";
        assert_eq!(server_kind(ndes), ServerKind::Ndes);
        assert_eq!(server_kind("HTTPS://NDES/CertSrv/MSCEP/"), ServerKind::Ndes);
        let cloud =
            "https://contoso.eu.pki.azure.net/TrustedRootCA/SCEP/issuing?operation=GetCACert";
        assert_eq!(server_kind(cloud), ServerKind::Generic);
        assert_eq!(
            server_kind("http://scep.example.net/scep"),
            ServerKind::Generic
        );
        assert_eq!(server_kind(super::UNNAMED_URL), ServerKind::Unknown);
        assert_eq!(server_kind(""), ServerKind::Unknown);
    }

    use super::*;

    #[test]
    fn java_to_string_lists() {
        let kv =
            key_values("failInfo=<null>,pkiStatus=SUCCESS,recipientNonce=Nonce [A,B],transId=T");
        assert_eq!(
            kv,
            [
                ("failInfo", "<null>"),
                ("pkiStatus", "SUCCESS"),
                ("recipientNonce", "Nonce [A,B]"),
                ("transId", "T")
            ]
        );
        assert!(key_values("").is_empty());
        assert_eq!(key_values("a=]]],b=1").len(), 2);
    }

    #[test]
    fn operations() {
        assert_eq!(operation("GetCACaps(ca)"), "GetCACaps");
        assert_eq!(operation("GetCACert(ca)"), "GetCACert");
        assert_eq!(
            operation("org.spongycastle.cms.CMSSignedData@1"),
            "PKIOperation"
        );
    }
}
