//! Which steps of the flow a card ticks, and how each is known (issue #15):
//! a step a source's line proves, or one only a later step implies. Runs
//! after the cross-source pass, whose store and CA lines prove steps of
//! the device's cards.

use crate::core::model::{Platform, Step, Verdict};
use crate::core::report::{Certificate, Proof, Report, StepMark};

/// Marks every card's ticked steps.
pub fn mark(report: &mut Report) {
    let platforms: Vec<Option<Platform>> = report.sources.iter().map(|s| s.platform).collect();
    for platform in &mut report.platforms {
        for card in &mut platform.certificates {
            card.steps = steps(card, &platforms);
        }
    }
}

/// The steps the card's kind goes through, up to its furthest stage, but
/// the step it failed at.
fn steps(card: &Certificate, platforms: &[Option<Platform>]) -> Vec<StepMark> {
    let reached = card.stage.map_or(0, |s| s.step().0);
    let failed = (card.verdict == Verdict::Failed)
        .then_some(card.failed_step)
        .flatten();
    card.kind
        .steps()
        .iter()
        .filter(|n| **n <= reached && failed != Some(Step(**n)))
        .map(|&n| StepMark {
            step: Step(n),
            proof: if proven(card, n, platforms) {
                Proof::Line
            } else {
                Proof::Implied
            },
        })
        .collect()
}

/// A line of the card at step `n`, or proving a stage of step `n`, that did
/// not fail proves it; steps 3 and 4
/// happen between NDES and the CA, so only those servers' lines prove them
/// (a device only hears the outcome).
fn proven(card: &Certificate, n: u8, platforms: &[Option<Platform>]) -> bool {
    card.timeline.iter().any(|t| {
        (t.step.0 == n || t.stage.is_some_and(|s| s.step().0 == n))
            && t.outcome != "failed"
            && (!matches!(n, 3 | 4)
                || matches!(
                    platforms.get(t.source).copied().flatten(),
                    Some(Platform::Ndes | Platform::Ca)
                ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Kind, Stage};
    use crate::core::report::TimelineEntry;

    fn line(step: u8, stage: Option<Stage>, source: usize) -> TimelineEntry {
        TimelineEntry {
            time: None,
            time_basis: None,
            stage,
            step: Step(step),
            outcome: "progress".to_string(),
            what: String::new(),
            what_code: String::new(),
            what_params: Default::default(),
            source,
            line: 1,
        }
    }

    fn card(kind: Kind, stage: Stage, timeline: Vec<TimelineEntry>) -> Certificate {
        Certificate {
            kind,
            id: String::new(),
            stage: Some(stage),
            verdict: Verdict::Delivered,
            failed_step: None,
            profile: Default::default(),
            timeline,
            findings: Vec::new(),
            server: None,
            steps: Vec::new(),
            omitted: Vec::new(),
            identity: Vec::new(),
        }
    }

    fn proofs(c: &Certificate, platforms: &[Option<Platform>]) -> Vec<(u8, Proof)> {
        steps(c, platforms)
            .iter()
            .map(|m| (m.step.0, m.proof))
            .collect()
    }

    #[test]
    fn a_device_certrep_implies_steps_3_and_4_a_ca_line_proves_4() {
        let device = [Some(Platform::Android), Some(Platform::Ca)];
        let c = card(
            Kind::Scep,
            Stage::Installed,
            vec![
                line(1, Some(Stage::ProfileReceived), 0),
                line(2, Some(Stage::CsrSent), 0),
                line(4, Some(Stage::Issued), 0),
                line(5, Some(Stage::Installed), 0),
            ],
        );
        use Proof::{Implied, Line};
        assert_eq!(
            proofs(&c, &device),
            vec![(1, Line), (2, Line), (3, Implied), (4, Implied), (5, Line)]
        );
        let mut joined = c.clone();
        joined.timeline.push(line(4, Some(Stage::Issued), 1));
        assert_eq!(proofs(&joined, &device)[3], (4, Line));
    }

    #[test]
    fn a_root_skips_ndes_and_the_ca() {
        let c = card(
            Kind::Root,
            Stage::Installed,
            vec![
                line(1, Some(Stage::ProfileReceived), 0),
                line(1, Some(Stage::Installed), 0),
            ],
        );
        let got: Vec<u8> = steps(&c, &[Some(Platform::Android)])
            .iter()
            .map(|m| m.step.0)
            .collect();
        assert_eq!(got, vec![1, 5]);
    }
}
