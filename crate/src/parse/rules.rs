//! Signatures as data: each rule is a literal needle (a cheap prefilter), a
//! regex that runs only where the needle occurs, and a small function that
//! turns the captures into what the line proves.

use regex::{Captures, Regex};
use std::sync::OnceLock;

use super::needles::{AnyLiteral, SKIP_SEARCH};
use super::teddy::Teddy;
use crate::core::event::{Signal, Subject};

pub struct Rule {
    /// Names the rule in tests and docs.
    pub name: &'static str,
    /// A literal every match contains; the regex runs only where it occurs.
    pub needle: &'static str,
    pub pattern: &'static str,
    pub build: fn(&Captures) -> Option<(Subject, Signal)>,
}

/// The lowest-priority rule of a table: it reads a record only when no
/// other rule made an event of it (a catch-all for lines that look relevant
/// but match no known signature).
pub struct Fallback {
    pub name: &'static str,
    /// Processes whose records it reads; a record whose format names no
    /// process is read too.
    pub processes: &'static [&'static str],
    /// Must match somewhere in the record.
    pub pattern: &'static str,
    /// Literals one of which every match of `pattern` holds, in any ASCII
    /// case: WebAssembly looks for them first and runs the pattern only on
    /// the lines holding one (a test checks both find the same matches).
    pub literals: &'static [&'static str],
    /// Gets the whole record text.
    pub build: fn(&str) -> Option<(Subject, Signal)>,
}

/// A table of rules with their regexes compiled once, each when its needle
/// is first found: detection asks every format's table whether a line
/// mentions it, and compiling every table's patterns up front cost more
/// than reading a 10 MB log (150 M instructions, most of them for the rules
/// of platforms the input is not from).
pub struct RuleSet {
    rules: &'static [Rule],
    compiled: Vec<OnceLock<Option<Regex>>>,
    /// Each rule's needle as a searcher built once (building one per rule
    /// and record, as `str::contains` does, cost more than the search).
    finders: Vec<memchr::memmem::Finder<'static>>,
    /// Every needle in one search ([`AnyLiteral`]) that rejects most lines
    /// in one pass. Built when this table first reads a text: detection
    /// builds every format's table, and compiling all the alternations up
    /// front cost 15 M of the 225 M instructions a small Android log took
    /// (test profile), whatever the input.
    any_needle: OnceLock<Option<AnyLiteral>>,
    fallback: Option<FallbackSearch>,
}

impl RuleSet {
    pub fn new(rules: &'static [Rule]) -> RuleSet {
        RuleSet {
            rules,
            // A pattern that does not compile is a bug a unit test catches;
            // at run time the rule is skipped rather than panicking.
            compiled: rules.iter().map(|_| OnceLock::new()).collect(),
            finders: (rules.iter())
                .map(|r| memchr::memmem::Finder::new(r.needle.as_bytes()))
                .collect(),
            any_needle: OnceLock::new(),
            fallback: None,
        }
    }

    /// Adds the catch-all that runs when no rule matched a record.
    pub fn with_fallback(mut self, fallback: &'static Fallback) -> RuleSet {
        self.fallback = FallbackSearch::new(fallback, SKIP_SEARCH);
        self
    }

    /// The same table with the fallback's literal search on or off, whatever
    /// [`SKIP_SEARCH`] says: the tests run both paths on any target.
    #[cfg(test)]
    pub fn with_literal_search(&self, on: bool) -> RuleSet {
        let mut set = RuleSet::new(self.rules);
        set.fallback = (self.fallback.as_ref()).and_then(|f| FallbackSearch::new(f.fallback, on));
        set
    }

