//! iOS/iPadOS: what `profiled` (and on recent systems `CertificateService`)
//! writes while it installs an Intune SCEP profile. Strings are the device's
//! own: Microsoft's troubleshooting articles quote the success path, Apple's
//! SCEP payload handler gives the failure path, and the NSError dumps are the
//! ManagedConfiguration verbose format (`Desc   :`, `Domain :`, `Code   :`,
//! `...Underlying error:`).
//!
//! Only the profile-receipt and profile-installed lines name the request;
//! the SCEP exchange in between binds to the latest enrollment.

use super::mcscep::{code_by_key, code_by_text, SCEP_CODES};
use super::nserror::{description_chain, dump_chain, NsError};
use std::sync::OnceLock;

use crate::core::event::{FindingRef, Outcome, RootRef, Signal, Subject, What, TAG_GETCACERT_OK};
use crate::core::model::Stage;
use crate::core::request_id::RequestId;
use crate::parse::rules::{cap, Fallback, Rule, RuleSet};
use crate::platforms::lines::{Line, OSSTATUS_SYMBOL_TERM, OSSTATUS_TERM};
use crate::platforms::scep::message as scep_message;
use crate::platforms::scep::rules as scep;

pub fn rules() -> &'static RuleSet {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| RuleSet::new(RULES).with_fallback(&UNRECOGNIZED))
}

/// Lines of the certificate processes that speak of SCEP but match no rule:
/// kept on the timeline so the admin still sees them.
static UNRECOGNIZED: Fallback = Fallback {
    name: "unrecognized-scep-line",
    processes: &["profiled", "mdmclient", "CertificateService"],
    pattern: r"(?i)scep|getcacert|getcacaps|getnextcacert|pkioperation|\bcsr\b|certificate",
    literals: &[
        "scep",
        "getcacert",
        "getcacaps",
        "getnextcacert",
        "pkioperation",
        "csr",
        "certificate",
    ],
    build: |text| {
        // A pasted dump's other fields repeating a known error's text (the
        // `Desc` line or the localization key told it), and the line that
        // opened a dump whose fields stand on lines of their own.
        if dump_field_of_known_error(text) || text.trim_end().ends_with("NSError:") {
            return None;
        }
        Some((Subject::Evidence, unrecognized(text)))
    },
};

/// `US Desc: …`, `Sugg   : …` of an NSError dump standing alone (a paste
/// without the line that opened the dump) whose text is a known SCEP error.
fn dump_field_of_known_error(text: &str) -> bool {
    let text = text.trim_start();
    [
        "Desc",
        "US Desc",
        "Sugg",
        "US Sugg",
        "LocalizedDescription",
        "USEnglishDescription",
    ]
    .iter()
    .any(|f| {
        text.strip_prefix(f)
            .is_some_and(|rest| rest.trim_start().starts_with([':', '=']))
    }) && code_by_text(text).is_some()
}

/// How much of an unrecognized line the timeline shows.
const UNRECOGNIZED_CHARS: usize = 200;

fn unrecognized(text: &str) -> Signal {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let line = if flat.chars().count() > UNRECOGNIZED_CHARS {
        let mut cut: String = flat.chars().take(UNRECOGNIZED_CHARS).collect();
        cut.push('…');
        cut
    } else {
        flat
    };
    Signal::new(
        None,
        2,
        Outcome::Progress,
        What::new("ios.unrecognized").param("line", line),
    )
    .with_finding(FindingRef::new("scep.unrecognized-lines"))
}

