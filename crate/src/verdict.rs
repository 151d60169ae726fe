//! The per-certificate state machine: furthest stage, verdict and failing step
//! from a certificate's events, then its findings, timeline and profile.

use crate::correlate::Track;
use crate::event::{Event, FindingRef, Outcome, TAG_GETCACERT_OK};
use crate::knowledge;
use crate::model::{Stage, Step, Verdict};
use crate::report::{Certificate, Evidence, Finding, TimelineEntry};

pub fn judge(track: &Track) -> Certificate {
    let events = &track.events;
    let stage = events.iter().filter_map(|e| e.signal.stage).max();
    // The story's current state is set by the last event that proves a stage
    // or is not plain progress (a retry after a failure moves it on again).
    let last = events
        .iter()
        .rposition(|e| e.signal.stage.is_some() || e.signal.outcome != Outcome::Progress);
    let last_event = last.and_then(|i| events.get(i));
    let verdict = match last_event.map(|e| e.signal.outcome) {
        Some(Outcome::Failed) => Verdict::Failed,
        Some(Outcome::Pending | Outcome::Waiting) => Verdict::Pending,
        _ if stage >= Some(Stage::Installed) => Verdict::Delivered,
        _ => Verdict::Incomplete,
    };
    let failed_step = (verdict == Verdict::Failed)
        .then(|| last_event.map(|e| e.signal.step))
        .flatten();

    let mut findings = Vec::new();
    for (i, event) in events.iter().enumerate() {
        if let Some(r) = &event.signal.finding {
            if !r.only_if_last || Some(i) == last {
                add_finding(&mut findings, r, event);
            }
        }
    }
    if verdict == Verdict::Incomplete {
        if let Some(event) = last_event {
            let r = if event.signal.tag == Some(TAG_GETCACERT_OK) {
                FindingRef::new("scep.getcacert-only")
            } else {
                let reached = stage.unwrap_or(Stage::ProfileReceived);
                FindingRef::new("scep.log-ends-mid-flow")
                    .param("stage", reached.as_str())
                    .param("next", next_step(reached))
            };
            add_finding(&mut findings, &r, event);
        }
    }

    let mut profile = std::collections::BTreeMap::new();
    for event in events {
        for (k, v) in &event.signal.profile {
            profile.insert(k.clone(), v.clone());
        }
    }

    Certificate {
        kind: track.kind,
        id: track.id(),
        stage,
        verdict,
        failed_step,
        profile,
        timeline: events.iter().map(timeline_entry).collect(),
        findings,
    }
}

/// Adds a finding, or the event's line to an equal one already found.
pub fn add_finding(findings: &mut Vec<Finding>, r: &FindingRef, event: &Event) {
    let evidence = Evidence {
        source: event.source,
        line: event.line,
    };
    let fresh = knowledge::finding(r, vec![evidence]);
    match findings
        .iter_mut()
        .find(|f| f.code == fresh.code && f.params == fresh.params)
    {
        Some(f) => {
            if !f.evidence.contains(&evidence) {
                f.evidence.push(evidence);
            }
        }
        None => findings.push(fresh),
    }
}

fn next_step(reached: Stage) -> &'static str {
    let next = match reached {
        Stage::ProfileReceived => Step(2),
        Stage::RequestStarted | Stage::CaContacted => Step(2),
        Stage::CsrSent => Step(3),
        _ => Step(5),
    };
    match next.0 {
        2 => "step 2, the device reaching NDES: check the IIS log on the NDES server",
        3 => "steps 3 and 4, the policy module and the CA: check the Intune Certificate Connector logs and the CA's issued and failed requests",
        _ => "step 5, the install on the device",
    }
}

fn timeline_entry(e: &Event) -> TimelineEntry {
    TimelineEntry {
        time: e.time.as_ref().map(|t| t.text.clone()),
        time_basis: e.time.as_ref().map(|t| t.basis),
        stage: e.signal.stage,
        step: e.signal.step,
        outcome: e.signal.outcome.as_str().to_string(),
        what: crate::signatures::lines::english_of(&e.signal.what),
        what_code: e.signal.what.code.to_string(),
        what_params: crate::signatures::lines::params_of(&e.signal.what),
        source: e.source,
        line: e.line,
    }
}
