//! The Windows SCEP client's state in a registry export: `regedit`'s
//! "Export" (`.reg`, "Windows Registry Editor Version 5.00", UTF-16 LE with
//! a BOM and CRLF) and the MDM diagnostics bundle's
//! `MdmDiagReport_RegistryDump.reg` (the same syntax, several exports one
//! after another). What is read (`server-ca-store.md` §2.4, `scep-logs.md`
//! §2.2 and §5.6):
//!
//! ```text
//! [HKEY_CURRENT_USER\Software\Microsoft\SCEP\MS DM Server\<UniqueId>]
//! "CertThumbprint"="A1B2…2334"
//! "Status"=dword:00000001
//! "ErrorCode"=dword:00000000
//!
//! [HKEY_CURRENT_USER\Software\Microsoft\SCEP\MS DM Server\<UniqueId>\Install]
//! "ServerURL"="https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll"
//! "CAThumbprint"="5F9A…2345"
//! "KeyUsage"=dword:000000a0
//! ```
//!
//! Keyed on the layout only: a key path `<hive>\SOFTWARE\Microsoft\SCEP\
//! <MDM server>\<UniqueId>[\…]` (any case; `HKEY_LOCAL_MACHINE` is the
//! device's, `HKEY_CURRENT_USER` and `HKEY_USERS\<SID>` a user's) and
//! `.reg` value syntax (`"name"="…"`, `dword:`, `hex(…):` with `\`
//! continuation lines). Value names are registry names, never localized.
//!
//! What is documented and what is inferred:
//! - [DOC MS-CSP] the ClientCertificateInstall CSP's nodes under
//!   `SCEP/<UniqueID>`: `CertThumbprint`, `Status` (1 finished
//!   successfully, 2 pending, 16 action failed, 32 unknown), `ErrorCode`
//!   (an HRESULT), `RespondentServerUrl`, and `Install/{ServerURL,
//!   CAThumbprint, SubjectName, EKUMapping, KeyUsage, RetryCount, …}`;
//! - [3P*] the CSP keeps each request's state under
//!   `HKLM\SOFTWARE\Microsoft\SCEP\<MDM server>\<UniqueId>` (Intune's server
//!   name is `MS DM Server`); a public test script writes the `Install`
//!   values under `HKCU:\SOFTWARE\Microsoft\SCEP\MS DM Server\<id>\Install`
//!   before running `dmcertinst.exe`; the MDM diagnostics data source reads
//!   `HKCU\Software\Microsoft\SCEP\*\*` value `CertificateThumbPrint`;
//! - [INF] that the registry values carry the CSP nodes' names and
//!   meanings (so `Status` 1/2/16/32 and `ErrorCode` read as the CSP
//!   documents them), and that `CertificateThumbPrint` is the same value
//!   as `CertThumbprint`: both names are read.
//!
//! Each UniqueId gives up to two normalized records: its `Install`
//! settings (the profile as the device holds it, cited at the `Install`
//! key's line) and its state (cited at the `Status` value's line, else the
//! key's). A `Challenge` value is never read.

use std::sync::OnceLock;

use regex::Captures;

use crate::core::event::{FindingRef, Outcome, Signal, Subject, What};
use crate::core::model::{Platform, Stage};
use crate::core::request_id::RequestId;
use crate::parse::format::{fields, one_line, Format, Header, Record};
use crate::parse::rules::{Rule, RuleSet};
use crate::platforms::codes::hresult_code;

use super::hresult::hresult;
use super::rules::{failure, profile_setting};

