//! The certificate-store readers: `certutil -store` listings, PowerShell
//! `Cert:` listings and PEM / Base-64 files as text (split into records and
//! read by the store rules), and the same bytes as a DER certificate or
//! PKCS#7 bundle (the binary path of `.cer`/`.crt`/`.p7b` files). The first
//! byte picks the text reader; every input also runs the DER path.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scep_doctor::input::decode::lines;
use scep_doctor::parse::format;
use scep_doctor::platforms::store::{certutil, der_source, der_text, file, powershell, x509};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let all = lines(&text);
    let reader = match pick % 3 {
        0 => &certutil::FORMAT,
        1 => &powershell::FORMAT,
        _ => &file::FORMAT,
    };
    let records = format::records(reader, &all);
    let _ = format::record_events(reader, 0, records);
    for (_, der) in x509::pem_blocks(&all) {
        let _ = der_source(0, "fuzz.cer", &der);
    }
    // The raw bytes as a binary certificate file, whatever the magic says.
    let _ = x509::is_der(rest);
    let _ = der_source(0, "fuzz.p7b", rest);
    let _ = der_text(rest);
});