/// Timeline lines of `profiled` (shared SCEP moments are in [`scep::LINES`]).
pub static LINES: &[Line] = &[
    Line {
        code: "ios.unrecognized",
        text: "Unrecognized SCEP line: {line}",
    },
    Line {
        code: "ios.getcacert-returned",
        text: "NDES answered GetCACert: {answer}",
    },
    Line {
        code: "ios.getcacaps",
        text: "CA certificate accepted; asks NDES for its capabilities (GetCACaps)",
    },
    Line {
        code: "ios.retrieve-issued",
        text: "CA certificate and capabilities read; the device asks for its certificate",
    },
    Line {
        code: "ios.request-failed",
        text: "{operation} request failed: {error}",
    },
    Line {
        code: "ios.ra-key-usage",
        text: "The RA certificates NDES returned have the wrong key usage",
    },
    Line {
        code: "ios.url-request-succeeded",
        text: "NDES answered the request",
    },
    Line {
        code: "ios.storing-server-certificates",
        text: "Stores the CA/RA certificates NDES returned",
    },
    Line {
        code: "ios.no-getcacaps",
        text: "NDES listed no capabilities; the device assumes SHA-1 only",
    },
    Line {
        code: "ios.storing-identity",
        text: "Stores the certificate and its private key",
    },
    Line {
        code: "ios.capability",
        text: "NDES capabilities: {capability}",
    },
    Line {
        code: "ios.attached-to-management-profile",
        text: "SCEP profile attached to the Intune management profile",
    },
    Line {
        code: "ios.polling",
        text: "The CA has not issued the certificate yet; the device polls NDES again",
    },
    Line {
        code: "ios.not-issued-yet",
        text: "The certificate is not issued yet[: {detail}]",
    },
    Line {
        code: "ios.identity-stored",
        text: "Certificate and private key stored in the keychain",
    },
    Line {
        code: "ios.scep-profile-installed",
        text: "SCEP certificate profile installed",
    },
    Line {
        code: "ios.dependent-profile-installed",
        text: "{profile_kind} profile {profile} installed",
    },
    Line {
        code: "ios.scep-failed",
        text:
            "SCEP failed: MCSCEPErrorDomain {code}, {#meaning}[ ({message})][; underlying {cause}][ ({#cause_symbol}: {#cause_meaning})]",
    },
    Line {
        code: "ios.mdmclient-scep-failed",
        text: "macOS SCEP enrollment failed: {error}[ ({message})]",
    },
    Line {
        code: "ios.install-failed",
        text: "Install failed: {error}[ ({message})]",
    },
    // What each MCSCEPErrorDomain code means (terms of `ios.scep-failed`).
    Line {
        code: "ios.mcscep-22000",
        text: "invalid key usage in the profile",
    },
    Line {
        code: "ios.mcscep-22001",
        text: "cannot generate the key pair",
    },
    Line {
        code: "ios.mcscep-22002",
        text: "invalid CA certificate response",
    },
    Line {
        code: "ios.mcscep-22003",
        text: "invalid RA response",
    },
    Line {
        code: "ios.mcscep-22004",
        text: "SCEP server configuration not supported",
    },
    Line {
        code: "ios.mcscep-22005",
        text: "network error talking to NDES",
    },
    Line {
        code: "ios.mcscep-22006",
        text: "insufficient CA capabilities",
    },
    Line {
        code: "ios.mcscep-22007",
        text: "the reply holds no certificate",
    },
    Line {
        code: "ios.mcscep-22008",
        text: "cannot create the identity",
    },
    Line {
        code: "ios.mcscep-22009",
        text: "cannot create the temporary identity",
    },
    Line {
        code: "ios.mcscep-22010",
        text: "cannot store the temporary identity",
    },
    Line {
        code: "ios.mcscep-22011",
        text: "cannot generate the CSR",
    },
    Line {
        code: "ios.mcscep-22012",
        text: "cannot store the CA certificate",
    },
    Line {
        code: "ios.mcscep-22013",
        text: "invalid PKIOperation response",
    },
    // Term: the coded value for an NSError printed without a domain.
    Line {
        code: "ios.unnamed-error",
        text: "error",
    },
];

