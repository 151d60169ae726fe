//! The NDES server's IIS log in the W3C extended format
//! (`%SystemDrive%\inetpub\logs\LogFiles\W3SVC1\u_exYYMMDD.log`).
//!
//! A file starts with `#Software:`, `#Version:`, `#Date:` and `#Fields:`
//! directives; IIS writes them again whenever it restarts logging, so the
//! field list may change in the middle of a file, and files of several days
//! follow one another. Each record is one line of space-separated fields in
//! the order `#Fields:` gives (`-` for an empty one, spaces inside the user
//! agent written as `+`). Times are UTC.
//!
//! Almost every line of a real NDES server's log is other traffic (the
//! default web site, internet scanners): a line is looked at only when it
//! names the SCEP application (`/certsrv/mscep`) or the legacy connector's
//! registration point (`/CertificateRegistrationSvc/`), a literal search
//! before anything is split.

use std::sync::OnceLock;

use chrono::NaiveDateTime;
use regex::Regex;

use super::rules;
use crate::core::event::Event;
use crate::core::model::Platform;
use crate::core::time::LogTime;
use crate::parse::format::{Format, Header};
use crate::parse::reader::{Found, LineStream};
use crate::parse::rules::RuleSet;

pub const FORMAT: Format = Format {
    id: "ndes-iis",
    platform: Platform::Ndes,
    title: "NDES server IIS log (W3C, u_ex*.log)",
    samples: &[
        "#Software: Microsoft Internet Information Services 10.0",
        "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken",
        "2024-04-12 04:44:25 fe80::1e6:e687:7cf7:66c3%4 GET /certsrv/mscep/mscep.dll operation=GetCACaps&message=test 443 - fe80::1e6:e687:7cf7:66c3%4 Mozilla/5.0+(Windows+NT;+Windows+NT+10.0;+en-US)+WindowsPowerShell/5.1.20348.2400 - 200 0 0 2",
        "2024-04-11 16:02:17 127.0.0.1 GET /struts2-showcase/struts/utils.js - 80 - 127.0.0.1 Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)+AppleWebKit/537.36+(KHTML,+like+Gecko)+Chrome/96.0.4664.110+Safari/537.36 - 404 0 64 419",
    ],
    header: Some(header),
    marks: None,
    glued: None,
    split: None,
    rules: rules::rules,
    stream: Some(hook),
};

/// A field of the W3C extended format that SCEP Doctor reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Date,
    Time,
    Method,
    Stem,
    Query,
    /// `cs-uri` (HTTPERR logs): the path and query in one.
    Uri,
    ClientIp,
    Agent,
    Status,
    SubStatus,
    Win32,
    /// `s-reason` (HTTPERR logs): why HTTP.sys answered itself.
    Reason,
    /// A field read by nobody (s-ip, s-port, time-taken, cookies…).
    Other,
}

fn field(name: &str) -> Field {
    match name.to_ascii_lowercase().as_str() {
        "date" => Field::Date,
        "time" => Field::Time,
        "cs-method" => Field::Method,
        "cs-uri-stem" => Field::Stem,
        "cs-uri-query" => Field::Query,
        "cs-uri" => Field::Uri,
        "s-reason" => Field::Reason,
        "c-ip" => Field::ClientIp,
        "cs(user-agent)" => Field::Agent,
        "sc-status" => Field::Status,
        "sc-substatus" => Field::SubStatus,
        "sc-win32-status" => Field::Win32,
        _ => Field::Other,
    }
}

/// The fields of the records that follow a `#Fields:` directive, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout(Vec<Field>);

/// IIS's default field set (what a record without a directive is read as).
const DEFAULT_FIELDS: &str = "date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken";

impl Default for Layout {
    fn default() -> Layout {
        Layout(DEFAULT_FIELDS.split(' ').map(field).collect())
    }
}

impl Layout {
    /// The layout a `#Fields:` directive declares; `None` for another line
    /// or a directive naming no URL (nothing to read).
    pub fn of_directive(line: &str) -> Option<Layout> {
        let rest = strip_prefix_ci(line.trim_start(), "#Fields:")?;
        let fields: Vec<Field> = rest.split_whitespace().map(field).collect();
        let names_url = fields.contains(&Field::Stem) || fields.contains(&Field::Uri);
        names_url.then_some(Layout(fields))
    }

