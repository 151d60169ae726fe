//! Analysis fed in chunks, so memory stays flat however big the input: only
//! the events, the lines they cite and the record that may go on are kept.
//! `begin` an input, `feed` its bytes in pieces of any size, `finish` for
//! the report. [`crate::analyze`] is this with each input fed whole, so the
//! report never depends on where the pieces end.
//!
//! ```text
//! bytes ─ sniff (first 4 KiB) ─┬─ text: decode → complete lines → Lines
//!                              └─ zip / cab / .evtx / DER .cer .p7b: kept whole, read at the end
//! ```

use serde::Serialize;

use crate::core::event::Event;
use crate::core::lang::Lang;
use crate::core::model::Platform;
use crate::core::options::Options;
use crate::core::report::{Problem, Report, Source};
use crate::input::decode::{split_lines, Decoded, Decoder, Sniffed, SNIFF_BYTES};
use crate::input::{archive, rtf};
use crate::parse::format::{self, Format};
use crate::parse::paste::{self, Paste};
use crate::parse::reader::{Found, RecordReader};
use crate::platforms::{self, store, windows};

/// Analyzes several sources together into one report. Zip archives among
/// them are opened and each member is a source of its own. The same as
/// feeding each input whole to an [`Analysis`].
pub fn analyze(inputs: &[crate::input::Input]) -> Report {
    analyze_with(inputs, Options::default())
}

/// [`analyze`] with what the admin stated besides the logs.
pub fn analyze_with(inputs: &[crate::input::Input], options: Options) -> Report {
    let mut analysis = Analysis::with_options(options);
    for input in inputs {
        analysis.begin(input.name);
        analysis.feed(input.bytes);
    }
    analysis.finish()
}

/// Decoded text is handed on in complete lines once this much has gathered
/// (or at the end), so tiny pieces do not mean tiny batches.
const BATCH_BYTES: usize = 256 << 10;

/// An analysis in progress over one or more inputs.
#[derive(Default)]
pub struct Analysis {
    sources: Vec<Source>,
    events: Vec<(Platform, Vec<Event>)>,
    cited: Vec<CitedLine>,
    inputs: usize,
    current: Option<Input>,
    options: Options,
    /// Whether a `.evtx` file's kept records keep their Event XML.
    record_texts: bool,
}

/// What a finished analysis gives.
pub struct Finished {
    pub report: Report,
    /// Every line the report cites, in (source, line) order.
    pub lines: Vec<CitedLine>,
}

/// One cited line's text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CitedLine {
    pub source: usize,
    /// 1-based line number in the source.
    pub line: usize,
    pub text: String,
}

/// The input being fed.
enum Input {
    /// Its first bytes, until they say what it is.
    Sniffing {
        name: String,
        head: Vec<u8>,
    },
    Text(Box<TextSource>),
    /// Empty or not text: the rest is not read.
    NotText {
        name: String,
        decoded: Decoded,
    },
    /// An archive or a binary event log: read whole at the end.
    Whole {
        name: String,
        bytes: Vec<u8>,
    },
}

impl Analysis {
    pub fn new() -> Analysis {
        Analysis::default()
    }

    /// Keeps the Event XML of the `.evtx` records a report may cite, for
    /// [`Analysis::finish_with_lines`]: the page shows them for a file too
    /// big to keep. Off by default: nothing else shows them, and the XML of
    /// a log whose every event is kept (the connector's) is as big as the
    /// file again.
    pub fn keep_record_texts(&mut self) {
        self.record_texts = true;
    }

    /// The device's UTC offset the admin states (see [`Options`]), any time
    /// before the analysis finishes.
    pub fn set_device_utc_offset(&mut self, offset: Option<crate::core::time::UtcOffset>) {
        self.options.device_utc_offset = offset;
    }

    pub fn with_options(options: Options) -> Analysis {
        Analysis {
            options,
            ..Analysis::default()
        }
    }

    /// Starts the next input (file or paste); the one before it is complete.
    pub fn begin(&mut self, name: &str) {
        self.end_input();
        self.inputs += 1;
        self.current = Some(Input::Sniffing {
            name: name.to_string(),
            head: Vec::new(),
        });
    }

