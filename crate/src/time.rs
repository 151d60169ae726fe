//! A log's own clock. Times are shown exactly as the device's wall clock gave
//! them, with a basis that says what is known about the zone; nothing is ever
//! shifted into another zone.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

/// What a timestamp tells about its zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TimeBasis {
    Utc,
    /// Carries its own UTC offset.
    Offset,
    /// Wall clock of the device, zone unknown.
    Local,
    /// A time of day without a date.
    TimeOfDay,
}

/// A timestamp as written in a log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogTime {
    /// Normalized for display, in the log's own clock.
    pub text: String,
    pub basis: TimeBasis,
    /// Date and time in the log's own clock, when the log gives a date. Two
    /// values compare meaningfully only when their bases are equal.
    pub at: Option<NaiveDateTime>,
}

impl LogTime {
    /// A local wall-clock date and time with no zone (Android OMADM).
    pub fn local(at: NaiveDateTime) -> LogTime {
        LogTime {
            text: at.format("%Y-%m-%dT%H:%M:%S%.3f").to_string(),
            basis: TimeBasis::Local,
            at: Some(at),
        }
    }
}

/// Parses `YYYY-MM-DDTHH:MM:SS[.fraction]` with any number of fraction digits
/// (OMADM writes seven, which chrono's `%f` does not accept directly).
pub fn parse_iso_local(s: &str) -> Option<NaiveDateTime> {
    let (date, time) = s.split_once('T')?;
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    let (hms, frac) = match time.split_once('.') {
        Some((hms, frac)) => (hms, frac),
        None => (time, ""),
    };
    let hms = NaiveTime::parse_from_str(hms, "%H:%M:%S").ok()?;
    let mut nanos: u32 = 0;
    let mut scale: u32 = 100_000_000;
    for c in frac.chars().take(9) {
        let d = c.to_digit(10)?;
        nanos += d * scale;
        scale /= 10;
    }
    let time = hms.with_nanosecond(nanos)?;
    Some(NaiveDateTime::new(date, time))
}

use chrono::Timelike;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn omadm_seven_digit_fraction() {
        let t = parse_iso_local("2018-02-27T05:16:20.6530000").map(LogTime::local);
        assert_eq!(
            t.map(|t| t.text).as_deref(),
            Some("2018-02-27T05:16:20.653")
        );
    }

    #[test]
    fn rejects_garbage() {
        assert!(parse_iso_local("2018-02-27T25:16:20.6530000").is_none());
        assert!(parse_iso_local("Time").is_none());
        assert!(parse_iso_local("2018-02-27T05:16:20.65x").is_none());
    }
}
