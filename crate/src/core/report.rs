//! The report document (`scep-doctor.report/1`): plain data, the one thing every
//! front end receives. Field names are stable; fields are added, never renamed.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::core::model::{Kind, Platform, Server, Severity, Stage, Step, Verdict};
use crate::core::time::TimeBasis;

pub const SCHEMA: &str = "scep-doctor.report/1";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub schema: String,
    pub sources: Vec<Source>,
    pub platforms: Vec<PlatformReport>,
    /// The device's UTC offset as the admin stated it (`+09:00`), when
    /// stated: device times without a zone were joined by time with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_utc_offset: Option<String>,
}

impl Report {
    /// Every (source, line) the report cites: its timelines' and findings'
    /// evidence, the lines the page's raw view may be asked to show.
    pub fn cited(&self) -> std::collections::BTreeSet<(usize, usize)> {
        let mut wanted = std::collections::BTreeSet::new();
        for platform in &self.platforms {
            for finding in &platform.findings {
                wanted.extend(finding.evidence.iter().map(|e| (e.source, e.line)));
            }
            for certificate in &platform.certificates {
                wanted.extend(certificate.timeline.iter().map(|t| (t.source, t.line)));
                for finding in &certificate.findings {
                    wanted.extend(finding.evidence.iter().map(|e| (e.source, e.line)));
                }
            }
        }
        wanted
    }

    /// Worst verdict over all certificates, if there is any certificate.
    pub fn any_failed(&self) -> bool {
        self.platforms.iter().any(|p| p.verdict == Verdict::Failed)
    }
}

/// One input (file or paste) and how it was read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub name: String,
    /// Index of the input (file or paste) it came from: members of a zip
    /// archive share their archive's input.
    #[serde(default)]
    pub input: usize,
    /// Format id from the format table, or `unknown`.
    pub format: String,
    pub platform: Option<Platform>,
    pub encoding: String,
    pub lines: usize,
    /// Lines that produced an event.
    pub recognized: usize,
    pub problems: Vec<Problem>,
}

/// Something about an input that could not be read as it should.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// Stable code; texts are looked up by it (`problem.<code>` in the UI
    /// tables of [`crate::text::i18n`]).
    pub code: String,
    /// The text in the report's language, rendered at the end from the code,
    /// count and params; the code itself until then.
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
    /// Values the message was filled with, for re-rendering in another
    /// language (an `omitted-…` note's cap is its `limit`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, String>,
}

impl Problem {
    /// A problem with its message as given (prefer [`Problem::coded`]).
    pub fn new(code: &str, message: &str) -> Problem {
        Problem {
            code: code.to_string(),
            message: message.to_string(),
            count: None,
            params: BTreeMap::new(),
        }
    }

    /// A problem known by its code (its message is rendered at the end);
    /// add the values its text names with [`Problem::param`] and
    /// [`Problem::count`].
    pub fn coded(code: &str) -> Problem {
        Problem::new(code, code)
    }

    /// A value the message names; values often come from a log or an
    /// archive (a member's name), so each is kept as [`crate::core::caps::text`].
    pub fn param(mut self, name: &str, value: impl Into<String>) -> Problem {
        self.params
            .insert(name.to_string(), crate::core::caps::text(&value.into()));
        self
    }

    pub fn count(mut self, count: u64) -> Problem {
        self.count = Some(count);
        self
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlatformReport {
    pub platform: Platform,
    pub verdict: Verdict,
    pub certificates: Vec<Certificate>,
    /// Findings about the platform as a whole (no evidence, consumers waiting…).
    pub findings: Vec<Finding>,
    /// What the report leaves out of this platform to stay bounded: certificates
    /// beyond the cap, findings and evidence lines of its platform findings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub omitted: Vec<Problem>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Certificate {
    pub kind: Kind,
    /// The Intune request id (`AC_…/LogicalName_…;Hash=…`) or the root's id.
    pub id: String,
    /// Furthest stage proven; `None` when nothing but a failure was seen.
    pub stage: Option<Stage>,
    pub verdict: Verdict,
    pub failed_step: Option<Step>,
    /// Profile settings the device received (NDES URL, template, key length…).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub profile: BTreeMap<String, String>,
    pub timeline: Vec<TimelineEntry>,
    pub findings: Vec<Finding>,
    /// The SCEP server the story talks to, when its URL tells (`ndes` or
    /// `generic`); the steps 2–4 are named after it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server: Option<Server>,
    /// The steps of the flow the card ticks (those its kind goes through, up
    /// to the furthest stage), each with how it is known.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<StepMark>,
    /// What the report leaves out of this certificate to stay bounded
    /// (timeline rows, findings, evidence lines, profile settings).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub omitted: Vec<Problem>,
    /// What the evidence says the certificate is (thumbprint, serial,
    /// issuer, subject, validity), each fact with the lines that give it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identity: Vec<IdentityFact>,
}

/// One fact of a certificate's identity, as a source wrote it, and every
/// line (of any source) that gives the same value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IdentityFact {
    pub fact: Fact,
    pub value: String,
    pub proofs: Vec<Evidence>,
}

/// The kinds of identity fact, in the order a card shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Fact {
    Thumbprint,
    ThumbprintSha256,
    Serial,
    Subject,
    Issuer,
    NotBefore,
    NotAfter,
}

impl Fact {
    pub fn as_str(self) -> &'static str {
        match self {
            Fact::Thumbprint => "thumbprint",
            Fact::ThumbprintSha256 => "thumbprint-sha256",
            Fact::Serial => "serial",
            Fact::Subject => "subject",
            Fact::Issuer => "issuer",
            Fact::NotBefore => "not-before",
            Fact::NotAfter => "not-after",
        }
    }
}

/// A ticked step of a certificate's flow and how it is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepMark {
    pub step: Step,
    pub proof: Proof,
}

/// How a ticked step is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Proof {
    /// A source's line proves it (steps 3 and 4 only by the NDES server's or
    /// the CA's own evidence).
    Line,
    /// Only a later step implies it (a device's CertRep SUCCESS says the CA
    /// issued, but no NDES or CA line shows it).
    Implied,
}

impl Proof {
    pub fn as_str(self) -> &'static str {
        match self {
            Proof::Line => "line",
            Proof::Implied => "implied",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub time: Option<String>,
    pub time_basis: Option<TimeBasis>,
    pub stage: Option<Stage>,
    pub step: Step,
    /// `progress`, `failed`, `pending` or `waiting`.
    pub outcome: String,
    /// The line, rendered from `what_code` and `what_params` at the end.
    pub what: String,
    /// Stable code of the line ([`crate::platforms::lines`]); its texts are
    /// looked up by it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub what_code: String,
    /// Values the line was filled with (log values as written, or line
    /// codes of terms), for re-rendering in another language.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub what_params: BTreeMap<String, String>,
    pub source: usize,
    /// 1-based line number in the source.
    pub line: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub severity: Severity,
    /// Stable code from the knowledge table; texts are looked up by it.
    pub code: String,
    pub step: Option<Step>,
    pub title: String,
    pub explanation: String,
    pub fix: String,
    /// Values the texts were filled with, for re-rendering in another language.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, String>,
    pub evidence: Vec<Evidence>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Evidence {
    pub source: usize,
    pub line: usize,
}
