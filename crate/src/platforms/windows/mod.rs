//! Windows: the DeviceManagement-Enterprise-Diagnostics-Provider and
//! CertificateServicesClient events in every shape an admin exports them.
//!
//! - [`format`]: the format's declaration, detection, and a whole export
//!   split into one normalized record per event;
//! - `event`: one event ([`RawEvent`]) and its normalized English text;
//! - `text`, `csv`, `xml`: the shapes (line-oriented, CSV, Event XML);
//! - `stream`: a line-oriented export read as its lines arrive; `exported`:
//!   an Event XML or CSV export likewise;
//! - `evtx`: binary `.evtx` files, and the platform their provider says;
//! - [`registry`]: the SCEP client's state in a `.reg` registry export;
//! - [`rules`]: the rules and their timeline lines (HRESULTs read by
//!   `hresult`); [`findings`]; both in Japanese in [`ja`].

mod csv;
mod event;
mod evtx;
mod exported;
pub mod findings;
pub mod format;
pub(crate) mod hresult;
pub mod ja;
pub mod registry;
pub mod rules;
mod stream;
mod text;
mod xml;

/// For the `event_xml` fuzz target only.
#[doc(hidden)]
pub use xml::xml_event;

pub use event::{provider_key, RawEvent};
pub use evtx::{
    each_evtx_event, evtx_source, evtx_source_read, evtx_text, is_evtx, read_evtx, Evtx, EvtxRead,
    RecordTexts,
};
pub use format::{to_records, FORMAT};
