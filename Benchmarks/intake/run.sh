#!/usr/bin/env bash
# relais-intake benchmarks, SQLite and PostgreSQL (printed, not asserted). Run from the repository root:
#
#   bash Benchmarks/intake/run.sh
#
# (a) one `relais-intake request open` process on a database of BENCH_SCALE demo units
#     (3000 ≈ 1,000,000 requests) vs. an empty database vs. `relais-intake --version` (the
#     process floor), medians of BENCH_RUNS runs taken in turn, beside the sqlite3 / psql command
#     line that inserts one equivalent row (and its own --version); targets: big ≤ 1.2 × empty,
#     and ≤ floor + 3 ms. On PostgreSQL also through a PgBouncer pooler (session mode, ignoring
#     `options`): BENCH_PGBOUNCER (a conninfo without dbname), else one started here when
#     pgbouncer is installed and the script runs as root.
# (b) `queue` with filters on the big database: query time (target < 50 ms) and its plan.
# (c) `import requests` of BENCH_IMPORT_ROWS rows vs. sqlite3 .import / psql \copy of the same file
#     into a plain table with the same columns (target: at least half their rate). The import
#     writes five indexed tables with foreign keys (requests, residents, themes, sub-themes, audit
#     events), the bulk load one bare table; a "floor" line follows: the same rows copied by the
#     engine itself into the same tables (INSERT … SELECT: no CSV, no checks, no binding).
#
# Environment: BENCH_SCALE (default 3000; building the 1M-row database takes about three minutes on
# SQLite and a few on PostgreSQL, so a quick look can use BENCH_SCALE=300), BENCH_RUNS (default 100),
# BENCH_IMPORT_ROWS (default 100000), BENCH_POSTGRES (a libpq conninfo; default $RELAIS_TEST_POSTGRES;
# the PostgreSQL half is skipped when both are unset), BENCH_BIN (a folder holding release
# relais-intake and relais-admin: skips the build), BENCH_WORK (work folder; default a temporary one).
# Needs python3, sqlite3 and (for PostgreSQL) psql.
set -euo pipefail
# Commands are passed to Python shell-quoted (printf %q) and split again (shlex): under a C locale
# bash would quote "Déclaration" as $'D\303\251…', which shlex cannot read.
export LC_ALL=C.UTF-8

here="$(cd "$(dirname "$0")" && pwd)"
package="$(cd "$here/../.." && pwd)"
scale="${BENCH_SCALE:-3000}"
runs="${BENCH_RUNS:-100}"
import_rows="${BENCH_IMPORT_ROWS:-100000}"
pg="${BENCH_POSTGRES:-${RELAIS_TEST_POSTGRES:-}}"

if [[ -n "${BENCH_BIN:-}" ]]; then
  bin="$BENCH_BIN"
else
  echo "building: swift build -c release --product relais-intake / relais-admin --package-path $package" >&2
  swift build -c release --package-path "$package" --product relais-intake >&2
  swift build -c release --package-path "$package" --product relais-admin >&2
  bin="$(swift build -c release --package-path "$package" --show-bin-path)"
fi
intake="$bin/relais-intake"
admin="$bin/relais-admin"
work="${BENCH_WORK:-$(mktemp -d)}"
mkdir -p "$work"
[[ -n "${BENCH_WORK:-}" ]] || trap 'rm -rf "$work"' EXIT
today="$(TZ=Europe/Paris date +%F)"

# Median wall times, in milliseconds, of commands run N times each, interleaved (one run of each
# in turn, after two warm-up rounds) so that a slow spell of a shared machine weighs on all of
# them alike. Arguments: the commands, each one shell-quoted string. Prints one median per line.
medians_ms() {
  python3 - "$runs" "$@" <<'PY'
import shlex, subprocess, sys, time, statistics
runs, cmds = int(sys.argv[1]), [shlex.split(c) for c in sys.argv[2:]]
times = [[] for _ in cmds]
for round in range(runs + 2):
    for i, cmd in enumerate(cmds):
        t = time.perf_counter()
        r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if round >= 2:
            times[i].append((time.perf_counter() - t) * 1000)
        if r.returncode != 0:
            sys.exit("failed: %s\n%s" % (" ".join(cmd), r.stderr.decode()))
for t in times:
    print("%.2f" % statistics.median(t))
PY
}

