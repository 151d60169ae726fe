//! The WebAssembly boundary, run in headless Chromium by wasm-bindgen-test:
//! the same fixtures give the same report through `analyze` in the browser as
//! natively (`tests/fixtures.rs` checks the native side).
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use js_sys::{Array, Object, Reflect, Uint8Array, JSON};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// (file name, bytes, expected report) for the fixtures checked here.
macro_rules! fixtures {
    ($($platform:literal / $name:literal),* $(,)?) => {
        [$((
            concat!($name, ".log"),
            include_bytes!(concat!("fixtures/", $platform, "/", $name, ".log")).as_slice(),
            include_str!(concat!("fixtures/", $platform, "/", $name, ".expected.json")),
        )),*]
    };
}

const FIXTURES: &[(&str, &[u8], &str)] = &fixtures![
    "android" / "full-success",
    "android" / "full-success-utf16le",
    "android" / "two-certificates-interleaved",
    "android" / "getcacert-http-500",
    "android" / "certrep-pending",
    "android" / "pasted-without-columns",
    "android" / "wifi-pending-certificates",
];

/// Archives whose members need the binary readers (a cabinet's MSZIP, the
/// `.evtx` inside a zip) and the list of skipped members.
macro_rules! archives {
    ($(($stem:literal, $ext:literal)),* $(,)?) => {
        [$((
            concat!($stem, ".", $ext),
            include_bytes!(concat!("fixtures/archives/", $stem, ".", $ext)).as_slice(),
            include_str!(concat!("fixtures/archives/", $stem, ".expected.json")),
        )),*]
    };
}

fn source(name: &str, bytes: JsValue) -> JsValue {
    let obj = Object::new();
    Reflect::set(&obj, &"name".into(), &name.into()).unwrap();
    Reflect::set(&obj, &"bytes".into(), &bytes).unwrap();
    obj.into()
}

fn through_boundary(sources: Array) -> serde_json::Value {
    let report = scep_doctor::wasm::analyze(sources).unwrap();
    let json: String = JSON::stringify(&report).unwrap().into();
    serde_json::from_str(&json).unwrap()
}

#[wasm_bindgen_test]
fn fixtures_give_the_native_report() {
    for (name, bytes, expected) in FIXTURES {
        let sources = Array::of1(&source(name, Uint8Array::from(*bytes).into()));
        let got = through_boundary(sources);
        let expected: serde_json::Value = serde_json::from_str(expected).unwrap();
        assert_eq!(got, expected, "{name}");
    }
}

#[wasm_bindgen_test]
fn archives_give_the_native_report() {
    for (file, bytes, expected) in archives![
        ("mdmdiagnostics-cab-dmedp-evtx-delivered", "cab"),
        ("intune-diaglogs-dmedp-evtx-thumbprint-mismatch", "zip"),
    ] {
        let got = through_boundary(Array::of1(&source(file, Uint8Array::from(bytes).into())));
        let expected: serde_json::Value = serde_json::from_str(expected).unwrap();
        assert_eq!(got, expected, "{file}");
    }
}

#[wasm_bindgen_test]
fn skipped_members_render_as_one_entry() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let root = doc.create_element("div").unwrap();
    let bytes = include_bytes!("fixtures/archives/junk-members-are-listed-as-skipped.zip");
    let name = "junk.zip";
    let report = scep_doctor::wasm::analyze(Array::of1(&source(
        name,
        Uint8Array::from(&bytes[..]).into(),
    )))
    .unwrap();
    scep_doctor::wasm::render_report(report, root.clone(), None).unwrap();
    let list = root.query_selector(".sources").unwrap().unwrap();
    assert_eq!(list.child_element_count(), 1);
    let entry = root.query_selector(".source.skipped").unwrap().unwrap();
    let reasons = entry.query_selector("details ul").unwrap().unwrap();
    assert_eq!(reasons.child_element_count(), 4);
    let shown = entry.text_content().unwrap();
    assert!(shown.contains("6 file(s) skipped"), "{shown}");
    assert!(shown.contains("empty: empty.log"), "{shown}");
}

