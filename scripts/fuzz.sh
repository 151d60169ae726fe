#!/usr/bin/env bash
# Runs every fuzz target (libFuzzer via cargo-fuzz, nightly Rust) for a fixed
# time each, with a corpus seeded from the test fixtures.
#   bash scripts/fuzz.sh          # 30 s per target
#   bash scripts/fuzz.sh 600      # longer runs by hand
# A crash leaves its input in fuzz/artifacts/<target>/: turn it into a
# regression fixture (tests/fixtures/<platform>/NAME-named-after-the-defect.log)
# with its expected report, then fix the core.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET="${1:-30}"

bash scripts/setup.sh fuzz
export PATH="${CARGO_INSTALL_ROOT:-${CARGO_HOME:-$HOME/.cargo}}/bin:$HOME/.cargo/bin:$PATH"

targets=(analyze two_sources evtx chunks)
for target in "${targets[@]}"; do
  corpus="fuzz/corpus/$target"
  mkdir -p "$corpus"
  # Seed with every small fixture (and the real .evtx sample for the evtx target).
  find tests/fixtures -type f ! -name '*.json' ! -name '*.md' -size -256k -exec cp -n {} "$corpus/" \;
  if [ "$target" = evtx ] && [ -f ../shared/real-samples/connector-admin-revoke-failures.evtx ]; then
    tail -c +9 ../shared/real-samples/connector-admin-revoke-failures.evtx | head -c 200000 > "$corpus/real-sample-tail" || true
  fi
done
for target in "${targets[@]}"; do
  echo "== fuzz $target for ${SECONDS_PER_TARGET}s" >&2
  cargo +nightly fuzz run "$target" "fuzz/corpus/$target" -- \
    -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb=4096 -max_len=1048576 -timeout=30 -print_final_stats=1
done
echo "fuzz: ${#targets[@]} passed, 0 failed"
