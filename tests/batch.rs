//! Batch triage (`scep-doctor --each`), run as the built binary over devices
//! made from the fixtures: a folder, a zip, a single file, a garbage file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

/// A fresh folder under the system's temporary folder.
fn temp(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("scep-doctor-batch-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn copy(fixture: &str, to: &Path) {
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::copy(fixtures().join(fixture), to).unwrap();
}

fn zip(to: &Path, members: &[(&str, &str)]) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for (name, fixture) in members {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(&std::fs::read(fixtures().join(fixture)).unwrap())
            .unwrap();
    }
    zip.finish().unwrap();
}

/// Four devices, in this order: a delivered Android folder (two rotated
/// logs, one in a sub-folder), an iOS zip that failed at step 5, a Windows
/// export that failed at step 1, and a file that is no log.
fn devices(dir: &Path) -> Vec<PathBuf> {
    let folder = dir.join("pixel-7");
    copy("android/full-success.log", &folder.join("OMADM.log"));
    copy(
        "android/getcacert-http-403.log",
        &folder.join("older/OMADM.log.1"),
    );
    let ipad = dir.join("ipad, \"Lobby\".zip");
    zip(
        &ipad,
        &[("logs/console.log", "ios/invalid-pki-response-22013.log")],
    );
    let laptop = dir.join("laptop.txt");
    copy("windows/csp-rejected-306-404-list-copy.txt", &laptop);
    let garbage = dir.join("camera.jpg");
    std::fs::write(
        &garbage,
        [
            0xFFu8, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F', 0, 1, 2, 3,
        ],
    )
    .unwrap();
    vec![folder, ipad, laptop, garbage]
}

fn run(args: &[&str], paths: &[PathBuf]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scep-doctor"))
        .args(args)
        .args(paths)
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn text_summary_has_one_line_per_device_in_order() {
    let dir = temp("text");
    let paths = devices(&dir);
    let out = run(&["--each", "--quiet"], &paths);
    assert_eq!(out.status.code(), Some(2), "a device could not be read");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5, "{text}");
    assert!(lines[0].starts_with("DEVICE "), "{text}");
    let words = |line: &str| {
        line.split_whitespace()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(words(lines[1])[..3], ["pixel-7", "android", "delivered"]);
    assert!(lines[2].starts_with("ipad, \"Lobby\" "), "{text}");
    assert!(lines[2].contains(" ios "), "{text}");
    assert!(lines[2].contains(" failed "), "{text}");
    assert!(lines[2].contains("ios.scep-22013 — "), "{text}");
    assert_eq!(
        words(lines[3])[..5],
        ["laptop", "windows", "failed", "1", "windows.csp-rejected"]
    );
    assert_eq!(words(lines[4])[..4], ["camera", "-", "unreadable", "-"]);
    assert!(lines[4].contains("not a text log"), "{text}");
}

#[test]
fn the_order_does_not_depend_on_threads() {
    let dir = temp("order");
    let mut paths = devices(&dir);
    // More devices than threads, some slower than others.
    for i in 0..12 {
        let file = dir.join(format!("extra-{i:02}.log"));
        copy(
            if i % 3 == 0 {
                "android/certrep-failure-bad-alg.log"
            } else {
                "ios/getcacert-only.log"
            },
            &file,
        );
        paths.push(file);
    }
    let one = run(&["--each", "--format", "csv", "--jobs", "1"], &paths);
    let many = run(&["--each", "--format", "csv", "--jobs", "4"], &paths);
    assert_eq!(stdout(&one), stdout(&many));
    assert_eq!(one.status.code(), many.status.code());
    assert_eq!(stdout(&one).lines().count(), 1 + paths.len());
}

#[test]
fn csv_quotes_and_jsonl_parses() {
    let dir = temp("csv");
    let paths = devices(&dir);
    let csv = stdout(&run(&["--each", "--format", "csv"], &paths));
    let records: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        records[0],
        "device,platforms,verdict,step,step_title,finding,finding_title,note"
    );
    assert!(
        records[1].starts_with("pixel-7,android,delivered,,,"),
        "{csv}"
    );
    // A comma and quotes in a device's name are quoted, quotes doubled.
    assert!(
        records[2].starts_with("\"ipad, \"\"Lobby\"\"\",ios,failed,5,"),
        "{csv}"
    );
    assert!(records[3].starts_with("laptop,windows,failed,1,"), "{csv}");
    assert!(records[4].starts_with("camera,,unreadable,"), "{csv}");
    assert_eq!(records[5], "");

    let jsonl = stdout(&run(&["--each", "--format", "jsonl"], &paths));
    let rows: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[1]["device"], "ipad, \"Lobby\"");
    assert_eq!(rows[1]["platforms"], serde_json::json!(["ios"]));
    assert_eq!(rows[1]["verdict"], "failed");
    assert_eq!(rows[1]["step"], 5);
    assert_eq!(rows[1]["finding"], "ios.scep-22013");
    assert_eq!(rows[0]["step"], serde_json::Value::Null);
    assert_eq!(rows[3]["verdict"], "unreadable");
    assert!(!rows[3]["note"].as_str().unwrap().is_empty());
}

#[test]
fn japanese_titles_with_lang_ja() {
    let dir = temp("ja");
    let paths = devices(&dir);
    let jsonl = stdout(&run(
        &["--each", "--format", "jsonl", "--lang", "ja"],
        &paths[1..2],
    ));
    let row: serde_json::Value = serde_json::from_str(jsonl.trim()).unwrap();
    assert_eq!(row["verdict"], "failed");
    let title = row["finding_title"].as_str().unwrap();
    assert!(!title.is_ascii(), "{title}");
}

