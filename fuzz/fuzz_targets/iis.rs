//! The NDES IIS (W3C extended) log reader: a `#Fields:` directive from the
//! first line (or the default layout), then every request line read by it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scep_doctor::platforms::ndes::iis::{relevant, Layout};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.lines();
    let Some(first) = lines.next() else { return };
    let layout = Layout::of_directive(first)
        .or_else(|| Layout::of_directive("#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken"));
    let Some(layout) = layout else { return };
    for line in lines.take(256) {
        let _ = relevant(line);
        if let Some(request) = layout.read(line) {
            let _ = request.logged_at(Some("2026-01-01"));
            let _ = request.query_value("operation");
            let _ = request.query_value("message");
        }
    }
});