static RULES: &[Rule] = &[
    // Step 1: the SCEP payload arrives and names its request.
    Rule {
        name: "scep-payload-dependency",
        needle: "in domain PayloadDependencyDomainCertificate",
        pattern: r"Adding dependent (\S+) to parent (\S+) in domain PayloadDependencyDomainCertificate",
        build: |c| {
            let id = RequestId::find(cap(c, 1))?;
            let mut signal = Signal::reached(Stage::ProfileReceived, "scep.profile-received");
            if let Some(policy) = id.policy_id() {
                signal.profile.push(("policy_id".into(), policy));
            }
            Some((Subject::Enrollment(id), signal))
        },
    },
    // Step 2: profiled talks to NDES.
    Rule {
        name: "url-request",
        needle: "Performing synchronous URL request:",
        pattern: r"Performing synchronous URL request: (\S+)",
        build: |c| Some((Subject::CurrentEnrollment, url_request(cap(c, 1)))),
    },
    Rule {
        name: "getcacert-returned",
        needle: "GetCACert returned ",
        pattern: r"GetCACert returned (an? [^.\n]*|separate [^.\n]*)\.",
        build: |c| {
            let signal = Signal::reached(
                Stage::CaContacted,
                What::new("ios.getcacert-returned").param("answer", cap(c, 1)),
            )
            .tagged(TAG_GETCACERT_OK);
            Some((Subject::CurrentEnrollment, signal))
        },
    },
    Rule {
        name: "retrieve-issued",
        needle: "Attempting to retrieve issued certificate",
        pattern: r"Attempting to retrieve issued certificate",
        build: |_| {
            Some((
                Subject::CurrentEnrollment,
                Signal::reached(Stage::CaContacted, "ios.retrieve-issued"),
            ))
        },
    },
    Rule {
        name: "sending-csr",
        needle: "Sending CSR via ",
        pattern: r"Sending CSR via (GET|POST)",
        build: |c| {
            Some((
                Subject::CurrentEnrollment,
                Signal::reached(
                    Stage::CsrSent,
                    What::new("scep.csr-sent").param("method", cap(c, 1)),
                ),
            ))
        },
    },
    Rule {
        name: "url-request-failed",
        needle: "URL request to ",
        pattern: r"URL request to (\S+) failed\. Error: ([^\n]*)",
        build: |c| {
            let op = scep::operation(cap(c, 1));
            let error = cap(c, 2);
            let error = error.split(" UserInfo=").next().unwrap_or(error).trim();
            let what = What::new("ios.request-failed")
                .param("operation", op)
                .param("error", error);
            let signal = Signal::new(None, 2, Outcome::Failed, what);
            Some((Subject::CurrentEnrollment, signal))
        },
    },
    Rule {
        name: "url-request-status",
        needle: "URL request failed. Status code:",
        pattern: r"URL request failed\. Status code: (\d{3})",
        build: |c| {
            let status: u16 = cap(c, 1).parse().ok()?;
            if status == 200 {
                return None;
            }
            let signal = scep::http_answer(
                scep::UNNAMED_OPERATION,
                status,
                scep::reason_phrase(status),
                scep::UNNAMED_URL,
            );
            Some((Subject::CurrentEnrollment, signal))
        },
    },
    Rule {
        name: "ra-key-usage",
        needle: "-67731",
        pattern: r"Validating response failed: -67731[^\n]*|-67731",
        build: |_| ra_key_usage(),
    },
    Rule {
        name: "no-candidate-ra",
        needle: "failed to find candidate RA certificates",
        pattern: r"SCEP failed to find candidate RA certificates",
        build: |_| ra_key_usage(),
    },
    // Known handler lines that prove no stage but tell the story.
    Rule {
        name: "url-request-succeeded",
        needle: "URL request succeeded.",
        pattern: r"URL request succeeded\.",
        build: |c| handler_note(cap(c, 0)),
    },
    Rule {
        name: "storing-server-certificate",
        needle: "Temporarily storing SCEP server certificate",
        pattern: r"Temporarily storing SCEP server certificate",
        build: |c| handler_note(cap(c, 0)),
    },
    Rule {
        name: "no-getcacaps",
        needle: "Did not receive GetCACaps information",
        pattern: r"Did not receive GetCACaps information from SCEP server",
        build: |c| handler_note(cap(c, 0)),
    },
    Rule {
        name: "caps-supported",
        needle: " is supported.",
        pattern: r"(?:SCEP: AES|SHA-512) is supported",
        build: |c| handler_note(cap(c, 0)),
    },
    Rule {
        name: "caps-fallback",
        needle: "not supported. Falling back to",
        pattern: r"SHA-512 (?:& SHA-256 )?not supported\. Falling back to SHA-(?:256|1) hash",
        build: |c| handler_note(cap(c, 0)),
    },
    Rule {
        name: "storing-identity",
        needle: "Storing SCEP identity",
        pattern: r"Storing SCEP identity",
        build: |c| handler_note(cap(c, 0)),
    },
    Rule {
        name: "scep-profile-managed",
        needle: "in domain ManagedProfileToManagingProfile",
        pattern: r"Adding dependent \S+ to parent (\S+) in domain ManagedProfileToManagingProfile",
        build: |c| {
            let parent = cap(c, 1);
            if !parent.to_ascii_lowercase().contains(".scep.") {
                return None;
            }
            let id = RequestId::find(parent)?;
            let signal = Signal::new(
                None,
                5,
                Outcome::Progress,
                "ios.attached-to-management-profile",
            );
            Some((Subject::Request(id), signal))
        },
    },
    // Step 4: the CA holds the request; profiled polls.
    Rule {
        name: "polling",
        needle: "Sleeping before polling SCEP server again",
        pattern: r"Sleeping before polling SCEP server again",
        build: |_| {
            let signal = Signal::new(Some(Stage::CsrSent), 4, Outcome::Pending, "ios.polling")
                .with_finding(
                    FindingRef::new("scep.pending")
                        .param("transaction", "")
                        .if_last(),
                );
            Some((Subject::CurrentEnrollment, signal))
        },
    },
    Rule {
        name: "could-not-retrieve",
        needle: "Could not retrieve issued certificate",
        pattern: r"Could not retrieve issued certificate:?[ \t]*([^\n]*)",
        build: |c| {
            let detail = cap(c, 1).trim();
            let detail = if detail == "NSError:" { "" } else { detail };
            let what = What::new("ios.not-issued-yet").param("detail", detail);
            Some((
                Subject::CurrentEnrollment,
                Signal::new(None, 4, Outcome::Progress, what),
            ))
        },
    },
    // Step 5: the certificate comes back and the profile installs.
    Rule {
        name: "issued",
        needle: "Issued certificate received",
        pattern: r"Issued certificate received",
        build: |_| {
            Some((
                Subject::CurrentEnrollment,
                Signal::reached(Stage::Issued, "scep.issued-received"),
            ))
        },
    },
    Rule {
        name: "identity-stored",
        needle: "Successfully installed certificate",
        pattern: r"Successfully installed certificate",
        build: |_| {
            Some((
                Subject::CurrentEnrollment,
                Signal::reached(Stage::Installed, "ios.identity-stored"),
            ))
        },
    },
    Rule {
        name: "profile-installed",
        needle: " installed.",
        pattern: r#"Profile (?:“|"|\\'93)([^”"\n]+?)(?:”|"|\\'94) installed\."#,
        build: |c| profile_installed(cap(c, 1)),
    },
    // Failures: the NSError chain, whichever way it is printed.
    Rule {
        name: "nserror-dump",
        needle: "NSError:",
        pattern: r"(?s)^(.*?)NSError:(.*)$",
        build: |c| failure(cap(c, 1), &dump_chain(cap(c, 2))),
    },
    Rule {
        name: "nserror-description",
        needle: "Error Domain=",
        pattern: r"(?s)^(.*?)(Error Domain=.*)$",
        build: |c| {
            // A dump is read by the rule above; a failed URL request by its own.
            if cap(c, 1).contains("NSError:") || cap(c, 1).contains("URL request to ") {
                return None;
            }
            failure(cap(c, 1), &description_chain(cap(c, 2)))
        },
    },
    // A dump cut short before its `Domain`/`Code` lines, or pasted without
    // the line that opened it: its description alone, when it is a known text.
    Rule {
        name: "nserror-desc-alone",
        needle: "Desc",
        pattern: r"(?s)^(.*?)\bDesc[ \t]*:[ \t]*([^\n]+)",
        build: |c| {
            let before = cap(c, 1);
            // `US Desc` repeats `Desc`: one event per error.
            if before.contains("NSError:")
                || before.contains("Error Domain=")
                || before.trim_end().ends_with("US")
            {
                return None;
            }
            code_by_text(cap(c, 2))?;
            let chain = [NsError {
                desc: cap(c, 2).trim().to_string(),
                ..NsError::default()
            }];
            failure("", &chain)
        },
    },
    // An MDM command's answer: `ErrorChain` entries (`ErrorCode`,
    // `ErrorDomain`, `LocalizedDescription`, `USEnglishDescription`), as a
    // property list, its description (`ErrorCode = 22013;`) or JSON.
    Rule {
        name: "mdm-error-chain",
        needle: "ErrorDomain",
        pattern: r#"(?s)^.*$"#,
        build: |c| {
            let chain = error_chain(cap(c, 0));
            if chain.is_empty() {
                return None;
            }
            failure("", &chain)
        },
    },
    // An `ErrorChain` entry's text on a line of its own (a paste without
    // the entry's other lines around it).
    Rule {
        name: "mdm-error-text",
        needle: "USEnglishDescription",
        pattern: r#"(?s)^.*$"#,
        build: |c| {
            let text = cap(c, 0);
            if text.contains("ErrorDomain") {
                return None;
            }
            failure("", &error_chain(text))
        },
    },
    // The lookup of an error's text names its localization key, which
    // stands for its MCSCEPErrorDomain code: `… key: SCEP_ERROR_…, value:
    // (null), table: Errors, … result: <the text>`.
    Rule {
        name: "scep-error-key",
        needle: "SCEP_ERROR_",
        pattern: r"\b(SCEP_ERROR_[A-Z_]+)\b(?:[^\n]*?\bresult: ([^\n]*))?",
        build: |c| {
            let chain = [NsError {
                desc: cap(c, 2).trim().to_string(),
                domain: "MCSCEPErrorDomain".to_string(),
                code: Some(code_by_key(cap(c, 1))?),
                ..NsError::default()
            }];
            failure("", &chain)
        },
    },
    // macOS `mdmclient` (10.12 and later): a step of its SCEP enrollment
    // and the error it returned, `[MDM_SCEP_Enroll] Calling
    // SCEPRequestCertSignature --> <NSOSStatusErrorDomain:-603>`.
    Rule {
        name: "mdmclient-scep-enroll",
        needle: "[MDM_SCEP_Enroll]",
        pattern: r"\[MDM_SCEP_Enroll\][ \t]*([^\n]*?)[ \t]*-->[ \t]*<([\w.-]+):[ \t]*(-?\d+)>",
        build: |c| {
            let chain = [NsError {
                desc: cap(c, 1).trim().to_string(),
                domain: cap(c, 2).to_string(),
                code: cap(c, 3).parse().ok(),
                ..NsError::default()
            }];
            mdmclient_failure(&chain)
        },
    },
    // An MDM command's `ErrorChain` as an MDM server's console renders it,
    // one entry a line: `MDM-SCEP (15002): Unable to obtain certificate
    // from SCEP server at <URL>` (macOS).
    Rule {
        name: "mdm-scep-error-rendered",
        needle: "MDM-SCEP (",
        pattern: r"MDM-SCEP \((\d+)\):[ \t]*([^\n]*)",
        build: |c| {
            let desc = cap(c, 2).trim();
            let chain = [NsError {
                desc: desc.to_string(),
                domain: "MDM-SCEP".to_string(),
                code: cap(c, 1).parse().ok(),
                ..NsError::default()
            }];
            let (subject, mut signal) = mdmclient_failure(&chain)?;
            // The server it names decides NDES or generic wording.
            if let Some((_, url)) = desc.split_once("SCEP server at ") {
                let url = url.split_whitespace().next().unwrap_or("");
                if url.starts_with("http") {
                    let base = url.split('?').next().unwrap_or(url);
                    signal.profile.push(("ndes_url".into(), base.to_string()));
                }
            }
            Some((subject, signal))
        },
    },
    Rule {
        name: "cannot-retrieve-identity",
        needle: "Cannot retrieve SCEP identity",
        pattern: r"(?s)Cannot retrieve SCEP identity:?(.*)",
        build: |c| {
            let rest = cap(c, 1);
            if rest.contains("NSError:") || rest.contains("Error Domain=") {
                return None;
            }
            let chain = [NsError {
                desc: rest.trim().to_string(),
                ..NsError::default()
            }];
            failure("Cannot retrieve SCEP identity", &chain)
        },
    },
];

