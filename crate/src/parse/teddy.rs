//! A Teddy-style multi-literal search with 16-byte SIMD, for WebAssembly.
//!
//! Natively the regex crate finds a table's needles with Teddy (SSSE3 or
//! AVX2); its WebAssembly build has no Teddy, and a byte-at-a-time automaton
//! was half of a big log's time under Node. This is the same idea, written
//! for WebAssembly's SIMD128 (every current browser and Node has it):
//!
//! - Each needle's first `W` bytes (1–3: the shortest needle's length, at
//!   most 3) are its fingerprint. The needles go into up to 8 buckets, one
//!   bit each.
//! - For fingerprint byte `k` there are two 16-entry tables: the bucket bits
//!   of every needle whose byte `k` has a given low nibble, and those whose
//!   byte `k` has a given high nibble. One `i8x16.swizzle` per table looks
//!   the nibbles of 16 text bytes up at once.
//! - For the 16 starts of a block, AND-ing the lookups of bytes `k` (the
//!   block loaded at offset `k`) over every `k` leaves, per start, the
//!   buckets whose fingerprint may begin there. Most blocks of noise give
//!   all zeros and cost a dozen instructions for 16 bytes.
//! - A start with bits left is verified against its buckets' needles.
//!
//! With `ignore_case`, the tables hold both cases of an ASCII letter (they
//! differ only in the high nibble) and verification compares ASCII letters
//! without case.
//!
//! The block step is written over [`Vector`]: the SIMD128 type in
//! WebAssembly, and a plain `[u8; 16]` elsewhere, so that native tests run
//! the same table building, block step, verification and tail against brute
//! force.

/// Sixteen bytes and the few operations the block step needs.
pub trait Vector: Copy {
    fn from_array(bytes: [u8; 16]) -> Self;
    /// The 16 bytes of `window` from `offset` (0–2).
    fn load(window: &[u8; BLOCK], offset: usize) -> Self;
    fn and(self, other: Self) -> Self;
    /// Each byte's low four bits.
    fn low_nibbles(self) -> Self;
    /// Each byte's high four bits (shifted down).
    fn high_nibbles(self) -> Self;
    /// `self[index[i]]` for each lane (indices are below 16).
    fn lookup(self, index: Self) -> Self;
    /// Whether any lane is not zero.
    fn any(self) -> bool;
    /// Lane `i` (below 16).
    fn lane(self, i: usize) -> u8;
}

/// The plain implementation: what the SIMD instructions do, lane by lane.
impl Vector for [u8; 16] {
    fn from_array(bytes: [u8; 16]) -> Self {
        bytes
    }
    fn load(window: &[u8; BLOCK], offset: usize) -> Self {
        std::array::from_fn(|i| window.get(offset + i).copied().unwrap_or(0))
    }
    fn and(self, other: Self) -> Self {
        std::array::from_fn(|i| self[i] & other[i])
    }
    fn low_nibbles(self) -> Self {
        self.map(|b| b & 0x0F)
    }
    fn high_nibbles(self) -> Self {
        self.map(|b| b >> 4)
    }
    fn lookup(self, index: Self) -> Self {
        index.map(|i| self.get(usize::from(i)).copied().unwrap_or(0))
    }
    fn any(self) -> bool {
        self.iter().any(|&b| b != 0)
    }
    fn lane(self, i: usize) -> u8 {
        self.get(i).copied().unwrap_or(0)
    }
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod simd {
    use super::{Vector, BLOCK};
    use core::arch::wasm32::*;

    impl Vector for v128 {
        #[inline(always)]
        fn from_array(b: [u8; 16]) -> Self {
            u8x16(
                b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12],
                b[13], b[14], b[15],
            )
        }
        #[inline(always)]
        fn load(window: &[u8; BLOCK], offset: usize) -> Self {
            let offset = offset.min(BLOCK - 16);
            // SAFETY: the 16 bytes from `offset` (at most `BLOCK - 16`) lie
            // in `window`; `v128_load` has no alignment requirement. (Built
            // lane by lane instead, the size-optimized build made 16 loads
            // and lane inserts of them.)
            unsafe { v128_load(window.as_ptr().add(offset).cast::<v128>()) }
        }
        #[inline(always)]
        fn and(self, other: Self) -> Self {
            v128_and(self, other)
        }
        #[inline(always)]
        fn low_nibbles(self) -> Self {
            v128_and(self, u8x16_splat(0x0F))
        }
        #[inline(always)]
        fn high_nibbles(self) -> Self {
            u8x16_shr(self, 4)
        }
        #[inline(always)]
        fn lookup(self, index: Self) -> Self {
            u8x16_swizzle(self, index)
        }
        #[inline(always)]
        fn any(self) -> bool {
            v128_any_true(self)
        }
        #[inline(always)]
        fn lane(self, i: usize) -> u8 {
            // Lane `i` moved to lane 0 (the lane index of an extract must
            // be a constant).
            u8x16_extract_lane::<0>(u8x16_swizzle(self, u8x16_splat(i as u8)))
        }
    }
}

