//! One certificate as every store reader hands it to the rules: what the
//! listing or file showed, written as one normalized line
//! (`store-cert<TAB>key=value<TAB>…`), and one `store-check` line per
//! thing the Microsoft article's checks find wrong with it.

use std::borrow::Cow;

use crate::parse::format::{one_line, Record};

/// What starts a certificate's normalized line (the rule's needle).
pub const MARK: &str = "store-cert";
/// What starts a check's normalized line.
pub const CHECK: &str = "store-check";

/// Client Authentication, and "any purpose".
const CLIENT_AUTH: &str = "1.3.6.1.5.5.7.3.2";
const ANY_EKU: &str = "2.5.29.37.0";

/// Where the certificate was seen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Origin {
    #[default]
    Certutil,
    PowerShell,
    /// An exported file (DER, Base-64, PEM, PKCS#7).
    File,
}

impl Origin {
    fn as_str(self) -> &'static str {
        match self {
            Origin::Certutil => "certutil",
            Origin::PowerShell => "powershell",
            Origin::File => "file",
        }
    }
}

/// One certificate's values, as the source wrote them (hashes and serials
/// normalized to upper-case hex without spaces).
#[derive(Clone, Debug, Default)]
pub struct StoreCert {
    pub origin: Origin,
    /// The store's short name as listed (`My`, `Root`, `CA`, …).
    pub store: String,
    /// `user` or `machine` when the listing says.
    pub location: String,
    pub subject: String,
    pub issuer: String,
    pub serial: String,
    pub sha1: String,
    pub sha256: String,
    pub not_before: String,
    pub not_after: String,
    /// Extended key usages, as names or OIDs (`;`-separated when written).
    pub eku: Vec<String>,
    pub key_usage: String,
    pub san: String,
    pub signature: String,
    pub template: String,
    /// Whether a private key goes with it (`None`: not said).
    pub private_key: Option<bool>,
    /// A CA certificate (basic constraints), when the source says.
    pub is_ca: Option<bool>,
    /// Subject Key Identifier (upper-case hex), when the source says.
    pub ski: String,
    /// Authority Key Identifier's keyIdentifier: the issuer's SKI.
    pub aki: String,
}

impl StoreCert {
    /// Whether it names anything worth a story.
    pub fn is_empty(&self) -> bool {
        self.sha1.is_empty() && self.serial.is_empty() && self.subject.is_empty()
    }

    /// The store's kind: `root`, `my`, `ca` or the name as listed.
    pub fn store_kind(&self) -> String {
        store_kind(&self.store)
    }

    /// Subject and issuer are the same name (Issued To = Issued By).
    pub fn self_issued(&self) -> Option<bool> {
        if self.subject.is_empty() || self.issuer.is_empty() {
            return None;
        }
        Some(same_dn(&self.subject, &self.issuer))
    }

    /// What the article's checks find wrong, as finding codes.
    pub fn checks(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        let kind = self.store_kind();
        if kind == "root" {
            if self.self_issued() == Some(false) {
                out.push("store.root-not-self-signed");
            }
            if self.location == "user" {
                out.push("store.root-in-user-store");
            }
        }
        if kind == "my" && self.private_key == Some(false) {
            out.push("store.no-private-key");
        }
        let ca_like = kind == "root" || kind == "ca" || self.is_ca == Some(true);
        if !ca_like && !self.eku.is_empty() && !self.eku.iter().any(|e| client_auth(e)) {
            out.push("store.no-client-auth");
        }
        if self.origin == Origin::File
            && self.is_ca == Some(true)
            && self.self_issued() == Some(false)
        {
            out.push("store.intermediate-file");
        }
        out
    }

    /// The normalized line.
    pub fn normalized(&self) -> String {
        let mut out = MARK.to_string();
        let eku = self.eku.join("; ");
        let key = match self.private_key {
            Some(true) => "yes",
            Some(false) => "no",
            None => "",
        };
        let ca = match self.is_ca {
            Some(true) => "yes",
            Some(false) => "no",
            None => "",
        };
        let kind = self.store_kind();
        let pairs: [(&str, &str); 20] = [
            ("origin", self.origin.as_str()),
            ("store", &self.store),
            ("store_kind", &kind),
            ("location", &self.location),
            ("subject", &self.subject),
            ("issuer", &self.issuer),
            ("serial", &self.serial),
            ("sha1", &self.sha1),
            ("sha256", &self.sha256),
            ("not_before", &self.not_before),
            ("not_after", &self.not_after),
            ("eku", &eku),
            ("key_usage", &self.key_usage),
            ("san", &self.san),
            ("signature", &self.signature),
            ("template", &self.template),
            ("private_key", key),
            ("ca", ca),
            ("ski", &self.ski),
            ("aki", &self.aki),
        ];
        for (k, v) in pairs {
            let v = one_line(v);
            if !v.is_empty() {
                out.push('\t');
                out.push_str(k);
                out.push('=');
                out.push_str(&v);
            }
        }
        if self.self_issued() == Some(true) {
            out.push_str("\tself_issued=yes");
        }
        out
    }

