//! iOS/iPadOS device logs as admins collect them: Apple's Console app on a
//! Mac (select all, copy, paste into TextEdit), older syslog captures (iPhone
//! Configuration Utility, Xcode) and the old Console's one-line layout. One
//! header function tries the few prefix shapes:
//!
//! ```text
//! Console copy:  <type> <HH:MM:SS.ffffff>[ ]<±hhmm> <process> <message>
//!                (type capitalized or not; single spaces, runs of spaces or
//!                tabs; the offset may be glued to the time)
//! syslog:        <Mon> <d> <HH:MM:SS> <device> <process>[<pid>] <Level>: <message>
//! old Console:   <M/D/YY>, <h:MM:SS AM> <process>[<pid>]: <message>
//! log show:      <YYYY-MM-DD HH:MM:SS.ffffff±hhmm> <thread> <type> <activity> <pid> [<ttl>] <process>: [<subsystem>] <message>
//!   --style syslog: <YYYY-MM-DD HH:MM:SS.ffffff±hhmm> <host> <process>[<pid>]: [<subsystem>] <message>
//! ```
//!
//! Any of them may carry an editor's "find all" prefix `Line 390870: `.
//! Lines without a prefix (NSError dumps, payload dumps) continue the record
//! above. TextEdit's rich-text artefacts are undone before this runs (see
//! [`crate::input::rtf`]). Console copies carry no date, syslog no year: times are
//! kept as written and never given an invented date; only `log show` lines
//! carry a full date. `log show --style json`/`ndjson` output is its own
//! format ([`super::log_json`]) with the same signatures.

use std::sync::OnceLock;

use chrono::NaiveTime;
use regex::Regex;

use super::rules as ios;
use crate::core::event::Thread;
use crate::core::model::Platform;
use crate::core::time::{parse_iso_local, parse_time_of_day, LogTime};
use crate::parse::format::{Format, Header};

pub const FORMAT: Format = Format {
    id: "ios-console",
    platform: Platform::Ios,
    title: "iOS/iPadOS device log (Mac Console copy, TextEdit, syslog)",
    samples: &[
        // Console copy, capitalized type, single spaces, TextEdit's trailing `\`.
        "Debug 18:30:53.691033 -0500 profiled Performing synchronous URL request: https://<server>-contoso.msappproxy.net/certsrv/mscep/mscep.dll?operation=GetCACert&message=SCEP%20Authority\\  ",
        "Default 18:30:57.320616 -0500 profiled Profile \\'93www.windowsintune.com.SCEP.ModelName=AC_51bad41f.../LogicalName_1892fe4c...;Hash=-912418295\\'94 installed.\\ ",
        // Lower-case type, runs of spaces.
        "debug    18:30:54.638009 -0500    profiled    Adding dependent ModelName=AC_51bad41f.../LogicalName_1892fe4c...;Hash=-912418295 to parent 636572740000000000000012 in domain PayloadDependencyDomainCertificate to system\\",
        "default    18:30:55.483977 -0500    profiled    Attempting to retrieve issued certificate...\\ ",
        // Modern Console: tabs, offset glued to the time.
        "default\t23:58:54.801197-0400\tCertificateService\tTask <25E4E786-19A5-4B45-9562-5D8387064496>.<1> received response, status 200 content K",
        // An editor's "find all" output.
        "Line 392346: default    11:19:59.360460 -0400    profiled    Profile \\'93www.windowsintune.com.wifi.Contoso\\'94 installed.\\",
        // Legacy syslog (iPhone Configuration Utility).
        "Mar 17 03:07:46 Gao-Zhiguoteki-iPad profiled[1764] <Notice>: (Error) MC: Cannot retrieve SCEP identity: NSError:",
        "May 23 14:15:42 -iPhone profiled[150] <Notice>: (Error) MC: Cannot retrieve SCEP identity: NSError:",
        // Old Console.
        "1/27/17, 3:33:18 PM profiled[388]: (Error) MC: Installation failed. Error: NSError:",
        // `log show --style syslog` (Microsoft's macOS samples).
        "2021-03-02 10:41:12.202335-0500  localhost mdmclient[2611]: [com.apple.ManagedClient:ManagedApps] StartInstall using UUID: <ID> for MDM 'Microsoft.Profiles.MDM'",
        // `log show` / `log stream` default style on a Mac.
        "2022-10-11 14:03:42.755219-0600 0x137ae    Debug       0x0                  2183   0    mdmclient: [com.apple.ManagedClient:MDMAgent] [501:MDMAgent] <OUTERROR> Error Domain=MCCloudConfigurationErrorDomain Code=34007 \"The Device Enrollment service could not verify the identity of this device. Please contact your system administrator.\"",
    ],
    header: Some(header),
    marks: None,
    glued: Some(glued),
    split: None,
    rules: ios::rules,
    stream: None,
};