# The reference rows `request open` needs on an empty database: one site.
seed_sql="INSERT INTO sites (code, name, kind) VALUES ('mdh-surieux', 'Maison des habitants Surieux', 'mdh');"
insert_sql="INSERT INTO help_requests (number, site_id, channel, field, summary, urgency, status, opened_at, opened_by, updated_at) VALUES ('X-' || CAST(random() AS TEXT), 1, 'walk_in', 'usage_assistance', 'Déclaration CAF', 1, 'new', CURRENT_TIMESTAMP, 'bench', CURRENT_TIMESTAMP);"
open_args=(request open --site mdh-surieux --field usage_assistance --themes aide_aux_demarches_administratives
           --summary "Déclaration trimestrielle CAF" --agent bench)

# The import file: BENCH_IMPORT_ROWS historical requests, half of them with a named resident.
csv="$work/import-$import_rows.csv"
python3 - "$csv" "$import_rows" <<'PY'
import csv, random, sys
path, n = sys.argv[1], int(sys.argv[2])
random.seed(7)
sites = ["mdh-surieux", "mdh-essarts", "mdh-ouest", "mdh-village-sud", "bib-neruda"]
fields = [("usage_assistance", "aide_aux_demarches_administratives", "social_sante"), ("technical_training", "email", ""),
          ("hardware_support", "maintenance_de_materiel", ""), ("connectivity", "navigation_sur_internet", "")]
first = ["Fatima", "Marie", "Karim", "José", "Nadia", "Mamadou", "Aïcha", "Lucas"]
last = ["BENALI", "MARTIN", "NGUYEN", "DIALLO", "ROSSI", "GARCIA"]
with open(path, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["opened_on", "site", "channel", "field", "themes", "sub_themes", "summary", "urgency", "status", "first_name", "last_name", "birth_year", "gender"])
    for i in range(n):
        field, theme, sub = random.choice(fields)
        named = i % 2 == 0
        w.writerow(["2025-%02d-%02d" % (random.randint(1, 12), random.randint(1, 28)), random.choice(sites), "walk_in", field, theme, sub,
                    "Demande historique %d" % i, random.choice(["low", "normal", "high"]), "closed",
                    random.choice(first) if named else "", "%s%d" % (random.choice(last), i % 5000) if named else "",
                    str(random.randint(1940, 2005)), random.choice(["feminin", "masculin"])])
PY
columns="opened_on,site,channel,field,themes,sub_themes,summary,urgency,status,first_name,last_name,birth_year,gender"
staging_ddl="CREATE TABLE staging (opened_on TEXT, site TEXT, channel TEXT, field TEXT, themes TEXT, sub_themes TEXT, summary TEXT, urgency TEXT, status TEXT, first_name TEXT, last_name TEXT, birth_year TEXT, gender TEXT);"

rate() { python3 -c "import sys; print('%.0f' % (float(sys.argv[1]) / float(sys.argv[2])))" "$@"; }
seconds() { python3 - "$@" <<'PY'
import subprocess, sys, time
t = time.perf_counter()
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
if r.returncode != 0:
    sys.exit("failed: %s\n%s" % (" ".join(sys.argv[1:]), r.stderr.decode()))
print("%.3f" % (time.perf_counter() - t))
PY
}

