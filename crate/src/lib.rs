//! SCEP Doctor's core: raw log bytes in, a certificate delivery report out.
//!
//! ```text
//! bytes → decode → detect → parse → correlate → state machine → knowledge → Report
//! ```
//!
//! The folders follow the flow, and imports point down it only
//! (`tests/layering.rs` enforces it):
//!
//! - [`core`]: vocabulary and plain data (model, time, request ids, event,
//!   problem, caps, the report).
//! - [`input`]: bytes to text (decode, RTF, zip and cabinet archives).
//! - [`parse`]: what a format declares, detection, rule tables, the
//!   streaming record reader.
//! - [`platforms`]: one folder per source of evidence, each with its formats,
//!   rules, timeline lines and findings (English and Japanese).
//! - [`judge`]: correlate, verdict, assemble the report.
//! - [`text`]: the texts, rendered once at the end in the report's language;
//!   redaction; text and Markdown renderings.
//! - [`stream`]: the driver; `wasm`: the page's boundary; `main.rs`: the CLI.
//!
//! Everything here is plain Rust with no I/O and no clock; the CLI and the
//! WebAssembly page are thin shells around [`analyze`].

pub mod core;
pub mod input;
pub mod judge;
pub mod parse;
pub mod platforms;
pub mod stream;
pub mod text;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

// The public paths of the first layout, kept for the CLI, the fuzz targets,
// the examples and the tests.
pub use crate::core::{caps, model, options, report, time};
pub use crate::input::{archive, expand, Input};
pub use crate::stream::{analyze, analyze_with};
pub use crate::text::{i18n, redact, render};
