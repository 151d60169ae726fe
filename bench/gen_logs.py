#!/usr/bin/env python3
"""Writes big, realistic SCEP device logs for scripts/bench.sh (deterministic:
a fixed seed, so every run writes the same bytes).

For each platform and size it writes OUT/<platform>-<size>.<ext>:

- android: Company Portal OMADM.log (tab-free, space-padded columns, the
  layout with the `Event` column), noise from a sync loop (Wi-Fi profile,
  policy, SyncML status lines, long SyncML XML), the SCEP story of
  tests/fixtures/android/full-success.log re-timed and buried in it;
- ios: a Mac Console copy (`type  time offset  process  message`), noise
  from the other processes of tests/fixtures/ios/success-buried-in-20k-lines-
  of-noise.log, the story of root-and-scep-installed.log buried in it;
- ios-seed: a Console copy in the seed article's shape as TextEdit saves it
  (`Debug 18:30:53.691033 -0500 profiled …\`), noise from other processes,
  half of it about certificates, the story of success-style-a-textedit.log;
- windows: an Event Viewer list copy (CRLF, newest first, header line +
  message line), DMEDP noise events (MDM session, policy and certificate
  nodes), the story of success-list-copy.txt;

the other export shapes (each its fixture's shape, its story re-timed, noise
of the same shape, half of it about certificates):

- ios-logshow: `log show` default style (log-show-logarchive.log), header
  line first, statistics last; trustd/securityd/nsurlsessiond noise;
- ios-json, ios-ndjson: `log show --style json` (a pretty array, `\/`
  escapes) and `--style ndjson` (the count trailer), the events of
  log-show-json-get-pkioperation.log and log-show-ndjson-22013.log (22013);
  noise events of the fixtures' other processes (SpringBoard, trustd,
  locationd) with other messages;
- windows-details: "Copy details as text" of many events
  (thumbprint-mismatch-32-307-details.txt: 307 + 32);
- windows-txt: "Save All Events As" text, UTF-16 LE (success-save-as-utf16le.txt);
- windows-csv: "Save All Events As" CSV of a German Windows (success-save-as-german.csv);
- windows-xml: Event XML, one `<Event>` a line (http-404-0x80190194-events.xml);
- windows-evtx: a binary DMEDP Admin `.evtx` (bench/evtx.py: the writer of
  tests/evtx_writer.rs over many chunks), the two stories of
  tests/dmedp_logs.rs in turn (delivered; 307 + 32 hash value);
- ndes-iis: the NDES server's IIS W3C log (daily `#Fields:` blocks, scanner
  noise, CRL/AIA downloads and web enrollment pages), the two devices of
  iis-two-devices-fields-change-mid-file.log.

- ca-csv: the CA console's Export List of Issued Certificates
  (issued-certificates-export-list.csv); ca-certutil: `certutil -view Log`
  (certutil-view-log-issued-and-revoked.txt). Every row is a CA request, so
  a story: the other templates' requests are the noise.

bench/check_shapes.py checks that each generated file reports its fixture's
certificates and verdicts.

The story is repeated every STORY_EVERY bytes (a device retries and
re-checks its certificates on every sync). Noise lines that contain a rule
needle (given with --needles, as printed by `cargo run --example needles`)
are refused, so grep/rg counts and the prefilter only see story lines.

usage: gen_logs.py OUT [--needles FILE] [--sizes 10,100] [--big]
"""

import argparse
import datetime as dt
import json
import os
import random
import re
import sys

sys.dont_write_bytecode = True  # bench/evtx.py is imported: no __pycache__ in bench/
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
FIX = os.path.join(ROOT, "tests", "fixtures")
MB = 1_000_000
STORY_EVERY = 5 * MB
SEED = 20261126


def read(path):
    with open(os.path.join(FIX, path), encoding="utf-8") as f:
        return f.read()


# ---------------------------------------------------------------- android

ANDROID_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}")

ANDROID_NOISE = [
    ("VERB", "com.microsoft.omadm.platforms.android.wifimgr.WifiProfile", "Completed parsing Wifi Profile XML with name 'Contoso-Corp'."),
    ("VERB", "com.microsoft.omadm.platforms.android.wifimgr.OneX", "Starting to parse OneX from Wifi XML."),
    ("VERB", "com.microsoft.omadm.platforms.android.wifimgr.OneX", "Completed parsing OneX from Wifi XML."),
    ("INFO", "com.microsoft.omadm.Services", "Successfully applied, enabled and saved wifi profile 'Contoso-Corp'"),
    ("VERB", "com.microsoft.omadm.platforms.android.certmgr.CertificateEnrollmentManager", "There are 0 requests"),
    ("INFO", "com.microsoft.omadm.OMADMClientService", "Starting OMADM session {n} with server https://i.manage.microsoft.com/devicegatewayproxy/AndroidHandler.ashx"),
    ("INFO", "com.microsoft.omadm.OMADMClientService", "OMADM session {n} completed with status 200"),
    ("VERB", "com.microsoft.omadm.syncml.SyncmlSession", "Processing {n} commands from server."),
    ("VERB", "com.microsoft.omadm.syncml.SyncmlSession", "Sending {n} status elements to server."),
    ("VERB", "com.microsoft.omadm.utils.NetworkState", "Network is connected: type WIFI, metered false"),
    ("VERB", "com.microsoft.omadm.platforms.android.policy.PasswordPolicyManager", "Password quality is {n}, minimum length 6, compliant true"),
    ("VERB", "com.microsoft.omadm.platforms.android.appmgr.AppManager", "Application com.microsoft.office.outlook is installed, version {n}"),
    ("INFO", "com.microsoft.omadm.platforms.android.EncryptionPolicyManager", "Storage encryption status is ACTIVE_PER_USER"),
    ("VERB", "com.microsoft.omadm.client.tasks.TaskScheduler", "Scheduling next check-in in 28800000 ms (job id {n})"),
    ("WARN", "com.microsoft.omadm.utils.Throttle", "Request throttled, retrying in {n} ms"),
    ("VERB", "com.microsoft.omadm.syncml.SyncmlSession",
     '<?xml version="1.0" encoding="utf-8"?><SyncML xmlns="SYNCML:SYNCML1.2"><SyncHdr><VerDTD>1.2</VerDTD>'
     "<VerProto>DM/1.2</VerProto><SessionID>{n}</SessionID><MsgID>2</MsgID><Target><LocURI>https://i.manage.microsoft.com/"
     "devicegatewayproxy/AndroidHandler.ashx</LocURI></Target><Source><LocURI>com.microsoft.omadm.android.6f0d1e2c</LocURI>"
     "</Source></SyncHdr><SyncBody><Status><CmdID>1</CmdID><MsgRef>1</MsgRef><CmdRef>0</CmdRef><Cmd>SyncHdr</Cmd><Data>200</Data>"
     "</Status><Status><CmdID>2</CmdID><MsgRef>1</MsgRef><CmdRef>3</CmdRef><Cmd>Replace</Cmd><Data>200</Data></Status>"
     "<Results><CmdID>3</CmdID><MsgRef>1</MsgRef><CmdRef>4</CmdRef><Item><Source><LocURI>./Vendor/MSFT/DeviceLock/"
     "MinimumPasswordLength</LocURI></Source><Meta><Format xmlns=\"syncml:metinf\">int</Format></Meta><Data>6</Data></Item>"
     "<Item><Source><LocURI>./Vendor/MSFT/DeviceInformation/OSVersion</LocURI></Source><Data>13</Data></Item></Results>"
     "<Final/></SyncBody></SyncML>"),
]


