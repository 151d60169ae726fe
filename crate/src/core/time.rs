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

impl TimeBasis {
    pub fn as_str(self) -> &'static str {
        match self {
            TimeBasis::Utc => "utc",
            TimeBasis::Offset => "offset",
            TimeBasis::Local => "local",
            TimeBasis::TimeOfDay => "time-of-day",
        }
    }
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
            text: iso_millis(&at),
            basis: TimeBasis::Local,
            at: Some(at),
        }
    }

    /// A time of day with no date (Apple's Console copies). With the log's
    /// own UTC offset the basis is `offset`, else `time-of-day`; either way
    /// there is no date to compare, so `at` stays empty and file order rules.
    pub fn time_of_day(time: NaiveTime, offset: Option<&str>) -> LogTime {
        use chrono::Timelike;
        // Digit by digit: every line of a Console copy has one, and the
        // formatting machinery cost more than reading the line (a leap
        // second goes to chrono).
        let clock = if time.nanosecond() < 1_000_000_000 {
            let mut clock = String::with_capacity(20);
            for (n, sep) in [
                (time.hour(), ':'),
                (time.minute(), ':'),
                (time.second(), '.'),
            ] {
                push_digits(&mut clock, n, 2);
                clock.push(sep);
            }
            push_digits(&mut clock, time.nanosecond() / 1_000_000, 3);
            clock
        } else {
            time.format("%H:%M:%S%.3f").to_string()
        };
        match offset {
            Some(offset) => LogTime {
                text: {
                    let mut text = clock;
                    text.push(' ');
                    text.push_str(offset);
                    text
                },
                basis: TimeBasis::Offset,
                at: None,
            },
            None => LogTime {
                text: clock,
                basis: TimeBasis::TimeOfDay,
                at: None,
            },
        }
    }

    /// A full date and time with its own UTC offset (`log show`), shown in
    /// the log's own clock.
    pub fn with_offset(at: NaiveDateTime, offset: &str) -> LogTime {
        LogTime {
            text: {
                let mut text = iso_millis(&at);
                text.push(' ');
                text.push_str(offset);
                text
            },
            basis: TimeBasis::Offset,
            at: Some(at),
        }
    }

    /// A wall-clock stamp kept exactly as written because its date is
    /// incomplete or ambiguous (syslog's `Mar 17 03:07:46` has no year; an old
    /// Console's `1/27/17, 3:33:18 PM` depends on the Mac's locale).
    pub fn as_written(text: &str) -> LogTime {
        LogTime {
            text: text.split_whitespace().collect::<Vec<_>>().join(" "),
            basis: TimeBasis::Local,
            at: None,
        }
    }
}

/// Parses `HH:MM:SS[.fraction]` (any number of fraction digits).
pub fn parse_time_of_day(s: &str) -> Option<NaiveTime> {
    let (hms, frac) = match s.split_once('.') {
        Some((hms, frac)) => (hms, frac),
        None => (s, ""),
    };
    let hms = NaiveTime::parse_from_str(hms, "%H:%M:%S").ok()?;
    hms.with_nanosecond(nanos(frac)?)
}

/// Nanoseconds from the digits after a decimal point (at most nine are read).
fn nanos(frac: &str) -> Option<u32> {
    let mut nanos: u32 = 0;
    let mut scale: u32 = 100_000_000;
    for c in frac.chars().take(9) {
        nanos += c.to_digit(10)? * scale;
        scale /= 10;
    }
    Some(nanos)
}

/// `YYYY-MM-DDTHH:MM:SS.mmm`, written by hand: chrono's formatter is the
/// slowest step when every line of a big log carries a time (the same text
/// as its `%Y-%m-%dT%H:%M:%S%.3f`, a leap second's `:60` too).
pub fn iso_millis(at: &NaiveDateTime) -> String {
    use chrono::{Datelike, Timelike};
    if let Ok(year @ 0..=9999) = u32::try_from(at.year()) {
        // Digit by digit (the formatting machinery cost more than reading
        // the line it came from).
        let mut text = String::with_capacity(23);
        push_digits(&mut text, year, 4);
        for (sep, n) in [
            ('-', at.month()),
            ('-', at.day()),
            ('T', at.hour()),
            (':', at.minute()),
            // chrono keeps a leap second as a nanosecond past 10⁹.
            (':', at.second() + at.nanosecond() / 1_000_000_000),
        ] {
            text.push(sep);
            push_digits(&mut text, n, 2);
        }
        text.push('.');
        push_digits(&mut text, at.nanosecond() / 1_000_000 % 1000, 3);
        return text;
    }
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}",
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minute(),
        at.second() + at.nanosecond() / 1_000_000_000,
        at.nanosecond() / 1_000_000 % 1000
    )
}

