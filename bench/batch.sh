#!/usr/bin/env bash
# Benchmark of batch triage (a script, not a test): `scep-doctor --each` over
# 1,000 generated device bundles (bench/gen_devices.py: folders, zips and
# single files made from the fixtures), with one thread and with every core.
#
#   bash bench/batch.sh            # 1000 devices
#   BENCH_DEVICES=5000 bash bench/batch.sh
#
# Builds the release CLI if stale; writes the devices under
# target/bench/devices-N/ (outside git) and prints a Markdown table: wall
# clock (best of BENCH_RUNS, default 3), devices per second, CPU seconds
# (user + system, of that run) and CPU use (CPU seconds / wall: near the
# thread count on an idle machine), peak RSS (/usr/bin/time -v).
set -euo pipefail
cd "$(dirname "$0")/.."
N="${BENCH_DEVICES:-1000}"
RUNS="${BENCH_RUNS:-3}"
OUT="target/bench/devices-$N"
say() { printf '\033[1m[bench]\033[0m %s\n' "$*" >&2; }

say "building the native CLI (profile native)"
cargo build --profile native --locked --bin scep-doctor
BIN=target/native/scep-doctor
if [[ ! -e "$OUT/.done" ]]; then
  say "writing $N device bundles to $OUT"
  rm -rf "$OUT"
  python3 bench/gen_devices.py "$OUT" --count "$N"
  touch "$OUT/.done"
fi
mapfile -t DEVICES < <(find "$OUT" -mindepth 1 -maxdepth 1 ! -name '.done' | sort)
CORES=$(nproc)
say "${#DEVICES[@]} devices, $(du -sh "$OUT" | cut -f1) on disk, $CORES cores"

echo "| Threads | Devices | Seconds (best of $RUNS) | Devices/s | CPU s | CPU use | Peak RSS MB |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for jobs in 1 "$CORES"; do
  best=""
  rss=0
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -v -o "$OUT.time" "$BIN" --each --quiet --format csv --jobs "$jobs" \
      "${DEVICES[@]}" > "$OUT.csv" || [[ $? -le 2 ]]
    secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$OUT.time")
    kb=$(awk -F': ' '/Maximum resident/ {print $2}' "$OUT.time")
    cpu_now=$(awk -F': ' '/(User|System) time/ {s+=$2} END {print s}' "$OUT.time")
    if [[ -z "$best" ]] || awk -v a="$secs" -v b="$best" 'BEGIN{exit !(a<b)}'; then
      best=$secs
      cpu=$cpu_now
    fi
    (( kb > rss )) && rss=$kb
  done
  rows=$(($(wc -l < "$OUT.csv") - 1))
  awk -v j="$jobs" -v n="$rows" -v s="$best" -v c="$cpu" -v r="$rss" \
    'BEGIN{printf "| %s | %d | %.2f | %.0f | %.2f | %.0f %% | %.0f |\n", j, n, s, n/s, c, 100*c/s, r/1024}'
done
say "verdicts: $(cut -d, -f3 "$OUT.csv" | tail -n +2 | sort | uniq -c | tr -s ' ' | tr '\n' ';')"
