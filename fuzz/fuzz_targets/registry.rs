//! The Windows registry export reader (`.reg`: regedit, the MDM diagnostics
//! registry dump): keys, values (`dword:`, `hex(…):` with `\` continuation
//! lines, quoted strings with escapes), split into the SCEP client's
//! records and read by its rule.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scep_doctor::input::decode::lines;
use scep_doctor::parse::format;
use scep_doctor::platforms::windows::registry;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let all = lines(&text);
    let records = format::records(&registry::FORMAT, &all);
    let _ = format::record_events(&registry::FORMAT, 0, records);
});