fn prefix() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(concat!(
            r"^(?:[ \t]*Line \d+:[ \t]*)?(?:",
            // Console copy: time, offset, process
            r"(?i:debug|default|info|error|fault|notice|warning)[ \t]+(?P<time>\d{1,2}:\d{2}:\d{2}(?:\.\d+)?|<Time>)[ \t]*(?P<off>[+-]\d{4})?[ \t]+(?P<proc>[A-Za-z_][\w.-]*)(?:\[\d+\])?:?",
            // syslog
            r"|(?P<sys>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} \d{2}:\d{2}:\d{2}) +\S+ +(?P<sysproc>[\w.-]+)\[(?P<syspid>\d+)\](?: +<\w+>)?:",
            // old Console
            r"|(?P<old>\d{1,2}/\d{1,2}/\d{2,4}, +\d{1,2}:\d{2}:\d{2} ?[AaPp][Mm]) +(?P<oldproc>[\w.-]+)\[(?P<oldpid>\d+)\]:",
            // `log show` / `log stream`: date and time, offset, thread, pid, process
            r"|(?P<show>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)?)(?P<showoff>[+-]\d{4}) +0x(?P<tid>[0-9a-f]+) +\w+ +0x[0-9a-f]+ +(?P<showpid>\d+) +(?:\d+ +)?(?P<showproc>[\w.-]+):(?: \[[^\]\n]*\])?",
            // `log show --style syslog`: date and time, offset, process, pid
            r"|(?P<ss>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)?)(?P<ssoff>[+-]\d{4}) +\S+ +(?P<ssproc>[\w.-]+)\[(?P<sspid>\d+)\]:(?: \([^)\n]*\))?(?: \[[^\]\n]*\])?",
            r")(?:[ \t]+|$)",
        ))
        .ok()
    })
    .as_ref()
}

fn header(line: &str) -> Option<Header<'_>> {
    console_copy(line)
        .or_else(|| log_show(line))
        .or_else(|| regex_header(line))
}

/// Every prefix shape, by the regex.
fn regex_header(line: &str) -> Option<Header<'_>> {
    if !may_have_prefix(line) {
        return error_chain_start(line);
    }
    // The fast matcher finds where the prefix ends; captures then run on the
    // prefix alone (the capturing engines are slow on long lines).
    let Some(found) = prefix()?.find(line) else {
        return error_chain_start(line);
    };
    let caps = prefix()?.captures(line.get(..found.end())?)?;
    let end = caps.get(0)?.end();
    let text = |name: &str| caps.name(name).map(|m| m.as_str());
    let (time, thread, process) = if let Some(clock) = text("time") {
        let time = parse_time_of_day(clock).map(|t| LogTime::time_of_day(t, text("off")));
        (time, None, text("proc"))
    } else if let Some(stamp) = text("sys") {
        let time = Some(LogTime::as_written(stamp));
        (time, pid(text("syspid")), text("sysproc"))
    } else if let Some(stamp) = text("old") {
        let time = Some(LogTime::as_written(stamp));
        (time, pid(text("oldpid")), text("oldproc"))
    } else if let Some(stamp) = text("ss") {
        let time = dated(stamp, text("ssoff").unwrap_or(""));
        (time, pid(text("sspid")), text("ssproc"))
    } else {
        let time = dated(text("show")?, text("showoff").unwrap_or(""));
        let thread = show_thread(text("showpid")?, text("tid")?);
        (time, thread, text("showproc"))
    };
    Some(Header {
        time,
        thread,
        process,
        message: line
            .get(end..)
            .unwrap_or("")
            .trim_start_matches([' ', '\t']),
    })
}

/// The message types a Console copy's line starts with, in any case.
const TYPES: [&str; 7] = [
    "debug", "default", "info", "error", "fault", "notice", "warning",
];

