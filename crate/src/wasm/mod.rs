//! The WebAssembly boundary: the page hands over its sources (name + bytes)
//! and gets the report back as a plain JS object; DOM rendering lives in
//! [`dom`]. Nothing here parses or decides anything.

pub mod contract;
mod dom;
mod file;

use js_sys::{Array, Reflect, Uint8Array};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::core::report::Report;
use crate::core::time::UtcOffset;
use crate::input::{self, decode, Input};
use crate::stream;
use crate::stream::analyze as analyze_core;
use crate::stream::CitedLine;
use crate::text::i18n::Lang;

fn lang_of(tag: Option<String>) -> Lang {
    tag.as_deref().and_then(Lang::parse).unwrap_or_default()
}

fn report_of(value: JsValue) -> Result<Report, JsValue> {
    serde_wasm_bindgen::from_value(value).map_err(|e| JsValue::from_str(&e.to_string()))
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from_str(&e.to_string()))
}

/// Reads `[{name, bytes}, …]` from JS into owned inputs.
fn read_sources(sources: &Array) -> Result<Vec<(String, Vec<u8>)>, JsValue> {
    let mut owned: Vec<(String, Vec<u8>)> = Vec::new();
    for item in sources.iter() {
        let name = Reflect::get(&item, &"name".into())?
            .as_string()
            .unwrap_or_default();
        let bytes = Reflect::get(&item, &"bytes".into())?;
        let bytes = match bytes.dyn_into::<Uint8Array>() {
            Ok(array) => array.to_vec(),
            Err(other) => other
                .as_string()
                .map(String::into_bytes)
                .ok_or("bytes must be a Uint8Array or a string")?,
        };
        owned.push((name, bytes));
    }
    Ok(owned)
}

/// The decoded text of report source `index` (zip members included), for
/// the raw-log view.
#[wasm_bindgen(js_name = sourceText)]
pub fn source_text(sources: Array, index: usize) -> Result<String, JsValue> {
    let owned = read_sources(&sources)?;
    let inputs: Vec<Input> = owned
        .iter()
        .map(|(name, bytes)| Input { name, bytes })
        .collect();
    let expanded = input::expand(&inputs);
    Ok(expanded
        .get(index)
        .map(|e| {
            if crate::platforms::windows::is_evtx(&e.bytes) {
                crate::platforms::windows::evtx_text(&e.bytes)
            } else if crate::platforms::store::is_der(&e.bytes) {
                crate::platforms::store::der_text(&e.bytes)
            } else {
                decode::decode(&e.bytes).text
            }
        })
        .unwrap_or_default())
}

/// `analyze([{name, bytes}, …])` → the report document. `bytes` is a
/// `Uint8Array` (files) or a string (pasted text). (The page streams with
/// [`StreamAnalysis`], which also takes the device's stated UTC offset.)
#[wasm_bindgen]
pub fn analyze(sources: Array) -> Result<JsValue, JsValue> {
    let owned = read_sources(&sources)?;
    let inputs: Vec<Input> = owned
        .iter()
        .map(|(name, bytes)| Input { name, bytes })
        .collect();
    to_js(&analyze_core(&inputs))
}

/// The offset as the report writes it (`+09:00`), or `undefined` when
/// `text` is not a UTC offset: the page checks its box with it.
#[wasm_bindgen(js_name = utcOffset)]
pub fn utc_offset(text: &str) -> Option<String> {
    UtcOffset::parse(text).map(|o| o.to_string())
}

/// An analysis fed in chunks (big files are read piece by piece, never
/// whole): `new Analysis()`, `begin(name)` per input, `feed(bytes)` with any
/// chunk sizes, then `finish()` → `{report, lines}`, `lines` being
/// `[{source, line, text}]` for every line the report cites.
#[wasm_bindgen(js_name = Analysis)]
pub struct StreamAnalysis(stream::Analysis);

#[wasm_bindgen(js_class = Analysis)]
impl StreamAnalysis {
    #[wasm_bindgen(constructor)]
    pub fn new() -> StreamAnalysis {
        let mut analysis = stream::Analysis::new();
        // Its raw view shows a big `.evtx` file's cited records.
        analysis.keep_record_texts();
        StreamAnalysis(analysis)
    }

    /// The device's stated UTC offset (`+09:00`); `false` when `text` is
    /// not one (the offset is then cleared).
    #[wasm_bindgen(js_name = setDeviceUtcOffset)]
    pub fn set_device_utc_offset(&mut self, text: &str) -> bool {
        let offset = UtcOffset::parse(text);
        self.0.set_device_utc_offset(offset);
        offset.is_some()
    }

