#!/usr/bin/env bash
# Late acceptance against tabu: same instances, same seed, same time, run side by side
# (one core each). Usage: Benchmarks/schedule/strategies.sh /path/to/release/relais-schedule [seconds]
set -euo pipefail
bin="$1"; limit="${2:-10}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
echo "per run: $bin solve --instance I.json --time-limit $limit --seed 2 --strategy S --format json --out P.json"
printf '%-4s %-5s %-16s %9s %12s %12s %10s\n' size tight strategy placed construction final iterations
for size in M L XL; do for t in 0.9 1.05; do
  "$bin" generate --size "$size" --tightness "$t" --seed 2 --out "$work/i.json"
  for st in late-acceptance tabu; do
    "$bin" solve --instance "$work/i.json" --time-limit "$limit" --seed 2 --strategy "$st" --format json \
      --out "$work/$st.plan.json" > "$work/$st.json" &
  done
  wait
  for st in late-acceptance tabu; do
    python3 - "$work/$st.json" "$size" "$t" "$st" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); s = d["statistics"]
print(f"{sys.argv[2]:<4} {sys.argv[3]:<5} {sys.argv[4]:<16} {d['assigned']:>4}/{d['sessions']:<4} {s['constructionSoft']:>12} {d['score']['soft']:>12} {s['iterations']:>10}")
PY
  done
done; done
