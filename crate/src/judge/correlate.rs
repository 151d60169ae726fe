//! Groups a platform's events per certificate: by normalized request id, by
//! root id, and — for lines that name no certificate — by the enrollment
//! running on the same process/thread (or the latest one in that source).

use std::collections::{BTreeSet, HashMap};

use crate::core::event::{Event, Outcome, RootRef, Subject, Thread};
use crate::core::model::{Kind, Stage};
use crate::core::request_id::RequestId;

/// All events about one certificate, in order.
pub struct Track {
    pub kind: Kind,
    pub key: TrackKey,
    pub events: Vec<Event>,
    /// Some event proved the certificate installed (kept as events arrive, so
    /// asking whether a story ended stays constant-time).
    installed: bool,
}

pub enum TrackKey {
    Request(RequestId),
    Root {
        profile: Option<String>,
        installer: Option<String>,
    },
    /// SCEP lines with no id and no enrollment line to bind to.
    Unidentified,
    /// A server's view of one client's SCEP requests ([`Subject::Client`]).
    Client(String),
    /// A request known by its source's own id (a CA's request id).
    Keyed(String),
}

impl Track {
    pub fn id(&self) -> String {
        match &self.key {
            TrackKey::Request(id) => crate::core::caps::text(&id.display()),
            TrackKey::Root { profile, installer } => profile
                .as_deref()
                .or(installer.as_deref())
                .map(crate::core::caps::text)
                .unwrap_or_default(),
            // No id to show: the renderers label it in the report's language.
            TrackKey::Unidentified => String::new(),
            TrackKey::Client(client) => crate::core::caps::text(client),
            TrackKey::Keyed(key) => crate::core::caps::text(key),
        }
    }

    fn push(&mut self, event: Event) {
        // The profile arriving again (Windows logs 306 for every attempt)
        // starts a new attempt at the same certificate: the id-less lines
        // that follow are that attempt's, not a new request's.
        if event.signal.stage == Some(Stage::ProfileReceived) {
            self.installed = false;
        }
        self.installed |= installs(&event);
        self.events.push(event);
    }
}

/// Certificates in order of first appearance, and the platform-wide events.
pub fn correlate(events: Vec<Event>) -> (Vec<Track>, Vec<Event>) {
    let mut tracks: Vec<Track> = Vec::new();
    let mut platform = Vec::new();
    let mut by_thread: HashMap<(usize, Thread), usize> = HashMap::new();
    let mut latest: HashMap<usize, usize> = HashMap::new();
    // Tracks by request hash, so a log with a million ids stays linear.
    let mut by_hash: HashMap<String, Vec<usize>> = HashMap::new();
    let mut roots = Roots::default();
    let mut clients: HashMap<String, usize> = HashMap::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for mut event in events {
        let index = match &event.subject {
            Subject::Platform => {
                platform.push(event);
                continue;
            }
            Subject::Evidence | Subject::Supporting => {
                let on_thread = event
                    .thread
                    .and_then(|t| by_thread.get(&(event.source, t)).copied());
                match on_thread.or_else(|| latest.get(&event.source).copied()) {
                    Some(index) => {
                        // Its finding speaks for lines no story took in.
                        if matches!(event.subject, Subject::Evidence) {
                            event.signal.finding = None;
                        }
                        index
                    }
                    None => {
                        platform.push(event);
                        continue;
                    }
                }
            }
            Subject::Request(id) => {
                let index = request_track(&mut tracks, &mut by_hash, id);
                if adopt_preceding(&mut tracks, latest.get(&event.source).copied(), index) {
                    latest.insert(event.source, index);
                }
                index
            }
            Subject::Enrollment(id) => {
                let index = request_track(&mut tracks, &mut by_hash, id);
                adopt_preceding(&mut tracks, latest.get(&event.source).copied(), index);
                if let Some(thread) = event.thread {
                    by_thread.insert((event.source, thread), index);
                }
                latest.insert(event.source, index);
                index
            }
            Subject::Root(root) => roots.track(&mut tracks, root),
            Subject::Client(client) => {
                let index = match clients.get(client) {
                    Some(&i) => i,
                    None => {
                        let key = TrackKey::Client(client.clone());
                        let i = push(&mut tracks, Kind::Scep, key);
                        clients.insert(client.clone(), i);
                        i
                    }
                };
                latest.insert(event.source, index);
                index
            }
            Subject::Keyed(key) => match by_key.get(key) {
                Some(&i) => i,
                None => {
                    let i = push(&mut tracks, Kind::Scep, TrackKey::Keyed(key.clone()));
                    by_key.insert(key.clone(), i);
                    i
                }
            },
            Subject::CurrentEnrollment => {
                let on_thread = event
                    .thread
                    .and_then(|t| by_thread.get(&(event.source, t)).copied());
                let bound = on_thread.or_else(|| latest.get(&event.source).copied());
                let fresh = event.signal.stage == Some(Stage::RequestStarted)
                    && bound.is_some_and(|i| tracks.get(i).is_some_and(ended));
                match bound {
                    Some(index) if !fresh => index,
                    _ => {
                        // A new exchange after a finished story is another
                        // request, until a line names it.
                        let index = if fresh {
                            if let Some(thread) = event.thread {
                                by_thread.remove(&(event.source, thread));
                            }
                            push(&mut tracks, Kind::Scep, TrackKey::Unidentified)
                        } else {
                            unidentified_track(&mut tracks)
                        };
                        latest.insert(event.source, index);
                        index
                    }
                }
            }
        };
        if let Some(track) = tracks.get_mut(index) {
            track.push(event);
        }
    }
    // A story whose every event moved to its request leaves nothing behind.
    tracks.retain(|t| !(matches!(t.key, TrackKey::Unidentified) && t.events.is_empty()));
    (tracks, platform)
}

