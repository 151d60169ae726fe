//! A log format as data: each declares its platform, how to read one line's
//! prefix (time, thread, message), the signatures that apply, and real sample
//! lines that a test proves are detected as that format.

use std::borrow::Cow;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use super::reader::{self, LineStream};
use super::rules::RuleSet;
use crate::core::event::{Event, Thread};
use crate::core::model::Platform;
use crate::core::time::LogTime;

pub struct Format {
    /// Stable id used in the report (`sources[].format`).
    pub id: &'static str,
    pub platform: Platform,
    /// What people call it.
    pub title: &'static str,
    /// Real lines in this format, each proven by a test to be detected as it.
    pub samples: &'static [&'static str],
    /// Reads a line's prefix columns; `None` for formats known only by keywords.
    /// A format with a [`Format::split`] uses it only to recognize its lines
    /// when detecting.
    pub header: Option<fn(&str) -> Option<Header<'_>>>,
    /// For a format read in another's shape (CA and NDES server events are
    /// Windows event exports): what in a line names this format's own source.
    /// Detection counts a line that `header` or `marks` recognizes, and runs a
    /// `header` that several formats share once per line.
    pub marks: Option<fn(&str) -> bool>,
    /// Where, inside a line's message, the next record of this format begins
    /// when a paste lost the line breaks between records (`… profiled Rolling
    /// back … error 09:12:44.118655-0500 profiled Cannot retrieve …`): the
    /// reader then reads each part as its own record of the same line.
    /// `None` for formats whose records are never glued this way or that
    /// split such lines themselves.
    pub glued: Option<fn(&str) -> Option<usize>>,
    /// Splits the whole input into records itself, for block formats (event
    /// details, XML) where a line prefix does not mark where a record starts.
    /// `header` then only scores detection.
    pub split: Option<Splitter>,
    pub rules: fn() -> &'static RuleSet,
    /// Reads the records itself as lines arrive, when the input's first
    /// lines say its shape allows it (an export that would otherwise be a
    /// block kept whole); `None` reads by `header` or `split`.
    pub stream: Option<StreamHook>,
}

/// Looks at an input's first lines and, when the format reads this shape
/// line by line, gives the reader that does (see [`Format::stream`]).
pub type StreamHook = fn(head: &[&str]) -> Option<Box<dyn LineStream>>;

/// Splits a whole input into records (see [`Format::split`]).
pub type Splitter = for<'a> fn(&[&'a str]) -> Vec<Record<'a>>;

/// What a line's prefix columns say.
pub struct Header<'a> {
    pub time: Option<LogTime>,
    pub thread: Option<Thread>,
    /// The process that wrote the line, when the format says.
    pub process: Option<&'a str>,
    pub message: &'a str,
}

/// How many lines from the top decide the format (then the whole input is
/// searched for keywords only if nothing was found).
const DETECT_LINES: usize = 2000;

/// Picks the format of `formats` (in priority order) whose prefixes and
/// signatures best explain the lines.
pub fn detect(formats: &'static [Format], lines: &[&str]) -> Option<&'static Format> {
    let head = &lines[..lines.len().min(DETECT_LINES)];
    best(formats, head, true).or_else(|| {
        if lines.len() > DETECT_LINES {
            best(formats, &lines[DETECT_LINES..], false)
        } else {
            None
        }
    })
}

/// The format whose prefixes (when `with_headers`) and needles best explain
/// the lines, if any explains one.
pub fn best(
    formats: &'static [Format],
    lines: &[&str],
    with_headers: bool,
) -> Option<&'static Format> {
    scan(formats, lines, with_headers, true)
}

