//! The line-oriented shapes of a Windows export: Event Viewer list copy,
//! "Save All Events As" text, details, Format-List/Table and a bare message,
//! read one line at a time ([`TextEvents`]) so a long export streams.

use super::event::{bare_template, RawEvent};
use super::xml::{unescape, xml_result};
use crate::parse::literal;
use std::sync::OnceLock;

use chrono::NaiveDateTime;
use regex::Regex;

use crate::core::time::{parse_windows_local, LogTime, WindowsLocalTimes};

/// Lines one message may hold before it is more likely unrelated text.
pub(super) const MAX_MESSAGE_LINES: usize = 256;

#[derive(Default)]
pub(super) struct Pending {
    event: RawEvent,
    lines: Vec<String>,
    /// The message is being read (following lines continue it).
    in_message: bool,
    /// Format-List wraps long values onto indented lines: join with spaces.
    wrapped: bool,
    /// A bare pasted message with no header.
    bare: bool,
    /// Format-List properties already read: a repeated one starts the next event.
    seen: Vec<String>,
    /// The `Event Xml:` part of a details copy is being read.
    in_xml: bool,
    xml: Vec<String>,
}

impl Pending {
    fn start(line: usize) -> Pending {
        Pending {
            event: RawEvent {
                line,
                ..RawEvent::default()
            },
            ..Pending::default()
        }
    }

    fn finish(mut self) -> RawEvent {
        while self.lines.last().is_some_and(|l| l.trim().is_empty()) {
            self.lines.pop();
        }
        let body = if self.wrapped {
            self.lines
                .iter()
                .map(|l| l.trim())
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            self.lines.join("\n")
        };
        let message = [self.event.message.trim(), body.trim()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(if self.wrapped { " " } else { "\n" });
        self.event.message = message;
        if !self.xml.is_empty() {
            self.event.result = xml_result(&self.xml.join("\n"));
        }
        self.event
    }
}

/// The line-oriented shapes, read one line at a time so a long export
/// streams: what a line means depends only on the lines before it (and, for
/// a SyncML setting, on the few after it).
#[derive(Default)]
pub struct TextEvents {
    cur: Option<Pending>,
    table_provider: String,
    /// The SyncML command (Add, Replace, Exec…) the lines below belong to.
    syncml: &'static str,
    /// SCEP Install settings (ServerURL, CAThumbprint…) sent before Enroll.
    settings: Vec<String>,
    /// Events complete so far.
    pub out: Vec<RawEvent>,
}

/// Lines after a SyncML setting that may hold its `<Data>`.
pub const LOOKAHEAD_LINES: usize = 16;

impl TextEvents {
    /// Ends the event being read, if any.
    pub(super) fn flush(&mut self) {
        if let Some(p) = self.cur.take() {
            self.out.push(p.finish());
        }
    }

