#!/usr/bin/env bash
# Benchmark (a script, not a test): SCEP Doctor on big generated Android,
# iOS (two Console-copy shapes) and Windows logs, natively, as wasm under Node,
# as wasm in headless Chromium (analysis only, bench/chromium-analyze.mjs) and
# as the page there, next to `grep -F -f` and `rg -F -f` over the rules'
# needles. Idempotent: installs and builds only what is missing or stale.
#
#   bash scripts/bench.sh          # 10 MB and 100 MB files
#   bash scripts/bench.sh --big    # also 1 GB
#
# Writes everything under target/bench/ (outside git); the Markdown table goes
# to stdout and target/bench/results.md. Times are wall clock of one run (for
# the page: its marks, file chosen → the frame after its verdict; chosen once
# as soon as the page is ready and once 1.5 s later, "page warm", when its
# worker has warmed up), peak memory is /usr/bin/time's
# max RSS (for the page: the largest RSS of any one Chromium process, sampled
# by bench/page.mjs). Each tool but the page runs BENCH_RUNS times (default
# 3) back to back and the fastest run counts, so the native/grep ratios at the
# end compare runs made under the same machine load. With the page, it also
# measures the page's budgets (bench/budgets.mjs: the single file's size,
# navigation → ready, and a 1 MB log of each platform chosen → its verdict
# shown, medians of BENCH_LOADS fresh pages, default 7). Env: BENCH_SIZES
# (default "10,100"), BENCH_TOOLS (default "native,node,chromium,page,grep,rg"; rg is
# left out when it is not installed), BENCH_PLATFORMS (default
# "android,ios,ios-seed,windows"; the other export shapes: ios-logshow,
# ios-json, ios-ndjson, windows-details, windows-txt, windows-csv, windows-xml,
# windows-evtx, ndes-iis, ca-csv, ca-certutil, or "all"), BENCH_RUNS, BENCH_SETUP (0: skip
# scripts/setup.sh and use the tools already installed).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:${CARGO_INSTALL_ROOT:-${CARGO_HOME:-$HOME/.cargo}}/bin:$HOME/.cargo/bin:$PATH"

BIG=0
for arg in "$@"; do
  case "$arg" in
    --big) BIG=1 ;;
    *) echo "usage: bash scripts/bench.sh [--big]" >&2; exit 2 ;;
  esac
done
SIZES="${BENCH_SIZES:-10,100}"
TOOLS="${BENCH_TOOLS:-native,node,chromium,page,grep,rg}"
BENCH_PLATFORMS="${BENCH_PLATFORMS:-android,ios,ios-seed,windows}"
[ "$BENCH_PLATFORMS" = all ] && BENCH_PLATFORMS=android,ios,ios-seed,windows,ios-logshow,ios-json,ios-ndjson,windows-details,windows-txt,windows-csv,windows-xml,windows-evtx,ndes-iis,ca-csv,ca-certutil
RUNS="${BENCH_RUNS:-3}"
OUT=target/bench
mkdir -p "$OUT"
say() { printf '\033[1m[bench]\033[0m %s\n' "$*" >&2; }
has_tool() { [[ ",$TOOLS," == *",$1,"* ]] && { [ "$1" != rg ] || command -v rg > /dev/null; }; }

# --- tools (BENCH_SETUP=0: use what is installed) ----------------------------
[ "${BENCH_SETUP:-1}" = 0 ] || bash scripts/setup.sh bench

# --- builds: the CLI with its own profile (`native`: opt-level 3), the wasm
# with the release profile (it keeps the target_features section: no strip)
say "building the native CLI (profile native) and the needles example"
cargo build --profile native --locked --bin scep-doctor --example needles
cargo run -q --profile native --locked --example needles > "$OUT/needles.txt"

if has_tool node || has_tool chromium; then
  say "building the wasm core for Node (target/bench/node) and Chromium (target/bench/web)"
  cargo build --release --locked --target wasm32-unknown-unknown --lib
  wasm-bindgen --target nodejs --out-dir "$OUT/node" \
    target/wasm32-unknown-unknown/release/scep_doctor.wasm
  # As the page ships it: through wasm-opt -Oz (index.html's data-wasm-opt).
  wasm-bindgen --target web --out-dir "$OUT/web" \
    target/wasm32-unknown-unknown/release/scep_doctor.wasm
  wasm-opt -Oz "$OUT/web/scep_doctor_bg.wasm" -o "$OUT/web/scep_doctor_bg.wasm"
fi

if has_tool page; then
  # The page is rebuilt only when a source is newer than it.
  if [ ! -f dist/scep-doctor.html ] || [ -n "$(find crate index.html www scripts/single-file.mjs Cargo.toml Cargo.lock -newer dist/scep-doctor.html -type f -print -quit)" ]; then
    say "building the page (scripts/build.sh)"
    bash scripts/build.sh
  fi
fi