# Uses: EMPTY, BIG, IMPORTED (--database values), SEED (a function taking the empty database),
# INSERT_CMD and COPY_CMD (arrays: the sqlite3 / psql command lines shown for scale).
bench_backend() {
  local name="$1"
  echo
  echo "=== $name ==="
  "$admin" init --database "$EMPTY" >/dev/null
  SEED "$EMPTY"
  if [[ ! -f "$work/$name-big.done" ]]; then
    local t0=$SECONDS
    echo "building the big database: relais-admin demo --database <big> --scale $scale --today $today"
    "$admin" demo --database "$BIG" --scale "$scale" --today "$today" | tail -1
    echo "  ($((SECONDS - t0)) s)"
    touch "$work/$name-big.done"
  fi
  local requests
  requests="$("$admin" status --database "$BIG" --format csv | tr -d '\r' | awk -F, '$1=="help_requests"{print $2}')"
  echo
  echo "(a) one process opening one request; medians of $runs runs, the commands taking turns"
  local floor e b s f3 medians
  local pooled=()
  [[ -n "${POOLED_BIG:-}" ]] && pooled=("$(printf '%q ' "$intake" "${open_args[@]}" --database "$POOLED_BIG")")
  medians="$(medians_ms "$(printf '%q ' "$intake" --version)" \
                        "$(printf '%q ' "$intake" "${open_args[@]}" --database "$EMPTY")" \
                        "$(printf '%q ' "$intake" "${open_args[@]}" --database "$BIG")" \
                        "$(printf '%q ' "${INSERT_CMD[@]}")" \
                        "$(printf '%q ' "${INSERT_CMD[0]}" --version)" "${pooled[@]}")"
  local p=""
  { read -r floor; read -r e; read -r b; read -r s; read -r f3; read -r p || true; } <<< "$medians"
  printf '  %-62s %8s ms\n' "relais-intake --version (process floor)" "$floor"
  printf '  %-62s %8s ms\n' "relais-intake request open … (empty database)" "$e"
  printf '  %-62s %8s ms\n' "relais-intake request open … ($requests requests)" "$b"
  [[ -n "$p" ]] && printf '  %-62s %8s ms\n' "  the same through a PgBouncer pooler (session mode)" "$p"
  printf '  %-62s %8s ms\n' "${INSERT_CMD[0]} … INSERT INTO help_requests … (one row, for scale)" "$s"
  printf '  %-62s %8s ms\n' "${INSERT_CMD[0]} --version (its own floor)" "$f3"
  python3 - "$floor" "$e" "$b" "$s" "$f3" "${INSERT_CMD[0]}" "$p" <<'PY'
import sys
floor, empty, big, one, own = map(float, sys.argv[1:6])
print("  big / empty = %.2f (target <= 1.2);  big - floor = %.2f ms (target <= 3 ms)" % (big / empty, big - floor))
if sys.argv[7]:
    print("  through the pooler: big - floor = %.2f ms (target <= 3 ms)" % (float(sys.argv[7]) - floor))
print("  for scale: %s inserting one row costs %.2f ms above its own floor" % (sys.argv[6], one - own))
PY
  echo "  commands: $intake ${open_args[*]} --database <db>"
  [[ -n "${POOLED_BIG:-}" ]] && echo "            pooler: --database \"$POOLED_BIG\""
  echo "            ${INSERT_CMD[*]}"
  echo
  echo "(b) queue on $requests requests (query time printed by --timing, median of five runs)"
  local filters t
  for filters in "--site mdh-surieux" "--assignee c-amina" "--site mdh-ouest --theme aide_aux_demarches_administratives" \
                 "--overdue" "--due-within 7" "--field connectivity" "--status waiting --site mdh-essarts"; do
    # The median of five runs: one run alone can land on a slow spell of the machine.
    t="$(for _ in 1 2 3 4 5; do
           # shellcheck disable=SC2086
           "$intake" queue $filters --limit 50 --timing --database "$BIG" 2>&1 >/dev/null | grep -o 'query: [0-9.]*' | head -1 | cut -d' ' -f2
         done | sort -n | sed -n 3p)"
    printf '  %-70s %s\n' "relais-intake queue $filters --limit 50" "query: $t ms (median of 5)"
  done
  for filters in "--site mdh-surieux" "--overdue"; do
    echo "  plan of: relais-intake queue $filters --explain"
    # shellcheck disable=SC2086
    "$intake" queue $filters --explain --database "$BIG" | sed 's/^/    /'
  done
  echo
  echo "(c) import of $import_rows rows ($(du -h "$csv" | cut -f1) CSV) into a database with one demo unit"
  "$admin" demo --database "$IMPORTED" --scale 1 --today "$today" >/dev/null
  local ti tc
  ti="$(seconds "$intake" import requests "$csv" --database "$IMPORTED" --agent bench)"
  tc="$(seconds "${COPY_CMD[@]}")"
  printf '  %-62s %7s s  %8s rows/s\n' "relais-intake import requests FILE" "$ti" "$(rate "$import_rows" "$ti")"
  printf '  %-62s %7s s  %8s rows/s\n' "${COPY_CMD[*]:0:62}" "$tc" "$(rate "$import_rows" "$tc")"
  python3 -c "import sys; print('  relais-intake rate / bulk load rate = %.2f (target >= 0.5)' % (float(sys.argv[2]) / float(sys.argv[1])))" "$ti" "$tc"
  # The floor: the rows the import wrote, copied by the database engine itself into a second
  # database with one demo unit (INSERT … SELECT: no CSV, no checks, no binding, one statement a table).
  local tf
  "$admin" demo --database "$FLOOR" --scale 1 --today "$today" >/dev/null
  if [[ "$name" == sqlite ]]; then
    tf="$(python3 - "$FLOOR" "$IMPORTED" <<'PY'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("ATTACH ? AS src", (sys.argv[2],))
