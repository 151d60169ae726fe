//! Streaming never depends on where the pieces end: the input fed in pieces
//! whose sizes the fuzzer picks gives the same report as the input whole.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scep_doctor::{analyze, stream::Analysis, Input};

fuzz_target!(|data: &[u8]| {
    let Some((&sizes, rest)) = data.split_first() else {
        return;
    };
    let whole = analyze(&[Input {
        name: "fuzz.log",
        bytes: rest,
    }]);
    let mut analysis = Analysis::new();
    analysis.begin("fuzz.log");
    // Piece sizes cycle through 1..=16 and a few larger ones, from the seed byte.
    let mut at = 0;
    let mut step = usize::from(sizes);
    while at < rest.len() {
        let size = match step % 20 {
            n @ 0..=15 => n + 1,
            16 => 4096,
            17 => 4095,
            _ => 65_537,
        };
        let end = (at + size).min(rest.len());
        analysis.feed(&rest[at..end]);
        at = end;
        step = step.wrapping_mul(31).wrapping_add(7);
    }
    assert!(analysis.finish() == whole, "pieces changed the report");
});