/// The vector this target searches with.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
type Lanes = core::arch::wasm32::v128;
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
type Lanes = [u8; 16];

/// The bytes one block step reads: 16 starts and the 2 bytes after them
/// that a 3-byte fingerprint of the last start covers.
pub const BLOCK: usize = 18;

/// How many buckets (bits of a table entry) there are.
const BUCKETS: usize = 8;

/// A set of needles searched together.
pub struct Teddy {
    /// The fingerprint's length: 1 to 3.
    width: usize,
    /// For each fingerprint byte, the low-nibble and high-nibble tables.
    tables: Vec<([u8; 16], [u8; 16])>,
    /// Each bucket's needles.
    buckets: Vec<Vec<Box<[u8]>>>,
    /// Whether ASCII letters match either case.
    ignore_case: bool,
}

impl Teddy {
    /// The search for `needles` (`None` for none, or an empty one); with
    /// `ignore_case`, an ASCII letter matches either case.
    pub fn new(needles: &[&str], ignore_case: bool) -> Option<Teddy> {
        let shortest = needles.iter().map(|n| n.len()).min()?;
        if shortest == 0 {
            return None;
        }
        let width = shortest.min(3);
        let key = |n: &str| -> Vec<u8> {
            let start = n.as_bytes().get(..width).unwrap_or_default();
            match ignore_case {
                true => start.to_ascii_lowercase(),
                false => start.to_vec(),
            }
        };
        // Needles with the same fingerprint share a bucket; sorted, so that
        // neighbouring fingerprints (sharing their first bytes, hence their
        // first nibbles) share one when there are more than 8: fewer false
        // candidates than mixing unrelated ones.
        let mut keys: Vec<Vec<u8>> = needles.iter().map(|n| key(n)).collect();
        keys.sort();
        keys.dedup();
        let per_bucket = keys.len().div_ceil(BUCKETS);
        let bucket_of = |n: &str| {
            let k = key(n);
            keys.iter().position(|x| *x == k).unwrap_or(0) / per_bucket
        };
        let mut tables = vec![([0u8; 16], [0u8; 16]); width];
        let mut buckets = vec![Vec::new(); keys.len().div_ceil(per_bucket)];
        for needle in needles {
            let bucket = bucket_of(needle);
            let bit = 1u8 << bucket;
            for (byte, (low, high)) in needle.bytes().zip(&mut tables) {
                let cases = match ignore_case {
                    true => [byte.to_ascii_lowercase(), byte.to_ascii_uppercase()],
                    false => [byte, byte],
                };
                for b in cases {
                    low[usize::from(b & 0x0F)] |= bit;
                    high[usize::from(b >> 4)] |= bit;
                }
            }
            buckets.get_mut(bucket)?.push(needle.as_bytes().into());
        }
        Some(Teddy {
            width,
            tables,
            buckets,
            ignore_case,
        })
    }

    /// Whether any needle occurs in `text`.
    pub fn is_match(&self, text: &[u8]) -> bool {
        self.find_from(text, 0).is_some()
    }

    /// Where needles start in `text`, in order, each place once:
    /// overlapping occurrences included.
    pub fn find_all(&self, text: &[u8]) -> Vec<usize> {
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(at) = self.find_from(text, from) {
            found.push(at);
            from = at + 1;
        }
        found
    }

    /// The first start of a needle at or after `from`: with SIMD128 in
    /// WebAssembly, elsewhere lane by lane.
    pub fn find_from(&self, text: &[u8], from: usize) -> Option<usize> {
        self.find_with::<Lanes>(text, from)
    }

    /// [`Teddy::find_from`] with vector type `V`, the fingerprint's
    /// length a constant so that its loop unrolls.
    pub fn find_with<V: Vector>(&self, text: &[u8], from: usize) -> Option<usize> {
        match self.width {
            1 => self.scan::<V, 1>(text, from),
            2 => self.scan::<V, 2>(text, from),
            _ => self.scan::<V, 3>(text, from),
        }
    }

    fn scan<V: Vector, const W: usize>(&self, text: &[u8], from: usize) -> Option<usize> {
        let mut tables = [(V::from_array([0; 16]), V::from_array([0; 16])); W];
        for (t, (low, high)) in tables.iter_mut().zip(&self.tables) {
            *t = (V::from_array(*low), V::from_array(*high));
        }
        let mut at = from;
        // Whole blocks.
        while let Some(window) = text.get(at..at + BLOCK) {
            let window: &[u8; BLOCK] = window.try_into().ok()?;
            let starts = block_step::<V, W>(&tables, window);
            if starts.any() {
                if let Some(found) = self.verify(text, at, starts) {
                    return Some(found);
                }
            }
            at += 16;
        }
        // The tail (fewer than `BLOCK` bytes), padded with zeros: a padding
        // byte may make a false candidate, which verification turns down
        // (a needle must end within the text).
        while at < text.len() {
            let mut window = [0u8; BLOCK];
            let rest = text.get(at..).unwrap_or_default();
            for (w, b) in window.iter_mut().zip(rest) {
                *w = *b;
            }
            let starts = block_step::<V, W>(&tables, &window);
            if starts.any() {
                if let Some(found) = self.verify(text, at, starts) {
                    return Some(found);
                }
            }
            at += 16;
        }
        None
    }

