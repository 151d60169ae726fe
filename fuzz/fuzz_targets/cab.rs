//! Cabinet files (MSZIP or stored folders): the header, every folder
//! unpacked and every file sliced out of it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scep_doctor::input::archive::cab;

fuzz_target!(|data: &[u8]| {
    let bytes = if data.starts_with(b"MSCF") {
        data.to_vec()
    } else {
        [b"MSCF".as_slice(), data].concat()
    };
    let Ok(cabinet) = cab::parse(&bytes) else {
        return;
    };
    for index in 0..cabinet.folders.len().min(4) {
        let Ok(unpacked) = cabinet.unpack(&bytes, index) else {
            continue;
        };
        for file in &cabinet.files {
            let _ = cabinet.slice(file, &unpacked);
        }
    }
});
