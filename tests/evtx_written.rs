//! `.evtx` files written by `evtx_writer` (the documented binary format,
//! checksums included) read through `analyze` like a saved Admin log.

mod dmedp_logs;
mod evtx_writer;

use dmedp_logs::{success, thumbprint_mismatch, DMEDP, UID, URL};
use evtx_writer::{crc32, Event};
use scep_doctor::model::Verdict;
use scep_doctor::{analyze, Input};

#[test]
fn crc32_is_the_ieee_one() {
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    assert_eq!(crc32(b""), 0);
}

/// The `evtx` crate, checking every checksum, reads what the writer wrote.
#[test]
fn written_files_pass_the_evtx_crate_with_checksums() {
    for (bytes, ids) in [
        (success(), vec![306, 36, 39, 309, 256]),
        (thumbprint_mismatch(), vec![306, 36, 307, 32]),
    ] {
        let settings = evtx::ParserSettings::new()
            .num_threads(1)
            .validate_checksums(true);
        let mut parser = evtx::EvtxParser::from_buffer(bytes.clone())
            .map(|p| p.with_configuration(settings))
            .unwrap_or_else(|e| panic!("header rejected: {e}"));
        let mut read = Vec::new();
        for record in parser.records() {
            let record = record.unwrap_or_else(|e| panic!("record rejected: {e}"));
            assert!(record.data.contains(DMEDP), "{}", record.data);
            read.push(record.data);
        }
        assert_eq!(read.len(), ids.len());
        let events = scep_doctor::platforms::windows::read_evtx(&bytes);
        assert!(events.problems.is_empty());
        let got: Vec<u32> = events.events.iter().filter_map(|e| e.id).collect();
        assert_eq!(got, ids);
        assert_eq!(events.events[0].inserts[0], UID);
    }
}

#[test]
fn written_success_chain_is_delivered() {
    let bytes = success();
    let report = analyze(&[Input {
        name: "DeviceManagement-Enterprise-Diagnostics-Provider-Admin.evtx",
        bytes: &bytes,
    }]);
    assert_eq!(report.sources[0].format, "windows-evtx");
    assert_eq!(report.sources[0].recognized, 5);
    let windows = &report.platforms[0];
    assert_eq!(windows.certificates.len(), 1, "{:#?}", windows.certificates);
    let cert = &windows.certificates[0];
    assert_eq!(cert.verdict, Verdict::Delivered, "{cert:#?}");
    assert_eq!(cert.failed_step, None);
    assert_eq!(cert.profile.get("ndes_url").map(String::as_str), Some(URL));
}

#[test]
fn written_thumbprint_mismatch_fails_at_step_2() {
    let bytes = thumbprint_mismatch();
    let report = analyze(&[Input {
        name: "Admin.evtx",
        bytes: &bytes,
    }]);
    let windows = &report.platforms[0];
    assert_eq!(windows.certificates.len(), 1, "{:#?}", windows.certificates);
    let cert = &windows.certificates[0];
    assert_eq!(cert.verdict, Verdict::Failed);
    assert_eq!(cert.failed_step.map(|s| s.0), Some(2), "{cert:#?}");
    assert!(
        cert.findings
            .iter()
            .any(|f| f.code == "windows.ca-thumbprint-mismatch"
                && f.params.get("code").map(String::as_str) == Some("0x80091007")),
        "{:#?}",
        cert.findings
    );
}

/// The raw view of an `.evtx` source: line N is record N's Event XML, the
/// record the report cites as line N.
#[test]
fn raw_text_puts_each_record_on_the_line_the_report_cites() {
    let bytes = thumbprint_mismatch();
    let report = analyze(&[Input {
        name: "Admin.evtx",
        bytes: &bytes,
    }]);
    let text = scep_doctor::platforms::windows::evtx_text(&bytes);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), report.sources[0].lines);
    let events = scep_doctor::platforms::windows::read_evtx(&bytes).events;
    let cert = &report.platforms[0].certificates[0];
    assert!(!cert.timeline.is_empty());
    for row in &cert.timeline {
        let line = lines[row.line - 1];
        let id = events
            .iter()
            .find(|e| e.line + 1 == row.line)
            .and_then(|e| e.id);
        let id = id.unwrap_or_else(|| panic!("no record at line {}", row.line));
        assert!(line.contains(&format!(">{id}</EventID>")), "{line}");
    }
}

