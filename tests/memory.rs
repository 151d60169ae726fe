//! Memory stays flat as input grows: 64 MB of each platform's log (and of
//! the export shapes read as they arrive), streamed in 1 MiB pieces with a
//! certificate's story at its start, never needs more than a few megabytes
//! of heap beyond what the rule tables take. Measured with a counting
//! allocator (one test, so nothing else allocates meanwhile).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use scep_doctor::model::Verdict;
use scep_doctor::stream::Analysis;

#[cfg(feature = "evtx")]
#[allow(dead_code)]
mod dmedp_logs;
#[cfg(feature = "evtx")]
mod evtx_writer;

struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const INPUT: usize = 64 << 20;
const PIECE: usize = 1 << 20;
/// What the analysis may hold beyond its start: the open record, one batch
/// of lines, the events of one story. The bound is 64 MB.
const ALLOWED: usize = 8 << 20;

/// Streams `story` then noise lines up to [`INPUT`] bytes; returns the
/// verdict and the heap the analysis needed beyond what it held at start.
fn stream(story: &str, noise: &[&str]) -> (Option<Verdict>, usize) {
    let mut analysis = Analysis::new();
    analysis.begin("big.log");
    let base = NOW.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    analysis.feed(story.as_bytes());
    let mut piece = String::with_capacity(PIECE + 4096);
    let (mut fed, mut i) = (story.len(), 0);
    while fed < INPUT && !noise.is_empty() {
        piece.clear();
        while piece.len() < PIECE {
            piece.push_str(noise[i % noise.len()]);
            i += 1;
        }
        analysis.feed(piece.as_bytes());
        fed += piece.len();
    }
    let report = analysis.finish();
    let peak = PEAK.load(Ordering::Relaxed).saturating_sub(base);
    (report.platforms.first().map(|p| p.verdict), peak)
}

fn fixture(path: &str) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    let text = std::fs::read_to_string(dir.join(path)).unwrap();
    if text.ends_with('\n') {
        text
    } else {
        text + "\n"
    }
}

