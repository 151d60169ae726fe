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

impl LogTime {
    /// A UTC date and time (Event XML `SystemTime`, .evtx records).
    pub fn utc(at: NaiveDateTime) -> LogTime {
        LogTime {
            text: at.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(),
            basis: TimeBasis::Utc,
            at: Some(at),
        }
    }
}

/// Parses an XML `SystemTime` (`2024-08-20T16:49:44.1234567Z`, UTC).
pub fn parse_system_time(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    parse_iso_local(s.strip_suffix('Z').unwrap_or(s))
}

/// Parses a date and time as Windows shows it in the viewer's locale:
/// `8/20/2024 9:49:44 AM` (en-US), `2024/08/20 9:49:44` (ja-JP),
/// `20.08.2024 09:49:44` (de-DE), `20/08/2024 09:49:44` (en-GB), ISO.
/// Slashed day-month order is taken as month first unless the first number
/// cannot be a month. The result is the wall clock, zone unknown.
pub fn parse_windows_local(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    if let Some(t) = parse_iso_local(&s.replacen(' ', "T", 1)) {
        return Some(t);
    }
    let (date, rest) = s.split_once(char::is_whitespace)?;
    let nums: Vec<u32> = date
        .split(['/', '.', '-'])
        .filter(|p| !p.is_empty())
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let [a, b, c] = nums.as_slice() else {
        return None;
    };
    let (y, m, d) = if *a > 31 {
        (*a, *b, *c)
    } else if date.contains('.') || *a > 12 {
        (*c, *b, *a)
    } else {
        (*c, *a, *b)
    };
    let date = NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)?;
    let rest = rest.trim();
    // Morning/afternoon marks in English and the common Asian locales.
    let (clock, pm) = match rest.split_once(char::is_whitespace) {
        Some((clock, mark)) => (clock, Some(mark.trim())),
        None => (rest, None),
    };
    let (clock, pm) = match (clock, pm) {
        (c, Some(m)) if c.starts_with(['午', '오']) => (m, Some(c)),
        other => other,
    };
    let mut time = NaiveTime::parse_from_str(clock, "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(clock, "%H:%M:%S%.f"))
        .ok()?;
    let hour = time.hour();
    match pm {
        Some("PM" | "pm" | "午後" | "下午" | "오후") if hour < 12 => {
            time = time.with_hour(hour + 12)?;
        }
        Some("AM" | "am" | "午前" | "上午" | "오전") if hour == 12 => {
            time = time.with_hour(0)?;
        }
        _ => {}
    }
    Some(NaiveDateTime::new(date, time))
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
    fn windows_locales() {
        let t = |s| parse_windows_local(s).map(|t| LogTime::local(t).text);
        assert_eq!(
            t("8/20/2024 9:49:44 AM").as_deref(),
            Some("2024-08-20T09:49:44.000")
        );
        assert_eq!(
            t("7/2/2025 12:51:06 PM").as_deref(),
            Some("2025-07-02T12:51:06.000")
        );
        assert_eq!(
            t("8/20/2024 12:05:00 AM").as_deref(),
            Some("2024-08-20T00:05:00.000")
        );
        assert_eq!(
            t("8/20/2024 9:49:44 PM").as_deref(),
            Some("2024-08-20T21:49:44.000")
        );
        assert_eq!(
            t("2024/08/20 9:49:44").as_deref(),
            Some("2024-08-20T09:49:44.000")
        );
        assert_eq!(
            t("20.08.2024 09:49:44").as_deref(),
            Some("2024-08-20T09:49:44.000")
        );
        assert_eq!(
            t("20/08/2024 09:49:44").as_deref(),
            Some("2024-08-20T09:49:44.000")
        );
        assert_eq!(
            t("2024-08-20 09:49:44").as_deref(),
            Some("2024-08-20T09:49:44.000")
        );
        assert!(t("Information").is_none());
        assert!(t("39 None").is_none());
        let u = parse_system_time("2024-08-20T16:49:44.1234567Z").map(LogTime::utc);
        assert_eq!(
            u.map(|u| u.text).as_deref(),
            Some("2024-08-20T16:49:44.123Z")
        );
    }

    #[test]
    fn rejects_garbage() {
        assert!(parse_iso_local("2018-02-27T25:16:20.6530000").is_none());
        assert!(parse_iso_local("Time").is_none());
        assert!(parse_iso_local("2018-02-27T05:16:20.65x").is_none());
    }
}
