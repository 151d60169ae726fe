//! Windows: the DeviceManagement-Enterprise-Diagnostics-Provider and
//! CertificateServicesClient events in every shape an admin exports them
//! ([`format`], streamed by `stream` where the shape allows; binary .evtx
//! files by `evtx`), their rules
//! and timeline lines ([`rules`]) and findings ([`findings`]).

mod evtx;
pub mod findings;
pub mod format;
pub mod rules;
mod stream;

pub use evtx::evtx_source;
pub use format::*;