    /// Reads line `i`; `following` gives the lines after it (at least
    /// [`LOOKAHEAD_LINES`] of them, or all that are left).
    pub fn line<'f, F>(&mut self, i: usize, raw: &str, following: impl FnOnce() -> F)
    where
        F: Iterator<Item = &'f str>,
    {
        let line = raw.trim_end();
        if let Some(events) = glued_rows(line) {
            self.flush();
            for mut e in events {
                e.line = i;
                self.out.push(e);
            }
            return;
        }
        if let Some(e) = row(line) {
            self.flush();
            let mut p = Pending::start(i);
            p.event = RawEvent { line: i, ..e };
            p.in_message = true;
            self.cur = Some(p);
            return;
        }
        if let Some(mut e) = table_row(line) {
            self.flush();
            e.line = i;
            e.provider = self.table_provider.clone();
            self.out.push(e);
            return;
        }
        if let Some(events) = flattened_all(line) {
            self.flush();
            for mut e in events {
                e.line = i;
                self.out.push(e);
            }
            return;
        }
        if let Some(provider) = line.trim_start().strip_prefix("ProviderName: ") {
            self.table_provider = provider.trim().to_string();
            return;
        }
        if let Some((key, value)) = list_field(line) {
            // `Format-List` prints TimeCreated first, `Format-List *` prints
            // Message first: a property seen twice starts the next event.
            if self
                .cur
                .as_ref()
                .is_none_or(|p| p.bare || p.seen.iter().any(|k| k == key))
            {
                self.flush();
                self.cur = Some(Pending::start(i));
            }
            if let Some(p) = self.cur.as_mut() {
                p.seen.push(key.to_string());
                p.in_message = false;
                match key {
                    "TimeCreated" => p.event.time = local_time(value),
                    "ProviderName" => p.event.provider = value.to_string(),
                    "Id" => p.event.id = value.parse().ok(),
                    "Message" => {
                        p.event.message = value.to_string();
                        p.in_message = true;
                        p.wrapped = true;
                    }
                    _ => {}
                }
            }
            return;
        }
        if let Some((label, value)) = detail_field(line) {
            let starts = label == Label::LogName
                || (label == Label::EventId
                    && self.cur.as_ref().is_some_and(|p| p.event.id.is_some()));
            if starts || self.cur.as_ref().is_none_or(|p| p.bare) {
                self.flush();
                self.cur = Some(Pending::start(i));
            }
            if let Some(p) = self.cur.as_mut() {
                p.in_message = false;
                match label {
                    Label::LogName => {
                        if p.event.provider.is_empty() {
                            p.event.provider = value.split('/').next().unwrap_or("").to_string();
                        }
                    }
                    Label::Source => p.event.provider = value.to_string(),
                    Label::Date => p.event.time = local_time(value),
                    Label::EventId => p.event.id = value.parse().ok(),
                    Label::Description => {
                        p.event.message = value.to_string();
                        p.in_message = true;
                    }
                }
            }
            return;
        }
        let text = line.trim();
        if is_event_xml_label(text) {
            if let Some(p) = self.cur.as_mut() {
                p.in_message = false;
                p.in_xml = true;
            }
            return;
        }
        if let Some(p) = self.cur.as_mut().filter(|p| p.in_xml) {
            if p.xml.len() < MAX_MESSAGE_LINES {
                p.xml.push(text.to_string());
            }
            p.in_xml = !literal::contains(text, "</Event>");
            return;
        }
        if let Some(command) = syncml_command(text) {
            self.syncml = command;
        }
        if syncml_node(text) && self.cur.as_ref().is_none_or(|p| !p.in_message || p.bare) {
            self.flush();
            if let Some(node) = scep_install_setting(text) {
                // A setting of the SCEP request: shown with its Enroll command.
                if let Some(value) = syncml_data(following()) {
                    self.settings.push(format!("{node}={value}"));
                }
                return;
            }
            let mut message = text.to_string();
            if text.ends_with("/Install/Enroll</LocURI>") {
                for setting in self.settings.drain(..) {
                    message.push('\t');
                    message.push_str(&setting);
                }
            }
            self.out.push(RawEvent {
                line: i,
                provider: format!("SyncML {}", self.syncml),
                message,
                ..RawEvent::default()
            });
            return;
        }
        let starts_bare = bare_template(text).is_some();
        match self.cur.as_mut() {
            Some(p)
                if p.in_message
                    && !(starts_bare && p.bare)
                    && p.lines.len() < MAX_MESSAGE_LINES =>
            {
                p.lines.push(line.to_string());
                if p.bare && bare_one_line(&p.event.message) {
                    // A one-line message a paste wrapped: it goes on until
                    // it ends the way its template does.
                    p.wrapped = true;
                    p.in_message = !bare_complete(&p.event.message, text);
                }
            }
            _ if starts_bare => self.bare(i, text),
            // Messages after the writer's own text on the line (a chat's
            // name and time, a sentence).
            _ => {
                if let Some(rest) = next_bare_start(text).and_then(|at| text.get(at..)) {
                    self.bare(i, rest);
                }
            }
        }
    }

    /// A bare message (or several on one line) starts at `text`.
    fn bare(&mut self, i: usize, text: &str) {
        self.flush();
        // Several messages a paste put on one line: all but the last are
        // complete.
        let mut text = text;
        while let Some(at) = next_bare_start(text) {
            let (one, rest) = text.split_at(at);
            self.out.push(RawEvent {
                line: i,
                message: one.trim().to_string(),
                ..RawEvent::default()
            });
            text = rest;
        }
        let mut p = Pending::start(i);
        p.event.message = text.to_string();
        // A one-line message is complete at its end (what follows in a
        // paste is the writer's own text).
        p.in_message = !bare_one_line(text) || !bare_complete(text, text);
        p.bare = true;
        self.cur = Some(p);
    }

