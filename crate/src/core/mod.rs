//! The vocabulary and the plain data every later step shares: platforms,
//! stages and verdicts ([`model`]), log times ([`time`]), request ids
//! ([`request_id`]), what a line proves ([`event`]), the report document
//! ([`report`]), what the admin states besides the logs ([`options`]), the caps that keep it bounded ([`caps`]) and the languages
//! it is rendered in ([`lang`]).
//!
//! Nothing here imports another top-level module of the crate.

pub mod caps;
pub mod event;
pub mod lang;
pub mod model;
pub mod options;
pub mod report;
pub mod request_id;
#[cfg(test)]
pub mod testing;
pub mod time;
