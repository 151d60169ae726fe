//! What a CA request proves: issued → step 4 done (`issued`); denied or
//! failed → step 4 failed, with the finding its status code calls for;
//! pending → waiting on a certificate manager. One rule reads the
//! normalized record every CA format writes ([`super::record`]).

use std::sync::OnceLock;

use regex::Captures;

use super::scope::template_name;
use super::status::{self, Disposition, Status};
use crate::core::event::{FindingRef, Outcome, Signal, Subject, What, TAG_CA_ISSUED};
use crate::core::model::Stage;
use crate::parse::format::{fields, one_line};
use crate::parse::rules::{Rule, RuleSet};
use crate::platforms::lines::Line;

static RULES: &[Rule] = &[
    Rule {
        name: "ca-request",
        needle: "ca-request\t",
        pattern: r"^ca-request\t[^\n]*",
        build: request,
    },
    // The requests of other templates an export lists, counted
    // ([`super::scope`]).
    Rule {
        name: "ca-others",
        needle: "ca-others\t",
        pattern: r"^ca-others\t[^\n]*",
        build: others,
    },
    // CertificationAuthority events 52/6 (issued), 53/7 (denied), 21/22
    // (could not process), 54/8 (pending), as the Windows reader renders
    // them; the rest of the message is read in `event`.
    Rule {
        name: "ca-event",
        needle: "Active Directory Certificate Services ",
        pattern: r"Active Directory Certificate Services (denied request|could not process request|left request|issued a certificate for request) (\S+?)(?:\.|,)?(?:\s(?s:(.*)))?$",
        build: event,
    },
    // Security audit 4886 (received), 4887 (issued), 4888 (denied), 4889
    // (pending), source Microsoft-Windows-Security-Auditing: `Request ID:`,
    // `Requester:`, `Attributes:` (`CertificateTemplate:<name>`),
    // `Disposition:` (CR_DISP numbering), `SKI:`, `Subject:`.
    Rule {
        name: "ca-audit",
        needle: " a certificate request",
        pattern: r"Certificate Services (received|approved|denied|set the status of) a certificate request(?s:(.*))$",
        build: audit,
    },
];

pub fn rules() -> &'static RuleSet {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| RuleSet::new(RULES))
}

/// The timeline lines of CA records, in English (Japanese in [`super::ja`]).
pub static LINES: &[Line] = &[
    Line {
        code: "ca.issued",
        text: "The CA issued request {id}[ ({template})][ for {subject}][, requested by {requester}][, serial {serial}][, valid from {effective}][ to {expires}]",
    },
    Line {
        code: "ca.revoked",
        text: "The CA issued request {id}[ ({template})][ for {subject}]; the certificate was revoked later[ ({reason})]",
    },
    Line {
        code: "ca.denied",
        text: "The CA denied request {id}[ ({template})][ for {subject}][, requested by {requester}][: {status}[ {name}]][ — {message}]",
    },
    Line {
        code: "ca.failed",
        text: "The CA could not process request {id}[ ({template})][ for {subject}][, requested by {requester}][: {status}[ {name}]][ — {message}]",
    },
    Line {
        code: "ca.pending",
        text: "Request {id} waits in the CA's pending requests[ ({template})][ for {subject}][, requested by {requester}]",
    },
    Line {
        code: "ca.others",
        text: "The export also lists {count} requests of other templates: {templates}",
    },
    Line {
        code: "ca.seen",
        text: "The CA holds request {id}[ ({template})][ for {subject}] (the export shows no outcome)",
    },
];

/// The values of one CA record, by key.
#[derive(Default)]
struct Values<'a> {
    id: Option<&'a str>,
    requester: &'a str,
    template: &'a str,
    cn: &'a str,
    request_cn: &'a str,
    dn: &'a str,
    upn: &'a str,
    serial: &'a str,
    hash: &'a str,
    disposition: &'a str,
    message: &'a str,
    status: &'a str,
    reason: &'a str,
    effective: &'a str,
    expires: &'a str,
}

