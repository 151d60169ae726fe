//! Android Company Portal `OMADM.log`. Two published column layouts:
//!
//! ```text
//! A: <time>  <level>  Event  <java class>  <pid>  <tid>  <message>
//! B: <time>  <level>  <java class>  <pid>  <tid(zero-padded)>  <message>
//! ```
//!
//! Columns are separated by runs of spaces or tabs; the time is local with
//! seven fraction digits and no zone. Documentation copies replace the time
//! with `Time` or `<Date Time>`; those lines are read too, without a time.

use crate::core::event::Thread;
use crate::core::model::Platform;
use crate::core::time::{parse_iso_local, LogTime};
use crate::parse::format::{Format, Header};
use crate::platforms::android::rules as android;

pub const FORMAT: Format = Format {
    id: "android-omadm",
    platform: Platform::Android,
    title: "Android Company Portal OMADM log",
    samples: &[
        // Variant A (SCEP troubleshooting articles).
        "2018-02-27T05:16:08.2500000    VERB    Event     com.microsoft.omadm.platforms.android.certmgr.CertificateEnrollmentManager    18327       10    There are 1 requests",
        "2018-02-27T04:53:32.0390000    INFO    Event     com.microsoft.omadm.platforms.android.certmgr.state.NativeRootCertInstallStateMachine     9595       14    Root cert '17…' state changed from CERT_INSTALLING to CERT_INSTALL_SUCCESS",
        // Variant B (Wi-Fi/VPN articles): no Event column, zero-padded thread.
        "2019-08-01T19:22:47.1110000    INFO    com.microsoft.omadm.utils.CertificateSelector    15118    04142    Selected client cert with alias 'User<ID>' and requestId 'ModelName=<ModelName>%2FLogicalName_<LogicalName>;Hash=-912418295'.",
        "2019-08-01T19:22:46.8209999    VERB    com.microsoft.omadm.platforms.android.wifimgr.WifiProfile    15118    04142    Completed parsing Wifi Profile XML with name '<profile ID>'.",
        // Tab-separated, as the file is written on the device.
        "2018-02-27T05:16:20.6530000\tVERB\tEvent\torg.jscep.transport.UrlConnectionGetTransport\t18327\t10\tReceived '200 OK' when sending GetCACert(ca) to https://ndes.contoso.com/certsrv/mscep/mscep.dll?operation=GetCACert&message=ca",
        // A line pasted without its columns.
        "Trying to enroll certificate request: ModelName=AC_51bad41f-3854-4eb5-a2f2-0f7a94034ee8%2FLogicalName_39907e78_e61b_4730_b9fa_d44a53e4111c;Hash=1677525787",
    ],
    header: Some(header),
    marks: None,
    glued: Some(glued),
    split: None,
    rules: android::omadm_rules,
    stream: None,
};

/// Where the next OMADM record starts inside a message, when a paste lost
/// the line breaks of the log: a blank, then a whole prefix whose time is
/// the log's own `YYYY-MM-DDTHH:MM:SS.fffffff`, found from its first colon.
fn glued(message: &str) -> Option<usize> {
    let b = message.as_bytes();
    memchr::memchr_iter(b':', b)
        .filter_map(|colon| colon.checked_sub(13))
        .find(|&start| {
            // `YYYY-MM-DDTHH` before the colon.
            let shape = b.get(start..start + 13).is_some_and(|d| {
                d.iter().enumerate().all(|(i, c)| match i {
                    4 | 7 => *c == b'-',
                    10 => *c == b'T',
                    _ => c.is_ascii_digit(),
                })
            });
            shape
                && start > 0
                && b.get(start - 1).copied().is_some_and(is_blank)
                && message
                    .get(start..)
                    .and_then(header)
                    .is_some_and(|h| h.time.is_some())
        })
}

