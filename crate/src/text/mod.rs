//! Text, rendered at the end in the report's language: the UI string tables
//! and `localize` ([`i18n`]), findings' and timeline lines' texts from the
//! platforms' tables ([`findings`], [`lines`]), redaction of a report for
//! export ([`redact`]), the text and Markdown renderings ([`render`]), and
//! the one template filler they all use ([`template`]).

pub mod explain;
pub mod findings;
pub mod i18n;
pub mod lines;
pub mod redact;
pub mod render;
pub mod template;