/// Whether a story has ended: its last stage-proving or non-progress event
/// failed, or the certificate was installed.
fn ended(track: &Track) -> bool {
    let last = track
        .events
        .iter()
        .rev()
        .find(|e| e.signal.stage.is_some() || e.signal.outcome != Outcome::Progress);
    last.is_some_and(|e| e.signal.outcome == Outcome::Failed) || track.installed
}

fn installs(event: &Event) -> bool {
    event.signal.stage >= Some(Stage::Installed)
}

/// Id-less SCEP lines logged just before a line that names their request
/// (iOS asks for GetCACert a moment before it logs the payload dependency,
/// and a retry shows its id only when the profile installs) belong to that
/// request: an unidentified story that is still in progress when such a line
/// arrives in the same source moves into it.
fn adopt_preceding(tracks: &mut [Track], latest: Option<usize>, into: usize) -> bool {
    let Some(from) = latest.filter(|&i| i != into) else {
        return false;
    };
    let adoptable = tracks.get(from).is_some_and(|t| {
        matches!(t.key, TrackKey::Unidentified)
            && t.events
                .iter()
                .all(|e| e.signal.outcome == Outcome::Progress)
    });
    if !adoptable {
        return false;
    }
    let moved = tracks
        .get_mut(from)
        .map(|t| std::mem::take(&mut t.events))
        .unwrap_or_default();
    // The naming line is pushed after this, so appending keeps file order
    // even when the request already has events (an earlier attempt, another
    // source).
    if let Some(target) = tracks.get_mut(into) {
        target.installed |= moved.iter().any(installs);
        target.events.extend(moved);
    }
    true
}

/// The track of request `id`; ids with the same hash are compared in full
/// (redacted spellings match their complete form).
fn request_track(
    tracks: &mut Vec<Track>,
    by_hash: &mut HashMap<String, Vec<usize>>,
    id: &RequestId,
) -> usize {
    let candidates = by_hash.entry(id.hash().to_string()).or_default();
    for &i in candidates.iter() {
        if let Some(Track {
            key: TrackKey::Request(known),
            ..
        }) = tracks.get_mut(i)
        {
            if known.matches(id) {
                // Keep the most complete spelling of the id for display.
                if id.completeness() > known.completeness() {
                    *known = id.clone();
                }
                return i;
            }
        }
    }
    let i = push(tracks, Kind::Scep, TrackKey::Request(id.clone()));
    candidates.push(i);
    i
}

/// Root tracks by the ids that name them. The profile's node name and the
/// installer's id for a root are different strings; an installer id binds to
/// the first root that has none yet.
#[derive(Default)]
struct Roots {
    by_profile: HashMap<String, usize>,
    by_installer: HashMap<String, usize>,
    /// Roots with no installer id yet, in order of first appearance.
    without_installer: BTreeSet<usize>,
}

impl Roots {
    fn track(&mut self, tracks: &mut Vec<Track>, root: &RootRef) -> usize {
        match root {
            RootRef::Profile(id) => {
                if let Some(&i) = self.by_profile.get(id) {
                    return i;
                }
                let key = TrackKey::Root {
                    profile: Some(id.clone()),
                    installer: None,
                };
                let i = push(tracks, Kind::Root, key);
                self.by_profile.insert(id.clone(), i);
                self.without_installer.insert(i);
                i
            }
            RootRef::Installer(id) => {
                if let Some(&i) = self.by_installer.get(id) {
                    return i;
                }
                let i = match self.without_installer.pop_first() {
                    Some(i) => {
                        if let Some(TrackKey::Root { installer, .. }) =
                            tracks.get_mut(i).map(|t| &mut t.key)
                        {
                            *installer = Some(id.clone());
                        }
                        i
                    }
                    None => {
                        let key = TrackKey::Root {
                            profile: None,
                            installer: Some(id.clone()),
                        };
                        push(tracks, Kind::Root, key)
                    }
                };
                self.by_installer.insert(id.clone(), i);
                i
            }
        }
    }
}

fn unidentified_track(tracks: &mut Vec<Track>) -> usize {
    match tracks
        .iter()
        .position(|t| matches!(t.key, TrackKey::Unidentified))
    {
        Some(i) => i,
        None => push(tracks, Kind::Scep, TrackKey::Unidentified),
    }
}

fn push(tracks: &mut Vec<Track>, kind: Kind, key: TrackKey) -> usize {
    tracks.push(Track {
        kind,
        key,
        // Most certificates of a huge log have one or two events; a Vec's
        // first growth would reserve four.
        events: Vec::with_capacity(1),
        installed: false,
    });
    tracks.len() - 1
}
