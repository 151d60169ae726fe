//! The rules' needles found in one pass over a text, for WebAssembly.
//!
//! Natively the regex crate finds them with Teddy (SIMD), several times
//! faster than `grep -F`. WebAssembly has no Teddy (the `aho-corasick` crate
//! has it only for x86-64 and AArch64), so there the same alternation runs
//! as an automaton byte by byte: half of a big log's time under Node (a
//! profile of 100 MB Android and iOS logs, 49–57 %).
//!
//! This searcher is hand-written for that reason: a Wu–Manber skip loop
//! (Wu and Manber, "A fast algorithm for multi-pattern searching", 1994)
//! looks at the last two bytes of a window as long as the shortest needle
//! and, unless those two bytes end some needle's window (the part of it this
//! long that ends at its rarest byte), moves the window on by up to its
//! length without reading the bytes in between. Noise lines share few byte
//! pairs with the needles, so most steps skip several bytes. A test compares
//! it with the regex on every fixture and on random texts.

/// Whether this target searches literals with [`NeedleSearch`] (see
/// [`AnyLiteral`]).
pub const SKIP_SEARCH: bool = !cfg!(any(target_arch = "x86_64", target_arch = "aarch64"));

/// Any of a fixed set of literals in one search, the fastest way this target
/// has: the regex crate's literal search where it has SIMD (Teddy: x86-64,
/// AArch64), the skip loop of [`NeedleSearch`] elsewhere (WebAssembly, where
/// the regex's automaton reads byte by byte). Its users ask whether a
/// literal occurs, or on which lines: tests check both ways answer alike.
pub enum AnyLiteral {
    Regex(regex::Regex),
    Skip(NeedleSearch),
}

impl AnyLiteral {
    /// The search for `needles` this target uses (`None` for none, or an
    /// empty one).
    pub fn new(needles: &[&'static str]) -> Option<AnyLiteral> {
        AnyLiteral::with_skip(needles, SKIP_SEARCH)
    }

    /// The skip loop or the regex, whatever the target: tests run both.
    pub fn with_skip(needles: &[&'static str], skip: bool) -> Option<AnyLiteral> {
        if needles.is_empty() || needles.iter().any(|n| n.is_empty()) {
            return None;
        }
        if skip {
            if let Some(searcher) = NeedleSearch::new(needles) {
                return Some(AnyLiteral::Skip(searcher));
            }
        }
        let escaped: Vec<String> = needles.iter().map(|n| regex::escape(n)).collect();
        regex::Regex::new(&escaped.join("|"))
            .ok()
            .map(AnyLiteral::Regex)
    }

    /// Whether any literal occurs in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        match self {
            AnyLiteral::Regex(re) => re.is_match(text),
            AnyLiteral::Skip(searcher) => searcher.is_match(text.as_bytes()),
        }
    }

    /// Places in `text` where literals start, in order: every match the
    /// regex finds (none overlapping), or with the skip loop every place
    /// (overlapping ones too). Either way a line holding a literal holds
    /// one of these places, and no other line does.
    pub fn starts(&self, text: &str) -> Vec<usize> {
        match self {
            AnyLiteral::Regex(re) => re.find_iter(text).map(|m| m.start()).collect(),
            AnyLiteral::Skip(searcher) => searcher.find_all(text.as_bytes()),
        }
    }
}

/// The needles of a rule table as WebAssembly searches them: the skip loop
/// ([`Needles`]) for those of six bytes or more, and each shorter one
/// on its own by the memchr crate's substring search (SIMD in WebAssembly
/// too). A short needle would shorten every stride of the loop: `Desc`,
/// one of iOS's 30 needles, made a 100 MB log's search take 340 ms instead
/// of 230.
pub struct NeedleSearch {
    skip: Option<Needles>,
    short: Vec<memchr::memmem::Finder<'static>>,
}

/// Needles shorter than this are searched on their own.
const SHORT: usize = 6;

