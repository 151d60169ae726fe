//! An Event XML or CSV export read as its lines arrive, so a big export
//! does not have to be held: each `<Event>` element or CSV record is read
//! and run through the rules once it is complete, and only the events that
//! produced something are kept. Their order is settled at the end as
//! [`super::to_records`] settles a whole export's (see [`Order`]).

use aho_corasick::AhoCorasick;
use chrono::NaiveDateTime;

use super::csv::{CsvReader, CsvRows};
use super::event::{template, ProviderKeys, RawEvent};
use super::format::{is_detail, is_summary};
use super::stream::{can_skip, needles, push_number, read_event, settle_recognized, Order};
use super::text::Dates;
use super::xml::{
    attribute_of, data_values, element, event_id, unescape_into, xml_event, XmlSplitter,
};
use crate::core::time::parse_system_time;
use crate::parse::reader::{read_record, Found, LineStream};
use crate::parse::rules::RuleSet;

pub struct Exported {
    shape: Reading,
    sink: Sink,
}

enum Reading {
    Xml {
        splitter: XmlSplitter,
        /// The lines read before the first `</Event>`, from line `held.0`:
        /// until an element closes, the input may be no Event XML after all
        /// (then [`super::format::split`] reads it otherwise, and so is it
        /// at the end). No element closes before, so none is missed.
        held: Option<(usize, Vec<String>)>,
    },
    Csv {
        reader: CsvReader,
        rows: CsvRows,
    },
}

/// Where the events go.
struct Sink {
    order: Order,
    found: Found,
    /// Whether quiet rows are skipped ([`Sink::quiet_row`]); `false` reads
    /// every one, for the test that compares the two.
    skips: bool,
    /// [`can_skip`] for the rules, asked once.
    can_skip: Option<bool>,
    /// Rows skipped as quiet.
    skipped: usize,
    /// A quiet row's normalized text, the buffer reused from row to row.
    seen: String,
    /// A quiet XML event's message, likewise.
    message: String,
    needles: Option<Option<AhoCorasick>>,
    dates: Dates,
    /// The key of the last source a row named.
    last_provider: ProviderKeys,
}

impl Exported {
    pub fn xml() -> Exported {
        Exported {
            shape: Reading::Xml {
                splitter: XmlSplitter::default(),
                held: Some((0, Vec::new())),
            },
            sink: Sink::new(),
        }
    }

    pub fn csv(powershell: bool) -> Exported {
        Exported {
            shape: Reading::Csv {
                reader: CsvReader::default(),
                rows: CsvRows::new(powershell),
            },
            sink: Sink::new(),
        }
    }
}

impl Sink {
    fn new() -> Sink {
        Sink {
            order: Order::default(),
            found: Found::default(),
            skips: true,
            can_skip: None,
            skipped: 0,
            seen: String::new(),
            message: String::new(),
            needles: None,
            dates: Dates::default(),
            last_provider: ProviderKeys::default(),
        }
    }

    /// Runs the rules over one event; `first_line` is the text of the line
    /// it starts on, cited if it produced something.
    fn event(&mut self, rules: &RuleSet, source: usize, event: RawEvent, first_line: &str) {
        let Some((text, events)) = read_event(rules, source, &event, &mut self.found) else {
            return;
        };
        // Events of one line come one after another: it is cited once.
        if !events.is_empty() && self.found.cited.last().map(|c| c.0) != Some(event.line) {
            self.found.cited.push((event.line, first_line.to_string()));
        }
        self.order.add(event.time, &text, events);
    }

    /// A CSV record: its event read, or skipped when quiet.
    fn record(
        &mut self,
        rules: &RuleSet,
        source: usize,
        rows: &mut CsvRows,
        (line, first_line, fields): (usize, &str, &[String]),
    ) {
        if !rows.powershell {
            if let Some(time) = self.quiet_row(rules, fields) {
                self.skipped += 1;
                self.order.gap(time);
                return;
            }
        }
        if let Some(event) = rows.event(line, fields) {
            self.event(rules, source, event, first_line);
        }
    }