/// The months a syslog line starts with.
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Whether the prefix regex may match `line`: after an editor's `Line N:`,
/// every shape starts with a type word, a month or a digit (`\d` is any
/// Unicode digit, so any non-ASCII character may be one). Detection asks
/// every format about the first lines of any input, and compiling the regex
/// cost 30 M instructions, more than detecting a Windows log did; a log of
/// another platform now never compiles it.
fn may_have_prefix(line: &str) -> bool {
    let b = line.as_bytes();
    let Some(at) = after_line_number(b) else {
        // `Line ` and a digit that is not ASCII: the regex decides.
        return true;
    };
    match b.get(at) {
        Some(c) if !c.is_ascii() => true,
        // `8/20/24, …` (old Console) or `2024-05-14 …` (`log show`); a CSV
        // row's `101,…` never is.
        Some(c) if c.is_ascii_digit() => {
            let rest = b.get(at..).unwrap_or_default();
            let run = rest.iter().take_while(|c| c.is_ascii_digit()).count();
            match rest.get(run) {
                Some(c) if !c.is_ascii() => true,
                Some(b'/') => run <= 2,
                Some(b'-') => run == 4,
                _ => false,
            }
        }
        Some(c) if c.is_ascii_alphabetic() => {
            let word = (b.get(at..).unwrap_or_default().iter())
                .take_while(|c| c.is_ascii_alphabetic())
                .count();
            line.get(at..at + word).is_some_and(|word| {
                MONTHS.contains(&word) || TYPES.iter().any(|t| t.eq_ignore_ascii_case(word))
            })
        }
        _ => false,
    }
}

/// The Console copy prefix read by hand, for speed: it is the shape of
/// almost every line of a big Console copy, and the reader asks for the
/// prefix of every candidate line (the regex's find + captures cost more
/// than the rules). It accepts exactly what the regex's first alternative
/// accepts, for ASCII prefixes; anything else (non-ASCII, another shape, a
/// doubtful case) returns `None` and the regex decides.
fn console_copy(line: &str) -> Option<Header<'_>> {
    let b = line.as_bytes();
    let blank = |i: usize| b.get(i).is_some_and(|c| *c == b' ' || *c == b'\t');
    let digits = |mut i: usize| {
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        i
    };
    let skip_blanks = |mut i: usize| {
        while blank(i) {
            i += 1;
        }
        i
    };
    let at = after_line_number(b)?;
    // The type, in any case, then blanks.
    let word_end = at
        + b.get(at..)?
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
    let word = line.get(at..word_end)?;
    if !TYPES.iter().any(|t| t.eq_ignore_ascii_case(word)) || !blank(word_end) {
        return None;
    }
    // The time (`H:MM:SS[.f]` or `<Time>`), an offset glued or not.
    let time_at = skip_blanks(word_end);
    let time_end = if b.get(time_at..time_at + 6) == Some(b"<Time>") {
        time_at + 6
    } else {
        let h = digits(time_at);
        let two = |i: usize| b.get(i) == Some(&b':') && digits(i + 1) == i + 3;
        if !(1..=2).contains(&(h - time_at)) || !two(h) || !two(h + 3) {
            return None;
        }
        let mut end = h + 6;
        if b.get(end) == Some(&b'.') && digits(end + 1) > end + 1 {
            end = digits(end + 1);
        }
        end
    };
    let mut at = skip_blanks(time_end);
    let mut offset = None;
    if matches!(b.get(at), Some(b'+' | b'-')) && digits(at + 1) == at + 5 {
        if !blank(at + 5) {
            return None;
        }
        offset = line.get(at..at + 5);
        at = skip_blanks(at + 5);
    } else if at == time_end {
        return None;
    }
    // The process, its pid, a colon, then blanks or the end.
    let first = *b.get(at)?;
    if !(first.is_ascii_alphabetic() || first == b'_') {
        return None;
    }
    let proc_end = at
        + b.get(at..)?
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-'))
            .count();
    let mut end = proc_end;
    if b.get(end) == Some(&b'[') {
        let pid_end = digits(end + 1);
        if pid_end > end + 1 && b.get(pid_end) == Some(&b']') {
            end = pid_end + 1;
        }
    }
    if b.get(end) == Some(&b':') {
        end += 1;
    }
    if end < b.len() && !blank(end) {
        return None;
    }
    let clock = line.get(time_at..time_end)?;
    let time = (clock != "<Time>")
        .then(|| clock_time(clock).map(|t| LogTime::time_of_day(t, offset)))
        .flatten();
    Some(Header {
        time,
        thread: None,
        process: line.get(at..proc_end),
        message: line.get(skip_blanks(end)..).unwrap_or(""),
    })
}

/// Where the prefix starts: after an editor's `Line 12: `, if any (`None`
/// when `Line ` is not followed by digits and a colon: the regex decides).
fn after_line_number(b: &[u8]) -> Option<usize> {
    let at = blanks_end(b, 0);
    if b.get(at..at + 5) != Some(b"Line ") {
        return Some(0);
    }
    let end = digits_end(b, at + 5);
    (end > at + 5 && b.get(end) == Some(&b':')).then(|| blanks_end(b, end + 1))
}