def android(story_lines, rng, clock):
    pids = [9595, 18327, 22104]
    while True:
        level, comp, msg = rng.choice(ANDROID_NOISE)
        clock[0] += dt.timedelta(microseconds=rng.randint(1000, 900000))
        yield android_line(clock[0], level, comp, rng.choice(pids), rng.randint(1, 40), msg.format(n=rng.randint(1, 99999)))


def android_line(t, level, comp, pid, tid, msg):
    return f"{t:%Y-%m-%dT%H:%M:%S}.{t.microsecond:06d}0    {level}    Event     {comp}    {pid:5d}    {tid:5d}    {msg}\n"


def android_story(lines, clock):
    out = []
    for line in lines:
        clock[0] += dt.timedelta(milliseconds=400)
        t = clock[0]
        out.append(ANDROID_TIME.sub(f"{t:%Y-%m-%dT%H:%M:%S}.{t.microsecond:06d}0", line) + "\n")
    return out


# ---------------------------------------------------------------- ios

IOS_LINE = re.compile(r"^(\w+)\s+\d\d:\d\d:\d\d\.\d{6} [-+]\d{4}\s+(\S+)\s+(.*)$")


def ios_pool(needles):
    pool = []
    for line in read("ios/success-buried-in-20k-lines-of-noise.log").splitlines():
        m = IOS_LINE.match(line)
        if m and not any(n in line for n in needles):
            pool.append(m.groups())
    return pool


def ios_line(t, kind, process, msg):
    return f"{kind:<11}{t:%H:%M:%S}.{t.microsecond:06d} -0500    {process}    {msg}\n"


def ios(pool, rng, clock):
    while True:
        kind, process, msg = rng.choice(pool)
        clock[0] += dt.timedelta(microseconds=rng.randint(100, 40000))
        yield ios_line(clock[0], kind, process, msg)


def ios_story(lines, clock):
    out = []
    for line in lines:
        m = IOS_LINE.match(line)
        clock[0] += dt.timedelta(milliseconds=300)
        out.append(ios_line(clock[0], *m.groups()) if m else line + "\n")
    return out


# ------------------------------------------------------- ios, seed shape

# The seed article's shape: a Console copy saved by TextEdit (capitalized
# type, single spaces, a trailing `\` on every line, `\'93`/`\'94` for
# curly quotes), noise from five other processes, half of it about
# certificates (trust evaluation, OCSP, keychain) in processes the fallback
# rule does not read.
IOS_SEED_NOISE = [
    ("Default", "locationd", "Location icon should now be in state 'Inactive'"),
    ("Debug", "locationd", "{{\"msg\":\"client authorization\", \"client\":\"com.apple.weather\", \"status\":{n}}}"),
    ("Debug", "mDNSResponder", "[R{n}] getaddrinfo start -- flags: 0xC000D000, ifindex: 0, protocols: 0, hostname: <mask.hash: 'Xw3+ab=='>"),
    ("Default", "mDNSResponder", "[R{n}] DNSServiceQueryRecord result -- event: add, ifindex: 14, name: ndes-contoso.msappproxy.net., type: A"),
    ("Default", "SpringBoard", "[com.apple.springboard] Front display did change: <SBApplication: 0x{h}; com.apple.Preferences>"),
    ("Default", "kernel", "AppleKeyStore: operation failed (pid: {n} sel: 7 ret: e00002c2 '-536870206'; 0,0)"),
    ("Debug", "trustd", "OCSP response cache hit for certificate {h}"),
    ("Debug", "trustd", "SecTrustEvaluateIfNecessary: certificate chain of 3 evaluated, leaf certificate {h} trusted"),
    ("Default", "trustd", "Certificate Transparency: certificate {h} has 2 SCTs, policy met"),
    ("Debug", "securityd", "SecItemCopyMatching: found certificate {h} in keychain access group com.apple.identities"),
    ("Default", "nsurlsessiond", "Task <{g}>.<1> TLS server certificate accepted for ndes-contoso.msappproxy.net:443"),
]


def ios_seed_line(t, kind, process, msg):
    return f"{kind} {t:%H:%M:%S}.{t.microsecond:06d} -0500 {process} {msg}\\ \n"


def ios_seed(rng, clock):
    while True:
        kind, process, msg = rng.choice(IOS_SEED_NOISE)
        clock[0] += dt.timedelta(microseconds=rng.randint(100, 40000))
        text = msg.format(n=rng.randint(1, 99999), h=f"{rng.getrandbits(64):016X}", g=guid(rng))
        yield ios_seed_line(clock[0], kind, process, text)


IOS_SEED_LINE = re.compile(r"^(\w+) \d\d:\d\d:\d\d\.\d{6} [-+]\d{4} (\S+) (.*?)\\ *$")


def ios_seed_story(lines, clock):
    out = []
    for line in lines:
        m = IOS_SEED_LINE.match(line)
        clock[0] += dt.timedelta(milliseconds=300)
        out.append(ios_seed_line(clock[0], *m.groups()) if m else line + "\n")
    return out


# ---------------------------------------------------------------- windows

