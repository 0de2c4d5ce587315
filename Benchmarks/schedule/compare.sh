#!/usr/bin/env bash
# The yardstick of issue 3: our solver (10 s on one core) against OR-Tools CP-SAT (60 s, two
# workers) on the same generated instances, both plans verified by `relais-schedule check`.
# Goal: ratio (ours ÷ CP-SAT soft score) ≤ 1.01 on S and M, < 1 on L and XL.
#
#   pip install ortools
#   Benchmarks/schedule/compare.sh [path/to/release/relais-schedule]
#
# Environment: CMP_SIZES (default "S M L XL"), CMP_TIGHTNESS ("0.9"), CMP_SEED (1),
# CMP_OURS_LIMIT (10 s), CMP_CPSAT_LIMIT (60 s), CMP_CPSAT_WORKERS (2), CMP_BUILD_LIMIT
# (seconds allowed to build the CP-SAT model before giving up, default 300).
# Without a binary argument it builds one: swift build -c release --product relais-schedule.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
if [[ $# -ge 1 ]]; then
  bin="$1"
else
  package="$(cd "$here/../.." && pwd)"
  swift build -c release --product relais-schedule --package-path "$package" >&2
  bin="$(swift build -c release --product relais-schedule --package-path "$package" --show-bin-path)/relais-schedule"
fi
sizes="${CMP_SIZES:-S M L XL}"; tightness="${CMP_TIGHTNESS:-0.9}"; seed="${CMP_SEED:-1}"
ours_limit="${CMP_OURS_LIMIT:-10}"; cp_limit="${CMP_CPSAT_LIMIT:-60}"; workers="${CMP_CPSAT_WORKERS:-2}"
build_limit="${CMP_BUILD_LIMIT:-300}"
python3 -c "import ortools" 2>/dev/null || { echo "OR-Tools missing: pip install ortools" >&2; exit 1; }
command -v taskset >/dev/null || { echo "taskset missing (util-linux)" >&2; exit 1; }

work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
echo "instances: $bin generate --size SIZE --tightness T --seed $seed --out I.json"
echo "ours:      taskset -c 0 $bin solve --instance I.json --time-limit $ours_limit --seed $seed --format json --out ours.json"
echo "CP-SAT:    python3 $here/cpsat.py I.json --time-limit $cp_limit --workers $workers --json --out cpsat.json"
echo "verified:  $bin check --instance I.json --plan P.json --format json (hard must be 0, stored score must match)"
echo "soft = score of the plan (lower is better); bound = CP-SAT's proven lower bound; ratio = ours / CP-SAT"
printf '%-4s %-5s %9s %9s | %9s %9s %9s %-9s %7s %7s | %7s %s\n' \
  size tight placed ours placed cpsat bound status build_s first_s ratio notes
for size in $sizes; do
  for t in $tightness; do
    inst="$work/$size-$t.json"
    "$bin" generate --size "$size" --tightness "$t" --seed "$seed" --out "$inst"
    taskset -c 0 "$bin" solve --instance "$inst" --time-limit "$ours_limit" --seed "$seed" --format json \
      --out "$work/ours.json" > "$work/ours-summary.json"
    "$bin" check --instance "$inst" --plan "$work/ours.json" --format json > "$work/ours-check.json" || true
    rm -f "$work/cpsat.json" "$work/cpsat-summary.json" "$work/cpsat-check.json"
    cp_rc=0
    timeout "$((build_limit + ${cp_limit%.*} + 60))" python3 "$here/cpsat.py" "$inst" --time-limit "$cp_limit" \
      --workers "$workers" --seed "$seed" --json --out "$work/cpsat.json" > "$work/cpsat-summary.json" || cp_rc=$?
    if [[ -f "$work/cpsat.json" ]]; then
      "$bin" check --instance "$inst" --plan "$work/cpsat.json" --format json > "$work/cpsat-check.json" || true
    fi
    python3 - "$work" "$size" "$t" "$cp_rc" "$build_limit" <<'PY'
import json, os, sys
work, size, t, rc, build_limit = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
def load(name):
    path = os.path.join(work, name)
    try:
        return json.load(open(path)) if os.path.getsize(path) > 0 else None
    except (OSError, ValueError):
        return None
ours, ours_check = load("ours-summary.json"), load("ours-check.json")
cp, cp_check = load("cpsat-summary.json"), load("cpsat-check.json")
notes = []
ours_soft = ours_check["score"]["soft"]
if ours_check["hard"] != 0 or not ours_check["stored_score_matches"]:
    notes.append(f"OURS HARD {ours_check['hard']}")
placed = f"{ours['assigned']}/{ours['sessions']}"
if cp is None:
    msg = f"model not built and solved within the {build_limit} s build allowance + time limit" if rc == 124 else f"cpsat.py failed (exit {rc})"
    print(f"{size:<4} {t:<5} {placed:>9} {ours_soft:>9} | {'-':>9} {'-':>9} {'-':>9} {'-':<9} {'-':>7} {'-':>7} | {'-':>7} {msg}")
    sys.exit(0)
if cp_check is None:
    print(f"{size:<4} {t:<5} {placed:>9} {ours_soft:>9} | {'-':>9} {'-':>9} {cp['bound']:>9} {cp['status']:<9} "
          f"{cp['build_seconds']:>7} {'-':>7} | {'-':>7} no CP-SAT plan within the time limit")
    sys.exit(0)
cp_soft = cp_check["score"]["soft"]
if cp_check["hard"] != 0 or not cp_check["stored_score_matches"]:
    notes.append(f"CP-SAT plan: hard {cp_check['hard']}, stored score match {cp_check['stored_score_matches']}")
first = cp.get("first", {}).get("seconds", "-")
ratio = ours_soft / cp_soft if cp_soft else float("nan")
print(f"{size:<4} {t:<5} {placed:>9} {ours_soft:>9} | {cp['assigned']:>4}/{ours['sessions']:<4} {cp_soft:>9} {cp['bound']:>9} "
      f"{cp['status']:<9} {cp['build_seconds']:>7} {first:>7} | {ratio:>7.3f} {'; '.join(notes)}")
PY
  done
done