    /// The next bytes of the current input (an input is begun if none was).
    pub fn feed(&mut self, mut bytes: &[u8]) {
        if self.current.is_none() {
            self.begin("input");
        }
        let index = self.sources.len();
        while !bytes.is_empty() {
            let Some(input) = self.current.as_mut() else {
                return;
            };
            match input {
                Input::Sniffing { name, head } => {
                    let take = bytes.len().min(SNIFF_BYTES - head.len());
                    head.extend_from_slice(bytes.get(..take).unwrap_or_default());
                    bytes = bytes.get(take..).unwrap_or_default();
                    if head.len() == SNIFF_BYTES {
                        let (name, head) = (std::mem::take(name), std::mem::take(head));
                        self.current = Some(start(name, index, head));
                    }
                }
                Input::Text(text) => return text.push(bytes),
                Input::NotText { .. } => return,
                Input::Whole { bytes: kept, .. } => {
                    kept.extend_from_slice(bytes);
                    return;
                }
            }
        }
    }

    /// The input just begun is a binary `.evtx` file, read where it lies:
    /// the parser reads it chunk by chunk, so the file need not be in
    /// memory (the CLI's file on disk, the page worker's `File`); fed as
    /// bytes instead, it is kept whole until its end.
    pub fn read_evtx(&mut self, reader: impl std::io::Read + std::io::Seek) {
        let name = match self.current.take() {
            Some(Input::Sniffing { name, head }) if head.is_empty() => name,
            other => {
                // Bytes were fed already: they are the input.
                self.current = other;
                return;
            }
        };
        let index = self.sources.len();
        let (mut source, events, texts) =
            windows::evtx_source_read(index, &name, reader, self.record_texts);
        source.input = self.inputs.saturating_sub(1);
        self.add(source, events, record_lines(index, texts));
    }

    /// Every input is complete: the report.
    pub fn finish(self) -> Report {
        self.finish_with_lines().report
    }

    /// Every input is complete: the report, and the text of every line it
    /// cites (inputs too big to keep whole can still show their evidence).
    pub fn finish_with_lines(mut self) -> Finished {
        self.end_input();
        let mut report = crate::judge::report_of(self.sources, self.events, &self.options);
        // Everything above carries codes and values; the texts are rendered
        // once, here, in English (`localize` renders another language).
        crate::text::i18n::localize_in(&mut report, Lang::En);
        let wanted = report.cited();
        let mut lines = self.cited;
        lines.retain(|c| wanted.contains(&(c.source, c.line)));
        lines.sort_by_key(|c| (c.source, c.line));
        lines.dedup_by_key(|c| (c.source, c.line));
        Finished { report, lines }
    }

    fn end_input(&mut self) {
        let input = self.inputs.saturating_sub(1);
        let index = self.sources.len();
        match self.current.take() {
            None => {}
            Some(Input::Sniffing { name, head }) => {
                let started = start(name, index, head);
                self.current = Some(started);
                self.end_input();
            }
            Some(read @ (Input::Text(_) | Input::NotText { .. })) => {
                if let Some((source, events, cited)) = finished(read, input, None) {
                    self.add(source, events, cited);
                }
            }
            Some(Input::Whole { name, bytes }) => {
                for member in archive::expand(&name, &bytes) {
                    let index = self.sources.len();
                    if windows::is_evtx(&member.bytes) {
                        let (mut source, events, texts) = windows::evtx_source(
                            index,
                            &member.name,
                            &member.bytes,
                            self.record_texts,
                        );
                        source.input = input;
                        self.add(source, events, record_lines(index, texts));
                        continue;
                    }
                    if store::is_der(&member.bytes) {
                        let (mut source, events) =
                            store::der_source(index, &member.name, &member.bytes);
                        source.input = input;
                        self.add(source, events, Vec::new());
                        continue;
                    }
                    let inherited = (!member.problems.is_empty()).then_some(member.problems);
                    // Expanded members are never archives again.
                    let read = start(member.name, index, member.bytes);
                    let Some((source, events, cited)) = finished(read, input, inherited) else {
                        continue;
                    };
                    self.add(source, events, cited);
                }
            }
        }
    }

    fn add(&mut self, source: Source, events: Vec<Event>, cited: Vec<CitedLine>) {
        if let Some(platform) = source.platform {
            // A text source of a known format, or an event log of a known
            // provider: its platform is reported even with no event.
            if !events.is_empty()
                || source.format != "windows-evtx"
                || platform == Platform::Windows
            {
                match self.events.iter_mut().find(|(p, _)| *p == platform) {
                    Some((_, list)) => list.extend(events),
                    None => self.events.push((platform, events)),
                }
            }
        }
        self.cited.extend(cited);
        self.sources.push(source);
    }
}

