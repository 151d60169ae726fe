//! The SCEP message decoder (PKCS#7 / CMS in BER): raw bytes, and the
//! URL-encoded base64 `message=` value of a PKIOperation GET.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scep_doctor::platforms::scep::message::{decode, decode_url_value};

fuzz_target!(|data: &[u8]| {
    if let Some(message) = decode(data) {
        let _ = message.line_params();
        let _ = message.profile();
    }
    if let Some(message) = decode_url_value(&String::from_utf8_lossy(data)) {
        let _ = message.line_params();
    }
});
