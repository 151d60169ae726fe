//! Zip archives (nested, damaged, bombs): bytes behind the zip magic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scep_doctor::input::archive::expand;

fuzz_target!(|data: &[u8]| {
    let bytes = if data.starts_with(b"PK") {
        data.to_vec()
    } else {
        [b"PK\x03\x04".as_slice(), data].concat()
    };
    for member in expand("fuzz.zip", &bytes) {
        let _ = member.problems.len();
    }
});