impl NeedleSearch {
    /// The search for `needles` (`None` for none, or an empty one).
    pub fn new(needles: &[&'static str]) -> Option<NeedleSearch> {
        if needles.is_empty() || needles.iter().any(|n| n.is_empty()) {
            return None;
        }
        let (short, long): (Vec<&str>, Vec<&str>) = needles.iter().partition(|n| n.len() < SHORT);
        let (skip, short) = match Needles::new(&long) {
            Some(skip) => (Some(skip), short),
            // All short (or only the short ones left): one loop for all of
            // them, unless one is a single byte.
            None => match Needles::new(needles) {
                Some(skip) => (Some(skip), Vec::new()),
                None => (None, needles.to_vec()),
            },
        };
        Some(NeedleSearch {
            skip,
            short: (short.iter())
                .map(|n| memchr::memmem::Finder::new(n.as_bytes()))
                .collect(),
        })
    }

    /// Whether any needle occurs in `text`.
    pub fn is_match(&self, text: &[u8]) -> bool {
        self.skip.as_ref().is_some_and(|s| s.is_match(text))
            || self.short.iter().any(|f| f.find(text).is_some())
    }

    /// Where needles start in `text`, in order, each place once:
    /// overlapping occurrences included.
    pub fn find_all(&self, text: &[u8]) -> Vec<usize> {
        let mut at: Vec<usize> = (self.skip.iter()).flat_map(|s| s.find_all(text)).collect();
        if !self.short.is_empty() {
            for finder in &self.short {
                // Overlapping ones too (`find_iter` gives each match once
                // and goes on after its end).
                let mut from = 0;
                while let Some(found) = text.get(from..).and_then(|t| finder.find(t)) {
                    at.push(from + found);
                    from += found + 1;
                }
            }
            at.sort_unstable();
            at.dedup();
        }
        at
    }
}

/// A set of literal needles, searched together by the skip loop.
pub struct Needles {
    needles: Vec<Box<[u8]>>,
    /// The shortest needle's length: every needle holds a window this long.
    window: usize,
    /// Where each needle's window starts in it: the window ends at the
    /// needle's rarest byte by the memchr crate's ranking of bytes (or
    /// reaches as near it as the needle allows). A window ending in a
    /// common pair (`ng` of `Sending`) stops the loop at nearly every
    /// word. With rare ends, natively on the bench's 100 MB logs: Android
    /// 53 → 32 ms, iOS 87 → 54, the seed shape 81 → 37.
    offsets: Vec<usize>,
    /// How far a window may move on when its last two bytes are these
    /// (indexed by the pair as a little-endian `u16`): the distance from
    /// the pair's last place in some needle's window to the window's end,
    /// or `window - 1` when no window holds the pair.
    shift: Box<[u8]>,
    /// For a pair that ends some needle's window, 1 + the index in `groups`
    /// of the needles to compare (0 for the other pairs): a table, since
    /// looking the pair up in a sorted list was a quarter of the search on a
    /// short window.
    group: Box<[u8]>,
    /// The needles (indices) whose windows end with the same pair.
    groups: Vec<Vec<usize>>,
    /// Each needle's first [`HEAD`] bytes (fewer for a shorter window), as
    /// [`head`] reads them: a window whose pair ends some needle's window
    /// compares these before the needle itself, since most such pairs are
    /// in other words.
    heads: Vec<u32>,
}

/// Windows longer than this gain little (the shift is a byte).
const MAX_WINDOW: usize = 64;

impl Needles {
    /// The searcher for `needles`, or `None` when one of them is shorter
    /// than two bytes (or there are none): the caller keeps its regex.
    pub fn new(needles: &[&str]) -> Option<Needles> {
        let shortest = needles.iter().map(|n| n.len()).min()?;
        if shortest < 2 {
            return None;
        }
        let window = shortest.min(MAX_WINDOW);
        let far = u8::try_from(window - 1).ok()?;
        let mut shift = vec![far; 1 << 16].into_boxed_slice();
        let mut group = vec![0u8; 1 << 16].into_boxed_slice();
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut offsets = Vec::with_capacity(needles.len());
        for (index, needle) in needles.iter().enumerate() {
            let needle = needle.as_bytes();
            let rarest = memchr::arch::all::packedpair::Pair::new(needle)
                .map_or(0, |pair| usize::from(pair.index1()));
            let offset = (rarest + 1)
                .saturating_sub(window)
                .min(needle.len() - window);
            offsets.push(offset);
            let start = needle.get(offset..offset + window)?;
            for (at, pair) in start.windows(2).enumerate() {
                let distance = u8::try_from(window - 2 - at).ok()?;
                let slot = shift.get_mut(usize::from(pair_key(pair)))?;
                *slot = (*slot).min(distance);
            }
            let slot = group.get_mut(usize::from(pair_key(start.get(window - 2..)?)))?;
            if *slot == 0 {
                groups.push(Vec::new());
                // More than 255 distinct pairs: the caller keeps its regex.
                *slot = u8::try_from(groups.len()).ok()?;
            }
            groups.get_mut(usize::from(*slot) - 1)?.push(index);
        }
        Some(Needles {
            needles: needles
                .iter()
                .map(|n| n.as_bytes().to_vec().into_boxed_slice())
                .collect(),
            offsets,
            heads: (needles.iter())
                .map(|n| head(n.as_bytes(), window))
                .collect::<Option<_>>()?,
            window,
            shift,
            group,
            groups,
        })
    }

