#!/usr/bin/env bash
# Installs what is missing, builds the page, and serves it on
# http://127.0.0.1:8080 (the same single file as dist/scep-doctor.html).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
echo "Serving dist/ on http://127.0.0.1:8080 — offline file: dist/scep-doctor.html (Ctrl-C to stop)"
exec python3 -m http.server 8080 --bind 127.0.0.1 --directory dist
