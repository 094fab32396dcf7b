#!/usr/bin/env bash
# Recordings through the HTTP API: a fresh SQLite (synchronous=FULL) and PostgreSQL (fsync on)
# store each, `siak serve` with the ABIS worker, and siak_ektp_bench api as the client.
# Usage: bench/ektp_api_bench.sh BUILD_DIR PG_SOCKET_DIR [PERSONS] [CONNECTIONS]
set -euo pipefail
build=$1
pgdir=$2
persons=${3:-2000}
connections=${4:-8}
siak="$build/siak"
data=${SIAK_REGION_DATA:-third_party/regions/node_modules/idn-area-data/data}
work=$(mktemp -d /tmp/siak-ektpbench.XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
password=bench-password-123

run_backend() {
  local name=$1 store=$2
  local port=$((19000 + RANDOM % 1000))
  SIAK_STORE="$store" "$siak" init >/dev/null
  SIAK_STORE="$store" "$siak" regions import --from "$data" >/dev/null
  echo "$password" | SIAK_STORE="$store" "$siak" user add bench --role admin --scope national >/dev/null
  SIAK_STORE="$store" "$siak" serve --port "$port" --access-log off --abis-key-file "$work/$name.key" \
    --abis-gallery "$work/$name.snap" --card-key-file "$work/$name-card.key" >"$work/serve-$name.log" 2>&1 &
  local pid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
  echo "== $name"
  "$build/siak_ektp_bench" api --port "$port" --password "$password" --persons "$persons" --connections "$connections"
  kill -TERM "$pid"; wait "$pid" || true
}

run_backend sqlite "sqlite:$work/siak.db"
psql -q "host=$pgdir dbname=postgres user=siak" -c "CREATE DATABASE ektpbench_$$"
run_backend postgresql "postgres:host=$pgdir dbname=ektpbench_$$ user=siak"