/// A `.evtx` source's kept records as the lines a report may cite.
fn record_lines(source: usize, texts: windows::RecordTexts) -> Vec<CitedLine> {
    (texts.into_iter())
        .map(|(line, text)| CitedLine { source, line, text })
        .collect()
}

/// The source a text or not-text input gives once it is complete; an archive
/// member that could not be (fully) opened carries its own problems.
fn finished(
    read: Input,
    input: usize,
    inherited: Option<Vec<Problem>>,
) -> Option<(Source, Vec<Event>, Vec<CitedLine>)> {
    match read {
        Input::Text(text) => Some(text.finish(input, inherited)),
        Input::NotText { name, decoded } => {
            let source = Source {
                name,
                input,
                format: "unknown".to_string(),
                platform: None,
                encoding: decoded.encoding.as_str().to_string(),
                lines: 0,
                recognized: 0,
                problems: inherited.unwrap_or(decoded.problems),
            };
            Some((source, Vec::new(), Vec::new()))
        }
        Input::Sniffing { .. } | Input::Whole { .. } => None,
    }
}

/// What an input's first bytes (all of it, if shorter) make of it. A text
/// input has read them already.
fn start(name: String, index: usize, head: Vec<u8>) -> Input {
    if archive::is_archive(&head) || windows::is_evtx(&head) || store::is_der(&head) {
        return Input::Whole { name, bytes: head };
    }
    let sniff_len = head.len().min(SNIFF_BYTES);
    match Decoder::sniff(head.get(..sniff_len).unwrap_or_default()) {
        Sniffed::NotText(decoded) => Input::NotText { name, decoded },
        Sniffed::Text(decoder, bom) => {
            let mut text = Box::new(TextSource {
                name,
                index,
                decoder,
                pending: String::new(),
                lines: Lines::new(index, true),
            });
            text.push(head.get(bom..).unwrap_or_default());
            Input::Text(text)
        }
    }
}

/// A text input being decoded and read.
struct TextSource {
    name: String,
    index: usize,
    decoder: Decoder,
    /// Decoded text not yet handed on as complete lines.
    pending: String,
    lines: Lines,
}

impl TextSource {
    fn push(&mut self, bytes: &[u8]) {
        for piece in bytes.chunks(BATCH_BYTES) {
            self.decoder.push(piece, &mut self.pending);
            if self.pending.len() >= BATCH_BYTES {
                self.flush(false);
            }
        }
    }

    /// Hands on every complete line (every line, at the end). A CR that ends
    /// the text waits: an LF may follow in the next piece.
    fn flush(&mut self, at_end: bool) {
        let bytes = self.pending.as_bytes();
        let cut = if at_end {
            bytes.len()
        } else {
            match memchr::memrchr2(b'\n', b'\r', bytes) {
                Some(i) if bytes.get(i) == Some(&b'\r') && i + 1 == bytes.len() => {
                    memchr::memrchr2(b'\n', b'\r', bytes.get(..i).unwrap_or_default())
                        .map_or(0, |j| j + 1)
                }
                Some(i) => i + 1,
                None => 0,
            }
        };
        if cut == 0 {
            return;
        }
        let rest = self.pending.split_off(cut);
        let complete = std::mem::replace(&mut self.pending, rest);
        self.lines.take(&complete);
    }

    fn finish(
        mut self,
        input: usize,
        inherited: Option<Vec<Problem>>,
    ) -> (Source, Vec<Event>, Vec<CitedLine>) {
        let decoded_problems = self.decoder.finish(&mut self.pending);
        self.flush(true);
        let read = self.lines.finish();
        // An archive member that could not be (fully) opened carries its own
        // problems instead.
        let mut problems = inherited.unwrap_or(decoded_problems);
        if read.format.is_none() {
            if !read.blank {
                problems.push(Problem::coded("unknown-format"));
            } else if problems.is_empty() {
                problems.push(Problem::coded("empty"));
            }
        }
        let mut read = read;
        // A line with no time of its own behind another tool's timestamp (a
        // ticket's, a log collector's): that time, and the report says whose
        // clock it is.
        if foreign_times(&mut read.found) {
            problems.push(Problem::coded("foreign-times"));
        }
        // Device lines pasted without their columns: the story is in line
        // order, and the report says the times are not in the text. (A CA
        // export dates its rows in columns of their own; a registry export
        // holds state, which has no time to lose.)
        let events = &read.found.events;
        let device = read.format.is_some_and(|f| {
            matches!(
                f.platform,
                Platform::Android | Platform::Ios | Platform::Windows
            ) && f.id != crate::platforms::windows::registry::FORMAT.id
        });
        if device && !events.is_empty() && events.iter().all(|e| e.time.is_none()) {
            problems.push(Problem::coded("no-times"));
        }
        let cited = read
            .found
            .cited
            .into_iter()
            .map(|(line, text)| CitedLine {
                source: self.index,
                line: line + 1,
                text,
            })
            .collect();
        let source = Source {
            name: self.name,
            input,
            format: read.format.map_or("unknown", |f| f.id).to_string(),
            platform: read.format.map(|f| f.platform),
            encoding: self.decoder.encoding.as_str().to_string(),
            lines: read.count,
            recognized: read.found.recognized,
            problems,
        };
        (source, read.found.events, cited)
    }
}