fn request(c: &Captures) -> Option<(Subject, Signal)> {
    let mut v = Values::default();
    for (key, value) in fields(c.get(0)?.as_str()) {
        match key {
            "id" => v.id = Some(value),
            "requester" => v.requester = value,
            "template" => v.template = value,
            "cn" => v.cn = value,
            "request_cn" => v.request_cn = value,
            "dn" => v.dn = value,
            "upn" => v.upn = value,
            "serial" => v.serial = value,
            "hash" => v.hash = value,
            "disposition" => v.disposition = value,
            "message" => v.message = value,
            "status" => v.status = value,
            "reason" => v.reason = value,
            "effective" => v.effective = value,
            "expires" => v.expires = value,
            _ => {}
        }
    }
    signal(&v)
}

/// The note of the requests of other templates an export lists: about the
/// CA, not a certificate.
fn others(c: &Captures) -> Option<(Subject, Signal)> {
    let mut what = What::new("ca.others");
    let mut finding = FindingRef::new("ca.other-templates");
    for (key, value) in fields(c.get(0)?.as_str()) {
        let key = match key {
            "count" => "count",
            "templates" => "templates",
            "shown" => "shown",
            _ => continue,
        };
        what = what.param(key, value);
        finding = finding.param(key, value);
    }
    let signal = Signal::new(None, 4, Outcome::Progress, what).with_finding(finding);
    Some((Subject::Platform, signal))
}

/// A CA event's message: `denied request 12 because <reason with its
/// code>.  The request was for <subject>.  Additional information: <text>`
/// (two spaces after the periods in the templates; one when pasted).
fn event(c: &Captures) -> Option<(Subject, Signal)> {
    let verb = c.get(1)?.as_str();
    let rest = c.get(3).map_or("", |m| m.as_str());
    let rest = one_line(rest);
    let (before_info, info) = match rest.split_once("Additional information:") {
        Some((b, i)) => (b.trim(), i.trim().trim_end_matches('.')),
        None => (rest.as_str(), ""),
    };
    let (why, subject) = match before_info.split_once("The request was for ") {
        Some((w, f)) => (w.trim(), f.trim().trim_end_matches('.')),
        None => (before_info, ""),
    };
    // `left request 61 pending in the queue for CN=…`, `issued a
    // certificate for request 23 for CN=…`: the subject follows the id.
    let (why, subject) = match ["pending in the queue for ", "for "]
        .iter()
        .find_map(|p| why.strip_prefix(p))
    {
        Some(s) if subject.is_empty() => ("", s.trim_end_matches('.')),
        _ => (why, subject),
    };
    let why = why
        .strip_prefix("because ")
        .or_else(|| why.strip_prefix("due to an error: "))
        .unwrap_or(why)
        .trim_end_matches('.');
    let v = Values {
        id: c.get(2).map(|m| m.as_str()),
        disposition: match verb {
            "denied request" => "denied",
            "could not process request" => "failed",
            "left request" => "pending",
            _ => "issued",
        },
        status: why,
        cn: subject,
        message: info,
        ..Values::default()
    };
    signal(&v)
}

/// A CA audit event (4886–4889): the request's id, requester, template and
/// subject from its labelled values (a label and its value separated by a
/// tab, a space or a line break as the export kept them).
fn audit(c: &Captures) -> Option<(Subject, Signal)> {
    let rest = one_line(c.get(2).map_or("", |m| m.as_str()));
    const LABELS: [&str; 6] = [
        "Request ID:",
        "Requester:",
        "Attributes:",
        "Disposition:",
        "SKI:",
        "Subject:",
    ];
    let value = |label: &str| -> &str {
        let Some((_, after)) = rest.split_once(label) else {
            return "";
        };
        let end = LABELS
            .iter()
            .filter_map(|l| after.find(l))
            .min()
            .unwrap_or(after.len());
        after.get(..end).unwrap_or("").trim()
    };
    let attributes = value("Attributes:");
    let template = attributes
        .split_whitespace()
        .find_map(|a| a.strip_prefix("CertificateTemplate:"))
        .unwrap_or("");
    let v = Values {
        id: Some(value("Request ID:")).filter(|id| !id.is_empty()),
        requester: value("Requester:"),
        template,
        dn: value("Subject:"),
        disposition: match c.get(1)?.as_str() {
            "approved" => "issued",
            "denied" => "denied",
            "set the status of" => "pending",
            _ => "",
        },
        ..Values::default()
    };
    signal(&v)
}