    pub fn fallback(&self) -> Option<&'static Fallback> {
        self.fallback.as_ref().map(|f| f.fallback)
    }

    /// Runs the rules over one record; when none of them made an event, the
    /// fallback gets its turn. Returns whether the event came from the
    /// fallback (the record was not recognized).
    pub fn apply_record(
        &self,
        process: Option<&str>,
        text: &str,
        mut emit: impl FnMut(usize, Subject, Signal),
    ) -> bool {
        let mut matched = false;
        self.apply(text, |offset, subject, signal| {
            matched = true;
            emit(offset, subject, signal);
        });
        if matched {
            return false;
        }
        let Some(search) = &self.fallback else {
            return false;
        };
        let from_process = process.is_none_or(|p| search.fallback.processes.contains(&p));
        if !from_process || !search.is_match(text) {
            return false;
        }
        match (search.fallback.build)(text) {
            Some((subject, signal)) => {
                emit(0, subject, signal);
                true
            }
            None => false,
        }
    }

    pub fn rules(&self) -> &'static [Rule] {
        self.rules
    }

    fn any_needle(&self) -> Option<&AnyLiteral> {
        self.any_needle
            .get_or_init(|| {
                let needles: Vec<&str> = self.rules.iter().map(|r| r.needle).collect();
                AnyLiteral::new(&needles)
            })
            .as_ref()
    }

    /// Whether any needle occurs in `text` (used by format detection).
    pub fn mentions(&self, text: &str) -> bool {
        match self.any_needle() {
            Some(search) => search.is_match(text),
            None => self.rules.iter().any(|r| text.contains(r.needle)),
        }
    }

    /// Whether a record of `process` whose text is `text` can produce an
    /// event: a needle occurs in it, or the fallback reads its process and
    /// its pattern occurs ([`RuleSet::apply_record`] finds nothing else).
    pub fn may_match(&self, process: Option<&str>, text: &str) -> bool {
        self.mentions(text)
            || self.fallback.as_ref().is_some_and(|search| {
                process.is_none_or(|p| search.fallback.processes.contains(&p))
                    && search.is_match(text)
            })
    }

    /// Byte offsets in `text` where a rule's needle occurs, in order (with
    /// the skip loop, overlapping ones too: only the lines they fall on
    /// matter), and then those where the fallback's pattern does: a record
    /// holding none of them yields no event. Where the literal search picks
    /// the fallback's lines, its pattern runs only on those (split at `\n`,
    /// without it) that `keep` accepts: a reader that will not count a match
    /// on some lines need not look for one there.
    pub fn hits<'t>(
        &'t self,
        text: &'t str,
        keep: impl Fn(&str) -> bool,
    ) -> (Vec<usize>, Vec<usize>) {
        let needles = match self.any_needle() {
            Some(search) => search.starts(text),
            // Never without a compiled alternation in practice: every line.
            None => std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
                .collect(),
        };
        let fallback = match &self.fallback {
            Some(search) => search.starts(text, keep),
            None => Vec::new(),
        };
        (needles, fallback)
    }

    /// The lines of `text` (0-based) on which the regex's search and the
    /// skip loop ([`AnyLiteral`]) each find a needle, whatever this target uses: a test
    /// checks they agree.
    #[cfg(test)]
    pub fn lines_found_both_ways(
        &self,
        text: &str,
    ) -> (
        std::collections::BTreeSet<usize>,
        std::collections::BTreeSet<usize>,
    ) {
        let needles: Vec<&str> = self.rules.iter().map(|r| r.needle).collect();
        let ends: Vec<usize> = memchr::memchr_iter(b'\n', text.as_bytes()).collect();
        let lines = |skip: bool| {
            let search = AnyLiteral::with_skip(&needles, skip).unwrap();
            assert_eq!(matches!(search, AnyLiteral::Skip(_)), skip);
            (search.starts(text).into_iter())
                .map(|at| ends.partition_point(|&end| end < at))
                .collect()
        };
        (lines(false), lines(true))
    }

    /// Runs every rule over `text`, calling `emit` with the byte offset of each
    /// match and what it proves.
    pub fn apply(&self, text: &str, mut emit: impl FnMut(usize, Subject, Signal)) {
        if !self.mentions(text) {
            return;
        }
        let rules = self.rules.iter().zip(&self.compiled).zip(&self.finders);
        for ((rule, regex), needle) in rules {
            if needle.find(text.as_bytes()).is_none() {
                continue;
            }
            let Some(regex) = regex.get_or_init(|| Regex::new(rule.pattern).ok()) else {
                continue;
            };
            for caps in regex.captures_iter(text) {
                let offset = caps.get(0).map_or(0, |m| m.start());
                if let Some((subject, signal)) = (rule.build)(&caps) {
                    emit(offset, subject, signal);
                }
            }
        }
    }
}

/// A fallback's pattern, and where [`SKIP_SEARCH`] holds a search for its
/// literals: the regex crate has no SIMD literal search for a
/// case-insensitive alternation in WebAssembly, and running the pattern
/// over every line was a third of an iOS log's time there. Its matches
/// hold no line end, so running it on the lines holding a literal finds
/// the same matches.
struct FallbackSearch {
    fallback: &'static Fallback,
    regex: Regex,
    literals: Option<Teddy>,
}

impl FallbackSearch {
    fn new(fallback: &'static Fallback, prefilter: bool) -> Option<FallbackSearch> {
        let spellings: Vec<String> = fallback
            .literals
            .iter()
            .flat_map(|l| spellings(l))
            .collect();
        let spellings: Vec<&str> = spellings.iter().map(String::as_str).collect();
        Some(FallbackSearch {
            fallback,
            regex: Regex::new(fallback.pattern).ok()?,
            literals: prefilter.then(|| Teddy::new(&spellings, true)).flatten(),
        })
    }