    /// Whether any needle occurs in `text`.
    pub fn is_match(&self, text: &[u8]) -> bool {
        let mut at: usize = 0;
        loop {
            let Some(end) = at.checked_add(self.window) else {
                return false;
            };
            let Some(pair) = text.get(end - 2..end) else {
                return false;
            };
            let key = pair_key(pair);
            let shift = self.shift.get(usize::from(key)).copied().unwrap_or(0);
            if shift > 0 {
                at += usize::from(shift);
            } else if self.starts_at(text, at, key).next().is_some() {
                return true;
            } else {
                at += 1;
            }
        }
    }

    /// Where needles start in `text`, in order: every start, overlapping
    /// occurrences included.
    ///
    /// The windows' starts are cut into four ranges (`STREAMS`) searched
    /// side by side, one step of each in turn. A step waits for its pair's
    /// shift before the next can read, so one loop is bound by that wait
    /// (about 15 cycles a step); steps of other ranges do not depend on it
    /// and fill the wait.
    pub fn find_all(&self, text: &[u8]) -> Vec<usize> {
        let starts = (text.len() + 1).saturating_sub(self.window);
        let part = starts / STREAMS;
        let [mut a, mut b, mut c, mut d]: [usize; STREAMS] = std::array::from_fn(|i| part * i);
        let end = [b, c, d, starts];
        let mut found: [Vec<usize>; STREAMS] = Default::default();
        let [fa, fb, fc, fd] = &mut found;
        // Four variables, not an array: in WebAssembly they stay locals.
        while a < end[0] && b < end[1] && c < end[2] && d < end[3] {
            a = self.step(text, a, fa);
            b = self.step(text, b, fb);
            c = self.step(text, c, fc);
            d = self.step(text, d, fd);
        }
        for (mut at, end, found) in [
            (a, end[0], fa),
            (b, end[1], fb),
            (c, end[2], fc),
            (d, end[3], fd),
        ] {
            while at < end {
                at = self.step(text, at, found);
            }
        }
        // A needle's window lies past its start, and different needles'
        // windows at different places: the starts, in order, each once.
        let mut starts = found.concat();
        starts.sort_unstable();
        starts.dedup();
        starts
    }