    /// The input ended: every event.
    pub fn finish(mut self) -> Vec<RawEvent> {
        self.flush();
        self.out
    }
}

/// Where the next message starts in a line holding several bare messages
/// (their line breaks lost): after a space, a template's start.
pub(super) fn next_bare_start(text: &str) -> Option<usize> {
    // memmem: `match_indices` builds a searcher per call, on every line.
    memchr::memmem::find_iter(text.as_bytes(), "SCEP")
        .filter(|&at| at > 0)
        .find(|&at| {
            text.get(..at).is_some_and(|b| b.ends_with(' '))
                && text.get(at..).and_then(bare_template).is_some()
        })
}

/// A list copy whose line breaks a paste lost, its blanks squeezed to
/// single spaces: several rows (`Information 8/20/2024 9:49:53 AM
/// DeviceManagement-… 309 None <message>`) on one line, each ending where
/// the next level word and date begin. `None` unless two rows or more.
fn glued_rows(line: &str) -> Option<Vec<RawEvent>> {
    // Cheap gate, as this is asked of every line: such a line starts as a
    // row does, with a level word and a digit. Its first byte first: most
    // lines are a message's and fail there.
    let lead = *line.as_bytes().first()?;
    if !LEVELS.iter().any(|l| l.as_bytes().first() == Some(&lead)) {
        return None;
    }
    let first = LEVELS.iter().find(|l| line.starts_with(**l))?;
    if !line
        .get(first.len()..first.len() + 2)
        .is_some_and(|a| a.starts_with(' ') && a.as_bytes().get(1).is_some_and(u8::is_ascii_digit))
    {
        return None;
    }
    // A level word after a blank (or at the start), then a digit.
    let starts: Vec<usize> = LEVELS
        .iter()
        .flat_map(|level| line.match_indices(level).map(|(at, l)| (at, l.len())))
        .filter(|&(at, len)| {
            let before = line
                .get(..at)
                .is_some_and(|b| b.is_empty() || b.ends_with(' '));
            let after = line.get(at + len..).is_some_and(|a| {
                a.starts_with(' ')
                    && a.get(1..2)
                        .is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit()))
            });
            before && after
        })
        .map(|(at, _)| at)
        .collect();
    if starts.len() < 2 {
        return None;
    }
    let mut starts = starts;
    starts.sort_unstable();
    let mut events = Vec::new();
    for (k, &at) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(line.len());
        let Some(e) = line.get(at..end).map(str::trim).and_then(collapsed_row) else {
            continue;
        };
        events.push(e);
    }
    (events.len() >= 2).then_some(events)
}

/// Whether `Description:` occurs in the line, with one searcher built once:
/// this is asked of every line (`contains` and `memmem::find` build a
/// searcher per call, which cost more than the search).
fn has_description(line: &str) -> bool {
    static FINDER: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    FINDER
        .get_or_init(|| memchr::memmem::Finder::new("Description:"))
        .find(line.as_bytes())
        .is_some()
}

/// Event details flattened onto one line, one event or several (a paste
/// that lost the line breaks between them): split where each starts.
fn flattened_all(line: &str) -> Option<Vec<RawEvent>> {
    if !has_description(line) {
        return None;
    }
    let label = if line.matches("Log Name:").count() > 1 {
        "Log Name:"
    } else {
        "Event ID:"
    };
    let mut starts: Vec<usize> = line.match_indices(label).map(|(at, _)| at).collect();
    if starts.len() < 2 {
        return flattened(line).map(|e| vec![e]);
    }
    starts[0] = 0;
    starts.push(line.len());
    let events: Vec<RawEvent> = starts
        .windows(2)
        .filter_map(|w| line.get(w[0]..w[1]).and_then(flattened))
        .collect();
    (!events.is_empty()).then_some(events)
}

/// Whether a bare message is of a DMEDP event, whose message is one line.
fn bare_one_line(message: &str) -> bool {
    bare_template(message).is_some_and(|t| t.one_line())
}

/// Whether a bare one-line message whose last line so far is `last` is
/// complete: it ends as its template does (`).`, `)`, `.`), was cut short
/// (`…`, `...`), or is a 307's insert alone (nothing marks its end).
fn bare_complete(message: &str, last: &str) -> bool {
    let last = last.trim_end();
    let Some(t) = bare_template(message) else {
        return true;
    };
    !message.starts_with(t.prefix)
        || last.ends_with('…')
        || last.ends_with("...")
        || t.ending().is_none_or(|end| last.ends_with(end))
}

pub(super) fn text_events(lines: &[&str]) -> Vec<RawEvent> {
    let mut reader = TextEvents::default();
    for (i, raw) in lines.iter().enumerate() {
        reader.line(i, raw, || {
            lines.get(i + 1..).unwrap_or_default().iter().copied()
        });
    }
    reader.finish()
}

/// `Event Xml:` (localized: `イベント XML:`, `Ereignis-XML:`), which ends the
/// description in a details copy.
pub(super) fn is_event_xml_label(text: &str) -> bool {
    text.len() <= 40
        && text
            .strip_suffix(':')
            .or_else(|| text.strip_suffix('：'))
            .is_some_and(|l| l.to_ascii_lowercase().ends_with("xml"))
}

