//! iOS NSError chains: `Error Domain=… Code=… UserInfo={…}` dumps and
//! `NSUnderlyingError` descriptions, nested.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scep_doctor::platforms::ios::{description_chain, dump_chain};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = dump_chain(&text);
    let _ = description_chain(&text);
});
