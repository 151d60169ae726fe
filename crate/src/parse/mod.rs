//! The machinery every log format uses: what a format declares and how the
//! best one is detected ([`format`]), rule tables ([`rules`]), and the
//! streaming record reader ([`reader`]). The formats themselves, and their
//! registry, live in [`crate::platforms`]; a format that reads its records
//! its own way declares a hook ([`format::Format::stream`]). Text pasted
//! through a forum, ticket or editor is cleaned first ([`paste`]).

pub mod format;
pub mod literal;
pub mod needles;
pub mod paste;
pub mod reader;
pub mod rules;
pub mod teddy;
