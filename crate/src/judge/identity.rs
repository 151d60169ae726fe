//! A certificate's identity (issue #15): its thumbprints, serial, subject,
//! issuer and validity, gathered from every line of its card — its own
//! source's and those the cross-source pass joined (a store listing, a
//! certificate file, a CA record, event 309) — each fact with the lines
//! that give it, so an admin sees which source proved what instead of
//! matching thumbprints by eye.

use crate::core::report::{Certificate, Evidence, Fact, IdentityFact, Report};

/// Which value of which timeline line is a fact of the card's own
/// certificate: (line code, or a prefix ending in `.`; param; fact). A
/// SCEP message's issuer and serial name the RA certificate it is
/// encrypted for, not the certificate, and are left out.
const FACTS: &[(&str, &str, Fact)] = &[
    // Store listings and certificate files describe the certificate itself.
    ("store.", "thumbprint", Fact::Thumbprint),
    ("store.", "thumbprint_sha256", Fact::ThumbprintSha256),
    ("store.", "serial", Fact::Serial),
    ("store.", "subject", Fact::Subject),
    ("store.", "issuer", Fact::Issuer),
    ("store.", "not_before", Fact::NotBefore),
    ("store.", "not_after", Fact::NotAfter),
    // A CA record: the request's subject; an issued one's serial and validity.
    ("ca.", "subject", Fact::Subject),
    ("ca.issued", "serial", Fact::Serial),
    ("ca.revoked", "serial", Fact::Serial),
    ("ca.issued", "effective", Fact::NotBefore),
    ("ca.issued", "expires", Fact::NotAfter),
    // The device's own events: the installed certificate, the profile's CA in a store.
    (
        "windows.installed-thumbprint",
        "thumbprint",
        Fact::Thumbprint,
    ),
    ("windows.root-in-store", "thumbprint", Fact::Thumbprint),
    ("windows.root-in-store", "subject", Fact::Subject),
    (
        "windows.certificate-in-store",
        "thumbprint",
        Fact::Thumbprint,
    ),
    ("windows.certificate-in-store", "subject", Fact::Subject),
    // The Certificate Connector's 4006: the certificate the CA issued.
    (
        "ndes.connector-issued-thumbprint",
        "thumbprint",
        Fact::Thumbprint,
    ),
    // The SCEP client's state in a registry export (CertThumbprint).
    ("windows.registry-installed", "thumbprint", Fact::Thumbprint),
];

/// Gathers every card's identity.
pub fn gather(report: &mut Report) {
    for platform in &mut report.platforms {
        for card in &mut platform.certificates {
            card.identity = identity(card);
        }
    }
}

fn applies(pattern: &str, code: &str) -> bool {
    match pattern.strip_suffix('.') {
        Some(prefix) => code
            .strip_prefix(prefix)
            .is_some_and(|r| r.starts_with('.')),
        None => code == pattern,
    }
}

/// The value as compared: hex ids without separators and case, names and
/// times as written (trimmed).
fn key(fact: Fact, value: &str) -> String {
    match fact {
        Fact::Thumbprint | Fact::ThumbprintSha256 | Fact::Serial => value
            .chars()
            .filter(|c| !matches!(c, ' ' | ':' | '\u{200e}'))
            .collect::<String>()
            .to_ascii_uppercase(),
        // A CA export gives a request's common name alone (`adele@contoso.com`),
        // a store listing the whole name (`CN=adele@contoso.com`); names
        // compare without case or the spaces after separators.
        Fact::Subject | Fact::Issuer => {
            let name: String = value
                .split(',')
                .map(|rdn| {
                    let rdn = rdn.trim();
                    match rdn.split_once('=') {
                        Some((k, v)) => format!("{}={}", k.trim(), v.trim()),
                        None => format!("CN={rdn}"),
                    }
                })
                .collect::<Vec<_>>()
                .join(",");
            name.to_lowercase()
        }
        Fact::NotBefore | Fact::NotAfter => value.trim().to_string(),
    }
}

fn identity(card: &Certificate) -> Vec<IdentityFact> {
    let mut facts: Vec<(String, IdentityFact)> = Vec::new();
    for entry in &card.timeline {
        for (pattern, param, fact) in FACTS {
            if !applies(pattern, &entry.what_code) {
                continue;
            }
            let Some(value) = entry.what_params.get(*param).map(|v| v.trim()) else {
                continue;
            };
            if value.is_empty() {
                continue;
            }
            let proof = Evidence {
                source: entry.source,
                line: entry.line,
            };
            let k = key(*fact, value);
            match facts.iter_mut().find(|(fk, f)| f.fact == *fact && *fk == k) {
                Some((_, f)) => {
                    if !f.proofs.contains(&proof) {
                        f.proofs.push(proof);
                    }
                }
                None => facts.push((
                    k,
                    IdentityFact {
                        fact: *fact,
                        value: value.to_string(),
                        proofs: vec![proof],
                    },
                )),
            }
        }
    }
    let mut out: Vec<IdentityFact> = facts.into_iter().map(|(_, f)| f).collect();
    // Stable: by kind, then in the order the timeline gave them.
    out.sort_by_key(|f| f.fact);
    for f in &mut out {
        f.proofs.sort();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pattern_ending_in_a_dot_is_a_platform_prefix() {
        assert!(applies("store.", "store.in-file"));
        assert!(!applies("store.", "storex.in-file"));
        assert!(applies("ca.issued", "ca.issued"));
        assert!(!applies("ca.issued", "ca.issued-later"));
    }

    #[test]
    fn hex_ids_compare_without_separators_or_case() {
        assert_eq!(key(Fact::Serial, "11 00 00 00 1f"), "110000001F");
        assert_eq!(key(Fact::Thumbprint, "a1:b2"), "A1B2");
        assert_eq!(
            key(Fact::Subject, "adele@contoso.com"),
            "cn=adele@contoso.com"
        );
        assert_eq!(
            key(Fact::Issuer, "CN=Contoso CA, DC=contoso"),
            key(Fact::Issuer, "cn=Contoso CA,DC=contoso")
        );
    }
}