/// [`best`]; with `may_settle` false it reads every line (for the test that
/// settling early never changes the answer).
fn scan(
    formats: &'static [Format],
    lines: &[&str],
    with_headers: bool,
    may_settle: bool,
) -> Option<&'static Format> {
    let rules: Vec<&RuleSet> = formats.iter().map(|f| (f.rules)()).collect();
    let needles = Needles::of(formats);
    let mut mentioned = vec![false; formats.len()];
    let mut scores = vec![0usize; formats.len()];
    // This line's answer of each header test asked so far: detection asks
    // every format about each of up to DETECT_LINES lines, and the Windows
    // export's test (the dearest) serves three formats.
    let mut asked: Vec<(usize, bool)> = Vec::with_capacity(formats.len());
    // What one line can add to a score: 3 for a header or mark, 1 more for
    // a mark, 1 for a needle.
    let most_per_line = if with_headers { 5 } else { 1 };
    for (n, line) in lines.iter().enumerate() {
        // Most logs are one format from the top: once no other format can
        // catch up in the lines left, the answer is known (a 1 MB Android
        // log's detection took 80 % of its analysis in the browser).
        if may_settle
            && n % SETTLED_EVERY == 0
            && settled(&scores, (lines.len() - n) * most_per_line)
        {
            break;
        }
        asked.clear();
        if let Some(needles) = needles {
            needles.mark(line, &mut mentioned);
        }
        for (i, ((format, rules), score)) in formats.iter().zip(&rules).zip(&mut scores).enumerate()
        {
            if with_headers {
                let by_header = format.header.is_some_and(|h| {
                    let key = h as usize;
                    match asked.iter().find(|(k, _)| *k == key) {
                        Some(&(_, known)) => known,
                        None => {
                            let known = h(line).is_some();
                            asked.push((key, known));
                            known
                        }
                    }
                });
                let marked = format.marks.is_some_and(|m| m(line));
                if by_header || marked {
                    *score += 3;
                }
                // A line naming this format's own source breaks the tie
                // with the format whose shape it shares (a CA event's XML
                // without its rendered message names only its provider).
                if marked {
                    *score += 1;
                }
            }
            let mentions = match needles {
                Some(_) => mentioned.get(i).copied().unwrap_or(false),
                None => rules.mentions(line),
            };
            if mentions {
                *score += 1;
            }
        }
    }
    let mut best: Option<(&'static Format, usize)> = None;
    for (format, score) in formats.iter().zip(scores) {
        if score > best.map_or(0, |(_, s)| s) {
            best = Some((format, score));
        }
    }
    best.map(|(f, _)| f)
}

/// Lines between two looks at whether detection is [`settled`].
const SETTLED_EVERY: usize = 64;

/// Whether the format `best` would pick now is the one it picks whatever
/// the lines left (which can add at most `room` to any score): the leader
/// (the first of the highest scores, as `best` picks) stays ahead of every
/// format before it in the table, and at least level with every one after.
fn settled(scores: &[usize], room: usize) -> bool {
    let mut leader = 0;
    for (i, &score) in scores.iter().enumerate() {
        if score > scores.get(leader).copied().unwrap_or(0) {
            leader = i;
        }
    }
    let lead = scores.get(leader).copied().unwrap_or(0);
    lead > 0
        && scores.iter().enumerate().all(|(i, &score)| {
            i == leader
                || (i < leader && score + room < lead)
                || (i > leader && score + room <= lead)
        })
}

/// Every format's needles in one automaton: detection asks which formats
/// each of up to [`DETECT_LINES`] lines mentions, and one search per line
/// costs a fraction of one regex search per format (each with its own
/// set-up, which dominates on a short line). Says the same as
/// [`RuleSet::mentions`] for each format.
struct Needles {
    /// The format table it was built for.
    table: &'static [Format],
    automaton: AhoCorasick,
    /// Each needle's format (index into `table`).
    owner: Vec<usize>,
}

impl Needles {
    /// The automaton of `formats`: built once, for the first table asked
    /// about (the platforms' table); `None` for any other table, whose
    /// formats are then asked one by one.
    fn of(formats: &'static [Format]) -> Option<&'static Needles> {
        static BUILT: OnceLock<Option<Needles>> = OnceLock::new();
        BUILT
            .get_or_init(|| {
                let mut needles = Vec::new();
                let mut owner = Vec::new();
                for (i, format) in formats.iter().enumerate() {
                    for rule in (format.rules)().rules() {
                        needles.push(rule.needle);
                        owner.push(i);
                    }
                }
                // A DFA: detection searches up to DETECT_LINES lines for
                // every needle at once, overlapping, and the default
                // (an NFA) took most of that time in the browser.
                let automaton = AhoCorasick::builder()
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&needles)
                    .ok()?;
                Some(Needles {
                    table: formats,
                    automaton,
                    owner,
                })
            })
            .as_ref()
            .filter(|n| std::ptr::eq(n.table, formats))
    }