#[wasm_bindgen_test]
fn pasted_text_is_accepted_as_a_string() {
    let (name, bytes, expected) = FIXTURES[0];
    let text = std::str::from_utf8(bytes).unwrap();
    let got = through_boundary(Array::of1(&source(name, text.into())));
    let expected: serde_json::Value = serde_json::from_str(expected).unwrap();
    assert_eq!(got["platforms"], expected["platforms"]);
}

#[wasm_bindgen_test]
fn bad_input_is_an_error_not_a_panic() {
    let bad = Array::of1(&source("x", JsValue::from_f64(3.0)));
    assert!(scep_doctor::wasm::analyze(bad).is_err());
    let empty = through_boundary(Array::new());
    assert_eq!(empty["platforms"], serde_json::json!([]));
}

#[wasm_bindgen_test]
fn renders_text_only() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let root = doc.create_element("div").unwrap();
    let hostile = "2019-08-01T19:18:13.5120000    INFO    com.microsoft.omadm.platforms.android.wifimgr.WifiProfileManager    15118    04105    Skipping Wifi profile <img src=x onerror=alert(1)> because it is pending certificates.\n";
    let report =
        scep_doctor::wasm::analyze(Array::of1(&source("<b>x</b>.log", hostile.into()))).unwrap();
    scep_doctor::wasm::render_report(report.clone(), root.clone(), None).unwrap();
    assert!(root.query_selector("img").unwrap().is_none());
    assert!(root.query_selector("b").unwrap().is_none());
    assert!(root
        .text_content()
        .unwrap()
        .contains("<img src=x onerror=alert(1)>"));
}

#[wasm_bindgen_test]
fn renders_in_japanese() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let root = doc.create_element("div").unwrap();
    let (name, bytes, _) = FIXTURES[3];
    let text = std::str::from_utf8(bytes).unwrap();
    let report = scep_doctor::wasm::analyze(Array::of1(&source(name, text.into()))).unwrap();
    scep_doctor::wasm::render_report(report, root.clone(), Some("ja".into())).unwrap();
    let shown = root.text_content().unwrap();
    assert!(shown.contains("失敗"), "{shown}");
    assert!(shown.contains("NDES が GetCACert に HTTP 500"), "{shown}");
}

/// A cap that was hit shows as a note where the capped list is.
#[wasm_bindgen_test]
fn renders_what_a_cap_left_out() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let root = doc.create_element("div").unwrap();
    let line = "2019-08-01T19:18:13.5120000    INFO    com.microsoft.omadm.platforms.android.wifimgr.WifiProfileManager    15118    04105    Skipping Wifi profile Contoso because it is pending certificates.\n";
    let log = line.repeat(scep_doctor::caps::MAX_EVIDENCE + 3);
    let report = scep_doctor::wasm::analyze(Array::of1(&source("flood.log", log.into()))).unwrap();
    scep_doctor::wasm::render_report(report, root.clone(), Some("ja".into())).unwrap();
    let note = root
        .query_selector(".platform .omitted[data-code=omitted-evidence]")
        .unwrap()
        .unwrap();
    let text = note.text_content().unwrap();
    assert!(text.contains("ほかに 3 行の根拠"), "{text}");
}

/// "Copy as Markdown" in the browser gives the same (redacted) Markdown as the
/// CLI: the committed expected files.
#[wasm_bindgen_test]
fn exports_match_native() {
    let (name, bytes, _) = FIXTURES[3];
    let text = std::str::from_utf8(bytes).unwrap();
    for (lang, expected) in [
        ("en", include_str!("markdown/getcacert-http-500.en.md")),
        ("ja", include_str!("markdown/getcacert-http-500.ja.md")),
    ] {
        let report = scep_doctor::wasm::analyze(Array::of1(&source(name, text.into()))).unwrap();
        let md = scep_doctor::wasm::report_markdown(report, Some(lang.into()), None).unwrap();
        assert_eq!(md, expected);
    }
    let report = scep_doctor::wasm::analyze(Array::of1(&source(name, text.into()))).unwrap();
    let json = scep_doctor::wasm::report_json(report.clone(), None, None).unwrap();
    assert!(!json.contains("msappproxy") && json.contains("<host-1>"));
    let plain = scep_doctor::wasm::report_json(report, None, Some(false)).unwrap();
    assert!(plain.contains("msappproxy"));
}

