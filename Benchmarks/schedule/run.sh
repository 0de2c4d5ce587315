#!/usr/bin/env bash
# Benchmark of the weekly solver (printed, not asserted). See docs/scheduling.md.
#
#   Benchmarks/schedule/run.sh              full run: XS…XL × 0.75/0.9/1.05 × 3 seeds, 60 s each
#   BENCH_QUICK=1 Benchmarks/schedule/run.sh  smoke test: XS/S/M × 0.9/1.05 × 1 seed, 3 s each
#
# Environment: BENCH_SIZES, BENCH_TIGHTNESS, BENCH_SEEDS, BENCH_LIMIT (seconds),
# BENCH_STRATEGY (late-acceptance|tabu), BENCH_PACKAGE (package directory, default: the
# repository root), BENCH_BIN (an already built relais-schedule: skips the build).
# Needs GNU time (/usr/bin/time -v) for peak memory: `apt-get install -y time` when missing.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
package="${BENCH_PACKAGE:-$(cd "$here/../.." && pwd)}"
if [[ "${BENCH_QUICK:-0}" == "1" ]]; then
  sizes="${BENCH_SIZES:-XS S M}"; tightness="${BENCH_TIGHTNESS:-0.9 1.05}"
  seeds="${BENCH_SEEDS:-1}"; limit="${BENCH_LIMIT:-3}"
else
  sizes="${BENCH_SIZES:-XS S M L XL}"; tightness="${BENCH_TIGHTNESS:-0.75 0.9 1.05}"
  seeds="${BENCH_SEEDS:-1 2 3}"; limit="${BENCH_LIMIT:-60}"
fi
strategy="${BENCH_STRATEGY:-late-acceptance}"

if [[ -n "${BENCH_BIN:-}" ]]; then
  bin="$BENCH_BIN"
else
  echo "building: swift build -c release --product relais-schedule --package-path $package" >&2
  swift build -c release --product relais-schedule --package-path "$package" >&2
  bin="$(swift build -c release --product relais-schedule --package-path "$package" --show-bin-path)/relais-schedule"
fi
[[ -x /usr/bin/time ]] || { echo "GNU time missing: apt-get install -y time" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "command per run: $bin solve --instance I.json --time-limit $limit --seed SEED --strategy $strategy --format json --out plan.json (under /usr/bin/time -v, one core)"
echo "complete = hard 0 and every session placed; first = seconds to the first complete plan; soft@t = best soft score found by t seconds"
printf '%-4s %-5s %-4s %9s %8s %8s %10s %10s %10s %8s %8s\n' size tight seed placed complete first "soft@1s" "soft@10s" "soft@60s" "iter/s" "peakMB"
for size in $sizes; do
  for t in $tightness; do
    for seed in $seeds; do
      inst="$work/$size-$t-$seed.json"
      "$bin" generate --size "$size" --tightness "$t" --seed "$seed" --out "$inst"
      /usr/bin/time -v -o "$work/time.txt" "$bin" solve --instance "$inst" --time-limit "$limit" --seed "$seed" \
        --strategy "$strategy" --format json --out "$work/plan.json" > "$work/summary.json"
      "$bin" check --instance "$inst" --plan "$work/plan.json" --format json > "$work/check.json" || true
      peak_kb="$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$work/time.txt")"
      python3 - "$work/summary.json" "$work/check.json" "$size" "$t" "$seed" "$peak_kb" <<'PY'
import json, sys
summary, check = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
size, t, seed, peak = sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6])
st = summary["statistics"]
def at(limit):
    best = None
    for p in st["trace"]:
        if p["seconds"] <= limit:
            best = p["soft"]
    return "-" if best is None or limit > st["seconds"] + 0.5 else str(best)
complete = check["hard"] == 0 and check["unassigned"] == 0
first = st.get("firstCompleteSeconds")
print(f"{size:<4} {t:<5} {seed:<4} {summary['assigned']:>4}/{summary['sessions']:<4} "
      f"{'yes' if complete else 'no':>8} {('%.2f' % first) if first is not None else '-':>8} "
      f"{at(1):>10} {at(10):>10} {at(60):>10} {st['iterations'] / max(st['seconds'], 1e-9):>8.0f} {peak / 1024:>8.1f}"
      + ("" if check["hard"] == 0 else f"  HARD {check['hard']}"))
PY
    done
  done
done