    /// Starts the next input (file or paste).
    pub fn begin(&mut self, name: &str) {
        self.0.begin(name);
    }

    /// The next bytes of the current input.
    pub fn feed(&mut self, bytes: &[u8]) {
        self.0.feed(bytes);
    }

    /// The input just begun is a binary `.evtx` file of `size` bytes, read
    /// where it lies through `read(at, length)` → `Uint8Array` (the worker
    /// reads the file with `FileReaderSync`): it is never held whole. Fed
    /// with `feed` instead, it is kept whole until its end.
    #[wasm_bindgen(js_name = readEvtx)]
    pub fn read_evtx(&mut self, read: js_sys::Function, size: f64) {
        // A browser's file sizes are whole numbers below 2⁵³.
        self.0
            .read_evtx(file::JsFile::new(read, size.max(0.0) as u64));
    }

    /// Every input is complete: `{report, lines}`. The analysis is used up.
    pub fn finish(self) -> Result<JsValue, JsValue> {
        #[derive(Serialize)]
        struct Finished<'a> {
            report: &'a Report,
            lines: &'a [CitedLine],
        }
        let done = self.0.finish_with_lines();
        to_js(&Finished {
            report: &done.report,
            lines: &done.lines,
        })
    }
}

impl Default for StreamAnalysis {
    fn default() -> StreamAnalysis {
        StreamAnalysis::new()
    }
}

/// Renders a report (as returned by `analyze`) into `root`, replacing its
/// content, in `lang` (`en` when absent).
#[wasm_bindgen(js_name = renderReport)]
pub fn render_report(
    report: JsValue,
    root: web_sys::Element,
    lang: Option<String>,
) -> Result<(), JsValue> {
    dom::report(&report_of(report)?, &root, lang_of(lang))
}

/// A report as exported: redacted unless `redact` is `false`.
fn export_of(report: JsValue, redact: Option<bool>) -> Result<Report, JsValue> {
    let report = report_of(report)?;
    Ok(if redact.unwrap_or(true) {
        crate::text::redact::redact(&report)
    } else {
        report
    })
}

/// The ticket-ready Markdown summary of a report, in `lang`, redacted unless
/// `redact` is `false`.
#[wasm_bindgen(js_name = reportMarkdown)]
pub fn report_markdown(
    report: JsValue,
    lang: Option<String>,
    redact: Option<bool>,
) -> Result<String, JsValue> {
    Ok(crate::text::render::markdown_export(
        &report_of(report)?,
        lang_of(lang),
        redact.unwrap_or(true),
    ))
}

/// The report document as pretty JSON, its findings in `lang`, redacted
/// unless `redact` is `false`.
#[wasm_bindgen(js_name = reportJson)]
pub fn report_json(
    report: JsValue,
    lang: Option<String>,
    redact: Option<bool>,
) -> Result<String, JsValue> {
    let report = crate::text::i18n::localize(&export_of(report, redact)?, lang_of(lang));
    serde_json::to_string_pretty(&report)
        .map(|json| json + "\n")
        .map_err(|e| JsValue::from_str(&e.to_string()))
}

/// The UI string `key` in `lang`, its `{name}` placeholders filled from
/// `params` (`{name: value}`, strings or numbers) by the core's one filler;
/// the key itself when no table has it.
#[wasm_bindgen(js_name = uiText)]
pub fn ui_text(key: &str, params: JsValue, lang: Option<String>) -> String {
    let mut values: Vec<(String, String)> = Vec::new();
    if let Some(object) = params.dyn_ref::<js_sys::Object>() {
        for entry in js_sys::Object::entries(object).iter() {
            let pair = Array::from(&entry);
            let (Some(name), value) = (pair.get(0).as_string(), pair.get(1)) else {
                continue;
            };
            let shown = value
                .as_string()
                .or_else(|| value.as_f64().map(|n| n.to_string()))
                .or_else(|| value.as_bool().map(|b| b.to_string()));
            if let Some(shown) = shown {
                values.push((name, shown));
            }
        }
    }
    let params: Vec<(&str, &str)> = values
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let template = crate::text::i18n::t(lang_of(lang), key);
    let template = if template.is_empty() { key } else { template };
    crate::text::i18n::fill(template, &params)
}