/// `n`'s last `width` decimal digits, zero-padded.
fn push_digits(text: &mut String, n: u32, width: u32) {
    for place in (0..width).rev() {
        let digit = n / 10u32.pow(place) % 10;
        text.push(char::from_digit(digit, 10).unwrap_or('0'));
    }
}

impl LogTime {
    /// A UTC date and time (Event XML `SystemTime`, .evtx records).
    pub fn utc(at: NaiveDateTime) -> LogTime {
        LogTime {
            text: {
                let mut text = iso_millis(&at);
                text.push('Z');
                text
            },
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
    // ISO needs a `-` fifth (the space replaced never puts one there): the
    // copy is made only then (this runs for every event of an export).
    if s.as_bytes().get(4) == Some(&b'-') {
        if let Some(t) = parse_iso_local(&s.replacen(' ', "T", 1)) {
            return Some(t);
        }
    }
    let (date, rest) = split_at_space(s)?;
    Some(NaiveDateTime::new(windows_day(date)?, windows_clock(rest)?))
}

/// [`parse_windows_local`] over texts that mostly share their day (an
/// export's events come in bursts): the last day read is remembered, so a
/// text on the same day reads only its clock.
#[derive(Default)]
pub struct WindowsLocalTimes {
    day: String,
    date: Option<NaiveDate>,
}

impl WindowsLocalTimes {
    pub fn read(&mut self, s: &str) -> Option<NaiveDateTime> {
        let s = s.trim();
        if s.as_bytes().get(4) == Some(&b'-') {
            return parse_windows_local(s);
        }
        let (day, rest) = split_at_space(s)?;
        if day != self.day {
            self.day.clear();
            self.day.push_str(day);
            self.date = windows_day(day);
        }
        Some(NaiveDateTime::new(self.date?, windows_clock(rest)?))
    }
}

/// The date part of [`parse_windows_local`].
fn windows_day(date: &str) -> Option<NaiveDate> {
    let (a, b, c, dotted) = match plain_date(date) {
        Some(([a, b, c], dotted)) => (a, b, c, dotted),
        None => {
            // Three numbers, without a Vec.
            let mut parts = date.split(['/', '.', '-']).filter(|p| !p.is_empty());
            let mut next = || parts.next().map(|p| p.parse::<u32>().ok());
            let (Some(Some(a)), Some(Some(b)), Some(Some(c)), None) =
                (next(), next(), next(), next())
            else {
                return None;
            };
            (a, b, c, date.contains('.'))
        }
    };
    let (y, m, d) = if a > 31 {
        (a, b, c)
    } else if dotted || a > 12 {
        (c, b, a)
    } else {
        (c, a, b)
    };
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

/// The clock part of [`parse_windows_local`] (after the date's space).
fn windows_clock(rest: &str) -> Option<NaiveTime> {
    let rest = rest.trim();
    // Morning/afternoon marks in English and the common Asian locales.
    let (clock, pm) = match split_at_space(rest) {
        Some((clock, mark)) => (clock, Some(mark.trim())),
        None => (rest, None),
    };
    let (clock, pm) = match (clock, pm) {
        (c, Some(m)) if c.starts_with(['午', '오']) => (m, Some(c)),
        other => other,
    };
    let mut time = match plain_clock(clock) {
        Some(time) => time,
        None => NaiveTime::parse_from_str(clock, "%H:%M:%S")
            .or_else(|_| NaiveTime::parse_from_str(clock, "%H:%M:%S%.f"))
            .ok()?,
    };
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
    Some(time)
}

/// `s.split_once(char::is_whitespace)`, reading bytes while they are ASCII
/// (every event of an export has a date; the character searcher was a
/// tenth of reading a list copy in WebAssembly).
fn split_at_space(s: &str) -> Option<(&str, &str)> {
    for (i, b) in s.bytes().enumerate() {
        if !b.is_ascii() {
            return s.split_once(char::is_whitespace);
        }
        if char::from(b).is_whitespace() {
            return Some((s.get(..i)?, s.get(i + 1..)?));
        }
    }
    None
}

/// A date's three numbers when it is plain ASCII digits with `/`, `.` or
/// `-` between them, and whether a `.` was one; `None` for anything else,
/// which the general reading takes.
fn plain_date(date: &str) -> Option<([u32; 3], bool)> {
    let mut numbers = [0u32; 3];
    let (mut n, mut digits, mut dotted) = (0usize, 0, false);
    for b in date.bytes() {
        match b {
            b'0'..=b'9' if digits < 9 => {
                let slot = numbers.get_mut(n)?;
                *slot = *slot * 10 + u32::from(b - b'0');
                digits += 1;
            }
            b'/' | b'.' | b'-' if digits > 0 && n < 2 => {
                dotted |= b == b'.';
                n += 1;
                digits = 0;
            }
            _ => return None,
        }
    }
    (n == 2 && digits > 0).then_some((numbers, dotted))
}

/// `H:MM:SS` read by hand (every event of an export has one); anything
/// else, a leap second included, is left to chrono.
fn plain_clock(clock: &str) -> Option<NaiveTime> {
    let b = clock.as_bytes();
    let h_len = b.iter().position(|c| *c == b':')?;
    if !(1..=2).contains(&h_len) || b.len() != h_len + 6 || b.get(h_len + 3) != Some(&b':') {
        return None;
    }
    let num = |from: usize, to: usize| {
        b.get(from..to)?.iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let (h, m, s) = (
        num(0, h_len)?,
        num(h_len + 1, h_len + 3)?,
        num(h_len + 4, h_len + 6)?,
    );
    (h < 24 && m < 60 && s < 60)
        .then(|| NaiveTime::from_hms_opt(h, m, s))
        .flatten()
}

/// Parses `YYYY-MM-DDTHH:MM:SS[.fraction]` with any number of fraction digits
/// (OMADM writes seven, which chrono's `%f` does not accept directly).
pub fn parse_iso_local(s: &str) -> Option<NaiveDateTime> {
    // Fixed positions, read by hand: this runs on every line of a big log.
    let b = s.as_bytes();
    if b.len() < 19
        || b.get(4) != Some(&b'-')
        || b.get(7) != Some(&b'-')
        || b.get(10) != Some(&b'T')
        || b.get(13) != Some(&b':')
        || b.get(16) != Some(&b':')
    {
        return None;
    }
    let num = |from: usize, to: usize| -> Option<u32> {
        s.get(from..to)?.bytes().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let date = NaiveDate::from_ymd_opt(i32::try_from(num(0, 4)?).ok()?, num(5, 7)?, num(8, 10)?)?;
    let frac = match s.get(19..) {
        Some("") | None => "",
        Some(rest) => rest.strip_prefix('.')?,
    };
    let time =
        NaiveTime::from_hms_nano_opt(num(11, 13)?, num(14, 16)?, num(17, 19)?, nanos(frac)?)?;
    Some(NaiveDateTime::new(date, time))
}

use chrono::Timelike;

/// The UTC offset of a device's clock, as the admin states it (on the page
/// or with `--device-utc-offset`) for logs whose times carry no zone (Android
/// OMADM, Event Viewer list copies). Never guessed: without it, a device's
/// local times are compared with no other source's clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UtcOffset {
    minutes: i32,
}

impl UtcOffset {
    /// The widest offset in use (UTC+14:00, Line Islands; UTC−12:00).
    const MAX_MINUTES: i32 = 14 * 60;

    pub fn from_minutes(minutes: i32) -> Option<UtcOffset> {
        (minutes.abs() <= Self::MAX_MINUTES).then_some(UtcOffset { minutes })
    }

    /// Reads `+09:00`, `+0900`, `+9`, `-5`, `+5:30`, `UTC+9`, `GMT-05:00`,
    /// `UTC`, `Z` (spaces and a Unicode minus allowed).
    pub fn parse(text: &str) -> Option<UtcOffset> {
        let t: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if c == '−' { '-' } else { c })
            .collect();
        if t.is_empty() {
            return None;
        }
        let upper = t.to_ascii_uppercase();
        let rest = upper
            .strip_prefix("UTC")
            .or_else(|| upper.strip_prefix("GMT"))
            .unwrap_or(&upper);
        if rest.is_empty() || rest == "Z" {
            return Some(UtcOffset { minutes: 0 });
        }
        let (sign, digits) = match rest.as_bytes().first()? {
            b'+' => (1, &rest[1..]),
            b'-' => (-1, &rest[1..]),
            _ => return None,
        };
        let (hours, minutes) = match digits.split_once(':') {
            Some((h, m)) => (h, m),
            None if digits.len() == 4 => digits.split_at(2),
            None => (digits, "0"),
        };
        let ok = |d: &str| !d.is_empty() && d.len() <= 2 && d.bytes().all(|b| b.is_ascii_digit());
        if !ok(hours) || !ok(minutes) {
            return None;
        }
        let (hours, minutes): (i32, i32) = (hours.parse().ok()?, minutes.parse().ok()?);
        if minutes >= 60 {
            return None;
        }
        UtcOffset::from_minutes(sign * (hours * 60 + minutes))
    }

    pub fn minutes(self) -> i32 {
        self.minutes
    }

    /// The UTC instant of a wall-clock time in this offset.
    pub fn to_utc(self, local: NaiveDateTime) -> NaiveDateTime {
        local - chrono::Duration::minutes(i64::from(self.minutes))
    }
}

/// `+09:00`, `-05:00`, `+00:00`.
impl std::fmt::Display for UtcOffset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.minutes < 0 { '-' } else { '+' };
        let m = self.minutes.abs();
        write!(f, "{sign}{:02}:{:02}", m / 60, m % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`parse_windows_local`] before its dates and spaces were read by hand.
    fn parse_windows_local_reference(s: &str) -> Option<NaiveDateTime> {
        let s = s.trim();
        if s.as_bytes().get(4) == Some(&b'-') {
            if let Some(t) = parse_iso_local(&s.replacen(' ', "T", 1)) {
                return Some(t);
            }
        }
        let (date, rest) = s.split_once(char::is_whitespace)?;
        let mut parts = date.split(['/', '.', '-']).filter(|p| !p.is_empty());
        let mut next = || parts.next().map(|p| p.parse::<u32>().ok());
        let (Some(Some(a)), Some(Some(b)), Some(Some(c)), None) = (next(), next(), next(), next())
        else {
            return None;
        };
        let (y, m, d) = if a > 31 {
            (a, b, c)
        } else if date.contains('.') || a > 12 {
            (c, b, a)
        } else {
            (c, a, b)
        };
        let date = NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)?;
        let rest = rest.trim();
        let (clock, pm) = match rest.split_once(char::is_whitespace) {
            Some((clock, mark)) => (clock, Some(mark.trim())),
            None => (rest, None),
        };
        let (clock, pm) = match (clock, pm) {
            (c, Some(m)) if c.starts_with(['午', '오']) => (m, Some(c)),
            other => other,
        };
        let mut time = match plain_clock(clock) {
            Some(time) => time,
            None => NaiveTime::parse_from_str(clock, "%H:%M:%S")
                .or_else(|_| NaiveTime::parse_from_str(clock, "%H:%M:%S%.f"))
                .ok()?,
        };
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

    #[test]
    fn windows_dates_read_by_hand_as_before() {
        let mut inputs: Vec<String> = [
            "8/20/2024 9:49:44 AM",
            "8/20/2024 12:49:44 AM",
            "20.08.2024 09:49:44",
            "20.08.2024. 09:49:44",
            "2024/08/20 9:49:44",
            "2024-08-20 09:49:44",
            "2024. 8. 20. 9:49:44",
            "+8/20/2024 9:49:44",
            "8//20/2024 1:02:03",
            "8/20/2024/ 1:02:03",
            "/8/20/2024 1:02:03",
            "1234567890/1/1 1:00:00",
            "99999999999/1/1 1:00:00",
            "8/20/2024\u{3000}9:49:44",
            "8/20/2024\u{a0}9:49:44 PM",
            "8/20/2024\u{b}9:49:44 PM",
            "8/20/2024\t9:49:44\tPM",
            "2024/8/20 午後 9:49:44",
            "2024/8/20 오후 1:02:03",
            "8/20/2024 ٩:49:44",
            "８/20/2024 9:49:44",
            "8/20/2024",
            "",
            " ",
            "8-20-2024 9:49:44.123 PM",
        ]
        .map(String::from)
        .to_vec();
        for line in crate::core::testing::fixture_lines() {
            inputs.extend(line.split(['\t', ',', '"']).map(str::to_string));
            inputs.push(line);
        }
        let alphabet: Vec<char> = "0123456789/.-: APM+\u{a0}午".chars().collect();
        let mut next = crate::core::testing::numbers(7);
        for _ in 0..20_000 {
            let len = next() % 24;
            inputs.push(
                (0..len)
                    .map(|_| alphabet[next() % alphabet.len()])
                    .collect(),
            );
        }
        for input in &inputs {
            assert_eq!(
                parse_windows_local(input),
                parse_windows_local_reference(input),
                "{input:?}"
            );
        }
        // Remembering the day: in the given order, and sorted so that
        // texts on the same day follow each other.
        let mut times = WindowsLocalTimes::default();
        let mut sorted = inputs.clone();
        sorted.sort();
        for input in inputs.iter().chain(&sorted) {
            assert_eq!(times.read(input), parse_windows_local(input), "{input:?}");
        }
    }

    #[test]
    fn omadm_seven_digit_fraction() {
        let t = parse_iso_local("2018-02-27T05:16:20.6530000").map(LogTime::local);
        assert_eq!(
            t.map(|t| t.text).as_deref(),
            Some("2018-02-27T05:16:20.653")
        );
    }

    #[test]
    fn console_time_of_day_keeps_its_own_clock() {
        let t = parse_time_of_day("18:30:53.691033").unwrap();
        let with = LogTime::time_of_day(t, Some("-0500"));
        assert_eq!(with.text, "18:30:53.691 -0500");
        assert_eq!(with.basis, TimeBasis::Offset);
        assert!(with.at.is_none());
        let without = LogTime::time_of_day(t, None);
        assert_eq!(without.text, "18:30:53.691");
        assert_eq!(without.basis, TimeBasis::TimeOfDay);
        assert!(parse_time_of_day("24:00:00").is_none());
        assert!(parse_time_of_day("23:59:59.x").is_none());
        let syslog = LogTime::as_written("Aug  1 09:00:42");
        assert_eq!((syslog.text.as_str(), syslog.at), ("Aug 1 09:00:42", None));
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

    #[test]
    fn a_stated_offset_reads_as_admins_write_it() {
        for (text, minutes) in [
            ("+09:00", 540),
            ("+0900", 540),
            ("+9", 540),
            ("UTC+9", 540),
            ("utc +09:00", 540),
            ("GMT-05:00", -300),
            ("-5", -300),
            ("−5", -300),
            ("+5:30", 330),
            ("+05:45", 345),
            ("UTC", 0),
            ("Z", 0),
            ("+14:00", 840),
            ("-12", -720),
        ] {
            assert_eq!(
                UtcOffset::parse(text).map(UtcOffset::minutes),
                Some(minutes),
                "{text}"
            );
        }
        for text in ["", "9", "+15", "+09:60", "+123", "JST", "+9:3:0", "+٩"] {
            assert_eq!(UtcOffset::parse(text), None, "{text}");
        }
        assert_eq!(
            UtcOffset::parse("-3:30").map(|o| o.to_string()).as_deref(),
            Some("-03:30")
        );
        let local = parse_iso_local("2018-02-27T04:50:46.177").unwrap();
        let utc = UtcOffset::parse("+09:00").unwrap().to_utc(local);
        assert_eq!(iso_millis(&utc), "2018-02-26T19:50:46.177");
    }

    /// The stamps written by hand read as chrono's formatter wrote them.
    #[test]
    fn iso_millis_writes_what_chrono_wrote() {
        use chrono::{NaiveDate, NaiveTime};
        let times = [
            (2024, 8, 20, 16, 49, 44, 123_456_700),
            (1, 1, 1, 0, 0, 0, 0),
            (9999, 12, 31, 23, 59, 59, 999_999_999),
            (2016, 12, 31, 23, 59, 59, 1_500_000_000),
            (2026, 2, 28, 9, 5, 7, 7_000_000),
        ];
        for (y, mo, d, h, mi, s, n) in times {
            let date = NaiveDate::from_ymd_opt(y, mo, d).unwrap();
            let time = NaiveTime::from_hms_nano_opt(h, mi, s, n).unwrap();
            let at = date.and_time(time);
            let chrono = at.format("%Y-%m-%dT%H:%M:%S%.3f").to_string();
            assert_eq!(iso_millis(&at), chrono);
            assert_eq!(LogTime::utc(at).text, format!("{chrono}Z"));
            assert_eq!(
                LogTime::with_offset(at, "-0500").text,
                format!("{chrono} -0500")
            );
        }
    }
}
