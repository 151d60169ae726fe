//! Event XML (`<Event xmlns=…>`, `<Events>`, `wevtutil qe /f:xml`), also the
//! shape binary `.evtx` records are rendered to.

use super::event::RawEvent;
use std::sync::OnceLock;

use regex::Regex;

use crate::core::time::{parse_system_time, LogTime};

pub(super) struct XmlRegexes {
    event: Regex,
    provider: Regex,
    id: Regex,
    time: Regex,
    data: Regex,
    message: Regex,
    result: Regex,
    process: Regex,
}

pub(super) fn xml_regexes() -> Option<&'static XmlRegexes> {
    static RE: OnceLock<Option<XmlRegexes>> = OnceLock::new();
    RE.get_or_init(|| {
        Some(XmlRegexes {
            event: Regex::new(r"(?s)<Event[\s>].*?</Event>").ok()?,
            provider: Regex::new(r#"<Provider\s+Name\s*=\s*['"]([^'"]*)['"]"#).ok()?,
            id: Regex::new(r"<EventID[^>]*>\s*(\d+)\s*</EventID>").ok()?,
            time: Regex::new(r#"<TimeCreated\s+SystemTime\s*=\s*['"]([^'"]*)['"]"#).ok()?,
            data: Regex::new(
                r#"(?s)<Data(?:\s+Name\s*=\s*['"][^'"]*['"])?\s*(?:/>|>(.*?)</Data>)"#,
            )
            .ok()?,
            message: Regex::new(r"(?s)<Message>(.*?)</Message>").ok()?,
            result: Regex::new(
                r#"(?s)<Result\s+value\s*=\s*['"]([0-9A-Fa-f]{1,8})['"]\s*(?:/>|>(.*?)</Result>)"#,
            )
            .ok()?,
            process: Regex::new(r#"<EventAuxInfo\s+ProcessName\s*=\s*['"]([^'"]*)['"]"#).ok()?,
        })
    })
    .as_ref()
}

pub(super) fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let Some(end) = after.find(';').filter(|&e| e <= 10) else {
            out.push('&');
            rest = &after[1..];
            continue;
        };
        let entity = &after[1..end];
        let c = match entity {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `<Result value="800B0109">text</Result>` (CAPI2 UserData) as
/// `text (0x800B0109)`; `None` for no result or a success (value 0).
pub(super) fn xml_result(xml: &str) -> Option<String> {
    let caps = xml_regexes()?.result.captures(xml)?;
    let value = caps.get(1)?.as_str();
    let code = u32::from_str_radix(value, 16).ok().filter(|&c| c != 0)?;
    let text = caps
        .get(2)
        .map_or(String::new(), |m| unescape(m.as_str().trim()));
    Some(if text.is_empty() {
        format!("0x{code:08X}")
    } else {
        format!("{text} (0x{code:08X})")
    })
}

/// One `<Event>` element; `line` is where it starts.
pub fn xml_event(xml: &str, line: usize) -> Option<RawEvent> {
    let re = xml_regexes()?;
    let get = |r: &Regex| {
        r.captures(xml)
            .and_then(|c| c.get(1))
            .map(|m| unescape(m.as_str()))
    };
    Some(RawEvent {
        line,
        time: get(&re.time)
            .and_then(|t| parse_system_time(&t))
            .map(LogTime::utc),
        id: get(&re.id).and_then(|i| i.parse().ok()),
        provider: get(&re.provider).unwrap_or_default(),
        message: get(&re.message).unwrap_or_default(),
        inserts: re
            .data
            .captures_iter(xml)
            .map(|c| {
                c.get(1)
                    .map_or(String::new(), |m| unescape(m.as_str().trim()))
            })
            .collect(),
        result: xml_result(xml),
        process: get(&re.process),
    })
}

pub(super) fn xml_events(lines: &[&str]) -> Vec<RawEvent> {
    let Some(re) = xml_regexes() else {
        return Vec::new();
    };
    let text = lines.join("\n");
    let mut out = Vec::new();
    let mut line = 0;
    let mut counted = 0;
    for m in re.event.find_iter(&text) {
        line += text
            .get(counted..m.start())
            .map_or(0, |s| s.matches('\n').count());
        counted = m.start();
        if let Some(e) = xml_event(m.as_str(), line) {
            out.push(e);
        }
    }
    out
}