WIN_NOISE = [
    ("Information", 813, "MDM PolicyManager: Set policy int, Policy: (DeviceLock/MinDevicePasswordLength), Area: (DeviceLock), EnrollmentID requesting merge: ({g}), Current User: (Device), Int: (0x{h}), Enrollment Type: (0x6), Scope: (0x0)."),
    ("Information", 814, "MDM PolicyManager: Set policy string, Policy: (Update/ActiveHoursStart), Area: (Update), EnrollmentID requesting merge: ({g}), Current User: (Device), String: ({n}), Enrollment Type: (0x6), Scope: (0x0)."),
    ("Information", 208, "MDM Session: OMA-DM session started for EnrollmentID ({g}) with server: (MS DM Server), Server version: (4.0), Client Version: (1.2), Origin: (0x7), Initiator: (0x0), Mode: (0x2), SessionID: (0x{h}), Authentication Type: (0x1)."),
    ("Information", 209, "MDM Session: OMA-DM session ended with status: (The operation completed successfully.)."),
    ("Information", 2545, "MDM Declared Configuration: Function (DeclaredConfigurationDocument::Apply) operation (Refresh) succeeded for document ({g}), result (0x0)."),
    ("Information", 1, "MDM Enroll: Provisioning Success, AAD join type: (1), MDM enrollment type: (6), Server version: (4.0)."),
    ("Warning", 1911, "MDM ConfigurationManager: Server sent a command that was not processed. Command: (Get), CSP URI: (./DevDetail/Ext/Microsoft/DNSComputerName), Result: (Not found)."),
    ("Information", 2800, "The NotifyPolicyChange API was called for Area: (Update), EnrollmentID requesting merge: ({g})."),
    # Certificate-heavy noise: other certificate nodes and policies.
    ("Information", 2010, "MDM ConfigurationManager: Command was received to Get: (./Vendor/MSFT/CertificateStore/My/User/{h})."),
    ("Information", 813, "MDM PolicyManager: Set policy int, Policy: (Wifi/AllowAutoConnectToWiFiSenseHotspots), Area: (Wifi), EnrollmentID requesting merge: ({g}), Current User: (Device), Int: (0x0), Enrollment Type: (0x6), Scope: (0x0). Certificate-based Wi-Fi profile unchanged."),
    ("Information", 2011, "MDM ConfigurationManager: Command was received to Get: (./Device/Vendor/MSFT/PassportForWork/{g}/Policies/UseCertificateForOnPremAuth)."),
]


def win_header(level, t, event_id):
    hour = t.hour % 12 or 12
    ampm = "AM" if t.hour < 12 else "PM"
    stamp = f"{t.month}/{t.day}/{t.year} {hour}:{t.minute:02d}:{t.second:02d} {ampm}"
    return f"{level}\t{stamp}\tDeviceManagement-Enterprise-Diagnostics-Provider\t{event_id}\tNone\r\n"


def guid(rng):
    h = f"{rng.getrandbits(128):032X}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def windows(rng, clock):
    # A list copy is newest first: the clock runs backwards.
    while True:
        level, event_id, msg = rng.choice(WIN_NOISE)
        clock[0] -= dt.timedelta(milliseconds=rng.randint(10, 5000))
        text = msg.format(g=guid(rng), h=f"{rng.getrandbits(16):X}", n=rng.randint(0, 23))
        yield win_header(level, clock[0], event_id) + text + "\r\n"


WIN_HEADER = re.compile(r"^(\w+)\t[^\t]+\t[^\t]+\t(\d+)\t")


def windows_story(lines, clock):
    out = []
    for line in lines:
        m = WIN_HEADER.match(line)
        if m:
            clock[0] -= dt.timedelta(seconds=1)
            out.append(win_header(m.group(1), clock[0], m.group(2)))
        else:
            out.append(line + "\r\n")
    return out


# ------------------------------------------------ other export shapes (#18)
#
# Each writes the shape of its fixture (the template): the fixture's story,
# re-timed by shifting every time stamp in it by one offset (its events keep
# their spacing), buried in noise events of the same shape, half of them
# about certificates (none with a rule needle in its message).

def retime(text, pattern, parse, fmt, target, newest_first=False):
    """Shifts every time in `text` (the regex's group 1) so the earliest (the
    latest when newest_first) lands on `target`; returns (text, span)."""
    times = [parse(m.group(1)) for m in pattern.finditer(text)]
    anchor = max(times) if newest_first else min(times)
    delta = target - anchor
    out = pattern.sub(lambda m: m.group(0).replace(m.group(1), fmt(parse(m.group(1)) + delta)), text)
    return out, max(times) - min(times)


def story_stepper(text, pattern, parse, fmt, clock, newest_first=False, gap=dt.timedelta(seconds=1)):
    """A story() for write(): the re-timed story at the clock, which then
    moves past it (backwards for a newest-first copy)."""
    def story():
        out, span = retime(text, pattern, parse, fmt, clock[0], newest_first)
        clock[0] += -(span + gap) if newest_first else span + gap
        return [out]
    return story


# iOS `log show` (default style, full date with offset), as the fixture
# log-show-logarchive.log: `2024-03-05 18:30:53.691033-0500 0x2a41f   Debug
# 0x0   150    0    profiled: …`, the header line first, the statistics last.
LOGSHOW_TIME = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6})-0500", re.M)
LOGSHOW_NOISE = [
    ("Default", 67, "SpringBoard", "Showing banner for com.microsoft.CompanyPortal"),
    ("Debug", 88, "locationd", "os_transaction created: (<private>) <private>"),
    ("Default", 88, "locationd", "Location icon should now be in state 'Inactive'"),
    ("Default", 54, "mDNSResponder", "[R{n}] DNSServiceQueryRecord result -- event: add, ifindex: 14, name: ndes-contoso.msappproxy.net., type: A"),
    ("Default", 0, "kernel", "AppleKeyStore: operation failed (pid: {n} sel: 7 ret: e00002c2 '-536870206'; 0,0)"),
    ("Info", 96, "trustd", "Certificate chain evaluation for login.microsoftonline.com took {d}ms"),
    ("Debug", 96, "trustd", "OCSP response cache hit for certificate {h}"),
    ("Default", 96, "trustd", "Certificate Transparency: certificate {h} has 2 SCTs, policy met"),
    ("Debug", 121, "securityd", "SecItemCopyMatching: found certificate {h} in keychain access group com.apple.identities"),
    ("Default", 212, "nsurlsessiond", "Task <{g}>.<1> TLS server certificate accepted for ndes-contoso.msappproxy.net:443"),
]


def logshow_line(t, thread, kind, pid, process, msg):
    return f"{t:%Y-%m-%d %H:%M:%S}.{t.microsecond:06d}-0500 0x{thread:<7x} {kind:<11} 0x0                  {pid:<6} 0    {process}: {msg}\n"


def logshow(rng, clock, counts):
    while True:
        kind, pid, process, msg = rng.choice(LOGSHOW_NOISE)
        clock[0] += dt.timedelta(microseconds=rng.randint(100, 40000))
        counts[kind] = counts.get(kind, 0) + 1
        text = msg.format(n=rng.randint(1, 99999), d=rng.randint(1, 40), h=f"{rng.getrandbits(64):016X}", g=guid(rng))
        yield logshow_line(clock[0], rng.randint(0x1000, 0x2fffff), kind, pid, process, text)


def logshow_story_text():
    lines = read("ios/log-show-logarchive.log").splitlines()
    return "".join(l + "\n" for l in lines if LOGSHOW_TIME.match(l))


def logshow_trailer(counts):
    c = lambda k: counts.get(k, 0)
    return ("-" * 116 + "\n"
            f"Log      - Default: {c('Default'):>10}, Info: {c('Info'):>16}, Debug: {c('Debug'):>13}, Error: {0:>10}, Fault: {0:>10}\n"
            f"Activity - Create:  {0:>10}, Transition: {0:>10}, Actions: {0:>11}\n")