    /// One step at the window starting at `at`: pushes to `found` where
    /// needles whose windows lie there start, and gives the next window's
    /// start. Inlined always: the side-by-side loop gains only if its steps
    /// sit in one body (`opt-level = "z"` would call it).
    #[inline(always)]
    fn step(&self, text: &[u8], at: usize, found: &mut Vec<usize>) -> usize {
        let end = at.saturating_add(self.window);
        let Some(pair) = text.get(end - 2..end) else {
            return usize::MAX;
        };
        let key = pair_key(pair);
        let shift = self.shift.get(usize::from(key)).copied().unwrap_or(0);
        if shift > 0 {
            return at + usize::from(shift);
        }
        found.extend(self.starts_at(text, at, key));
        at + 1
    }

    /// Where the needles start whose windows end with the pair `key` and
    /// lie at `at` in `text`.
    fn starts_at<'a>(
        &'a self,
        text: &'a [u8],
        at: usize,
        key: u16,
    ) -> impl Iterator<Item = usize> + 'a {
        let group = self.group.get(usize::from(key)).copied().unwrap_or(0);
        let candidates = (usize::from(group).checked_sub(1))
            .and_then(|g| self.groups.get(g))
            .map_or(&[][..], Vec::as_slice);
        candidates.iter().filter_map(move |&i| {
            let start = at.checked_sub(*self.offsets.get(i)?)?;
            let rest = text.get(start..)?;
            let needle = self.needles.get(i)?;
            (self.heads.get(i) == head(rest, self.window).as_ref() && rest.starts_with(needle))
                .then_some(start)
        })
    }
}

/// How many bytes of a needle [`head`] reads.
const HEAD: usize = 4;

/// The first [`HEAD`] bytes of `bytes` (or `window`, if fewer) as one
/// number; `None` if `bytes` is shorter.
fn head(bytes: &[u8], window: usize) -> Option<u32> {
    let len = window.min(HEAD);
    let mut four = [0u8; HEAD];
    four.get_mut(..len)?.copy_from_slice(bytes.get(..len)?);
    Some(u32::from_le_bytes(four))
}

/// How many ranges [`Needles::find_all`] searches side by side: 3 and 4
/// were the fastest natively on the bench's 100 MB logs (1.4–2.1× one
/// range), 6 no faster.
const STREAMS: usize = 4;

