//! The NDES server's event logs as their records reach the core from any
//! Windows reader (text, XML or `.evtx`): the Intune Certificate Connector's
//! events and the NDES service's Application events, read by provider, id
//! and EventData values. Each line is one record: its first byte picks the
//! provider, the digits after it are the id, `|` separates the values.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scep_doctor::platforms::ndes::connector;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let records = text.lines().take(512).enumerate().map(|(index, line)| {
        let provider = match line.bytes().next().unwrap_or(0) % 3 {
            0 => "Connector",
            1 => "NDES",
            _ => "Other",
        };
        let rest = line.get(1..).unwrap_or("");
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let id = rest[..digits].parse::<u32>().ok();
        let inserts = rest[digits..].split('|').map(str::to_string).collect();
        (index, provider, id, None, inserts)
    });
    let _ = connector::events(0, records);
});