/// The CA's Application log saved as `.evtx`: CertSvc writes its events'
/// inserts unnamed and no message, so the CA's message templates render
/// them; each request is the story its CA export or its Event Viewer copy
/// gives (denied with its reason, pending, issued), and the CertEnroll
/// event of the CA server's own autoenrollment does not make it a device log.
#[test]
fn a_written_ca_application_log_tells_each_request() {
    const CA: &str = "Microsoft-Windows-CertificationAuthority";
    const GUID: &str = "{6A71D062-9AFE-4F35-AD08-52134F85DFB9}";
    let event = |id: u16, level: u8, time: &'static str, unix: u64, data| Event {
        provider: CA,
        guid: GUID,
        channel: "Application",
        id,
        level,
        time,
        unix,
        computer: "CA01.contoso.com",
        data,
        user_data: None,
    };
    let denied: &[(&str, &str)] = &[
        ("", "31"),
        ("", "The permissions on the certificate template do not allow the current user to enroll for this type of certificate. 0x80094012 (-2146877422 CERTSRV_E_TEMPLATE_DENIED)"),
        ("", "CN=adele@contoso.com"),
        ("", "Denied by Policy Module"),
    ];
    let pending: &[(&str, &str)] = &[
        ("", "32"),
        ("", "CN=megan@contoso.com"),
        ("", "Taken Under Submission"),
    ];
    let issued: &[(&str, &str)] = &[("", "33"), ("", "CONTOSO\\NDES01$"), ("", "Issued")];
    let autoenroll = Event {
        provider: "Microsoft-Windows-CertificateServicesClient-CertEnroll",
        guid: "{54164045-7C50-4905-963F-E5BC1EEF0CCA}",
        channel: "Application",
        id: 64,
        level: 4,
        time: "2026-09-09T20:01:12.0000000Z",
        unix: 1_789_070_472,
        computer: "CA01.contoso.com",
        data: &[
            ("Context", "Local System"),
            ("TemplateName", "KerberosAuthentication"),
        ],
        user_data: None,
    };
    let bytes = evtx_writer::write(&[
        autoenroll,
        event(53, 3, "2026-09-09T20:08:41.3310000Z", 1_789_070_921, denied),
        event(
            54,
            4,
            "2026-09-09T20:09:02.1000000Z",
            1_789_070_942,
            pending,
        ),
        event(52, 4, "2026-09-09T20:10:15.5000000Z", 1_789_071_015, issued),
    ]);
    let report = analyze(&[Input {
        name: "Application.evtx",
        bytes: &bytes,
    }]);
    assert_eq!(report.sources[0].format, "windows-evtx");
    assert_eq!(
        report.sources[0].platform,
        Some(scep_doctor::model::Platform::Ca)
    );
    let ca = &report.platforms[0];
    let story = |request: &str| {
        ca.certificates
            .iter()
            .find(|c| c.id.ends_with(&format!(" {request}")))
            .unwrap_or_else(|| panic!("no story for request {request}: {:#?}", ca.certificates))
    };
    let denied = story("31");
    assert_eq!(denied.verdict, Verdict::Failed);
    assert_eq!(denied.failed_step.map(|s| s.0), Some(4));
    assert!(
        denied
            .findings
            .iter()
            .any(|f| f.code == "ca.template-denied"),
        "{:#?}",
        denied.findings
    );
    assert_ne!(story("32").verdict, Verdict::Failed);
    assert_ne!(story("33").verdict, Verdict::Failed);
}

