//! The DOM contract between the rendered report ([`super::dom`]) and the
//! page's own script (`www/app.js`), styles and end-to-end tests, as data.
//!
//! `dom.rs` sets `data-*` attributes only through the names below; the
//! script reads them from one delegated click listener on `#report`. Two
//! tests hold both sides to this list: `tests/wasm_boundary.rs` renders
//! reports in Chromium and finds no other `data-*` attribute in them, and
//! `tests/page_contract.rs` reads `www/app.js` and `tests/e2e` and finds that
//! every attribute they read is either listed here or the page's own (set in
//! `index.html` or by the script itself), and that every attribute listed as
//! read by the page is read there.
//!
//! This file is plain data with no imports, so the native test includes it
//! by path.

/// Who reads an attribute; a rename must change them in the same commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadBy {
    /// `www/app.js`: renaming breaks the page.
    Page,
    /// `www/style.css` only.
    Styling,
    /// `tests/e2e` (and styling).
    Tests,
}

/// One `data-*` attribute of the rendered report.
#[derive(Debug, Clone, Copy)]
pub struct DataAttribute {
    /// The attribute's name, `data-` included.
    pub name: &'static str,
    /// The elements that carry it.
    pub on: &'static str,
    /// What its value is.
    pub value: &'static str,
    pub read_by: ReadBy,
}

pub const REMOVE: &str = "data-remove";
pub const SOURCE: &str = "data-source";
pub const LINE: &str = "data-line";
pub const PLATFORM: &str = "data-platform";
pub const VERDICT: &str = "data-verdict";
pub const KIND: &str = "data-kind";
pub const CODE: &str = "data-code";
pub const STEP_STATE: &str = "data-step-state";
pub const STEP_PROOF: &str = "data-step-proof";
pub const FORMAT: &str = "data-format";

/// Every `data-*` attribute the report's DOM may carry.
pub const DATA_ATTRIBUTES: &[DataAttribute] = &[
    DataAttribute {
        name: REMOVE,
        on: "a source's remove button",
        value: "the source's index; app.js removes the whole input it came from (a zip member goes with its archive) and analyzes again",
        read_by: ReadBy::Page,
    },
    DataAttribute {
        name: SOURCE,
        on: "an evidence button",
        value: "the source's index; app.js opens the raw view of that source",
        read_by: ReadBy::Page,
    },
    DataAttribute {
        name: LINE,
        on: "an evidence button; a row of the raw view",
        value: "a 1-based line number: where the raw view opens; the line a row shows",
        read_by: ReadBy::Page,
    },
    DataAttribute {
        name: PLATFORM,
        on: "platform cards and sections, certificates",
        value: "a platform id (android, ios, windows, ndes, ca …)",
        read_by: ReadBy::Tests,
    },
    DataAttribute {
        name: VERDICT,
        on: "platform cards and sections, certificates",
        value: "a verdict id",
        read_by: ReadBy::Tests,
    },
    DataAttribute {
        name: KIND,
        on: "certificates",
        value: "root or scep",
        read_by: ReadBy::Tests,
    },
    DataAttribute {
        name: CODE,
        on: "a finding, an omitted note",
        value: "the finding's or note's code",
        read_by: ReadBy::Tests,
    },
    DataAttribute {
        name: STEP_STATE,
        on: "a step of the flow",
        value: "reached, failed, waiting, next or todo",
        read_by: ReadBy::Styling,
    },
    DataAttribute {
        name: STEP_PROOF,
        on: "a reached step of the flow",
        value: "line (a source's line proves it) or implied (only a later step does)",
        read_by: ReadBy::Styling,
    },
    DataAttribute {
        name: FORMAT,
        on: "a source",
        value: "known or unknown",
        read_by: ReadBy::Tests,
    },
];