    /// The first of the 16 starts from `at` whose candidate buckets hold a
    /// needle that really starts there.
    fn verify<V: Vector>(&self, text: &[u8], at: usize, starts: V) -> Option<usize> {
        for lane in 0..16 {
            let mut bits = starts.lane(lane);
            while bits != 0 {
                let bucket = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let start = at + lane;
                let rest = text.get(start..).unwrap_or_default();
                let needles = self.buckets.get(bucket).map_or(&[][..], Vec::as_slice);
                if needles.iter().any(|n| self.starts_with(rest, n)) {
                    return Some(start);
                }
            }
        }
        None
    }

    fn starts_with(&self, text: &[u8], needle: &[u8]) -> bool {
        match text.get(..needle.len()) {
            Some(start) if self.ignore_case => start.eq_ignore_ascii_case(needle),
            Some(start) => start == needle,
            None => false,
        }
    }
}

/// The buckets that may start at each of the 16 starts of `window`: the
/// AND over fingerprint bytes `k` of the tables' bits for the byte at
/// start + `k`.
#[inline(always)]
fn block_step<V: Vector, const W: usize>(tables: &[(V, V); W], window: &[u8; BLOCK]) -> V {
    let mut starts = V::from_array([0xFF; 16]);
    for (k, (low, high)) in tables.iter().enumerate() {
        let bytes = V::load(window, k);
        let bits = low
            .lookup(bytes.low_nibbles())
            .and(high.lookup(bytes.high_nibbles()));
        starts = starts.and(bits);
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every start of every needle, by brute force.
    fn starts(needles: &[&str], text: &[u8], ignore_case: bool) -> Vec<usize> {
        (0..text.len())
            .filter(|&i| {
                needles.iter().any(|n| {
                    let n = n.as_bytes();
                    text.get(i..i + n.len()).is_some_and(|t| match ignore_case {
                        true => t.eq_ignore_ascii_case(n),
                        false => t == n,
                    })
                })
            })
            .collect()
    }

    #[test]
    fn finds_every_start_at_the_edges_and_in_the_tail() {
        let needles = ["abab", "babc", "ab"];
        let teddy = Teddy::new(&needles, false).unwrap();
        let long = format!("{}ab", "x".repeat(30));
        for text in [
            "ab", "abab", "ababc", "xab", "babcab", "", "a", "bab", &long,
        ] {
            let text = text.as_bytes();
            assert_eq!(teddy.find_all(text), starts(&needles, text, false));
        }
    }

    #[test]
    fn ignores_ascii_case_only_when_asked() {
        let text = b"a SCEP line, GetCACert; scep; Sc\xC3\x89P";
        let exact = Teddy::new(&["scep", "getcacert"], false).unwrap();
        assert_eq!(exact.find_all(text), [24]);
        let folded = Teddy::new(&["scep", "GETCACERT"], true).unwrap();
        assert_eq!(folded.find_all(text), [2, 13, 24]);
    }

    #[test]
    fn declines_empty_sets_and_needles() {
        assert!(Teddy::new(&[], false).is_none());
        assert!(Teddy::new(&["", "abc"], true).is_none());
    }

    /// Random needle sets (1–9 bytes, up to 20 of them: more fingerprints
    /// than buckets) in random texts of a small alphabet with both cases
    /// and non-ASCII bytes, against brute force, in both modes.
    #[test]
    fn random_needle_sets_agree_with_brute_force() {
        let alphabet = b"abcaAB\n\xC5\xBF";
        let mut next = crate::core::testing::numbers(18);
        for round in 0..4_000 {
            let mut word = |len: usize| -> Vec<u8> {
                (0..len)
                    .map(|_| alphabet[next() % alphabet.len()])
                    .collect()
            };
            let count = 1 + round % 20;
            let needles: Vec<String> = (0..count)
                .map(|i| String::from_utf8_lossy(&word(1 + (i * 7 + round) % 9)).into_owned())
                .collect();
            let needles: Vec<&str> = needles.iter().map(String::as_str).collect();
            let text = word(round % 90);
            let ignore_case = round % 2 == 1;
            let teddy = Teddy::new(&needles, ignore_case).unwrap();
            let expected = starts(&needles, &text, ignore_case);
            assert_eq!(teddy.find_all(&text), expected, "{needles:?} in {text:?}");
            assert_eq!(teddy.is_match(&text), !expected.is_empty());
            let from = round % 20;
            assert_eq!(
                teddy.find_from(&text, from),
                expected.iter().copied().find(|&at| at >= from)
            );
        }
    }
}
