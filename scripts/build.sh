#!/usr/bin/env bash
# Builds the page with Trunk: dist/scep-doctor.html (the offline single file,
# also dist/index.html) and dist/SHA256SUMS. Uses only local tools.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:${CARGO_INSTALL_ROOT:-${CARGO_HOME:-$HOME/.cargo}}/bin:$HOME/.cargo/bin:$PATH"
# Trunk must not look for newer tool versions or download any.
export TRUNK_SKIP_VERSION_CHECK=true
cargo fetch --locked
trunk build --release --offline