pub const FORMAT: Format = Format {
    id: "windows-registry",
    platform: Platform::Windows,
    title: "Windows registry export of the SCEP client's state (.reg: regedit, MdmDiagReport_RegistryDump.reg)",
    samples: &[
        "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SCEP\\MS DM Server\\ModelName_AC_51bad41f-3854-4eb5-a2f2-0f7a94034ee8_LogicalName_39907e78_e61b_4730_b9fa_d44a53e4111c_Hash_-1518303401]",
        "[HKEY_CURRENT_USER\\Software\\Microsoft\\SCEP\\MS DM Server\\ModelName_AC_51bad41f-3854-4eb5-a2f2-0f7a94034ee8_LogicalName_39907e78_e61b_4730_b9fa_d44a53e4111c_Hash_-1518303401\\Install]",
    ],
    header: Some(header),
    marks: None,
    glued: None,
    split: Some(split),
    rules,
    stream: None,
};

/// What the normalized records name: every one holds this path segment (the
/// rule's needle, also found in the export's own key lines).
const SCEP_KEY: &str = "\\Microsoft\\SCEP\\";

/// Detection: a key line under `…\SOFTWARE\Microsoft\SCEP\<server>\<id>`.
fn header(line: &str) -> Option<Header<'_>> {
    let t = line.trim();
    if !t.starts_with("[HKEY_") || !t.ends_with(']') {
        return None;
    }
    scep_key(&t[1..t.len() - 1])?;
    Some(Header {
        time: None,
        thread: None,
        process: None,
        message: line,
    })
}

/// Where a SCEP key lives and what it is.
#[derive(Debug, PartialEq, Eq)]
struct ScepKey<'a> {
    /// `device` (HKEY_LOCAL_MACHINE) or `user`.
    location: &'static str,
    /// The hive as written (`HKEY_CURRENT_USER`, `HKEY_USERS\S-1-…`).
    hive: String,
    server: &'a str,
    unique_id: &'a str,
    /// The subkey under the UniqueId (`Install`), empty for the id's own key.
    rest: String,
}

/// `<hive>[\<SID>]\SOFTWARE\Microsoft\SCEP\<server>\<UniqueId>[\…]`.
fn scep_key(path: &str) -> Option<ScepKey<'_>> {
    let parts: Vec<&str> = path.split('\\').collect();
    let at = parts.windows(3).position(|w| {
        w[0].eq_ignore_ascii_case("SOFTWARE")
            && w[1].eq_ignore_ascii_case("Microsoft")
            && w[2].eq_ignore_ascii_case("SCEP")
    })?;
    let hive = parts.get(..at)?;
    let location = match hive.first()?.to_ascii_uppercase().as_str() {
        "HKEY_LOCAL_MACHINE" | "HKLM" if hive.len() == 1 => "device",
        "HKEY_CURRENT_USER" | "HKCU" if hive.len() == 1 => "user",
        "HKEY_USERS" | "HKU" if hive.len() == 2 => "user",
        _ => return None,
    };
    let server = *parts.get(at + 3)?;
    let unique_id = *parts.get(at + 4)?;
    if server.is_empty() || unique_id.is_empty() {
        return None;
    }
    Some(ScepKey {
        location,
        hive: hive.join("\\"),
        server,
        unique_id,
        rest: parts.get(at + 5..).unwrap_or_default().join("\\"),
    })
}

/// One value's data as the export wrote it.
#[derive(Debug, PartialEq, Eq)]
enum Data {
    Text(String),
    Number(u64),
    Binary(Vec<u8>),
}

impl Data {
    /// As text: numbers in decimal, binary as upper-case hex.
    fn text(&self) -> String {
        match self {
            Data::Text(s) => s.clone(),
            Data::Number(n) => n.to_string(),
            Data::Binary(b) => b.iter().map(|x| format!("{x:02X}")).collect(),
        }
    }

    /// As a number: a DWORD/QWORD, or a string holding `0x…` or decimal.
    fn number(&self) -> Option<u64> {
        match self {
            Data::Number(n) => Some(*n),
            Data::Text(s) => {
                let s = s.trim();
                match s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
                    Some(h) => u64::from_str_radix(h, 16).ok(),
                    None => s.parse::<i64>().ok().map(|n| {
                        if n < 0 {
                            n as i32 as u32 as u64
                        } else {
                            n as u64
                        }
                    }),
                }
            }
            Data::Binary(_) => None,
        }
    }
}