    /// Sets `mentioned[i]` to whether `line` holds a needle of format `i`.
    fn mark(&self, line: &str, mentioned: &mut [bool]) {
        mentioned.fill(false);
        for found in self.automaton.find_overlapping_iter(line) {
            if let Some(m) = self.owner.get(found.pattern().as_usize()) {
                if let Some(slot) = mentioned.get_mut(*m) {
                    *slot = true;
                }
            }
        }
    }
}

/// Which formats of `formats` a line mentions, as detection reads it; for
/// the test that it agrees with each format's own [`RuleSet::mentions`].
#[cfg(test)]
pub(crate) fn mentioned(formats: &'static [Format], line: &str) -> Option<Vec<bool>> {
    let needles = Needles::of(formats)?;
    let mut out = vec![false; formats.len()];
    needles.mark(line, &mut out);
    Some(out)
}

/// One log record: a prefixed line and the lines that continue it.
pub struct Record<'a> {
    pub time: Option<LogTime>,
    pub thread: Option<Thread>,
    pub process: Option<Cow<'a, str>>,
    /// (0-based line index, text) of each line of the message. A format with
    /// its own splitter may give normalized text it built itself.
    pub parts: Vec<(usize, Cow<'a, str>)>,
}

/// Reads a normalized record line (`mark<TAB>key=value<TAB>…`, the form
/// the CA and store readers build from block formats) back as its
/// (key, value) pairs.
pub fn fields(normalized: &str) -> impl Iterator<Item = (&str, &str)> {
    normalized
        .split('\t')
        .skip(1)
        .filter_map(|f| f.split_once('='))
}

/// A value on one line for a normalized record: every run of whitespace
/// (tabs and line breaks included) becomes one space, ends trimmed.
pub fn one_line(value: &str) -> String {
    if is_one_line(value) {
        return value.to_string();
    }
    words_joined(value)
}

/// Whether a value already is what [`one_line`] makes of it, checked the
/// quick way most values pass (a CA export has millions of them): ASCII,
/// one space between words, none at the ends.
pub fn is_one_line(value: &str) -> bool {
    let mut space = true;
    value.bytes().all(|c| {
        let ok = c.is_ascii() && !matches!(c, b'\t'..=b'\r') && !(c == b' ' && space);
        space = c == b' ';
        ok
    }) && !space
}

/// Every run of whitespace one space, ends trimmed.
fn words_joined(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for word in value.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Splits `text` with a format's splitter and returns each record's first
/// part (the normalized line a block reader built), for readers' tests.
#[cfg(test)]
pub fn split_texts(split: Splitter, text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    split(&lines)
        .into_iter()
        .filter_map(|r| r.parts.first().map(|(_, t)| t.to_string()))
        .collect()
}

/// A record holds at most this many lines; a longer run of unprefixed lines is
/// more likely pasted text than one message.
pub const MAX_RECORD_LINES: usize = 256;

/// Splits lines into records. Lines without the format's prefix continue the
/// record above them (stack traces, wrapped XML); when no line has a prefix
/// (text pasted without its columns), every line is a record of its own.
pub fn records<'a>(format: &Format, lines: &[&'a str]) -> Vec<Record<'a>> {
    if let Some(split) = format.split {
        return split(lines);
    }
    let mut out: Vec<Record<'a>> = Vec::new();
    let mut open = false;
    for (i, line) in lines.iter().enumerate() {
        let header = format.header.and_then(|h| h(line));
        match header {
            Some(h) => {
                let h = unglue(format, i, h, |r| out.push(r));
                out.push(Record {
                    time: h.time,
                    thread: h.thread,
                    process: h.process.map(Cow::Borrowed),
                    parts: vec![(i, Cow::Borrowed(h.message))],
                });
                open = true;
            }
            None => match out.last_mut() {
                Some(last) if open && last.parts.len() < MAX_RECORD_LINES => {
                    last.parts.push((i, Cow::Borrowed(line)))
                }
                _ => {
                    out.push(Record {
                        time: None,
                        thread: None,
                        process: None,
                        parts: vec![(i, Cow::Borrowed(line))],
                    });
                    open = false;
                }
            },
        }
    }
    out
}

