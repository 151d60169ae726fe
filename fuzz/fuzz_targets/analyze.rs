//! Any bytes, as one dropped file: decode, detect, parse, report, and a
//! rendering or export of the report (JSON, text, redacted Japanese Markdown).
#![no_main]

use libfuzzer_sys::fuzz_target;
use scep_doctor::{analyze, i18n::Lang, render, Input};

fuzz_target!(|data: &[u8]| {
    let report = analyze(&[Input {
        name: "fuzz.log",
        bytes: data,
    }]);
    // One rendering per input, chosen by its length: an execution pays for
    // one instead of three (they were 40 % of its time), and the fuzzer
    // reaches each by changing the length.
    match data.len() % 3 {
        0 => drop(serde_json::to_string(&report)),
        1 => drop(render::text(&report, true)),
        _ => drop(render::markdown_export(&report, Lang::Ja, true)),
    }
});