t = time.perf_counter()
db.execute("BEGIN IMMEDIATE")
for table, key in [("residents", "id"), ("help_requests", "id"), ("request_themes", "request_id"),
                   ("request_subthemes", "request_id"), ("audit_events", "id")]:
    last = db.execute("SELECT coalesce(max(%s), 0) FROM main.%s" % (key, table)).fetchone()[0]
    db.execute("INSERT INTO main.%s SELECT * FROM src.%s WHERE %s > ?" % (table, table, key), (last,))
db.execute("COMMIT")
print("%.3f" % (time.perf_counter() - t))
PY
)"
  else
    local copy_sql="BEGIN;" table key
    for table in residents:id help_requests:id request_themes:request_id request_subthemes:request_id audit_events:id; do
      key="${table#*:}"; table="${table%%:*}"
      copy_sql+=" INSERT INTO bench_intake_floor.$table SELECT * FROM bench_intake_import.$table"
      copy_sql+=" WHERE $key > (SELECT coalesce(max($key), 0) FROM bench_intake_floor.$table);"
    done
    tf="$(seconds psql "$pg" -q -c "$copy_sql COMMIT;")"
  fi
  printf '  %-62s %7s s  %8s rows/s\n' "floor: the same rows, INSERT … SELECT inside ${INSERT_CMD[0]}" "$tf" "$(rate "$import_rows" "$tf")"
  python3 -c "import sys; print('  relais-intake rate / floor rate = %.2f (the engine\'s own rate into the same five tables)' % (float(sys.argv[2]) / float(sys.argv[1])))" "$ti" "$tf"
}

# SQLite.
EMPTY="$work/empty.sqlite"; BIG="$work/big.sqlite"; IMPORTED="$work/import.sqlite"; stage="$work/staging.sqlite"
FLOOR="$work/floor.sqlite"
rm -f "$EMPTY"* "$IMPORTED"* "$stage"* "$FLOOR"*
[[ -f "$work/sqlite-big.done" ]] || rm -f "$BIG"*
SEED() { sqlite3 "$1" "$seed_sql"; }
sqlite3 "$stage" "$staging_ddl"
INSERT_CMD=(sqlite3 "$EMPTY" "$insert_sql")
COPY_CMD=(sqlite3 "$stage" ".import --csv --skip 1 $csv staging")
bench_backend sqlite

