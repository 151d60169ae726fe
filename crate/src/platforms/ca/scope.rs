//! Which CA requests the report tells one by one. A CA's export lists every
//! template's requests (computers, web servers, users, code signing), often
//! hundreds of thousands; the admin wants the SCEP template's. NDES submits
//! with the template its MSCEP registry values name, as its service or
//! computer account (`server-ca-store.md` §1.7) — names the admin chose,
//! which the export itself does not mark. So when a request's template or
//! requester names SCEP, Intune, NDES or MDM, the requests of other
//! templates whose requester names none of them are counted by template in
//! one note instead of told (a name holds a word where a word may start:
//! `IntuneSCEP`, `svc-ndes`, not `jfernandes`). A request that names no
//! template (a Failed Requests export has no template column) is always
//! told. When no request names them, every request is told.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use super::columns::Column;
use super::record::CaRecord;
use crate::parse::format::Record;
use crate::parse::reader::{read_record, Found, LineStream};
use crate::parse::rules::RuleSet;

/// What starts the note of the requests counted, not told (the rule's needle).
pub const OTHERS: &str = "ca-others";

/// The words a SCEP template or NDES account is commonly named with.
const SCEP_WORDS: [&str; 4] = ["scep", "intune", "ndes", "mdm"];

/// Templates the note names, the most requested first; the rest are
/// counted only.
const MAX_NAMED: usize = 20;

/// Distinct templates counted by name (a hostile export may have a million).
const MAX_TEMPLATES: usize = 1_000;

/// What becomes of a request ([`Requests::fate`]).
#[derive(Debug, PartialEq)]
pub enum Fate {
    /// Its record is to be built and pushed.
    Told,
    /// Counted, and nothing more: a SCEP request has shown.
    Counted,
    /// Counted; its row is to be kept by the reader and pushed at the end
    /// only if no SCEP request shows (its count then is not used).
    Held,
}

/// A request's record at its line, and the line's text when a streaming
/// reader must cite it itself.
type Entry<'a> = (usize, Record<'a>, Option<String>);

/// A CA export's requests, as they are read, in the export's order.
#[derive(Default)]
pub struct Requests<'a> {
    /// The requests to tell.
    told: Vec<Entry<'a>>,
    /// Other templates' requests, held until a SCEP request shows (then
    /// they are counted only): without one, every request is told.
    held: Vec<Entry<'a>>,
    /// Other templates' requests: count by template, first line.
    others: HashMap<String, usize>,
    other_count: usize,
    first_other: Option<(usize, Option<String>)>,
    /// The SCEP templates told, in order of first request.
    scep_templates: Vec<String>,
    scep_seen: bool,
}

impl<'a> Requests<'a> {
    /// One request, cited at `line` (0-based), whose text is `raw`.
    pub fn push(&mut self, record: CaRecord, line: usize, raw: Option<&str>) {
        if record.is_empty() {
            return;
        }
        let template = record.get(Column::Template).map(template_name);
        let scep = template.is_some_and(names_scep)
            || record.get(Column::Requester).is_some_and(names_scep);
        match template {
            Some(t) if scep => {
                if !self.scep_seen {
                    self.scep_seen = true;
                    self.held = Vec::new();
                }
                if self.scep_templates.len() < MAX_NAMED
                    && !self.scep_templates.iter().any(|s| s == t)
                {
                    self.scep_templates.push(t.to_string());
                }
                self.told.push(entry(record, line, raw));
            }
            Some(t) if !scep => {
                self.count(t, line, raw);
                if !self.scep_seen {
                    self.held.push(entry(record, line, raw));
                }
            }
            _ => self.told.push(entry(record, line, raw)),
        }
    }

    /// What becomes of a request known by its template and requester (as
    /// written, empty when absent) before its record is built: reading a
    /// large export's other requests into records only to count them was
    /// most of its time. A request of another template is counted here.
    pub fn fate(
        &mut self,
        template: &str,
        requester: &str,
        line: usize,
        raw: Option<&str>,
    ) -> Fate {
        let template = template_name(template);
        if template.is_empty() || names_scep(template) || names_scep(requester) {
            return Fate::Told;
        }
        self.count(template, line, raw);
        if self.scep_seen {
            Fate::Counted
        } else {
            Fate::Held
        }
    }

    /// Whether a SCEP request has shown (other templates' requests are
    /// counted only from then on).
    pub fn scep_seen(&self) -> bool {
        self.scep_seen
    }

    fn count(&mut self, template: &str, line: usize, raw: Option<&str>) {
        self.other_count += 1;
        self.first_other
            .get_or_insert_with(|| (line, raw.map(str::to_string)));
        if let Some(n) = self.others.get_mut(template) {
            *n += 1;
        } else if self.others.len() < MAX_TEMPLATES {
            self.others.insert(template.to_string(), 1);
        }
    }

