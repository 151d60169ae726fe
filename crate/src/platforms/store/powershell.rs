//! PowerShell's `Cert:` drive: `Get-ChildItem Cert:\CurrentUser\My` as the
//! default table (`Thumbprint  Subject [EnhancedKeyUsageList]` under a
//! `PSParentPath:` / `Directory:` line), as `Format-List` (the default
//! properties or `*`), and `Select-Object` with any properties (a table up
//! to four, a list from five). Property names are .NET's, the same in every
//! display language; values wrap onto indented lines in a list.

use crate::core::model::Platform;
use crate::parse::format::{Format, Header, Record};
use crate::parse::literal;

use super::cert::{hex, is_hex, Origin, StoreCert};

pub const FORMAT: Format = Format {
    id: "store-powershell",
    platform: Platform::Store,
    title: "PowerShell Cert: drive listing (Get-ChildItem, Format-List, Select-Object)",
    samples: &[
        "   PSParentPath: Microsoft.PowerShell.Security\\Certificate::CurrentUser\\My",
        "Thumbprint                                Subject",
        "3B138D84C077C292579BA35E4410634E164075CD  CN=zwin7fh14scd.westus.cloudapp.azure.com",
        "Thumbprint   : 3B138D84C077C292579BA35E4410634E164075CD",
        "HasPrivateKey            : False",
    ],
    header: Some(header),
    marks: None,
    glued: None,
    split: Some(split),
    rules: super::rules::rules,
    stream: None,
};

fn header(line: &str) -> Option<Header<'_>> {
    let t = line.trim();
    let looks = literal::contains(t, "Microsoft.PowerShell.Security\\Certificate::")
        || table_header(t).is_some()
        || table_row_thumbprint(t)
        || list_field(line).is_some_and(|(k, v)| {
            (k == "Thumbprint" && is_hex(v, 40))
                || (k == "HasPrivateKey" && matches!(v, "True" | "False"))
        });
    looks.then_some(Header {
        time: None,
        thread: None,
        process: None,
        message: line,
    })
}

/// The properties PowerShell lists for a certificate that the reader keeps.
const PROPERTIES: &[&str] = &[
    "Thumbprint",
    "Subject",
    "Issuer",
    "SerialNumber",
    "NotBefore",
    "NotAfter",
    "HasPrivateKey",
    "EnhancedKeyUsageList",
    "DnsNameList",
    "PSParentPath",
    "PSPath",
    "FriendlyName",
];

/// A table's header: property names separated by spaces, Thumbprint or
/// Subject among them.
fn table_header(t: &str) -> Option<Vec<&str>> {
    // Detection asks every line: no word list for a line that cannot name
    // either column (#19).
    if !literal::contains(t, "Thumbprint") && !literal::contains(t, "Subject") {
        return None;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    let ok = words.len() >= 2
        && words
            .iter()
            .all(|w| PROPERTIES.contains(w) || w.chars().all(|c| c.is_ascii_alphanumeric()))
        && words.iter().any(|w| matches!(*w, "Thumbprint" | "Subject"))
        && words.iter().filter(|w| PROPERTIES.contains(w)).count() >= 2;
    ok.then_some(words)
}

/// A wrapped line `t` (trimmed, not empty) of a list value goes on the
/// value, after a space; an enhanced key usage list goes on its last item
/// (it wraps inside a name). Appended in place: building the whole value
/// again for each line was quadratic in the lines of a long wrap.
fn wrap(cert: &mut StoreCert, property: &str, t: &str) {
    let value = match property {
        "Subject" => &mut cert.subject,
        "Issuer" => &mut cert.issuer,
        "DnsNameList" => &mut cert.san,
        _ => match cert.eku.pop() {
            Some(last) => {
                let tail = format!("{last} {t}");
                cert.eku.extend(eku_items(tail.trim_end_matches('}')));
                return;
            }
            None => return set(cert, property, t),
        },
    };
    if value.is_empty() {
        return set(cert, property, t);
    }
    value.push(' ');
    value.push_str(t);
    if property == "DnsNameList" {
        let kept = value.trim_end_matches('}').len();
        value.truncate(kept);
    }
}

/// The items of an enhanced key usage list (without its braces).
fn eku_items(inner: &str) -> impl Iterator<Item = String> + '_ {
    inner
        .split(", ")
        .map(|e| e.trim().to_string())
        .filter(|e| !e.is_empty() && !e.starts_with("..."))
}