# iOS `log show --style json` (a pretty array, `\/` escapes) and `--style
# ndjson` (one event a line, the `{"count":…,"finished":1}` trailer), as the
# fixtures log-show-json-get-pkioperation.log and log-show-ndjson-22013.log.
def json_events(path):
    text = read(path)
    if text.lstrip().startswith("["):
        return json.loads(text)
    events = []
    for line in text.splitlines():
        try:
            e = json.loads(line)
        except ValueError:
            continue  # the fixture's line cut short: no real export has one mid-file
        if "eventMessage" in e:
            events.append(e)
    return events


JSON_NOISE = [
    # (process as in the fixtures' noise events, message)
    ("SpringBoard", "Showing banner for com.microsoft.CompanyPortal"),
    ("locationd", "os_transaction created: (<private>) <private>"),
    ("locationd", "Location icon should now be in state 'Inactive'"),
    ("SpringBoard", "[com.apple.springboard] Front display did change: <SBApplication: 0x{h}; com.apple.Preferences>"),
    ("SpringBoard", "Lock screen presented for reason {n}"),
    ("trustd", "Certificate chain evaluation for login.microsoftonline.com took {d}ms"),
    ("trustd", "OCSP response cache hit for certificate {h}"),
    ("trustd", "SecTrustEvaluateIfNecessary: certificate chain of 3 evaluated, leaf certificate {h} trusted"),
    ("trustd", "Certificate Transparency: certificate {h} has 2 SCTs, policy met"),
    ("trustd", "Certificate {h} thumbprint cached for revocation check"),
]


def json_dump(event, pretty):
    if pretty:
        s = json.dumps(event, indent=2, separators=(",", " : "), ensure_ascii=False)
    else:
        s = json.dumps(event, separators=(",", ":"), ensure_ascii=False)
    return s.replace("/", "\\/")


LOGJSON_TIME = re.compile(r'"timestamp" ?: ?"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6})-0400"')


def logjson_time(t):
    return f"{t:%Y-%m-%d %H:%M:%S}.{t.microsecond:06d}"


def logjson(rng, clock, templates, pretty, sep):
    while True:
        process, msg = rng.choice(JSON_NOISE)
        clock[0] += dt.timedelta(microseconds=rng.randint(100, 40000))
        e = dict(templates[process])
        e["traceID"] = rng.getrandbits(52)
        e["eventMessage"] = msg.format(n=rng.randint(1, 99999), d=rng.randint(1, 40), h=f"{rng.getrandbits(64):016X}")
        e["threadID"] = rng.randint(1000, 2000000)
        e["timestamp"] = logjson_time(clock[0]) + "-0400"
        e["machTimestamp"] = rng.getrandbits(40)
        yield sep + json_dump(e, pretty) + ("" if pretty else "\n")


def logjson_setup(path, pretty, sep):
    events = json_events(path)
    templates = {e["processImagePath"].rsplit("/", 1)[-1]: e for e in events}
    story = "".join(sep + json_dump(e, pretty) + ("" if pretty else "\n") for e in events)
    return templates, story


# Windows Event Viewer "Copy details as text", several events (oldest first),
# as thumbprint-mismatch-32-307-details.txt; noise: the DMEDP events of WIN_NOISE.
WIN_DETAILS_TIME = re.compile(r"^Date:          (\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d\d:\d\d [AP]M)", re.M)


def win_us(t):
    hour = t.hour % 12 or 12
    return f"{t.month}/{t.day}/{t.year} {hour}:{t.minute:02d}:{t.second:02d} {'AM' if t.hour < 12 else 'PM'}"


def win_us_parse(s):
    return dt.datetime.strptime(s, "%m/%d/%Y %I:%M:%S %p")


def win_noise_event(rng):
    level, event_id, msg = rng.choice(WIN_NOISE)
    return level, event_id, msg.format(g=guid(rng), h=f"{rng.getrandbits(16):X}", n=rng.randint(0, 23))


def win_details(rng, clock):
    while True:
        level, event_id, text = win_noise_event(rng)
        clock[0] += dt.timedelta(milliseconds=rng.randint(10, 5000))
        yield ("Log Name:      Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider/Admin\r\n"
               "Source:        Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider\r\n"
               f"Date:          {win_us(clock[0])}\r\n"
               f"Event ID:      {event_id}\r\n"
               "Task Category: None\r\n"
               f"Level:         {level}\r\n"
               "Keywords:      \r\n"
               "User:          S-1-5-18\r\n"
               "Computer:      PC-0042.contoso.com\r\n"
               "Description:\r\n"
               f"{text}\r\n\r\n")


def win_details_story_text():
    text = read_raw("windows/thumbprint-mismatch-32-307-details.txt")
    return text if text.endswith("\r\n\r\n") else text.rstrip("\r\n") + "\r\n\r\n"


# Windows "Save All Events As" text (UTF-16 LE with BOM, tab-separated,
# newest first), as success-save-as-utf16le.txt.
WIN_TAB_TIME = re.compile(r"^\w+\t(\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d\d:\d\d [AP]M)\t", re.M)


def win_saveas_txt(rng, clock):
    while True:
        level, event_id, text = win_noise_event(rng)
        clock[0] -= dt.timedelta(milliseconds=rng.randint(10, 5000))
        yield f"{level}\t{win_us(clock[0])}\tMicrosoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider\t{event_id}\tNone\t{text}\r\n"


def win_saveas_txt_parts():
    text = read_raw("windows/success-save-as-utf16le.txt", "utf-16")
    header, _, body = text.partition("\r\n")
    return header + "\r\n", body


# Windows "Save All Events As" CSV, German Windows (UTF-8 with BOM, CRLF,
# newest first, `dd.MM.yyyy HH:mm:ss`), as success-save-as-german.csv.
WIN_CSV_TIME = re.compile(r"^\w+,(\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d),", re.M)
WIN_DE_LEVEL = {"Information": "Informationen", "Warning": "Warnung", "Error": "Fehler"}


def win_csv(rng, clock):
    while True:
        level, event_id, text = win_noise_event(rng)
        clock[0] -= dt.timedelta(milliseconds=rng.randint(10, 5000))
        text = text.replace('"', '""')
        yield f'{WIN_DE_LEVEL[level]},{clock[0]:%d.%m.%Y %H:%M:%S},Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider,{event_id},Keine,"{text}"\r\n'


def win_csv_parts():
    text = read_raw("windows/success-save-as-german.csv").lstrip("\ufeff")
    header, _, body = text.partition("\r\n")
    return header + "\r\n", body