/// SyncML commands, as SyncML viewers and MDM diagnostics print the
/// messages (one element per line).
pub(super) fn syncml_command(text: &str) -> Option<&'static str> {
    if !text.starts_with('<') {
        return None;
    }
    ["Add", "Replace", "Exec", "Delete", "Get", "Atomic"]
        .into_iter()
        .find(|c| {
            text.starts_with('<')
                && text.get(1..=c.len()) == Some(c)
                && text.get(c.len() + 1..c.len() + 2) == Some(">")
        })
}

/// A SyncML target naming a trusted root or a SCEP request.
pub(super) fn syncml_node(text: &str) -> bool {
    literal::contains(text, "<LocURI>./")
        && (literal::contains(text, "/Vendor/MSFT/RootCATrustedCertificates/")
            || literal::contains(text, "/Vendor/MSFT/ClientCertificateInstall/SCEP/"))
}

/// SCEP Install nodes worth showing as profile settings (never the challenge).
pub(super) const SCEP_SETTINGS: &[&str] = &[
    "ServerURL",
    "CAThumbprint",
    "KeyLength",
    "KeyUsage",
    "KeyProtection",
    "HashAlgorithm",
    "SubjectName",
    "SubjectAlternativeNames",
    "EKUMapping",
    "TemplateName",
    "ValidPeriod",
    "ValidPeriodUnits",
    "ContainerName",
];

/// The Install node a SCEP setting's target names, if worth showing.
pub(super) fn scep_install_setting(text: &str) -> Option<&'static str> {
    if !literal::contains(text, "/Vendor/MSFT/ClientCertificateInstall/SCEP/") {
        return None;
    }
    let node = text.split("/Install/").nth(1)?.strip_suffix("</LocURI>")?;
    SCEP_SETTINGS.iter().find(|n| **n == node).copied()
}

/// The `<Data>` of the item a target line starts (within the item).
pub(super) fn syncml_data<'f>(following: impl Iterator<Item = &'f str>) -> Option<String> {
    for line in following.take(LOOKAHEAD_LINES) {
        if let Some((_, rest)) = literal::split_once(line, "<Data>") {
            let value = literal::split_once(rest, "</Data>").map_or(rest, |(v, _)| v);
            return Some(unescape(value.trim()).replace('\t', " "));
        }
        if literal::contains(line, "</Item>") {
            break;
        }
    }
    None
}

pub(super) fn local_time(value: &str) -> Option<LogTime> {
    parse_windows_local(value).map(LogTime::local)
}

/// A list-copy or "Save as" text row: `Level<TAB>Date<TAB>Source<TAB>ID<TAB>Category[<TAB>Message]`.
pub(super) fn row(line: &str) -> Option<RawEvent> {
    if !has_tab(line) {
        return spaced_row(line);
    }
    let (fields, n) = tab_fields(line);
    row_fields(fields.get(..n)?)
}

/// Whether a line holds a tab, asked of every line of a list copy: found
/// with the memchr crate (SIMD, also in WebAssembly), where `str::contains`
/// reads a word at a time (5 % of a 10 MB list copy's instructions).
fn has_tab(line: &str) -> bool {
    memchr::memchr(b'\t', line.as_bytes()).is_some()
}

/// Whether a line holds two spaces in a row, asked of every message line of
/// a list copy: one searcher built once (`str::contains` builds its own
/// for each line, 7 % of reading a list copy in WebAssembly). Not
/// [`crate::parse::literal`]: it scans for one byte of the needle, and a
/// space would stop it at every word.
fn has_two_spaces(line: &str) -> bool {
    static TWO: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    let finder = TWO.get_or_init(|| memchr::memmem::Finder::new(b"  "));
    finder.find(line.as_bytes()).is_some()
}

/// The five columns of a tab-separated row and the rest (the message's own
/// tabs kept), without a Vec: this runs on every line of a list copy.
/// (What `splitn(6, '\t')` gives, found by `memchr`: the pattern searcher
/// `splitn` builds cost more than the rest of reading a quiet event's row.)
fn tab_fields(line: &str) -> ([&str; 6], usize) {
    let mut fields = [""; 6];
    let mut n = 0;
    let mut rest = line;
    for slot in fields.iter_mut() {
        n += 1;
        match memchr::memchr(b'\t', rest.as_bytes()).filter(|_| n < 6) {
            Some(at) => {
                *slot = rest.get(..at).unwrap_or_default();
                rest = rest.get(at + 1..).unwrap_or_default();
            }
            None => {
                *slot = rest;
                break;
            }
        }
    }
    (fields, n)
}

/// The columns of a tab-separated list-copy row, borrowed: what
/// [`row`] would read from the line, without copying a column.
pub(super) struct TabRow<'a> {
    pub time: NaiveDateTime,
    pub id: u32,
    /// The Source column, trimmed.
    pub provider: &'a str,
    /// The message column (a "Save as" row has one), trimmed; often empty.
    pub message: &'a str,
}

