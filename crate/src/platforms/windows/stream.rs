//! A Windows text export (list copy, TXT, details, Format-List/Table) read as
//! its lines arrive, so a big export does not have to be held: each event is
//! normalized and run through the rules as soon as it is complete, and only
//! the events that produced something are kept. Their order is settled at
//! the end exactly as [`super::to_records`] settles a whole export's:
//! oldest first when the export lists the newest first, and a failure's
//! detail (307) before its summary (32) of the same second.

use std::borrow::Cow;
use std::collections::VecDeque;

use aho_corasick::AhoCorasick;
use chrono::NaiveDateTime;

use super::event::{normalize, template, ProviderKeys, RawEvent};
use super::exported::Exported;
use super::format::{is_detail, is_summary, Direction, Shape};
use super::text::{
    continues_message, detail_field, passes_over, reads_following, starting_row, Dates, Label,
    TabRow, TextEvents, LOOKAHEAD_LINES, MAX_MESSAGE_LINES,
};
use crate::core::event::Event;
use crate::core::time::LogTime;
use crate::parse::format::Record;
use crate::parse::needles::SKIP_SEARCH;
use crate::parse::reader::{read_record, Found, LineStream};
use crate::parse::rules::RuleSet;

/// Lines kept for quoting: an event is complete at most this many lines
/// after its first (its message is capped at 256 lines, its XML likewise).
const KEPT_LINES: usize = 1024;

/// How many lines [`Streamed::passed`] keeps: a details copy's fields that
/// pass over take a few values each.
const PASSED_KEPT: usize = 32;

/// The Windows format's stream hook ([`crate::parse::format::Format::stream`]):
/// every shape streams, a line-oriented one here, Event XML and CSV in
/// [`super::exported`].
pub fn hook(head: &[&str]) -> Option<Box<dyn LineStream>> {
    Some(match super::format::shape(head) {
        Shape::Text => Box::new(Streamed::new()),
        Shape::Xml => Box::new(Exported::xml()),
        Shape::Csv { powershell } => Box::new(Exported::csv(powershell)),
    })
}

pub struct Streamed {
    text: TextEvents,
    /// Lines read but not yet given to `text`: a SyncML setting needs the
    /// lines after it.
    waiting: VecDeque<(usize, String)>,
    /// The lines of the last [`KEPT_LINES`] indices that were read, for
    /// quoting the lines events cite (kept by index, not by count, so that
    /// skipping lines does not keep older ones).
    recent: VecDeque<(usize, String)>,
    /// Lines dropped from `recent`, their buffers reused for the next lines
    /// (no allocation per line once the first thousand are read).
    spare: Vec<String>,
    order: Order,
    found: Found,
    /// Whether quiet list-copy events are skipped ([`Streamed::scan_event`]);
    /// `false` reads every line, for the test that compares the two.
    skips: bool,
    /// What a quiet event's normalized text may hold, gathered to be
    /// searched once (the buffer reused from event to event).
    seen: String,
    /// The rules' needles, see [`needles`].
    needles: Option<Option<AhoCorasick>>,
    /// The last date a row gave, read.
    dates: Dates,
    /// Lines of details-copy fields found to pass over ([`passes_over`]):
    /// `Task Category: None`, `User:  S-1-5-18`, `Computer: …` repeat from
    /// event to event, and telling them cost more than the rest of a quiet
    /// event.
    passed: Vec<String>,
    /// The key of the last source a row named.
    last_provider: ProviderKeys,
}

/// The first line of an event, as the skipping reader tells it.
enum Start<'a> {
    /// A list copy's tab-separated row.
    Row(TabRow<'a>),
    /// A details copy's `Log Name:` line, with its value.
    Details(&'a str),
}

/// What [`Streamed::scan_event`] or [`Streamed::scan_details`] saw of an
/// event after its first line.
struct Scan<'a> {
    /// The event cannot produce anything: its time, for [`Order::gap`].
    quiet: Option<NaiveDateTime>,
    /// Lines after the first that belong to the event.
    lines: usize,
    /// The first line of the next event, right after them.
    next: Option<Start<'a>>,
}

impl Streamed {
    pub fn new() -> Streamed {
        Streamed {
            text: TextEvents::default(),
            waiting: VecDeque::new(),
            recent: VecDeque::new(),
            spare: Vec::new(),
            order: Order::default(),
            found: Found::default(),
            skips: true,
            seen: String::new(),
            needles: None,
            dates: Dates::default(),
            passed: Vec::new(),
            last_provider: ProviderKeys::default(),
        }
    }