#[test]
fn a_big_log_streams_in_flat_memory_on_every_platform() {
    // `log show --style json`: the story's array left open, each noise
    // event opened by the `},{` that closes the one before.
    let pretty_story = fixture("ios/log-show-json-get-pkioperation.log");
    let pretty_story = pretty_story
        .trim_end()
        .trim_end_matches(']')
        .trim_end_matches('}');
    let pretty_noise = [
        "},{\n  \"traceID\" : 268420700074179,\n  \"eventMessage\" : \"Certificate chain evaluation for login.microsoftonline.com took 2ms\",\n  \"eventType\" : \"logEvent\",\n  \"source\" : null,\n  \"formatString\" : \"%{public}s\",\n  \"subsystem\" : \"com.apple.securityd\",\n  \"category\" : \"trust\",\n  \"threadID\" : 1398157,\n  \"backtrace\" : {\n    \"frames\" : [\n      {\n        \"imageOffset\" : 778563,\n        \"imageUUID\" : \"39263059-A170-A09F-953F-0FD6F29D0DA9\"\n      }\n    ]\n  },\n  \"processImagePath\" : \"\\/usr\\/libexec\\/trustd\",\n  \"timestamp\" : \"2024-05-14 09:12:01.220871-0400\",\n  \"processID\" : 118,\n  \"timezoneName\" : \"\"\n",
        "},{\n  \"traceID\" : 1677129701413061,\n  \"eventMessage\" : \"Showing banner for com.microsoft.CompanyPortal\",\n  \"processImagePath\" : \"\\/System\\/Library\\/CoreServices\\/SpringBoard.app\\/SpringBoard\",\n  \"timestamp\" : \"2024-05-14 09:12:01.104233-0400\",\n  \"processID\" : 67\n",
    ];
    // `--style ndjson`: the story without its count trailer.
    let compact_story = fixture("ios/log-show-ndjson-22013.log");
    let compact_story: String = compact_story
        .lines()
        .filter(|l| !l.starts_with("{\"count\""))
        .map(|l| format!("{l}\n"))
        .collect();
    let compact_noise = [
        "{\"traceID\":4472506546407603,\"eventMessage\":\"Certificate chain evaluation for login.microsoftonline.com took 2ms\",\"eventType\":\"logEvent\",\"source\":null,\"formatString\":\"%{public}s\",\"subsystem\":\"com.apple.securityd\",\"category\":\"trust\",\"threadID\":1528657,\"backtrace\":{\"frames\":[{\"imageOffset\":778563,\"imageUUID\":\"39263059-A170-A09F-953F-0FD6F29D0DA9\"}]},\"processImagePath\":\"\\/usr\\/libexec\\/trustd\",\"timestamp\":\"2024-05-14 17:40:01.220871-0400\",\"processID\":118,\"timezoneName\":\"\"}\n",
        "{\"traceID\":273228918675122,\"eventMessage\":\"Showing banner for com.microsoft.CompanyPortal\",\"processImagePath\":\"\\/System\\/Library\\/CoreServices\\/SpringBoard.app\\/SpringBoard\",\"timestamp\":\"2024-05-14 17:40:01.104233-0400\",\"processID\":67}\n",
    ];
    let shapes: [(&str, &str, &[&str], Verdict); 2] = [
        ("ios json", pretty_story, &pretty_noise, Verdict::Delivered),
        (
            "ios ndjson",
            &compact_story,
            &compact_noise,
            Verdict::Failed,
        ),
    ];
    let cases: [(&str, &[&str], Verdict); 7] = [
        (
            "android/full-success.log",
            &[
                "2018-02-27T05:17:00.8251810    INFO    Event     com.microsoft.omadm.platforms.android.EncryptionPolicyManager    18327        5    Storage encryption status is ACTIVE_PER_USER\n",
                "2018-02-27T05:17:01.3021010    VERB    Event     com.microsoft.omadm.client.tasks.TaskScheduler    18327       27    Scheduling next check-in in 28800000 ms (job id 73122)\n",
                "\tat com.microsoft.omadm.client.tasks.TaskScheduler.run(TaskScheduler.java:120)\n",
            ],
            Verdict::Delivered,
        ),
        (
            "ios/root-and-scep-installed.log",
            &[
                "default    14:05:00.004918 -0500    kernel    AppleKeyStore:Sending lock change 0 for handle 0\n",
                "debug      14:05:00.350210 -0500    trustd    OCSP response cache hit for certificate 44364FD448D24405\n",
                "default    14:05:00.020650 -0500    CertificateService    Task <D686A45D-5940-480F-74AA-AABE6E93BEB6>.<7> received response, status 200 content K\n",
            ],
            Verdict::Delivered,
        ),
        (
            "windows/success-list-copy.txt",
            &[
                "Information\t8/20/2024 8:59:53 AM\tDeviceManagement-Enterprise-Diagnostics-Provider\t813\tNone\r\n",
                "MDM PolicyManager: Set policy int, Policy: (DeviceLock/MinDevicePasswordLength), Area: (DeviceLock), EnrollmentID requesting merge: (48751283-E4C2-B035-7826-EF4AB2D3A1C5), Current User: (Device), Int: (0x6), Enrollment Type: (0x6), Scope: (0x0).\r\n",
                "Information\t8/20/2024 8:59:51 AM\tDeviceManagement-Enterprise-Diagnostics-Provider\t209\tNone\r\n",
                "MDM Session: OMA-DM session ended with status: (The operation completed successfully.).\r\n",
            ],
            Verdict::Delivered,
        ),
        (
            // `wevtutil qe /f:xml`, an event a line, then a pretty-printed one.
            "windows/http-404-0x80190194-events.xml",
            &[
                "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider' Guid='{3da494e4-0fe2-415c-b895-fb5265c5c83b}'/><EventID>813</EventID><Version>0</Version><Level>4</Level><Task>0</Task><Opcode>0</Opcode><Keywords>0x8000000000000000</Keywords><TimeCreated SystemTime='2025-05-06T08:15:02.7680004Z'/><EventRecordID>1002</EventRecordID><Correlation/><Execution ProcessID='5812' ThreadID='9120'/><Channel>Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider/Admin</Channel><Computer>PC-0042.contoso.com</Computer><Security UserID='S-1-5-18'/></System><EventData><Data Name='Message1'>DeviceLock/MinDevicePasswordLength</Data><Data Name='Message2'>DeviceLock</Data><Data Name='Message3'>2AC9AB26-C352-4C50-6948-E9DD1FA3158A</Data><Data Name='Message4'>Device</Data><Data Name='HexInt1'>0xECA1</Data><Data Name='HexInt2'>0x6</Data><Data Name='HexInt3'>0x0</Data></EventData></Event>\r\n",
                "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>\r\n  <System>\r\n    <Provider Name='Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider'/>\r\n    <EventID>2800</EventID>\r\n    <TimeCreated SystemTime='2025-05-06T08:15:03.1500004Z'/>\r\n  </System>\r\n  <EventData>\r\n    <Data Name='Message1'>Update</Data>\r\n  </EventData>\r\n</Event>\r\n",
            ],
            Verdict::Failed,
        ),
        (
            // Event Viewer "Save All Events As" CSV, German, a message on
            // two lines in quotes.
            "windows/success-save-as-german.csv",
            &[
                "Informationen,20.08.2024 08:59:53,Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider,813,Keine,\"MDM PolicyManager: Set policy int, Policy: (DeviceLock/MinDevicePasswordLength), Area: (DeviceLock), Current User: (Device), Int: (0x6).\"\r\n",
                "Informationen,20.08.2024 08:59:51,Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider,209,Keine,\"MDM Session: OMA-DM session ended with status:\r\n(The operation completed successfully.).\"\r\n",
            ],
            Verdict::Delivered,
        ),
        (
            // The CA console's Export List: other templates' requests after
            // the SCEP ones are counted, not kept.
            "ca/issued-certificates-every-template-export-list.csv",
            &[
                "428,CONTOSO\\PC-0412$,Machine,3a000001ac2f2a74de452e6b430000000001ac,9/9/2026 11:31 PM,9/9/2027 11:41 PM,,,,PC-0412.contoso.com,,,\r\n",
                "429,CONTOSO\\svc-web,WebServer,3a000001ad6513270e269e0d370000000001ad,9/9/2026 11:32 PM,9/9/2028 11:42 PM,,,,\"intranet, extranet\",,,\r\n",
            ],
            Verdict::Incomplete,
        ),
        (
            // `certutil -view Log`: rows of other templates with their PEM.
            "ca/certutil-view-log-issued-and-revoked.txt",
            &[
                "Row 3:\r\n  Issued Request ID: 0x1ac (428)\r\n  Requester Name: \"CONTOSO\\PC-0412$\"\r\n  Certificate Template: \"Machine\"\r\n  Binary Certificate:\r\n-----BEGIN CERTIFICATE-----\r\nMIIBszCCAVmgAwIBAgIUX3mQ\r\n-----END CERTIFICATE-----\r\n\r\n",
            ],
            Verdict::Incomplete,
        ),
    ];
    let stories: Vec<String> = cases.iter().map(|(path, _, _)| fixture(path)).collect();
    let platforms = cases
        .iter()
        .zip(&stories)
        .map(|((path, noise, verdict), story)| (*path, story.as_str(), *noise, *verdict));
    #[cfg(feature = "evtx")]
    evtx_from_disk();
    for (path, story, noise, expected) in platforms.chain(shapes) {
        let (alone, _) = stream(story, &[]);
        let (verdict, peak) = stream(story, noise);
        eprintln!("{path}: peak {} KB", peak >> 10);
        assert_eq!(verdict, alone, "{path}: the noise changed the verdict");
        assert_eq!(verdict, Some(expected), "{path}");
        assert!(
            peak < ALLOWED,
            "{path}: 64 MB needed {} MB of heap",
            peak >> 20
        );
    }
}

