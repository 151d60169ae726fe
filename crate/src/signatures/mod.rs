//! What log lines prove, per platform: rule tables built on the shared SCEP
//! vocabulary in [`scep`], and the timeline lines they write ([`lines`]).

pub mod android;
pub mod android_enterprise;
pub mod ios;
mod ja;
pub mod lines;
pub mod scep;
pub mod syncml;
pub mod windows;