    /// The records for the rules: the requests told, in line order, and
    /// the note of those counted; each with its line's text when given.
    pub fn finish(self) -> Vec<(Record<'a>, Option<(usize, String)>)> {
        let cite = |(line, record, raw): Entry<'a>| (record, raw.map(|r| (line, r)));
        if !self.scep_seen {
            let mut all = self.told;
            all.extend(self.held);
            // Stable: a row's record stays before a later one of its line.
            all.sort_by_key(|(line, _, _)| *line);
            return all.into_iter().map(cite).collect();
        }
        let mut out: Vec<_> = self.told.into_iter().map(cite).collect();
        if let Some((line, raw)) = self.first_other {
            let mut templates: Vec<(&String, &usize)> = self.others.iter().collect();
            templates.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let mut named: Vec<String> = templates
                .iter()
                .take(MAX_NAMED)
                .map(|(t, n)| format!("{t} ({n})"))
                .collect();
            if templates.len() > MAX_NAMED {
                named.push("…".to_string());
            }
            let text = format!(
                "{OTHERS}\tcount={}\ttemplates={}\tshown={}",
                self.other_count,
                named.join(", "),
                self.scep_templates.join(", ")
            );
            let note = Record {
                time: None,
                thread: None,
                process: None,
                parts: vec![(line, Cow::Owned(text))],
            };
            out.push((note, raw.map(|r| (line, r))));
        }
        out
    }
}

impl Requests<'static> {
    /// What the rules find in the requests, for a streaming reader: each
    /// line that produced an event cited with the text it kept, as the
    /// splitter's reader cites from its lines.
    pub fn read(self, rules: &RuleSet, source: usize) -> Found {
        let mut found = Found::default();
        let mut cites = Vec::new();
        for (record, cite) in self.finish() {
            cites.extend(cite);
            read_record(rules, source, record, &mut found);
        }
        let cited: HashSet<usize> = found.events.iter().map(|e| e.line - 1).collect();
        cites.retain(|(line, _)| cited.contains(line));
        cites.sort_unstable();
        cites.dedup();
        found.cited = cites;
        found
    }
}

/// A CA reader fed one line at a time: the same reader serves its format's
/// splitter ([`split_with`]) and its stream ([`Streamed`]), so the two
/// cannot differ.
pub trait LineReader: Sized {
    /// Line `index` (0-based) of the input.
    fn line(&mut self, index: usize, line: &str);
    /// The input ended: what is still open is read.
    fn end(&mut self);
    /// The requests read.
    fn into_requests(self) -> Requests<'static>;

    /// The input ended: its requests.
    fn finish(mut self) -> Requests<'static> {
        self.end();
        self.into_requests()
    }
}

/// A whole input read by `reader`: a format's splitter.
pub fn split_with<'a>(mut reader: impl LineReader, lines: &[&str]) -> Vec<Record<'a>> {
    for (index, line) in lines.iter().enumerate() {
        reader.line(index, line);
    }
    records(reader.finish())
}

/// A reader as a format's stream: memory stays flat however many requests
/// an input lists.
pub struct Streamed<R>(pub R);

impl<R: LineReader> LineStream for Streamed<R> {
    fn push_lines(&mut self, _: &RuleSet, _: usize, first: usize, lines: &[&str]) {
        for (k, line) in lines.iter().enumerate() {
            self.0.line(first + k, line);
        }
    }

    fn finish(self: Box<Self>, rules: &RuleSet, source: usize) -> Found {
        self.0.finish().read(rules, source)
    }
}

/// Whether a text holds an odd number of quotes (a quoted value goes on
/// over the next line).
pub fn odd_quotes(text: &str) -> bool {
    memchr::memchr_iter(b'"', text.as_bytes()).count() % 2 == 1
}

fn entry<'a>(record: CaRecord, line: usize, raw: Option<&str>) -> Entry<'a> {
    (line, record.into_record(line), raw.map(str::to_string))
}

/// The records alone, for a reader that cites from its lines.
pub fn records<'a>(requests: Requests<'a>) -> Vec<Record<'a>> {
    requests.finish().into_iter().map(|(r, _)| r).collect()
}

/// Whether a template's or an account's name has a SCEP word in it (ASCII
/// case ignored) where a word may start: at the start, after a character
/// that is not a letter, or at a capital after a small letter (`IntuneSCEP`,
/// `svc-ndes`, `NDES01$`, `svcNDES`; not `jfernandes`).
fn names_scep(name: &str) -> bool {
    let b = name.as_bytes();
    (0..b.len()).any(|i| {
        let Some(&c) = b.get(i) else {
            return false;
        };
        let starts = match i.checked_sub(1).and_then(|p| b.get(p)) {
            None => true,
            Some(prev) => {
                !prev.is_ascii_alphabetic() || (prev.is_ascii_lowercase() && c.is_ascii_uppercase())
            }
        };
        starts
            && SCEP_WORDS.iter().any(|w| {
                w.as_bytes().first() == Some(&(c | 0x20))
                    && b.get(i..i + w.len())
                        .is_some_and(|part| part.eq_ignore_ascii_case(w.as_bytes()))
            })
    })
}