/// A 64 MB DMEDP Admin log on disk (the success story's chunk, then chunks
/// of MDM policy events) is read chunk by chunk where it lies.
#[cfg(feature = "evtx")]
fn evtx_from_disk() {
    use dmedp_logs::event;
    const POLICY: &[(&str, &str)] = &[
        ("Message1", "DeviceLock/MinDevicePasswordLength"),
        ("Message2", "DeviceLock"),
        ("Message3", "2AC9AB26-C352-4C50-6948-E9DD1FA3158A"),
        ("Message4", "Device"),
        ("HexInt1", "0x6"),
        ("HexInt2", "0x6"),
        ("HexInt3", "0x0"),
    ];
    let base = 1_724_147_400; // 2024-08-20T09:50:00Z
    let policy: Vec<_> = (0..24)
        .map(|_| event(813, 4, "2024-08-20T09:50:00.0000000Z", base, POLICY))
        .collect();
    let noise = evtx_writer::write(&policy);
    let noise_chunk = &noise[4096..];
    let mut file = dmedp_logs::success();
    while file.len() < INPUT {
        file.extend_from_slice(noise_chunk);
    }
    let path = std::env::temp_dir().join(format!("scep-doctor-memory-{}.evtx", std::process::id()));
    std::fs::write(&path, &file).unwrap();
    drop(file);
    let mut analysis = Analysis::new();
    analysis.begin("DeviceManagement-Enterprise-Diagnostics-Provider-Admin.evtx");
    let base = NOW.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    analysis.read_evtx(std::fs::File::open(&path).unwrap());
    let report = analysis.finish();
    let peak = PEAK.load(Ordering::Relaxed).saturating_sub(base);
    std::fs::remove_file(&path).unwrap();
    eprintln!(".evtx from disk: peak {} KB", peak >> 10);
    assert!(
        report.sources[0].lines > 20_000,
        "{}",
        report.sources[0].lines
    );
    let verdict = report.platforms.first().map(|p| p.verdict);
    assert_eq!(verdict, Some(Verdict::Delivered));
    assert!(
        peak < ALLOWED,
        ".evtx: 64 MB needed {} MB of heap",
        peak >> 20
    );
}