    /// The certificate's records for the rules, cited at line `line`
    /// (0-based): the certificate, then one per failed check.
    pub fn into_records<'a>(self, line: usize, out: &mut Vec<Record<'a>>) {
        if self.is_empty() {
            return;
        }
        let normalized = self.normalized();
        let key = normalized
            .split('\t')
            .skip(1)
            .filter(|f| {
                [
                    "sha1=",
                    "serial=",
                    "subject=",
                    "issuer=",
                    "eku=",
                    "ca=",
                    "store_kind=",
                    "self_issued=",
                ]
                .iter()
                .any(|k| f.starts_with(k))
            })
            .collect::<Vec<_>>()
            .join("\t");
        let checks = self.checks();
        out.push(record(line, normalized));
        for check in checks {
            out.push(record(line, format!("{CHECK}\tcheck={check}\t{key}")));
        }
    }
}

fn record<'a>(line: usize, text: String) -> Record<'a> {
    Record {
        time: None,
        thread: None,
        process: None,
        parts: vec![(line, Cow::Owned(text))],
    }
}

/// `my`, `root`, `ca` from the names listings use (`My`, `Personal`,
/// `ROOT`, `AuthRoot` stays itself).
pub fn store_kind(store: &str) -> String {
    let s = store.trim().to_ascii_lowercase();
    match s.as_str() {
        "my" | "personal" => "my".to_string(),
        "root" => "root".to_string(),
        "ca" => "ca".to_string(),
        _ => s,
    }
}

/// Client Authentication (by OID or by the name Windows shows), or any purpose.
pub fn client_auth(eku: &str) -> bool {
    let e = eku.to_ascii_lowercase();
    e.contains(CLIENT_AUTH) || e.contains(ANY_EKU) || e.starts_with("client authentication")
}

/// Two distinguished names are the same set of RDNs, whatever the order
/// and spacing each tool writes them in.
pub fn same_dn(a: &str, b: &str) -> bool {
    rdns(a) == rdns(b)
}

fn rdns(dn: &str) -> Vec<String> {
    let mut out: Vec<String> = dn
        .split([',', '+'])
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or(("", p));
            format!(
                "{}={}",
                k.trim().to_ascii_uppercase(),
                v.trim().trim_matches('"').to_lowercase()
            )
        })
        .filter(|r| r.len() > 1)
        .collect();
    out.sort();
    out
}

/// Hex with spaces or colons taken out, upper-case.
pub fn hex(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ':')
        .collect::<String>()
        .to_ascii_uppercase()
}

/// Whether `value` is `len` hex digits once spaces are taken out.
pub fn is_hex(value: &str, len: usize) -> bool {
    let h = hex(value);
    h.len() == len && h.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_as_rdn_sets() {
        assert!(same_dn(
            "CN=Contoso Root CA, DC=contoso, DC=com",
            "DC=com,DC=contoso,CN=Contoso Root CA"
        ));
        assert!(!same_dn("CN=Contoso Issuing CA", "CN=Contoso Root CA"));
    }

    #[test]
    fn checks_follow_the_article() {
        let c = StoreCert {
            store: "Root".into(),
            location: "user".into(),
            subject: "CN=Issuing".into(),
            issuer: "CN=Root".into(),
            ..StoreCert::default()
        };
        assert_eq!(
            c.checks(),
            vec!["store.root-not-self-signed", "store.root-in-user-store"]
        );
        let c = StoreCert {
            store: "my".into(),
            private_key: Some(false),
            eku: vec!["Server Authentication (1.3.6.1.5.5.7.3.1)".into()],
            ..StoreCert::default()
        };
        assert_eq!(
            c.checks(),
            vec!["store.no-private-key", "store.no-client-auth"]
        );
        assert!(client_auth("Client Authentication"));
        assert_eq!(hex("63 c6 ce"), "63C6CE");
        assert!(is_hex("63c6ce5fc512933179d3c0a5e94ecba98092f93d", 40));
    }
}