fn digits_end(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    i
}

fn blanks_end(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(|c| *c == b' ' || *c == b'\t') {
        i += 1;
    }
    i
}

/// The `log show` / `log stream` default-style prefix read by hand, for
/// speed: on a 10 MB `log show` file callgrind counted 2.80 G instructions,
/// 90 % of them in the regex (its capturing engine clears a buffer the size
/// of prefix x NFA states on every line). It accepts exactly what the
/// regex's `show` alternative accepts, for ASCII prefixes; anything else
/// (non-ASCII, another shape, a doubtful case) returns `None` and the regex
/// decides.
fn log_show(line: &str) -> Option<Header<'_>> {
    let b = line.as_bytes();
    let spaces_end = |mut i: usize| {
        while b.get(i) == Some(&b' ') {
            i += 1;
        }
        i
    };
    // A non-empty run of bytes of a class: its end.
    let run = |i: usize, class: fn(&u8) -> bool| {
        let end = i + b.get(i..)?.iter().take_while(|c| class(c)).count();
        (end > i).then_some(end)
    };
    // A run, then spaces: (run end, where the next field starts).
    let field = |i: usize, class: fn(&u8) -> bool| {
        let end = run(i, class)?;
        (b.get(end) == Some(&b' ')).then(|| (end, spaces_end(end)))
    };
    fn hex(c: &u8) -> bool {
        c.is_ascii_digit() || (b'a'..=b'f').contains(c)
    }
    fn word(c: &u8) -> bool {
        c.is_ascii_alphanumeric() || *c == b'_'
    }
    fn name(c: &u8) -> bool {
        word(c) || matches!(c, b'.' | b'-')
    }
    // `YYYY-MM-DD HH:MM:SS[.f]`, then the offset glued to it.
    let at = after_line_number(b)?;
    let shape = b"0000-00-00 00:00:00";
    let stamp = b.get(at..at + shape.len())?;
    let fits = |(c, s): (&u8, &u8)| {
        if *s == b'0' {
            c.is_ascii_digit()
        } else {
            c == s
        }
    };
    if !stamp.iter().zip(shape).all(fits) {
        return None;
    }
    let mut stamp_end = at + shape.len();
    if b.get(stamp_end) == Some(&b'.') {
        stamp_end = run(stamp_end + 1, u8::is_ascii_digit)?;
    }
    let offset_end = stamp_end + 5;
    if !matches!(b.get(stamp_end), Some(b'+' | b'-'))
        || digits_end(b, stamp_end + 1) != offset_end
        || b.get(offset_end) != Some(&b' ')
    {
        return None;
    }
    // `0x<thread> <type> 0x<activity> <pid> [<ttl>] <process>:`
    let tid_at = spaces_end(offset_end);
    if b.get(tid_at..tid_at + 2) != Some(b"0x") {
        return None;
    }
    let (tid_end, next) = field(tid_at + 2, hex)?;
    let (_, next) = field(next, word)?;
    if b.get(next..next + 2) != Some(b"0x") {
        return None;
    }
    let (_, pid_at) = field(next + 2, hex)?;
    let (pid_end, mut proc_at) = field(pid_at, u8::is_ascii_digit)?;
    if let Some((_, after_ttl)) = field(proc_at, u8::is_ascii_digit) {
        proc_at = after_ttl;
    }
    let proc_end = run(proc_at, name)?;
    if b.get(proc_end) != Some(&b':') {
        return None;
    }
    // A `[subsystem]`, then blanks or the end of the line.
    let ends = |i: usize| i == b.len() || b.get(i).is_some_and(|c| *c == b' ' || *c == b'\t');
    let mut end = proc_end + 1;
    if b.get(end..end + 2) == Some(b" [") {
        let close = memchr::memchr2(b']', b'\n', b.get(end + 2..)?).map(|i| end + 2 + i);
        if let Some(close) = close.filter(|c| b.get(*c) == Some(&b']') && ends(c + 1)) {
            end = close + 1;
        }
    }
    if !ends(end) {
        return None;
    }
    Some(Header {
        time: dated(line.get(at..stamp_end)?, line.get(stamp_end..offset_end)?),
        thread: show_thread(line.get(pid_at..pid_end)?, line.get(tid_at + 2..tid_end)?),
        process: line.get(proc_at..proc_end),
        message: line.get(blanks_end(b, end)..).unwrap_or(""),
    })
}

