#!/usr/bin/env bash
# Installs whatever is missing, on a Debian machine with rustup, node and npm.
# Idempotent: every step checks first and skips what is present. Downloads only
# from crates.io, npm, Debian and rustup's own dist.
#
#   bash scripts/setup.sh        # page: what building and serving the page needs
#   bash scripts/setup.sh test   # page + everything the test command needs
#   bash scripts/setup.sh fuzz   # nightly Rust, cargo-fuzz, the fuzz crate's crates
#   bash scripts/setup.sh bench  # page + browser + ripgrep and GNU time
#
# Each step prints how long it took. Tools built from crates.io go to
# $CARGO_INSTALL_ROOT (default: $CARGO_HOME, i.e. ~/.cargo), so CI can point
# CARGO_HOME at an empty folder and still find the tools it installed before.
set -euo pipefail
cd "$(dirname "$0")/.."

MODE="${1:-page}"
case "$MODE" in page | test | fuzz | bench) ;; *)
  echo "usage: bash scripts/setup.sh [page|test|fuzz|bench]" >&2
  exit 2
  ;;
esac

WASM_BINDGEN_VERSION=0.2.130
TRUNK_VERSION=0.21.14
CARGO_DENY_VERSION=0.18.3
CARGO_FUZZ_VERSION=0.13.1

TOOL_ROOT="${CARGO_INSTALL_ROOT:-${CARGO_HOME:-$HOME/.cargo}}"
export PATH="$PWD/node_modules/.bin:$TOOL_ROOT/bin:$HOME/.cargo/bin:$PATH"
LOGS=target/setup
mkdir -p "$LOGS"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }
# step NAME COMMAND... : runs a step and says how long it took.
step() {
  local name="$1" start=$SECONDS
  shift
  say "$name …"
  "$@"
  say "$name: done in $((SECONDS - start)) s"
}
want() { [ "$MODE" = "$1" ] || { [ "$MODE" = test ] && [ "$1" != bench ]; }; }
version_of() { "$@" 2>/dev/null | awk '{print $2}' || true; }

# Tools are only drivers (Trunk runs cargo, wasm-bindgen rewrites one module):
# build them quickly rather than optimally, and share one target folder so a
# crate that two tools use in the same version is compiled once. Measured on
# this machine kind: see README, "Two commands".
cargo_install() {
  CARGO_TARGET_DIR="$PWD/target/tools" \
    CARGO_PROFILE_RELEASE_OPT_LEVEL=1 \
    CARGO_PROFILE_RELEASE_LTO=false \
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_DEBUG=false \
    CARGO_PROFILE_RELEASE_INCREMENTAL=false \
    cargo install --root "$TOOL_ROOT" "$@"
}

# --- background downloads ---------------------------------------------------
# Debian's Chromium and rustup's nightly are downloads, not builds: they run
# beside the crate builds below instead of before them.
bg_pids=()
bg_names=()
background() {
  local name="$1"
  shift
  say "$name (in the background, log: $LOGS/$name.log)"
  ("$@") >"$LOGS/$name.log" 2>&1 &
  bg_pids+=($!)
  bg_names+=("$name")
}
wait_background() {
  local i failed=0
  for i in "${!bg_pids[@]}"; do
    if wait "${bg_pids[$i]}"; then
      say "${bg_names[$i]}: done"
    else
      say "${bg_names[$i]}: FAILED"
      cat "$LOGS/${bg_names[$i]}.log" >&2
      failed=1
    fi
  done
  return "$failed"
}

install_browser() {
  local start=$SECONDS
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver
  echo "chromium + chromium-driver installed in $((SECONDS - start)) s"
}
install_zstd() {
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq zstd
}
install_bench_tools() {
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq ripgrep time
}
install_nightly() {
  local start=$SECONDS
  rustup toolchain install nightly --profile minimal
  echo "nightly installed in $((SECONDS - start)) s"
}

