//! The per-certificate state machine: furthest stage, verdict and failing step
//! from a certificate's events, then its findings, timeline and profile.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::core::caps::{self, Omitted};
use crate::core::event::{Event, FindingRef, Outcome, TAG_CA_ISSUED, TAG_GETCACERT_OK};
use crate::core::lang::Lang;
use crate::core::model::{Kind, Server, Stage, Step, Verdict};
use crate::core::report::{Certificate, Evidence, Finding, TimelineEntry};
use crate::judge::correlate::Track;
use crate::platforms::findings;
use crate::platforms::lines;
use crate::platforms::scep::rules as scep;

/// Where a story stands: what the state machine decides before any text is
/// written (cheap, so every certificate of a huge log can be weighed).
struct State {
    stage: Option<Stage>,
    verdict: Verdict,
    failed_step: Option<Step>,
    /// Index of the event that set the current state.
    last: Option<usize>,
}

fn state(track: &Track) -> State {
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
    State {
        stage,
        verdict,
        failed_step,
        last,
    }
}

/// A platform's certificates, judged.
pub struct Judged {
    /// At most [`caps::MAX_CERTIFICATES`], the most urgent first chosen; roots
    /// first, each kind in order of first appearance.
    pub certificates: Vec<Certificate>,
    /// The worst verdict over every certificate, listed or not.
    pub verdict: Option<Verdict>,
    /// How many certificates are not listed.
    pub omitted: Omitted,
}

pub fn judge_all(tracks: &[Track]) -> Judged {
    let mut weighed: Vec<(usize, &Track, State)> = tracks
        .iter()
        .enumerate()
        .map(|(i, t)| (i, t, state(t)))
        .collect();
    let verdict = weighed
        .iter()
        .map(|(_, _, s)| s.verdict)
        .max_by_key(|v| v.urgency());
    let mut omitted = Omitted::default();
    if weighed.len() > caps::MAX_CERTIFICATES {
        weighed.sort_by_key(|(i, _, s)| (std::cmp::Reverse(s.verdict.urgency()), *i));
        let left_out = weighed.len() - caps::MAX_CERTIFICATES;
        omitted.add(
            caps::OMITTED_CERTIFICATES,
            caps::MAX_CERTIFICATES,
            left_out as u64,
        );
        weighed.truncate(caps::MAX_CERTIFICATES);
    }
    weighed.sort_by_key(|(i, t, _)| (t.kind, *i));
    Judged {
        certificates: weighed.iter().map(|(_, t, s)| certificate(t, s)).collect(),
        verdict,
        omitted,
    }
}

pub fn judge(track: &Track) -> Certificate {
    certificate(track, &state(track))
}

fn certificate(track: &Track, state: &State) -> Certificate {
    let events = &track.events;
    let mut omitted = Omitted::default();
    let mut findings = Findings::default();
    for (i, event) in events.iter().enumerate() {
        if let Some(r) = &event.signal.finding {
            if !r.only_if_last || Some(i) == state.last {
                findings.add(r, event);
            }
        }
    }
    if state.verdict == Verdict::Incomplete {
        if let Some(event) = state.last.and_then(|i| events.get(i)) {
            let r = if event.signal.tag == Some(TAG_GETCACERT_OK) {
                FindingRef::new("scep.getcacert-only")
            } else if event.signal.tag == Some(TAG_CA_ISSUED) {
                FindingRef::new("ca.issued-only")
            } else {
                let reached = state.stage.unwrap_or(Stage::ProfileReceived);
                FindingRef::new("scep.log-ends-mid-flow")
                    .param("stage", reached.as_str())
                    .param("next", next_step(track.kind, reached))
            };
            findings.add(&r, event);
        }
    }

    let mut profile = BTreeMap::new();
    let mut left_out = HashSet::new();
    for event in events {
        for (k, v) in &event.signal.profile {
            let k = caps::text(k);
            if profile.len() < caps::MAX_PROFILE || profile.contains_key(&k) {
                profile.insert(k, caps::text(v));
            } else {
                left_out.insert(k);
            }
        }
    }
    omitted.add(
        caps::OMITTED_PROFILE,
        caps::MAX_PROFILE,
        left_out.len() as u64,
    );

    // A runaway story keeps its beginning and its end, where the verdict is.
    let half = caps::MAX_TIMELINE / 2;
    let cut = events.len().saturating_sub(caps::MAX_TIMELINE);
    let mut timeline: Vec<TimelineEntry> = if cut > 0 {
        let (head, tail) = events.split_at(half);
        head.iter()
            .chain(tail.iter().skip(cut))
            .map(timeline_entry)
            .collect()
    } else {
        events.iter().map(timeline_entry).collect()
    };
    omitted.add(caps::OMITTED_TIMELINE, caps::MAX_TIMELINE, cut as u64);

    let mut findings = findings.finish(&mut omitted);
    let server = match server_of(events) {
        scep::ServerKind::Ndes => Some(Server::Ndes),
        scep::ServerKind::Generic => Some(Server::Generic),
        scep::ServerKind::Unknown => None,
    };
    if server == Some(Server::Generic) {
        mark_generic(&mut timeline, &mut findings);
    }
    Certificate {
        kind: track.kind,
        id: track.id(),
        stage: state.stage,
        verdict: state.verdict,
        failed_step: state.failed_step,
        profile,
        timeline,
        findings,
        server,
        // Marked once every source is joined (`judge::steps`).
        steps: Vec::new(),
        omitted: omitted.notes(),
        // Gathered once every source is joined (`judge::identity`).
        identity: Vec::new(),
    }
}

