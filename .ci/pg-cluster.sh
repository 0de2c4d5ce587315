# Sourced by .ci/run and the benchmarks: starts a throw-away PostgreSQL cluster in a temporary
# folder, as the postgres user (PostgreSQL refuses root), on a free port, and stops it on exit.
# After `pg_cluster_start`, PG_CONNINFO holds a libpq keyword string for database `postgres`.

pg_cluster_start() {
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$PGBIN" ]; then echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; return 1; fi
  PGTMP=$(mktemp -d /tmp/relais-pg.XXXXXX)
  chown postgres "$PGTMP"
  chmod 700 "$PGTMP"
  PGPORT_FREE=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  trap pg_cluster_stop EXIT
  su postgres -s /bin/sh -c "'$PGBIN/initdb' -D '$PGTMP/data' -A trust -U postgres -E UTF8 --locale=C.UTF-8" >/dev/null
  su postgres -s /bin/sh -c "'$PGBIN/pg_ctl' -D '$PGTMP/data' -l '$PGTMP/log' -w -o \"-p $PGPORT_FREE -k $PGTMP -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" start" >/dev/null
  PG_CONNINFO="host=$PGTMP port=$PGPORT_FREE user=postgres"
  export PG_CONNINFO PGBIN
}

pg_cluster_stop() {
  if [ -n "${PGTMP:-}" ] && [ -d "$PGTMP" ]; then
    # Connection poolers started by .ci/pgbouncer.sh, if any.
    for pidfile in "$PGTMP"/pgbouncer-*.pid; do
      [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
    done
    su postgres -s /bin/sh -c "'$PGBIN/pg_ctl' -D '$PGTMP/data' -m immediate stop" >/dev/null 2>&1 || true
    rm -rf "$PGTMP"
  fi
}