fn to_json(value: &JsValue) -> serde_json::Value {
    let json: String = JSON::stringify(value).unwrap().into();
    serde_json::from_str(&json).unwrap()
}

/// The page's streaming class: the fixtures fed in chunks (one input after
/// another) give the report of `analyze` over the whole files, and the text
/// of every cited line.
#[wasm_bindgen_test]
fn analysis_class_fed_in_chunks_gives_the_analyze_report() {
    for chunk in [7, 64 << 10] {
        for (name, bytes, _) in FIXTURES {
            let mut analysis = scep_doctor::wasm::StreamAnalysis::new();
            analysis.begin(name);
            for piece in bytes.chunks(chunk) {
                analysis.feed(piece);
            }
            let finished = to_json(&analysis.finish().unwrap());
            let whole =
                through_boundary(Array::of1(&source(name, Uint8Array::from(*bytes).into())));
            assert_eq!(finished["report"], whole, "{name} in {chunk}-byte chunks");
            let lines = finished["lines"].as_array().unwrap();
            assert!(!lines.is_empty(), "{name} cites no line");
            for cited in lines {
                assert_eq!(cited["source"], 0);
                assert!(cited["line"].as_u64().unwrap() >= 1);
            }
        }
    }
    let mut two = scep_doctor::wasm::StreamAnalysis::new();
    let sources = Array::new();
    for (name, bytes, _) in &FIXTURES[2..4] {
        two.begin(name);
        for piece in bytes.chunks(1000) {
            two.feed(piece);
        }
        sources.push(&source(name, Uint8Array::from(*bytes).into()));
    }
    let finished = to_json(&two.finish().unwrap());
    assert_eq!(finished["report"], through_boundary(sources));
    let (_, bytes, _) = FIXTURES[3];
    let text = std::str::from_utf8(bytes).unwrap();
    let http_500 = finished["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["source"] == 1 && l["text"].as_str().unwrap().contains("500 Internal"))
        .expect("the HTTP 500 line is cited");
    let n = http_500["line"].as_u64().unwrap() as usize;
    assert_eq!(
        text.lines().nth(n - 1).unwrap(),
        http_500["text"].as_str().unwrap()
    );
}

/// The logs the page's worker warms up on are the samples and more, and
/// each is read as its platform: a log no reader took would warm nothing.
#[wasm_bindgen_test]
fn warm_up_logs_are_the_samples_and_are_each_read_as_their_platform() {
    let samples = to_json(&scep_doctor::wasm::samples().unwrap());
    let logs = to_json(&scep_doctor::wasm::warm_up_sources().unwrap());
    let logs = logs.as_array().unwrap();
    for sample in samples.as_array().unwrap() {
        assert!(logs.contains(sample), "{sample}");
    }
    assert!(logs.len() > samples.as_array().unwrap().len());
    for log in logs {
        let (name, text) = (log["name"].as_str().unwrap(), log["text"].as_str().unwrap());
        let mut analysis = scep_doctor::wasm::StreamAnalysis::new();
        analysis.begin(name);
        analysis.feed(text.as_bytes());
        let finished = to_json(&analysis.finish().unwrap());
        let platforms: Vec<&str> = (finished["report"]["platforms"].as_array().unwrap().iter())
            .map(|p| p["platform"].as_str().unwrap())
            .collect();
        assert_eq!(platforms, [log["platform"].as_str().unwrap()], "{name}");
    }
}

/// The page's offset box: a stated UTC offset reaches the report, and text
/// that is no offset is refused (and states none).
#[wasm_bindgen_test]
fn a_stated_device_offset_reaches_the_report() {
    let (name, bytes, _) = FIXTURES[0];
    for (typed, accepted, stated) in [
        ("+9", true, Some("+09:00")),
        ("UTC-05:00", true, Some("-05:00")),
        ("JST", false, None),
    ] {
        let mut analysis = scep_doctor::wasm::StreamAnalysis::new();
        assert_eq!(analysis.set_device_utc_offset(typed), accepted, "{typed}");
        analysis.begin(name);
        analysis.feed(bytes);
        let finished = to_json(&analysis.finish().unwrap());
        assert_eq!(
            finished["report"]["device_utc_offset"].as_str(),
            stated,
            "{typed}"
        );
        assert_eq!(
            scep_doctor::wasm::utc_offset(typed).as_deref(),
            stated,
            "{typed}"
        );
    }
}

/// The raw view of a big file: only the cited lines, numbered, the target and
/// error lines marked, a gap shown, the note present, log text as text.
#[wasm_bindgen_test]
fn cited_lines_render_as_text_with_their_numbers() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let root = doc.create_element("div").unwrap();
    let lines = JSON::parse(
        r#"[{"source": 0, "line": 12, "text": "first <img src=x onerror=alert(1)>"},
            {"source": 0, "line": 13, "text": "second"},
            {"source": 0, "line": 4000000, "text": "Received '500 Internal Server Error'"}]"#,
    )
    .unwrap();
    scep_doctor::wasm::render_cited(
        root.clone(),
        "big.log",
        lines,
        5_000_000,
        4_000_000,
        vec![4_000_000],
        Some("en".into()),
    )
    .unwrap();
    assert!(root.query_selector("img").unwrap().is_none());
    let target = root.query_selector("#raw-target").unwrap().unwrap();
    assert_eq!(target.get_attribute("data-line").unwrap(), "4000000");
    assert!(target.class_name().contains("marked"));
    let shown = root.text_content().unwrap();
    assert!(root.query_selector(".raw-gap").unwrap().is_some());
    assert_eq!(
        shown.matches('⋯').count(),
        1,
        "one gap, between 13 and 4000000"
    );
    assert!(
        shown.contains("big.log — 3 cited line(s) of 5000000"),
        "{shown}"
    );
    assert!(shown.contains("only the lines the report cites"), "{shown}");
    assert!(shown.contains("first <img src=x onerror=alert(1)>"));
}

