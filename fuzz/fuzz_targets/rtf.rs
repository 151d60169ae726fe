//! RTF (a log saved by TextEdit) and TextEdit's escaped artefacts.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scep_doctor::input::rtf;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = rtf::is_document(&text);
    let _ = rtf::has_artefacts(&text);
    let _ = rtf::strip(&text);
    let _ = rtf::clean(&text);
    for line in text.lines().take(64) {
        let _ = rtf::unescape_line(line);
    }
});
