# Sourced after .ci/pg-cluster.sh (and `pg_cluster_start`): starts a PgBouncer connection pooler in
# front of the server PG_CONNINFO names (its host and port), on a unix socket in the folder PGTMP;
# pg_cluster_stop stops it (its pid file is PGTMP/pgbouncer-NAME.pid).
#
#   pgbouncer_start NAME [EXTRA_SETTING...]
#
# sets PGBOUNCER_CONNINFO (a libpq keyword string without dbname). Session pooling, trust
# authentication for the user PGBOUNCER_USER (default postgres). Extra settings go to the [pgbouncer] section, e.g.
# "ignore_startup_parameters = options"; without it PgBouncer refuses the `options` start-up
# parameter, as a pooler installed with its defaults does.

pgbouncer_start() {
  local name="$1"; shift
  if ! command -v pgbouncer >/dev/null 2>&1 && [ ! -x /usr/sbin/pgbouncer ]; then
    echo "pgbouncer not found (apt-get install pgbouncer)" >&2; return 1
  fi
  local bouncer; bouncer=$(command -v pgbouncer || echo /usr/sbin/pgbouncer)
  local dir="$PGTMP/pgbouncer-$name"
  mkdir -p "$dir"
  local port; port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  local server_host="${PG_CONNINFO##*host=}"; server_host="${server_host%% *}"
  local server_port="${PG_CONNINFO##*port=}"; server_port="${server_port%% *}"
  local user="${PGBOUNCER_USER:-postgres}"
  echo "\"$user\" \"\"" > "$dir/users.txt"
  {
    echo "[databases]"
    echo "* = host=$server_host port=$server_port"
    echo "[pgbouncer]"
    echo "listen_addr ="
    echo "listen_port = $port"
    echo "unix_socket_dir = $dir"
    echo "auth_type = trust"
    echo "auth_file = $dir/users.txt"
    echo "pool_mode = session"
    echo "max_client_conn = 400"
    echo "default_pool_size = 40"
    echo "logfile = $dir/log"
    echo "pidfile = $PGTMP/pgbouncer-$name.pid"
    for setting in "$@"; do echo "$setting"; done
  } > "$dir/pgbouncer.ini"
  chown -R postgres "$dir"
  su postgres -s /bin/sh -c "'$bouncer' -d '$dir/pgbouncer.ini'" >/dev/null
  # Wait for its socket.
  local i
  for i in $(seq 50); do [ -S "$dir/.s.PGSQL.$port" ] && break; sleep 0.1; done
  PGBOUNCER_CONNINFO="host=$dir port=$port user=$user"
  export PGBOUNCER_CONNINFO
}