    /// Reads one record; `None` when its field count is not the layout's.
    pub fn read<'a>(&self, line: &'a str) -> Option<Request<'a>> {
        let mut r = Request {
            agent_logged: self.0.contains(&Field::Agent),
            ..Request::default()
        };
        let mut values = line.split([' ', '\t']).filter(|v| !v.is_empty());
        for f in &self.0 {
            let v = values.next()?;
            let value = (v != "-").then_some(v);
            match f {
                Field::Date => r.date = value,
                Field::Time => r.time = value,
                Field::Method => r.method = value,
                Field::Stem => r.stem = value,
                Field::Query => r.query = value,
                Field::Uri => match value.and_then(|v| v.split_once('?')) {
                    Some((stem, query)) => (r.stem, r.query) = (Some(stem), Some(query)),
                    None => r.stem = value,
                },
                Field::Reason => r.reason = value,
                Field::ClientIp => r.client = value,
                Field::Agent => r.agent = value,
                Field::Status => r.status = value.and_then(|v| v.parse().ok()),
                Field::SubStatus => r.sub = value.and_then(|v| v.parse().ok()),
                Field::Win32 => r.win32 = value.and_then(|v| v.parse().ok()),
                Field::Other => {}
            }
        }
        if values.next().is_some() {
            return None;
        }
        r.stem?;
        Some(r)
    }
}

/// One request as IIS logged it; absent fields are `None`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Request<'a> {
    pub date: Option<&'a str>,
    pub time: Option<&'a str>,
    pub method: Option<&'a str>,
    pub stem: Option<&'a str>,
    pub query: Option<&'a str>,
    pub client: Option<&'a str>,
    pub agent: Option<&'a str>,
    pub status: Option<u16>,
    pub sub: Option<u32>,
    pub win32: Option<u32>,
    /// HTTP.sys's reason for answering itself (`AppOffline`, `URL_Length`…).
    pub reason: Option<&'a str>,
    /// Whether the layout logs the user agent at all (HTTPERR logs do not).
    pub agent_logged: bool,
}

impl Request<'_> {
    /// When IIS logged it (UTC), with the `#Date:` directive's day for a
    /// layout that logs the time only.
    pub fn logged_at(&self, day: Option<&str>) -> Option<LogTime> {
        let date = self.date.or(day)?;
        let time = self.time?;
        let at = NaiveDateTime::parse_from_str(&format!("{date} {time}"), "%Y-%m-%d %H:%M:%S%.f")
            .ok()?;
        Some(LogTime::utc(at))
    }

    /// The value of `name` in the query (`operation=GetCACert&message=…`),
    /// the name compared without case.
    pub fn query_value(&self, name: &str) -> Option<&str> {
        self.query?.split('&').find_map(|pair| {
            let (k, v) = pair.split_once('=')?;
            k.eq_ignore_ascii_case(name).then_some(v)
        })
    }
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| s.get(prefix.len()..))
        .flatten()
}

/// Whether a line can be a request of the SCEP application or the legacy
/// connector's registration point: the literal prefilter.
pub fn relevant(line: &str) -> bool {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?i)/certsrv/mscep|/CertificateRegistrationSvc/").ok())
        .as_ref()
        .is_some_and(|re| re.is_match(line))
}

/// Recognizes IIS's directives and records in the default layout's shape
/// (a date, a time, then a method and a path among the next fields): for
/// detection, and for reading pasted lines with no directive.
fn header(line: &str) -> Option<Header<'_>> {
    let trimmed = line.trim_start();
    if trimmed.starts_with('#') {
        let directive = strip_prefix_ci(trimmed, "#Fields:").is_some()
            || strip_prefix_ci(
                trimmed,
                "#Software: Microsoft Internet Information Services",
            )
            .is_some()
            || strip_prefix_ci(trimmed, "#Software: Microsoft HTTP API").is_some();
        return directive.then_some(Header {
            time: None,
            thread: None,
            process: None,
            message: line,
        });
    }
    // A record's date is ten bytes, `-` fifth, and a blank after it: most
    // lines fail here, before the fields are split.
    let record = line.trim_start_matches([' ', '\t']).as_bytes();
    if record.get(4) != Some(&b'-') || !matches!(record.get(10), Some(b' ' | b'\t')) {
        return None;
    }
    let mut values = line.split([' ', '\t']).filter(|v| !v.is_empty());
    let (date, time) = (values.next()?, values.next()?);
    let shaped = date.len() == 10
        && date.as_bytes().get(4) == Some(&b'-')
        && time.len() == 8
        && time.as_bytes().get(2) == Some(&b':');
    if !shaped {
        return None;
    }
    let rest: Vec<&str> = values.take(8).collect();
    let request = rest.windows(2).any(|w| match w {
        [method, path] => is_method(method) && path.starts_with('/'),
        _ => false,
    });
    if !request {
        return None;
    }
    let at = NaiveDateTime::parse_from_str(&format!("{date} {time}"), "%Y-%m-%d %H:%M:%S").ok()?;
    Some(Header {
        time: Some(LogTime::utc(at)),
        thread: None,
        process: None,
        message: line,
    })
}

