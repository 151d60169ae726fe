//! The normalized event every parser produces: one recognized log line, what it
//! proves about which certificate, and where it was found.

use crate::core::model::{Stage, Step};
use crate::core::request_id::RequestId;
use crate::core::time::LogTime;

#[derive(Clone, Debug)]
pub struct Event {
    /// Index of the source (input file) in the report.
    pub source: usize,
    /// 1-based line number in that source.
    pub line: usize,
    pub time: Option<LogTime>,
    /// Process and thread that wrote the line, when the format says.
    pub thread: Option<Thread>,
    pub subject: Subject,
    pub signal: Signal,
}

/// Process id and thread id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Thread {
    pub pid: u32,
    pub tid: u32,
}

/// Which certificate an event is about.
#[derive(Clone, Debug)]
pub enum Subject {
    /// A SCEP certificate named by its Intune request id.
    Request(RequestId),
    /// A SCEP request whose line names it by this request id *and* starts its
    /// enrollment: lines without an id on the same thread belong to it.
    Enrollment(RequestId),
    /// A trusted root certificate by the id the log gives it.
    Root(RootRef),
    /// A request known by its source's own id (a CA's request id).
    Keyed(String),
    /// A line that names no certificate (SCEP transport): it belongs to the
    /// enrollment running on the same thread, or the latest one.
    CurrentEnrollment,
    /// Evidence shown beside a story (an unrecognized line): it joins the
    /// enrollment running on the same thread, or the latest one, without its
    /// finding; with no enrollment to join it is platform evidence. It never
    /// starts a certificate of its own.
    Evidence,
    /// Evidence that keeps its finding (a CAPI2 chain error): it joins the
    /// enrollment running on the same thread, or the latest one; with no
    /// enrollment to join it is about the platform. It never starts a
    /// certificate of its own (certificate chains are built for any program).
    Supporting,
    /// A SCEP exchange seen from the server (an IIS log), named by the
    /// client that made it (its address and user agent): one story per
    /// client, across files. Lines of the server's own helpers (the legacy
    /// connector's VerifyRequest) join the latest client as `Supporting`.
    Client(String),
    /// About the platform as a whole, not one certificate.
    Platform,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RootRef {
    /// The node name in the profile (`CertificateStore/Root/<id>`).
    Profile(String),
    /// The id the device's install state machine uses.
    Installer(String),
}

/// How an event moves its certificate along.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Progress,
    Failed,
    /// Waiting on the CA (PENDING).
    Pending,
    /// Waiting on the user (a notification to accept).
    Waiting,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Progress => "progress",
            Outcome::Failed => "failed",
            Outcome::Pending => "pending",
            Outcome::Waiting => "waiting",
        }
    }
}

/// What a line proves.
#[derive(Clone, Debug)]
pub struct Signal {
    /// The stage this line proves was reached, if any.
    pub stage: Option<Stage>,
    pub step: Step,
    pub outcome: Outcome,
    /// One line for the timeline: a code of the line tables and its values.
    pub what: What,
    pub finding: Option<FindingRef>,
    /// Profile settings this line reveals (NDES URL, template…).
    pub profile: Vec<(String, String)>,
    /// Names a protocol moment that patterns over a whole story look for
    /// (e.g. [`TAG_GETCACERT_OK`]).
    pub tag: Option<&'static str>,
}

/// NDES answered GetCACert with 200: the CA certificate reached the device.
pub const TAG_GETCACERT_OK: &str = "getcacert-ok";

/// The CA's records say it issued the certificate.
pub const TAG_CA_ISSUED: &str = "ca-issued";

impl Signal {
    pub fn new(stage: Option<Stage>, step: u8, outcome: Outcome, what: impl Into<What>) -> Signal {
        Signal {
            stage,
            step: Step(step),
            outcome,
            what: what.into(),
            finding: None,
            profile: Vec::new(),
            tag: None,
        }
    }

    /// A stage reached with nothing wrong.
    pub fn reached(stage: Stage, what: impl Into<What>) -> Signal {
        Signal::new(Some(stage), stage.step().0, Outcome::Progress, what)
    }

    pub fn tagged(mut self, tag: &'static str) -> Signal {
        self.tag = Some(tag);
        self
    }

    pub fn with_finding(mut self, finding: FindingRef) -> Signal {
        self.finding = Some(finding);
        self
    }
}

/// A timeline line: a code of the line tables
/// ([`crate::platforms::lines`]) with the values its texts need. Values
/// are log values, kept as written; a value that is itself a line code
/// (a `{#name}` placeholder) is rendered in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct What {
    pub code: &'static str,
    pub params: Vec<(&'static str, String)>,
}

impl What {
    pub fn new(code: &'static str) -> What {
        What {
            code,
            params: Vec::new(),
        }
    }

    pub fn param(mut self, name: &'static str, value: impl Into<String>) -> What {
        self.params.push((name, value.into()));
        self
    }
}

impl From<&'static str> for What {
    fn from(code: &'static str) -> What {
        What::new(code)
    }
}

/// A knowledge-table code with the values its texts need.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FindingRef {
    pub code: &'static str,
    pub params: Vec<(&'static str, String)>,
    /// Only a finding when the certificate's story ends at this event (a
    /// notification the user never accepted, a request the CA never decided).
    pub only_if_last: bool,
}

impl FindingRef {
    pub fn new(code: &'static str) -> FindingRef {
        FindingRef {
            code,
            params: Vec::new(),
            only_if_last: false,
        }
    }

    pub fn param(mut self, name: &'static str, value: impl Into<String>) -> FindingRef {
        self.params.push((name, value.into()));
        self
    }

    pub fn if_last(mut self) -> FindingRef {
        self.only_if_last = true;
        self
    }
}