/// Reads the prefix columns by hand (no regex): this runs on every line.
fn header(line: &str) -> Option<Header<'_>> {
    let rest = line.strip_prefix("Line ").map_or(Some(line), |r| {
        let (n, r) = r.split_once(": ")?;
        n.bytes().all(|c| c.is_ascii_digit()).then_some(r)
    })?;
    let mut cols = Columns(rest);
    let stamp = cols.next()?;
    let time = if stamp == "<Date" {
        // Documentation placeholder `<Date Time>`.
        (cols.next()? == "Time>").then_some(None)?
    } else if stamp == "Time" {
        None
    } else {
        Some(LogTime::local(parse_iso_local(stamp)?))
    };
    let level = cols.next()?;
    if !(4..=5).contains(&level.len()) || !level.bytes().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let mut class = cols.next()?;
    if class == "Event" {
        class = cols.next()?;
    }
    if !is_java_class(class) {
        return None;
    }
    let pid = cols.next()?.parse().ok()?;
    let tid_text = skip_blanks(cols.0);
    let digits = tid_text.bytes().take_while(u8::is_ascii_digit).count();
    let tid = tid_text.get(..digits)?.parse().ok()?;
    let message = tid_text.get(digits..)?;
    // The thread id must end its column (a space, a tab or the line's end).
    if !(message.is_empty() || message.bytes().next().is_some_and(is_blank)) {
        return None;
    }
    Some(Header {
        time,
        thread: Some(Thread { pid, tid }),
        process: None,
        message: skip_blanks(message),
    })
}

/// Columns separated by runs of spaces or tabs.
struct Columns<'a>(&'a str);

impl<'a> Columns<'a> {
    fn next(&mut self) -> Option<&'a str> {
        let s = skip_blanks(self.0);
        let end = s.bytes().position(is_blank).unwrap_or(s.len());
        let (col, rest) = s.split_at(end);
        self.0 = rest;
        (!col.is_empty()).then_some(col)
    }
}

fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// Drops leading spaces and tabs (bytewise: ASCII blanks never split a char).
fn skip_blanks(s: &str) -> &str {
    let n = s.bytes().take_while(|&b| is_blank(b)).count();
    s.get(n..).unwrap_or("")
}

/// `com.microsoft.omadm.Services`, `org.jscep.transport.UrlConnectionGetTransport`…
fn is_java_class(s: &str) -> bool {
    s.contains('.')
        && s.split('.').all(|part| {
            part.chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_glued_onto_one_line() {
        let line = "There are 1 requests 2018-02-27T04:50:45.0370000 VERB Event com.microsoft.omadm.platforms.android.certmgr.CertificateEnrollmentManager 18327 10 Trying to enroll";
        let at = glued(line).unwrap();
        let next = header(&line[at..]).unwrap();
        assert_eq!(next.message.trim(), "Trying to enroll");
        for message in [
            "valid until 2018-02-27T04:50:45.0370000",
            "x2018-02-27T04:50:45.0370000 VERB Event a.b.C 1 2 m",
            "2018-02-27T04:50:45 is not a record",
        ] {
            assert_eq!(glued(message), None, "{message}");
        }
    }

    #[test]
    fn both_variants_give_time_thread_and_message() {
        let a = header(FORMAT.samples[0]).unwrap();
        assert_eq!(a.time.unwrap().text, "2018-02-27T05:16:08.250");
        assert_eq!(
            a.thread,
            Some(Thread {
                pid: 18327,
                tid: 10
            })
        );
        assert_eq!(a.message, "There are 1 requests");
        let b = header(FORMAT.samples[2]).unwrap();
        assert_eq!(
            b.thread,
            Some(Thread {
                pid: 15118,
                tid: 4142
            })
        );
        assert!(b.message.starts_with("Selected client cert"));
    }

    #[test]
    fn single_space_before_message_and_placeholder_time() {
        let h = header("2018-02-27T05:16:21.8220000  VERB  Event  org.jscep.message.PkiMessageEncoder  18327     10 Encoding message: x").unwrap();
        assert_eq!(h.message, "Encoding message: x");
        let h = header("<Date Time>    INFO    com.microsoft.omadm.platforms.android.vpn.client.IntentVpnProfileProvisionStateMachine    14210    00948    Waiting for required certificates for vpn profile 'androidVPN'.").unwrap();
        assert!(h.time.is_none());
        assert!(h.message.starts_with("Waiting"));
    }

    #[test]
    fn not_a_prefix() {
        assert!(header("Trying to enroll certificate request: x").is_none());
        assert!(header("2018-02-27 05:16:08 GET /certsrv/mscep/mscep.dll").is_none());
        assert!(header("").is_none());
    }
}
