//! The NDES server: its IIS log ([`iis`], read line by line under its
//! `#Fields:` directives), what each request proves ([`rules`]: devices and
//! health probes, the legacy connector's VerifyRequest and Notify), the
//! Certificate Connector's events ([`connector`]) and the NDES service's own
//! ([`events`]), the findings they raise ([`findings`]) and the Japanese
//! texts beside them ([`ja`]).

pub mod connector;
pub mod event_text;
pub mod events;
pub mod findings;
pub mod iis;
pub mod ja;
pub mod legacy;
pub mod rules;
