//! Redaction for sharing: every string of a [`Report`] with personal and
//! tenant identifiers replaced by stable placeholders — the same value always
//! becomes the same placeholder within one report (`<host-1>`, `<email-2>`…),
//! so the story still reads. Request ids stay correlatable: the tenant
//! (account) GUID inside them becomes `<tenant-N>`, the policy id and hash stay.
//!
//! Replaced: e-mail addresses and UPNs, user names (`CN=…`, `user=…`), SIDs,
//! GUIDs (device, tenant and other ids), host names (URL hosts, and fully
//! qualified names with a common top-level domain), IPv4 and full IPv6
//! addresses, serial numbers (`serial…=`/`:` values), thumbprints and other
//! long hex strings, 15-digit IMEIs; and the requester and subject names a
//! CA record names (values of `requester` and `subject`), wherever they
//! appear. Not detectable: single-label host names
//! that appear nowhere in a URL, free-form device names.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use regex::{Captures, Regex, RegexSet};

use crate::core::report::Report;

/// The report with every string field redacted.
pub fn redact(report: &Report) -> Report {
    let mut r = Redactor::default();
    let mut out = report.clone();
    // Policy ids and tenants first, from the certificates' request ids.
    for p in &out.platforms {
        for c in &p.certificates {
            r.learn_request_id(&c.id);
            r.learn_names(c);
        }
    }
    r.names_learned();
    // Hosts seen in any URL are redacted wherever they appear, even bare.
    visit(&mut out, &mut |s| {
        r.learn_hosts(s);
        s.to_string()
    });
    visit(&mut out, &mut |s| r.text(s));
    out
}

/// Calls `f` on every string field of the report, replacing it.
fn visit(report: &mut Report, f: &mut impl FnMut(&str) -> String) {
    for s in &mut report.sources {
        s.name = f(&s.name);
        for p in &mut s.problems {
            p.message = f(&p.message);
            for v in p.params.values_mut() {
                *v = f(v);
            }
        }
    }
    for p in &mut report.platforms {
        for finding in &mut p.findings {
            finding_strings(finding, f);
        }
        for c in &mut p.certificates {
            c.id = f(&c.id);
            // A key can be log text too (a CSP node the device reported).
            let profile: BTreeMap<String, String> =
                c.profile.iter().map(|(k, v)| (f(k), f(v))).collect();
            c.profile = profile;
            for t in &mut c.timeline {
                t.what = f(&t.what);
                for v in t.what_params.values_mut() {
                    // A term's value is a line code, not log text.
                    if !crate::platforms::lines::is_code(v) {
                        *v = f(v);
                    }
                }
            }
            for finding in &mut c.findings {
                finding_strings(finding, f);
            }
            for fact in &mut c.identity {
                fact.value = f(&fact.value);
            }
        }
    }
}

fn finding_strings(finding: &mut crate::core::report::Finding, f: &mut impl FnMut(&str) -> String) {
    finding.title = f(&finding.title);
    finding.explanation = f(&finding.explanation);
    finding.fix = f(&finding.fix);
    for v in finding.params.values_mut() {
        *v = f(v);
    }
}

