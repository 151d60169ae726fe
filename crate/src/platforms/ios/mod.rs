//! iOS and iPadOS: the Console / `log show` text ([`console`]) and `log show`
//! JSON ([`log_json`]) formats, their rules and timeline lines ([`rules`],
//! reading NSError dumps with `nserror` and MCSCEPErrorDomain codes with
//! `mcscep`) and findings ([`findings`]), in Japanese in [`ja`].

pub mod console;
pub mod findings;
pub mod ja;
#[cfg(test)]
mod json_reference;
mod json_scan;
pub mod log_json;
pub(crate) mod mcscep;
mod nserror;

/// For the `nserror` fuzz target only.
#[doc(hidden)]
pub use nserror::{description_chain, dump_chain};
pub mod rules;
