//! Any bytes, as one dropped file: decode, detect, parse, report, and every
//! rendering and export of the report.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scep_doctor::{analyze, i18n::Lang, render, Input};

fuzz_target!(|data: &[u8]| {
    let report = analyze(&[Input {
        name: "fuzz.log",
        bytes: data,
    }]);
    let _ = serde_json::to_string(&report);
    let _ = render::text(&report, true);
    let _ = render::markdown_export(&report, Lang::Ja, true);
});