/// The `data-*` attributes on `el` and every element under it.
fn data_attributes(el: &web_sys::Element, seen: &mut std::collections::BTreeSet<String>) {
    for name in el.get_attribute_names().iter() {
        let name = name.as_string().unwrap();
        if name.starts_with("data-") {
            seen.insert(name);
        }
    }
    let mut child = el.first_element_child();
    while let Some(c) = child {
        data_attributes(&c, seen);
        child = c.next_element_sibling();
    }
}

/// The rendered report, the raw view and the cited view carry only the
/// `data-*` attributes the contract lists, and every one the page script
/// reads is there (`tests/page_contract.rs` checks the script's side).
#[wasm_bindgen_test]
fn rendered_dom_keeps_the_data_attribute_contract() {
    use scep_doctor::wasm::contract::{ReadBy, DATA_ATTRIBUTES};
    let doc = web_sys::window().unwrap().document().unwrap();
    let mut seen = std::collections::BTreeSet::new();
    let all: Array = FIXTURES
        .iter()
        .map(|(name, bytes, _)| source(name, Uint8Array::from(*bytes).into()))
        .collect();
    for lang in ["en", "ja"] {
        let root = doc.create_element("div").unwrap();
        let report = scep_doctor::wasm::analyze(all.clone()).unwrap();
        scep_doctor::wasm::render_report(report, root.clone(), Some(lang.into())).unwrap();
        data_attributes(&root, &mut seen);
    }
    let root = doc.create_element("div").unwrap();
    let text = std::str::from_utf8(FIXTURES[3].1).unwrap();
    scep_doctor::wasm::render_raw(root.clone(), "x.log", text, 3, vec![3], None).unwrap();
    data_attributes(&root, &mut seen);

    let listed: Vec<&str> = DATA_ATTRIBUTES.iter().map(|a| a.name).collect();
    for name in &seen {
        assert!(
            listed.contains(&name.as_str()),
            "{name} is rendered but not in wasm::contract::DATA_ATTRIBUTES"
        );
    }
    for attribute in DATA_ATTRIBUTES.iter().filter(|a| a.read_by == ReadBy::Page) {
        assert!(
            seen.contains(attribute.name),
            "{} is read by app.js but never rendered",
            attribute.name
        );
    }
}

