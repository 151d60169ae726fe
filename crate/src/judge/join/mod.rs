//! The cross-source pass (issue #15): relates certificate-store evidence to
//! the device's certificate cards once every platform is judged. It reads
//! only report data (profile settings, timeline lines) and writes codes and
//! values; the texts are rendered late like every other line and finding.
//!
//! The joins (`server-ca-store.md` §4):
//! - a certificate a store or file shows ↔ the CA's issued request by
//!   serial: the device's card and the store's cite the CA's line (step 4);
//! - a CA's denial ↔ a failed device card by the request's subject
//!   ([`ca`]): the card fails step 4 with the CA's reason;
//! - a thumbprint a Windows card names (the root card's id, the SCEP
//!   profile's `ca_thumbprint`, the installed certificate's `thumbprint`)
//!   ↔ a listed certificate's SHA-1 thumbprint: the card cites the store
//!   line ([`JOINS`]); a CA thumbprint missing from a listed local-computer
//!   Trusted Root store is a finding;
//! - a SCEP certificate in Personal ↔ the listed Trusted Root and
//!   Intermediate certificates and the dropped CA certificate files, by
//!   its Authority Key Identifier = their Subject Key Identifier when both
//!   are known (a decoded file gives them; listings do not), else by
//!   issuer = subject (RDN sets compared normalized): no match is a finding;
//! - the NDES server's story of a request ↔ the device's card by the SCEP
//!   transaction id both name ([`server`]): the card cites the server's
//!   lines and, when both failed, carries the server's findings;
//! - the legacy NDESPlugin.log stopping at its call to the registration
//!   point ↔ the NDES server's CAPI2 expiry (`0x800B0101`) ([`plugin`]):
//!   that story fails step 3 with the expired certificate's finding;
//! - a device log without a zone ↔ the NDES server's IIS client of the same
//!   platform by time, with the UTC offset the admin states ([`time`]).

use std::collections::BTreeMap;

use crate::core::event::FindingRef;
use crate::core::model::{Kind, Platform, Step};
use crate::core::options::Options;
use crate::core::report::{Certificate, Evidence, Finding, PlatformReport, Report, TimelineEntry};
use crate::platforms;

mod ca;
mod checks;
mod plugin;
mod server;
mod time;

/// The line a card gains when a certificate file is the one it names.
const IN_FILE: &str = "store.named-in-file";

/// One join of a thumbprint a Windows card names to the store listings.
struct Join {
    /// The thumbprint the card names, as written.
    named: fn(&Certificate) -> Option<&str>,
    /// The timeline line the card gains when a listing holds it.
    line: &'static str,
    /// The finding when a local-computer Trusted Root listing lacks it.
    missing: Option<&'static str>,
}

static JOINS: &[Join] = &[
    Join {
        named: |c| (c.kind == Kind::Root).then_some(c.id.as_str()),
        line: "windows.root-in-store",
        missing: Some("windows.root-not-in-machine-store"),
    },
    Join {
        named: |c| c.profile.get("ca_thumbprint").map(String::as_str),
        line: "windows.root-in-store",
        missing: Some("windows.root-not-in-machine-store"),
    },
    Join {
        named: |c| c.profile.get("thumbprint").map(String::as_str),
        line: "windows.certificate-in-store",
        missing: None,
    },
];

/// A certificate a store listing or a file shows: its thumbprint, names,
/// validity, store and first line.
struct Listed<'a> {
    thumbprint: String,
    subject: &'a str,
    issuer: &'a str,
    /// `Root`, `user\My`, `machine\CA`… as the store platform wrote it;
    /// empty for a file.
    location: &'a str,
    not_before: &'a str,
    not_after: &'a str,
    /// The serial number, hex digits upper case.
    serial: String,
    /// Subject and Authority Key Identifiers (hex), when a file gave them.
    ski: String,
    aki: String,
    /// A CA certificate file: self-issued, or its key usage allows
    /// certificate signing.
    ca_file: bool,
    at: Option<Evidence>,
}