/// The collection zip of Microsoft's NDES validation script
/// (`Validate-NDESConfiguration.ps1`, `Compress-LogFiles`:
/// `<date>-CertConnectorLogs-<server>.zip` with the three newest IIS logs,
/// the connector's `.evtx`, the Application and System logs and a registry
/// dump), dropped as it is: the real IIS and connector samples (read from
/// the shared samples folder, never copied into the repository), a System
/// log whose WAS 5009 names the `SCEP` pool (another pool's is not the
/// server's SCEP story), an Application log whose Application Error 1000 is
/// `w3wp.exe`'s, and the registry dump (UTF-16, as `Out-File` writes it),
/// which is named, not taken for a certificate listing.
#[cfg(feature = "evtx")]
#[test]
fn the_validation_scripts_collection_zip_reads_member_by_member() {
    use std::io::Write;
    let samples =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/real-samples");
    let read = |name: &str| {
        std::fs::read(samples.join(name))
            .unwrap_or_else(|e| panic!("real sample {name} missing: {e}"))
    };
    let was = |time: &'static str, unix: u64, data| Event {
        provider: "Microsoft-Windows-WAS",
        guid: "{524B5D04-133C-4A62-8362-64E8EDB9CE40}",
        channel: "System",
        id: 5009,
        level: 3,
        time,
        unix,
        computer: "NDES01.contoso.com",
        data,
        user_data: None,
    };
    let scep: &[(&str, &str)] = &[
        ("AppPoolID", "SCEP"),
        ("ProcessID", "6812"),
        ("ExitCode", "0xc0000374"),
    ];
    let other: &[(&str, &str)] = &[
        ("AppPoolID", "DefaultAppPool"),
        ("ProcessID", "5120"),
        ("ExitCode", "0xc0000005"),
    ];
    let system = evtx_writer::write(&[
        was("2024-04-15T11:02:09.0000000Z", 1_713_178_929, other),
        was("2024-04-15T12:40:11.0000000Z", 1_713_184_811, scep),
    ]);
    let crash: &[(&str, &str)] = &[
        ("", "w3wp.exe"),
        ("", "10.0.20348.1"),
        ("", "5c8e0f2a"),
        ("", "ntdll.dll"),
        ("", "10.0.20348.2227"),
        ("", "1a2b3c4d"),
        ("", "c0000374"),
        ("", "00000000000ff6a9"),
        ("", "1a9c"),
        ("", "01da8f2b3c4d5e6f"),
        ("", "c:\\windows\\system32\\inetsrv\\w3wp.exe"),
        ("", "C:\\Windows\\SYSTEM32\\ntdll.dll"),
        ("", "7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6"),
        ("", ""),
        ("", ""),
    ];
    let application = evtx_writer::write(&[Event {
        provider: "Application Error",
        guid: "{A0E9B465-B939-57D7-B27D-95D8E925FF57}",
        channel: "Application",
        id: 1000,
        level: 2,
        time: "2024-04-15T12:40:10.0000000Z",
        unix: 1_713_184_810,
        computer: "NDES01.contoso.com",
        data: crash,
        user_data: None,
    }]);
    let registry_text = "\r\nEncryptionCertThumbprint : 8A1F3C5E7B9D0F2A4C6E8A0B2D4F6A8C0E2A4B6D\r\nPSPath                   : Microsoft.PowerShell.Core\\Registry::HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MicrosoftIntune\\PFXCertificateConnector\r\nPSParentPath             : Microsoft.PowerShell.Core\\Registry::HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MicrosoftIntune\r\nPSChildName              : PFXCertificateConnector\r\nPSDrive                  : HKLM\r\nPSProvider               : Microsoft.PowerShell.Core\\Registry\r\n\r\n\r\n\r\n    Hive: HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MicrosoftIntune\\PFXCertificateConnector\r\n\r\n\r\nName                           Property\r\n----                           --------\r\nCA01.contoso.com\\Contoso-CA    UseSystemAccount : 1\r\n\r\n\r\n";
    let mut registry = vec![0xFF, 0xFE];
    registry.extend(registry_text.encode_utf16().flat_map(u16::to_le_bytes));

    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, bytes) in [
        ("u_ex240415.log", read("ndes-iis-u_ex240415.log")),
        ("u_ex240412.log", read("ndes-iis-u_ex240412.log")),
        ("u_ex240411.log", read("ndes-iis-u_ex240411.log")),
        (
            "Microsoft-Intune-CertificateConnectors%4Admin.evtx",
            read("connector-admin-revoke-failures.evtx"),
        ),
        ("Application.evtx", application),
        ("System.evtx", system),
        ("registry.txt", registry),
    ] {
        zip.start_file(name, options).unwrap();
        zip.write_all(&bytes).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    let report = analyze(&[Input {
        name: "150424124011-CertConnectorLogs-NDES01.zip",
        bytes: &bytes,
    }]);
    let source = |member: &str| {
        report
            .sources
            .iter()
            .find(|s| s.name.ends_with(member))
            .unwrap_or_else(|| panic!("no source {member}: {:#?}", report.sources))
    };
    let ndes = Some(scep_doctor::model::Platform::Ndes);
    for member in [
        "u_ex240415.log",
        "Admin.evtx",
        "Application.evtx",
        "System.evtx",
    ] {
        assert_eq!(source(member).platform, ndes, "{member}");
    }
    assert_eq!(
        source("System.evtx").recognized,
        1,
        "only the SCEP pool's 5009"
    );
    assert_eq!(source("registry.txt").platform, None);
    assert_eq!(report.platforms.len(), 1, "{:#?}", report.platforms);
    let codes: Vec<&str> = report.platforms[0]
        .findings
        .iter()
        .chain(
            report.platforms[0]
                .certificates
                .iter()
                .flat_map(|c| &c.findings),
        )
        .map(|f| f.code.as_str())
        .collect();
    for code in [
        "ndes.event-scep-pool-ended",
        "ndes.event-w3wp-crashed",
        "ndes.connector-revoke-failed",
    ] {
        assert!(codes.contains(&code), "{code} not in {codes:?}");
    }
}