/// The findings of a certificate or platform as events raise them: an equal
/// finding (same code and params) gathers the events' lines as evidence.
/// Bounded by [`caps::MAX_FINDINGS`] and [`caps::MAX_EVIDENCE`]; linear in the
/// events however many there are.
#[derive(Default)]
pub struct Findings {
    list: Vec<Finding>,
    index: HashMap<(&'static str, BTreeMap<String, String>), usize>,
    seen: HashSet<(usize, Evidence)>,
    left_out: HashSet<(&'static str, BTreeMap<String, String>)>,
    evidence_left_out: u64,
}

impl Findings {
    /// Adds a finding, or the event's line to an equal one already found.
    pub fn add(&mut self, r: &FindingRef, event: &Event) {
        let evidence = Evidence {
            source: event.source,
            line: event.line,
        };
        let key = (r.code, findings::params(r));
        let Some(&i) = self.index.get(&key) else {
            if self.list.len() < caps::MAX_FINDINGS {
                self.index.insert(key, self.list.len());
                self.seen.insert((self.list.len(), evidence));
                self.list.push(findings::finding(r, vec![evidence]));
            } else {
                self.left_out.insert(key);
            }
            return;
        };
        if !self.seen.insert((i, evidence)) {
            return;
        }
        match self.list.get_mut(i) {
            Some(f) if f.evidence.len() < caps::MAX_EVIDENCE => f.evidence.push(evidence),
            _ => self.evidence_left_out += 1,
        }
    }

    /// The findings; what they leave out is added to `omitted`.
    pub fn finish(self, omitted: &mut Omitted) -> Vec<Finding> {
        omitted.add(
            caps::OMITTED_FINDINGS,
            caps::MAX_FINDINGS,
            self.left_out.len() as u64,
        );
        omitted.add(
            caps::OMITTED_EVIDENCE,
            caps::MAX_EVIDENCE,
            self.evidence_left_out,
        );
        self.list
    }
}

/// The kind of SCEP server a story talks to, decided once from the first
/// SCEP URL its events name (a request's `url` or the profile's
/// `ndes_url`): every line and finding of the story then speaks of that
/// server alike, whichever line carried the URL.
fn server_of(events: &[Event]) -> scep::ServerKind {
    let urls = events.iter().flat_map(|e| {
        let what = (e.signal.what.params.iter())
            .filter(|(k, _)| *k == "url")
            .map(|(_, v)| v.as_str());
        let profile = (e.signal.profile.iter())
            .filter(|(k, _)| k == "ndes_url")
            .map(|(_, v)| v.as_str());
        what.chain(profile)
    });
    urls.flat_map(str::split_whitespace)
        .map(scep::server_kind)
        .find(|k| *k != scep::ServerKind::Unknown)
        .unwrap_or(scep::ServerKind::Unknown)
}

/// Marks a generic-server story: its lines and findings render the
/// generic wording ([`crate::platforms::scep::generic`]).
fn mark_generic(timeline: &mut [TimelineEntry], findings: &mut [Finding]) {
    let mark = |params: &mut BTreeMap<String, String>| {
        params.insert(scep::SERVER_PARAM.into(), scep::SERVER_GENERIC.into());
    };
    for entry in timeline {
        if lines::generic_text(Lang::En, &entry.what_code).is_some()
            || (entry.what_params.values()).any(|v| lines::generic_text(Lang::En, v).is_some())
        {
            mark(&mut entry.what_params);
        }
    }
    for f in findings {
        if findings::generic_texts(Lang::En, &f.code).is_some() {
            mark(&mut f.params);
        }
    }
}

fn next_step(kind: Kind, reached: Stage) -> &'static str {
    // A root goes from its profile straight to the install.
    if kind == Kind::Root {
        return scep::NEXT_STEP_5;
    }
    let next = match reached {
        Stage::ProfileReceived => Step(2),
        Stage::RequestStarted | Stage::CaContacted => Step(2),
        Stage::CsrSent => Step(3),
        _ => Step(5),
    };
    match next.0 {
        2 => scep::NEXT_STEP_2,
        3 => scep::NEXT_STEPS_3_4,
        _ => scep::NEXT_STEP_5,
    }
}

fn timeline_entry(e: &Event) -> TimelineEntry {
    let code = e.signal.what.code;
    let what_params = lines::params_of(&e.signal.what);
    TimelineEntry {
        time: e.time.as_ref().map(|t| t.text.clone()),
        time_basis: e.time.as_ref().map(|t| t.basis),
        stage: e.signal.stage,
        step: e.signal.step,
        outcome: e.signal.outcome.as_str().to_string(),
        // The code until the text is rendered, at the end, in the report's language.
        what: caps::text(code),
        what_code: code.to_string(),
        what_params,
        source: e.source,
        line: e.line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::event::{Signal, Subject};
    use crate::core::request_id::RequestId;
    use crate::judge::correlate::correlate;

    fn event(line: usize, hash: usize, signal: Signal) -> Event {
        let id = format!("ModelName=AC_51bad41f/LogicalName_39907e78;Hash={hash}");
        Event {
            source: 0,
            line,
            time: None,
            thread: None,
            subject: Subject::Request(RequestId::find(&id).unwrap()),
            signal,
        }
    }

    #[test]
    fn profile_settings_are_capped() {
        let mut signal = Signal::reached(Stage::ProfileReceived, "profile received");
        signal.profile = (0..caps::MAX_PROFILE + 7)
            .map(|i| (format!("Node{i}"), "x".repeat(caps::MAX_TEXT * 2)))
            .collect();
        let (tracks, _) = correlate(vec![event(1, 1, signal)]);
        let c = judge(&tracks[0]);
        assert_eq!(c.profile.len(), caps::MAX_PROFILE);
        assert!(c
            .profile
            .values()
            .all(|v| v.chars().count() == caps::MAX_TEXT + 1));
        assert_eq!(c.omitted.len(), 1);
        assert_eq!(c.omitted[0].code, caps::OMITTED_PROFILE);
        assert_eq!(c.omitted[0].count, Some(7));
    }

    #[test]
    fn the_most_urgent_certificates_are_kept_in_their_order() {
        let failed = caps::MAX_CERTIFICATES + 5;
        let events = (0..caps::MAX_CERTIFICATES + 10)
            .map(|i| {
                let signal = if i == failed {
                    Signal::new(None, 3, Outcome::Failed, "rejected")
                } else {
                    Signal::reached(Stage::Installed, "installed")
                };
                event(i + 1, i, signal)
            })
            .collect();
        let (tracks, _) = correlate(events);
        let judged = judge_all(&tracks);
        assert_eq!(judged.verdict, Some(Verdict::Failed));
        let certs = &judged.certificates;
        assert_eq!(certs.len(), caps::MAX_CERTIFICATES);
        assert!(certs[0].id.ends_with("Hash=0"));
        let last = certs.last().unwrap();
        assert_eq!(last.verdict, Verdict::Failed);
        assert!(last.id.ends_with(&format!("Hash={failed}")));
        let notes = judged.omitted.notes();
        assert_eq!(notes[0].code, caps::OMITTED_CERTIFICATES);
        assert_eq!(notes[0].count, Some(10));
    }
}