/// A failure the macOS MDM client reported during its SCEP enrollment
/// (its own domains are not ManagedConfiguration's: no MC wrapper to read
/// through, and the step is the exchange with the SCEP server).
fn mdmclient_failure(chain: &[NsError]) -> Option<(Subject, Signal)> {
    let e = chain.last()?;
    let error = format!("{} {}", e.domain, e.code.unwrap_or(0));
    let message = e.text().trim_end_matches('.').to_string();
    let what = What::new("ios.mdmclient-scep-failed")
        .param("error", error.clone())
        .param("message", message.clone());
    let signal = Signal::new(None, 2, Outcome::Failed, what).with_finding(
        FindingRef::new("ios.mdmclient-scep-error")
            .param("error", error)
            .param("message", message),
    );
    Some((Subject::CurrentEnrollment, signal))
}

/// The entries of an MDM `ErrorChain` in a record, outermost first: each
/// `ErrorCode` with the `ErrorDomain` beside it (Apple sorts the keys, so the
/// code comes first; JSON may have either order) and its US English text.
fn error_chain(text: &str) -> Vec<NsError> {
    static RE: OnceLock<Option<regex::Regex>> = OnceLock::new();
    let Some(re) = RE
        .get_or_init(|| {
            regex::Regex::new(concat!(
                r#"ErrorCode(?:"|</key>)?\s*[=:]?\s*(?:<integer>|")?(-?\d+)[^
;,]*[;,]?\s*"#,
                r#""?(?:<key>)?ErrorDomain(?:"|</key>)?\s*[=:]?\s*(?:<string>|")?([\w.]+)"#,
                r#"|"?ErrorDomain"?\s*:\s*"([\w.]+)"\s*,\s*"ErrorCode"\s*:\s*(-?\d+)"#,
                r#"|USEnglishDescription(?:"|</key>)?\s*[=:]?\s*(?:<string>|")?([^"<
;]+)"#,
            ))
            .ok()
        })
        .as_ref()
    else {
        return Vec::new();
    };
    let mut chain: Vec<NsError> = Vec::new();
    for c in re.captures_iter(text) {
        let (code, domain) = match (c.get(1), c.get(2), c.get(3), c.get(4)) {
            (Some(code), Some(domain), _, _) | (_, _, Some(domain), Some(code)) => {
                (code.as_str(), domain.as_str())
            }
            _ => {
                // The text belongs to the entry read last; alone (a paste
                // whose entry's lines are records of their own), it stands
                // for its error when it is a known one.
                let desc = cap(&c, 5).trim().to_string();
                match chain.last_mut() {
                    Some(last) if last.desc.is_empty() => last.desc = desc,
                    Some(_) => {}
                    None if code_by_text(&desc).is_some() => chain.push(NsError {
                        desc,
                        ..NsError::default()
                    }),
                    None => {}
                }
                continue;
            }
        };
        chain.push(NsError {
            desc: String::new(),
            sugg: String::new(),
            domain: domain.to_string(),
            code: code.parse().ok(),
        });
    }
    chain
}