    /// The time of an Event Viewer CSV row that reading it would find to
    /// produce nothing (`None` for any other record): most rows of a real
    /// export are such (MDM policy and session noise), and all [`Order`]
    /// needs of one is its time, as it is no 32 or 307.
    ///
    /// Its event is the one `row_fields` reads: the date second, the id
    /// fourth, the source third and the message (one field, the sixth)
    /// trimmed. With a source that is neither empty nor SyncML's and no
    /// template for its id, its normalized text is `Event <id> <key>:
    /// <message>`, built here as `normalize` builds it; it produces
    /// nothing when no rule needle occurs in it. Any other row is read.
    fn quiet_row(&mut self, rules: &RuleSet, fields: &[String]) -> Option<NaiveDateTime> {
        let [_, date, provider, id, _, message] = fields else {
            return None;
        };
        let time = self.dates.read(date.trim())?;
        let id: u32 = id.trim().parse().ok()?;
        let key = self.quiet_key(rules, provider.trim(), id)?;
        self.start_seen(id, key);
        self.seen.push_str(message.trim());
        self.no_needle(rules).then_some(time)
    }

    /// The time of an XML event that reading it would find to produce
    /// nothing (`None` for any other), read from its element without
    /// building the event: most events of a real export are noise.
    ///
    /// Its event is the one [`xml_event`] reads, its fields found by the
    /// same readers. With a source (no entity in it) neither empty, nor
    /// SyncML's, nor CAPI2 (whose result replaces the message) and no
    /// template for its id, its normalized text is `Event <id> <key>:
    /// <message>`, or the inserts joined by `, ` when the message is empty,
    /// built here as `normalize` builds it; it produces nothing when no
    /// rule needle occurs in it. Any other event is read.
    fn quiet_event(&mut self, rules: &RuleSet, xml: &str) -> Option<NaiveDateTime> {
        let provider = attribute_of(xml, "<Provider", "Name").filter(|p| !p.contains('&'))?;
        let id: u32 = event_id(xml)?.parse().ok()?;
        let key = self
            .quiet_key(rules, provider, id)
            .filter(|&k| k != "CAPI2")?;
        let time = attribute_of(xml, "<TimeCreated", "SystemTime").filter(|t| !t.contains('&'))?;
        let time = parse_system_time(time)?;
        self.start_seen(id, key);
        self.message.clear();
        if let Some(message) = element(xml, "<Message>", "</Message>") {
            unescape_into(message, &mut self.message);
        }
        let message = self.message.trim();
        if message.is_empty() {
            for (k, value) in data_values(xml).enumerate() {
                if k > 0 {
                    self.seen.push_str(", ");
                }
                unescape_into(value.map_or("", str::trim), &mut self.seen);
            }
        } else {
            self.seen.push_str(message);
        }
        self.no_needle(rules).then_some(time)
    }

    /// The key of a source whose events may be told quiet: not empty, not
    /// SyncML's, no template for `id` (each changes the normalized text).
    fn quiet_key(&mut self, rules: &RuleSet, provider: &str, id: u32) -> Option<&'static str> {
        let can = *self.can_skip.get_or_insert_with(|| can_skip(rules));
        if !self.skips || !can || provider.is_empty() || provider.starts_with("SyncML ") {
            return None;
        }
        let key = self.last_provider.key(provider);
        template(id, key).is_none().then_some(key)
    }

    /// Starts `seen` with the normalized text's `Event <id> <key>: `.
    fn start_seen(&mut self, id: u32, key: &str) {
        self.seen.clear();
        self.seen.push_str("Event ");
        push_number(&mut self.seen, id);
        self.seen.push(' ');
        self.seen.push_str(key);
        self.seen.push_str(": ");
    }

    /// Whether no rule needle occurs in `seen` (and it is no 32 or 307).
    fn no_needle(&mut self, rules: &RuleSet) -> bool {
        let mentions = match needles(&mut self.needles, rules) {
            Some(needles) => needles.is_match(&self.seen),
            None => rules.mentions(&self.seen),
        };
        !(mentions || is_summary(&self.seen) || is_detail(&self.seen))
    }
}