/// A row that starts an event whatever was read before it: `TextEvents::line`
/// tries glued rows and then a row before anything else, and a row flushes
/// the event before it. Only the tab-separated shape (a list copy or "Save
/// as" text); `None` for the others, which are read line by line.
pub(super) fn starting_row<'a>(raw: &'a str, dates: &mut Dates) -> Option<TabRow<'a>> {
    let line = raw.trim_end();
    if !has_tab(line) || glued_rows(line).is_some() {
        return None;
    }
    let (fields, n) = tab_fields(line);
    let fields = fields.get(..n)?;
    let (time, id) = row_time_id(fields, |date| dates.read(date))?;
    Some(TabRow {
        time,
        id,
        provider: fields.get(2)?.trim(),
        message: fields.get(5).map_or("", |m| m.trim()),
    })
}

/// The last date column read and what it reads as: a list copy's events
/// come in bursts within one second, and reading a date costs more than
/// the rest of a quiet event's row.
/// Across seconds, the day mostly stays: [`WindowsLocalTimes`] reads only
/// the clock then.
#[derive(Default)]
pub(super) struct Dates {
    text: String,
    at: Option<NaiveDateTime>,
    times: WindowsLocalTimes,
}

impl Dates {
    /// [`parse_windows_local`], remembered for the last text.
    pub(super) fn read(&mut self, text: &str) -> Option<NaiveDateTime> {
        if self.text != text {
            self.text.clear();
            self.text.push_str(text);
            self.at = self.times.read(text);
        }
        self.at
    }
}

/// Whether [`TextEvents::line`] would only add this line to the message of
/// a row read just before it (its message being read, not a bare message,
/// no XML, fewer than [`MAX_MESSAGE_LINES`] lines so far): the line has no
/// shape of its own and changes no state. The shapes `line` tries before
/// appending, in its order; a SyncML target is not tried there while a
/// message is read. (Kept in step with `line`; the skipping test in
/// `stream.rs` compares the two on every fixture.)
pub(super) fn continues_message(raw: &str) -> bool {
    let line = raw.trim_end();
    let text = line.trim();
    glued_rows(line).is_none()
        && row(line).is_none()
        && table_row(line).is_none()
        && flattened_all(line).is_none()
        && !line.trim_start().starts_with("ProviderName: ")
        && list_field(line).is_none()
        && detail_field(line).is_none()
        && !is_event_xml_label(text)
        && syncml_command(text).is_none()
}

/// Whether [`TextEvents::line`] would pass over this line between a details
/// copy's fields, before its `Description:` (`Task Category:`, `Level:`,
/// `User:`…): it continues no message there, so on top of having no shape of
/// its own ([`continues_message`]) it names no SyncML target and starts no
/// bare message. (Kept in step with `line` as `continues_message` is.)
pub(super) fn passes_over(raw: &str) -> bool {
    let text = raw.trim();
    continues_message(raw)
        && !syncml_node(text)
        && bare_template(text).is_none()
        && next_bare_start(text).is_none()
}

/// Whether reading this line may look at the lines after it (a SCEP
/// Install setting takes its `<Data>` from them).
pub(super) fn reads_following(raw: &str) -> bool {
    scep_install_setting(raw.trim()).is_some()
}

/// A list copy whose tabs became runs of spaces (pasted through a
/// spreadsheet, an e-mail or a chat): columns split at two spaces or more.
fn spaced_row(line: &str) -> Option<RawEvent> {
    if !has_two_spaces(line) {
        return collapsed_row(line);
    }
    // The five columns first, the message only for a row: detection asks
    // every line, and most lines with runs of spaces are no row.
    let mut fields = literal::split(line, "  ")
        .map(str::trim)
        .filter(|f| !f.is_empty());
    let mut columns = [""; 5];
    for column in &mut columns {
        *column = fields.next()?;
    }
    let mut event = row_fields(&columns)?;
    event.message = fields.collect::<Vec<&str>>().join("  ");
    Some(event)
}

/// The Level column's words in the languages the fixtures show (English,
/// Japanese, German): a collapsed row is only tried behind one of them.
const LEVELS: &[&str] = &[
    "Information",
    "Warning",
    "Error",
    "Critical",
    "Verbose",
    "情報",
    "警告",
    "エラー",
    "重大",
    "Informationen",
    "Warnung",
    "Fehler",
    "Kritisch",
];