/// One key of the export: its path, its line (0-based) and values.
struct Key {
    path: String,
    line: usize,
    values: Vec<(String, Data, usize)>,
}

/// At most this many continuation lines make one value (a certificate blob
/// is ~40 lines of hex; a damaged file does not run on forever).
const MAX_VALUE_LINES: usize = 4096;

/// Reads a `.reg` export: its keys and their values. Lines outside a key,
/// deletions (`[-…]`, `"name"=-`) and what does not parse are skipped.
fn keys(lines: &[&str]) -> Vec<Key> {
    let mut out: Vec<Key> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let at = i;
        let t = lines[i].trim();
        i += 1;
        if t.starts_with('[') && t.ends_with(']') && !t.starts_with("[-") {
            out.push(Key {
                path: t[1..t.len() - 1].to_string(),
                line: at,
                values: Vec::new(),
            });
            continue;
        }
        if !t.starts_with('"') {
            continue;
        }
        // A value whose data ends in `\` continues on the next line.
        let mut text = t.to_string();
        let mut more = 0;
        while text.ends_with('\\') && i < lines.len() && more < MAX_VALUE_LINES {
            text.pop();
            text.push_str(lines[i].trim());
            i += 1;
            more += 1;
        }
        let Some(key) = out.last_mut() else { continue };
        if let Some((name, data)) = value(&text) {
            key.values.push((name, data, at));
        }
    }
    out
}

/// `"name"=<data>`: the name unescaped and the data decoded.
fn value(text: &str) -> Option<(String, Data)> {
    let (name, rest) = quoted(text)?;
    let data = rest.strip_prefix('=')?;
    Some((name, decode(data)?))
}

/// A `"…"` string at the start of `text` (`\\` and `\"` escaped), and what
/// follows it.
fn quoted(text: &str) -> Option<(String, &str)> {
    let body = text.strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                if let Some((_, next)) = chars.next() {
                    out.push(next);
                }
            }
            '"' => return Some((out, body.get(i + 1..)?)),
            c => out.push(c),
        }
    }
    None
}

/// A value's data: `"string"`, `dword:`, `hex:` and `hex(n):` (1 and 2:
/// UTF-16 LE strings, 7: strings, 4: DWORD, b: QWORD, others binary).
fn decode(data: &str) -> Option<Data> {
    let data = data.trim();
    if data.starts_with('"') {
        return quoted(data).map(|(s, _)| Data::Text(s));
    }
    if let Some(hex) = data.strip_prefix("dword:") {
        return u32::from_str_radix(hex.trim(), 16)
            .ok()
            .map(|n| Data::Number(u64::from(n)));
    }
    let (kind, bytes) = if let Some(rest) = data.strip_prefix("hex:") {
        ("", rest)
    } else {
        let rest = data.strip_prefix("hex(")?;
        let (kind, rest) = rest.split_once("):")?;
        (kind, rest)
    };
    let bytes: Vec<u8> = bytes
        .split(',')
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .map(|b| u8::from_str_radix(b, 16).ok())
        .collect::<Option<_>>()?;
    let number = |n: usize| {
        (bytes.len() == n).then(|| {
            bytes
                .iter()
                .rev()
                .fold(0u64, |acc, b| (acc << 8) | u64::from(*b))
        })
    };
    Some(match kind.to_ascii_lowercase().as_str() {
        "1" | "2" | "7" => {
            let units: Vec<u16> = bytes
                .chunks(2)
                .map(|c| {
                    u16::from_le_bytes([
                        c.first().copied().unwrap_or(0),
                        c.get(1).copied().unwrap_or(0),
                    ])
                })
                .collect();
            let text = String::from_utf16_lossy(&units);
            let strings: Vec<&str> = text.split('\0').filter(|s| !s.is_empty()).collect();
            Data::Text(strings.join("; "))
        }
        "4" => Data::Number(number(4)?),
        "b" => Data::Number(number(8)?),
        _ => Data::Binary(bytes),
    })
}