    /// A reader of every line, skipping nothing: what the skipping one must
    /// find.
    #[cfg(test)]
    fn every_line() -> Streamed {
        Streamed {
            skips: false,
            ..Streamed::new()
        }
    }

    /// Takes line `i` in, to be read once the lines after it are in.
    fn push_line(&mut self, rules: &RuleSet, source: usize, i: usize, line: &str) {
        let mut kept = self.spare.pop().unwrap_or_default();
        kept.clear();
        kept.push_str(line);
        self.waiting.push_back((i, kept));
        if self.waiting.len() > LOOKAHEAD_LINES {
            self.step(rules, source);
        }
    }

    /// Gives the oldest waiting line to the line reader, and reads the
    /// events it completed (while their first lines are kept).
    fn step(&mut self, rules: &RuleSet, source: usize) {
        let Some((i, line)) = self.waiting.pop_front() else {
            return;
        };
        let waiting = &self.waiting;
        self.text
            .line(i, &line, || waiting.iter().map(|(_, l)| l.as_str()));
        self.recent.push_back((i, line));
        self.forget_before(i);
        if !self.text.out.is_empty() {
            self.read_events(rules, source);
        }
    }

    /// Drops the kept lines too old to be cited once line `i` is read.
    fn forget_before(&mut self, i: usize) {
        while self
            .recent
            .front()
            .is_some_and(|(old, _)| old + KEPT_LINES <= i)
        {
            // A long line's buffer is not kept: memory stays that of the
            // lines kept.
            if let Some((_, old)) = self
                .recent
                .pop_front()
                .filter(|(_, l)| l.capacity() <= 4096)
            {
                self.spare.push(old);
            }
        }
    }