/// What a `Performing synchronous URL request:` line proves.
fn url_request(url: &str) -> Signal {
    let op = url
        .split_once("operation=")
        .map_or("", |(_, rest)| rest.split('&').next().unwrap_or(""));
    let op = scep::operation(op);
    let base = url.split('?').next().unwrap_or(url);
    let mut signal = match op {
        // iOS logs no answer to GetCACert: asking is its only trace.
        "GetCACert" => scep::sending(op, base).tagged(TAG_GETCACERT_OK),
        // iOS asks for the capabilities only once it accepted the CA certificate.
        "GetCACaps" => Signal::reached(Stage::CaContacted, "ios.getcacaps"),
        "PKIOperation" => pki_operation(url),
        other => scep::sending(other, base),
    };
    if !base.is_empty() {
        signal.profile.push(("ndes_url".into(), base.to_string()));
    }
    signal
}

/// A PKIOperation request; over GET the URL carries the SCEP message, whose
/// fields (message type, transaction, RA recipient, cipher) are shown.
fn pki_operation(url: &str) -> Signal {
    let value = url
        .split_once("message=")
        .map(|(_, rest)| rest.split('&').next().unwrap_or(""));
    let message = value.and_then(scep_message::decode_url_value);
    let request = What::new("scep.pki-operation");
    let Some(message) = message else {
        let what = request.param("purpose", "scep.purpose-request");
        return Signal::reached(Stage::CsrSent, what);
    };
    let purpose = match message.message_type.as_deref() {
        Some("CertPoll") => "scep.purpose-poll",
        Some("PKCSReq") | None => "scep.purpose-request",
        Some(_) => "scep.purpose-message",
    };
    let mut what = request.param("purpose", purpose);
    what.params.extend(message.line_params());
    let mut signal = Signal::reached(Stage::CsrSent, what);
    signal.profile = message.profile();
    signal
}