/// What one UniqueId's keys hold.
#[derive(Default)]
struct Request {
    location: &'static str,
    hive: String,
    server: String,
    unique_id: String,
    /// The UniqueId's first key line.
    line: usize,
    /// The `Install` key's line, when there is one.
    install_line: Option<usize>,
    status: Option<(u64, usize)>,
    error: Option<u64>,
    thumbprint: String,
    respondent: String,
    current_retry: String,
    settings: Vec<(String, String)>,
}

/// The `Install` values kept as profile settings (the CSP's node names);
/// `Challenge` (a secret) is never among them.
const SETTINGS: &[&str] = &[
    "ServerURL",
    "CAThumbprint",
    "SubjectName",
    "SubjectAlternativeNames",
    "EKUMapping",
    "KeyUsage",
    "KeyLength",
    "KeyProtection",
    "HashAlgorithm",
    "TemplateName",
    "ValidPeriod",
    "ValidPeriodUnits",
    "ContainerName",
    "RetryCount",
    "RetryDelay",
];

fn split<'a>(lines: &[&'a str]) -> Vec<Record<'a>> {
    let keys = keys(lines);
    let mut requests: Vec<Request> = Vec::new();
    for key in &keys {
        let Some(k) = scep_key(&key.path) else {
            continue;
        };
        let at = match requests.iter().position(|r| {
            r.location == k.location
                && r.hive.eq_ignore_ascii_case(&k.hive)
                && r.server == k.server
                && r.unique_id == k.unique_id
        }) {
            Some(at) => at,
            None => {
                requests.push(Request {
                    location: k.location,
                    hive: k.hive.clone(),
                    server: k.server.to_string(),
                    unique_id: k.unique_id.to_string(),
                    line: key.line,
                    ..Request::default()
                });
                requests.len() - 1
            }
        };
        let Some(r) = requests.get_mut(at) else {
            continue;
        };
        if k.rest.eq_ignore_ascii_case("Install") && r.install_line.is_none() {
            r.install_line = Some(key.line);
        }
        for (name, data, line) in &key.values {
            let n = name.to_ascii_lowercase();
            match n.as_str() {
                "status" | "installstatus" => r.status = data.number().map(|s| (s, *line)),
                "errorcode" => r.error = data.number(),
                "certthumbprint" | "certificatethumbprint" => r.thumbprint = data.text(),
                "respondentserverurl" | "respondentserver" => r.respondent = data.text(),
                "currentretrycount" => r.current_retry = data.text(),
                "challenge" => {}
                _ => {
                    if let Some(node) = SETTINGS.iter().find(|s| s.eq_ignore_ascii_case(&n)) {
                        r.settings.push((node.to_string(), data.text()));
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    for r in &requests {
        let path = format!(
            "[{}\\SOFTWARE{SCEP_KEY}{}\\{}]",
            r.hive, r.server, r.unique_id
        );
        let common = format!(
            "\tuid={}\tserver={}\tlocation={}",
            one_line(&r.unique_id),
            one_line(&r.server),
            r.location
        );
        if !r.settings.is_empty() {
            let mut text = format!("{path}\tkind=settings{common}");
            for (node, value) in &r.settings {
                text.push_str(&format!("\t{node}={}", one_line(value)));
            }
            out.push(record(r.install_line.unwrap_or(r.line), text));
        }
        let has_state = r.status.is_some() || r.error.is_some() || !r.thumbprint.is_empty();
        if has_state {
            let mut text = format!("{path}\tkind=state{common}");
            if let Some((status, _)) = r.status {
                text.push_str(&format!("\tstatus={status}"));
            }
            if let Some(error) = r.error {
                text.push_str(&format!("\terror=0x{:08x}", error as u32));
            }
            for (k, v) in [
                ("thumbprint", &r.thumbprint),
                ("respondent", &r.respondent),
                ("retry", &r.current_retry),
            ] {
                if !v.is_empty() {
                    text.push_str(&format!("\t{k}={}", one_line(v)));
                }
            }
            out.push(record(r.status.map_or(r.line, |(_, l)| l), text));
        }
    }
    out
}

fn record<'a>(line: usize, text: String) -> Record<'a> {
    Record {
        time: None,
        thread: None,
        process: None,
        parts: vec![(line, text.into())],
    }
}

static RULES: &[Rule] = &[Rule {
    name: "registry-scep-request",
    needle: SCEP_KEY,
    pattern: r"^\[HKEY_[^\]\t]*\\Microsoft\\SCEP\\[^\]\t]*\]\t[^\n]*",
    build: request,
}];

pub fn rules() -> &'static RuleSet {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| RuleSet::new(RULES))
}

/// CSP `Status` values [DOC MS-CSP].
const SUCCEEDED: u64 = 1;
const PENDING: u64 = 2;
const FAILED: u64 = 16;

fn request(c: &Captures) -> Option<(Subject, Signal)> {
    let text = c.get(0)?.as_str();
    let v: Vec<(&str, &str)> = fields(text).collect();
    let get = |key: &str| value_of(&v, key);
    let uid = get("uid");
    let subject = match RequestId::find(uid) {
        Some(id) => Subject::Request(id),
        // Not an Intune id (another MDM's, a test's `static`): its own story.
        None => Subject::Keyed(format!("{}\\{uid}", get("server"))),
    };
    let location = get("location");
    let mut signal = if get("kind") == "settings" {
        let what = What::new("windows.registry-settings")
            .param("location", location)
            .param("url", get("ServerURL"))
            .param("ca_thumbprint", get("CAThumbprint"));
        let mut s = Signal::reached(Stage::ProfileReceived, what);
        for node in SETTINGS {
            let value = get(node);
            if !value.is_empty() {
                s.profile.push(profile_setting(node, value));
            }
        }
        s
    } else {
        state(&v)
    };
    signal
        .profile
        .push(("install_location".into(), location.to_string()));
    Some((subject, signal))
}

fn value_of<'a>(v: &[(&'a str, &'a str)], key: &str) -> &'a str {
    v.iter().find(|(k, _)| *k == key).map_or("", |(_, x)| x)
}

/// The request's state: Status, ErrorCode and CertThumbprint.
fn state(v: &[(&str, &str)]) -> Signal {
    let get = |key: &str| value_of(v, key);
    let status = get("status").parse::<u64>().ok();
    let thumbprint = get("thumbprint");
    let server = get("respondent");
    let code = u32::from_str_radix(get("error").trim_start_matches("0x"), 16)
        .ok()
        .filter(|c| *c != 0);
    let code_text = code.map_or(String::new(), |c| format!("0x{c:08x}"));
    let symbol = code
        .and_then(hresult_code)
        .and_then(|r| r.symbol)
        .unwrap_or_default();
    // [3P*] fleetdm: an ErrorCode value appears on failure; one written
    // without a Status is read as the failure it reports [INF].
    let written = get("status");
    let status = status.or_else(|| code.map(|_| FAILED));
    let mut signal = match status {
        Some(SUCCEEDED) if !thumbprint.is_empty() => Signal::reached(
            Stage::Installed,
            What::new("windows.registry-installed")
                .param("thumbprint", thumbprint)
                .param("server", server),
        ),
        // [DOC MS-CSP] CertThumbprint is empty when the certificate is
        // invalid, expired or its key was deleted.
        Some(SUCCEEDED) => Signal::new(
            None,
            5,
            Outcome::Progress,
            "windows.registry-no-certificate",
        ),
        // [INF] Pending: the request waits for its answer (the CSP retries
        // RetryCount times "when the SCEP server sends pending status");
        // whether the CA holds it for approval the state does not say.
        Some(PENDING) => Signal::new(
            None,
            4,
            Outcome::Pending,
            What::new("windows.registry-pending").param("retry", get("retry")),
        ),
        Some(FAILED) => {
            let what = What::new("windows.registry-failed")
                .param("status", written)
                .param("code", code_text.clone())
                .param("symbol", symbol);
            match code.and_then(|c| hresult(&format!("0x{c:08x}"))) {
                // A code the HRESULT table explains: its own finding.
                Some((_, Some(_))) => failure(what, &code_text, 2),
                Some((c, None)) if c >> 16 == 0x8019 => failure(what, &code_text, 2),
                _ => Signal::new(None, 2, Outcome::Failed, what).with_finding(
                    FindingRef::new("windows.registry-failed")
                        .param("code", code_text.clone())
                        .param("symbol", symbol)
                        .param("uid", get("uid")),
                ),
            }
        }
        Some(other) => Signal::new(
            None,
            5,
            Outcome::Progress,
            What::new("windows.registry-unknown").param("status", other.to_string()),
        ),
        // A thumbprint alone: the state says nothing more.
        None => Signal::new(
            None,
            5,
            Outcome::Progress,
            What::new("windows.registry-unknown").param("status", ""),
        ),
    };
    if !thumbprint.is_empty() {
        signal
            .profile
            .push(("thumbprint".into(), thumbprint.to_string()));
    }
    if !server.is_empty() {
        signal
            .profile
            .push(("respondent_server".into(), server.to_string()));
    }
    signal
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::format::split_texts;

    const UID: &str = "ModelName_AC_51bad41f-3854-4eb5-a2f2-0f7a94034ee8_LogicalName_39907e78_e61b_4730_b9fa_d44a53e4111c_Hash_-1518303401";

    #[test]
    fn key_paths_by_shape() {
        let path = format!(
            "HKEY_USERS\\S-1-12-1-1\\Software\\Microsoft\\SCEP\\MS DM Server\\{UID}\\Install"
        );
        let k = scep_key(&path).unwrap();
        assert_eq!(k.location, "user");
        assert_eq!(k.server, "MS DM Server");
        assert_eq!(k.unique_id, UID);
        assert_eq!(k.rest, "Install");
        assert!(scep_key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SCEP\\MS DM Server").is_none());
        assert!(scep_key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP").is_none());
        assert!(header("[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Enrollments\\X]").is_none());
    }

    #[test]
    fn value_syntax() {
        assert_eq!(
            value(r#""CertThumbprint"="A1B2""#),
            Some(("CertThumbprint".into(), Data::Text("A1B2".into())))
        );
        assert_eq!(
            value(r#""Status"=dword:00000010"#),
            Some(("Status".into(), Data::Number(16)))
        );
        assert_eq!(
            value(r#""a\"b"="c:\\d""#),
            Some(("a\"b".into(), Data::Text("c:\\d".into())))
        );
        assert_eq!(
            value(r#""Q"=hex(b):07,00,00,00,00,00,00,00"#),
            Some(("Q".into(), Data::Number(7)))
        );
        assert_eq!(
            value(r#""S"=hex(7):61,00,00,00,62,00,00,00,00,00"#),
            Some(("S".into(), Data::Text("a; b".into())))
        );
        assert_eq!(value(r#""Q"=hex(b):07"#), None);
        assert_eq!(value("\"x"), None);
        assert_eq!(Data::Text("-2146889721".into()).number(), Some(0x8009_1007));
        assert_eq!(Data::Text("0x80091007".into()).number(), Some(0x8009_1007));
    }

    #[test]
    fn a_wrapped_export_gives_settings_and_state() {
        let text = format!(
            "Windows Registry Editor Version 5.00\r\n\r\n\
             [HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SCEP\\MS DM Server\\{UID}]\r\n\
             \"CertThumbprint\"=hex:a1,b2,c3,d4,e5,f6,07,18,29,3a,4b,5c,6d,7e,8f,90,01,12,\\\r\n\
             \x20 23,34\r\n\
             \"Status\"=dword:00000010\r\n\
             \"ErrorCode\"=dword:80091007\r\n\r\n\
             [HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SCEP\\MS DM Server\\{UID}\\Install]\r\n\
             \"ServerURL\"=\"https://ndes/certsrv/mscep/mscep.dll\"\r\n\
             \"Challenge\"=\"secret\"\r\n\
             \"KeyUsage\"=dword:000000a0\r\n"
        );
        let got = split_texts(split, &text);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].contains("\tkind=settings"), "{got:?}");
        assert!(got[0].contains("\tKeyUsage=160"), "{got:?}");
        assert!(!got.iter().any(|g| g.contains("secret")), "{got:?}");
        assert!(got[1].contains("\tstatus=16\terror=0x80091007"), "{got:?}");
        assert!(
            got[1].contains("\tthumbprint=A1B2C3D4E5F60718293A4B5C6D7E8F9001122334"),
            "{got:?}"
        );
        let lines: Vec<&str> = text.lines().collect();
        let records = split(&lines);
        // The state is cited at its Status line, the settings at Install.
        assert_eq!(records[1].parts[0].0, 5);
        assert_eq!(records[0].parts[0].0, 8);
    }

    #[test]
    fn a_long_dump_is_known_by_its_scep_keys_anywhere() {
        let mut text = String::from("Windows Registry Editor Version 5.00\n\n");
        for i in 0..1500 {
            text.push_str(&format!(
                "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\PolicyManager\\current\\device\\Area{i}]\n\"Value\"=dword:00000001\n\n"
            ));
        }
        text.push_str(&format!(
            "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SCEP\\MS DM Server\\{UID}]\n\"Status\"=dword:00000001\n"
        ));
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines.len() > 4000);
        assert_eq!(
            crate::platforms::detect(&lines).map(|f| f.id),
            Some(FORMAT.id)
        );
        // A dump without SCEP keys is no SCEP evidence.
        assert!(crate::platforms::detect(&lines[..lines.len() - 2]).is_none());
    }

    #[test]
    fn states_read_as_the_csp_documents_them() {
        let thumb = "A1B2C3D4E5F60718293A4B5C6D7E8F9001122334";
        let s = state(&[("status", "1"), ("thumbprint", thumb)]);
        assert_eq!(s.stage, Some(Stage::Installed));
        assert_eq!(s.what.code, "windows.registry-installed");
        let s = state(&[("status", "1")]);
        assert_eq!(
            (s.stage, s.what.code),
            (None, "windows.registry-no-certificate")
        );
        let s = state(&[("status", "2")]);
        assert_eq!(s.outcome, Outcome::Pending);
        let s = state(&[("status", "32")]);
        assert_eq!(s.what.code, "windows.registry-unknown");
        // Known code: the HRESULT table's own finding.
        let s = state(&[("status", "16"), ("error", "0x80091007")]);
        assert_eq!(
            s.finding.map(|f| f.code),
            Some("windows.ca-thumbprint-mismatch")
        );
        // An HTTP status: the shared row.
        let s = state(&[("status", "16"), ("error", "0x80190194")]);
        assert_eq!(s.finding.map(|f| f.code), Some("scep.http-404"));
        // An ErrorCode with no Status is a failure too.
        let s = state(&[("error", "0x80090003")]);
        assert_eq!(s.outcome, Outcome::Failed);
        assert_eq!(s.finding.map(|f| f.code), Some("windows.registry-failed"));
        let s = state(&[("status", "16")]);
        assert_eq!(s.finding.map(|f| f.code), Some("windows.registry-failed"));
    }

    #[test]
    fn garbage_never_panics() {
        for text in [
            "[",
            "[]",
            "\"",
            "\"a\"=hex(",
            "\"a\"=hex(2):4",
            "\"a\"=dword:zz",
            "\"a\"=hex:\\",
            "[HKEY_USERS\\SOFTWARE\\Microsoft\\SCEP\\a\\b]\n\"Status\"=\"x\"",
        ] {
            let lines: Vec<&str> = text.lines().collect();
            let _ = split(&lines);
        }
    }
}