    /// Whether the list-copy event whose row is `row` (the lines after it
    /// are `rest`) is one that reading every line would find to produce
    /// nothing: a tab-separated row, then lines that only continue its
    /// message, up to the row of the next event (in `rest`: an event that
    /// may go on in the next batch is read). Most events of a real export
    /// are such (MDM policy and session noise), and all [`Order`] needs of
    /// one is its time, as it is no 32 or 307.
    ///
    /// It produces nothing when no rule needle occurs in its normalized
    /// text, `Event <id> <provider>: <message>`: the message is its lines
    /// joined, so a needle (none spans a line) lies within one line or
    /// within the prefix and the message's first line, and both are
    /// searched. An event whose message a template renders (every id the
    /// rules read), a SyncML or unnamed source, or any line with a shape of
    /// its own is read line by line.
    fn scan_event<'a>(&mut self, rules: &RuleSet, row: &TabRow, rest: &[&'a str]) -> Scan<'a> {
        let mut scan = Scan {
            quiet: None,
            lines: 0,
            next: None,
        };
        let provider = self.last_provider.key(row.provider);
        if row.provider.is_empty()
            || row.provider.starts_with("SyncML ")
            || template(row.id, provider).is_some()
        {
            return scan;
        }
        // The normalized text's start, then every other line of the
        // message on a line of its own: a needle in none of them is in no
        // part of the normalized text.
        self.seen.clear();
        self.seen.push_str("Event ");
        push_number(&mut self.seen, row.id);
        self.seen.push(' ');
        self.seen.push_str(provider);
        self.seen.push_str(": ");
        self.seen.push_str(row.message);
        let mut started = !row.message.is_empty();
        loop {
            let Some(line) = rest.get(scan.lines) else {
                return scan;
            };
            if let Some(next) = starting_row(line, &mut self.dates) {
                scan.next = Some(Start::Row(next));
                break;
            }
            if scan.lines == MAX_MESSAGE_LINES || !continues_message(line) {
                return scan;
            }
            if started {
                self.seen.push('\n');
                self.seen.push_str(line);
            } else if !line.trim().is_empty() {
                // The message's first line follows the prefix (blank lines
                // before it are trimmed away, and hold no needle).
                self.seen.push_str(line.trim());
                started = true;
            }
            scan.lines += 1;
        }
        if self.seen_is_quiet(rules) {
            scan.quiet = Some(row.time);
        }
        scan
    }

    /// Whether the normalized text gathered in `seen` can produce nothing:
    /// no needle, and no 32 or 307 whose order matters.
    fn seen_is_quiet(&mut self, rules: &RuleSet) -> bool {
        let mentions = match needles(&mut self.needles, rules) {
            Some(needles) => needles.is_match(&self.seen),
            None => rules.mentions(&self.seen),
        };
        !(mentions || is_summary(&self.seen) || is_detail(&self.seen))
    }

    /// [`Self::scan_event`] for a details copy ("Copy details as text"):
    /// the event whose `Log Name:` value is `log` and whose other lines
    /// start `rest`. Such an event is its fields (`Source:`, `Date:`,
    /// `Event ID:` and others the reader passes over), then `Description:`
    /// and its message, up to the next `Log Name:`. Its normalized text is
    /// gathered as for a row, and it is quiet under the same conditions;
    /// anything else (an `Event Xml:` part, a field twice, a line of
    /// another shape, no date, the batch ending first) is read line by line.
    fn scan_details<'a>(&mut self, rules: &RuleSet, log: &str, rest: &[&'a str]) -> Scan<'a> {
        let mut scan = Scan {
            quiet: None,
            lines: 0,
            next: None,
        };
        // What the fields say, as `TextEvents::line` takes them.
        let mut provider = log.split('/').next().unwrap_or("");
        let mut date = None;
        let mut id = None;
        // The description's value and the lines after it.
        let mut description: Option<&str> = None;
        let mut body = 0;
        loop {
            let Some(line) = rest.get(scan.lines) else {
                return scan;
            };
            if description.is_none() && self.passed.iter().any(|p| p == line) {
                scan.lines += 1;
                continue;
            }
            let field = detail_field(line);
            if let Some((Label::LogName, value)) = field {
                scan.next = Some(Start::Details(value));
                break;
            }
            if description.is_some() {
                if body == MAX_MESSAGE_LINES || !continues_message(line) {
                    return scan;
                }
                body += 1;
            } else {
                match field {
                    Some((Label::Source, value)) => provider = value,
                    Some((Label::Date, value)) => date = Some(value),
                    Some((Label::EventId, _)) if id.is_some() => return scan,
                    Some((Label::EventId, value)) => id = value.parse::<u32>().ok(),
                    Some((Label::Description, value)) => description = Some(value),
                    Some((Label::LogName, _)) => {}
                    None if passes_over(line) => {
                        if self.passed.len() < PASSED_KEPT {
                            self.passed.push(line.to_string());
                        }
                    }
                    None => return scan,
                }
            }
            scan.lines += 1;
        }
        let (Some(id), Some(message), Some(date)) = (id, description, date) else {
            return scan;
        };
        let Some(time) = self.dates.read(date) else {
            return scan;
        };
        let key = self.last_provider.key(provider);
        if provider.is_empty() || provider.starts_with("SyncML ") || template(id, key).is_some() {
            return scan;
        }
        self.seen.clear();
        self.seen.push_str("Event ");
        push_number(&mut self.seen, id);
        self.seen.push(' ');
        self.seen.push_str(key);
        self.seen.push_str(": ");
        let message = message.trim();
        self.seen.push_str(message);
        let mut started = !message.is_empty();
        let lines = rest.get(scan.lines - body..scan.lines).unwrap_or_default();
        for line in lines {
            if started {
                self.seen.push('\n');
                self.seen.push_str(line);
            } else if !line.trim().is_empty() {
                self.seen.push_str(line.trim());
                started = true;
            }
        }
        if self.seen_is_quiet(rules) {
            scan.quiet = Some(time);
        }
        scan
    }

    /// Whether `line` starts an event the skipping reader can scan: a list
    /// copy's row or a details copy's `Log Name:`.
    fn start<'a>(&mut self, line: &'a str) -> Option<Start<'a>> {
        if let Some(row) = starting_row(line, &mut self.dates) {
            return Some(Start::Row(row));
        }
        match detail_field(line) {
            Some((Label::LogName, log)) => Some(Start::Details(log)),
            _ => None,
        }
    }

    /// Reads a quiet event starting at line `i` as reading its lines would:
    /// the lines before it are read (none of them looks at the lines after
    /// it, see [`Self::waiting_reads_ahead`]) and the event before it ends,
    /// with the lines older than `i` would leave kept; it takes its place in
    /// the order (an event of no needle is a gap), and its lines are not
    /// kept (an event that produces nothing is not cited).
    fn skip_event(&mut self, rules: &RuleSet, source: usize, i: usize, time: NaiveDateTime) {
        while !self.waiting.is_empty() {
            self.step(rules, source);
        }
        self.forget_before(i);
        self.text.flush();
        self.read_events(rules, source);
        self.order.gap(time);
    }

    /// Whether a waiting line may look at the lines after it (a SCEP
    /// setting's `<Data>`): then they are read, not skipped, while it waits.
    fn waiting_reads_ahead(&self) -> bool {
        self.waiting.iter().any(|(_, l)| reads_following(l))
    }

    /// Runs the rules over every event completed so far.
    fn read_events(&mut self, rules: &RuleSet, source: usize) {
        for event in std::mem::take(&mut self.text.out) {
            let Some((text, events)) = read_event(rules, source, &event, &mut self.found) else {
                continue;
            };
            if !events.is_empty() {
                if let Some((_, quoted)) = self.recent.iter().find(|(i, _)| *i == event.line) {
                    self.found.cited.push((event.line, quoted.clone()));
                }
            }
            self.order.add(event.time, &text, events);
        }
    }
}