# Windows Event XML (`<Events>`, one `<Event>` a line, oldest first, UTC), as
# http-404-0x80190194-events.xml; the noise events carry their message's
# inserts as DMEDP's `Message1…`/`HexInt1…` data, as the fixture's events do.
WIN_XML_TIME = re.compile(r"SystemTime='(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6})\dZ'")
WIN_XML_LEVEL = {"Information": 4, "Warning": 3, "Error": 2}
WIN_XML_RECORD = re.compile(r"<EventRecordID>\d+</EventRecordID>")


def xml_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;").replace('"', "&quot;")


def win_xml(rng, clock, record):
    while True:
        level, event_id, text = win_noise_event(rng)
        clock[0] += dt.timedelta(milliseconds=rng.randint(10, 5000))
        record[0] += 1
        data, m, h = [], 0, 0
        for value in re.findall(r"\(([^()]*)\)", text):
            if value.startswith("0x"):
                h += 1
                data.append(f"<Data Name='HexInt{h}'>{xml_escape(value)}</Data>")
            else:
                m += 1
                data.append(f"<Data Name='Message{m}'>{xml_escape(value)}</Data>")
        yield ("<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider' Guid='{3da494e4-0fe2-415c-b895-fb5265c5c83b}'/>"
               f"<EventID>{event_id}</EventID><Version>0</Version><Level>{WIN_XML_LEVEL[level]}</Level><Task>0</Task><Opcode>0</Opcode><Keywords>0x8000000000000000</Keywords>"
               f"<TimeCreated SystemTime='{clock[0]:%Y-%m-%dT%H:%M:%S}.{clock[0].microsecond:06d}{rng.randint(0, 9)}Z'/><EventRecordID>{record[0]}</EventRecordID><Correlation/>"
               "<Execution ProcessID='5812' ThreadID='9120'/><Channel>Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider/Admin</Channel><Computer>PC-0042.contoso.com</Computer>"
               f"<Security UserID='S-1-5-18'/></System><EventData>{''.join(data)}</EventData></Event>\r\n")


def win_xml_parts():
    text = read_raw("windows/http-404-0x80190194-events.xml")
    head, _, rest = text.partition("<Event ")
    body, _, tail = ("<Event " + rest).rpartition("</Event>")
    return head, body + "</Event>\r\n", tail.lstrip("\r\n")


def xml_story_stepper(body, clock, record):
    parse = lambda s: dt.datetime.strptime(s, "%Y-%m-%dT%H:%M:%S.%f")
    fmt = lambda t: f"{t:%Y-%m-%dT%H:%M:%S}.{t.microsecond:06d}"
    timed = story_stepper(body, WIN_XML_TIME, parse, fmt, clock)

    def story():
        [text] = timed()

        def renumber(_):
            record[0] += 1
            return f"<EventRecordID>{record[0]}</EventRecordID>"
        return [WIN_XML_RECORD.sub(renumber, text)]
    return story


# NDES server: IIS W3C log of the Default Web Site (u_exYYMMDD.log, UTC,
# 15 default fields), as the fixtures' iis-*.log and the real samples: a
# `#Software…#Fields:` block at every IIS start, scanner noise, certificate
# traffic that is not SCEP (the CA's CRL and AIA downloads under /CertEnroll/,
# the web enrollment pages under /certsrv/), the devices' SCEP requests
# (iis-two-devices-fields-change-mid-file.log, re-timed) every 5 MB.
IIS_TIME = re.compile(r"^(?:#Date: )?(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)", re.M)
IIS_FIELDS = "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken"
IIS_NOISE = [
    "GET /.env - 443 - 198.51.100.{a} Mozilla/5.0+zgrab/0.x - 404 0 2 {ms}",
    "GET / - 443 - 198.51.100.{a} Mozilla/5.0+zgrab/0.x - 200 0 0 {ms}",
    "POST /cgi-bin/.%2e/.%2e/.%2e/bin/sh - 443 - 198.51.100.{a} - - 400 0 64 {ms}",
    "GET /owa/auth/logon.aspx - 443 - 198.51.100.{a} Mozilla/5.0 - 404 0 2 {ms}",
    "GET /wp-login.php - 443 - 198.51.100.{a} Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64) - 404 0 2 {ms}",
    # Certificate traffic that is not SCEP.
    "GET /CertEnroll/Contoso%20Issuing%20CA.crl - 80 - 10.20.{b}.{a} Microsoft-CryptoAPI/10.0 - 200 0 0 {ms}",
    "GET /CertEnroll/Contoso%20Issuing%20CA+.crl - 80 - 10.20.{b}.{a} Microsoft-CryptoAPI/10.0 - 200 0 0 {ms}",
    "GET /CertEnroll/CA01.contoso.com_Contoso%20Issuing%20CA.crt - 80 - 10.20.{b}.{a} Microsoft-CryptoAPI/10.0 - 200 0 0 {ms}",
    "GET /certsrv/certrqxt.asp - 443 CONTOSO\\jsmith 10.20.{b}.{a} Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64) - 200 0 0 {ms}",
    "POST /certsrv/certfnsh.asp - 443 CONTOSO\\jsmith 10.20.{b}.{a} Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64) - 200 0 0 {ms}",
]


def iis(rng, clock):
    day = None
    while True:
        clock[0] += dt.timedelta(milliseconds=rng.randint(10, 200))
        if clock[0].date() != day:
            day = clock[0].date()
            yield (f"#Software: Microsoft Internet Information Services 10.0\n#Version: 1.0\n"
                   f"#Date: {clock[0]:%Y-%m-%d %H:%M:%S}\n{IIS_FIELDS}\n")
        msg = rng.choice(IIS_NOISE).format(a=rng.randint(1, 254), b=rng.randint(0, 40), ms=rng.randint(0, 400))
        yield f"{clock[0]:%Y-%m-%d %H:%M:%S} 10.20.0.15 {msg}\n"


def iis_story_text():
    # The fixture's two IIS starts (15 default fields, then 22); after it IIS
    # starts again with the 15 default fields the noise is written in (the
    # `#Date:` block is re-timed with the story).
    text = read_raw("ndes/iis-two-devices-fields-change-mid-file.log").replace("\r\n", "\n")
    last = IIS_TIME.findall(text)[-1]
    return text + (f"#Software: Microsoft Internet Information Services 10.0\n#Version: 1.0\n"
                   f"#Date: {last}\n{IIS_FIELDS}\n")


def read_raw(path, encoding="utf-8"):
    with open(os.path.join(FIX, path), encoding=encoding, newline="") as f:
        return f.read()


