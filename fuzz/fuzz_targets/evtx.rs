//! Bytes behind the `.evtx` magic, so the binary event log path runs.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scep_doctor::{analyze, Input};

fuzz_target!(|data: &[u8]| {
    let mut bytes = b"ElfFile\0".to_vec();
    bytes.extend_from_slice(data);
    let report = analyze(&[Input {
        name: "fuzz.evtx",
        bytes: &bytes,
    }]);
    let _ = serde_json::to_string(&report);
});
