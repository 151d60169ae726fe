//! What every platform shares: the SCEP message decoder ([`message`]), the
//! OMA-DM SyncML reader ([`syncml`]), the rules and timeline lines of SCEP
//! itself ([`rules`]: GetCACert, PKIOperation, CertRep) and their findings
//! ([`findings`]).

pub mod findings;
pub mod message;
pub mod rules;
pub mod syncml;