/// certutil writes a v2 template as `"<OID>" <name>`: the name, else the OID.
pub fn template_name(value: &str) -> &str {
    match value.strip_prefix('"').and_then(|r| r.split_once('"')) {
        Some((oid, name)) if name.trim().is_empty() => oid,
        Some((_, name)) => name.trim(),
        None => value,
    }
}

/// Checks that a CA format's streaming reader, fed pieces of whole lines
/// cut where the seed says, finds what its splitter's reader finds: the
/// same events, counted lines and cited lines.
#[cfg(test)]
pub fn stream_finds_what_split_finds(
    format: &'static crate::parse::format::Format,
    text: &str,
    seed: u64,
    what: &str,
) {
    use crate::core::testing::numbers;
    use crate::input::decode::split_lines;
    use crate::parse::reader::RecordReader;

    let lines: Vec<&str> = split_lines(text).map(|(l, _)| l).collect();
    let mut whole = RecordReader::new(format, 0);
    whole.push_lines(0, &lines);
    let whole = whole.finish();
    let head = lines.get(..lines.len().min(2000)).unwrap_or_default();
    let mut streamed = RecordReader::for_head(format, 0, head);
    let mut next = numbers(seed);
    let (mut at, mut line) = (0, 0);
    while at < text.len() {
        let step = next() % if seed % 2 == 0 { 60 } else { 20_000 };
        let end = (text.as_bytes().get(at + step..))
            .and_then(|rest| memchr::memchr(b'\n', rest))
            .map_or(text.len(), |p| at + step + p + 1);
        line += streamed.push_text(line, text.get(at..end).unwrap_or_default());
        at = end;
    }
    let streamed = streamed.finish();
    let show = |f: &Found| format!("{:?}", f.events);
    assert_eq!(show(&whole), show(&streamed), "{what} seed {seed}");
    assert_eq!(whole.recognized, streamed.recognized, "{what} seed {seed}");
    assert_eq!(whole.cited, streamed.cited, "{what} seed {seed}");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(template: &str, requester: &str) -> CaRecord {
        let mut r = CaRecord::default();
        r.set(Column::RequestId, "1");
        r.set(Column::Template, template);
        r.set(Column::Requester, requester);
        r
    }

    fn texts(requests: Requests) -> Vec<(usize, String)> {
        records(requests)
            .into_iter()
            .map(|r| (r.parts[0].0, r.parts[0].1.to_string()))
            .collect()
    }

    #[test]
    fn other_templates_are_counted_once_a_scep_request_shows() {
        let mut requests = Requests::default();
        requests.push(request("Machine", "CONTOSO\\PC-1$"), 1, None);
        requests.push(request("WebServer", "CONTOSO\\svc-web"), 2, None);
        requests.push(request("IntuneSCEP", "CONTOSO\\svc-ndes"), 3, None);
        requests.push(request("Machine", "CONTOSO\\PC-2$"), 4, None);
        // Any template the NDES account requested is SCEP's.
        requests.push(request("Corp Device", "CONTOSO\\svc-ndes"), 5, None);
        requests.push(request("", "CONTOSO\\someone"), 6, None);
        let got = texts(requests);
        let lines: Vec<usize> = got.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [3, 5, 6, 1]);
        assert_eq!(
            got[3].1,
            "ca-others\tcount=3\ttemplates=Machine (2), WebServer (1)\tshown=IntuneSCEP, Corp Device"
        );
    }

    #[test]
    fn without_a_scep_request_every_request_is_told_in_order() {
        let mut requests = Requests::default();
        requests.push(request("Machine", "CONTOSO\\PC-1$"), 1, None);
        requests.push(request("", "CONTOSO\\someone"), 2, None);
        requests.push(request("User", "CONTOSO\\jdoe"), 3, None);
        let lines: Vec<usize> = texts(requests).iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [1, 2, 3]);
    }

    #[test]
    fn template_names() {
        assert_eq!(
            template_name("\"1.3.6.1.4.1.311.21.8.1.2\" Intune SCEP"),
            "Intune SCEP"
        );
        assert_eq!(
            template_name("\"1.3.6.1.4.1.311.21.8.1.2\""),
            "1.3.6.1.4.1.311.21.8.1.2"
        );
        assert_eq!(template_name("DomainController"), "DomainController");
        for name in [
            "CONTOSO\\NDES01$",
            "Intune Device",
            "IntuneSCEP",
            "CONTOSO\\svc-ndes",
            "svcNDES",
            "SCEP-User",
            "Contoso MDM",
        ] {
            assert!(names_scep(name), "{name}");
        }
        for name in [
            "Workstation Authentication",
            "CONTOSO\\jfernandes",
            "CONTOSO\\sandesh",
            "CONTOSO\\admdm",
            "",
        ] {
            assert!(!names_scep(name), "{name}");
        }
    }
}