/// Splits off the records a paste glued in front of a line's last one (see
/// [`Format::glued`]): each goes to `done` as a record of line `index`, and
/// the last one's header is returned for the caller to go on with.
pub fn unglue<'a>(
    format: &Format,
    index: usize,
    mut h: Header<'a>,
    mut done: impl FnMut(Record<'a>),
) -> Header<'a> {
    let (Some(find), Some(header)) = (format.glued, format.header) else {
        return h;
    };
    // Each turn moves past a non-empty part of the message, so it ends.
    while let Some((at, next)) = find(h.message)
        .filter(|&at| at > 0)
        .and_then(|at| Some((at, header(h.message.get(at..)?)?)))
    {
        let message = h.message.get(..at).unwrap_or_default().trim_end();
        done(Record {
            time: h.time,
            thread: h.thread,
            process: h.process.map(Cow::Borrowed),
            parts: vec![(index, Cow::Borrowed(message))],
        });
        h = next;
    }
    h
}

/// Runs the format's signatures over its lines. Returns the events and the
/// number of distinct lines that produced one.
pub fn events(format: &'static Format, source: usize, lines: &[&str]) -> (Vec<Event>, usize) {
    let mut reader = reader::RecordReader::new(format, source);
    reader.push_lines(0, lines);
    let found = reader.finish();
    (found.events, found.recognized)
}

/// Runs the format's signatures over records already split.
pub fn record_events(format: &Format, source: usize, records: Vec<Record>) -> (Vec<Event>, usize) {
    let rules = (format.rules)();
    let mut found = reader::Found::default();
    for record in records {
        reader::read_record(rules, source, record, &mut found);
    }
    (found.events, found.recognized)
}

/// The line index holding byte `offset` of the record's joined text.
pub(crate) fn line_at(parts: &[(usize, Cow<str>)], offset: usize) -> usize {
    let mut start = 0;
    for (line, text) in parts {
        let end = start + text.len();
        if offset <= end {
            return *line;
        }
        start = end + 1;
    }
    parts.last().map_or(0, |(line, _)| *line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_takes_a_plain_value_as_it_is() {
        for v in [
            "",
            " ",
            "a",
            "a b",
            "a  b",
            " a",
            "a ",
            "a\tb",
            "a\r\nb",
            "a\u{b}b",
            "a\u{3000}b",
            "a\u{a0}b",
            "要求 ID",
            "x\u{85}",
            "\u{1f}a",
            "CONTOSO\\svc-ndes",
        ] {
            assert_eq!(one_line(v), words_joined(v), "{v:?}");
        }
    }
    use crate::core::testing::fixture_files;
    use crate::input::decode::split_lines;
    use crate::platforms::FORMATS;

    /// Every text fixture, decoded as detection sees it.
    fn fixtures() -> Vec<(String, String)> {
        fixture_files()
            .into_iter()
            .filter_map(|path| {
                Some((
                    path.display().to_string(),
                    std::fs::read_to_string(&path).ok()?,
                ))
            })
            .collect()
    }

    #[test]
    fn settling_early_picks_what_reading_every_line_picks() {
        let texts = fixtures();
        assert!(texts.len() > 100);
        let check = |name: &str, lines: &[&str]| {
            for with_headers in [true, false] {
                let pick = |settle| scan(FORMATS, lines, with_headers, settle).map(|f| f.id);
                assert_eq!(pick(true), pick(false), "{name} (headers: {with_headers})");
            }
        };
        let all: Vec<Vec<&str>> = texts
            .iter()
            .map(|(_, t)| split_lines(t).map(|(l, _)| l).take(DETECT_LINES).collect())
            .collect();
        for ((name, _), lines) in texts.iter().zip(&all) {
            check(name, lines);
        }
        // One format's lines, then another's: the leader changes on the way.
        for (i, a) in all.iter().enumerate() {
            let b = &all[(i * 7 + 3) % all.len()];
            for cut in [64, 500, 1500] {
                let mixed: Vec<&str> = a
                    .iter()
                    .take(cut)
                    .chain(b.iter())
                    .take(DETECT_LINES)
                    .copied()
                    .collect();
                check(&texts[i].0, &mixed);
            }
        }
    }

    #[test]
    fn settled_only_when_no_format_can_catch_up() {
        assert!(!settled(&[0, 0], 0), "nothing found yet");
        assert!(settled(&[10, 4], 5));
        assert!(
            settled(&[10, 5], 5),
            "a later format that can only tie loses"
        );
        assert!(!settled(&[5, 10], 5), "an earlier format that can tie wins");
        assert!(settled(&[4, 10], 5));
        assert!(!settled(&[3, 10, 6], 5));
    }
}
