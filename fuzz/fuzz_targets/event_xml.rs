//! One Windows event as Event XML (`<Event xmlns=…>…</Event>`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use scep_doctor::platforms::windows::xml_event;

fuzz_target!(|data: &[u8]| {
    let _ = xml_event(&String::from_utf8_lossy(data), 0);
});
