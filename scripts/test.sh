#!/usr/bin/env bash
# Runs every test: native unit, fixture and hostile-input tests, lints, the
# wasm boundary in headless Chromium, the fuzz targets for a short fixed time,
# and the built page end to end in headless Chromium.
# Installs whatever is missing first (idempotent), so it works on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."

# Each heading also says how long the run has taken so far.
say() { printf '\n\033[1m== %s\033[0m (at %d s)\n' "$*" "$SECONDS" >&2; }

bash scripts/setup.sh test
export PATH="$PWD/node_modules/.bin:${CARGO_INSTALL_ROOT:-${CARGO_HOME:-$HOME/.cargo}}/bin:$HOME/.cargo/bin:$PATH"

say "native tests"
cargo test --workspace --no-fail-fast

say "lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings
# Without the `.evtx` reader too (a build that names such files, not reads them).
cargo clippy -p scep-doctor --no-default-features --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib -- -D warnings

say "supply chain (cargo-deny: licences, bans, sources)"
cargo deny --offline check licenses bans sources

say "supply chain advisories (RustSec database, only where it can be fetched)"
# The advisory database is a git repository outside the package registries.
# Where it cannot be fetched within a short time the check is skipped with a
# reason, not failed; the other cargo-deny checks above run everywhere.
rc=0
timeout "${ADVISORY_FETCH_SECONDS:-30}" cargo deny fetch db >/dev/null 2>&1 || rc=$?
if [ "$rc" -eq 0 ]; then
  cargo deny --offline check advisories
elif [ "$rc" -eq 124 ]; then
  echo "advisories: SKIPPED: fetching the RustSec advisory database took over ${ADVISORY_FETCH_SECONDS:-30} s; run 'cargo deny check advisories' where it is reachable." >&2
else
  echo "advisories: SKIPPED: the RustSec advisory database cannot be fetched from this machine (it is not in any package registry); run 'cargo deny check advisories' where it is reachable." >&2
fi

say "wasm boundary (wasm-bindgen-test in headless Chromium)"
CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test wasm_boundary

say "fuzz (libFuzzer, a short fixed time per target; longer runs: scripts/fuzz.sh SECONDS)"
bash scripts/fuzz.sh "${FUZZ_SECONDS:-8}"

say "page build"
bash scripts/build.sh

say "page end to end (Playwright + Debian Chromium)"
node --test tests/e2e/