/// A `log show` line's process and thread ids.
fn show_thread(pid: &str, tid: &str) -> Option<Thread> {
    Some(Thread {
        pid: pid.parse().ok()?,
        tid: u32::from_str_radix(tid, 16).ok()?,
    })
}

/// Where the next Console record starts inside a message, when a forum or
/// a ticket lost the line breaks of a Console copy (`… Code : 22013 Type :
/// MCFatalError error 14:00:17.422199-0700 profiled Cannot retrieve SCEP
/// identity: …`). A start is a type word after a blank, then a time with
/// its fraction (Console always writes microseconds, which keeps a message
/// that merely mentions a time from being cut), then the rest of a Console
/// prefix as [`console_copy`] reads it.
fn glued(message: &str) -> Option<usize> {
    let b = message.as_bytes();
    let is_digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    for colon in memchr::memchr_iter(b':', b) {
        // `H:MM:SS.f` or `HH:MM:SS.f` with its first colon here.
        let fraction = colon + 6;
        let clock = is_digit(colon + 1)
            && is_digit(colon + 2)
            && b.get(colon + 3) == Some(&b':')
            && is_digit(colon + 4)
            && is_digit(colon + 5)
            && b.get(fraction) == Some(&b'.')
            && is_digit(fraction + 1)
            && is_digit(colon.wrapping_sub(1));
        if !clock {
            continue;
        }
        let hour = if is_digit(colon.wrapping_sub(2)) {
            colon - 2
        } else {
            colon - 1
        };
        // Blanks, then the type word, then a blank before it.
        let word_end = message.get(..hour)?.trim_end_matches([' ', '\t']).len();
        if word_end == hour {
            continue;
        }
        let word_start = message
            .get(..word_end)?
            .trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .len();
        let before_blank = message
            .get(..word_start)
            .is_some_and(|m| m.ends_with([' ', '\t']));
        if word_start < word_end && before_blank {
            let rest = message.get(word_start..)?;
            if console_copy(rest).is_some_and(|h| h.time.is_some()) {
                return Some(word_start);
            }
        }
    }
    None
}

/// `H:MM:SS[.f]` (checked by the caller) read by hand; what chrono might
/// read otherwise (a leap second) goes to [`parse_time_of_day`].
fn clock_time(clock: &str) -> Option<NaiveTime> {
    let b = clock.as_bytes();
    let num = |from: usize, to: usize| {
        b.get(from..to)?.iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let h_end = clock.find(':')?;
    let (h, m, s) = (
        num(0, h_end)?,
        num(h_end + 1, h_end + 3)?,
        num(h_end + 4, h_end + 6)?,
    );
    let mut nanos = 0;
    let mut scale = 100_000_000;
    for d in b.get(h_end + 7..).unwrap_or_default().iter().take(9) {
        nanos += u32::from(d.wrapping_sub(b'0')) * scale;
        scale /= 10;
    }
    if h < 24 && m < 60 && s < 60 {
        NaiveTime::from_hms_nano_opt(h, m, s, nanos)
    } else {
        parse_time_of_day(clock)
    }
}

/// An MDM answer's `ErrorChain` pasted from a server's log (XML property
/// list, its description, or JSON) spreads each entry over several lines
/// with no prefix: its first line opens a record the lines below continue,
/// so the rules see `ErrorCode`, `ErrorDomain` and the texts together.
fn error_chain_start(line: &str) -> Option<Header<'_>> {
    let t = line.trim_start();
    ["<key>ErrorChain</key>", "ErrorChain =", "\"ErrorChain\""]
        .iter()
        .any(|p| t.starts_with(p))
        .then_some(Header {
            time: None,
            thread: None,
            process: None,
            message: t,
        })
}

/// `YYYY-MM-DD HH:MM:SS[.f]` with its offset.
pub(super) fn dated(stamp: &str, offset: &str) -> Option<LogTime> {
    parse_iso_local(&stamp.replacen(' ', "T", 1)).map(|at| LogTime::with_offset(at, offset))
}