    /// Whether the pattern matches somewhere in `text`.
    fn is_match(&self, text: &str) -> bool {
        match &self.literals {
            Some(literals) => {
                (candidate_lines(literals, text)).any(|line| self.regex.is_match(line))
            }
            None => self.regex.is_match(text),
        }
    }

    /// Where the pattern's matches start in `text`, as `find_iter` gives them,
    /// left out on the lines `keep` refuses where the literals' search picks
    /// lines (without it every match is kept: the regex reads the text whole).
    fn starts(&self, text: &str, keep: impl Fn(&str) -> bool) -> Vec<usize> {
        let Some(literals) = &self.literals else {
            return self.regex.find_iter(text).map(|m| m.start()).collect();
        };
        let base = text.as_ptr() as usize;
        (candidate_lines(literals, text))
            .filter(|line| keep(line))
            .flat_map(|line| {
                let start = line.as_ptr() as usize - base;
                self.regex.find_iter(line).map(move |m| start + m.start())
            })
            .collect()
    }
}

/// The lines of `text` (without their `\n`) on which `literals` finds a
/// needle, in order.
fn candidate_lines<'t>(literals: &'t Teddy, text: &'t str) -> impl Iterator<Item = &'t str> + 't {
    let bytes = text.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = literals.find_from(bytes, from)?;
        let start = memchr::memrchr(b'\n', bytes.get(..at)?).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', bytes.get(at..)?).map_or(bytes.len(), |i| at + i);
        from = end + 1;
        text.get(start..end)
    })
}

/// A literal's spellings that `(?i)` matches: Unicode's simple case folding
/// maps two non-ASCII characters to ASCII letters, `ſ` (U+017F) to `s` and
/// the Kelvin sign `K` (U+212A) to `k` (a test checks there are no others),
/// so every spelling with them in place of an `s` or a `k` counts too; the
/// ASCII cases are left to the case-insensitive search.
fn spellings(literal: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for c in literal.chars() {
        let other = match c.to_ascii_lowercase() {
            's' => Some('\u{17F}'),
            'k' => Some('\u{212A}'),
            _ => None,
        };
        let with_other: Vec<String> = match other {
            Some(o) => out.iter().map(|s| format!("{s}{o}")).collect(),
            None => Vec::new(),
        };
        out.iter_mut().for_each(|s| s.push(c));
        out.extend(with_other);
    }
    out
}

/// Checks that `fallback`'s pattern finds the same matches in each of
/// `texts` (where, and whether any) with its literals' search and without.
#[cfg(test)]
pub fn check_fallback_both_ways(fallback: &'static Fallback, texts: &[String]) {
    let plain = FallbackSearch::new(fallback, false).unwrap();
    let searched = FallbackSearch::new(fallback, true).unwrap();
    assert!(searched.literals.is_some());
    for text in texts {
        assert_eq!(
            plain.starts(text, |_| true),
            searched.starts(text, |_| true),
            "{text:?}"
        );
        assert_eq!(plain.is_match(text), searched.is_match(text), "{text:?}");
    }
}

/// Capture group `i` as a string slice, or "" when it did not participate.
pub fn cap<'t>(caps: &Captures<'t>, i: usize) -> &'t str {
    caps.get(i).map_or("", |m| m.as_str())
}

/// Checks a rule table: every pattern compiles and every needle is a literal
/// part of its pattern's matches (tested per platform).
#[cfg(test)]
pub fn check_table(rules: &[Rule]) {
    for r in rules {
        assert!(
            Regex::new(r.pattern).is_ok(),
            "rule {} does not compile",
            r.name
        );
        assert!(!r.needle.is_empty(), "rule {} has no needle", r.name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_two_non_ascii_characters_fold_to_ascii_letters() {
        let letter = Regex::new("(?i)^[a-z]$").unwrap();
        let folding: Vec<char> = (0..=u32::from(char::MAX))
            .filter_map(char::from_u32)
            .filter(|c| !c.is_ascii() && letter.is_match(c.encode_utf8(&mut [0; 4])))
            .collect();
        assert_eq!(folding, ['\u{17F}', '\u{212A}']);
    }

    #[test]
    fn spellings_put_the_folding_characters_in_place() {
        assert_eq!(spellings("csr"), ["csr", "c\u{17F}r"]);
        assert_eq!(
            spellings("Ski"),
            ["Ski", "\u{17F}ki", "S\u{212A}i", "\u{17F}\u{212A}i"]
        );
        assert_eq!(spellings("cert"), ["cert"]);
    }
}