impl Listed<'_> {
    /// The store's name, lower case (`root`, `my`, `ca`).
    fn store(&self) -> String {
        self.location
            .rsplit('\\')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    }

    /// In the local computer's Trusted Root (certutil without `-user`
    /// lists the local computer's stores).
    fn machine_root(&self) -> bool {
        self.store() == "root" && !self.location.to_ascii_lowercase().starts_with("user\\")
    }

    fn ca(&self) -> bool {
        matches!(self.store().as_str(), "root" | "ca" | "authroot")
    }

    fn file(&self) -> bool {
        self.location.is_empty()
    }

    fn self_issued(&self) -> bool {
        !self.subject.is_empty() && rdns(self.subject) == rdns(self.issuer)
    }

    /// Whether `parent` issued this certificate: by key identifier (this
    /// one's AKI = the parent's SKI) when both are known, else by name
    /// (this one's issuer = the parent's subject).
    fn issued_by(&self, parent: &Listed) -> bool {
        match key_match(&self.aki, &parent.ski) {
            Some(same) => same,
            None => !self.issuer.is_empty() && rdns(self.issuer) == rdns(parent.subject),
        }
    }
}

/// Whether an Authority Key Identifier names a Subject Key Identifier;
/// `None` when either is unknown.
fn key_match(aki: &str, ski: &str) -> Option<bool> {
    (!aki.is_empty() && !ski.is_empty()).then(|| normal(aki) == normal(ski))
}

/// Runs every join over the report.
pub fn join(report: &mut Report, options: &Options) {
    ca::join(report);
    server::join(report);
    plugin::join(report);
    time::join(report, options.device_utc_offset);
    time::state_offset(report, options.device_utc_offset);
    let listed = listings(report);
    if listed.is_empty() {
        return;
    }
    let machine_root = listed.iter().find(|l| l.machine_root()).and_then(|l| l.at);
    let issued = issued(report);
    let mut cited: Vec<(usize, usize, TimelineEntry)> = Vec::new();
    let mut found: Vec<(usize, usize, Finding)> = Vec::new();
    let mut issuers: Vec<(usize, usize, Finding)> = Vec::new();
    for (p, platform) in report.platforms.iter().enumerate() {
        match platform.platform {
            Platform::Windows => windows(
                platform,
                p,
                &listed,
                &issued,
                machine_root,
                &mut cited,
                &mut found,
            ),
            Platform::Store => {
                store(platform, p, &listed, &mut issuers);
                // The store's certificate is the CA's issued one.
                for (c, card) in platform.certificates.iter().enumerate() {
                    let serial =
                        normal(card.profile.get("serial_number").map_or("", String::as_str));
                    if let Some(line) = issued_by_serial(&issued, &serial) {
                        cited.push((p, c, line.clone()));
                    }
                }
            }
            _ => {}
        }
    }
    for (p, c, entry) in cited {
        if let Some(card) = card(report, p, c) {
            card.timeline.push(entry);
        }
    }
    for (p, c, finding) in found.into_iter().chain(issuers) {
        if let Some(card) = card(report, p, c) {
            card.findings.push(finding);
        }
    }
}

/// Every certificate a CA issued, by serial: its `ca.issued` line.
fn issued(report: &Report) -> Vec<(String, TimelineEntry)> {
    report
        .platforms
        .iter()
        .filter(|p| p.platform == Platform::Ca)
        .flat_map(|p| &p.certificates)
        .filter_map(|c| {
            let line = c.timeline.iter().find(|t| t.what_code == "ca.issued")?;
            let serial = normal(c.profile.get("serial_number")?);
            (!serial.is_empty()).then(|| (serial, line.clone()))
        })
        .collect()
}

/// The CA's issued line for a certificate's serial (`server-ca-store.md`
/// §1.4: a Microsoft CA's serial is unique and embeds the request id).
fn issued_by_serial<'a>(
    issued: &'a [(String, TimelineEntry)],
    serial: &str,
) -> Option<&'a TimelineEntry> {
    if serial.is_empty() {
        return None;
    }
    issued.iter().find(|(s, _)| s == serial).map(|(_, t)| t)
}

