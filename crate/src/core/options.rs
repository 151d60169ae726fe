//! What the admin tells the analysis besides the logs.

use super::time::UtcOffset;

/// Settings of one analysis; the default reads the logs alone.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// The device's UTC offset, when the admin states it: device logs whose
    /// times carry no zone can then be joined by time to the NDES server's
    /// (UTC) logs. Applies to every device log of the analysis.
    pub device_utc_offset: Option<UtcOffset>,
}