/// A default-table row: 40 hex digits, spaces, the subject.
fn table_row_thumbprint(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() > 42 && b.iter().take(40).all(u8::is_ascii_hexdigit) && b.get(40) == Some(&b' ')
}

/// `Name   : value` of a list (the name at the start of the line).
fn list_field(line: &str) -> Option<(&str, &str)> {
    if line.starts_with(char::is_whitespace) {
        return None;
    }
    let (k, v) = literal::split_once(line, " : ").or_else(|| {
        let k = line.trim_end().strip_suffix(" :")?;
        Some((k, ""))
    })?;
    let k = k.trim();
    (!k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric())).then_some((k, v.trim()))
}

/// `…\Certificate::CurrentUser\My` → (`user`, `My`).
fn parent_path(value: &str) -> Option<(String, String)> {
    let (_, path) = literal::split_once(value, "Certificate::")?;
    let mut parts = path.trim().split('\\');
    let location = match parts.next()?.to_ascii_lowercase().as_str() {
        "currentuser" => "user",
        "localmachine" => "machine",
        _ => "",
    };
    let store = parts.next().unwrap_or("").trim().to_string();
    Some((location.to_string(), store))
}

fn set(cert: &mut StoreCert, property: &str, value: &str) {
    let v = value.trim();
    match property {
        "Thumbprint" if is_hex(v, 40) => cert.sha1 = hex(v),
        "Subject" => cert.subject = v.to_string(),
        "Issuer" => cert.issuer = v.to_string(),
        "SerialNumber" => cert.serial = hex(v),
        "NotBefore" => cert.not_before = v.to_string(),
        "NotAfter" => cert.not_after = v.to_string(),
        "HasPrivateKey" => {
            cert.private_key = match v {
                "True" => Some(true),
                "False" => Some(false),
                _ => None,
            }
        }
        "EnhancedKeyUsageList" => {
            let inner = v.trim_start_matches('{').trim_end_matches('}');
            cert.eku = eku_items(inner).collect();
        }
        "DnsNameList" => cert.san = v.trim_matches(['{', '}']).to_string(),
        "PSParentPath" => {
            if let Some((location, store)) = parent_path(v) {
                cert.location = location;
                cert.store = store;
            }
        }
        "PSPath" if cert.store.is_empty() => {
            if let Some((location, store)) = parent_path(v) {
                cert.location = location;
                cert.store = store;
            }
        }
        _ => {}
    }
}