/// Runs the rules over one event's normalized text: that text and the
/// events it produced, taken back out of `found` for the order to place them
/// (newest-first exports are reversed at the end). `None` when the event has
/// no text the rules read.
pub(super) fn read_event(
    rules: &RuleSet,
    source: usize,
    event: &RawEvent,
    found: &mut Found,
) -> Option<(String, Vec<Event>)> {
    let text = normalize(event)?;
    let before = found.events.len();
    let record = Record {
        time: event.time.clone(),
        thread: None,
        process: None,
        parts: vec![(event.line, Cow::Borrowed(text.as_str()))],
    };
    read_record(rules, source, record, found);
    let events = found.events.split_off(before);
    Some((text, events))
}

/// The rules' needles in one automaton, built at the first quiet
/// candidate (`slot` keeps it): [`RuleSet::mentions`] asks the same with a
/// regex, whose lazy DFA checked every candidate its literal search found.
/// `None` if it cannot be built.
pub(super) fn needles<'n>(
    slot: &'n mut Option<Option<AhoCorasick>>,
    rules: &RuleSet,
) -> Option<&'n AhoCorasick> {
    if SKIP_SEARCH {
        // Without SIMD (WebAssembly) this automaton runs byte by byte, and
        // the table's own search, a skip loop there, is faster.
        return None;
    }
    slot.get_or_insert_with(|| {
        // Leftmost: the packed (SIMD) searcher needs it; any match will do.
        // A contiguous NFA, not the DFA the builder picks for few needles:
        // the packed searcher finds the candidates either way, and the DFA
        // cost 36 M instructions to build (callgrind), more than reading a
        // 10 MB export's quiet rows with it.
        AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            .build(rules.rules().iter().map(|r| r.needle))
            .ok()
    })
    .as_ref()
}

/// Writes `n` in decimal, as `{}` does (the formatting machinery cost a
/// tenth of reading a quiet event).
pub(super) fn push_number(out: &mut String, n: u32) {
    let mut digits = [b'0'; 10];
    let mut left = n;
    let mut at = digits.len();
    for slot in digits.iter_mut().rev() {
        *slot = b'0' + (left % 10) as u8;
        left /= 10;
        at -= 1;
        if left == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(digits.get(at..).unwrap_or_default()).unwrap_or_default());
}

/// Whether quiet events can be told by their needles: no needle spans a
/// line or is white space alone, and no catch-all reads what no needle
/// marks.
pub(super) fn can_skip(rules: &RuleSet) -> bool {
    rules.fallback().is_none()
        && (rules.rules().iter()).all(|r| !r.needle.contains('\n') && !r.needle.trim().is_empty())
}

impl LineStream for Streamed {
    /// Reads complete lines; `first` is the 0-based index of the first.
    fn push_lines(&mut self, rules: &RuleSet, source: usize, first: usize, lines: &[&str]) {
        let skips = self.skips && can_skip(rules);
        // The event starting at a line, when the scan of the event before
        // read it.
        let mut known: Option<(usize, Start)> = None;
        let mut k = 0;
        while let Some(line) = lines.get(k) {
            let start = match known {
                Some((at, _)) if at == k => known.take().map(|(_, start)| start),
                _ if skips => self.start(line),
                _ => None,
            };
            if let Some(start) = start.filter(|_| !self.waiting_reads_ahead()) {
                let rest = lines.get(k + 1..).unwrap_or_default();
                let scan = match start {
                    Start::Row(row) => self.scan_event(rules, &row, rest),
                    Start::Details(log) => self.scan_details(rules, log, rest),
                };
                known = scan.next.map(|next| (k + 1 + scan.lines, next));
                if let Some(time) = scan.quiet {
                    self.skip_event(rules, source, first + k, time);
                    k += 1 + scan.lines;
                    continue;
                }
            }
            self.push_line(rules, source, first + k, line);
            k += 1;
        }
    }

    /// The input is complete: what was found, in the order a whole export
    /// gives.
    fn finish(mut self: Box<Self>, rules: &RuleSet, source: usize) -> Found {
        while !self.waiting.is_empty() {
            self.step(rules, source);
        }
        let text = std::mem::take(&mut self.text);
        self.text.out = text.finish();
        self.read_events(rules, source);
        self.found.events = self.order.finish();
        settle_recognized(rules, &mut self.found);
        self.found.cited.sort_unstable();
        self.found.cited.dedup();
        self.found
    }
}