/// Gives each event with no time of its own the timestamp another tool wrote
/// in front of its line ([`paste::foreign_time`]); whether any got one.
fn foreign_times(found: &mut Found) -> bool {
    if found.events.iter().all(|e| e.time.is_some()) {
        return false;
    }
    let text: std::collections::HashMap<usize, &str> = (found.cited.iter())
        .map(|(i, t)| (*i, t.as_str()))
        .collect();
    let mut any = false;
    for event in found.events.iter_mut().filter(|e| e.time.is_none()) {
        let line = event.line.checked_sub(1).and_then(|i| text.get(&i));
        if let Some(time) = line.and_then(|l| paste::foreign_time(l)) {
            event.time = Some(time);
            any = true;
        }
    }
    any
}

/// How many lines from the top decide the format, RTF and TextEdit
/// artefacts; with no format found, each further window of this many lines
/// is searched for keywords until one is.
const DETECT_LINES: usize = 2000;

/// Complete lines of one text source: detection, then the format's reader.
struct Lines {
    index: usize,
    /// Lines handed to detection or the reader so far.
    count: usize,
    /// Nothing but white space so far.
    blank: bool,
    /// A whole RTF document may still be recognized (not when reading the
    /// text that came out of one).
    rtf: bool,
    stage: Stage,
}

enum Stage {
    /// The first lines, which decide RTF, TextEdit artefacts and the format.
    Head(Vec<String>),
    /// A whole RTF document: kept, converted at the end.
    Rtf(String),
    /// No format yet: further lines, searched a window at a time.
    Searching {
        window: Vec<String>,
        artefacts: Cleaning,
    },
    Reading {
        format: &'static Format,
        reader: Box<RecordReader>,
        artefacts: Cleaning,
    },
}

/// What a text source's lines gave.
struct Read {
    format: Option<&'static Format>,
    count: usize,
    blank: bool,
    found: Found,
}

impl Lines {
    fn new(index: usize, rtf: bool) -> Lines {
        Lines {
            index,
            count: 0,
            blank: true,
            rtf,
            stage: Stage::Head(Vec::new()),
        }
    }

    /// Takes complete lines (`text` ends with a line end, or is the last).
    fn take(&mut self, text: &str) {
        match &mut self.stage {
            Stage::Head(head) => {
                for (line, end) in split_lines(text) {
                    head.push(line.to_string());
                    if head.len() == DETECT_LINES {
                        self.decide_head();
                        return self.take(text.get(end..).unwrap_or_default());
                    }
                }
            }
            Stage::Rtf(kept) => kept.push_str(text),
            Stage::Searching { window, artefacts } => {
                let artefacts = *artefacts;
                for (line, end) in split_lines(text) {
                    window.push(clean(line, artefacts));
                    if window.len() == DETECT_LINES {
                        self.search(false);
                        return self.take(text.get(end..).unwrap_or_default());
                    }
                }
            }
            Stage::Reading {
                reader, artefacts, ..
            } => {
                if artefacts.any() {
                    // Cleaned into one text, so the skipping reader still
                    // skips (line by line, every line was read). A line
                    // whose escapes spell a line break keeps the slow path:
                    // it must stay one line.
                    let artefacts = *artefacts;
                    let (cleaned, breaks) = clean_text(text, artefacts);
                    if !breaks {
                        self.count += reader.push_text(self.count, &cleaned);
                    } else {
                        let cleaned: Vec<String> = split_lines(text)
                            .map(|(l, _)| clean(l, artefacts))
                            .collect();
                        let lines: Vec<&str> = cleaned.iter().map(String::as_str).collect();
                        reader.push_lines(self.count, &lines);
                        self.count += lines.len();
                    }
                } else {
                    self.count += reader.push_text(self.count, text);
                }
            }
        }
    }

