#!/usr/bin/env bash
# End-to-end benchmark of `relais-schedule plan` on a scaled week: 50 conseillers, 12 sites
# (30 rooms), 400 sessions (60 permanences, appointments, workshops, association series).
# Prints the time to fill the database, then plan's own split (load / solve / store) and the
# wall-clock time of the whole command, on SQLite and (when BENCH_POSTGRES is set) PostgreSQL.
#
#   Benchmarks/schedule-plan/run.sh                      release build, 10 s solver limit
#   BENCH_LIMIT=30 Benchmarks/schedule-plan/run.sh       longer solve
#   BENCH_POSTGRES="host=/tmp/pgdev port=55432 user=postgres dbname=relais_bench" Benchmarks/schedule-plan/run.sh
#
# Environment: BENCH_LIMIT (seconds, default 10), BENCH_SEED (default 1), BENCH_CONSEILLERS,
# BENCH_SITES, BENCH_SESSIONS (defaults 50, 12, 400), BENCH_PACKAGE (package directory),
# BENCH_BIN (an already built relais-schedule: skips the build), BENCH_POSTGRES (a libpq
# connection string to an empty database the benchmark may fill with a throw-away schema).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
package="${BENCH_PACKAGE:-$(cd "$here/../.." && pwd)}"
limit="${BENCH_LIMIT:-10}"
seed="${BENCH_SEED:-1}"
conseillers="${BENCH_CONSEILLERS:-50}"
sites="${BENCH_SITES:-12}"
sessions="${BENCH_SESSIONS:-400}"
week="2026-W49"

if [[ -n "${BENCH_BIN:-}" ]]; then
  bin="$BENCH_BIN"
else
  echo "building: swift build -c release --product relais-schedule --package-path $package" >&2
  swift build -c release --product relais-schedule --package-path "$package" >&2
  bin="$(swift build -c release --product relais-schedule --package-path "$package" --show-bin-path)/relais-schedule"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }

run_backend() {
  local label="$1" database="$2"
  local t0 t1
  t0=$(now)
  "$bin" demo-week --database "$database" --week "$week" --conseillers "$conseillers" --sites "$sites" --sessions "$sessions" --seed "$seed" > "$work/fill.txt"
  t1=$(now)
  local fill; fill=$(echo "$t1 - $t0" | bc -l)
  t0=$(now)
  "$bin" plan --database "$database" --week "$week" --time-limit "$limit" --seed "$seed" > "$work/plan.txt"
  t1=$(now)
  local wall; wall=$(echo "$t1 - $t0" | bc -l)
  local placed timing score
  placed=$(grep -o '[0-9]* of [0-9]* sessions placed' "$work/plan.txt" | head -1)
  timing=$(grep '^time:' "$work/plan.txt" | sed 's/^time: //')
  score=$(grep '^score:' "$work/plan.txt" | sed 's/^score: //')
  printf '%-10s  %s\n' "$label" "$(cat "$work/fill.txt")"
  printf '%-10s  fill %.2f s; plan wall %.2f s (%s); %s; %s\n' "$label" "$fill" "$wall" "$timing" "$placed" "$score"
}

echo "relais-schedule plan, scaled week: $conseillers conseillers, $sites sites, $sessions sessions, solver limit ${limit} s, seed $seed"
run_backend sqlite "sqlite:$work/bench.sqlite"

if [[ -n "${BENCH_POSTGRES:-}" ]]; then
  schema="bench_$(date +%s)_$$"
  psql_cmd=(psql "${BENCH_POSTGRES}" -qAt -v ON_ERROR_STOP=1)
  if command -v psql >/dev/null; then
    "${psql_cmd[@]}" -c "CREATE SCHEMA $schema" >/dev/null
    trap '"${psql_cmd[@]}" -c "DROP SCHEMA $schema CASCADE" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
    run_backend postgres "${BENCH_POSTGRES} options='-csearch_path=$schema'"
  else
    echo "postgres: psql not found; skipped" >&2
  fi
fi