impl LineStream for Exported {
    fn push_lines(&mut self, rules: &RuleSet, source: usize, first: usize, lines: &[&str]) {
        let sink = &mut self.sink;
        match &mut self.shape {
            Reading::Csv { reader, rows } => {
                for (k, line) in lines.iter().enumerate() {
                    reader.line(first + k, line, |start, first_line, fields| {
                        sink.record(rules, source, rows, (start, first_line, fields))
                    });
                }
            }
            Reading::Xml { splitter, held } => {
                for (k, line) in lines.iter().enumerate() {
                    let i = first + k;
                    if let Some((from, kept)) = held.as_mut() {
                        if kept.is_empty() {
                            *from = i;
                        }
                        kept.push(line.to_string());
                        if !line.contains("</Event>") {
                            continue;
                        }
                        // An element closes: this is Event XML.
                        if let Some((from, kept)) = held.take() {
                            for (n, line) in kept.iter().enumerate() {
                                xml_line(splitter, sink, rules, source, from + n, line);
                            }
                        }
                        continue;
                    }
                    xml_line(splitter, sink, rules, source, i, line);
                }
            }
        }
    }

    fn finish(self: Box<Self>, rules: &RuleSet, source: usize) -> Found {
        let Exported { shape, mut sink } = *self;
        match shape {
            Reading::Xml {
                held: Some((from, held)),
                ..
            } => return whole(rules, source, from, &held),
            Reading::Xml { .. } => {}
            Reading::Csv { reader, mut rows } => {
                reader.finish(|start, first_line, fields| {
                    sink.record(rules, source, &mut rows, (start, first_line, fields))
                });
            }
        }
        let mut found = sink.found;
        found.events = sink.order.finish();
        settle_recognized(rules, &mut found);
        found.cited.sort_unstable();
        found.cited.dedup();
        found
    }
}

fn xml_line(
    splitter: &mut XmlSplitter,
    sink: &mut Sink,
    rules: &RuleSet,
    source: usize,
    i: usize,
    line: &str,
) {
    splitter.line(i, line, |xml, start, first_line| {
        if let Some(time) = sink.quiet_event(rules, xml) {
            sink.skipped += 1;
            sink.order.gap(time);
        } else if let Some(event) = xml_event(xml, start) {
            sink.event(rules, source, event, first_line);
        }
    });
}