/// Handler lines that prove no stage but tell the story.
fn handler_note(line: &str) -> Option<(Subject, Signal)> {
    let (step, what) = if line.starts_with("URL request succeeded") {
        (2, What::new("ios.url-request-succeeded"))
    } else if line.starts_with("Temporarily storing") {
        (2, What::new("ios.storing-server-certificates"))
    } else if line.starts_with("Did not receive GetCACaps") {
        (2, What::new("ios.no-getcacaps"))
    } else if line.starts_with("Storing SCEP identity") {
        (5, What::new("ios.storing-identity"))
    } else {
        let capability = line.trim_start_matches("SCEP: ");
        (
            2,
            What::new("ios.capability").param("capability", capability),
        )
    };
    Some((
        Subject::CurrentEnrollment,
        Signal::new(None, step, Outcome::Progress, what),
    ))
}

fn ra_key_usage() -> Option<(Subject, Signal)> {
    let signal = Signal::new(
        Some(Stage::CaContacted),
        2,
        Outcome::Failed,
        "ios.ra-key-usage",
    )
    .with_finding(FindingRef::new("ios.ra-key-usage"));
    Some((Subject::CurrentEnrollment, signal))
}

fn profile_installed(identifier: &str) -> Option<(Subject, Signal)> {
    let lower = identifier.to_ascii_lowercase();
    if lower.contains(".scep.") {
        let subject =
            RequestId::find(identifier).map_or(Subject::CurrentEnrollment, Subject::Request);
        return Some((
            subject,
            Signal::reached(Stage::Installed, "ios.scep-profile-installed"),
        ));
    }
    if lower.contains("credentials") {
        let what = if lower.contains("pkcs1credentials") {
            "scep.intermediate-profile-installed"
        } else {
            "scep.root-profile-installed"
        };
        return Some((
            Subject::Root(RootRef::Profile(identifier.to_string())),
            Signal::new(Some(Stage::Installed), 1, Outcome::Progress, what),
        ));
    }
    let kind = if lower.contains("windowsintune.com.wifi.") {
        "Wi-Fi"
    } else if lower.contains("windowsintune.com.vpn.") {
        "VPN"
    } else {
        return None;
    };
    let signal = Signal::new(
        Some(Stage::Usable),
        5,
        Outcome::Progress,
        What::new("ios.dependent-profile-installed")
            .param("profile_kind", kind)
            .param("profile", identifier),
    )
    .with_finding(
        FindingRef::new("ios.dependent-profile-installed")
            .param("profile_kind", kind)
            .param("profile", identifier),
    );
    Some((Subject::Platform, signal))
}

/// The error of an NSError printed without a domain (a coded value, a term
/// of `LINES`).
pub const UNNAMED_ERROR: &str = "ios.unnamed-error";

/// The value of a Security framework OSStatus error, named late from the
/// code table through the `osstatus.` terms of [`crate::platforms::lines`].
fn osstatus_of(e: &NsError) -> Option<i64> {
    (e.domain == "NSOSStatusErrorDomain")
        .then_some(e.code)
        .flatten()
}

