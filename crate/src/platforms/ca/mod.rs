//! The certification authority's records: the Certification Authority
//! console's list exports and `certutil -view csv` ([`table`]), `certutil
//! -view` text ([`view`]), the CA's events in any shape the Windows reader
//! takes ([`events`]). Each CA request is one story: issued proves step
//! 4, a denial or failure is a finding that explains its status code
//! ([`status`], [`rules`], [`findings`]; in Japanese in [`ja`]). When an
//! export lists other templates beside SCEP's, those are counted, not told
//! ([`scope`]).

pub mod columns;
pub mod events;
pub mod findings;
pub mod ja;
pub mod record;
pub mod rules;
pub mod scope;
pub mod status;
pub mod table;
pub mod view;