/// A list copy whose tabs were lost and runs of spaces squeezed to one
/// (a chat or a web form): `Level Date Time [AM] Source ID Category[ Message]`.
/// The columns are found by their shapes: a Level word, the first one or two
/// words after it that read as a date and time, the source up to the first
/// all-digit word (the Event ID), then one word of category.
fn collapsed_row(line: &str) -> Option<RawEvent> {
    let line = line.trim_start();
    // The first byte first: most lines start as no level word does, and
    // this is asked of every line of a message.
    let first = line.as_bytes().first()?;
    if !LEVELS.iter().any(|l| l.as_bytes().first() == Some(first)) {
        return None;
    }
    let (level, rest) = line.split_once(' ')?;
    if !LEVELS.contains(&level) {
        return None;
    }
    let words: Vec<&str> = rest.split(' ').filter(|w| !w.is_empty()).collect();
    // A morning/afternoon mark after the clock is part of the time.
    let marks = ["AM", "PM", "am", "pm", "午前", "午後"];
    let used = if words.get(2).is_some_and(|w| marks.contains(w)) {
        3
    } else {
        2
    };
    let time = parse_windows_local(&words.get(..used)?.join(" "))?;
    let after = words.get(used..)?;
    let id_at = after
        .iter()
        .position(|w| w.bytes().all(|b| b.is_ascii_digit()))?;
    if id_at == 0 {
        return None;
    }
    Some(RawEvent {
        line: 0,
        time: Some(LogTime::local(time)),
        id: Some(after.get(id_at)?.parse().ok()?),
        provider: after.get(..id_at)?.join(" "),
        message: after.get(id_at + 2..).unwrap_or_default().join(" "),
        inserts: Vec::new(),
        result: None,
        process: None,
    })
}

pub(super) fn row_fields(fields: &[&str]) -> Option<RawEvent> {
    let (time, id) = row_time_id(fields, parse_windows_local)?;
    Some(RawEvent {
        line: 0,
        time: Some(LogTime::local(time)),
        id: Some(id),
        provider: fields.get(2)?.trim().to_string(),
        message: fields
            .get(5..)
            .map(|m| m.join("\t"))
            .unwrap_or_default()
            .trim()
            .to_string(),
        inserts: Vec::new(),
        result: None,
        process: None,
    })
}

/// What makes columns a row: five of them or more, a date second (read
/// by `date`) and a number fourth.
fn row_time_id(
    fields: &[&str],
    date: impl FnOnce(&str) -> Option<NaiveDateTime>,
) -> Option<(NaiveDateTime, u32)> {
    if fields.len() < 5 {
        return None;
    }
    let time = date(fields.get(1)?.trim())?;
    let id = fields.get(3)?.trim().parse().ok()?;
    Some((time, id))
}

pub(super) fn table_row_re() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^(\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4} \d{1,2}:\d{2}:\d{2}(?: ?[AaPp][Mm])?)\s+(\d{1,5})\s+(\S+)\s+(.*)$").ok()
    })
    .as_ref()
}

/// A `Get-WinEvent | Format-Table` row: `TimeCreated  Id  Level  Message`.
pub(super) fn table_row(line: &str) -> Option<RawEvent> {
    // The pattern starts with a digit (`\d`: any Unicode digit, which is
    // numeric): a cheap test first, as detection asks every line.
    if !line.chars().next().is_some_and(char::is_numeric) || has_tab(line) {
        return None;
    }
    // Its date (digits and `/.-`) ends at a space: an ISO time's `T` or a
    // number's end fails here, before the captures are set up.
    let date_end = line.find(|c: char| !(c.is_numeric() || matches!(c, '/' | '.' | '-')));
    if !date_end.is_some_and(|at| line.get(at..).is_some_and(|r| r.starts_with(' '))) {
        return None;
    }
    let caps = table_row_re()?.captures(line)?;
    let time = parse_windows_local(caps.get(1)?.as_str())?;
    Some(RawEvent {
        time: Some(LogTime::local(time)),
        id: caps.get(2)?.as_str().parse().ok(),
        message: caps.get(4)?.as_str().to_string(),
        ..RawEvent::default()
    })
}

pub(super) fn flattened_re() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?:Log Name:\s*\S*\s+)?(?:Source:\s*(\S+)\s+)?(?:Date:\s*(.+?)\s+)?Event ID:\s*(\d+)\s.*?Description:\s*(.*)$").ok()
    })
    .as_ref()
}

/// Event details flattened onto one line (as documentation quotes them, and
/// as a copy of the details pane pasted into a form or chat arrives); the
/// fields before `Event ID:` may be left out (a partial copy).
pub(super) fn flattened(line: &str) -> Option<RawEvent> {
    if !literal::contains(line, "Description:") || !literal::contains(line, "Event ID:") {
        return None;
    }
    let caps = flattened_re()?.captures(line)?;
    Some(RawEvent {
        time: caps.get(2).and_then(|d| local_time(d.as_str())),
        id: caps.get(3)?.as_str().parse().ok(),
        provider: caps.get(1).map_or("", |p| p.as_str()).to_string(),
        message: caps.get(4)?.as_str().trim().to_string(),
        ..RawEvent::default()
    })
}

