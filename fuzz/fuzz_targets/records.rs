//! Each log format's record reader: the first byte picks a format of
//! `platforms::FORMATS`, the rest is read as its text (its first lines
//! decide a streaming shape, as in the driver), and by its splitter.
//! Detection, two thirds of this target's time when it ran here too, is
//! fuzzed by every whole-pipeline target (`analyze` detects each input).
#![no_main]

use libfuzzer_sys::fuzz_target;
use scep_doctor::input::decode::lines;
use scep_doctor::parse::{format, reader::RecordReader};
use scep_doctor::platforms::FORMATS;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Some(format) = FORMATS.get(usize::from(pick) % FORMATS.len()) else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let all = lines(&text);
    let head = &all[..all.len().min(2000)];
    let mut reader = RecordReader::for_head(format, 0, head);
    reader.push_text(0, &text);
    let found = reader.finish();
    assert!(
        found.recognized <= all.len().max(1),
        "more lines recognized than read"
    );
    let _ = format::records(format, &all);
});