/// What the whole reader finds in `lines` (the first is line `from`), for
/// an input whose head looked like Event XML but that closes no element.
fn whole(rules: &RuleSet, source: usize, from: usize, lines: &[String]) -> Found {
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let mut found = Found::default();
    for mut record in super::format::split(&lines) {
        for (i, _) in record.parts.iter_mut() {
            *i += from;
        }
        read_record(rules, source, record, &mut found);
    }
    let mut cited: Vec<usize> = found.events.iter().map(|e| e.line - 1).collect();
    cited.sort_unstable();
    cited.dedup();
    found.cited = cited
        .into_iter()
        .filter_map(|i| lines.get(i - from).map(|l| (i, l.to_string())))
        .collect();
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::{fixture_files, numbers};
    use crate::input::decode::split_lines;
    use crate::platforms::windows::format::{shape, Shape};

    /// Reads `lines` in batches of sizes the seed picks; `skips: false`
    /// reads every CSV row.
    fn streamed(lines: &[&str], seed: u64, skips: bool) -> (Found, usize) {
        let rules = super::super::rules::rules();
        let mut reader = Box::new(match shape(lines) {
            Shape::Xml => Exported::xml(),
            Shape::Csv { powershell } => Exported::csv(powershell),
            Shape::Text => panic!("not Event XML or CSV"),
        });
        reader.sink.skips = skips;
        let mut next = numbers(seed);
        let mut at = 0;
        while at < lines.len() {
            let end = (at + 1 + next() % [2, 9, 400][seed as usize % 3]).min(lines.len());
            reader.push_lines(rules, 0, at, &lines[at..end]);
            at = end;
        }
        let skipped = reader.sink.skipped;
        (reader.finish(rules, 0), skipped)
    }

    /// Streams `text` in random batches, skipping quiet rows or not, and
    /// compares with the whole reader; returns the rows skipped.
    fn same(text: &str, what: &str) -> usize {
        let rules = super::super::rules::rules();
        let lines: Vec<&str> = split_lines(text).map(|(l, _)| l).collect();
        if matches!(shape(&lines), Shape::Text) {
            return 0;
        }
        let owned: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        let whole = whole(rules, 0, 0, &owned);
        let mut skipped = 0;
        for seed in 0..6 {
            let (got, n) = streamed(&lines, seed, seed % 2 == 0);
            skipped += n;
            let show = |f: &Found| format!("{:?}", f.events);
            assert_eq!(show(&got), show(&whole), "{what} seed {seed}");
            assert_eq!(got.recognized, whole.recognized, "{what} seed {seed}");
            assert_eq!(got.cited, whole.cited, "{what} seed {seed}");
        }
        skipped
    }

    /// Every fixture read as Event XML or CSV, whatever its platform.
    fn exports() -> Vec<(String, String)> {
        fixture_files()
            .iter()
            .filter(|p| !p.to_string_lossy().ends_with(".expected.json"))
            .filter(|p| std::fs::metadata(p).is_ok_and(|m| m.len() < 1 << 20))
            .filter_map(|p| {
                let text = String::from_utf8_lossy(&std::fs::read(p).ok()?).into_owned();
                let lines: Vec<&str> = split_lines(&text).map(|(l, _)| l).collect();
                let export = !matches!(shape(&lines), Shape::Text);
                export.then(|| (p.display().to_string(), text))
            })
            .collect()
    }

    const EVENT: &str = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider'/><EventID>{id}</EventID><TimeCreated SystemTime='2025-05-06T08:14:{s}.1000000Z'/></System><EventData><Data Name='Message1'>{m}</Data><Data Name='Message2'>0x80072ee7</Data></EventData></Event>";

    fn event(id: u32, s: u32, m: &str) -> String {
        EVENT
            .replace("{id}", &id.to_string())
            .replace("{s}", &format!("{s:02}"))
            .replace("{m}", m)
    }

    #[test]
    fn streaming_finds_what_the_whole_reader_finds() {
        let fixtures = exports();
        let csv = fixtures.iter().filter(|(name, _)| name.ends_with(".csv"));
        assert!(csv.count() >= 3, "{}", fixtures.len());
        assert!(fixtures.len() >= 8, "{}", fixtures.len());
        for (name, text) in &fixtures {
            same(text, name);
            // Pretty-printed: one tag a line.
            same(&text.replace("><", ">\n  <"), name);
            // Cut off in an element or a record.
            for cut in [3, 2] {
                let end = (text.len() * (cut - 1) / cut..text.len())
                    .find(|&e| text.is_char_boundary(e))
                    .unwrap_or(text.len());
                same(&text[..end], name);
            }
        }
        // Several events on a line, garbage between them, an element cut
        // across lines, newest first, a 307 after its 32 of the same second.
        let mut crafted = String::from("<?xml version=\"1.0\"?>\n<Events>\n");
        for n in 0..60u32 {
            let s = 59 - n;
            let e = match n % 6 {
                0 => event(32, s, "Unknown Win32 Error code: 0x80072ee7"),
                1 => event(307, s + 1, "x"),
                2 => event(813, s, "noise"),
                3 => event(36, s, "1.3.6.1.5.5.7.3.2"),
                4 => format!("garbage <Event but no element {}", event(39, s, "")),
                _ => event(2800, s, "a &amp; b"),
            };
            crafted.push_str(&e);
            crafted.push_str(["", "\n", "\r\n", "  ", "\n<!-- -->\n"][n as usize % 5]);
            if n % 7 == 0 {
                crafted.push_str(
                    &event(32, s, "one\nmore\nline").replace("<EventData>", "\n<EventData>\n"),
                );
            }
        }
        crafted.push_str("</Events>\n");
        assert!(same(&crafted, "crafted") > 50);
        same(
            &crafted.replace("</Event>", "</Event>\n"),
            "crafted, a line each",
        );
        same(
            crafted.get(..crafted.len() - 200).unwrap_or(""),
            "crafted, cut off",
        );
        // A head that looks like XML, and no element ever closes: read whole.
        same("<Event xmlns='x'>\nInformation\t8/20/2024 9:49:44 AM\tDeviceManagement-Enterprise-Diagnostics-Provider\t39\tNone\nSCEP: Certificate installed successfully.\n", "never closed");
    }

    #[test]
    fn csv_rows_stream_and_quiet_ones_are_skipped() {
        let story = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../tests/fixtures/windows/name-not-resolved-0x80072ee7-save-as-german.csv"),
        )
        .unwrap();
        let (header, body) = story.split_once('\n').unwrap();
        let mut next = numbers(7);
        let mut text = format!("{header}\n");
        let source = "Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider";
        for n in 0..300 {
            let (m, s) = (59 - n / 60 % 60, 59 - n % 60);
            let time = format!("06.05.2025 10:{m:02}:{s:02}");
            let row = match next() % 12 {
                0 => format!("Informationen,{time},{source},813,Keine,\"MDM PolicyManager: Set policy int, Policy: (DeviceLock)\""),
                1 => format!("Informationen,{time},{source},2800,Keine,\"quoted \"\"word\"\" and\nnew\r\nlines\""),
                2 => format!("Fehler,{time},{source},32,Keine,\"SCEP: Certificate enroll failed. Result: (0x80072ee7).\""),
                3 => format!("Fehler,{time},{source},307,Keine,\"SCEP: Failed LogError Message : (x).\""),
                4 => format!("Informationen,{time},{source},2011,Keine,\"./Vendor/MSFT/ClientCertificateInstall/SCEP/x\""),
                5 => format!("Informationen,{time},{source},813,Keine,\"extra\",\"field\""),
                6 => format!("Informationen,{time},,813,Keine,\"SCEP: Certificate installed successfully.\""),
                7 => format!("Informationen,{time},SyncML Replace,1,Keine,x"),
                8 => "garbage, not, a, row".to_string(),
                9 => format!("Warnung,{time},Microsoft-Windows-CAPI2,11,Keine,\"Result: x\""),
                10 => format!("Informationen,kein Datum,{source},813,Keine,x"),
                _ => format!("Informationen,{time},{source},813,Keine,noise"),
            };
            text.push_str(&row);
            text.push_str(if n % 3 == 0 { "\r\n" } else { "\n" });
            if n == 150 {
                text.push_str(body);
            }
        }
        assert!(same(&text, "crafted CSV") > 100);
        // Cut off in a quoted message: the record ends with the input.
        same(&format!("{text}Informationen,06.05.2025 10:00:00,{source},32,Keine,\"SCEP: Certificate enroll failed.\nResult: (0x"), "cut CSV");
        // A stray quote: the record ends at its bound.
        let stray = format!(
            "{text}Informationen,06.05.2025 10:00:00,{source},813,Keine,\"\n{}{body}",
            "x\n".repeat(600_000)
        );
        same(&stray, "stray quote");
    }
}