/// What an error chain says: the innermost MCSCEPErrorDomain code with its
/// meaning; otherwise the innermost error of a SCEP context or of a profile
/// install (MCInstallationErrorDomain / MCProfileErrorDomain wrappers).
fn failure(context: &str, chain: &[NsError]) -> Option<(Subject, Signal)> {
    let scep_at = chain
        .iter()
        .rposition(|e| e.domain == "MCSCEPErrorDomain" && e.code.is_some())
        .or_else(|| {
            chain
                .iter()
                .rposition(|e| code_by_text(&e.desc).or(code_by_text(&e.sugg)).is_some())
        });
    if let Some(at) = scep_at {
        let e = chain.get(at)?;
        let code = if e.domain == "MCSCEPErrorDomain" {
            e.code?
        } else {
            code_by_text(&e.desc).or(code_by_text(&e.sugg))?
        };
        let known = SCEP_CODES.iter().find(|r| r.code == code)?;
        let cause = chain
            .get(at + 1..)
            .and_then(|rest| rest.last())
            .map(|u| {
                let text = u.text().trim_end_matches('.');
                let head = format!("{} {}", u.domain, u.code.unwrap_or(0));
                // An OSStatus's description is often `(null)`: the code
                // table names it instead (`osstatus_of`).
                match text {
                    "" | "(null)" => head,
                    _ => format!("{head}: {text}"),
                }
            })
            .unwrap_or_default();
        let status = chain
            .get(at + 1..)
            .and_then(|rest| rest.last())
            .and_then(osstatus_of);
        let message = e.text();
        let mut what = What::new("ios.scep-failed")
            .param("code", code.to_string())
            .param("meaning", known.meaning)
            .param("message", message)
            .param("cause", cause.clone());
        if let Some(value) = status {
            what = what
                .param("cause_symbol", format!("{OSSTATUS_SYMBOL_TERM}{value}"))
                .param("cause_meaning", format!("{OSSTATUS_TERM}{value}"));
        }
        let signal = Signal::new(known.stage, known.step, Outcome::Failed, what).with_finding(
            FindingRef::new(known.finding)
                .param("message", message)
                .param("cause", cause),
        );
        return Some((Subject::CurrentEnrollment, signal));
    }
    let inner = chain.last()?;
    let about_scep = context.contains("SCEP");
    let subject = match RequestId::find(context) {
        Some(id) => Subject::Request(id),
        None if about_scep => Subject::CurrentEnrollment,
        None => Subject::Platform,
    };
    let mc_wrapper = chain.iter().any(|e| {
        matches!(
            e.domain.as_str(),
            "MCInstallationErrorDomain" | "MCProfileErrorDomain"
        )
    });
    if !about_scep && !mc_wrapper {
        return None;
    }
    let error = if inner.domain.is_empty() {
        UNNAMED_ERROR.to_string()
    } else {
        format!("{} {}", inner.domain, inner.code.unwrap_or(0))
    };
    // The suggestion often names the payload the description only hints at.
    let mut message = inner.text().trim_end_matches('.').to_string();
    let sugg = inner.sugg.trim_end_matches('.');
    if !sugg.is_empty() && !message.contains(sugg) {
        message = format!("{message}: {sugg}");
    }
    let what = What::new("ios.install-failed")
        .param("error", error.clone())
        .param("message", message.clone());
    let signal = Signal::new(None, if about_scep { 2 } else { 5 }, Outcome::Failed, what)
        .with_finding(
            FindingRef::new("ios.install-error")
                .param("error", error)
                .param("message", message),
        );
    Some((subject, signal))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_chains_in_every_rendering() {
        let dict = "ErrorChain = ({\n ErrorCode = 4001;\n ErrorDomain = MCInstallationErrorDomain;\n USEnglishDescription = \"Profile Installation Failed\";\n}, {\n ErrorCode = 22013;\n ErrorDomain = MCSCEPErrorDomain;\n USEnglishDescription = \"The SCEP server returned an invalid response.\";\n});";
        let json = r#"{"ErrorChain":[{"ErrorCode":4001,"ErrorDomain":"MCInstallationErrorDomain"},{"ErrorDomain":"MCSCEPErrorDomain","ErrorCode":22013}]}"#;
        let plist = "<key>ErrorCode</key><integer>22013</integer><key>ErrorDomain</key><string>MCSCEPErrorDomain</string>";
        for text in [dict, json, plist] {
            let chain = error_chain(text);
            let last = chain.last().map(|e| (e.domain.as_str(), e.code));
            assert_eq!(last, Some(("MCSCEPErrorDomain", Some(22013))), "{text}");
        }
        assert_eq!(
            error_chain(dict).first().map(|e| e.desc.as_str()),
            Some("Profile Installation Failed")
        );
        assert_eq!(code_by_key("SCEP_ERROR_NETWORK"), Some(22005));
        assert_eq!(code_by_key("SCEP_ERROR_NOPE"), None);
    }

    const DUMP: &str = "Installation failed. Error: NSError:
\tDesc   : Profile Installation Failed
\tSugg   : The SCEP server returned an invalid response.
\tDomain : MCInstallationErrorDomain
\tCode   : 4001
\tType   : MCFatalError
\t...Underlying error:
\tNSError:
\tDesc   : The SCEP server returned an invalid response.
\tUS Desc: The SCEP server returned an invalid response.
\tDomain : MCSCEPErrorDomain
\tCode   : 22013
\tType   : MCFatalError";

    #[test]
    fn the_chain_is_read_outermost_first() {
        let (_, rest) = DUMP.split_once("NSError:").unwrap();
        let chain = dump_chain(rest);
        assert_eq!(chain.len(), 2);
        assert_eq!(chain[0].domain, "MCInstallationErrorDomain");
        assert_eq!(chain[0].code, Some(4001));
        assert_eq!(chain[1].domain, "MCSCEPErrorDomain");
        assert_eq!(chain[1].code, Some(22013));
        assert_eq!(
            chain[1].desc,
            "The SCEP server returned an invalid response."
        );
    }

    #[test]
    fn innermost_scep_code_wins() {
        let (_, rest) = DUMP.split_once("NSError:").unwrap();
        let (subject, signal) = failure("Installation failed. Error: ", &dump_chain(rest)).unwrap();
        assert!(matches!(subject, Subject::CurrentEnrollment));
        assert_eq!(signal.finding.unwrap().code, "ios.scep-22013");
        assert_eq!(signal.step.0, 5);
    }

    #[test]
    fn description_form_and_text_only_dumps() {
        let chain = description_chain(
            r#"Error Domain=MCSCEPErrorDomain Code=22005 "The SCEP server could not be reached." UserInfo={NSUnderlyingError=0x1 {Error Domain=NSURLErrorDomain Code=-1202 "The certificate for this server is invalid."}}"#,
        );
        assert_eq!(chain.len(), 2);
        let (_, signal) = failure("Cannot retrieve SCEP identity: ", &chain).unwrap();
        let finding = signal.finding.unwrap();
        assert_eq!(finding.code, "ios.scep-22005");
        assert!(finding
            .params
            .iter()
            .any(|(k, v)| *k == "cause" && v.contains("-1202")));
        let text_only =
            dump_chain("\nDesc   : The Registration Authority...s response is invalid\n");
        let (_, signal) = failure("Cannot retrieve SCEP identity: ", &text_only).unwrap();
        assert_eq!(signal.finding.unwrap().code, "ios.scep-22003");
    }

    #[test]
    fn every_code_has_a_knowledge_row() {
        for r in SCEP_CODES {
            assert!(
                crate::platforms::findings::lookup(r.finding).is_some(),
                "{}",
                r.finding
            );
        }
        assert!(crate::platforms::findings::lookup("ios.install-error").is_some());
        assert!(crate::platforms::findings::lookup("ios.ra-key-usage").is_some());
        assert!(crate::platforms::findings::lookup("ios.dependent-profile-installed").is_some());
        assert!(crate::platforms::findings::lookup("ios.no-evidence").is_some());
    }

    #[test]
    fn unrelated_errors_are_not_scep_failures() {
        let chain =
            dump_chain("\nDesc   : Something else\nDomain : NSPOSIXErrorDomain\nCode   : 2\n");
        assert!(failure("Could not open file: ", &chain).is_none());
    }

    #[test]
    fn the_catch_all_reads_only_what_no_rule_took() {
        let set = rules();
        let mut got = Vec::new();
        let keep = |process, text: &str, got: &mut Vec<String>| {
            set.apply_record(process, text, |_, _, s| {
                got.push(crate::text::lines::english_of(&s.what))
            })
        };
        assert!(keep(
            Some("profiled"),
            "SCEP renewal window not reached",
            &mut got
        ));
        assert!(got[0].starts_with("Unrecognized SCEP line: SCEP renewal"));
        // A known line is not also kept as unrecognized.
        got.clear();
        assert!(!keep(
            Some("profiled"),
            "Issued certificate received.",
            &mut got
        ));
        assert_eq!(got, ["NDES returned the issued certificate"]);
        // Other processes and lines without SCEP words are not kept.
        got.clear();
        assert!(!keep(
            Some("trustd"),
            "Certificate chain evaluation",
            &mut got
        ));
        assert!(!keep(
            Some("profiled"),
            "Checking for MDM installation",
            &mut got
        ));
        assert!(got.is_empty());
        // Long lines are cut.
        let long = format!("SCEP {}", "x".repeat(500));
        assert!(keep(None, &long, &mut got));
        assert!(got[0].ends_with('…') && got[0].chars().count() < 240);
    }
}