/// Two bytes as a table index.
fn pair_key(pair: &[u8]) -> u16 {
    match pair {
        [a, b, ..] => u16::from_le_bytes([*a, *b]),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every start of every needle, by brute force.
    fn starts(needles: &[&str], text: &str) -> Vec<usize> {
        (0..text.len())
            .filter(|&i| {
                needles
                    .iter()
                    .any(|n| text.as_bytes()[i..].starts_with(n.as_bytes()))
            })
            .collect()
    }

    #[test]
    fn finds_every_start_in_order() {
        let needles = ["Desc", "NSError:", "Error Domain=", "scep"];
        let text = "xxDescDescription NSError: Error Domain=scepscep De sc Desc";
        let found: Vec<usize> = Needles::new(&needles).unwrap().find_all(text.as_bytes());
        assert_eq!(found, starts(&needles, text));
    }

    #[test]
    fn finds_needles_at_the_edges_and_overlapping() {
        let needles = ["abab", "babc", "ab"];
        let searcher = Needles::new(&needles).unwrap();
        for text in ["ab", "abab", "ababc", "xab", "babcab", "", "a", "bab"] {
            let found: Vec<usize> = searcher.find_all(text.as_bytes());
            assert_eq!(found, starts(&needles, text), "{text:?}");
        }
    }

    #[test]
    fn random_needle_sets_agree_with_brute_force() {
        let alphabet = b"abcab\n";
        let mut next = crate::core::testing::numbers(5);
        for _ in 0..3_000 {
            let word = |next: &mut dyn FnMut() -> usize, len: usize| -> String {
                (0..len)
                    .map(|_| char::from(alphabet[next() % alphabet.len()]))
                    .collect()
            };
            let needles: Vec<String> = (0..1 + next() % 6)
                .map(|_| {
                    let len = 1 + next() % 9;
                    word(&mut next, len)
                })
                .collect();
            let needles: Vec<&'static str> = needles
                .into_iter()
                .map(|n| &*Box::leak(n.into_boxed_str()))
                .collect();
            let len = next() % 80;
            let text = word(&mut next, len);
            let search = NeedleSearch::new(&needles).unwrap();
            assert_eq!(
                search.find_all(text.as_bytes()),
                starts(&needles, &text),
                "{needles:?} in {text:?}"
            );
            assert_eq!(
                search.is_match(text.as_bytes()),
                !starts(&needles, &text).is_empty()
            );
        }
    }

    #[test]
    fn short_needles_are_found_beside_the_long_ones() {
        let text = "a Desc, NSError: x-67731 DescDesc Error Domain=y";
        for needles in [
            &["Desc", "-67731", "NSError:", "Error Domain="][..],
            &["Desc", "-6"][..],
            &["D", "Error Domain="][..],
            &["Error Domain="][..],
        ] {
            let search = NeedleSearch::new(needles).unwrap();
            assert_eq!(
                search.find_all(text.as_bytes()),
                starts(needles, text),
                "{needles:?}"
            );
            assert!(search.is_match(text.as_bytes()));
            assert!(!search.is_match(b"nothing here"));
        }
        assert!(NeedleSearch::new(&[]).is_none());
        assert!(NeedleSearch::new(&["", "abc"]).is_none());
    }

    #[test]
    fn declines_one_byte_needles_and_empty_sets() {
        assert!(Needles::new(&["a", "bcd"]).is_none());
        assert!(Needles::new(&[]).is_none());
        assert!(Needles::new(&["", "bcd"]).is_none());
    }

    #[test]
    fn ranges_side_by_side_find_every_start() {
        // Long texts of a small alphabet, so that all four ranges run side
        // by side and needles straddle the ranges' borders; each text also
        // ends with a needle, which only the last window holds. `cbacba@`'s
        // window lies past its start (it ends at the rare `@`).
        let needles = ["abcab", "bcabca", "cab\nab", "Rüsab", "cbacba@"];
        let searcher = Needles::new(&needles).unwrap();
        assert_eq!(searcher.offsets[4], 2);
        let alphabet: Vec<char> = "abcabcabcRü\n@".chars().collect();
        let mut next = crate::core::testing::numbers(11);
        for round in 0..400 {
            let len = next() % 3_000;
            let mut text: String = (0..len)
                .map(|_| alphabet[next() % alphabet.len()])
                .collect();
            text.push_str(needles[round % needles.len()]);
            assert_eq!(
                searcher.find_all(text.as_bytes()),
                starts(&needles, &text),
                "{text:?}"
            );
        }
        // A needle at every place of texts of many lengths: at every border
        // of the ranges, wherever their steps land.
        for len in 0..90 {
            for at in 0..=len {
                for needle in needles {
                    let text = format!("{}{needle}{}", "x".repeat(at), "c".repeat(len - at));
                    assert_eq!(searcher.find_all(text.as_bytes()), [at], "{text:?}");
                }
            }
        }
    }

    #[test]
    fn agrees_with_brute_force_on_random_texts() {
        // A small alphabet makes partial matches common.
        let needles = ["abca", "bcab", "cabcab", "aab", "Rüs", "üs"];
        let searcher = Needles::new(&needles).unwrap();
        let alphabet: Vec<char> = "abcRü\n".chars().collect();
        let mut seed = 0x2545_f491_u64;
        for _ in 0..2_000 {
            let len = (seed % 60) as usize;
            let text: String = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    alphabet[(seed % alphabet.len() as u64) as usize]
                })
                .collect();
            let found: Vec<usize> = searcher.find_all(text.as_bytes());
            assert_eq!(found, starts(&needles, &text), "{text:?}");
            assert_eq!(searcher.is_match(text.as_bytes()), !found.is_empty());
        }
    }
}
