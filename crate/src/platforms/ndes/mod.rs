//! The NDES server: its IIS log ([`iis`], read line by line under its
//! `#Fields:` directives), what each request proves ([`rules`]: devices and
//! health probes, the legacy connector's VerifyRequest and Notify) and the
//! findings they raise ([`findings`]); English and Japanese side by side.

pub mod connector;
pub mod events;
pub mod findings;
pub mod iis;
pub mod rules;