# --- inputs ----------------------------------------------------------------
gen_args=(--needles "$OUT/needles.txt" --sizes "$SIZES" --platforms "$BENCH_PLATFORMS")
[ "$BIG" = 1 ] && gen_args+=(--big)
stamp="$OUT/inputs.stamp"
want="$(cat bench/gen_logs.py bench/evtx.py "$OUT/needles.txt" tests/fixtures/android/full-success.log \
  tests/fixtures/ios/root-and-scep-installed.log tests/fixtures/ios/success-buried-in-20k-lines-of-noise.log \
  tests/fixtures/ios/success-style-a-textedit.log tests/fixtures/windows/success-list-copy.txt \
  tests/fixtures/ios/log-show-logarchive.log tests/fixtures/ios/log-show-json-get-pkioperation.log \
  tests/fixtures/ios/log-show-ndjson-22013.log tests/fixtures/windows/thumbprint-mismatch-32-307-details.txt \
  tests/fixtures/windows/success-save-as-utf16le.txt tests/fixtures/windows/success-save-as-german.csv \
  tests/fixtures/windows/http-404-0x80190194-events.xml tests/fixtures/ndes/iis-two-devices-fields-change-mid-file.log \
  tests/fixtures/ca/issued-certificates-export-list.csv \
  | sha256sum | cut -c1-16) $SIZES $BIG $BENCH_PLATFORMS"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  say "generating logs ($SIZES MB$([ "$BIG" = 1 ] && echo ', 1000 MB'))"
  python3 bench/gen_logs.py "$OUT" "${gen_args[@]}"
  echo "$want" > "$stamp"
fi
# Real-shaped? Each platform's smallest file must report the certificates and
# verdicts of the fixture its story came from (bench/check_shapes.py).
say "checking the generated logs' reports against their fixtures"
python3 bench/check_shapes.py target/native/scep-doctor "$OUT" "${SIZES%%,*}" ${BENCH_PLATFORMS//,/ } >&2 \
  || say "a generated log's report differs from its fixture's (above)"

# --- measuring -------------------------------------------------------------
# measure LABEL FILE CMD... : runs CMD once under /usr/bin/time -v, stdout to
# $OUT/last.out; appends one table row.
rows=()
notes=()
declare -A speed
measure() {
  local platform=$1 size=$2 tool=$3 file=$4
  shift 4
  local tv="$OUT/time.txt" runs=$RUNS best="" run
  case "$tool" in page* | chromium*) runs=1 ;; esac
  # The fastest of `runs` runs back to back (its time file is kept).
  for ((run = 0; run < runs; run++)); do
    # Timed here to the microsecond: /usr/bin/time says hundredths of a
    # second, and a 10 MB file takes two to five of them (the native CLI
    # and grep were then 0.03 against 0.02 s, a ratio the rounding made).
    local t0 t1 w
    t0=$(date +%s%N)
    /usr/bin/time -v -o "$OUT/run.txt" "$@" > "$OUT/last.out" 2> "$OUT/last.err" || true
    t1=$(date +%s%N)
    w=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", (b - a) / 1e9 }')
    if [ -z "$best" ] || awk -v a="$w" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$w
      cp "$OUT/run.txt" "$tv"
    fi
  done
  if [ "$(sed -n 's/^\s*Exit status: //p' "$tv")" != 0 ]; then
    # scep-doctor exits 1 when a certificate failed; grep exits 1 on no match.
    local rc
    rc=$(sed -n 's/^\s*Exit status: //p' "$tv")
    if [ "$rc" -gt 1 ]; then
      say "$tool on $file failed (exit $rc):"; cat "$OUT/last.err" >&2
      rows+=("| $platform | $size MB | $tool | failed | | |")
      return
    fi
  fi
  local rss bytes secs
  rss=$(sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$tv")
  bytes=$(stat -c %s "$file")
  # The page prints its own time (file chosen → verdict drawn); the
  # others are timed as whole processes.
  local key=${tool%% *}
  if [ "$key" = page ]; then
    read -r secs analysis page_mb < "$OUT/last.out"
    rss=$((page_mb * 1024))
    case "$tool" in "page warm"*) key=page-warm ;; esac
    tool="${tool%)}, ${analysis})"
  elif [ "$key" = chromium ]; then
    # Its warm runs' median, timed inside the page; the first run in brackets.
    local first
    read -r secs first < "$OUT/last.out"
    rss=0
    tool="${tool%)}; first run ${first} s)"
  else
    secs=$best
  fi
  rows+=("$(awk -v p="$platform" -v sz="$size" -v t="$tool" -v s="$secs" -v b="$bytes" -v r="$rss" \
    'BEGIN { printf "| %s | %s MB | %s | %.3f | %.0f | %s |", p, sz, t, s, (s > 0 ? b / 1e6 / s : 0), (r > 0 ? sprintf("%.0f", r / 1024) : "") }')")
  speed["$platform $size $key"]=$(awk -v s="$secs" -v b="$bytes" 'BEGIN { printf "%.0f", (s > 0 ? b / 1e6 / s : 0) }')
  say "${rows[-1]}"
  local wasm_mb
  wasm_mb=$(sed -n 's/^wasm memory \([0-9]*\) MB$/\1/p' "$OUT/last.err")
  [ -n "$wasm_mb" ] && notes+=("$platform $size MB: ${wasm_mb} MB")
  return 0
}