fn card(report: &mut Report, p: usize, c: usize) -> Option<&mut Certificate> {
    report.platforms.get_mut(p)?.certificates.get_mut(c)
}

/// Every certificate a store listing or a certificate file shows.
fn listings(report: &Report) -> Vec<Listed<'_>> {
    report
        .platforms
        .iter()
        .filter(|p| p.platform == Platform::Store)
        .flat_map(|p| &p.certificates)
        .filter_map(|c| {
            let value = |k: &str| c.profile.get(k).map_or("", String::as_str);
            Some(Listed {
                thumbprint: normal(c.profile.get("thumbprint")?),
                subject: value("subject"),
                issuer: value("issuer"),
                location: value("install_location"),
                not_before: value("not_before"),
                not_after: value("not_after"),
                serial: normal(value("serial_number")),
                ski: normal(value("subject_key_id")),
                aki: normal(value("authority_key_id")),
                ca_file: c.kind == Kind::Root || value("key_usage").contains("Certificate Signing"),
                at: first_line(c),
            })
        })
        .collect()
}

fn windows(
    platform: &PlatformReport,
    p: usize,
    listed: &[Listed],
    issued: &[(String, TimelineEntry)],
    machine_root: Option<Evidence>,
    cited: &mut Vec<(usize, usize, TimelineEntry)>,
    found: &mut Vec<(usize, usize, Finding)>,
) {
    for (c, card) in platform.certificates.iter().enumerate() {
        let mut seen: Vec<String> = Vec::new();
        for join in JOINS {
            let Some(named) = (join.named)(card).map(normal) else {
                continue;
            };
            if named.len() != 40 || seen.contains(&named) {
                continue;
            }
            seen.push(named.clone());
            match listed.iter().find(|l| l.thumbprint == named) {
                Some(hit) => {
                    let Some(at) = hit.at else { continue };
                    let line = if hit.file() { IN_FILE } else { join.line };
                    let params: BTreeMap<String, String> = [
                        ("thumbprint".to_string(), named.clone()),
                        ("store".to_string(), hit.location.to_string()),
                        ("subject".to_string(), hit.subject.to_string()),
                    ]
                    .into_iter()
                    .filter(|(_, v)| !v.is_empty())
                    .collect();
                    for finding in checks::checks(card, &named, hit, listed) {
                        found.push((p, c, finding));
                    }
                    cited.push((
                        p,
                        c,
                        TimelineEntry {
                            time: None,
                            time_basis: None,
                            // Evidence about the card, not a stage of its own story.
                            stage: None,
                            step: Step(5),
                            outcome: "progress".to_string(),
                            what: line.to_string(),
                            what_code: line.to_string(),
                            what_params: params,
                            source: at.source,
                            line: at.line,
                        },
                    ));
                    if let Some(issued) = issued_by_serial(issued, &hit.serial) {
                        cited.push((p, c, issued.clone()));
                    }
                }
                None => {
                    let (Some(code), Some(root)) = (join.missing, machine_root) else {
                        continue;
                    };
                    let mut evidence: Vec<Evidence> = naming_line(card, &named)
                        .into_iter()
                        .chain([root])
                        .collect();
                    evidence.dedup();
                    found.push((
                        p,
                        c,
                        platforms::findings::finding(
                            &FindingRef::new(code).param("thumbprint", named),
                            evidence,
                        ),
                    ));
                }
            }
        }
    }
}