# PostgreSQL, one schema per database.
if [[ -n "$pg" ]]; then
  with_schema() { echo "$pg options='-csearch_path=$1'"; }
  for schema in bench_intake_empty bench_intake_import bench_intake_staging bench_intake_floor; do
    psql "$pg" -q -c "DROP SCHEMA IF EXISTS $schema CASCADE" -c "CREATE SCHEMA $schema" 2>/dev/null
  done
  if [[ ! -f "$work/postgres-big.done" ]]; then
    psql "$pg" -q -c "DROP SCHEMA IF EXISTS bench_intake_big CASCADE" -c "CREATE SCHEMA bench_intake_big" 2>/dev/null
  fi
  EMPTY="$(with_schema bench_intake_empty)"; BIG="$(with_schema bench_intake_big)"; IMPORTED="$(with_schema bench_intake_import)"
  FLOOR="$(with_schema bench_intake_floor)"
  # A PgBouncer pooler in front of the same server, for (a): BENCH_PGBOUNCER (a conninfo without
  # dbname), else one started here (.ci/pgbouncer.sh) when pgbouncer is installed and we are root
  # (it runs as postgres), on the server's unix socket with trust authentication.
  POOLED_BIG=""
  pooler="${BENCH_PGBOUNCER:-}"
  if [[ -z "$pooler" ]] && command -v pgbouncer >/dev/null 2>&1 && [[ $(id -u) == 0 ]]; then
    IFS='|' read -r pg_port pg_socket PGBOUNCER_USER < <(psql "$pg" -Atc \
      "SELECT current_setting('port'), split_part(current_setting('unix_socket_directories'), ',', 1), current_user")
    if [[ -n "$pg_socket" ]]; then
      PGTMP="$(mktemp -d)"; chown postgres "$PGTMP"; PG_CONNINFO="host=$pg_socket port=$pg_port"
      # shellcheck source=/dev/null
      . "$package/.ci/pgbouncer.sh"
      if pgbouncer_start bench "ignore_startup_parameters = options"; then
        pooler="$PGBOUNCER_CONNINFO"
        trap 'kill "$(cat "$PGTMP/pgbouncer-bench.pid")" 2>/dev/null; rm -rf "$PGTMP"; [[ -n "${BENCH_WORK:-}" ]] || rm -rf "$work"' EXIT
      fi
    fi
  fi
  if [[ -n "$pooler" ]]; then
    POOLED_BIG="$pooler dbname=$(psql "$pg" -Atc "SELECT current_database()") options='-csearch_path=bench_intake_big'"
  fi
  SEED() { psql "$1" -q -c "$seed_sql" >/dev/null; }
  psql "$(with_schema bench_intake_staging)" -q -c "$staging_ddl"
  INSERT_CMD=(psql "$EMPTY" -q -c "$insert_sql")
  COPY_CMD=(psql "$(with_schema bench_intake_staging)" -q -c "\\copy staging ($columns) FROM '$csv' CSV HEADER")
  bench_backend postgres
  [[ -n "${BENCH_WORK:-}" ]] || psql "$pg" -q -c "DROP SCHEMA bench_intake_empty CASCADE" -c "DROP SCHEMA bench_intake_import CASCADE" \
    -c "DROP SCHEMA bench_intake_staging CASCADE" -c "DROP SCHEMA bench_intake_floor CASCADE" -c "DROP SCHEMA bench_intake_big CASCADE" 2>/dev/null
else
  echo
  echo "PostgreSQL skipped: set BENCH_POSTGRES or RELAIS_TEST_POSTGRES to a libpq conninfo."
fi