/// Counts the lines that produced events as [`read_record`] counts them
/// when it reads the records in their final order (as the whole reader
/// does): a run of events from one line counts once. Events read in file
/// order count otherwise once a 32 and its 307 swap between two events of
/// one line. (Without a fallback every event is a recognized one.)
pub(super) fn settle_recognized(rules: &RuleSet, found: &mut Found) {
    if rules.fallback().is_none() {
        let mut last = None;
        found.recognized = (found.events.iter())
            .filter(|e| last.replace(e.line) != Some(e.line))
            .count();
    }
}

/// Normalized events in file order, reduced to what can change the order of
/// the events that matter.
#[derive(Default)]
pub(super) struct Order {
    items: Vec<Item>,
    direction: Direction,
}

enum Item {
    Kept {
        time: Option<LogTime>,
        summary: bool,
        detail: bool,
        events: Vec<Event>,
    },
    /// Events that produced nothing and cannot swap: one or many, they only
    /// keep their neighbours apart.
    Gap,
}

impl Order {
    pub(super) fn add(&mut self, time: Option<LogTime>, text: &str, events: Vec<Event>) {
        self.direction.see(time.as_ref());
        let (summary, detail) = (is_summary(text), is_detail(text));
        if events.is_empty() && !summary && !detail {
            self.push_gap();
        } else {
            self.items.push(Item::Kept {
                time,
                summary,
                detail,
                events,
            });
        }
    }

    /// An event at `at` that produced nothing and is no 32 or 307, as
    /// [`Order::add`] takes it (without the displayed time it does not keep).
    pub(super) fn gap(&mut self, at: NaiveDateTime) {
        self.direction.see_at(at);
        self.push_gap();
    }

    fn push_gap(&mut self) {
        if !matches!(self.items.last(), Some(Item::Gap)) {
            self.items.push(Item::Gap);
        }
    }

