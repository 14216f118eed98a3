#!/usr/bin/env bash
# Start a throw-away PostgreSQL server on loopback for the tests, and print its URL.
# Usage: eval "$(scripts/start-postgres.sh)"   -> exports SPHERE_TEST_PG
set -euo pipefail
port=${SPHERE_PG_PORT:-54329}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "echo 'PostgreSQL is not installed (apt-get install postgresql)' >&2"; exit 1; }
data=$(mktemp -d /tmp/sphere-pg.XXXXXX)
run() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$data"
run "$bin/initdb -D $data -A trust -U postgres -E UTF8" >/dev/null
run "$bin/pg_ctl -D $data -l $data/server.log -o '-c listen_addresses=127.0.0.1 -p $port -k $data' -w start" >/dev/null
run "$bin/createdb -h 127.0.0.1 -p $port -U postgres sphere_test"
echo "export SPHERE_TEST_PG=postgresql://postgres@127.0.0.1:$port/sphere_test"
