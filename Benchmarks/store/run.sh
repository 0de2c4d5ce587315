#!/usr/bin/env bash
# Bulk insert throughput: `relais-admin demo --scale N` into SQLite and PostgreSQL, against the
# same rows loaded by `sqlite3 .import` (CSV) and `psql \copy` in the same run.
# Usage: bash Benchmarks/store/run.sh         (BENCH_SCALE=100 by default: ~33,000 requests)
#        BENCH_SCALE=3000 bash Benchmarks/store/run.sh   (~1 million requests)
# PostgreSQL: RELAIS_BENCH_POSTGRES (a libpq keyword string without dbname) or a throw-away cluster.
set -euo pipefail
cd "$(dirname "$0")/../.."
scale=${BENCH_SCALE:-100}
out=bench-out/store
rm -rf "$out" && mkdir -p "$out"
swift build -c release --product relais-admin >/dev/null
admin=.build/release/relais-admin
now() { date +%s.%N; }
rate() { python3 -c "import sys; print(f'{int($1/($2)):,}')"; }

# FK order for loading: parents before children.
tables="sites site_hours rooms room_hours staff staff_skills staff_sites staff_half_days public_holidays document_versions
residents number_sequences help_requests request_themes request_subthemes audit_events workshops workshop_series sessions
registrations session_walkins accompaniments accompaniment_themes accompaniment_subthemes accompaniment_equipment
accompaniment_participants accompaniment_anonymous devices stock_items loans"

echo "== SQLite, scale $scale =="
$admin init --database "$out/demo.sqlite" >/dev/null
t0=$(now); $admin demo --database "$out/demo.sqlite" --scale "$scale" --seed 1 --today 2026-11-29 >/dev/null; t1=$(now)
ours=$(python3 -c "print($t1-$t0)")
rows=0
for t in $tables; do
  sqlite3 -csv "$out/demo.sqlite" "SELECT * FROM $t" > "$out/$t.csv"
  rows=$((rows + $(sqlite3 "$out/demo.sqlite" "SELECT count(*) FROM $t")))
done
# Baseline: the same tables and indexes (CHECK clauses removed: .import writes '' for NULL),
# loaded by the sqlite3 shell's CSV import in one transaction.
sqlite3 "$out/demo.sqlite" "SELECT sql || ';' FROM sqlite_master WHERE sql IS NOT NULL AND name <> 'schema_migrations' AND name NOT LIKE 'sqlite_%' ORDER BY type = 'index', rowid" > "$out/schema.sql"
python3 - "$out/schema.sql" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
out, i = [], 0
while i < len(text):
    m = re.compile(r',?\s*CHECK\s*\(', re.I).search(text, i)
    if not m: out.append(text[i:]); break
    out.append(text[i:m.start()]); depth, j = 1, m.end()
    while depth: depth += {'(': 1, ')': -1}.get(text[j], 0); j += 1
    i = j
open(sys.argv[1], 'w').write(''.join(out))
PY
{ echo "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"; cat "$out/schema.sql"; echo "BEGIN;";
  for t in $tables; do echo ".import --csv $out/$t.csv $t"; done; echo "COMMIT;"; } > "$out/import.sql"
t0=$(now); sqlite3 "$out/baseline.sqlite" < "$out/import.sql" >/dev/null; t1=$(now)
base=$(python3 -c "print($t1-$t0)")
echo "rows: $rows (all tables)"
echo "relais-admin demo --scale $scale --database $out/demo.sqlite      : $(rate $rows $ours) rows/s ($(printf %.2f $ours) s, generation included)"
echo "sqlite3 $out/baseline.sqlite < $out/import.sql (.import --csv)    : $(rate $rows $base) rows/s ($(printf %.2f $base) s)"
echo "ratio ours/baseline: $(python3 -c "print(f'{$base/$ours:.2f}')") (target >= 0.50)"

echo
echo "== PostgreSQL, scale $scale =="
if [ -n "${RELAIS_BENCH_POSTGRES:-}" ]; then
  PG_CONNINFO=$RELAIS_BENCH_POSTGRES
  PSQL=psql
else
  . .ci/pg-cluster.sh
  pg_cluster_start
  PSQL="$PGBIN/psql"
fi
db="bench_$$"
$PSQL -q "$PG_CONNINFO dbname=postgres" -c "DROP DATABASE IF EXISTS ${db}_a" -c "DROP DATABASE IF EXISTS ${db}_b" -c "CREATE DATABASE ${db}_a" -c "CREATE DATABASE ${db}_b"
$admin init --database "$PG_CONNINFO dbname=${db}_a" >/dev/null
$admin init --database "$PG_CONNINFO dbname=${db}_b" >/dev/null
t0=$(now); $admin demo --database "$PG_CONNINFO dbname=${db}_a" --scale "$scale" --seed 1 --today 2026-11-29 >/dev/null; t1=$(now)
ours=$(python3 -c "print($t1-$t0)")
: > "$out/copy-out.sql"; : > "$out/copy-in.sql"
echo "BEGIN;" >> "$out/copy-in.sql"
for t in $tables; do
  echo "\\copy $t TO '$out/pg-$t.csv' CSV" >> "$out/copy-out.sql"
  echo "\\copy $t FROM '$out/pg-$t.csv' CSV" >> "$out/copy-in.sql"
done
echo "COMMIT;" >> "$out/copy-in.sql"
$PSQL -q "$PG_CONNINFO dbname=${db}_a" -f "$out/copy-out.sql"
t0=$(now); $PSQL -q -v ON_ERROR_STOP=1 "$PG_CONNINFO dbname=${db}_b" -f "$out/copy-in.sql"; t1=$(now)
base=$(python3 -c "print($t1-$t0)")
echo "rows: $rows (all tables)"
echo "relais-admin demo --scale $scale --database \"$PG_CONNINFO dbname=${db}_a\": $(rate $rows $ours) rows/s ($(printf %.2f $ours) s, generation included)"
echo "psql -f $out/copy-in.sql (\\copy … CSV, same schema)           : $(rate $rows $base) rows/s ($(printf %.2f $base) s)"
echo "ratio ours/baseline: $(python3 -c "print(f'{$base/$ours:.2f}')") (target >= 0.50)"
$PSQL -q "$PG_CONNINFO dbname=postgres" -c "DROP DATABASE ${db}_a" -c "DROP DATABASE ${db}_b"