/// The process id; these logs name no thread.
fn pid(text: Option<&str>) -> Option<Thread> {
    let pid = text?.parse().ok()?;
    Some(Thread { pid, tid: 0 })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::time::TimeBasis;

    fn read(line: &str) -> (Option<String>, Option<TimeBasis>, &str) {
        let h = header(line).unwrap_or_else(|| panic!("no header in {line}"));
        (
            h.time.as_ref().map(|t| t.text.clone()),
            h.time.map(|t| t.basis),
            h.message,
        )
    }

    #[test]
    fn console_copies_in_every_spacing() {
        let (time, basis, msg) = read(FORMAT.samples[0]);
        assert_eq!(time.as_deref(), Some("18:30:53.691 -0500"));
        assert_eq!(basis, Some(TimeBasis::Offset));
        assert!(msg.starts_with("Performing synchronous URL request: https://"));
        let (time, _, msg) = read(FORMAT.samples[2]);
        assert_eq!(time.as_deref(), Some("18:30:54.638 -0500"));
        assert!(msg.starts_with("Adding dependent ModelName="));
        let (time, _, msg) = read(FORMAT.samples[4]);
        assert_eq!(time.as_deref(), Some("23:58:54.801 -0400"));
        assert!(msg.starts_with("Task <25E4E786"));
        assert_eq!(
            header(FORMAT.samples[4]).unwrap().process,
            Some("CertificateService")
        );
        assert_eq!(
            header(FORMAT.samples[9]).unwrap().process,
            Some("mdmclient")
        );
        assert_eq!(
            header(FORMAT.samples[10]).unwrap().process,
            Some("mdmclient")
        );
        assert_eq!(header(FORMAT.samples[6]).unwrap().process, Some("profiled"));
        assert_eq!(header(FORMAT.samples[8]).unwrap().process, Some("profiled"));
        let (_, _, msg) = read(FORMAT.samples[5]);
        assert!(msg.starts_with("Profile "));
        // Notepad++ indents its search results.
        let (_, _, msg) = read("\tLine 12: default\t11:19:59.360460 -0400\tprofiled\tx");
        assert_eq!(msg, "x");
        let (time, _, msg) = read(
            "default    <Time> -0400    profiled     Successfully saved configuration ContosoVPN",
        );
        assert_eq!(time, None);
        assert_eq!(msg, "Successfully saved configuration ContosoVPN");
        let (time, basis, _) = read("Error 7:05:01.5 profiled x");
        assert_eq!(time.as_deref(), Some("07:05:01.500"));
        assert_eq!(basis, Some(TimeBasis::TimeOfDay));
    }

    #[test]
    fn syslog_and_old_console() {
        let h = header(FORMAT.samples[6]).unwrap();
        assert_eq!(h.time.as_ref().unwrap().text, "Mar 17 03:07:46");
        assert_eq!(h.time.as_ref().unwrap().at, None);
        assert_eq!(h.thread, Some(Thread { pid: 1764, tid: 0 }));
        assert!(h
            .message
            .starts_with("(Error) MC: Cannot retrieve SCEP identity"));
        let h = header("Aug  1 09:00:46 TheVilain profiled[11158] <Notice>: (Note ) MC: Checking for MDM installation...").unwrap();
        assert_eq!(h.time.unwrap().text, "Aug 1 09:00:46");
        let h = header(FORMAT.samples[8]).unwrap();
        assert_eq!(h.time.unwrap().text, "1/27/17, 3:33:18 PM");
        assert_eq!(h.thread, Some(Thread { pid: 388, tid: 0 }));
        assert!(h.message.starts_with("(Error) MC: Installation failed."));
    }

    #[test]
    fn log_show_default_style() {
        let h = header(FORMAT.samples[10]).unwrap();
        let time = h.time.unwrap();
        assert_eq!(time.text, "2022-10-11T14:03:42.755 -0600");
        assert_eq!(time.basis, TimeBasis::Offset);
        assert!(time.at.is_some());
        assert_eq!(
            h.thread,
            Some(Thread {
                pid: 2183,
                tid: 0x137ae
            })
        );
        assert!(h
            .message
            .starts_with("[501:MDMAgent] <OUTERROR> Error Domain="));
    }

    #[test]
    fn log_show_syslog_style() {
        let h = header(FORMAT.samples[9]).unwrap();
        assert_eq!(h.time.unwrap().text, "2021-03-02T10:41:12.202 -0500");
        assert_eq!(h.thread, Some(Thread { pid: 2611, tid: 0 }));
        assert!(h.message.starts_with("StartInstall using UUID"));
    }

    /// The hand-written readers read a prefix exactly as the regex does,
    /// whenever they answer: on every sample, every fixture line (any
    /// platform), crafted edge cases, and every cut of every `log show` line.
    #[test]
    fn the_gate_lets_through_every_line_the_regex_reads() {
        let mut lines: Vec<String> = FORMAT.samples.iter().map(|s| s.to_string()).collect();
        for path in crate::core::testing::fixture_files() {
            let bytes = std::fs::read(path).unwrap_or_default();
            lines.extend(String::from_utf8_lossy(&bytes).lines().map(String::from));
        }
        let crafted = [
            "MAR 17 03:07:46 host p[1]: x",
            "Mar 17 03:07:46 host p[1]: x",
            "\u{661}/2/17, 3:33:18 PM p[3]: x",
            "Line \u{661}: Debug 1:02:03 p m",
            "\u{ff11}/27/17, 3:33:18 PM profiled[388]: x",
            "DEFAULT 1:02:03 p m",
            " Debug 1:02:03 p m",
            "Log Name:      Application",
            "1/2/2024, 3:33:18 PM profiled[388]: x",
            "12/27/17, 3:33:18 PM profiled[388]: x",
            "2024-05-14 09:12:01.220871-0400 0x1 Default 0x0 118 0 trustd: x",
            "2024-05-14 09:12:01.220871-0400 localhost profiled[388]: x",
            "1\u{661}/2/17, 3:33:18 PM p[3]: x",
            "202\u{661}-05-14 09:12:01-0400 localhost p[3]: x",
        ];
        lines.extend(crafted.iter().map(|l| l.to_string()));
        let regex = prefix().unwrap();
        for line in &lines {
            if regex.is_match(line) {
                assert!(may_have_prefix(line), "{line:?}");
            }
        }
        assert!(!may_have_prefix("Log Name:      Application"));
        assert!(!may_have_prefix("<key>ErrorChain</key>"));
        assert!(!may_have_prefix("101,CONTOSO\\svc-ndes,IntuneSCEP,3a00"));
        assert!(!may_have_prefix("123/4/17, 3:33:18 PM p[3]: x"));
    }

    #[test]
    fn hand_readers_agree_with_the_regex() {
        let mut lines: Vec<String> = FORMAT.samples.iter().map(|s| s.to_string()).collect();
        lines.extend(
            [
                "Debug 18:30:53.691033-0500 profiled x",
                "Debug 18:30:53.691033 -05000 profiled x",
                "Debug 18:30:53.691033 -0500profiled x",
                "Debug 18:30:53. profiled x",
                "Debug 18:30:53 profiled[12]: x",
                "Debug 18:30:53 profiled[12x] x",
                "Debug 18:30:53 profiled:",
                "Debug 18:30:53 profiled",
                "Debug 18:30:53 prof\u{e9}d x",
                "Debug 18:30:53 9proc x",
                "Debug 123:30:53 proc x",
                "Debug 18:3:53 proc x",
                "Debugx 18:30:53 proc x",
                "INFO\t1:02:03\t_proc.x-y\tmessage",
                "  Line 4: Fault 1:02:03 -0100 p m",
                "Line : Fault 1:02:03 p m",
                "Line 4:Fault 1:02:03 p m",
                "warning <Time> proc m",
                "notice 18:30:53+0100 proc m",
                "notice 18:30:53 +0100",
            ]
            .map(String::from),
        );
        // `log show`: a line, then the same line changed in one place.
        let show = "2024-03-05 18:30:53.691033-0500 0x2a41f   Debug       0x0                  150    0    profiled: [com.apple.x:y] m";
        lines.push(show.to_string());
        for (from, to) in [
            // Offsets, fractions, dates.
            ("-0500", "+0530"),
            ("-0500", "-050"),
            ("-0500", "-05000"),
            ("-0500", " -0500"),
            (".691033", ""),
            (".691033", "."),
            (".691033", ".6"),
            (".691033", ".6910331234567"),
            ("2024-03-05", "2024-3-05"),
            ("2024-03-05", "2024-13-45"),
            ("18:30:53", "25:61:61"),
            ("18:30:53", "18:30:60"),
            ("2024-03-05 ", "2024-03-05T"),
            // Threads.
            ("0x2a41f   ", ""),
            ("0x2a41f", "0x2A41F"),
            ("0x2a41f", "0x"),
            ("0x2a41f", "2a41f"),
            ("0x2a41f", "0x1ffffffff"),
            ("0x2a41f", "0xffffffff"),
            ("0x2a41f   ", "0x2a41f\t"),
            // Type, activity, pid, ttl.
            ("Debug", "Debug_2"),
            ("Debug", "D\u{e9}bug"),
            ("Debug       ", ""),
            ("0x0 ", "0x7fe "),
            ("0x0 ", "0 "),
            ("150", "99999999999"),
            ("150", "1\u{665}0"),
            ("    0    ", " "),
            ("    0    ", " 12 34 "),
            ("    0    ", " 0"),
            // Processes.
            ("profiled:", "123:"),
            ("profiled:", "com.apple.mdm-client_2:"),
            ("profiled:", "Google Chrome:"),
            ("profiled:", "Google Chrome Helper (Renderer):"),
            ("profiled:", "proc[12]:"),
            ("profiled:", "[proc]:"),
            ("profiled:", "profil\u{e9}d:"),
            ("profiled:", "profiled"),
            ("profiled:", "profiled::"),
            ("profiled:", "profiled:\t"),
            // Subsystems and messages.
            (" [com.apple.x:y] m", ""),
            (" [com.apple.x:y] m", " "),
            (" [com.apple.x:y] m", "m"),
            (" [com.apple.x:y] m", " [a]"),
            (" [com.apple.x:y] m", " [a]b"),
            (" [com.apple.x:y] m", " [a]\tb"),
            (" [com.apple.x:y] m", " [] b"),
            (" [com.apple.x:y] m", " [unclosed m"),
            (" [com.apple.x:y] m", " [a] [b] m"),
            (" [com.apple.x:y] m", " [c\u{f6}m] m\u{e9}"),
            (" [com.apple.x:y] m", "  [a] m"),
            (" [com.apple.x:y] m", " (a) [b] m"),
            // An editor's line number, blanks in front.
            ("2024", "Line 7: 2024"),
            ("2024", "\tLine 7:\t2024"),
            ("2024", "Line x: 2024"),
            ("2024", " 2024"),
        ] {
            lines.push(show.replacen(from, to, 1));
        }
        lines.push("2021-03-02 10:41:12.202335-0500  0x1 mdmclient[2611]: (x) [a] m".into());
        let fixtures = crate::core::testing::fixture_lines();
        // Every cut of every `log show` line (by the hand reader's answer).
        let cuts: Vec<String> = fixtures
            .iter()
            .chain(&lines)
            .filter(|l| log_show(l).is_some())
            .flat_map(|l| {
                (0..l.len())
                    .filter(|i| l.is_char_boundary(*i))
                    .map(|i| l[..i].to_string())
                    .collect::<Vec<_>>()
            })
            .collect();
        let show = |h: Option<Header<'_>>| {
            h.map(|h| {
                let time = h.time.map(|t| (t.text, t.basis, t.at));
                (
                    time,
                    h.thread,
                    h.process.map(String::from),
                    h.message.to_string(),
                )
            })
        };
        let (mut copies, mut shows) = (0, 0);
        for line in fixtures.iter().chain(&lines).chain(&cuts) {
            for (hand, count) in [
                (console_copy(line), &mut copies),
                (log_show(line), &mut shows),
            ] {
                if let Some(hand) = hand {
                    *count += 1;
                    assert_eq!(show(Some(hand)), show(regex_header(line)), "{line:?}");
                }
            }
        }
        assert!(copies > 1000, "{copies}");
        // The fixture's eight `log show` lines are read by hand.
        let fixture_shows = fixtures.iter().filter(|l| log_show(l).is_some()).count();
        assert!(fixture_shows >= 8, "{fixture_shows}");
        assert!(shows > 1000, "{shows}");
    }

    #[test]
    fn records_glued_onto_one_line() {
        let line = "Could not retrieve issued certificate: NSError: Code : 22013 Type : MCFatalError error 09:12:44.118655-0500 profiled Cannot retrieve SCEP identity";
        let at = glued(line).unwrap();
        assert_eq!(&line[at..at + 6], "error ");
        let next = console_copy(&line[at..]).unwrap();
        assert_eq!(next.process, Some("profiled"));
        assert_eq!(next.message, "Cannot retrieve SCEP identity");
        // A time in a message is not a record, nor a type word glued to a word.
        for message in [
            "Retry after 10:00:00.5 default",
            "at 10:12:44.118655 -0500 profiled",
            "xerror 09:12:44.118655-0500 profiled Cannot",
            "error 09:12:44 -0500 profiled no fraction",
            "\u{e9}: 1:2",
        ] {
            assert_eq!(glued(message), None, "{message}");
        }
    }

    #[test]
    fn not_a_prefix() {
        for line in [
            "    Desc   : The Registration Authority’s response is invalid.",
            "\tDomain : MCSCEPErrorDomain",
            "2018-02-27T05:16:08.2500000    VERB    Event     x    1    2    There are 1 requests",
            "Debugging 18:30:53 is fun",
            "",
        ] {
            assert!(header(line).is_none(), "{line}");
        }
    }
}
