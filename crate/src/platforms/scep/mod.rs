//! What every platform shares: the SCEP message decoder ([`message`], on the
//! BER reader `ber`), the
//! OMA-DM SyncML reader ([`syncml`]), the rules and timeline lines of SCEP
//! itself ([`rules`]: GetCACert, PKIOperation, CertRep) and their findings
//! ([`findings`]), with their Japanese beside them ([`ja`]).

mod ber;
pub mod findings;
pub mod generic;
pub mod ja;
pub mod message;
pub mod rules;
pub mod syncml;
