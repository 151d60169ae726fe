//! Two inputs analyzed together (rotated logs, mixed platforms): the first
//! byte says where to split.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scep_doctor::{analyze, Input};

fuzz_target!(|data: &[u8]| {
    let Some((&cut, rest)) = data.split_first() else {
        return;
    };
    let at = (cut as usize * rest.len()) / 256;
    let (a, b) = rest.split_at(at);
    let report = analyze(&[
        Input {
            name: "a",
            bytes: a,
        },
        Input {
            name: "b",
            bytes: b,
        },
    ]);
    let _ = serde_json::to_string(&report);
});