    /// The head is complete (or the input ended within it).
    fn decide_head(&mut self) {
        let Stage::Head(head) = std::mem::replace(&mut self.stage, Stage::Rtf(String::new()))
        else {
            return;
        };
        let joined = head.join("\n");
        if self.rtf && rtf::is_document(&joined) {
            self.stage = Stage::Rtf(joined + "\n");
            return;
        }
        let textedit = rtf::has_artefacts(&joined);
        // A paste's rendering shows in the lines TextEdit's were undone in.
        let paste = if textedit {
            let unescaped: Vec<String> = head.iter().map(|l| rtf::unescape_line(l)).collect();
            paste::looks_pasted(&unescaped)
        } else {
            paste::looks_pasted(&head)
        };
        let artefacts = Cleaning { textedit, paste };
        let window = head.iter().map(|l| clean(l, artefacts)).collect();
        self.stage = Stage::Searching { window, artefacts };
        self.search(true);
    }

    /// Looks for a format in the window; found, its lines are read.
    fn search(&mut self, with_headers: bool) {
        let Stage::Searching { window, artefacts } = &mut self.stage else {
            return;
        };
        let artefacts = *artefacts;
        let window = std::mem::take(window);
        let lines: Vec<&str> = window.iter().map(String::as_str).collect();
        if self.blank {
            self.blank = lines.iter().all(|l| l.trim().is_empty());
        }
        let first = self.count;
        self.count += lines.len();
        if let Some(format) = format::best(platforms::FORMATS, &lines, with_headers) {
            // Only a source's very first lines say how a block format reads.
            let mut reader = Box::new(if first == 0 {
                RecordReader::for_head(format, self.index, &lines)
            } else {
                RecordReader::new(format, self.index)
            });
            reader.push_lines(first, &lines);
            self.stage = Stage::Reading {
                format,
                reader,
                artefacts,
            };
        }
    }

    fn finish(mut self) -> Read {
        if matches!(self.stage, Stage::Head(_)) {
            self.decide_head();
        }
        if let Stage::Rtf(document) = &self.stage {
            let mut inner = Lines::new(self.index, false);
            inner.take(&rtf::strip(document));
            return inner.finish();
        }
        if matches!(self.stage, Stage::Searching { .. }) {
            self.search(false);
        }
        match self.stage {
            Stage::Reading { format, reader, .. } => Read {
                format: Some(format),
                count: self.count,
                blank: false,
                found: reader.finish(),
            },
            _ => Read {
                format: None,
                count: self.count,
                blank: self.blank,
                found: Found::default(),
            },
        }
    }
}

/// What the lines of a text need undone before they are read, decided from
/// its first lines.
#[derive(Clone, Copy, Default)]
struct Cleaning {
    /// TextEdit's artefacts (trailing `\`, `\'93`).
    textedit: bool,
    /// A forum's, ticket's or editor's rendering ([`paste`]).
    paste: Option<Paste>,
}

impl Cleaning {
    fn any(self) -> bool {
        self.textedit || self.paste.is_some()
    }
}

/// Every line of `text` cleaned as [`clean`] does, each ended by `\n`, and
/// whether a cleaned line holds a line break of its own (an escape spelled
/// one), which would make it two lines in the cleaned text.
fn clean_text(text: &str, artefacts: Cleaning) -> (String, bool) {
    let mut out = String::with_capacity(text.len());
    let mut unescaped = String::new();
    let mut breaks = false;
    for (line, _) in split_lines(text) {
        let from = out.len();
        match (artefacts.textedit, artefacts.paste) {
            // Straight into the text: no copy of each line on the way.
            (true, None) => rtf::unescape_line_into(line, &mut out),
            (true, Some(p)) => {
                unescaped.clear();
                rtf::unescape_line_into(line, &mut unescaped);
                out.push_str(&paste::clean(&unescaped, p));
            }
            (false, Some(p)) => out.push_str(&paste::clean(line, p)),
            (false, None) => out.push_str(line),
        }
        breaks = breaks
            || memchr::memchr2(b'\n', b'\r', out.as_bytes().get(from..).unwrap_or_default())
                .is_some();
        out.push('\n');
    }
    (out, breaks)
}

/// A line with TextEdit's artefacts and a paste's rendering undone, when the
/// text has them.
fn clean(line: &str, artefacts: Cleaning) -> String {
    let line = if artefacts.textedit {
        rtf::unescape_line(line)
    } else {
        line.to_string()
    };
    match artefacts.paste {
        Some(p) => paste::clean(&line, p).into_owned(),
        None => line,
    }
}
