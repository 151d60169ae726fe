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
  nodes), the story of success-list-copy.txt.

The story is repeated every STORY_EVERY bytes (a device retries and
re-checks its certificates on every sync). Noise lines that contain a rule
needle (given with --needles, as printed by `cargo run --example needles`)
are refused, so grep/rg counts and the prefilter only see story lines.

usage: gen_logs.py OUT [--needles FILE] [--sizes 10,100] [--big]
"""

import argparse
import datetime as dt
import os
import random
import re
import sys

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


# ---------------------------------------------------------------- main

def write(path, size, noise, story, rng):
    """Writes `size` bytes (give or take a line) of noise with the story
    buried every STORY_EVERY bytes, starting a third of the way in."""
    written = 0
    next_story = min(STORY_EVERY // 3, size // 3)
    with open(path, "w", encoding="utf-8", newline="") as f:
        buf = []
        buf_len = 0
        for line in noise:
            if written + buf_len >= next_story:
                for s in story():
                    buf.append(s)
                    buf_len += len(s)
                next_story += STORY_EVERY
            buf.append(line)
            buf_len += len(line)
            if buf_len >= 1 << 20:
                f.write("".join(buf))
                written += buf_len
                buf, buf_len = [], 0
                if written >= size:
                    break
        # Sizes are in characters; the fixtures' curly quotes make a few
        # bytes more, which the bench measures from the file itself.
        if buf:
            f.write("".join(buf))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--needles", help="file with one rule needle per line")
    ap.add_argument("--sizes", default="10,100", help="sizes in MB (default 10,100)")
    ap.add_argument("--big", action="store_true", help="also write 1000 MB files")
    ap.add_argument("--platforms", default="android,ios,ios-seed,windows")
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
    for _, _, msg in ANDROID_NOISE:
        bad = [n for n in needles if n in msg]
        assert not bad, f"android noise mentions {bad}: {msg}"
    for _, _, msg in WIN_NOISE:
        bad = [n for n in needles if n in msg]
        assert not bad, f"windows noise mentions {bad}: {msg}"

    stories = {
        "android": read("android/full-success.log").splitlines(),
        "ios": read("ios/root-and-scep-installed.log").splitlines(),
        "windows": read("windows/success-list-copy.txt").splitlines(),
    }
    bad = [n for _, _, msg in IOS_SEED_NOISE for n in needles if n in msg]
    assert not bad, f"ios seed noise mentions {bad}"
    stories["ios-seed"] = read("ios/success-style-a-textedit.log").splitlines()
    pool = ios_pool(needles)
    for platform in args.platforms.split(","):
        for size in sizes:
            rng = random.Random(f"{SEED}-{platform}-{size}")
            ext = {"android": "log", "ios": "log", "ios-seed": "log", "windows": "txt"}[platform]
            path = os.path.join(args.out, f"{platform}-{size}mb.{ext}")
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
            else:
                clock = [dt.datetime(2024, 8, 20, 23, 59, 59)]
                noise = windows(rng, clock)
                story = lambda c=clock: windows_story(stories["windows"], c)
            write(path, size * MB, noise, story, rng)
            print(path, file=sys.stderr)


if __name__ == "__main__":
    main()
