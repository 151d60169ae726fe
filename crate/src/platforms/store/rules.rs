//! What a certificate in a store or a file proves: listed in a store →
//! delivered there (step 5, `installed`); in a file → what the certificate
//! is. Each check the article implies that fails is its own line with its
//! finding ([`super::cert::StoreCert::checks`]). One story per
//! certificate, keyed by its SHA-1 thumbprint (else serial, else subject),
//! so the same certificate listed by certutil and PowerShell is one story;
//! a root (in Trusted Root, or a self-signed CA certificate) is a `root`.

use std::sync::OnceLock;

use regex::Captures;

use crate::core::event::{FindingRef, Outcome, RootRef, Signal, Subject, What};
use crate::core::model::Stage;
use crate::parse::format::fields;
use crate::parse::rules::{Rule, RuleSet};
use crate::platforms::lines::Line;

static RULES: &[Rule] = &[
    Rule {
        name: "store-cert",
        needle: "store-cert\t",
        pattern: r"^store-cert\t[^\n]*",
        build: certificate,
    },
    Rule {
        name: "store-check",
        needle: "store-check\t",
        pattern: r"^store-check\t[^\n]*",
        build: check,
    },
    Rule {
        name: "store-damaged",
        needle: "store-damaged\t",
        pattern: r"^store-damaged\t[^\n]*",
        build: damaged,
    },
];

pub fn rules() -> &'static RuleSet {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| RuleSet::new(RULES))
}

/// The timeline lines of store evidence, in English (Japanese in [`super::ja`]).
pub static LINES: &[Line] = &[
    Line {
        code: "store.in-user-store",
        text: "In the current user's {store} store: {subject}[, issued by {issuer}][, serial {serial}][, valid from {not_before}][ to {not_after}]",
    },
    Line {
        code: "store.in-machine-store",
        text: "In the local computer's {store} store: {subject}[, issued by {issuer}][, serial {serial}][, valid from {not_before}][ to {not_after}]",
    },
    Line {
        code: "store.in-store",
        text: "In the {store} store: {subject}[, issued by {issuer}][, serial {serial}][, valid from {not_before}][ to {not_after}]",
    },
    Line {
        code: "store.in-file",
        text: "Certificate file: {subject}[, issued by {issuer}][, serial {serial}][, valid from {not_before}][ to {not_after}] (UTC)",
    },
    Line {
        code: "store.named-in-file",
        text: "Certificate {thumbprint} is the one in the file[: {subject}]",
    },
    Line {
        code: "store.root-not-self-signed",
        text: "In Trusted Root, but Issued To ({subject}) differs from Issued By ({issuer})",
    },
    Line {
        code: "store.root-in-user-store",
        text: "The root is in the current user's Trusted Root store, not the local computer's",
    },
    Line {
        code: "store.no-private-key",
        text: "No private key goes with this certificate",
    },
    Line {
        code: "store.no-client-auth",
        text: "Its enhanced key usage has no Client Authentication[ ({eku})]",
    },
    Line {
        code: "store.intermediate-file",
        text: "A CA certificate issued by {issuer}: an intermediate, not a root",
    },
    Line {
        code: "store.damaged-certificate",
        text: "A certificate block that does not decode",
    },
];

/// The values of one normalized line, by key.
fn values<'a>(c: &'a Captures) -> Vec<(&'a str, &'a str)> {
    c.get(0)
        .map_or(Vec::new(), |m| fields(m.as_str()).collect())
}

fn get<'a>(v: &[(&'a str, &'a str)], key: &str) -> &'a str {
    v.iter().find(|(k, _)| *k == key).map_or("", |(_, x)| x)
}

/// The story a certificate belongs to: a root by its thumbprint, any other
/// by its thumbprint (else serial, else subject).
fn subject(v: &[(&str, &str)]) -> Option<Subject> {
    let key = [get(v, "sha1"), get(v, "serial"), get(v, "subject")]
        .into_iter()
        .find(|k| !k.is_empty())?
        .to_string();
    let kind = get(v, "store_kind");
    let root =
        kind == "root" || (get(v, "self_issued") == "yes" && get(v, "ca") != "no" && kind != "my");
    Some(if root {
        Subject::Root(RootRef::Profile(key))
    } else {
        Subject::Keyed(key)
    })
}

