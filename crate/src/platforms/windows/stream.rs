//! A Windows text export (list copy, TXT, details, Format-List/Table) read as
//! its lines arrive, so a big export does not have to be held: each event is
//! normalized and run through the rules as soon as it is complete, and only
//! the events that produced something are kept. Their order is settled at
//! the end exactly as [`super::to_records`] settles a whole export's:
//! oldest first when the export lists the newest first, and a failure's
//! detail (307) before its summary (32) of the same second.

use std::borrow::Cow;
use std::collections::VecDeque;

use chrono::NaiveDateTime;

use super::event::normalize;
use super::format::{is_detail, is_summary};
use super::text::{TextEvents, LOOKAHEAD_LINES};
use crate::core::event::Event;
use crate::core::time::LogTime;
use crate::parse::format::Record;
use crate::parse::reader::{read_record, Found, LineStream};
use crate::parse::rules::RuleSet;

/// Lines kept for quoting: an event is complete at most this many lines
/// after its first (its message is capped at 256 lines, its XML likewise).
const KEPT_LINES: usize = 1024;

/// The Windows format's stream hook ([`crate::parse::format::Format::stream`]):
/// a text export whose first lines show a shape read line by line (not CSV,
/// not Event XML) streams; the others are kept whole and split at the end.
pub fn hook(head: &[&str]) -> Option<Box<dyn LineStream>> {
    if super::format::streams(head) {
        Some(Box::new(Streamed::new()))
    } else {
        None
    }
}

pub struct Streamed {
    text: TextEvents,
    /// Lines read but not yet given to `text`: a SyncML setting needs the
    /// lines after it.
    waiting: VecDeque<(usize, String)>,
    /// The latest lines, for quoting the lines events cite.
    recent: VecDeque<(usize, String)>,
    /// Lines dropped from `recent`, their buffers reused for the next lines
    /// (no allocation per line once the first thousand are read).
    spare: Vec<String>,
    order: Order,
    found: Found,
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
        }
    }

    /// Gives the oldest waiting line to the line reader.
    fn step(&mut self) {
        let Some((i, line)) = self.waiting.pop_front() else {
            return;
        };
        let waiting = &self.waiting;
        self.text
            .line(i, &line, || waiting.iter().map(|(_, l)| l.as_str()));
        self.recent.push_back((i, line));
        if self.recent.len() > KEPT_LINES {
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

    /// Runs the rules over every event completed so far.
    fn read_events(&mut self, rules: &RuleSet, source: usize) {
        for event in std::mem::take(&mut self.text.out) {
            let Some(text) = normalize(&event) else {
                continue;
            };
            let before = self.found.events.len();
            let record = Record {
                time: event.time.clone(),
                thread: None,
                process: None,
                parts: vec![(event.line, Cow::Borrowed(text.as_str()))],
            };
            read_record(rules, source, record, &mut self.found);
            let events = self.found.events.split_off(before);
            if !events.is_empty() {
                if let Some((_, quoted)) = self.recent.iter().find(|(i, _)| *i == event.line) {
                    self.found.cited.push((event.line, quoted.clone()));
                }
            }
            self.order.add(event.time, &text, events);
        }
    }
}

impl LineStream for Streamed {
    /// Reads complete lines; `first` is the 0-based index of the first.
    fn push_lines(&mut self, rules: &RuleSet, source: usize, first: usize, lines: &[&str]) {
        for (k, line) in lines.iter().enumerate() {
            let mut kept = self.spare.pop().unwrap_or_default();
            kept.clear();
            kept.push_str(line);
            self.waiting.push_back((first + k, kept));
            if self.waiting.len() > LOOKAHEAD_LINES {
                self.step();
            }
        }
        self.read_events(rules, source);
    }

    /// The input is complete: what was found, in the order a whole export
    /// gives.
    fn finish(mut self: Box<Self>, rules: &RuleSet, source: usize) -> Found {
        while !self.waiting.is_empty() {
            self.step();
        }
        let text = std::mem::take(&mut self.text);
        self.text.out = text.finish();
        self.read_events(rules, source);
        self.found.events = self.order.finish();
        self.found.cited.sort_unstable();
        self.found.cited.dedup();
        self.found
    }
}

/// Normalized events in file order, reduced to what can change the order of
/// the events that matter.
#[derive(Default)]
struct Order {
    items: Vec<Item>,
    /// The last event time seen, and how often times went down and up.
    last_at: Option<NaiveDateTime>,
    down: usize,
    up: usize,
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
    fn add(&mut self, time: Option<LogTime>, text: &str, events: Vec<Event>) {
        if let Some(at) = time.as_ref().and_then(|t| t.at) {
            match self.last_at {
                Some(last) if last > at => self.down += 1,
                Some(last) if last < at => self.up += 1,
                _ => {}
            }
            self.last_at = Some(at);
        }
        let (summary, detail) = (is_summary(text), is_detail(text));
        if events.is_empty() && !summary && !detail {
            if !matches!(self.items.last(), Some(Item::Gap)) {
                self.items.push(Item::Gap);
            }
        } else {
            self.items.push(Item::Kept {
                time,
                summary,
                detail,
                events,
            });
        }
    }

    fn finish(mut self) -> Vec<Event> {
        if self.down > self.up {
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
