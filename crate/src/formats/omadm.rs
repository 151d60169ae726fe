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

use std::sync::OnceLock;

use regex::Regex;

use super::{Format, Header};
use crate::event::Thread;
use crate::model::Platform;
use crate::signatures::android;
use crate::time::{parse_iso_local, LogTime};

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
    reader: None,
    rules: android::omadm_rules,
};

fn prefix() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^(?:Line \d+: )?(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?|<Date Time>|Time)[ \t]+([A-Z]{4,5})[ \t]+(?:Event[ \t]+)?([A-Za-z_$][\w$]*(?:\.[\w$]+)+)[ \t]+(\d+)[ \t]+(\d+)(?:[ \t]|$)",
        )
        .ok()
    })
    .as_ref()
}

fn header(line: &str) -> Option<Header<'_>> {
    // Cheap rejection before the regex: OMADM lines start with a digit or '<'/'T'/'L'.
    if !line.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '<' | 'T' | 'L')) {
        return None;
    }
    let caps = prefix()?.captures(line)?;
    let end = caps.get(0)?.end();
    let time = caps
        .get(1)
        .and_then(|m| parse_iso_local(m.as_str()))
        .map(LogTime::local);
    let thread = match (caps.get(4)?.as_str().parse(), caps.get(5)?.as_str().parse()) {
        (Ok(pid), Ok(tid)) => Some(Thread { pid, tid }),
        _ => None,
    };
    Some(Header {
        time,
        thread,
        process: None,
        message: line
            .get(end..)
            .unwrap_or("")
            .trim_start_matches([' ', '\t']),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
