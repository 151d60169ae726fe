//! The legacy connector's NDESPlugin.log stopping at `Sending request to
//! certificate registration point.` and the NDES server's CAPI2 log
//! showing an expired certificate (`0x800B0101`, "not within its validity
//! period") are one story (issue #16): the policy module calls the
//! registration point with an expired client authentication certificate
//! and never hears back (`scep-logs.md` §6.3, DOC MS-STEP34, MS-NOASSIGN).
//! NDESPlugin.log writes no times, so the key is the pair itself: a server
//! story whose last line is that call, in a report where the CAPI2 expiry
//! was read. The finding moves from the server's list to that story, which
//! then failed at step 3.

use crate::core::model::{Platform, Step, Verdict};
use crate::core::report::Report;

/// The CAPI2 expiry's finding (`ndes::event_text`).
const EXPIRED: &str = "ndes.client-cert-expired";
/// The policy module's call to the registration point (`ndes::legacy`).
const SENT: &str = "ndes.plugin-verify-sent";

pub fn join(report: &mut Report) {
    for platform in report
        .platforms
        .iter_mut()
        .filter(|p| p.platform == Platform::Ndes)
    {
        let Some(finding) = platform
            .findings
            .iter()
            .find(|f| f.code == EXPIRED)
            .cloned()
        else {
            continue;
        };
        let mut joined = false;
        for card in &mut platform.certificates {
            let stopped = card.timeline.last().is_some_and(|t| t.what_code == SENT);
            if stopped && card.verdict != Verdict::Failed {
                super::findings_first(card, std::slice::from_ref(&finding));
                card.verdict = Verdict::Failed;
                card.failed_step = Some(Step(3));
                joined = true;
            }
        }
        if joined {
            platform.findings.retain(|f| f.code != EXPIRED);
            platform.verdict = Verdict::Failed;
        }
    }
}
