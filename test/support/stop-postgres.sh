#!/bin/sh
# Stops the cluster started by start-postgres.sh and removes its data.
set -eu
PORT="${PGPORT:-5433}"
BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
DIR="${TRAME_PG_DIR:-/tmp/trame-pg-$PORT}"
if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "'$BIN/pg_ctl' -D '$DIR' -m fast stop" || true; else "$BIN/pg_ctl" -D "$DIR" -m fast stop || true; fi
rm -rf "$DIR"