/// What one CA request's values prove.
fn signal(v: &Values) -> Option<(Subject, Signal)> {
    let id =
        v.id.map(request_id)
            .or_else(|| (!v.serial.is_empty()).then(|| v.serial.to_string()))?;
    let status = status::parse(v.status);
    let disposition = outcome(v, status.as_ref());
    let subject = [v.cn, v.request_cn, v.upn, v.dn]
        .into_iter()
        .find(|s| !s.is_empty())
        .unwrap_or("");
    let template = match template_name(v.template) {
        "" => template_in_message(v.message),
        t => t,
    };
    let (status_hex, status_name) = match &status {
        Some(s) if s.failed() => (s.hex(), s.name.clone()),
        _ => (String::new(), String::new()),
    };
    let what = |code: &'static str| {
        What::new(code)
            .param("id", id.clone())
            .param("template", template)
            .param("subject", subject)
            .param("requester", v.requester)
    };
    let signal = match disposition {
        Some(Disposition::Issued) => {
            let mut s = Signal::new(
                Some(Stage::Issued),
                4,
                Outcome::Progress,
                what("ca.issued")
                    .param("serial", v.serial)
                    .param("effective", v.effective)
                    .param("expires", v.expires),
            )
            .tagged(TAG_CA_ISSUED);
            s.profile = identity(v, template);
            s
        }
        Some(Disposition::Revoked) => {
            let mut s = Signal::new(
                Some(Stage::Issued),
                4,
                Outcome::Progress,
                what("ca.revoked").param("reason", reason(v.reason)),
            )
            .tagged(TAG_CA_ISSUED)
            .with_finding(
                FindingRef::new("ca.revoked")
                    .param("id", id.clone())
                    .param("reason", reason(v.reason)),
            );
            s.profile = identity(v, template);
            s
        }
        Some(d @ (Disposition::Denied | Disposition::Failed)) => {
            let code = if d == Disposition::Denied {
                "ca.denied"
            } else {
                "ca.failed"
            };
            let finding = denial(status.as_ref())
                .param("id", id.clone())
                .param("status", status_hex.clone())
                .param("name", status_name.clone())
                .param("text", status.as_ref().map_or("", |s| s.text.as_str()))
                .param("message", v.message)
                .param("template", template)
                .param("requester", v.requester);
            Signal::new(
                None,
                4,
                Outcome::Failed,
                what(code)
                    .param("status", status_hex)
                    .param("name", status_name)
                    .param("message", v.message),
            )
            .with_finding(finding)
        }
        Some(Disposition::Pending) => Signal::new(None, 4, Outcome::Pending, what("ca.pending"))
            .with_finding(
                FindingRef::new("ca.request-pending")
                    .param("id", id.clone())
                    .param("template", template),
            ),
        None => Signal::new(None, 4, Outcome::Progress, what("ca.seen")),
    };
    Some((Subject::Keyed(format!("CA request {id}")), signal))
}

/// `0x10 (16)` and `0x9` (certutil) → `16`, `9`; a decimal id stays.
fn request_id(value: &str) -> String {
    let v = value.trim();
    if let (Some(a), Some(b)) = (v.find('('), v.find(')')) {
        if let Some(n) = v
            .get(a + 1..b)
            .filter(|n| n.bytes().all(|c| c.is_ascii_digit()))
        {
            return n.to_string();
        }
    }
    match v.strip_prefix("0x").map(|h| u32::from_str_radix(h, 16)) {
        Some(Ok(n)) => n.to_string(),
        _ => v.to_string(),
    }
}

/// `0x5 -- Reason: Cessation of Operation` → `Cessation of Operation`.
fn reason(value: &str) -> &str {
    let tail = value.rsplit("--").next().unwrap_or(value).trim();
    tail.split_once(':').map_or(tail, |(_, r)| r.trim())
}

/// The template a 0x80094800 denial names: `… not supported by the Active
/// Directory Certificate Services policy: IntuneSCEP.`
fn template_in_message(message: &str) -> &str {
    message
        .rsplit_once(" policy: ")
        .map_or("", |(_, t)| t.trim().trim_end_matches('.'))
}