/// The NDES server's CAPI2 Operational log as `.evtx`: chain errors logged
/// for IIS's worker process make it the server's, read like their text
/// copies (the result from UserData); the same log of a device's process
/// is not taken for the server's.
#[cfg(feature = "evtx")]
#[test]
fn the_ndes_servers_capi2_log_reads_its_chain_errors() {
    use evtx_writer::UserData;
    const EXPIRED: &str = "A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file.";
    let capi2 = |id: u16, time: &'static str, unix: u64, user_data| Event {
        provider: "Microsoft-Windows-CAPI2",
        guid: "{5bbca4a8-b209-48dc-a8c7-b23d3e5216fb}",
        channel: "Microsoft-Windows-CAPI2/Operational",
        id,
        level: 2,
        time,
        unix,
        computer: "NDES01.contoso.com",
        data: &[],
        user_data: Some(user_data),
    };
    let chain = |process: &'static str, value: &'static str, text: &'static str| UserData {
        element: "CertGetCertificateChain",
        process,
        value,
        text,
    };
    let policy = |process: &'static str, value: &'static str, text: &'static str| UserData {
        element: "CertVerifyCertificateChainPolicy",
        process,
        value,
        text,
    };
    let server = evtx_writer::write(&[
        capi2(
            11,
            "2026-10-02T01:10:02.0000000Z",
            1_790_903_402,
            chain("w3wp.exe", "0", ""),
        ),
        capi2(
            11,
            "2026-10-02T01:15:40.1180230Z",
            1_790_903_740,
            chain("w3wp.exe", "800B0101", EXPIRED),
        ),
        capi2(
            30,
            "2026-10-02T01:15:40.1192248Z",
            1_790_903_740,
            policy("w3wp.exe", "800B0101", EXPIRED),
        ),
    ]);
    let report = analyze(&[Input {
        name: "Microsoft-Windows-CAPI2%4Operational.evtx",
        bytes: &server,
    }]);
    assert_eq!(report.sources[0].format, "windows-evtx");
    assert_eq!(
        report.sources[0].platform,
        Some(scep_doctor::model::Platform::Ndes)
    );
    assert_eq!(report.sources[0].recognized, 2);
    let codes: Vec<&str> = report.platforms[0]
        .findings
        .iter()
        .map(|f| f.code.as_str())
        .collect();
    assert!(codes.contains(&"ndes.client-cert-expired"), "{codes:?}");
    // A device's CAPI2 log (another process): not the server's.
    let device = evtx_writer::write(&[capi2(
        30,
        "2026-10-02T01:15:40.1192248Z",
        1_790_903_740,
        policy("svchost.exe", "800B0101", EXPIRED),
    )]);
    let report = analyze(&[Input {
        name: "Microsoft-Windows-CAPI2%4Operational.evtx",
        bytes: &device,
    }]);
    assert_eq!(report.sources[0].platform, None);
}
