//! Writes the archive fixtures that hold binary `.evtx` files and other
//! binary members (the `.evtx` files by `evtx_writer`, in the documented
//! format), and checks that the committed archives hold exactly what this
//! writes. After a change:
//!
//! ```sh
//! UPDATE_FIXTURES=1 cargo test --test archive_fixtures
//! UPDATE_EXPECT=1 cargo test --test fixtures
//! ```
//!
//! The zips are written with the `zip` crate. The cabinet is written by GNOME
//! `gcab` (`apt-get install gcab`), MSZIP compressed, from the member files
//! this leaves in `target/archive-fixtures/`; see
//! `tests/fixtures/archives/README.md`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod dmedp_logs;
mod evtx_writer;

use std::io::Write;
use std::path::{Path, PathBuf};

use scep_doctor::archive;

fn archives() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/archives")
}

/// 2024-08-20 09:55:12, when the device's logs were collected.
fn collected() -> zip::DateTime {
    zip::DateTime::from_date_and_time(2024, 8, 20, 9, 55, 12).unwrap()
}

/// An archive's members: (path inside, bytes); a path ending in `/` is a folder.
type Members = Vec<(&'static str, Vec<u8>)>;

fn zip_of(files: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(collected());
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in files {
        if name.ends_with('/') {
            w.add_directory(*name, options).unwrap();
        } else {
            w.start_file(*name, options).unwrap();
            w.write_all(data).unwrap();
        }
    }
    w.finish().unwrap().into_inner()
}

/// Text as Windows tools save it: UTF-16 LE with a byte order mark, CRLF.
fn utf16le(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for unit in text.replace('\n', "\r\n").encode_utf16() {
        out.extend_from_slice(&unit.to_le_bytes());
    }
    out
}

/// A `regedit` export of one key.
fn reg_export(key: &str, values: &[(&str, &str)]) -> Vec<u8> {
    let mut text = format!("Windows Registry Editor Version 5.00\n\n[{key}]\n");
    for (name, value) in values {
        text.push_str(&format!("\"{name}\"=\"{value}\"\n"));
    }
    text.push('\n');
    utf16le(&text)
}

/// Intune's "Collect diagnostics" download (`DiagLogs-<device>-<time>.zip`,
/// DiagnosticLog CSP): `results.xml` maps each numbered folder to the
/// directive that filled it; folder 3 holds the DMEDP Admin log.
fn intune_diaglogs() -> Members {
    let results = "<Collection HRESULT=\"0\">\r\n\
        \x20 <ID>f1e20cb4-9789-4f6b-8f6a-766989764c6d</ID>\r\n\
        \x20 <RegistryKey HRESULT=\"0\">HKLM\\Software\\Policies</RegistryKey>\r\n\
        \x20 <Command HRESULT=\"0\">%windir%\\system32\\ipconfig.exe /all</Command>\r\n\
        \x20 <Events HRESULT=\"0\">Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider/Admin</Events>\r\n\
        </Collection>\r\n";
    let ipconfig = "\r\nWindows IP Configuration\r\n\r\n\
        \x20  Host Name . . . . . . . . . . . . : PC-0042\r\n\
        \x20  Primary Dns Suffix  . . . . . . . : contoso.com\r\n\
        \x20  Node Type . . . . . . . . . . . . : Hybrid\r\n\
        \x20  IP Routing Enabled. . . . . . . . : No\r\n";
    vec![
        (
            "1/export.reg",
            reg_export(
                "HKEY_LOCAL_MACHINE\\Software\\Policies\\Microsoft\\Windows\\WcmSvc",
                &[],
            ),
        ),
        ("2/output.log", ipconfig.as_bytes().to_vec()),
        ("3/Events.evtx", dmedp_logs::thumbprint_mismatch()),
        ("results.xml", results.as_bytes().to_vec()),
    ]
}

/// `MdmDiagnosticsTool.exe -area DeviceEnrollment;DeviceProvisioning;Autopilot
/// -cab MDMDiagReport.cab`: the DMEDP Admin log and the registry dump.
fn mdm_diagnostics_cab_members() -> Members {
    vec![
        (
            "MdmDiagReport_RegistryDump.reg",
            reg_export(
                "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Enrollments\\8E8C3E0B-AD4C-4A0A-8B8C-0A6F3A1C2B3D",
                &[
                    ("ProviderID", "MS DM Server"),
                    ("UPN", "john@contoso.onmicrosoft.com"),
                ],
            ),
        ),
        (
            "microsoft-windows-devicemanagement-enterprise-diagnostics-provider-admin.evtx",
            dmedp_logs::success(),
        ),
    ]
}

/// A PNG chunk: length, type, data, CRC32 of type and data.
fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = (data.len() as u32).to_be_bytes().to_vec();
    let mut typed = kind.to_vec();
    typed.extend_from_slice(data);
    out.extend_from_slice(&typed);
    out.extend_from_slice(&evtx_writer::crc32(&typed).to_be_bytes());
    out
}

