#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and benchmarks: initdb in a temporary folder,
# listening only on a unix socket in that folder, no TCP port.
#   scripts/pg_tmp.sh start   -> prints the folder on stdout
#   scripts/pg_tmp.sh stop DIR
# PostgreSQL refuses to run as root, so as root the cluster runs as the 'postgres' user that
# Debian's postgresql package creates.
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bindir/initdb" ] || { echo "pg_tmp: PostgreSQL server binaries not found; run scripts/setup.sh" >&2; exit 1; }

run_as() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    dir=$(mktemp -d /tmp/siak-pg.XXXXXX)
    chmod 755 "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
    run_as "$bindir/initdb" -D "$dir/data" -U siak --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
      --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    run_as "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
      -o "-c listen_addresses='' -k $dir -c fsync=${SIAK_PG_FSYNC:-off} -c max_connections=50 -c shared_buffers=256MB" \
      >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "$dir"
    ;;
  stop)
    dir=${2:?usage: pg_tmp.sh stop DIR}
    case "$dir" in /tmp/siak-pg.*) ;; *) echo "pg_tmp: refusing to remove $dir" >&2; exit 1 ;; esac
    run_as "$bindir/pg_ctl" -D "$dir/data" -w -m fast stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: pg_tmp.sh start | stop DIR" >&2
    exit 2
    ;;
esac
