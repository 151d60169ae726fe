//! The shared vocabulary of the design (`platform`, `kind`, `stage`, `verdict`,
//! flow `step`): one enum each, serialized with the exact words the report
//! JSON, the UI and the CLI use.

use serde::{Deserialize, Serialize};

/// The kind of SCEP server a certificate's story talks to, when a SCEP URL
/// in its evidence tells: the card names the flow's steps after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Server {
    /// Microsoft NDES (`/certsrv/mscep`).
    Ndes,
    /// Any other SCEP service (a cloud or third-party one).
    Generic,
}

/// Where a log comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Platform {
    Android,
    Ios,
    Windows,
    /// Server side: IIS, NDES, the Intune certificate connector.
    Ndes,
    /// The certification authority's records and events.
    Ca,
    /// Certificate stores (certutil, PowerShell) and certificate files.
    Store,
}

impl Platform {
    pub const ALL: [Platform; 6] = [
        Platform::Android,
        Platform::Ios,
        Platform::Windows,
        Platform::Ndes,
        Platform::Ca,
        Platform::Store,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Android => "android",
            Platform::Ios => "ios",
            Platform::Windows => "windows",
            Platform::Ndes => "ndes",
            Platform::Ca => "ca",
            Platform::Store => "store",
        }
    }

    /// Display name for people.
    pub fn title(self) -> &'static str {
        match self {
            Platform::Android => "Android",
            Platform::Ios => "iOS/iPadOS",
            Platform::Windows => "Windows",
            Platform::Ndes => "NDES server",
            Platform::Ca => "Certification authority",
            Platform::Store => "Certificate stores and files",
        }
    }
}

/// A trusted root (or intermediate) certificate profile, or a SCEP certificate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Root,
    Scep,
}

impl Kind {
    /// The flow steps a certificate of this kind goes through: a trusted
    /// root is deployed by its profile and installed (then reported), never
    /// through NDES or a CA.
    pub fn steps(self) -> &'static [u8] {
        match self {
            Kind::Root => &[1, 5, 6],
            Kind::Scep => &[1, 2, 3, 4, 5, 6],
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Root => "root",
            Kind::Scep => "scep",
        }
    }
}

/// The furthest step a log proves, in flow order (`Ord` follows the flow).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    ProfileReceived,
    RequestStarted,
    CaContacted,
    CsrSent,
    Issued,
    Installed,
    /// Android: access granted to the key; any platform: used by Wi-Fi/VPN.
    Usable,
    /// The result was sent back to Intune.
    Reported,
}

impl Stage {
    pub const ALL: [Stage; 8] = [
        Stage::ProfileReceived,
        Stage::RequestStarted,
        Stage::CaContacted,
        Stage::CsrSent,
        Stage::Issued,
        Stage::Installed,
        Stage::Usable,
        Stage::Reported,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::ProfileReceived => "profile-received",
            Stage::RequestStarted => "request-started",
            Stage::CaContacted => "ca-contacted",
            Stage::CsrSent => "csr-sent",
            Stage::Issued => "issued",
            Stage::Installed => "installed",
            Stage::Usable => "usable",
            Stage::Reported => "reported",
        }
    }

    /// The Microsoft flow step (1–6) this stage belongs to.
    pub fn step(self) -> Step {
        match self {
            Stage::ProfileReceived => Step(1),
            Stage::RequestStarted | Stage::CaContacted | Stage::CsrSent => Step(2),
            Stage::Issued => Step(4),
            Stage::Installed | Stage::Usable => Step(5),
            Stage::Reported => Step(6),
        }
    }
}

/// One of the six steps of the Microsoft SCEP flow: 1 profile deployed,
/// 2 device ↔ NDES, 3 NDES ↔ policy module, 4 NDES ↔ CA, 5 delivered to the
/// device, 6 reported to Intune.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Step(pub u8);

impl Step {
    pub fn title(self) -> &'static str {
        match self.0 {
            1 => "Profile deployed",
            2 => "Device ↔ NDES",
            3 => "NDES ↔ policy module",
            4 => "NDES ↔ CA",
            5 => "Delivered to device",
            6 => "Reported to Intune",
            _ => "Unknown step",
        }
    }
}

/// What happened to a certificate, as far as the logs tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Delivered,
    /// Waiting on a CA or on the user.
    Pending,
    /// The log ends mid-flow with no error.
    Incomplete,
    Failed,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Delivered => "delivered",
            Verdict::Pending => "pending",
            Verdict::Incomplete => "incomplete",
            Verdict::Failed => "failed",
        }
    }

    /// How much attention a verdict needs; the platform shows its worst one.
    pub fn urgency(self) -> u8 {
        match self {
            Verdict::Delivered => 0,
            Verdict::Incomplete => 1,
            Verdict::Pending => 2,
            Verdict::Failed => 3,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}