sizes=(${SIZES//,/ })
[ "$BIG" = 1 ] && sizes+=(1000)
for platform in ${BENCH_PLATFORMS//,/ }; do
  # The file name's extension per shape (bench/gen_logs.py's EXT).
  case "$platform" in
    windows|windows-details|windows-txt|ca-certutil) ext=txt ;;
    windows-csv|ca-csv) ext=csv ;;
    windows-xml) ext=xml ;;
    windows-evtx) ext=evtx ;;
    *) ext=log ;;
  esac
  for size in "${sizes[@]}"; do
    file="$OUT/$platform-${size}mb.$ext"
    has_tool native && measure "$platform" "$size" "native CLI" "$file" \
      target/native/scep-doctor --json "$file"
    has_tool node && measure "$platform" "$size" "wasm (Node)" "$file" \
      node bench/node-analyze.mjs "$PWD/$OUT/node/scep_doctor.js" "$file"
    has_tool chromium && measure "$platform" "$size" "chromium wasm (analysis only, warm)" "$file" \
      node bench/chromium-analyze.mjs "$PWD/$OUT/web" "$PWD/$file"
    if has_tool page; then
      # Chosen as soon as the page is ready, and once the worker has warmed
      # up (www/app.js, WARM_UP_MS: about as long as a person takes to
      # choose a file).
      measure "$platform" "$size" "page (Chromium)" "$file" \
        node bench/page.mjs "$PWD/dist/scep-doctor.html" "$PWD/$file" 0
      measure "$platform" "$size" "page warm (Chromium)" "$file" \
        node bench/page.mjs "$PWD/dist/scep-doctor.html" "$PWD/$file" 1500
    fi
    has_tool grep && measure "$platform" "$size" "grep -c -F -f" "$file" \
      env LC_ALL=C grep -c -F -f "$OUT/needles.txt" "$file"
    has_tool rg && measure "$platform" "$size" "rg -c -F -f" "$file" \
      rg -c -F -f "$OUT/needles.txt" "$file"
  done
done

budgets=""
if has_tool page; then
  # 1 MB logs of every platform (the story placed a third of the way in).
  python3 bench/gen_logs.py "$OUT/budget" --needles "$OUT/needles.txt" --sizes 1 --platforms "$BENCH_PLATFORMS"
  say "page budgets (bench/budgets.mjs)"
  node bench/budgets.mjs "$PWD/dist/scep-doctor.html" "$OUT"/budget/*-1mb.* > "$OUT/budgets.json"
  budgets=$(node -e '
    const b = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const rows = [
      "| Page budget (#18) | Asked | Measured (median) |",
      "|---|---:|---:|",
      `| single file | ≤ 1,000,000 bytes | ${b.singleFileBytes.toLocaleString("en")} bytes |`,
      `| navigation → ready | ≤ 200 ms | ${b.readyMs} ms (document parsed ${b.readyPhases.script}, unpacked +${b.readyPhases.unpacked}, compiled +${b.readyPhases.compiled}, started +${b.readyPhases.ready}) |`,
      ...Object.entries(b.verdicts).map(([f, v]) => `| ${f} chosen → verdict shown | ≤ 100 ms | ${v.framedMs} ms in the page (its change event to the frame after the verdict; analysis and render ${v.pageMs} ms); ${v.ms} ms through the driver |`),
    ];
    console.log(rows.join("\n"));' "$OUT/budgets.json")
fi

{
  echo "| Platform | Size | Tool | Seconds | MB/s | Peak RSS MB |"
  echo "|---|---|---|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "| Platform | Size | native MB/s | grep -F -f MB/s | native ÷ grep | rg -F -f MB/s | native ÷ rg | Chromium wasm ÷ native | page ÷ native | page warm ÷ native |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  for platform in ${BENCH_PLATFORMS//,/ }; do
    for size in "${sizes[@]}"; do
      n=${speed["$platform $size native"]:-} g=${speed["$platform $size grep"]:-} r=${speed["$platform $size rg"]:-}
      pg=${speed["$platform $size page"]:-} pw=${speed["$platform $size page-warm"]:-}
      cw=${speed["$platform $size chromium"]:-}
      [ -z "$n" ] && continue
      ratio() { [ -n "$2" ] && [ "$2" != 0 ] && awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f×", a / b }'; }
      share() { [ -n "$1" ] && awk -v a="$1" -v b="$n" 'BEGIN { printf "%.0f %%", 100 * a / b }'; }
      echo "| $platform | $size MB | $n | ${g:-} | $(ratio "$n" "$g") | ${r:-} | $(ratio "$n" "$r") | $(share "$cw") | $(share "$pg") | $(share "$pw") |"
    done
  done
  if [ "${#notes[@]}" -gt 0 ]; then
    echo
    echo "wasm linear memory after \`analyze\` under Node (it only grows, so this is the core's peak heap): $(IFS=';'; echo "${notes[*]}" | sed 's/;/; /g')."
  fi
  if [ -n "$budgets" ]; then
    echo
    echo "$budgets"
  fi
} | tee "$OUT/results.md"
