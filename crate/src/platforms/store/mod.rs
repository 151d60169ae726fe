//! Certificate stores and certificate files: what the Microsoft article
//! checks in certmgr.msc (the root in Trusted Root Certification
//! Authorities with Issued To = Issued By; the SCEP certificate in Personal,
//! issued by the CA). Read from `certutil -store` listings in any display
//! language ([`certutil`]), PowerShell's `Cert:` drive ([`powershell`]) and
//! exported files ([`file`], decoded in [`x509`]). Each certificate is one
//! story ([`cert`], [`rules`]); what the checks find is a finding
//! ([`findings`]; in Japanese in [`ja`]).

pub mod cert;
pub mod certutil;
pub mod file;
pub mod findings;
pub mod ja;
pub mod powershell;
pub mod rules;
pub mod x509;

pub use file::{der_source, der_text, is_der};