#[derive(Default)]
struct Redactor {
    /// (kind, normalized value) → number.
    seen: HashMap<(&'static str, String), usize>,
    counts: HashMap<&'static str, usize>,
    tenants: BTreeSet<String>,
    policies: BTreeSet<String>,
    hosts: BTreeSet<String>,
    /// (kind, value) of names a record gives by key, longest first.
    names: Vec<(&'static str, String)>,
    /// The values of `names`, to learn each once.
    known_names: HashSet<String>,
    /// All of `names` in one automaton, made once they are all learned:
    /// each text is searched once for every name (a CA export names
    /// thousands, and a search per name per text was quadratic: 80–94 % of
    /// a 100 MB export's run, measured on 4 December 2026).
    name_finder: Option<AhoCorasick>,
    /// Each known host's case-blind pattern (`None`: it does not compile).
    host_patterns: HashMap<String, Option<Regex>>,
}

/// Keys whose values name a person or an account, and their placeholder.
const NAME_KEYS: &[(&str, &str)] = &[("requester", "user"), ("subject", "name")];

/// What a text becomes when a redaction pattern cannot be compiled (a bug
/// the tests catch): withheld whole, never let through unredacted, and
/// never a panic.
pub const WITHHELD: &str = "<withheld: a redaction pattern failed>";

/// A pattern compiled once; `None` when it does not compile. Word
/// boundaries are ASCII (`(?-u:\b)`): a Unicode `\b` keeps the regex crate
/// off its fast DFA for any text with a non-ASCII character (every Japanese
/// string), which made redaction a quarter of a whole call (#19); and an
/// identifier glued to Japanese text is still redacted.
fn re(cell: &'static OnceLock<Option<Regex>>, pattern: &str) -> Option<&'static Regex> {
    cell.get_or_init(|| Regex::new(pattern).ok()).as_ref()
}

/// The compiled pattern, or `$otherwise` (a `return`) when it does not compile.
macro_rules! regex {
    ($pattern:expr, else $otherwise:expr) => {{
        static CELL: OnceLock<Option<Regex>> = OnceLock::new();
        match re(&CELL, $pattern) {
            Some(r) => r,
            None => $otherwise,
        }
    }};
}

const PEM: &str = r"-----BEGIN ([A-Z0-9 #]+)-----([\s\S]*?)-----END ([A-Z0-9 #]+)-----";
const CHALLENGE: &str = r"(?i)(?-u:\b)(challenge(?:[ _-]?password)?|CertificateRequestToken)((?:\s*[=:]\s*|&gt;|>)\x22?)([^\s<>&,;\x22')]{4,})";
const BLOB: &str = r"(?:[A-Za-z0-9+/]|%2[BbFf]){64,}(?:==?|%3[Dd](?:%3[Dd])?)?";
const HOME: &str = r"(?i)((?-u:\b)[a-z]:[\\/]+Users[\\/]+|/home/|/Users/)(?:([^\\/\s\x22'<>:*?|]+(?: [^\\/\s\x22'<>:*?|]+)*)([\\/])|([^\\/\s\x22'<>:*?|]+))";
const EMAIL: &str = r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+";
const SID: &str = r"(?-u:\b)S-1-\d+(?:-\d+)+(?-u:\b)";
const URL_HOST: &str = r"(?i)(?-u:\b)([a-z][a-z0-9+.-]*://)([^/:\s?#@\x22']+)";
const FQDN: &str = r"(?i)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.(?:com|net|org|local|lan|corp|internal|intra|intranet|home|int|edu|gov|mil|io|cloud|biz|info|jp|de|uk|fr|cn|au|ca|nl|us|eu|ch|se|no|fi|dk|it|es|kr|tw|sg|in|br|at|be|pl|ru|nz|mx)(?-u:\b)";
const DN_NAME: &str = r"(?i)(?-u:\b)(CN|OU|O|DC)(=)([^,;/\x22'\r\n<>]*[^,;/\x22'\r\n<>\s])";
const USER_FIELD: &str = r"(?i)(?-u:\b)(user ?name|user|upn|account)(\s*[=:]\s*)([^\s,;\x22'<>]+)";
const SERIAL: &str =
    r"(?i)(?-u:\b)(serial(?:[ _]?number)?|serialno|sn)(\s*[=:]\s*)([0-9A-Za-z:-]{4,})";
const AC_TENANT: &str = r"(?i)(AC_)([0-9a-f][0-9a-f_-]*)(…|\.\.\.)";
const LONG_HEX: &str = r"(?i)(?:[0-9a-f]{2}[: ]){15,}[0-9a-f]{2}|[0-9a-f]{16,}";
const IPV4: &str = r"(?-u:\b)(?:\d{1,3}\.){3}\d{1,3}(?-u:\b)";
const IPV6: &str = r"(?i)(?-u:\b)(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?-u:\b)";
const IMEI: &str = r"(?-u:\b)\d{15}(?-u:\b)";
/// Whether a step of [`Redactor::text`] other than the learned names and
/// hosts could change `s`. Most strings of a report (labels, codes, times)
/// hold nothing to redact: one pass of a set of every pattern saves running
/// each in turn (a quarter of a whole-pipeline call, measured with
/// `examples/percall.rs`).
fn may_hold_identifiers(s: &str) -> bool {
    static SET: OnceLock<Option<RegexSet>> = OnceLock::new();
    let set = SET.get_or_init(|| {
        let patterns = [
            PEM, CHALLENGE, BLOB, HOME, EMAIL, SID, URL_HOST, FQDN, DN_NAME, USER_FIELD, SERIAL,
            GUID, AC_TENANT, LONG_HEX, IPV4, IPV6, IMEI,
        ];
        RegexSet::new(patterns).ok()
    });
    set.as_ref().is_none_or(|set| set.is_match(s))
}

const GUID: &str =
    r"[0-9A-Fa-f]{8}[-_][0-9A-Fa-f]{4}[-_][0-9A-Fa-f]{4}[-_][0-9A-Fa-f]{4}[-_][0-9A-Fa-f]{12}";

/// `<server>`, `<host-1>`: a documentation or redaction placeholder.
fn is_placeholder(s: &str) -> bool {
    s.starts_with('<') && s.ends_with('>') && !s[1..].contains('<')
}

fn norm_guid(s: &str) -> String {
    s.to_ascii_lowercase().replace('_', "-")
}

/// True when the match at `start..end` of `s` is not part of a longer word.
fn standalone(s: &str, start: usize, end: usize, also: &[char]) -> bool {
    let before = s[..start].chars().next_back();
    let after = s[end..].chars().next();
    let joins = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || also.contains(&c));
    !joins(before) && !joins(after)
}

impl Redactor {
    fn placeholder(&mut self, kind: &'static str, value: &str) -> String {
        let key = (kind, value.to_string());
        let n = match self.seen.get(&key) {
            Some(n) => *n,
            None => {
                let count = self.counts.entry(kind).or_insert(0);
                *count += 1;
                self.seen.insert(key, *count);
                *count
            }
        };
        format!("<{kind}-{n}>")
    }

    fn learn_request_id(&mut self, id: &str) {
        // A tenant already redacted (`AC_<tenant-1>/…`) still says what the
        // policy id is, so redacting twice changes nothing.
        let rid = regex!(&format!(r"(?i)AC_({GUID}|<tenant-\d+>)(?:/|%2F|_)LogicalName_({GUID})"), else return);
        for caps in rid.captures_iter(id) {
            if !is_placeholder(&caps[1]) {
                self.tenants.insert(norm_guid(&caps[1]));
            }
            self.policies.insert(norm_guid(&caps[2]));
        }
    }

    /// Requester and subject names of a certificate's records (CA rows
    /// give them as values, with no `CN=` or `user=` around them).
    fn learn_names(&mut self, c: &crate::core::report::Certificate) {
        // A profile's `subject` is a setting (`CN={{UserName}}`), not a name.
        let params =
            (c.timeline.iter().map(|t| &t.what_params)).chain(c.findings.iter().map(|f| &f.params));
        for map in params {
            for (key, kind) in NAME_KEYS {
                if let Some(v) = map.get(*key) {
                    let v = v.trim();
                    if v.chars().count() >= 3
                        && !is_placeholder(v)
                        && self.known_names.insert(v.to_string())
                    {
                        self.names.push((kind, v.to_string()));
                    }
                }
            }
        }
    }

    /// Orders the learned names longest first (a name inside a longer one
    /// is replaced after it) and builds their automaton.
    fn names_learned(&mut self) {
        self.names.sort_by_key(|(_, v)| std::cmp::Reverse(v.len()));
        self.name_finder = (!self.names.is_empty())
            .then(|| AhoCorasick::new(self.names.iter().map(|(_, n)| n)).ok())
            .flatten();
    }

    fn learn_hosts(&mut self, s: &str) {
        let hosts = regex!(r"(?i)(?-u:\b)[a-z][a-z0-9+.-]*://([^/:\s?#@\x22']+)", else return);
        for caps in hosts.captures_iter(s) {
            let host = caps[1].to_ascii_lowercase();
            if !is_placeholder(&host) && host.contains(|c: char| c.is_ascii_alphabetic()) {
                self.hosts.insert(host);
            }
        }
    }

    fn text(&mut self, s: &str) -> String {
        // Which names `s` holds, all found in one pass (overlapping, as one
        // `contains` per name would), then replaced longest first (the
        // order of `names`, so of their indices).
        let mut held: Vec<usize> = match &self.name_finder {
            Some(finder) => finder
                .find_overlapping_iter(s)
                .map(|m| m.pattern().as_usize())
                .collect(),
            None => (self.names.iter().enumerate())
                .filter(|(_, (_, name))| s.contains(name.as_str()))
                .map(|(i, _)| i)
                .collect(),
        };
        held.sort_unstable();
        held.dedup();
        let named: Vec<(&'static str, String)> = held
            .iter()
            .filter_map(|i| self.names.get(*i).cloned())
            .collect();
        let hosted = !self.hosts.is_empty() && {
            let lower = s.to_ascii_lowercase();
            self.hosts.iter().any(|host| lower.contains(host.as_str()))
        };
        if named.is_empty() && !hosted && !may_hold_identifiers(s) {
            return s.to_string();
        }
        // Names learned from the records, wherever they appear.
        let mut s = s.to_string();
        for (kind, name) in named {
            let p = self.placeholder(kind, &name);
            s = s.replace(&name, &p);
        }
        let s = s.as_str();
        // PEM blocks: the body withheld, the kind kept.
        let s = regex!(PEM, else return WITHHELD.to_string())
            .replace_all(s, |c: &Captures| {
                let body = c[2].trim();
                let body = if is_placeholder(body) {
                    body.to_string()
                } else {
                    self.placeholder("blob", body)
                };
                format!("-----BEGIN {}-----{body}-----END {}-----", &c[1], &c[3])
            })
            .into_owned();
        // Challenge values (`challenge: …`, `ChallengePassword=…`, an
        // Android profile's `<CertificateRequestToken>…`).
        let s = regex!(CHALLENGE, else return WITHHELD.to_string())
            .replace_all(&s, |c: &Captures| {
                if is_placeholder(&c[3]) {
                    return c[0].to_string();
                }
                format!("{}{}{}", &c[1], &c[2], self.placeholder("challenge", &c[3]))
            })
            .into_owned();
        // Base64 blobs (a certificate, a PKCS#7 message, a token): long runs
        // with a digit, not a path (few slashes), URL-encoded or not.
        let s = regex!(BLOB, else return WITHHELD.to_string())
            .replace_all(&s, |c: &Captures| {
                let v = &c[0];
                let m = c.get(0).map_or(0..0, |m| m.range());
                let slashes =
                    v.matches('/').count() + v.matches("%2F").count() + v.matches("%2f").count();
                let hex = v.bytes().all(|b| b.is_ascii_hexdigit());
                let blob = v.bytes().any(|b| b.is_ascii_digit())
                    && v.bytes().any(|b| b.is_ascii_lowercase())
                    && v.bytes().any(|b| b.is_ascii_uppercase())
                    && slashes * 16 < v.len()
                    && !hex
                    && standalone(&s, m.start, m.end, &[]);
                if blob {
                    self.placeholder("blob", v)
                } else {
                    v.to_string()
                }
            })
            .into_owned();
        // User names in home folders of a path (a source named by the path
        // the CLI was given: `C:\Users\<name>\…`, `/home/<name>/…`).
        // A name may hold spaces (`C:\Users\Jane Doe\…`) when a separator follows it.
        let s = regex!(HOME, else return WITHHELD.to_string())
            .replace_all(&s, |c: &Captures| {
                let (name, sep) = match (c.get(2), c.get(4)) {
                    (Some(n), _) => (n.as_str(), c.get(3).map_or("", |m| m.as_str())),
                    (None, Some(n)) => (n.as_str(), ""),
                    (None, None) => return c[0].to_string(),
                };
                let shared = ["public", "shared", "default", "all users"]
                    .contains(&name.to_ascii_lowercase().as_str());
                if shared || is_placeholder(name) {
                    c[0].to_string()
                } else {
                    format!("{}{}{sep}", &c[1], self.placeholder("user", name))
                }
            })
            .into_owned();
        let s = s.as_str();
        // E-mail addresses and UPNs.
        let s = regex!(EMAIL, else return WITHHELD.to_string())
            .replace_all(s, |c: &Captures| {
                self.placeholder("email", &c[0].to_ascii_lowercase())
            })
            .into_owned();
        // SIDs.
        let s = regex!(SID, else return WITHHELD.to_string())
            .replace_all(&s, |c: &Captures| self.placeholder("sid", &c[0]))
            .into_owned();
        // URL hosts (names or addresses).
        let s = regex!(URL_HOST, else return WITHHELD.to_string())
            .replace_all(&s, |c: &Captures| {
                let host = c[2].to_ascii_lowercase();
                if is_placeholder(&host) {
                    return c[0].to_string();
                }
                let kind = if host.contains(|c: char| c.is_ascii_alphabetic()) {
                    "host"
                } else {
                    "ip"
                };
                format!("{}{}", &c[1], self.placeholder(kind, &host))
            })
            .into_owned();
        // Hosts known from URLs, wherever else they appear.
        let mut s = s;
        let mut lower = s.to_ascii_lowercase();
        let hosts: Vec<String> = self.hosts.iter().cloned().collect();
        for host in hosts {
            if lower.contains(&host) {
                let p = self.placeholder("host", &host);
                // Compiled once per host and report, not once per string.
                let pattern = self.host_patterns.entry(host).or_insert_with_key(|host| {
                    Regex::new(&format!("(?i){}", regex::escape(host))).ok()
                });
                if let Some(r) = pattern {
                    s = r.replace_all(&s, p.as_str()).into_owned();
                    lower = s.to_ascii_lowercase();
                }
            }
        }
        // Bare fully qualified names with a common top-level domain.
        let s = regex!(FQDN, else return WITHHELD.to_string())
            .replace_all(&s, |c: &Captures| {
                let m = c.get(0).map_or(0..0, |m| m.range());
                let followed_by_word = s[m.end..].starts_with('.')
                    && s[m.end + 1..].starts_with(|c: char| c.is_ascii_alphanumeric());
                if !standalone(&s, m.start, m.end, &['.', '-', '_', '@']) || followed_by_word {
                    c[0].to_string()
                } else {
                    self.placeholder("host", &c[0].to_ascii_lowercase())
                }
            })
            .into_owned();
        // User names in subjects and user fields.
        let s = regex!(DN_NAME, else return WITHHELD.to_string())
            .replace_all(&s, |c: &Captures| {
                let kind = if c[1].eq_ignore_ascii_case("CN") {
                    "name"
                } else {
                    "org"
                };
                format!("{}{}{}", &c[1], &c[2], self.placeholder(kind, &c[3]))
            })
            .into_owned();
        let s = regex!(USER_FIELD, else return WITHHELD.to_string())
            .replace_all(&s, |c: &Captures| {
                format!("{}{}{}", &c[1], &c[2], self.placeholder("user", &c[3]))
            })
            .into_owned();
        // Serial numbers.
        let s = regex!(SERIAL, else return WITHHELD.to_string())
            .replace_all(&s, |c: &Captures| {
                format!(
                    "{}{}{}",
                    &c[1],
                    &c[2],
                    self.placeholder("serial", &c[3].to_ascii_uppercase())
                )
            })
            .into_owned();
        // GUIDs: tenants (also inside request ids), policy ids kept, others.
        let s = regex!(GUID, else return WITHHELD.to_string())
            .replace_all(&s, |c: &Captures| {
                let m = c.get(0).map_or(0..0, |m| m.range());
                if !standalone(&s, m.start, m.end, &[]) && !s[..m.start].ends_with('_') {
                    return c[0].to_string();
                }
                let guid = norm_guid(&c[0]);
                if self.policies.contains(&guid) {
                    c[0].to_string()
                } else if self.tenants.contains(&guid) || s[..m.start].ends_with("AC_") {
                    self.tenants.insert(guid.clone());
                    self.placeholder("tenant", &guid)
                } else {
                    self.placeholder("guid", &guid)
                }
            })
            .into_owned();
        // Tenant ids shortened in request ids (`AC_51bad41f…`).
        let s = regex!(AC_TENANT, else return WITHHELD.to_string())
            .replace_all(&s, |c: &Captures| {
                let stem = norm_guid(&c[2]);
                let known = self.tenants.iter().find(|t| t.starts_with(&stem)).cloned();
                let key = known.unwrap_or(stem);
                format!("{}{}{}", &c[1], self.placeholder("tenant", &key), &c[3])
            })
            .into_owned();
        // Thumbprints, serials and other ids written as long hex.
        let s = regex!(LONG_HEX, else return WITHHELD.to_string())
            .replace_all(&s, |c: &Captures| {
                let m = c.get(0).map_or(0..0, |m| m.range());
                let v = &c[0];
                let hexy = v.len() >= 32 || v.contains(|c: char| c.is_ascii_alphabetic());
                if hexy && standalone(&s, m.start, m.end, &[]) {
                    let key: String = v.chars().filter(char::is_ascii_hexdigit).collect();
                    self.placeholder("hex", &key.to_ascii_uppercase())
                } else {
                    v.to_string()
                }
            })
            .into_owned();
        // IP addresses.
        let s = regex!(IPV4, else return WITHHELD.to_string())
            .replace_all(&s, |c: &Captures| {
                let m = c.get(0).map_or(0..0, |m| m.range());
                let ok = c[0]
                    .split('.')
                    .all(|o| o.parse::<u16>().is_ok_and(|n| n <= 255))
                    && standalone(&s, m.start, m.end, &['.']);
                if ok {
                    self.placeholder("ip", &c[0])
                } else {
                    c[0].to_string()
                }
            })
            .into_owned();
        let s = regex!(IPV6, else return WITHHELD.to_string())
            .replace_all(&s, |c: &Captures| {
                self.placeholder("ip", &c[0].to_ascii_lowercase())
            })
            .into_owned();
        // IMEIs.
        regex!(IMEI, else return WITHHELD.to_string())
            .replace_all(&s, |c: &Captures| self.placeholder("imei", &c[0]))
            .into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pattern_that_does_not_compile_is_no_panic() {
        static CELL: OnceLock<Option<Regex>> = OnceLock::new();
        assert!(re(&CELL, "(unclosed").is_none());
        let mut r = Redactor::default();
        assert!(!r
            .text("user@example.com on host.contoso.com")
            .contains(WITHHELD));
    }

    fn one(s: &str) -> String {
        Redactor::default().text(s)
    }

    #[test]
    fn identifiers_become_stable_placeholders() {
        let mut r = Redactor::default();
        r.learn_request_id(
            "AC_51bad41f-3854-4eb5-a2f2-0f7a94034ee8/LogicalName_39907e78_e61b_4730_b9fa_d44a53e4111c;Hash=1677525787",
        );
        r.learn_hosts("GET https://ndes.contoso.com/certsrv/mscep/mscep.dll");
        let s = r.text("AC_51bad41f-3854-4eb5-a2f2-0f7a94034ee8/LogicalName_39907e78_e61b_4730_b9fa_d44a53e4111c;Hash=1677525787 for john@contoso.com at https://ndes.contoso.com/x and ndes.contoso.com, 10.1.2.3, CN=John Smith, S-1-5-21-1-2-3-1001, thumbprint 9A3F5C2E71B04D8F9E6A1C3B5D7E9F0A2B4C6D8E, SerialNumber: F2LXK1ABCD, device 0f8fad5b-d9cb-469f-a165-70867728950e; again john@contoso.com 10.1.2.3");
        assert_eq!(
            r.text("AC_51bad41f…/LogicalName_39907e78…;Hash=1677525787 https://<server>/x"),
            "AC_<tenant-1>…/LogicalName_39907e78…;Hash=1677525787 https://<server>/x"
        );
        assert_eq!(
            s,
            "AC_<tenant-1>/LogicalName_39907e78_e61b_4730_b9fa_d44a53e4111c;Hash=1677525787 for <email-1> at https://<host-1>/x and <host-1>, <ip-1>, CN=<name-1>, <sid-1>, thumbprint <hex-1>, SerialNumber: <serial-1>, device <guid-1>; again <email-1> <ip-1>"
        );
    }

    /// Problems and timeline lines are re-rendered from their values in
    /// every language: the values are redacted as their texts are.
    #[test]
    fn values_behind_localized_texts_are_redacted_too() {
        let report: Report = serde_json::from_value(serde_json::json!({
            "schema": "scep-doctor.report/1",
            "sources": [{
                "name": "logs.zip", "format": "unknown", "platform": null,
                "encoding": "binary", "lines": 0, "recognized": 0,
                "problems": [{
                    "code": "bad-member", "message": "logs.zip/adele@contoso.com.log cannot be read (bad).",
                    "params": {"member": "logs.zip/adele@contoso.com.log", "error": "bad"}
                }]
            }],
            "platforms": [{
                "platform": "android", "verdict": "incomplete", "findings": [],
                "certificates": [{
                    "kind": "scep", "id": "x", "stage": null, "verdict": "incomplete",
                    "failed_step": null, "findings": [],
                    "timeline": [{
                        "time": null, "time_basis": null, "stage": null, "step": 2,
                        "outcome": "progress", "source": 0, "line": 1,
                        "what": "Asks NDES for the CA certificate (GetCACert) at https://ndes.contoso.com/certsrv/mscep/mscep.dll",
                        "what_code": "scep.get-ca-cert",
                        "what_params": {"url": "https://ndes.contoso.com/certsrv/mscep/mscep.dll"}
                    }]
                }]
            }]
        }))
        .unwrap();
        for lang in crate::text::i18n::Lang::ALL {
            let shown = crate::text::i18n::localize(&redact(&report), lang);
            let out = serde_json::to_string(&shown).unwrap();
            assert!(!out.contains("adele") && !out.contains("contoso"), "{out}");
            let what = &shown.platforms[0].certificates[0].timeline[0].what;
            assert!(what.contains("https://<host-1>/certsrv"), "{what}");
        }
    }

    #[test]
    fn identifiers_glued_to_japanese_text() {
        // ASCII word boundaries: a Japanese letter next to an identifier is
        // no word character, so the identifier is still found.
        assert_eq!(
            one("保存先C:\\Users\\jdoe\\a.log"),
            "保存先C:\\Users\\<user-1>\\a.log"
        );
        assert_eq!(
            one("値challenge=S3cretValue です"),
            "値challenge=<challenge-1> です"
        );
    }

    #[test]
    fn user_folders_in_paths() {
        assert_eq!(
            one(r"C:\Users\Jane Doe\Downloads\a.log"),
            r"C:\Users\<user-1>\Downloads\a.log"
        );
        assert_eq!(one("/home/jdoe/a.log"), "/home/<user-1>/a.log");
        assert_eq!(one("/Users/jdoe"), "/Users/<user-1>");
        assert_eq!(one(r"C:\Users\Public\a.log"), r"C:\Users\Public\a.log");
        assert_eq!(one("/certsrv/mscep/mscep.dll"), "/certsrv/mscep/mscep.dll");
    }

    #[test]
    fn ordinary_log_words_stay() {
        for s in [
            "com.microsoft.omadm.platforms.android.wifimgr.WifiProfileManager",
            "Client Authentication (1.3.6.1.5.5.7.3.2)",
            "2018-02-27T04:50:46.177 NDES answered GetCACert with HTTP 500",
            "MCSCEPErrorDomain 22013",
            "Hash=1677525787",
            "SHA-1, SHA-2",
        ] {
            assert_eq!(one(s), s);
        }
    }
}
