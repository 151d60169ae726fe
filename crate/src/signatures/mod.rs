//! What log lines prove, per platform: rule tables built on the shared SCEP
//! vocabulary in [`scep`].

pub mod android;
pub mod android_enterprise;
pub mod ios;
pub mod scep;
pub mod syncml;
pub mod windows;
