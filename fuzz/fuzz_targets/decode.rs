//! Bytes to text: sniffing (BOMs, UTF-16 without BOM, binaries) and the
//! streaming decoder fed in pieces, which must give what decoding whole gives.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scep_doctor::input::decode::{decode, Decoder, Sniffed, SNIFF_BYTES};

fuzz_target!(|data: &[u8]| {
    let Some((&piece, bytes)) = data.split_first() else {
        return;
    };
    let whole = decode(bytes);
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if let Sniffed::Text(mut decoder, bom) = Decoder::sniff(head) {
        let mut text = String::new();
        for chunk in bytes[bom.min(bytes.len())..].chunks(usize::from(piece) + 1) {
            decoder.push(chunk, &mut text);
        }
        let _ = decoder.finish(&mut text);
        let _ = scep_doctor::input::decode::lines(&text);
    }
    let _ = scep_doctor::input::decode::lines(&whole.text);
});
