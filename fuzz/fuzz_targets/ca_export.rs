//! The CA's exports: the console's list export / `certutil -view csv`
//! (columns by name or by their values) and `certutil -view` text, split
//! into records and read by the CA rules; and the status codes they hold.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scep_doctor::input::decode::lines;
use scep_doctor::parse::format;
use scep_doctor::platforms::ca::{columns, status, table, view};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let all = lines(&text);
    for ca in [&table::FORMAT, &view::FORMAT] {
        let records = format::records(ca, &all);
        let _ = format::record_events(ca, 0, records);
    }
    for line in all.iter().take(64) {
        let _ = status::parse(line);
        let _ = columns::column(line);
    }
    let _ = columns::guess(all.iter().copied());
});
