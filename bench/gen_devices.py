#!/usr/bin/env python3
"""Writes N device bundles for bench/batch.sh (`scep-doctor --each`), made
from the fixtures (deterministic: a fixed seed, so every run writes the same
bytes).

Each device is one platform's logs (1 to 3 fixture files of android, ios or
windows, and one NDES log in a quarter of them), packed one of three ways in
turn: a folder (logs in it and in a sub-folder, as rotated logs), a zip (as
Company Portal e-mails them) or a single file (the first log only). One
device in 50 is a file that is no log (a JPEG header and random bytes).

usage: gen_devices.py OUT [--count 1000]
"""

import argparse
import os
import random
import zipfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
FIX = os.path.join(ROOT, "tests", "fixtures")
SEED = 20261202


def logs(platform):
    folder = os.path.join(FIX, platform)
    return sorted(
        os.path.join(folder, name)
        for name in os.listdir(folder)
        if not name.endswith(".expected.json") and name != "README.md"
        and not name.endswith(".evtx")
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    rng = random.Random(SEED)
    by_platform = {p: logs(p) for p in ("android", "ios", "windows")}
    ndes = logs("ndes")
    os.makedirs(args.out, exist_ok=True)
    for i in range(args.count):
        name = f"device-{i:04d}"
        if i % 50 == 49:
            with open(os.path.join(args.out, name + ".jpg"), "wb") as f:
                f.write(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + rng.randbytes(4000))
            continue
        platform = rng.choice(sorted(by_platform))
        files = rng.sample(by_platform[platform], rng.randint(1, 3))
        if rng.random() < 0.25:
            files.append(rng.choice(ndes))
        members = []
        for n, path in enumerate(files):
            inside = os.path.basename(path) if n == 0 else f"older/{n}-{os.path.basename(path)}"
            with open(path, "rb") as f:
                members.append((inside, f.read()))
        kind = i % 3
        if kind == 0:
            for inside, data in members:
                target = os.path.join(args.out, name, inside)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with open(target, "wb") as f:
                    f.write(data)
        elif kind == 1:
            with zipfile.ZipFile(os.path.join(args.out, name + ".zip"), "w",
                                 zipfile.ZIP_DEFLATED) as z:
                for inside, data in members:
                    z.writestr(zipfile.ZipInfo(inside, (2026, 12, 2, 0, 0, 0)), data,
                               zipfile.ZIP_DEFLATED)
        else:
            ext = os.path.splitext(members[0][0])[1] or ".log"
            with open(os.path.join(args.out, name + ext), "wb") as f:
                f.write(members[0][1])


if __name__ == "__main__":
    main()