fn split<'a>(lines: &[&'a str]) -> Vec<Record<'a>> {
    let mut out = Vec::new();
    // The group's store, from `PSParentPath:` / `Directory:` above a table
    // or a list.
    let mut location = String::new();
    let mut store = String::new();
    // A table's columns: (name, start offset).
    let mut columns: Vec<(String, usize)> = Vec::new();
    // A list's object: its values, the line it starts on, the property a
    // wrapped value goes on.
    let mut object: Option<(StoreCert, usize, String)> = None;
    let new_cert = |location: &str, store: &str| StoreCert {
        origin: Origin::PowerShell,
        location: location.to_string(),
        store: store.to_string(),
        ..StoreCert::default()
    };
    let mut i = 0;
    while i < lines.len() {
        let line = lines.get(i).copied().unwrap_or("");
        let t = line.trim();
        i += 1;
        if t.is_empty() {
            if let Some((cert, at, _)) = object.take() {
                cert.into_records(at, &mut out);
            }
            continue;
        }
        // A group line of the default table or list.
        if let Some(rest) = t
            .strip_prefix("PSParentPath:")
            .or_else(|| t.strip_prefix("Directory:"))
        {
            if let Some((l, s)) = parent_path(rest) {
                location = l;
                store = s;
            }
            columns.clear();
            continue;
        }
        if let Some(names) = table_header(t) {
            let dashes = lines.get(i).copied().unwrap_or("");
            if dashes.trim_start().starts_with("--") {
                // Offsets from the dashes under each name.
                let mut cols = Vec::new();
                let mut at = 0;
                for name in &names {
                    let start = dashes
                        .get(at..)
                        .and_then(|d| d.find('-'))
                        .map_or(at, |s| s + at);
                    let end = dashes
                        .get(start..)
                        .and_then(|d| d.find(' '))
                        .map_or(dashes.len(), |e| e + start);
                    cols.push((name.to_string(), start));
                    at = end;
                }
                columns = cols;
                i += 1;
                continue;
            }
        }
        if let Some((k, v)) = list_field(line) {
            if PROPERTIES.contains(&k) || object.is_some() {
                // A property that comes again starts the next object (a
                // copy that lost its blank lines).
                let again = object.as_ref().is_some_and(|(c, _, _)| {
                    (k == "Thumbprint" && !c.sha1.is_empty())
                        || (k == "Subject" && !c.subject.is_empty())
                        || (k == "PSPath" && !c.store.is_empty())
                });
                if again {
                    if let Some((done, at, _)) = object.take() {
                        done.into_records(at, &mut out);
                    }
                }
                let (cert, _, last) = object
                    .get_or_insert_with(|| (new_cert(&location, &store), i - 1, String::new()));
                set(cert, k, v);
                *last = k.to_string();
                continue;
            }
        }
        if line.starts_with(char::is_whitespace) {
            // A wrapped list value goes on.
            if let Some((cert, _, last)) = object.as_mut() {
                if matches!(
                    last.as_str(),
                    "Subject" | "Issuer" | "EnhancedKeyUsageList" | "DnsNameList"
                ) {
                    wrap(cert, last, t);
                    continue;
                }
            }
        }
        if !columns.is_empty() {
            let mut cert = new_cert(&location, &store);
            for (n, (name, start)) in columns.iter().enumerate() {
                let end = columns.get(n + 1).map_or(line.len(), |(_, s)| *s);
                let value = line
                    .get(*start..end.min(line.len()))
                    .or_else(|| line.get(*start..))
                    .unwrap_or("");
                set(&mut cert, name, value);
            }
            if !cert.sha1.is_empty() || !cert.subject.is_empty() {
                cert.into_records(i - 1, &mut out);
            }
        }
    }
    if let Some((cert, at, _)) = object {
        cert.into_records(at, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::format::{fields, split_texts};

    fn certs(text: &str) -> Vec<String> {
        split_texts(split, text)
    }

    #[test]
    fn a_select_object_table_with_any_columns() {
        let got = certs("\n   Directory: Microsoft.PowerShell.Security\\Certificate::LocalMachine\\Root\n\nSubject                  Issuer                   Thumbprint                               NotAfter\n-------                  ------                   ----------                               --------\nCN=Contoso Root CA       CN=Contoso Root CA       D837E29604201C644CC269109FC47E7F16049A05 1/1/2045 9:00:00 AM\n");
        assert_eq!(got.len(), 1, "{got:?}");
        let f: Vec<_> = fields(&got[0]).collect();
        assert!(f.contains(&("subject", "CN=Contoso Root CA")));
        assert!(f.contains(&("issuer", "CN=Contoso Root CA")));
        assert!(f.contains(&("sha1", "D837E29604201C644CC269109FC47E7F16049A05")));
        assert!(f.contains(&("not_after", "1/1/2045 9:00:00 AM")));
        assert!(f.contains(&("location", "machine")));
        assert!(f.contains(&("store_kind", "root")));
    }

    #[test]
    fn a_default_list_without_blank_lines_between_objects() {
        let got = certs("Subject      : CN=a\nIssuer       : CN=ca\nThumbprint   : D837E29604201C644CC269109FC47E7F16049A05\nSubject      : CN=b\nThumbprint   : AA208FE009AE9267534E9F62E49ACE2DF64465FE\n");
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].contains("subject=CN=a\t"), "{got:?}");
        assert!(got[1].contains("subject=CN=b\t"), "{got:?}");
    }
}