# Windows DMEDP Admin log as a binary `.evtx` (bench/evtx.py, the writer of
# tests/evtx_writer.rs with many chunks): noise events of WIN_NOISE with their
# inserts as EventData, and every 5 MB the two stories tests/dmedp_logs.rs
# writes, in turn: 306 → 36 → 39 → 309 → 256 (delivered) and 306 → 36 →
# 307 + 32 (the hash value is not correct).
DMEDP = "Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider"
DMEDP_UID = "ModelName_AC_51bad41f-3854-4eb5-a2f2-0f7a94034ee8_LogicalName_39907e78_e61b_4730_b9fa_d44a53e4111c_Hash_-1518303401"
DMEDP_SID = "S-1-12-1-1234567890-1234567890-1234567890-1234567890"
DMEDP_URL = "https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll/pkiclient.exe"
E306 = [("Message1", DMEDP_UID), ("Message2", DMEDP_SID), ("Message3", "user"), ("Message4", "clientinstall"),
        ("HexInt1", "0x2"), ("Message5", "Unknown Win32 Error code: 0x2ab0003")]
E36 = [("Message1", "1.3.6.1.5.5.7.3.2"), ("Message2", DMEDP_URL), ("Message3", ""), ("HexInt1", "0x2"), ("HexInt2", "0x1")]
EVTX_STORIES = [
    [(306, 4, 0.0, E306), (36, 4, 1.574, E36), (39, 4, 1.863, []),
     (309, 4, 10.511, [("Message1", "{0D7B4C2E-5A61-4F83-9B2D-3C4E5F607182}"), ("Message2", DMEDP_UID),
                       ("Message3", "A1B2C3D4E5F60718293A4B5C6D7E8F9001122334"), ("Message4", DMEDP_URL),
                       ("HexInt1", "0x1"), ("HexInt2", "0x0"), ("Message5", "The operation completed successfully.")]),
     (256, 4, 10.691, [("Message1", "The operation completed successfully."), ("Message2", "8E8C3E0B-AD4C-4A0A-8B8C-0A6F3A1C2B3D"),
                       ("Message3", "{4F7C2D1A-9B3E-4C5D-8E6F-7A8B9C0D1E2F}"), ("Message4", "2"), ("Message5", "33"),
                       ("Message6", "com.microsoft:mdm.SCEPcertinstall.result"), ("Message7", DMEDP_SID)])],
    [(306, 4, 0.0, E306), (36, 4, 1.1, E36),
     (307, 2, 2.2, [("Message1", "SCEPInstallCertificateWithScepHelper:Failed to Initialize SCEP enrollment with NDES Server "
                                 f"'{DMEDP_URL}', CA cert thumbprint '5F9A2C7E1B3D4F60718293A4B5C6D7E8F9012345' and server certs ''. LogError 0x80091007")]),
     (32, 2, 2.2001, [("Message1", "The hash value is not correct.")])],
]


def evtx_event(t, event_id, level, data):
    return {"provider": DMEDP, "guid": "{3da494e4-0fe2-415c-b895-fb5265c5c83b}",
            "channel": DMEDP + "/Admin", "id": event_id, "level": level,
            "time": f"{t:%Y-%m-%dT%H:%M:%S}.{t.microsecond:06d}0Z",
            "unix": int((t - dt.datetime(1970, 1, 1)).total_seconds()),
            "computer": "PC-0042.contoso.com", "data": data}


def evtx_events(rng, clock, progress):
    next_story, n = STORY_EVERY // 3, 0
    while True:
        if progress[0] >= next_story:
            for event_id, level, after, data in EVTX_STORIES[n % 2]:
                yield evtx_event(clock[0] + dt.timedelta(seconds=after), event_id, level, data)
            clock[0] += dt.timedelta(seconds=15)
            next_story += STORY_EVERY
            n += 1
        level, event_id, text = win_noise_event(rng)
        clock[0] += dt.timedelta(milliseconds=rng.randint(10, 5000))
        data, m, h = [], 0, 0
        for value in re.findall(r"\(([^()]*)\)", text):
            if value.startswith("0x"):
                h += 1
                data.append((f"HexInt{h}", value))
            else:
                m += 1
                data.append((f"Message{m}", value))
        yield evtx_event(clock[0], event_id, WIN_XML_LEVEL[level], data)


def write_evtx(path, size, rng):
    import evtx
    clock, progress = [dt.datetime(2024, 8, 20, 0, 0, 0)], [0]
    evtx.write(path, evtx_events(rng, clock, progress), size, progress)


# Certification authority: every row is a CA request, so every row is a
# story of its own (the reader keeps one per request); the "noise" is the
# other templates' requests (computers, web servers, users, code signing), the
# SCEP template's requests of the fixture every 5 MB, renumbered in the
# CA's request-id order.
#
# ca-csv: the console's "Export List…" of Issued Certificates (ANSI CSV, CRLF,
# issued-certificates-export-list.csv); ca-certutil: `certutil -view Log`
# (certutil-view-log-issued-and-revoked.txt: `Row N:` blocks with the
# certificate's PEM, the statistics trailer).
CA_NOISE = [
    # (requester, template as the console shows it, template as certutil shows it, common name)
    ("CONTOSO\\PC-{n:04d}$", "Machine", "Machine", "PC-{n:04d}.contoso.com"),
    ("CONTOSO\\PC-{n:04d}$", "Workstation Authentication", '"1.3.6.1.4.1.311.21.8.5713573.8830713.1112406.10355213.7402541.1.14.1289" Workstation Authentication', "PC-{n:04d}.contoso.com"),
    ("CONTOSO\\svc-web", "WebServer", "WebServer", "web{n:03d}.contoso.com"),
    ("CONTOSO\\user{n:04d}", "User", "User", "user{n:04d}"),
    ("CONTOSO\\svc-build", "Code Signing Certificate 2026", '"1.3.6.1.4.1.311.21.8.5713573.8830713.1112406.10355213.7402541.1.14.1301" Code Signing Certificate 2026', "Build Signing Cert {n}"),
    ("CONTOSO\\svc-pki", "Certificate Manager Agent", '"1.3.6.1.4.1.311.21.8.5713573.8830713.1112406.10355213.7402541.1.14.1302" Certificate Manager Agent', "Certificate Services Agent {n}"),
]


def ca_time(t):
    hour = t.hour % 12 or 12
    return f"{t.month}/{t.day}/{t.year} {hour}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"


def ca_serial(rng, request_id):
    return f"3a{request_id:08x}{rng.getrandbits(64):016x}{request_id:012x}"


def ca_csv_row(request_id, requester, template, serial, t, cn, email=""):
    cn = f'"{cn}"' if "," in cn else cn
    return (f"{request_id},{requester},{template},{serial},{ca_time(t - dt.timedelta(minutes=10))},"
            f"{ca_time(t.replace(year=t.year + 1))},,,,{cn},,,{email}\r\n")


def ca_csv(rng, clock, request_id):
    while True:
        requester, template, _, cn = rng.choice(CA_NOISE)
        n = rng.randint(1, 9999)
        clock[0] += dt.timedelta(seconds=rng.randint(1, 120))
        request_id[0] += 1
        yield ca_csv_row(request_id[0], requester.format(n=n), template, ca_serial(rng, request_id[0]), clock[0], cn.format(n=n))