# The page build compresses the WebAssembly with Debian's zstd (most Debian
# machines have it already). In the foreground, before the apt-get runs below
# start: two at once would wait on dpkg's lock.
if [ "$MODE" != fuzz ] && ! command -v zstd >/dev/null; then
  step "zstd (Debian)" install_zstd
fi
if { want test || want bench; } && { ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; }; then
  background chromium install_browser
fi
if want bench && { ! command -v rg >/dev/null || [ ! -x /usr/bin/time ]; }; then
  background bench-tools install_bench_tools
fi

# --- rust targets and crates --------------------------------------------------
if [ "$MODE" != fuzz ] && ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rust target wasm32-unknown-unknown" rustup target add wasm32-unknown-unknown
fi
# Fuzzing needs nightly; rustup locks its own folder, so this starts after the
# target above is added.
if want fuzz && ! rustup toolchain list | grep -q '^nightly'; then
  background nightly install_nightly
fi

# Every offline step (cargo-deny, trunk --offline, cargo --offline) reads the
# crates of every target (wasm32, Windows, the host) and of fuzz/: fetch them
# all here (fuzz/'s at the end, with nightly), before anything runs, so the
# order of later steps never matters.
# `cargo fetch` without --target fetches for all targets; it is a no-op when the
# crates are already in the cache.
if [ "$MODE" != fuzz ]; then
  step "crates for every target (Cargo.lock)" cargo fetch --locked --quiet
fi

# --- npm ---------------------------------------------------------------------
# binaryen (wasm-opt) and zstddec (the zstd decoder inlined into the page) are
# all the page build needs; playwright-core and axe-core only test it.
npm_ok() {
  [ -x node_modules/.bin/wasm-opt ] && [ -f node_modules/zstddec/dist/zstddec.mjs ] && [ ! package-lock.json -nt node_modules/.package-lock.json ] || return 1
  if want test || want bench; then [ -d node_modules/playwright-core ] && [ -d node_modules/axe-core ] || return 1; fi
}
if [ "$MODE" != fuzz ] && ! npm_ok; then
  if want test || want bench; then
    step "npm packages (binaryen, zstddec, playwright-core, axe-core)" npm ci --no-audit --no-fund --loglevel=error
  else
    step "npm packages (binaryen, zstddec)" npm ci --omit=dev --no-audit --no-fund --loglevel=error
  fi
fi

# --- tools built from crates.io ---------------------------------------------------
if [ "$MODE" != fuzz ] && [ "$(version_of wasm-bindgen --version)" != "$WASM_BINDGEN_VERSION" ]; then
  # Not --locked: the published lock file names a yanked webpki-roots.
  step "wasm-bindgen-cli $WASM_BINDGEN_VERSION" cargo_install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi
if [ "$MODE" != fuzz ] && [ "${SCEP_DOCTOR_NO_TRUNK:-}" != 1 ] && [ "$(version_of trunk --version)" != "$TRUNK_VERSION" ]; then
  # --locked: without it lightningcss fails to compile.
  step "trunk $TRUNK_VERSION" cargo_install trunk --version "$TRUNK_VERSION" --locked
fi
if want test && [ "$(version_of cargo deny --version)" != "$CARGO_DENY_VERSION" ]; then
  step "cargo-deny $CARGO_DENY_VERSION" cargo_install cargo-deny --version "$CARGO_DENY_VERSION" --locked
fi
if want fuzz && [ "$(version_of cargo fuzz --version)" != "$CARGO_FUZZ_VERSION" ]; then
  step "cargo-fuzz $CARGO_FUZZ_VERSION" cargo_install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi
# The shared build folder is only needed while installing.
rm -rf target/tools

wait_background
# fuzz/Cargo.toml asks for a nightly cargo feature, so its crates are fetched
# once nightly (installed in the background above) is there.
if want fuzz; then
  step "crates for every target (fuzz/Cargo.lock)" cargo +nightly fetch --locked --quiet --manifest-path fuzz/Cargo.toml
fi
say "ready ($MODE) after $SECONDS s"