fn store(
    platform: &PlatformReport,
    p: usize,
    listed: &[Listed],
    issuers: &mut Vec<(usize, usize, Finding)>,
) {
    // The listed CA stores and the CA certificate files dropped beside them.
    let cas: Vec<&Listed> = listed
        .iter()
        .filter(|l| (!l.file() && l.ca()) || (l.file() && l.ca_file))
        .collect();
    if cas.is_empty() {
        return;
    }
    for (c, card) in platform.certificates.iter().enumerate() {
        let personal = card
            .profile
            .get("install_location")
            .and_then(|l| l.rsplit('\\').next())
            .is_some_and(|s| s.eq_ignore_ascii_case("my"));
        let Some(issuer) = card.profile.get("issuer") else {
            continue;
        };
        if card.kind != Kind::Scep || !personal || issuer.is_empty() {
            continue;
        }
        let aki = normal(
            card.profile
                .get("authority_key_id")
                .map_or("", String::as_str),
        );
        let wanted = rdns(issuer);
        let found = cas.iter().any(|l| match key_match(&aki, &l.ski) {
            // Its issuer's key: the same name with another key (a renewed
            // CA's new key, another CA of the same name) is not its issuer.
            Some(same) => same,
            None => rdns(l.subject) == wanted,
        });
        if found {
            continue;
        }
        let evidence = first_line(card).into_iter().collect();
        let subject = card.profile.get("subject").cloned().unwrap_or_default();
        let thumbprint = card.profile.get("thumbprint").cloned().unwrap_or_default();
        issuers.push((
            p,
            c,
            platforms::findings::finding(
                &FindingRef::new("store.issuer-not-in-stores")
                    .param("subject", subject)
                    .param("issuer", issuer.clone())
                    .param("thumbprint", thumbprint),
                evidence,
            ),
        ));
    }
}

/// A thumbprint as a join key: hex digits only, upper case.
fn normal(thumbprint: &str) -> String {
    thumbprint
        .chars()
        .filter(char::is_ascii_hexdigit)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// A distinguished name as a set of RDNs: `CN=A, DC=b` and `DC=b,CN=a`
/// are the same name (tools differ in order and spacing).
fn rdns(name: &str) -> Vec<String> {
    let mut out: Vec<String> = name
        .split([',', ';', '+'])
        .map(|r| {
            r.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .replace(" =", "=")
                .replace("= ", "=")
                .to_lowercase()
        })
        .filter(|r| !r.is_empty())
        .collect();
    out.sort();
    out
}

/// Another source's findings at the head of a card's, those it lacks only:
/// the other source's reason is the cause of what the device heard.
fn findings_first(card: &mut Certificate, findings: &[Finding]) {
    let mut at = 0;
    for f in findings {
        if !card
            .findings
            .iter()
            .any(|g| g.code == f.code && g.params == f.params)
        {
            card.findings.insert(at, f.clone());
            at += 1;
        }
    }
}

fn first_line(card: &Certificate) -> Option<Evidence> {
    card.timeline.first().map(|t| Evidence {
        source: t.source,
        line: t.line,
    })
}

/// The card's line that names the thumbprint (a 307 message, the root
/// profile's line), else its first line.
/// The card's line that names the thumbprint, if one does.
fn naming_line_entry<'a>(card: &'a Certificate, thumbprint: &str) -> Option<&'a TimelineEntry> {
    card.timeline.iter().find(|t| {
        t.what_params
            .values()
            .any(|v| normal(v).contains(thumbprint))
    })
}

fn naming_line(card: &Certificate, thumbprint: &str) -> Option<Evidence> {
    card.timeline
        .iter()
        .find(|t| {
            t.what_params
                .values()
                .any(|v| normal(v).contains(thumbprint))
        })
        .or(card.timeline.first())
        .map(|t| Evidence {
            source: t.source,
            line: t.line,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_as_rdn_sets() {
        assert_eq!(
            rdns("CN=Contoso Root CA, DC=contoso, DC=com"),
            rdns("DC=com,DC=contoso,CN=Contoso  Root CA")
        );
        assert_ne!(rdns("CN=Contoso Issuing CA"), rdns("CN=Contoso Root CA"));
    }

    #[test]
    fn key_identifiers_decide_before_names() {
        assert_eq!(key_match("e1 01:f0", "E101F0"), Some(true));
        assert_eq!(key_match("E101F0", "E794A4"), Some(false));
        assert_eq!(key_match("", "E101F0"), None);
    }

    #[test]
    fn thumbprints_normalize() {
        assert_eq!(normal("d8 37:e2"), "D837E2");
    }
}