def ca_csv_story(rows, rng, clock, request_id):
    def story():
        out = []
        for requester, template, cn, email in rows:
            clock[0] += dt.timedelta(minutes=7)
            request_id[0] += 1
            out.append(ca_csv_row(request_id[0], requester, template, ca_serial(rng, request_id[0]), clock[0], cn, email))
        return out
    return story


def ca_csv_parts():
    import csv
    text = read_raw("ca/issued-certificates-export-list.csv")
    header, _, body = text.partition("\r\n")
    rows = [(r[1], r[2], r[9], r[12]) for r in csv.reader(body.splitlines()) if r]
    return header + "\r\n", rows


def ca_hash(rng):
    return " ".join(f"{b:02x}" for b in rng.getrandbits(160).to_bytes(20, "big"))


def ca_pem(rng):
    import base64
    der = b"\x30\x82\x05" + rng.getrandbits(8 * 1350).to_bytes(1350, "big")
    b64 = base64.b64encode(der).decode()
    return "".join(b64[i:i + 64] + "\r\n" for i in range(0, len(b64), 64))


def ca_view_row(row, request_id, requester, template, serial, t, cn, pem, thumb, revoked=None):
    revocation = f"  Revocation Date: {ca_time(revoked)}\r\n  Revocation Reason: 0x5 -- Reason: Cessation of Operation\r\n" if revoked \
        else "  Revocation Date: EMPTY\r\n  Revocation Reason: EMPTY\r\n"
    disposition = "0x15 (21) -- Revoked" if revoked else "0x14 (20) -- Issued"
    return (f"Row {row}:\r\n"
            f"  Issued Request ID: 0x{request_id:x} ({request_id})\r\n"
            f'  Requester Name: "{requester}"\r\n'
            f"  Request Disposition: {disposition}\r\n"
            f"  Request Submission Date: {ca_time(t)}\r\n"
            f"  Request Resolution Date: {ca_time(t)}\r\n"
            f"  Certificate Template: {template}\r\n"
            f'  Serial Number: "{serial}"\r\n'
            f'  Certificate Hash: "{thumb}"\r\n'
            f"  Certificate Effective Date: {ca_time(t - dt.timedelta(minutes=10))}\r\n"
            f"  Certificate Expiration Date: {ca_time(t.replace(year=t.year + 1))}\r\n"
            f'  Issued Common Name: "{cn}"\r\n'
            f"{revocation}"
            f"  Binary Certificate:\r\n-----BEGIN CERTIFICATE-----\r\n{pem}-----END CERTIFICATE-----\r\n\r\n")


def ca_view(rng, clock, request_id, row):
    while True:
        requester, _, template, cn = rng.choice(CA_NOISE)
        n = rng.randint(1, 9999)
        clock[0] += dt.timedelta(seconds=rng.randint(1, 120))
        request_id[0] += 1
        row[0] += 1
        serial = ca_serial(rng, request_id[0])
        yield ca_view_row(row[0], request_id[0], requester.format(n=n), template, serial, clock[0], cn.format(n=n), ca_pem(rng), ca_hash(rng))


def ca_view_story(rng, clock, request_id, row):
    # The fixture's two SCEP rows: one issued, one issued and revoked later.
    template = '"1.3.6.1.4.1.311.21.8.5713573.8830713.1112406.10355213.7402541.1.11484210.8005739" IntuneSCEP'

    def story():
        out = []
        for revoked in (False, True):
            clock[0] += dt.timedelta(minutes=7)
            request_id[0] += 1
            row[0] += 1
            out.append(ca_view_row(row[0], request_id[0], "CONTOSO\\svc-ndes", template, ca_serial(rng, request_id[0]),
                                   clock[0], "amy.jones", ca_pem(rng), ca_hash(rng), clock[0] + dt.timedelta(days=20) if revoked else None))
        return out
    return story


def ca_view_trailer(row):
    r = row[0]
    return (f"Maximum Row Index: {r}\r\n\r\n{r} Rows\r\n"
            f"  {13 * r} Row Properties, Total Size = {2064 * r}, Max Size = 1214, Ave Size = 158\r\n"
            "   0 Request Attributes, Total Size = 0, Max Size = 0, Ave Size = 0\r\n"
            "   0 Certificate Extensions, Total Size = 0, Max Size = 0, Ave Size = 0\r\n"
            f"  {13 * r} Total Fields, Total Size = {2064 * r}, Max Size = 1214, Ave Size = 158\r\n"
            "CertUtil: -view command completed successfully.\r\n")


# ---------------------------------------------------------------- main