#[test]
fn out_writes_each_report_under_a_safe_unique_name() {
    let dir = temp("out");
    let paths = devices(&dir);
    // Two devices of the same name.
    let again = dir.join("again/laptop.log");
    copy("windows/csp-rejected-306-404-list-copy.txt", &again);
    let mut all = paths.clone();
    all.push(again);
    let reports = dir.join("reports");
    let out = run(
        &[
            "--each",
            "--quiet",
            "--json",
            "--out",
            reports.to_str().unwrap(),
        ],
        &all,
    );
    assert_eq!(out.status.code(), Some(2));
    let mut names: Vec<String> = std::fs::read_dir(&reports)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "camera.json",
            "ipad___Lobby_.json",
            "laptop-2.json",
            "laptop.json",
            "pixel-7.json"
        ]
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(reports.join("pixel-7.json")).unwrap())
            .unwrap();
    assert_eq!(report["schema"], "scep-doctor.report/1");
    // The folder's two files, named inside the device.
    let sources: Vec<&str> = report["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["pixel-7/OMADM.log", "pixel-7/older/OMADM.log.1"]);

    // The text report by default.
    let text_reports = dir.join("text");
    run(
        &["--each", "--quiet", "--out", text_reports.to_str().unwrap()],
        &paths[2..3],
    );
    let text = std::fs::read_to_string(text_reports.join("laptop.txt")).unwrap();
    assert!(
        text.contains("windows.csp-rejected") || text.contains("rejected"),
        "{text}"
    );
    assert!(!text.contains('\x1b'), "no colour in files");
}

#[test]
fn exit_status_is_the_worst_device() {
    let dir = temp("exit");
    let paths = devices(&dir);
    let ok = run(&["--each"], &paths[..1]);
    assert_eq!(ok.status.code(), Some(0));
    assert_eq!(run(&["--each"], &paths[..3]).status.code(), Some(1));
    assert_eq!(run(&["--each"], &paths).status.code(), Some(2));
    // A path that does not exist is a device that could not be read.
    let missing = run(&["--each"], &[paths[0].clone(), dir.join("nothing.zip")]);
    assert_eq!(missing.status.code(), Some(2));
    let text = stdout(&missing);
    let last = text.lines().last().unwrap();
    assert!(last.starts_with("nothing "), "{text}");
    assert!(last.contains(" error "), "{text}");
    // Usage errors.
    assert_eq!(run(&["--each"], &[]).status.code(), Some(2));
    assert_eq!(
        run(&["--each", "--format", "xml"], &paths).status.code(),
        Some(2)
    );
    assert_eq!(run(&["--format", "csv"], &paths).status.code(), Some(2));
}

#[test]
fn progress_goes_to_standard_error_only() {
    let dir = temp("progress");
    let paths = devices(&dir);
    let out = run(&["--each", "--format", "jsonl"], &paths);
    // Every line of standard output is a row, whatever standard error shows.
    for line in stdout(&out).lines() {
        serde_json::from_str::<serde_json::Value>(line).unwrap();
    }
}

/// Without `--each`, a folder is one more input: every file under it joins
/// the one report beside the other files (an NDES server's logs collected
/// in a folder, dropped with a device's log).
#[test]
fn a_folder_without_each_is_every_file_under_it_in_one_report() {
    let dir = temp("folder-inputs");
    let server = dir.join("NDES01");
    copy(
        "ndes/iis-windows-legacy-connector-verified-and-notified.log",
        &server.join("W3SVC1/u_ex240820.log"),
    );
    copy(
        "ndes/connector-operational-saved-as-xml.xml",
        &server.join("connector-operational.xml"),
    );
    let device = dir.join("events.txt");
    copy("windows/success-list-copy.txt", &device);
    let out = Command::new(env!("CARGO_BIN_EXE_scep-doctor"))
        .args(["--json", "--no-redact"])
        .arg(&server)
        .arg(&device)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<String> = report["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            Path::new(s["name"].as_str().unwrap())
                .strip_prefix(&dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    assert_eq!(
        names,
        [
            "NDES01/W3SVC1/u_ex240820.log",
            "NDES01/connector-operational.xml",
            "events.txt"
        ]
    );
    let platforms: Vec<&str> = report["platforms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["platform"].as_str().unwrap())
        .collect();
    assert!(
        platforms.contains(&"windows") && platforms.contains(&"ndes"),
        "{platforms:?}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A `.evtx` file named on the command line is read where it lies, chunk by
/// chunk; the report is the one its bytes on standard input give.
#[test]
fn an_evtx_file_reads_as_its_bytes_do() {
    for fixture in [
        "ndes/connector-operational-scep-success-and-failures.evtx",
        "ndes/connector-admin-scep-revoke-and-pkcs.evtx",
        "ndes/ndes-application-log-service-events.evtx",
    ] {
        let path = fixtures().join(fixture);
        let from_disk = run(&["--json", "--no-redact"], std::slice::from_ref(&path));
        let from_stdin = Command::new(env!("CARGO_BIN_EXE_scep-doctor"))
            .args(["--json", "--no-redact", "-"])
            .stdin(std::fs::File::open(&path).unwrap())
            .output()
            .unwrap();
        let report = |out: &Output| {
            let mut report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            report["sources"][0]["name"] = "the file".into();
            report
        };
        let disk = report(&from_disk);
        assert_eq!(disk["sources"][0]["format"], "windows-evtx", "{fixture}");
        assert_eq!(disk, report(&from_stdin), "{fixture}");
    }
}