/// PowerShell `Format-List` property names of an event record.
pub(super) const LIST_PROPERTIES: &[&str] = &[
    "TimeCreated",
    "ProviderName",
    "Id",
    "Message",
    "LevelDisplayName",
    "Level",
    "RecordId",
    "LogName",
    "MachineName",
    "UserId",
    "ProcessId",
    "ThreadId",
    "TaskDisplayName",
    "OpcodeDisplayName",
    "KeywordsDisplayNames",
    "ContainerLog",
    "ProviderId",
    "Version",
    "Qualifiers",
    "Task",
    "Opcode",
    "Keywords",
    "ActivityId",
    "RelatedActivityId",
    "Properties",
    "Bookmark",
    "MatchedQueryIds",
];

/// `Name   : value` as `Format-List` writes it (property names are never
/// localized).
pub(super) fn list_field(line: &str) -> Option<(&str, &str)> {
    // The first ` :` in the first 64 bytes, found by its colon:
    // `split_once(" :")` and `memmem::find` build a searcher per call; this
    // runs on every line, and a property name is short.
    let head = line.as_bytes().get(..64.min(line.len()))?;
    let at = memchr::memchr_iter(b':', head)
        .find(|&colon| colon > 0 && head.get(colon - 1) == Some(&b' '))?
        - 1;
    let (name, value) = (line.get(..at)?, line.get(at + 2..)?);
    let name = name.trim_end();
    if name.starts_with(' ') || !LIST_PROPERTIES.contains(&name) {
        return None;
    }
    Some((name, value.strip_prefix(' ').unwrap_or(value).trim_end()))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Label {
    LogName,
    Source,
    Date,
    EventId,
    Description,
}

/// Field labels of the Event Viewer details text in common display languages.
pub(super) const LABELS: &[(&str, Label)] = &[
    ("Log Name", Label::LogName),
    ("ログの名前", Label::LogName),
    ("Protokollname", Label::LogName),
    ("Nom du journal", Label::LogName),
    ("Nombre de registro", Label::LogName),
    ("Source", Label::Source),
    ("ソース", Label::Source),
    ("Quelle", Label::Source),
    ("Origen", Label::Source),
    ("Date", Label::Date),
    ("日付", Label::Date),
    ("Datum", Label::Date),
    ("Fecha", Label::Date),
    ("Event ID", Label::EventId),
    ("イベント ID", Label::EventId),
    ("Ereignis-ID", Label::EventId),
    ("Description", Label::Description),
    ("説明", Label::Description),
    ("Beschreibung", Label::Description),
    ("Descripción", Label::Description),
];

/// The longest label [`detail_field`] takes (an id-like one's limit; the
/// longest in [`LABELS`] has 18 bytes).
const MAX_LABEL: usize = 24;

/// `Label:   value` of the details text (two-space indented in some copies).
pub(super) fn detail_field(line: &str) -> Option<(Label, &str)> {
    let trimmed = line.trim_start();
    // The first colon, else the first full-width one, found with memchr:
    // asked of every line a details copy's events are scanned by
    // (`split_once` searched a fifth of a 10 MB copy's instructions).
    let bytes = trimmed.as_bytes();
    let (at, colon) = memchr::memchr(b':', bytes).map(|at| (at, 1)).or_else(|| {
        memchr::memchr_iter(0xEF, bytes)
            .find(|&at| bytes.get(at..at + 3) == Some("：".as_bytes()))
            .map(|at| (at, 3))
    })?;
    let label = trimmed.get(..at)?.trim_end();
    // No label, known or id-like, is longer.
    if label.len() > MAX_LABEL {
        return None;
    }
    // Trimmed only for a label that may be one: most lines are a message's.
    let value = || trimmed.get(at + colon..).map(str::trim);
    if let Some((_, kind)) = LABELS.iter().find(|(l, _)| *l == label) {
        let value = value()?;
        // A message line such as "Source: …" inside a description would need
        // a date or id value to be taken for a label; these labels always have one.
        let ok = match kind {
            Label::EventId => value.parse::<u32>().is_ok(),
            Label::Date => parse_windows_local(value).is_some(),
            Label::Source | Label::LogName => !value.is_empty() && !value.contains(' '),
            Label::Description => true,
        };
        return ok.then_some((*kind, value));
    }
    // Other languages: an id-like label with a number (`Ereignis-ID`,
    // `イベント ID`). An English phrase ending in ID is a message's own
    // field (`Request ID:` in a CA audit event, `Process ID:`), not the
    // event's id.
    let english_phrase = label.is_ascii() && label.contains(' ');
    let id_like = label.len() <= MAX_LABEL
        && (label.ends_with("ID") || label.ends_with("Id"))
        && !english_phrase;
    if !id_like {
        return None;
    }
    let value = value()?;
    value
        .parse::<u32>()
        .is_ok()
        .then_some((Label::EventId, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What [`detail_field`] finds, by `split_once` over the whole line.
    fn detail_field_by_split(line: &str) -> Option<(Label, &str)> {
        let trimmed = line.trim_start();
        let (label, value) = (trimmed.split_once(':')).or_else(|| trimmed.split_once('：'))?;
        let (label, value) = (label.trim_end(), value.trim());
        if let Some((_, kind)) = LABELS.iter().find(|(l, _)| *l == label) {
            let ok = match kind {
                Label::EventId => value.parse::<u32>().is_ok(),
                Label::Date => parse_windows_local(value).is_some(),
                Label::Source | Label::LogName => !value.is_empty() && !value.contains(' '),
                Label::Description => true,
            };
            return ok.then_some((*kind, value));
        }
        let english_phrase = label.is_ascii() && label.contains(' ');
        let id_like = label.len() <= 24
            && (label.ends_with("ID") || label.ends_with("Id"))
            && !english_phrase;
        (id_like && value.parse::<u32>().is_ok()).then_some((Label::EventId, value))
    }

    #[test]
    fn detail_fields_are_found_as_splitting_finds_them() {
        assert!(LABELS.iter().all(|(l, _)| l.len() <= MAX_LABEL));
        let mut lines: Vec<String> = crate::core::testing::fixture_files()
            .iter()
            .filter_map(|path| std::fs::read(path).ok())
            .flat_map(|bytes| {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                text.lines().map(str::to_string).collect::<Vec<_>>()
            })
            .collect();
        let crafted = [
            "",
            ":",
            "：",
            "Event ID: 7",
            "  イベント ID： 32",
            "イベント ID：32:x",
            "Log Name\u{3000}: x",
            "Ereignis-ID:   39",
            "Nombre de registro: Application",
            "Request ID: 12",
            "Process Id: 4",
            "AVeryLongLabelThatEndsWithID: 3",
            "AVeryLongLabelThatEndsWithIDx: 3",
            "説明：",
            "Date: 8/20/2024 9:49:44 AM",
            "Source: a b",
            "x：y: z",
            "ï¼š",
            "\u{FF1A}Event ID: 3",
            "                              Event ID: 39",
        ];
        lines.extend(crafted.iter().map(|l| l.to_string()));
        let mut next = crate::core::testing::numbers(7);
        let pieces = [
            "Event ID",
            "ID",
            ":",
            "：",
            " ",
            "39",
            "説明",
            "Source",
            "x",
            "\t",
            "Date",
            "8/20/2024 9:49:44 AM",
        ];
        for _ in 0..20_000 {
            let line: String = (0..next() % 6)
                .map(|_| pieces[next() % pieces.len()])
                .collect();
            lines.push(line);
        }
        for line in &lines {
            assert_eq!(detail_field(line), detail_field_by_split(line), "{line:?}");
        }
    }

    #[test]
    fn list_field_finds_the_first_space_colon() {
        assert_eq!(list_field("Id : 32"), Some(("Id", "32")));
        assert_eq!(list_field("Id  : 32 : x"), Some(("Id", "32 : x")));
        assert_eq!(list_field("Message : a : b"), Some(("Message", "a : b")));
        assert_eq!(list_field(":Id : 32"), None);
        assert_eq!(list_field("Id: 32"), None);
        assert_eq!(list_field(" :"), None);
        let far = format!("{} Id : 32", "x".repeat(70));
        assert_eq!(list_field(&far), None);
    }

    #[test]
    fn tab_fields_split_as_splitn_does() {
        for line in [
            "",
            "\t",
            "a",
            "a\t",
            "a\tb",
            "\t\t\t\t\t\t\t",
            "Information\t8/20/2024 9:49:53 AM\tDMEDP\t309\tNone",
            "Error\t7/2/2025\tx\t32\tNone\tmessage\twith\ttabs",
            "情報\t2024/08/20 9:49:44\tx\t36\tなし\t",
        ] {
            let (fields, n) = tab_fields(line);
            let want: Vec<&str> = line.splitn(6, '\t').collect();
            assert_eq!(fields.get(..n), Some(want.as_slice()), "{line:?}");
        }
    }
}
