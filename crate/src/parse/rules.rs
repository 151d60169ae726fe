//! Signatures as data: each rule is a literal needle (a cheap prefilter), a
//! regex that runs only where the needle occurs, and a small function that
//! turns the captures into what the line proves.

use regex::{Captures, Regex};
use std::sync::OnceLock;

use super::needles::NeedleSearch;
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
    /// Every needle in one alternation: a literal search (Aho-Corasick /
    /// SIMD inside the regex crate) that rejects most lines in one pass.
    /// Compiled when this table first reads a text: detection builds every
    /// format's table, and compiling all the alternations up front cost
    /// 15 M of the 225 M instructions a small Android log took (test
    /// profile), whatever the input.
    any_needle: OnceLock<Option<AnyNeedle>>,
    fallback: Option<(&'static Fallback, Regex)>,
}

/// How a table's needles are searched together: the regex crate's literal
/// search where it has SIMD (Teddy: x86-64, AArch64), the skip loop of
/// [`NeedleSearch`] elsewhere (WebAssembly). Either way only the lines holding a
/// needle matter, and a test checks both find the same lines.
enum AnyNeedle {
    Regex(Regex),
    Skip(NeedleSearch),
}

/// Whether this target searches needles with [`NeedleSearch`] (see [`AnyNeedle`]).
pub const SKIP_SEARCH: bool = !cfg!(any(target_arch = "x86_64", target_arch = "aarch64"));

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
        self.fallback = Regex::new(fallback.pattern).ok().map(|re| (fallback, re));
        self
    }

    pub fn fallback(&self) -> Option<&'static Fallback> {
        self.fallback.as_ref().map(|(f, _)| *f)
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
        let Some((fallback, regex)) = &self.fallback else {
            return false;
        };
        let from_process = process.is_none_or(|p| fallback.processes.contains(&p));
        if !from_process || !regex.is_match(text) {
            return false;
        }
        match (fallback.build)(text) {
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

    fn any_needle(&self) -> Option<&AnyNeedle> {
        self.any_needle
            .get_or_init(|| {
                let needles: Vec<&str> = self.rules.iter().map(|r| r.needle).collect();
                if SKIP_SEARCH {
                    if let Some(searcher) = NeedleSearch::new(&needles) {
                        return Some(AnyNeedle::Skip(searcher));
                    }
                }
                let escaped: Vec<String> = needles.iter().map(|n| regex::escape(n)).collect();
                Regex::new(&escaped.join("|")).ok().map(AnyNeedle::Regex)
            })
            .as_ref()
    }

    /// Whether any needle occurs in `text` (used by format detection).
    pub fn mentions(&self, text: &str) -> bool {
        match self.any_needle() {
            Some(AnyNeedle::Regex(re)) => re.is_match(text),
            Some(AnyNeedle::Skip(searcher)) => searcher.is_match(text.as_bytes()),
            None => self.rules.iter().any(|r| text.contains(r.needle)),
        }
    }

    /// Whether a record of `process` whose text is `text` can produce an
    /// event: a needle occurs in it, or the fallback reads its process and
    /// its pattern occurs ([`RuleSet::apply_record`] finds nothing else).
    pub fn may_match(&self, process: Option<&str>, text: &str) -> bool {
        self.mentions(text)
            || self.fallback.as_ref().is_some_and(|(fallback, re)| {
                process.is_none_or(|p| fallback.processes.contains(&p)) && re.is_match(text)
            })
    }

    /// Byte offsets in `text` where a rule's needle occurs, in order (with
    /// [`NeedleSearch`], overlapping ones too: only the lines they fall on
    /// matter), and then those where the fallback's pattern does: a record
    /// holding none of them yields no event.
    pub fn hits<'t>(&'t self, text: &'t str) -> (Vec<usize>, Vec<usize>) {
        let needles = match self.any_needle() {
            Some(AnyNeedle::Regex(re)) => re.find_iter(text).map(|m| m.start()).collect(),
            Some(AnyNeedle::Skip(searcher)) => searcher.find_all(text.as_bytes()),
            // Never without a compiled alternation in practice: every line.
            None => std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
                .collect(),
        };
        let fallback = match &self.fallback {
            Some((_, re)) => re.find_iter(text).map(|m| m.start()).collect(),
            None => Vec::new(),
        };
        (needles, fallback)
    }

    /// The lines of `text` (0-based) on which the regex's search and
    /// [`NeedleSearch`] each find a needle, whatever this target uses: a test
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
        let escaped: Vec<String> = needles.iter().map(|n| regex::escape(n)).collect();
        let regex = Regex::new(&escaped.join("|")).unwrap();
        let skip = NeedleSearch::new(&needles).unwrap();
        let ends: Vec<usize> = memchr::memchr_iter(b'\n', text.as_bytes()).collect();
        let line_of = |at: usize| ends.partition_point(|&end| end < at);
        (
            regex.find_iter(text).map(|m| line_of(m.start())).collect(),
            skip.find_all(text.as_bytes())
                .into_iter()
                .map(line_of)
                .collect(),
        )
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