    pub(super) fn finish(mut self) -> Vec<Event> {
        if self.direction.newest_first() {
            self.items.reverse();
        }
        for i in 1..self.items.len() {
            let (before, after) = self.items.split_at_mut(i);
            if let (
                Some(a @ Item::Kept { summary: true, .. }),
                Some(b @ Item::Kept { detail: true, .. }),
            ) = (before.last_mut(), after.first_mut())
            {
                if let (Item::Kept { time: ta, .. }, Item::Kept { time: tb, .. }) = (&*a, &*b) {
                    if ta == tb {
                        std::mem::swap(a, b);
                    }
                }
            }
        }
        self.items
            .into_iter()
            .flat_map(|item| match item {
                Item::Kept { events, .. } => events,
                Item::Gap => Vec::new(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::{fixture_files, numbers};
    use crate::input::decode::split_lines;
    use std::fmt::Write as _;

    /// Every fixture's text, whatever its platform or shape: what streams
    /// through [`Streamed`] must not depend on skipping, whatever it holds.
    fn fixtures() -> Vec<String> {
        fixture_files()
            .iter()
            .filter(|path| is_input(path))
            .filter_map(|path| std::fs::read(path).ok())
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .collect()
    }

    /// A fixture that is an input, of a size to read many times over (the
    /// other platforms' noise-burying fixtures are megabytes).
    fn is_input(path: &std::path::Path) -> bool {
        let name = path.to_string_lossy();
        !name.ends_with(".expected.json")
            && std::fs::metadata(path).is_ok_and(|m| m.len() < 1 << 20)
    }

    /// A list-copy row.
    fn row(next: &mut impl FnMut() -> usize, level: &str, source: &str, id: u32) -> String {
        let (h, m, s) = (next() % 12 + 1, next() % 60, next() % 60);
        let pm = if next() % 2 == 0 { "AM" } else { "PM" };
        format!("{level}\t8/20/2024 {h}:{m:02}:{s:02} {pm}\t{source}\t{id}\tNone")
    }

    const DMEDP: &str = "DeviceManagement-Enterprise-Diagnostics-Provider";

    /// Noise events of a list copy and lines that look like other shapes
    /// inside messages, around the lines of a fixture: the quiet events
    /// must be skipped and the others, and their neighbours, read.
    fn messy(seed: u64, fixture: &str) -> String {
        let mut next = numbers(seed);
        let mut out = String::new();
        let fixture: Vec<&str> = split_lines(fixture).map(|(l, _)| l).collect();
        let mut at = 0;
        // Newest first or oldest first, as the seed says.
        let mut clock = 40_000 + next() % 1000;
        let mut tick = |next: &mut dyn FnMut() -> usize| {
            if seed % 2 == 0 {
                clock -= next() % 3;
            } else {
                clock += next() % 3;
            }
            let t = clock;
            format!("{}:{:02}:{:02} AM", t / 3600 % 12 + 1, t / 60 % 60, t % 60)
        };
        for _ in 0..400 {
            let time = tick(&mut next);
            let kind = next() % 40;
            let id = [813, 814, 2800, 208, 1, 2011][next() % 6];
            let _ = writeln!(out, "Information\t8/20/2024 {time}\t{DMEDP}\t{id}\tNone");
            match kind {
                0 => out.push_str("MDM PolicyManager: Set policy int, Policy: (DeviceLock/MinDevicePasswordLength), Area: (DeviceLock).\n"),
                1 => out.push_str("\n\n"),
                2 => out.push_str("Source: Foo\n"),
                3 => out.push_str("Date: 8/20/2024 9:49:44 AM\n"),
                4 => out.push_str("Log Name: Foo\nEvent ID: 32\nDescription:\nSCEP: Certificate enroll failed. Result: (0x80090016).\n"),
                5 => out.push_str("Id : 32\nMessage : SCEP: Certificate enroll failed. Result: (0x80090016).\n"),
                6 => out.push_str("<Replace>\n<LocURI>./Device/Vendor/MSFT/ClientCertificateInstall/SCEP/AC_1/Install/ServerURL</LocURI>\n<Data>https://ndes/</Data>\n</Replace>\n"),
                7 => out.push_str("<LocURI>./Device/Vendor/MSFT/ClientCertificateInstall/SCEP/AC_1/Install/Enroll</LocURI>\n"),
                8 => out.push_str("SCEP: Certificate enroll failed. Result: (0x80090016).\n"),
                9 => out.push_str("Event Xml:\n<Event><System><EventID>32</EventID></System></Event>\n"),
                10 => {
                    // Longer than a message may be.
                    for _ in 0..(250 + next() % 20) {
                        out.push_str("  more of a long message\n");
                    }
                    if next() % 2 == 0 {
                        out.push_str("SCEP: Certificate installed successfully.\n");
                    }
                }
                11 => out.push_str("7/2/2025 12:51:06 PM             32 Error            SCEP: Certificate enroll failed.\n"),
                12 => out.push_str("Information 8/20/2024 9:49:53 AM DeviceManagement-Enterprise-Diagnostics-Provider 309 None x Information 8/20/2024 9:49:54 AM DeviceManagement-Enterprise-Diagnostics-Provider 39 None SCEP: Certificate installed successfully.\n"),
                13 => out.push_str("Request ID: 12 with Command failure status inside\n"),
                14 => out.push_str("ProviderName: Microsoft-Windows-CAPI2\n"),
                15 => out.push_str("Chat: see SCEP: Certificate installed successfully.\n"),
                16 => {
                    // A fixture's next lines.
                    for _ in 0..(next() % 12) {
                        if let Some(line) = fixture.get(at) {
                            out.push_str(line);
                            out.push('\n');
                            at += 1;
                        }
                    }
                }
                17 => {
                    // A 307 and its 32 of the same second.
                    let t = tick(&mut next);
                    let _ = writeln!(out, "x\nError\t8/20/2024 {t}\t{DMEDP}\t32\tNone\nSCEP: Certificate enroll failed. Result: (0x80090016).\nError\t8/20/2024 {t}\t{DMEDP}\t307\tNone\nSCEP: Failed LogError Message : (x).");
                }
                18 => {
                    let r = row(&mut next, "Warning", "Microsoft-Windows-CAPI2", 11);
                    let _ = writeln!(out, "x\n{r}\nResult: A certificate chain could not be built.");
                }
                19 => {
                    let r = row(&mut next, "情報", "", 813);
                    let _ = writeln!(out, "x\n{r}\nSCEP: Certificate installed successfully.");
                }
                20 => {
                    let t = tick(&mut next);
                    let _ = writeln!(out, "x\nInformation\t8/20/2024 {t}\tSyncML Replace\t1\tNone\tx");
                }
                21 => out.push_str("\tindented with a tab\n"),
                22 => out.push_str("Information\tnot a date\tx\t1\tNone\n"),
                24 => {
                    // A SCEP setting outside a message takes its value from
                    // the lines after it, past quiet events.
                    let (a, b) = (tick(&mut next), tick(&mut next));
                    let node = "<LocURI>./User/Vendor/MSFT/ClientCertificateInstall/SCEP/ModelName_AC_51bad41f-3854-4eb5-a2f2-0f7a94034ee8_LogicalName_39907e78_e61b_4730_b9fa_d44a53e4111c_Hash_-1518303401/Install";
                    let _ = writeln!(out, "Id : 5\n{node}/ServerURL</LocURI>\nInformation\t8/20/2024 {a}\t{DMEDP}\t813\tNone\nMDM PolicyManager: x\nInformation\t8/20/2024 {b}\t{DMEDP}\t813\tNone\n<Data>https://ndes.example/certsrv/mscep/mscep.dll</Data>\nId : 6\n<Exec>\n{node}/Enroll</LocURI>");
                }
                25 => {
                    // A SyncML command in a message names the next target's.
                    let a = tick(&mut next);
                    let _ = writeln!(out, "<{}>\nInformation\t8/20/2024 {a}\t{DMEDP}\t813\tNone\nId : 7\n<LocURI>./Device/Vendor/MSFT/RootCATrustedCertificates/Root/5F9A2C7E1B3D4F60718293A4B5C6D7E8F9012345/EncodedCertificate</LocURI>", ["Add", "Delete", "Replace"][next() % 3]);
                }
                23 => {
                    // Localized messages a template renders into text
                    // holding a needle.
                    let t = tick(&mut next);
                    let _ = writeln!(out, "x\nエラー\t2024/08/20 {t}\t{DMEDP}\t400\tなし\nMDM ConfigurationManager: コマンド エラー (1)、(2)、(3)、(4)、(./Vendor/MSFT/x)、(0x80070005)");
                    let t = tick(&mut next);
                    let _ = writeln!(out, "エラー\t2024/08/20 {t}\t{DMEDP}\t302\tなし\nSCEP: CspAddNode に失敗しました: (x) 結果: (0x80070005)");
                }
                _ => out.push_str("The NotifyPolicyChange API was called for Area: (Update).\n"),
            }
        }
        for line in fixture.get(at..).unwrap_or_default() {
            out.push_str(line);
            out.push('\n');
        }
        out
    }

    /// A details copy ("Copy details as text") of noise events, some with
    /// lines that look like other shapes or break the event's form, around
    /// the lines of a fixture.
    fn messy_details(seed: u64, fixture: &str) -> String {
        let mut next = numbers(seed);
        let mut out = String::new();
        let fixture: Vec<&str> = split_lines(fixture).map(|(l, _)| l).collect();
        let mut at = 0;
        let mut clock = 40_000 + next() % 1000;
        for _ in 0..300 {
            if seed % 2 == 0 {
                clock -= next() % 3;
            } else {
                clock += next() % 3;
            }
            let time = format!(
                "{}:{:02}:{:02} AM",
                clock / 3600 % 12 + 1,
                clock / 60 % 60,
                clock % 60
            );
            let kind = next() % 30;
            let id = [813, 814, 2800, 208, 1, 2011, 32, 39][next() % 8];
            let source = [
                "Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider",
                "Microsoft-Windows-CAPI2",
                "",
                "Foo Bar",
            ][next() % 4];
            let _ = writeln!(out, "Log Name:      Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider/Admin");
            if kind != 1 {
                let _ = writeln!(out, "Source:        {source}");
            }
            if kind != 2 {
                let _ = writeln!(out, "Date:          8/20/2024 {time}");
            }
            if kind != 3 {
                let _ = writeln!(out, "Event ID:      {id}");
            }
            out.push_str("Task Category: None\nLevel:         Information\nKeywords:      \nUser:          S-1-5-18\nComputer:      PC-0042.contoso.com\n");
            match kind {
                4 => out.push_str("Event ID:      39\n"),
                5 => out.push_str("SCEP: Certificate installed successfully.\n"),
                6 => out.push_str("<LocURI>./Device/Vendor/MSFT/RootCATrustedCertificates/Root/5F9A/EncodedCertificate</LocURI>\n"),
                7 => out.push_str("Id : 32\n"),
                _ => {}
            }
            if kind == 8 {
                out.push_str("Description: MDM PolicyManager: Set policy int.\n");
            } else if kind != 9 {
                out.push_str("Description:\n");
            }
            match kind {
                10 => out.push_str("SCEP: Certificate enroll failed. Result: (0x80090016).\n"),
                11 => out.push_str("MDM PolicyManager: x\nEvent Xml:\n<Event><System><EventID>32</EventID></System></Event>\n"),
                12 => {
                    for _ in 0..(250 + next() % 20) {
                        out.push_str("  more of a long message\n");
                    }
                }
                13 => out.push_str("\n  \nThe NotifyPolicyChange API was called.\nSource: Foo\n"),
                14 => out.push_str("<Replace>\n"),
                15 => {
                    for _ in 0..(next() % 12) {
                        if let Some(line) = fixture.get(at) {
                            out.push_str(line);
                            out.push('\n');
                            at += 1;
                        }
                    }
                }
                16 => out.push_str("Information\t8/20/2024 9:49:53 AM\tx\t39\tNone\tSCEP: Certificate installed successfully.\n"),
                17 => out.push_str("Request ID: 12 with Command failure status inside\n"),
                _ => out.push_str("MDM PolicyManager: Set policy int, Policy: (DeviceLock/MinDevicePasswordLength).\n"),
            }
            if next() % 2 == 0 {
                out.push('\n');
            }
        }
        for line in fixture.get(at..).unwrap_or_default() {
            out.push_str(line);
            out.push('\n');
        }
        out
    }

    /// Reads `text` in batches of lines of sizes the seed picks.
    fn read(mut reader: Streamed, text: &str, seed: u64) -> Found {
        let rules = super::super::rules::rules();
        let lines: Vec<&str> = split_lines(text).map(|(l, _)| l).collect();
        let mut next = numbers(seed);
        let mut at = 0;
        while at < lines.len() {
            let n = match seed % 3 {
                0 => 1 + next() % 7,
                1 => 1 + next() % 300,
                _ => 1 + next() % 3000,
            };
            let end = (at + n).min(lines.len());
            reader.push_lines(rules, 0, at, lines.get(at..end).unwrap_or_default());
            at = end;
        }
        Box::new(reader).finish(rules, 0)
    }

    fn same(text: &str, seed: u64, what: &str) {
        let every = read(Streamed::every_line(), text, seed);
        let skipping = read(Streamed::new(), text, seed);
        let show = |f: &Found| format!("{:?}", f.events);
        assert_eq!(show(&every), show(&skipping), "{what} seed {seed}");
        assert_eq!(every.recognized, skipping.recognized, "{what} seed {seed}");
        assert_eq!(every.cited, skipping.cited, "{what} seed {seed}");
    }

    #[test]
    fn skipping_quiet_events_finds_what_reading_every_line_finds() {
        let fixtures = fixtures();
        assert!(fixtures.len() > 30);
        for (n, fixture) in fixtures.iter().enumerate() {
            for seed in 0..3 {
                same(fixture, seed, &format!("fixture {n}"));
                same(
                    &messy(seed + n as u64, fixture),
                    seed,
                    &format!("messy {n}"),
                );
                same(
                    &messy_details(seed + n as u64, fixture),
                    seed,
                    &format!("messy details {n}"),
                );
            }
        }
    }

    #[test]
    fn numbers_are_written_as_display_writes_them() {
        for n in [0, 7, 10, 32, 307, 4_294_967_295, 1_000_000_000] {
            let mut out = String::from("x");
            push_number(&mut out, n);
            assert_eq!(out, format!("x{n}"));
        }
    }

    #[test]
    fn noise_is_skipped() {
        // Not a test of results (the test above is), but that the fast path
        // is taken at all: a list copy of noise keeps no line.
        let mut text = String::new();
        let mut next = numbers(1);
        for _ in 0..50 {
            let r = row(&mut next, "Information", DMEDP, 813);
            let _ = writeln!(text, "{r}\nMDM PolicyManager: Set policy int.");
        }
        let mut reader = Streamed::new();
        let rules = super::super::rules::rules();
        let lines: Vec<&str> = split_lines(&text).map(|(l, _)| l).collect();
        reader.push_lines(rules, 0, 0, &lines);
        assert!(reader.recent.len() <= 2, "{}", reader.recent.len());
    }

    #[test]
    fn details_noise_is_skipped() {
        let mut text = String::new();
        for s in 0..50 {
            let _ = writeln!(text, "Log Name:      Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider/Admin\nSource:        Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider\nDate:          8/20/2024 9:49:{s:02} AM\nEvent ID:      813\nTask Category: None\nLevel:         Information\nKeywords:      \nUser:          S-1-5-18\nComputer:      PC-0042.contoso.com\nDescription:\nMDM PolicyManager: Set policy int.\n");
        }
        let mut reader = Streamed::new();
        let rules = super::super::rules::rules();
        let lines: Vec<&str> = split_lines(&text).map(|(l, _)| l).collect();
        reader.push_lines(rules, 0, 0, &lines);
        // The last event is read: the batch may go on with its message.
        let kept = reader.recent.len() + reader.waiting.len();
        assert!(kept <= 13, "{kept}");
    }
}
