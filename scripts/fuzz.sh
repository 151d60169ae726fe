#!/usr/bin/env bash
# Runs every fuzz target (libFuzzer via cargo-fuzz, nightly Rust), with a corpus
# seeded from the test fixtures and a dictionary of the rules' needles.
#
#   bash scripts/fuzz.sh                    # 30 s per target
#   bash scripts/fuzz.sh 600                # longer runs by hand
#   bash scripts/fuzz.sh --campaign 3600    # a campaign on record, see below
#
# A campaign runs every target for an equal share of the total time, goes on
# after a crash, minimizes each target's corpus (cargo fuzz cmin) and appends
# one row per target to README's "Fuzzing campaigns" table: date, commit,
# target, seconds, executions, executions per second, coverage, crashes. It
# exits 1 if any target crashed.
#
# A crash leaves its input in fuzz/artifacts/<target>/: turn it into a
# regression fixture (tests/fixtures/<platform>/NAME-named-after-the-defect.log)
# with its expected report, then fix the core.
set -euo pipefail
cd "$(dirname "$0")/.."

CAMPAIGN=0
if [ "${1:-}" = --campaign ]; then
  CAMPAIGN=1
  TOTAL="${2:?usage: bash scripts/fuzz.sh --campaign TOTAL_SECONDS}"
else
  SECONDS_PER_TARGET="${1:-30}"
fi

bash scripts/setup.sh fuzz
export PATH="${CARGO_INSTALL_ROOT:-${CARGO_HOME:-$HOME/.cargo}}/bin:$HOME/.cargo/bin:$PATH"

# Every [[bin]] of fuzz/Cargo.toml is a target: a new one is fuzzed without
# touching this script.
mapfile -t targets < <(cargo +nightly fuzz list)
if [ "$CAMPAIGN" = 1 ]; then
  SECONDS_PER_TARGET=$((TOTAL / ${#targets[@]}))
fi

# Build every target once (one instrumented build of the core, then a link
# each) rather than one cargo invocation per target inside the loop.
# FUZZ_SANITIZER (cargo fuzz -s) defaults to address; the core has no
# `unsafe`, so `none` is a fair choice for long campaigns (about twice the
# executions per second).
# FUZZ_FLAGS adds cargo fuzz build flags (e.g. --no-trace-compares: the
# comparison tracing is most of a whole-pipeline execution's time, see the
# report of issue #19).
SANITIZER="${FUZZ_SANITIZER:-address}"
read -r -a extra <<<"${FUZZ_FLAGS:-}"
build_flags=(-s "$SANITIZER" "${extra[@]}")
cargo +nightly fuzz build "${build_flags[@]}" >&2

# The dictionary: every rule needle, so mutations reach the rules' code paths
# without first having to guess their keywords.
mkdir -p target/fuzz
dict=target/fuzz/needles.dict
cargo run -q --profile test --example needles | python3 -c '
import sys
for line in sys.stdin.buffer.read().split(b"\n"):
    if line:
        out = "".join(chr(b) if 32 <= b < 127 and b not in (34, 92) else "\\x%02x" % b for b in line)
        print("\"%s\"" % out)
' >"$dict"
# And the keywords that mark each reader's formats (magics, directives, tags).
cat >>"$dict" <<'DICT'
"PK\x03\x04"
"MSCF"
"ElfFile\x00"
"{\\rtf1"
"\xff\xfe"
"\xef\xbb\xbf"
"#Fields: "
"#Date: "
"<Event xmlns="
"<EventID>"
"<Provider Name="
"<Data Name="
"</Event>"
"<LocURI>./"
"Row 1:"
"CertUtil: -view"
"Maximum Row Index:"
"Request ID"
"Log Name:"
"Description:"
"Error Domain="
"NSUnderlyingError"
"UserInfo={"
"operation=PKIOperation&message="
"operation=GetCACert"
DICT

for target in "${targets[@]}"; do
  corpus="fuzz/corpus/$target"
  mkdir -p "$corpus"
  # Seed with every small fixture (and the real .evtx sample for the evtx target).
  find tests/fixtures -type f ! -name '*.json' ! -name '*.md' -size -256k -exec cp -n {} "$corpus/" \;
  if [ "$target" = evtx ] && [ -f ../shared/real-samples/connector-admin-revoke-failures.evtx ]; then
    tail -c +9 ../shared/real-samples/connector-admin-revoke-failures.evtx | head -c 200000 >"$corpus/real-sample-tail" || true
  fi
done

crashes_of() {
  [ -d "fuzz/artifacts/$1" ] || { echo 0; return; }
  find "fuzz/artifacts/$1" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l
}
# stat NAME LOG: a libFuzzer final statistic.
stat() { sed -n "s/^stat::$1: *\([0-9]*\).*/\1/p" "$2" | tail -n 1; }

rows=()
failed=0
for target in "${targets[@]}"; do
  echo "== fuzz $target for ${SECONDS_PER_TARGET}s" >&2
  log="target/fuzz/$target.log"
  before=$(crashes_of "$target")
  set +e
  cargo +nightly fuzz run "${build_flags[@]}" "$target" "fuzz/corpus/$target" -- \
    -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb=4096 -max_len=1048576 -timeout=30 \
    -print_final_stats=1 -dict="$dict" 2>&1 | tee "$log" >&2
  rc=${PIPESTATUS[0]}
  set -e
  [ "$rc" -eq 0 ] || failed=$((failed + 1))
  if [ "$CAMPAIGN" = 1 ]; then
    execs=$(stat number_of_executed_units "$log")
    per_sec=$(stat average_exec_per_sec "$log")
    cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -n 1 | awk '{print $2 " / " $4}')
    crashes=$(($(crashes_of "$target") - before))
    rows+=("| $(date -u +%Y-%m-%d) | $(git rev-parse --short HEAD) | \`$target\` | $SECONDS_PER_TARGET | ${execs:-?} | ${per_sec:-?} | ${cov:-?} | $crashes |")
    echo "== minimizing fuzz/corpus/$target" >&2
    cargo +nightly fuzz cmin "${build_flags[@]}" "$target" "fuzz/corpus/$target" >"target/fuzz/$target.cmin.log" 2>&1 ||
      echo "cmin $target failed: see target/fuzz/$target.cmin.log" >&2
  elif [ "$rc" -ne 0 ]; then
    break
  fi
done

if [ "$CAMPAIGN" = 1 ]; then
  # New rows go right above the marker line at the end of README's table.
  marker='<!-- fuzz-campaigns: new rows go above this line -->'
  printf '%s\n' "${rows[@]}" >target/fuzz/rows.md
  python3 - "$marker" <<'EOF'
import sys
marker = sys.argv[1]
rows = open("target/fuzz/rows.md", encoding="utf-8").read()
readme = open("README.md", encoding="utf-8").read()
if marker not in readme:
    sys.exit("README.md has no fuzz-campaign marker line")
open("README.md", "w", encoding="utf-8").write(readme.replace(marker, rows + marker, 1))
EOF
  cat target/fuzz/rows.md
fi

echo "fuzz: $((${#targets[@]} - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
