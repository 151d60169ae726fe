//! iOS and iPadOS: the Console / `log show` text ([`console`]) and `log show`
//! JSON ([`log_json`]) formats, their rules and timeline lines ([`rules`])
//! and findings ([`findings`]).

pub mod console;
pub mod findings;
pub mod log_json;
pub mod rules;