/// What the CA did, from the disposition when the record has it, else from
/// the status code, the message and what an issued row carries.
fn outcome(v: &Values, status: Option<&Status>) -> Option<Disposition> {
    if let Some(d) = status::disposition(v.disposition) {
        return Some(d);
    }
    if let Some(s) = status.filter(|s| s.failed()) {
        // The policy module denies (CERTSRV_E_…); an error the CA ran into
        // (RPC, revocation check) fails the request.
        let error =
            v.message.starts_with("Error") || s.code >> 16 != 0x8009 || s.code == 0x8009_2013;
        return Some(if error {
            Disposition::Failed
        } else {
            Disposition::Denied
        });
    }
    if status::says_pending(v.message) {
        return Some(Disposition::Pending);
    }
    // Only an issued certificate has a serial, a hash or a validity.
    if [v.serial, v.hash, v.effective, v.expires]
        .iter()
        .any(|x| !x.is_empty())
    {
        return Some(Disposition::Issued);
    }
    None
}

/// The certificate's identity as the CA recorded it, shown with the story.
fn identity(v: &Values, template: &str) -> Vec<(String, String)> {
    let thumbprint: String = v
        .hash
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    [
        ("serial_number", v.serial),
        ("thumbprint", thumbprint.as_str()),
        ("template", template),
        ("requester", v.requester),
    ]
    .into_iter()
    .filter(|(_, value)| !value.is_empty())
    .map(|(k, value)| (k.to_string(), value.to_string()))
    .collect()
}

/// The finding a status code calls for.
fn denial(status: Option<&Status>) -> FindingRef {
    let code = match status.map(|s| s.code) {
        Some(0x8009_4800) => "ca.unsupported-template",
        Some(0x8009_4012) => "ca.template-denied",
        Some(0x8009_4011) => "ca.ca-enroll-denied",
        Some(0x8009_4811) => "ca.key-too-short",
        Some(0x8009_4009 | 0x8009_480A | 0x8009_480B | 0x8009_4806 | 0x8009_4815) => {
            "ca.enrollment-agent"
        }
        Some(0x8009_4001 | 0x8009_4803) => "ca.bad-subject",
        Some(0x8009_480D | 0x8009_480E | 0x8009_480F | 0x8009_4812) => "ca.subject-from-directory",
        Some(0x8007_06BA | 0x8007_06BE | 0x8007_0005) => "ca.rpc-dcom",
        Some(0x8009_2013) => "ca.revocation-offline",
        None => "ca.denied-no-status",
        _ => "ca.request-denied",
    };
    FindingRef::new(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signal(line: &str) -> (Subject, Signal) {
        let set = rules();
        let mut out = None;
        set.apply_record(None, line, |_, s, g| out = Some((s, g)));
        out.unwrap()
    }

    #[test]
    fn a_denial_carries_its_finding() {
        let (subject, s) = signal("ca-request\tid=0x10 (16)\tstatus=0x80094012 (-2146877422 CERTSRV_E_TEMPLATE_DENIED) -- text\tdisposition=0x1f (31) -- Denied");
        assert!(matches!(subject, Subject::Keyed(k) if k == "CA request 16"));
        assert_eq!(s.outcome, Outcome::Failed);
        assert_eq!(s.finding.unwrap().code, "ca.template-denied");
    }

    #[test]
    fn an_issued_row_without_disposition() {
        let (_, s) = signal("ca-request\tid=7\tserial=44000000069be40163789196d9000000000006");
        assert_eq!(s.stage, Some(Stage::Issued));
        assert_eq!(s.step.0, 4);
        let (_, s) = signal("ca-request\tid=8\tmessage=Taken Under Submission");
        assert_eq!(s.outcome, Outcome::Pending);
    }

    #[test]
    fn templates_in_messages() {
        assert_eq!(
            template_in_message("Denied by Policy Module  0x80094800, The request was for a certificate template that is not supported by the Active Directory Certificate Services policy: IntuneSCEP."),
            "IntuneSCEP"
        );
        assert_eq!(template_in_message("Denied by Policy Module"), "");
    }
}