def write(path, size, noise, story, rng, header="", trailer=lambda: "", encoding="utf-8", char_bytes=1):
    """Writes `size` bytes (give or take a line) of noise with the story
    buried every STORY_EVERY bytes, starting a third of the way in; `header`
    first and `trailer()` last (a shape's own head and tail). `char_bytes`:
    2 for UTF-16, whose sizes count bytes, not characters."""
    written = len(header) * char_bytes
    next_story = min(STORY_EVERY // 3, size // 3)
    with open(path, "w", encoding=encoding, newline="") as f:
        f.write(header)
        buf = []
        buf_len = 0
        for line in noise:
            # The story goes after the line the noise just wrote (the story
            # is timed from the noise's clock, so the times stay in order).
            buf.append(line)
            buf_len += len(line)
            if written + buf_len * char_bytes >= next_story:
                for s in story():
                    buf.append(s)
                    buf_len += len(s)
                next_story += STORY_EVERY
            if buf_len >= 1 << 20:
                f.write("".join(buf))
                written += buf_len * char_bytes
                buf, buf_len = [], 0
                if written >= size:
                    break
        # Sizes are in characters; the fixtures' curly quotes make a few
        # bytes more, which the bench measures from the file itself.
        if buf:
            f.write("".join(buf))
        f.write(trailer())


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--needles", help="file with one rule needle per line")
    ap.add_argument("--sizes", default="10,100", help="sizes in MB (default 10,100)")
    ap.add_argument("--big", action="store_true", help="also write 1000 MB files")
    ap.add_argument("--platforms", default="android,ios,ios-seed,windows", help="comma-separated; see EXT for every shape")
    args = ap.parse_args()

    needles = []
    if args.needles:
        with open(args.needles, encoding="utf-8") as f:
            needles = [line.rstrip("\n") for line in f if line.rstrip("\n")]
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if args.big:
        sizes.append(1000)
    os.makedirs(args.out, exist_ok=True)

    # Noise must not mention a needle, so every match grep finds is a story line.
    check_noise(needles)

    stories = {
        "android": read("android/full-success.log").splitlines(),
        "ios": read("ios/root-and-scep-installed.log").splitlines(),
        "windows": read("windows/success-list-copy.txt").splitlines(),
    }
    stories["ios-seed"] = read("ios/success-style-a-textedit.log").splitlines()
    pool = ios_pool(needles)
    for platform in args.platforms.split(","):
        for size in sizes:
            rng = random.Random(f"{SEED}-{platform}-{size}")
            path = os.path.join(args.out, f"{platform}-{size}mb.{EXT[platform]}")
            if platform == "android":
                clock = [dt.datetime(2018, 2, 27, 0, 0, 0)]
                noise = android(stories["android"], rng, clock)
                story = lambda c=clock: android_story(stories["android"], c)
            elif platform == "ios-seed":
                clock = [dt.datetime(2018, 2, 27, 0, 0, 0)]
                noise = ios_seed(rng, clock)
                story = lambda c=clock: ios_seed_story(stories["ios-seed"], c)
            elif platform == "ios":
                clock = [dt.datetime(2018, 2, 27, 0, 0, 0)]
                noise = ios(pool, rng, clock)
                story = lambda c=clock: ios_story(stories["ios"], c)
            elif platform == "windows":
                clock = [dt.datetime(2024, 8, 20, 23, 59, 59)]
                noise = windows(rng, clock)
                story = lambda c=clock: windows_story(stories["windows"], c)
            else:
                if platform == "windows-evtx":
                    write_evtx(path, size * MB, rng)
                else:
                    noise, story, header, trailer, encoding, char_bytes = other_shape(platform, rng)
                    write(path, size * MB, noise, story, rng, header, trailer, encoding, char_bytes)
                print(path, file=sys.stderr)
                continue
            write(path, size * MB, noise, story, rng)
            print(path, file=sys.stderr)


EXT = {"android": "log", "ios": "log", "ios-seed": "log", "windows": "txt",
       "ios-logshow": "log", "ios-json": "log", "ios-ndjson": "log",
       "windows-details": "txt", "windows-txt": "txt", "windows-csv": "csv",
       "windows-xml": "xml", "windows-evtx": "evtx", "ndes-iis": "log",
       "ca-csv": "csv", "ca-certutil": "txt"}


def other_shape(platform, rng):
    """(noise, story, header, trailer, encoding, char_bytes) of a shape."""
    us = lambda s: dt.datetime.strptime(s, "%Y-%m-%d %H:%M:%S.%f")
    us_fmt = lambda t: f"{t:%Y-%m-%d %H:%M:%S}.{t.microsecond:06d}"
    utf8 = ("utf-8", 1)
    if platform == "ios-logshow":
        clock, counts = [dt.datetime(2024, 3, 5, 0, 0, 0)], {}
        header = "Timestamp                       Thread     Type        Activity             PID    TTL  \n"
        story = story_stepper(logshow_story_text(), LOGSHOW_TIME, us, us_fmt, clock)
        return (logshow(rng, clock, counts), story, header, lambda: logshow_trailer(counts), *utf8)
    if platform in ("ios-json", "ios-ndjson"):
        pretty = platform == "ios-json"
        clock = [dt.datetime(2024, 5, 14, 0, 0, 0)]
        fixture = "ios/log-show-json-get-pkioperation.log" if pretty else "ios/log-show-ndjson-22013.log"
        sep = "," if pretty else ""
        templates, text = logjson_setup(fixture, pretty, sep)
        noise = logjson(rng, clock, templates, pretty, sep)
        story = story_stepper(text, LOGJSON_TIME, us, us_fmt, clock)
        if pretty:
            # The array opens with the first noise event (no comma before it).
            first = next(noise)[1:]
            return (noise, story, "[" + first, lambda: "]\n", *utf8)
        count = rng.randint(400000, 900000)
        return (noise, story, "", lambda: f'{{"count":{count},"finished":1}}\n', *utf8)
    if platform == "windows-details":
        clock = [dt.datetime(2025, 3, 14, 0, 0, 0)]
        story = story_stepper(win_details_story_text(), WIN_DETAILS_TIME, win_us_parse, win_us, clock)
        return (win_details(rng, clock), story, "", lambda: "", *utf8)
    if platform == "windows-txt":
        clock = [dt.datetime(2024, 8, 20, 23, 59, 59)]
        header, body = win_saveas_txt_parts()
        story = story_stepper(body, WIN_TAB_TIME, win_us_parse, win_us, clock, newest_first=True)
        return (win_saveas_txt(rng, clock), story, "\ufeff" + header, lambda: "", "utf-16-le", 2)
    if platform == "windows-csv":
        clock = [dt.datetime(2024, 8, 20, 23, 59, 59)]
        header, body = win_csv_parts()
        de = lambda s: dt.datetime.strptime(s, "%d.%m.%Y %H:%M:%S")
        story = story_stepper(body, WIN_CSV_TIME, de, lambda t: f"{t:%d.%m.%Y %H:%M:%S}", clock, newest_first=True)
        return (win_csv(rng, clock), story, "\ufeff" + header, lambda: "", *utf8)
    if platform == "windows-xml":
        clock, record = [dt.datetime(2025, 5, 6, 0, 0, 0)], [1000]
        head, body, tail = win_xml_parts()
        story = xml_story_stepper(body, clock, record)
        return (win_xml(rng, clock, record), story, head, lambda: tail, *utf8)
    if platform == "ndes-iis":
        clock = [dt.datetime(2024, 8, 20, 0, 0, 0)]
        sec = lambda s: dt.datetime.strptime(s, "%Y-%m-%d %H:%M:%S")
        story = story_stepper(iis_story_text(), IIS_TIME, sec, lambda t: f"{t:%Y-%m-%d %H:%M:%S}", clock)
        return (iis(rng, clock), story, "", lambda: "", *utf8)
    if platform == "ca-csv":
        clock, request_id = [dt.datetime(2026, 1, 5, 8, 0, 0)], [100]
        header, rows = ca_csv_parts()
        return (ca_csv(rng, clock, request_id), ca_csv_story(rows, rng, clock, request_id), header, lambda: "", *utf8)
    if platform == "ca-certutil":
        clock, request_id, row = [dt.datetime(2026, 1, 5, 8, 0, 0)], [100], [0]
        return (ca_view(rng, clock, request_id, row), ca_view_story(rng, clock, request_id, row), "",
                lambda: ca_view_trailer(row), *utf8)
    raise SystemExit(f"unknown platform {platform}")


def check_noise(needles):
    """No noise message may mention a rule needle (every grep match is then
    a story line; the details copy's `Description:` label is the one
    exception: the shape writes it in every event)."""
    messages = [m for _, _, m in ANDROID_NOISE] + [m for _, _, m in WIN_NOISE] + [m for _, _, m in IOS_SEED_NOISE]
    messages += [m for *_, m in LOGSHOW_NOISE] + [m for _, m in JSON_NOISE] + IIS_NOISE
    for msg in messages:
        bad = [n for n in needles if n in msg]
        assert not bad, f"noise mentions {bad}: {msg}"


if __name__ == "__main__":
    main()
