#!/usr/bin/env python3
"""Checks that generated bench logs are real-shaped: the native CLI's report
on each generated file (`--json`) must hold the certificates of the fixture
its story came from, with the same verdicts (stage, failed step, findings).

usage: check_shapes.py CLI DIR SIZE PLATFORM...   (e.g. target/native/scep-doctor target/bench 10 ios-json)
"""

import json
import os
import subprocess
import sys

sys.dont_write_bytecode = True  # gen_logs is imported: no __pycache__ in bench/
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_logs import EXT  # noqa: E402

# The fixtures each shape's stories come from.
FIXTURES = {
    "android": ["android/full-success.log"],
    "ios": ["ios/root-and-scep-installed.log"],
    "ios-seed": ["ios/success-style-a-textedit.log"],
    "windows": ["windows/success-list-copy.txt"],
    "ios-logshow": ["ios/log-show-logarchive.log"],
    "ios-json": ["ios/log-show-json-get-pkioperation.log"],
    "ios-ndjson": ["ios/log-show-ndjson-22013.log"],
    "windows-details": ["windows/thumbprint-mismatch-32-307-details.txt"],
    "windows-txt": ["windows/success-save-as-utf16le.txt"],
    "windows-csv": ["windows/success-save-as-german.csv"],
    "windows-xml": ["windows/http-404-0x80190194-events.xml"],
    # tests/dmedp_logs.rs writes these two stories; their text twins:
    "windows-evtx": ["windows/success-list-copy.txt", "windows/thumbprint-mismatch-32-307-details.txt"],
    "ndes-iis": ["ndes/iis-two-devices-fields-change-mid-file.log"],
    "ca-csv": ["ca/issued-certificates-export-list.csv"],
    "ca-certutil": ["ca/certutil-view-log-issued-and-revoked.txt"],
}


def verdicts(cli, *paths):
    out = subprocess.run([cli, "--json", *paths], capture_output=True, check=False).stdout
    report = json.loads(out)
    # A CA request's id is its request id, which the generator renumbers:
    # CA stories are compared by template.
    return {(p["platform"], c["kind"],
             "template " + str(c["profile"].get("template")) if p["platform"] == "ca" else c["id"],
             c["stage"], c["failed_step"], tuple(sorted(f["code"] for f in c["findings"])))
            for p in report["platforms"] for c in p["certificates"]}


def main():
    cli, out, size, *platforms = sys.argv[1:]
    ok = True
    for platform in platforms:
        # One report over a shape's fixtures, as the generated file holds
        # their stories together: a certificate two of them tell (the
        # `.evtx` stories' profile) is one story there too.
        want = verdicts(cli, *(os.path.join(ROOT, "tests", "fixtures", f) for f in FIXTURES[platform]))
        got = verdicts(cli, os.path.join(out, f"{platform}-{size}mb.{EXT[platform]}"))
        missing, extra = want - got, got - want
        if platform.startswith("ca-"):
            extra = set()  # every other template's request is a story too
        print(f"{platform}: {'ok' if not missing and not extra else 'DIFFERS'} ({len(want)} certificates in the fixture{'s' if len(FIXTURES[platform]) > 1 else ''})")
        for m in sorted(missing, key=str):
            print("  missing:", m)
        for e in sorted(extra, key=str):
            print("  extra:  ", e)
        ok &= not missing and not extra
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