fn certificate(c: &Captures) -> Option<(Subject, Signal)> {
    let v = values(c);
    let subject = subject(&v)?;
    let store = get(&v, "store");
    let code = match (get(&v, "origin"), get(&v, "location")) {
        ("file", _) => "store.in-file",
        (_, "user") => "store.in-user-store",
        (_, "machine") => "store.in-machine-store",
        _ => "store.in-store",
    };
    let what = What::new(code)
        .param("store", store)
        .param("subject", get(&v, "subject"))
        .param("issuer", get(&v, "issuer"))
        .param("serial", get(&v, "serial"))
        .param("not_before", get(&v, "not_before"))
        .param("not_after", get(&v, "not_after"))
        // Not in the line's text: the card's identity cites this line for them.
        .param("thumbprint", get(&v, "sha1"))
        .param("thumbprint_sha256", get(&v, "sha256"));
    // Listed in a store: it is there. A file only says what it is.
    let stage = (code != "store.in-file").then_some(Stage::Installed);
    let mut signal = Signal::new(stage, 5, Outcome::Progress, what);
    let location = match (store, get(&v, "location")) {
        ("", _) => String::new(),
        (s, "") => s.to_string(),
        (s, l) => format!("{l}\\{s}"),
    };
    signal.profile = [
        ("subject", get(&v, "subject")),
        ("issuer", get(&v, "issuer")),
        ("serial_number", get(&v, "serial")),
        ("thumbprint", get(&v, "sha1")),
        ("thumbprint_sha256", get(&v, "sha256")),
        ("not_before", get(&v, "not_before")),
        ("not_after", get(&v, "not_after")),
        ("eku", get(&v, "eku")),
        ("key_usage", get(&v, "key_usage")),
        ("san", get(&v, "san")),
        ("signature_algorithm", get(&v, "signature")),
        ("template", get(&v, "template")),
        ("subject_key_id", get(&v, "ski")),
        ("authority_key_id", get(&v, "aki")),
        ("install_location", location.as_str()),
    ]
    .into_iter()
    .filter(|(_, x)| !x.is_empty())
    .map(|(k, x)| (k.to_string(), x.to_string()))
    .collect();
    Some((subject, signal))
}

fn check(c: &Captures) -> Option<(Subject, Signal)> {
    let v = values(c);
    let subject = subject(&v)?;
    let code: &'static str = match get(&v, "check") {
        "store.root-not-self-signed" => "store.root-not-self-signed",
        "store.root-in-user-store" => "store.root-in-user-store",
        "store.no-private-key" => "store.no-private-key",
        "store.no-client-auth" => "store.no-client-auth",
        "store.intermediate-file" => "store.intermediate-file",
        _ => return None,
    };
    let failed = matches!(
        code,
        "store.root-not-self-signed" | "store.no-private-key" | "store.no-client-auth"
    );
    let outcome = if failed {
        Outcome::Failed
    } else {
        Outcome::Progress
    };
    let params = [
        ("subject", get(&v, "subject")),
        ("issuer", get(&v, "issuer")),
        ("thumbprint", get(&v, "sha1")),
        ("eku", get(&v, "eku")),
    ];
    let mut what = What::new(code);
    let mut finding = FindingRef::new(code);
    for (k, x) in params {
        what = what.param(k, x);
        finding = finding.param(k, x);
    }
    Some((
        subject,
        Signal::new(None, 5, outcome, what).with_finding(finding),
    ))
}

fn damaged(_: &Captures) -> Option<(Subject, Signal)> {
    Some((
        Subject::Platform,
        Signal::new(None, 5, Outcome::Progress, "store.damaged-certificate")
            .with_finding(FindingRef::new("store.damaged-certificate")),
    ))
}
