#!/bin/sh
# Starts a throwaway PostgreSQL cluster for the e2e tests and prints its URL on stdout (last line).
#   export TRAME_TEST_DATABASE_URL="$(test/support/start-postgres.sh)"
# Needs Debian's `postgresql` package (apt-get install -y postgresql) and root (it runs the server as the
# `postgres` user). Port: $PGPORT or 5433. Data in a temp dir, no fsync: the tests check our code, not the disk.
# Stop it with: test/support/stop-postgres.sh
set -eu
PORT="${PGPORT:-5433}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -x "$BIN/initdb" ] || { echo "PostgreSQL introuvable : apt-get install -y postgresql" >&2; exit 1; }
DIR="${TRAME_PG_DIR:-/tmp/trame-pg-$PORT}"
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi; }

if ! as_pg "'$BIN/pg_ctl' -D '$DIR' status" >/dev/null 2>&1; then
  rm -rf "$DIR"
  mkdir -p "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
  as_pg "'$BIN/initdb' -D '$DIR' -U postgres -A trust -E UTF8 --no-locale" >&2
  as_pg "'$BIN/pg_ctl' -D '$DIR' -l '$DIR/server.log' -w -o \"-p $PORT -c listen_addresses=127.0.0.1 -k /tmp -c fsync=off -c max_connections=200\" start" >&2
fi
as_pg "'$BIN/psql' -h 127.0.0.1 -p $PORT -U postgres -tAc \"SELECT 1 FROM pg_roles WHERE rolname='trame'\"" | grep -q 1 ||
  as_pg "'$BIN/psql' -h 127.0.0.1 -p $PORT -U postgres -c \"CREATE ROLE trame LOGIN CREATEDB PASSWORD 'trame'\"" >&2
as_pg "'$BIN/psql' -h 127.0.0.1 -p $PORT -U postgres -tAc \"SELECT 1 FROM pg_database WHERE datname='trame_test'\"" | grep -q 1 ||
  as_pg "'$BIN/psql' -h 127.0.0.1 -p $PORT -U postgres -c 'CREATE DATABASE trame_test OWNER trame'" >&2
echo "postgres://trame:trame@127.0.0.1:$PORT/trame_test"