/// The lines a report (as returned by `analyze`) shows as errors, for the
/// error navigation: `[{source, line}]`, each once, in source and line order.
#[wasm_bindgen(js_name = errorLines)]
pub fn error_lines(report: JsValue) -> Result<JsValue, JsValue> {
    to_js(&crate::judge::errors::error_lines(&report_of(report)?))
}

/// The language to use for a browser language tag (`ja-JP` → `ja`), or `en`.
#[wasm_bindgen(js_name = pickLang)]
pub fn pick_lang(tag: Option<String>) -> String {
    lang_of(tag).as_str().to_string()
}

/// Renders lines `line ± context` of `text` into `root`, marking `line` and
/// any of `marked` (1-based line numbers).
#[wasm_bindgen(js_name = renderRaw)]
pub fn render_raw(
    root: web_sys::Element,
    name: &str,
    text: &str,
    line: usize,
    marked: Vec<usize>,
    lang: Option<String>,
) -> Result<(), JsValue> {
    dom::raw(&root, name, text, line, &marked, lang_of(lang))
}

/// Renders the cited lines `[{line, text}]` of a source too big to keep
/// (from `Analysis.finish`), marking `line` and any of `marked`; `total` is
/// the source's line count.
#[wasm_bindgen(js_name = renderCited)]
pub fn render_cited(
    root: web_sys::Element,
    name: &str,
    lines: JsValue,
    total: usize,
    line: usize,
    marked: Vec<usize>,
    lang: Option<String>,
) -> Result<(), JsValue> {
    #[derive(serde::Deserialize)]
    struct Row {
        line: usize,
        text: String,
    }
    let rows: Vec<Row> =
        serde_wasm_bindgen::from_value(lines).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let rows: Vec<(usize, String)> = rows.into_iter().map(|r| (r.line, r.text)).collect();
    dom::cited(&root, name, &rows, total, line, &marked, lang_of(lang))
}

/// Explains every code in `input` (a code, or a pasted line holding one)
/// into `root`, replacing its content, in `lang`.
#[wasm_bindgen(js_name = renderExplanation)]
pub fn render_explanation(
    root: web_sys::Element,
    input: &str,
    lang: Option<String>,
) -> Result<(), JsValue> {
    dom::explanation(&root, input, lang_of(lang))
}

/// A built-in log: a sample the page offers, or one it warms up on.
#[derive(Serialize)]
struct BuiltIn {
    platform: &'static str,
    name: &'static str,
    text: &'static str,
}

/// Sample logs from the test fixtures, one per platform.
const SAMPLES: [BuiltIn; 3] = [
    BuiltIn {
        platform: "android",
        name: "sample-android-OMADM.log",
        text: include_str!("../../../tests/fixtures/android/two-certificates-interleaved.log"),
    },
    BuiltIn {
        platform: "ios",
        name: "sample-ios-console.log",
        text: include_str!("../../../tests/fixtures/ios/two-profiles-first-rejected.log"),
    },
    BuiltIn {
        platform: "windows",
        name: "sample-windows-events.txt",
        text: include_str!(
            "../../../tests/fixtures/windows/thumbprint-mismatch-32-307-details.txt"
        ),
    },
];

/// The shapes the samples leave out that admins paste most: an Event
/// Viewer list copy and the seed article's TextEdit copy of the Console.
const WARM_UP_EXTRA: [BuiltIn; 2] = [
    BuiltIn {
        platform: "windows",
        name: "warm-up-list-copy.txt",
        text: include_str!(
            "../../../tests/fixtures/windows/retry-failed-after-delivery-list-copy.txt"
        ),
    },
    BuiltIn {
        platform: "ios",
        name: "warm-up-textedit.log",
        text: include_str!("../../../tests/fixtures/ios/success-style-a-textedit.log"),
    },
];

/// Sample logs from the test fixtures, one per platform: `[{platform, name, text}]`.
#[wasm_bindgen]
pub fn samples() -> Result<JsValue, JsValue> {
    to_js(&SAMPLES)
}

/// What the page's worker analyzes, over and over, between its start and
/// the first input (`[{platform, name, text}]`): the browser runs new
/// WebAssembly in a quick baseline tier until a function has run enough to
/// be optimized, and the first analysis compiles the rules' patterns, so a
/// cold module took about twice as long over a big log as a warm one.
#[wasm_bindgen(js_name = warmUpSources)]
pub fn warm_up_sources() -> Result<JsValue, JsValue> {
    let all: Vec<&BuiltIn> = SAMPLES.iter().chain(&WARM_UP_EXTRA).collect();
    to_js(&all)
}