/// The NDES server's binary event logs among the fixtures.
const EVTX_FIXTURES: &[(&str, &[u8])] = &[
    (
        "connector-admin-scep-revoke-and-pkcs.evtx",
        include_bytes!("fixtures/ndes/connector-admin-scep-revoke-and-pkcs.evtx"),
    ),
    (
        "connector-operational-scep-success-and-failures.evtx",
        include_bytes!("fixtures/ndes/connector-operational-scep-success-and-failures.evtx"),
    ),
    (
        "ndes-application-log-service-events.evtx",
        include_bytes!("fixtures/ndes/ndes-application-log-service-events.evtx"),
    ),
];

/// A file's `read(at, length)` as Rust holds it.
type ReadAt = wasm_bindgen::closure::Closure<dyn FnMut(f64, f64) -> JsValue>;

/// `read(at, length)` over `bytes`, as the page's worker reads a file, and
/// how many times it was called.
fn reader_of(bytes: &'static [u8]) -> (ReadAt, std::rc::Rc<std::cell::Cell<usize>>) {
    let calls = std::rc::Rc::new(std::cell::Cell::new(0));
    let counted = calls.clone();
    let read = move |at: f64, length: f64| -> JsValue {
        counted.set(counted.get() + 1);
        let start = (at as usize).min(bytes.len());
        let end = (at + length).min(bytes.len() as f64) as usize;
        Uint8Array::from(&bytes[start..end.max(start)]).into()
    };
    (
        ReadAt::wrap(Box::new(read) as Box<dyn FnMut(f64, f64) -> JsValue>),
        calls,
    )
}

/// `readEvtx` of a `.evtx` named `name`, `size` bytes long, read through
/// `read`: what the boundary's `finish` gives.
fn read_in_place(name: &str, read: &js_sys::Function, size: usize) -> serde_json::Value {
    let mut analysis = scep_doctor::wasm::StreamAnalysis::new();
    analysis.begin(name);
    analysis.read_evtx(read.clone(), size as f64);
    to_json(&analysis.finish().unwrap())
}

/// A `.evtx` read where it lies (`readEvtx`, the worker's way) gives the
/// report of the same file fed as bytes, asking for a chunk or so at a time.
#[wasm_bindgen_test]
fn an_evtx_read_in_place_gives_the_report_of_its_bytes() {
    use wasm_bindgen::JsCast;
    for (name, bytes) in EVTX_FIXTURES {
        let (read, calls) = reader_of(bytes);
        let in_place = read_in_place(name, read.as_ref().unchecked_ref(), bytes.len());
        let whole = through_boundary(Array::of1(&source(name, Uint8Array::from(*bytes).into())));
        assert_eq!(in_place["report"], whole, "{name}");
        assert!(
            whole["sources"][0]["recognized"].as_u64().unwrap() > 0,
            "{name}"
        );
        // The header's fields one by one would be hundreds of calls.
        let chunks = bytes.len() / 65536 + 1;
        assert!(
            calls.get() <= 4 * chunks + 8,
            "{name}: {} calls",
            calls.get()
        );
    }
}

/// A file that cannot be read (the reader throws, or gives too little) is a
/// problem in the report, not a panic.
#[wasm_bindgen_test]
fn an_evtx_that_cannot_be_read_in_place_is_a_problem() {
    use wasm_bindgen::JsCast;
    let (name, bytes) = EVTX_FIXTURES[0];
    let throws = js_sys::Function::new_with_args("at, length", "throw new Error('gone')");
    let report = read_in_place(name, &throws, bytes.len());
    assert!(!report["report"]["sources"][0]["problems"]
        .as_array()
        .unwrap()
        .is_empty());
    // Cut after its first chunk's header: what it holds, no more.
    let (read, _) = reader_of(&bytes[..4096 + 600]);
    let report = read_in_place(name, read.as_ref().unchecked_ref(), bytes.len());
    assert_eq!(report["report"]["sources"][0]["format"], "windows-evtx");
}
