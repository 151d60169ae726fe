//! MCSCEPErrorDomain: every code the SCEP payload handler reports, with its
//! finding, flow step, the stage it proves and the line term saying what it
//! means.

use crate::core::model::Stage;

/// An MCSCEPErrorDomain code: knowledge row, flow step, the stage the
/// error itself proves (an answer from NDES came back), and the line term
/// saying what it means.
pub(super) struct ScepCode {
    pub(super) code: i64,
    pub(super) finding: &'static str,
    pub(super) step: u8,
    pub(super) stage: Option<Stage>,
    pub(super) meaning: &'static str,
}

pub(super) const fn row(
    code: i64,
    finding: &'static str,
    step: u8,
    stage: Option<Stage>,
    meaning: &'static str,
) -> ScepCode {
    ScepCode {
        code,
        finding,
        step,
        stage,
        meaning,
    }
}

pub(super) static SCEP_CODES: &[ScepCode] = &[
    row(22000, "ios.scep-22000", 1, None, "ios.mcscep-22000"),
    row(22001, "ios.scep-22001", 2, None, "ios.mcscep-22001"),
    row(
        22002,
        "ios.scep-22002",
        2,
        Some(Stage::CaContacted),
        "ios.mcscep-22002",
    ),
    row(
        22003,
        "ios.scep-22003",
        2,
        Some(Stage::CaContacted),
        "ios.mcscep-22003",
    ),
    row(
        22004,
        "ios.scep-22004",
        2,
        Some(Stage::CaContacted),
        "ios.mcscep-22004",
    ),
    row(22005, "ios.scep-22005", 2, None, "ios.mcscep-22005"),
    row(
        22006,
        "ios.scep-22006",
        2,
        Some(Stage::CaContacted),
        "ios.mcscep-22006",
    ),
    row(
        22007,
        "ios.scep-22007",
        5,
        Some(Stage::CsrSent),
        "ios.mcscep-22007",
    ),
    row(
        22008,
        "ios.scep-22008",
        5,
        Some(Stage::CsrSent),
        "ios.mcscep-22008",
    ),
    row(22009, "ios.scep-22009", 2, None, "ios.mcscep-22009"),
    row(22010, "ios.scep-22010", 2, None, "ios.mcscep-22010"),
    row(22011, "ios.scep-22011", 2, None, "ios.mcscep-22011"),
    row(
        22012,
        "ios.scep-22012",
        2,
        Some(Stage::CaContacted),
        "ios.mcscep-22012",
    ),
    row(
        22013,
        "ios.scep-22013",
        5,
        Some(Stage::CsrSent),
        "ios.mcscep-22013",
    ),
];

/// Known English texts of SCEP errors, for dumps that lost their code.
pub(crate) fn code_by_text(text: &str) -> Option<i64> {
    let t = text.to_ascii_lowercase();
    if t.contains("registration authority") && t.contains("response is invalid") {
        Some(22003)
    } else if t.contains("scep server returned an invalid response") {
        Some(22013)
    } else if t.contains("scep server configuration is not supported") {
        Some(22004)
    } else if t.contains("does not have the required capability") {
        Some(22006)
    } else if t.contains("create certificate signing request") {
        Some(22011)
    } else {
        None
    }
}

/// The localization keys of MCSCEPErrorDomain's texts (`SCEP_ERROR_…`), as a
/// console line looking one up names them (`Retrieving localized string for
/// key: SCEP_ERROR_INVALID_PKI_RESPONSE, … result: …`): the code they stand for.
pub(crate) fn code_by_key(key: &str) -> Option<i64> {
    Some(match key {
        "SCEP_ERROR_INVALID_USAGE_FLAG_P_FIELD" => 22000,
        "SCEP_ERROR_CANNOT_GENERATE_KEY_PAIR" => 22001,
        "SCEP_ERROR_INVALID_CA_RESPONSE" => 22002,
        "SCEP_ERROR_INVALID_RA_RESPONSE" => 22003,
        "SCEP_ERROR_UNSUPPORTED_SERVER_CONFIGURATION" => 22004,
        "SCEP_ERROR_NETWORK" => 22005,
        "SCEP_ERROR_INSUFFICIENT_CA_CAPS" => 22006,
        "SCEP_ERROR_INVALID_CSR_RESPONSE" => 22007,
        "SCEP_ERROR_INVALID_IDENTITY" => 22008,
        "SCEP_ERROR_CANNOT_CREATE_TEMP_IDENTITY" => 22009,
        "SCEP_ERROR_CANNOT_STORE_TEMP_IDENTITY" => 22010,
        "SCEP_ERROR_CANNOT_CREATE_CSR" => 22011,
        "SCEP_ERROR_CANNOT_STORE_CA_CERT" => 22012,
        "SCEP_ERROR_INVALID_PKI_RESPONSE" => 22013,
        _ => return None,
    })
}
