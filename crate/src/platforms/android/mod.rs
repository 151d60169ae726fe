//! Android: the OMA-DM client log ([`omadm`]) and the Android Enterprise
//! cloud extension log ([`cloud_extension`]), their rules and timeline lines
//! ([`rules`], [`enterprise`]) and findings ([`findings`]), in Japanese in
//! [`ja`].

pub mod cloud_extension;
pub mod enterprise;
pub mod findings;
pub mod ja;
pub mod omadm;
pub mod rules;
