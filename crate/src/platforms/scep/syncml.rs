//! The SCEP `CertificateRequest` Intune sends in SyncML: XML escaped twice
//! inside the `<Data>` of `CertificateStore/Enroll/<id>/Install`. Decoded into
//! the profile settings an admin checks first. The challenge
//! (`CertificateRequestToken`) is a secret and is never copied out.

use std::sync::OnceLock;

use regex::Regex;

/// Undoes one level of XML escaping.
pub fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn element() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"<(\w+)(?:\s[^>]*)?>([^<]*)</(\w+)>").ok())
        .as_ref()
}

/// Profile settings from the escaped `<Data>` of an Install node, in the order
/// an admin reads them. Unknown elements are ignored.
pub fn certificate_request(data: &str) -> Vec<(String, String)> {
    let xml = unescape(&unescape(data));
    let Some(element) = element() else {
        return Vec::new();
    };
    let mut ndes = Vec::new();
    let mut hashes = Vec::new();
    let mut ekus: Vec<String> = Vec::new();
    let mut eku_name: Option<String> = None;
    let mut sans = Vec::new();
    let mut single: Vec<(&'static str, String)> = Vec::new();
    let (mut validity, mut validity_unit) = (String::new(), String::new());
    for caps in element.captures_iter(&xml) {
        let (Some(tag), Some(value), Some(close)) = (caps.get(1), caps.get(2), caps.get(3)) else {
            continue;
        };
        if tag.as_str() != close.as_str() {
            continue;
        }
        let value = value.as_str().trim().to_string();
        match tag.as_str() {
            "NDESUrl" => push_unique(&mut ndes, value),
            "HashAlgorithm" => push_unique(&mut hashes, value),
            "EKUName" => eku_name = Some(value),
            "EKUOID" => ekus.push(match eku_name.take() {
                Some(name) if !name.is_empty() => format!("{name} ({value})"),
                _ => value,
            }),
            "SAN" if !value.is_empty() => push_unique(&mut sans, value),
            "ValidityPeriod" => validity = value,
            "ValidityPeriodUnit" => validity_unit = value,
            "CertificateRequestToken" => {}
            other => {
                let key = match other {
                    "CAThumbprint" => "ca_thumbprint",
                    "TemplateName" => "template",
                    "KeyLength" => "key_length",
                    "KeyUsage" => "key_usage",
                    "SubjectName" => "subject",
                    "SubjectNameFormat" => "subject_name_format",
                    "SubjectAlternativeNameFormat" => "san_format",
                    "Issuers" => "issuers",
                    "RetryCount" => "retry_count",
                    "RetryDelay" => "retry_delay_minutes",
                    _ => continue,
                };
                if !value.is_empty() {
                    single.push((key, value));
                }
            }
        }
    }
    let mut out: Vec<(String, String)> = Vec::new();
    if !ndes.is_empty() {
        out.push(("ndes_url".into(), ndes.join(" ")));
    }
    for (k, v) in single {
        let v = if k == "key_usage" { key_usage(&v) } else { v };
        out.push((k.into(), v));
    }
    if !hashes.is_empty() {
        out.push(("hash_algorithms".into(), hashes.join(", ")));
    }
    if !ekus.is_empty() {
        out.push(("ekus".into(), ekus.join(", ")));
    }
    if !sans.is_empty() {
        out.push(("san".into(), sans.join(", ")));
    }
    if !validity.is_empty() {
        out.push((
            "validity".into(),
            format!("{validity} {validity_unit}").trim().to_string(),
        ));
    }
    out
}

fn push_unique(list: &mut Vec<String>, value: String) {
    if !value.is_empty() && !list.contains(&value) {
        list.push(value);
    }
}

/// Key usage bits as the SCEP profile sets them (X.509 bit values).
fn key_usage(value: &str) -> String {
    let Ok(bits) = value.parse::<u32>() else {
        return value.to_string();
    };
    let mut names = Vec::new();
    if bits & 0x80 != 0 {
        names.push("digital signature");
    }
    if bits & 0x20 != 0 {
        names.push("key encipherment");
    }
    if names.is_empty() {
        value.to_string()
    } else {
        format!("{value} ({})", names.join(" + "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_request_decodes_without_the_challenge() {
        let data = "&lt;CertificateRequest&gt;&lt;ConfigurationParametersDocument&gt;&amp;lt;ConfigurationParameters xmlns=\"x\"&amp;gt;&amp;lt;RetryCount&amp;gt;3&amp;lt;/RetryCount&amp;gt;&amp;lt;TemplateName /&amp;gt;&amp;lt;KeyUsage&amp;gt;32&amp;lt;/KeyUsage&amp;gt;&amp;lt;KeyLength&amp;gt;2048&amp;lt;/KeyLength&amp;gt;&amp;lt;HashAlgorithms&amp;gt;&amp;lt;HashAlgorithm&amp;gt;SHA-1&amp;lt;/HashAlgorithm&amp;gt;&amp;lt;HashAlgorithm&amp;gt;SHA-2&amp;lt;/HashAlgorithm&amp;gt;&amp;lt;/HashAlgorithms&amp;gt;&amp;lt;NDESUrls&amp;gt;&amp;lt;NDESUrl&amp;gt;https://ndes.contoso.com/certsrv/mscep/mscep.dll&amp;lt;/NDESUrl&amp;gt;&amp;lt;/NDESUrls&amp;gt;&amp;lt;EKUMapping&amp;gt;&amp;lt;EKUMap&amp;gt;&amp;lt;EKUName&amp;gt;Client Authentication&amp;lt;/EKUName&amp;gt;&amp;lt;EKUOID&amp;gt;1.3.6.1.5.5.7.3.2&amp;lt;/EKUOID&amp;gt;&amp;lt;/EKUMap&amp;gt;&amp;lt;/EKUMapping&amp;gt;&amp;lt;/ConfigurationParameters&amp;gt;&lt;/ConfigurationParametersDocument&gt;&lt;RequestParameters&gt;&lt;CertificateRequestToken&gt;SECRET&lt;/CertificateRequestToken&gt;&lt;SubjectName&gt;CN=name&lt;/SubjectName&gt;&lt;NDESUrl&gt;https://ndes.contoso.com/certsrv/mscep/mscep.dll&lt;/NDESUrl&gt;&lt;/RequestParameters&gt;&lt;/CertificateRequest&gt;";
        let got = certificate_request(data);
        let get = |k: &str| {
            got.iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(
            get("ndes_url"),
            Some("https://ndes.contoso.com/certsrv/mscep/mscep.dll")
        );
        assert_eq!(get("key_length"), Some("2048"));
        assert_eq!(get("key_usage"), Some("32 (key encipherment)"));
        assert_eq!(get("hash_algorithms"), Some("SHA-1, SHA-2"));
        assert_eq!(
            get("ekus"),
            Some("Client Authentication (1.3.6.1.5.5.7.3.2)")
        );
        assert_eq!(get("subject"), Some("CN=name"));
        assert_eq!(get("template"), None);
        assert!(!format!("{got:?}").contains("SECRET"));
    }
}
