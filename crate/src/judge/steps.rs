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
