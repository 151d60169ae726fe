//! Text, rendered at the end in the report's language: the UI string tables
//! and `localize` ([`i18n`]), redaction of a report for export ([`redact`]),
//! and the text and Markdown renderings ([`render`]).

pub mod i18n;
pub mod redact;
pub mod render;