/// A 1×1 white PNG (a screenshot attached by mistake).
fn png() -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    out.extend(png_chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]));
    // zlib stream of one scanline: filter 0, RGB ff ff ff.
    let scanline = [0u8, 0xFF, 0xFF, 0xFF];
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(&scanline).unwrap();
    out.extend(png_chunk(b"IDAT", &z.finish().unwrap()));
    out.extend(png_chunk(b"IEND", &[]));
    out
}

/// Bytes that are no format at all (a seeded xorshift).
fn noise(len: usize) -> Vec<u8> {
    let mut x = 0x2545_F491_4F6C_DD1Du64;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 56) as u8
        })
        .collect()
}

/// An Application log saved from Event Viewer: events, none of them SCEP.
fn application_evtx() -> Vec<u8> {
    let event = evtx_writer::Event {
        provider: "Microsoft-Windows-Security-SPP",
        guid: "{E23B33B0-C8C9-472C-A5F9-F2BDFEA0F156}",
        channel: "Application",
        id: 16384,
        level: 4,
        time: "2024-08-20T09:40:02.1234567Z",
        unix: 1_724_146_802,
        computer: "PC-0042.contoso.com",
        data: &[
            ("param1", "2124-07-27T09:40:02Z"),
            ("param2", "RulesEngine"),
        ],
        user_data: None,
    };
    evtx_writer::write(&[event])
}

/// What a user zips from a folder of "everything I have": no member is a
/// log SCEP Doctor reads, each for its own reason.
fn junk_members() -> Members {
    let html = "<!DOCTYPE html>\r\n<html><head><title>MDM Diagnostic Report</title></head>\r\n\
        <body><h1>Managed policies</h1><table><tr><td>Wi-Fi</td></tr></table></body></html>\r\n";
    vec![
        ("logs/", Vec::new()),
        ("logs/Application.evtx", application_evtx()),
        ("logs/MDMDiagReport.html", html.as_bytes().to_vec()),
        ("logs/empty.log", Vec::new()),
        (
            "logs/notes.txt",
            b"Asked the user to restart the phone on Tuesday.\r\nStill no Wi-Fi.\r\n".to_vec(),
        ),
        ("logs/screenshot.png", png()),
        ("logs/wifi-profile.bin", noise(3000)),
    ]
}

/// The archive fixtures this file writes: (file name, members).
fn zips() -> Vec<(&'static str, Members)> {
    vec![
        (
            "intune-diaglogs-dmedp-evtx-thumbprint-mismatch.zip",
            intune_diaglogs(),
        ),
        ("junk-members-are-listed-as-skipped.zip", junk_members()),
    ]
}

const CAB: &str = "mdmdiagnostics-cab-dmedp-evtx-delivered.cab";

/// The members (names inside, bytes) that `expand` finds in `fixture`.
fn expanded(fixture: &str) -> Vec<(String, Vec<u8>)> {
    let bytes = std::fs::read(archives().join(fixture)).unwrap();
    archive::expand(fixture, &bytes)
        .into_iter()
        .map(|e| {
            assert!(e.problems.is_empty(), "{}: {:?}", e.name, e.problems);
            let inner = e.name[fixture.len() + 1..].to_string();
            (inner, e.bytes)
        })
        .collect()
}

fn files_only(members: &[(&str, Vec<u8>)]) -> Vec<(String, Vec<u8>)> {
    members
        .iter()
        .filter(|(name, _)| !name.ends_with('/'))
        .map(|(name, data)| (name.to_string(), data.clone()))
        .collect()
}

/// Writes the cabinet's members with the collection time and runs gcab.
fn write_cab() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/archive-fixtures/cab");
    std::fs::create_dir_all(&dir).unwrap();
    let at = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_724_147_712);
    let mut names = Vec::new();
    for (name, data) in mdm_diagnostics_cab_members() {
        let path = dir.join(name);
        std::fs::write(&path, data).unwrap();
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(at)
            .unwrap();
        names.push(name);
    }
    let cab = archives().join(CAB);
    let _ = std::fs::remove_file(&cab);
    let status = std::process::Command::new("gcab")
        .arg("--create")
        .arg("--zip")
        .arg(&cab)
        .args(&names)
        .current_dir(&dir)
        .env("TZ", "UTC")
        .status();
    match status {
        Ok(s) if s.success() => {}
        other => panic!("gcab (apt-get install gcab) failed: {other:?}"),
    }
}

#[test]
fn archive_fixtures_hold_what_this_writes() {
    let update = std::env::var_os("UPDATE_FIXTURES").is_some();
    for (file, members) in zips() {
        if update {
            std::fs::write(archives().join(file), zip_of(&members)).unwrap();
        }
        assert_eq!(expanded(file), files_only(&members), "{file}");
    }
    if update {
        write_cab();
    }
    let members = mdm_diagnostics_cab_members();
    assert_eq!(expanded(CAB), files_only(&members), "{CAB}");
}
