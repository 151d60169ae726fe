#!/usr/bin/env bash
# Runs every fuzz target (libFuzzer via cargo-fuzz, nightly Rust), with a corpus
# seeded from the test fixtures and a dictionary of the rules' needles.
#
#   bash scripts/fuzz.sh                    # 30 s per target
#   bash scripts/fuzz.sh 600                # longer runs by hand
#   bash scripts/fuzz.sh --campaign 3600    # a campaign on record, see below
#   FUZZ_TARGETS="store ca_export" bash scripts/fuzz.sh --campaign 600
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
# FUZZ_TARGETS="a b" runs only those (a reader's fix measured on record
# without a whole campaign); the share of a campaign's time is then theirs.
if [ -n "${FUZZ_TARGETS:-}" ]; then
  read -r -a wanted <<<"$FUZZ_TARGETS"
  for t in "${wanted[@]}"; do
    printf '%s\n' "${targets[@]}" | grep -qx -- "$t" || { echo "no fuzz target $t" >&2; exit 2; }
  done
  targets=("${wanted[@]}")
fi
if [ "$CAMPAIGN" = 1 ]; then
  SECONDS_PER_TARGET=$((TOTAL / ${#targets[@]}))
fi

# FUZZ_SANITIZER (cargo fuzz -s): short runs default to address; campaigns
# to none. The core has no `unsafe`, so what ASan watches
# for cannot happen in our code, while it costs 2-3x the executions per
# second; the campaign looks for panics, timeouts and memory blow-ups, which
# libFuzzer catches without it (README, "Fuzzing").
# FUZZ_FLAGS adds cargo fuzz build flags.
if [ "$CAMPAIGN" = 1 ]; then
  SANITIZER="${FUZZ_SANITIZER:-none}"
else
  SANITIZER="${FUZZ_SANITIZER:-address}"
fi
read -r -a extra <<<"${FUZZ_FLAGS:-}"
build_flags=(-s "$SANITIZER" "${extra[@]}")

# Comparison tracing (how the fuzzer learns the values a comparison wants)
# is kept for the core's own code and nothing else: `--no-trace-compares`
# takes it off every crate, and fuzz/Cargo.toml puts it back on the core.
# Traced, the regex engines' inner loops were 65 % of a `records` execution
# (714 -> 876 exec/s without them, same corpus). The whole-pipeline targets
# run with no tracing at all, in their own target folder: their callbacks
# were half of an `analyze` execution (630 -> 1,281 exec/s), twice `chunks`'
# rate even with the core alone traced (419 -> 866), and what tracing would
# teach them is in the dictionary below, every rule's needle and every
# format's marks. RUSTFLAGS comes after a profile's flags, so its `=false`
# wins over fuzz/Cargo.toml's. FUZZ_TRACE_COMPARES=1 traces every crate of
# every target.
PIPELINE_TARGETS=(analyze two_sources chunks evtx)
if [ "${FUZZ_TRACE_COMPARES:-0}" = 1 ]; then
  PIPELINE_TARGETS=()
else
  build_flags+=(--no-trace-compares)
fi
fast_flags=("${build_flags[@]}" --target-dir fuzz/target/fast)
fast_env=(RUSTFLAGS="${RUSTFLAGS:-} -Cllvm-args=-sanitizer-coverage-trace-compares=false")
# flags_of TARGET: the build flags and environment its builds and runs use
# (the same for both, or `cargo fuzz run` would build again).
flags_of() {
  local t
  for t in "${PIPELINE_TARGETS[@]}"; do
    if [ "$t" = "$1" ]; then
      target_flags=("${fast_flags[@]}")
      target_env=("${fast_env[@]}")
      return
    fi
  done
  target_flags=("${build_flags[@]}")
  target_env=()
}
# Build every target once (one instrumented build of the core, then a link
# each) rather than one cargo invocation per target inside the loop.
cargo +nightly fuzz build "${build_flags[@]}" >&2
for t in "${PIPELINE_TARGETS[@]}"; do
  flags_of "$t"
  env "${target_env[@]}" cargo +nightly fuzz build "${target_flags[@]}" "$t" >&2
done

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
"<E2ETraceEvent xmlns=\"http://schemas.microsoft.com/2004/06/E2ETraceEvent\">"
"<ApplicationData>"
"SystemTime=\""
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
"================ Certificate "
"Cert Hash(sha1): "
"CertUtil: -store command completed successfully."
"my \"Personal\""
"Root \"Trusted Root Certification Authorities\""
"Serial Number: "
"Issuer: "
" NotBefore: "
" NotAfter: "
"Subject: "
"  Key Container = "
"  Provider = "
"   PSParentPath: Microsoft.PowerShell.Security\\Certificate::CurrentUser\\My"
"Thumbprint                                Subject"
"Thumbprint   : "
"HasPrivateKey            : "
"EnhancedKeyUsageList"
"NotAfter     : "
"-----BEGIN CERTIFICATE-----"
"-----END CERTIFICATE-----"
"-----BEGIN PKCS7-----"
"-----END PKCS7-----"
"\x30\x82"
"\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x02"
"\x06\x03\x55\x04\x03"
"\x06\x08\x2b\x06\x01\x05\x05\x07\x03\x02"
"\x17\x0d"
"\x18\x0f"
"4003"
"4004"
"4006"
"4007"
"4008"
"4009"
"4010"
"4005"
"3001"
"1001"
"1201"
"2001"
"|"
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

# max_len_of TARGET: the longest input the fuzzer makes (FUZZ_MAX_LEN
# overrides it for every target). The whole-pipeline text targets cost
# about 1 µs per byte, so they get small inputs: every format is detected
# from its first lines and a report needs only a few, and long inputs
# (quadratic paths, pieces past 64 KiB) are tests/hostile.rs's and
# tests/streaming.rs's job. `chunks` keeps room for its 4095/4096-byte
# pieces (8 KiB: it analyzes each input twice, whole and in pieces); `evtx`
# needs a whole 64 KiB chunk; `records` (every format's reader, twice over
# its input) 16 KiB: its readers work a line or a record at a time (about
# 10,000 instructions a line under callgrind), and from the same grown corpus 90 s
# reached the same coverage at 16 KiB (1,409 exec/s) as at 64 KiB (876);
# the other readers take 1 MiB.
max_len_of() {
  if [ -n "${FUZZ_MAX_LEN:-}" ]; then echo "$FUZZ_MAX_LEN"; return; fi
  case "$1" in
    analyze | two_sources) echo 4096 ;;
    chunks) echo 8192 ;;
    records) echo 16384 ;;
    *) echo 1048576 ;;
  esac
}

rows=()
failed=0
for target in "${targets[@]}"; do
  echo "== fuzz $target for ${SECONDS_PER_TARGET}s" >&2
  log="target/fuzz/$target.log"
  before=$(crashes_of "$target")
  set +e
  flags_of "$target"
  env "${target_env[@]}" cargo +nightly fuzz run "${target_flags[@]}" "$target" "fuzz/corpus/$target" -- \
    -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb=4096 -max_len="$(max_len_of "$target")" -timeout=30 \
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
    env "${target_env[@]}" cargo +nightly fuzz cmin "${target_flags[@]}" "$target" "fuzz/corpus/$target" >"target/fuzz/$target.cmin.log" 2>&1 ||
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