fn is_method(s: &str) -> bool {
    (3..=12).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_uppercase())
}

/// The format's stream hook: every IIS log is read line by line, its
/// directives followed as they come.
fn hook(_head: &[&str]) -> Option<Box<dyn LineStream>> {
    Some(Box::new(IisStream::default()))
}

/// Reads an IIS log as its lines arrive.
#[derive(Default)]
struct IisStream {
    /// The current `#Fields:` layout (IIS's default until one is read).
    layout: Layout,
    /// The current `#Date:` directive's day.
    day: Option<String>,
    /// A failed call of the legacy connector, waiting for its PKIOperation.
    pending: Option<rules::Pending>,
    found: Found,
}

impl LineStream for IisStream {
    fn push_lines(&mut self, _rules: &RuleSet, source: usize, first: usize, lines: &[&str]) {
        for (k, line) in lines.iter().enumerate() {
            let i = first + k;
            if line.trim_start().starts_with('#') {
                if let Some(layout) = Layout::of_directive(line) {
                    self.layout = layout;
                } else if let Some(rest) = strip_prefix_ci(line.trim_start(), "#Date:") {
                    self.day = rest.split_whitespace().next().map(str::to_string);
                }
                continue;
            }
            if !relevant(line) {
                continue;
            }
            let Some(request) = self.layout.read(line) else {
                continue;
            };
            let Some((subject, mut signal)) = rules::classify(&request) else {
                continue;
            };
            rules::follow(&mut self.pending, &mut signal);
            self.found.recognized += 1;
            self.found.cited.push((i, line.to_string()));
            self.found.events.push(Event {
                source,
                line: i + 1,
                time: request.logged_at(self.day.as_deref()),
                thread: None,
                subject,
                signal,
            });
        }
    }

    fn finish(self: Box<Self>, _rules: &RuleSet, _source: usize) -> Found {
        self.found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directive_sets_the_layout_in_any_order_and_subset() {
        let layout = Layout::of_directive(
            "#Fields: time c-ip cs-method cs-uri-stem sc-status cs(User-Agent)",
        )
        .unwrap_or_default();
        let r = layout
            .read("04:44:25 10.0.0.7 GET /certsrv/mscep/mscep.dll 503 Dalvik/2.1.0")
            .unwrap_or_default();
        assert_eq!(r.stem, Some("/certsrv/mscep/mscep.dll"));
        assert_eq!(r.status, Some(503));
        assert_eq!(r.agent, Some("Dalvik/2.1.0"));
        assert_eq!(r.date, None);
        let at = r.logged_at(Some("2024-04-12")).map(|t| t.text);
        assert_eq!(at.as_deref(), Some("2024-04-12T04:44:25.000Z"));
        // One field too many or too few: not this layout's record.
        assert!(layout.read("04:44:25 10.0.0.7 GET /x 503").is_none());
        assert!(layout.read("04:44:25 10.0.0.7 GET /x 503 a b").is_none());
        assert!(Layout::of_directive("#Fields: date time").is_none());
    }

    #[test]
    fn queries_are_read_by_name() {
        let r = Request {
            query: Some("Operation=GetCACaps&message=test"),
            ..Request::default()
        };
        assert_eq!(r.query_value("operation"), Some("GetCACaps"));
        assert_eq!(r.query_value("message"), Some("test"));
        assert_eq!(r.query_value("other"), None);
    }

    #[test]
    fn hostile_lines_are_no_records() {
        let layout = Layout::default();
        for line in ["", "#", "#Fields:", "2024-04-12 04:44:25", "é €", "- - - -"] {
            assert!(layout.read(line).is_none() || line.is_empty());
            let _ = header(line);
        }
        assert!(header("2024-04-12 04:44:25.123 x GET /").is_none());
        assert!(relevant("GET /CertSrv/MSCEP/mscep.dll"));
        assert!(!relevant("GET /certsrv/"));
    }
}
