#!/usr/bin/env bash
# Benchmarks (not tests): builds in Release, starts a throwaway PostgreSQL cluster (with
# fsync on, as in production) and runs every benchmark against SQLite and PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DSIAK_BUILD_TESTS=OFF -DSIAK_BUILD_BENCH=ON >/dev/null
# The fingerprint matcher needs no database: build only it and run it with the remaining args.
if [ "${1:-}" = "--finger" ]; then
  shift
  cmake --build build/release -j "$(nproc)" --target siak_finger_bench
  build/release/siak_finger_bench "$@"
  exit 0
fi
# The registration ceiling needs only the CLI (for `siak init`) and SQLite: no PostgreSQL.
if [ "${1:-}" = "--ceiling" ]; then
  shift
  cmake --build build/release -j "$(nproc)" --target siak
  bench/registration_ceiling.py build/release/siak "$@"
  exit 0
fi
cmake --build build/release -j "$(nproc)" --target siak_bench siak_abis_bench siak_finger_bench siak_card_bench \
  siak_ektp_bench siak_outreach_bench siak

pgdir=$(SIAK_PG_FSYNC=on scripts/pg_tmp.sh start)
trap 'scripts/pg_tmp.sh stop "$pgdir"' EXIT
export SIAK_BENCH_PG="host=$pgdir dbname=postgres user=siak"
export SIAK_REGION_DATA="${SIAK_REGION_DATA:-$PWD/third_party/regions/node_modules/idn-area-data/data}"
if [ "${1:-}" = "--demo" ]; then
  bench/demo_bench.sh build/release "$pgdir" "${2:-1000000}" "${3:-200000}"
  exit 0
fi
if [ "${1:-}" = "--abis" ]; then
  shift
  build/release/siak_abis_bench "$@"
  exit 0
fi
if [ "${1:-}" = "--ektp" ]; then
  build/release/siak_card_bench
  build/release/siak_ektp_bench coverage --residents "${2:-10000000}"
  bench/ektp_api_bench.sh build/release "$pgdir" "${3:-2000}"
  exit 0
fi
if [ "${1:-}" = "--outreach" ]; then
  shift
  build/release/siak_outreach_bench "$@"
  exit 0
fi
if [ "${1:-}" = "--api" ]; then
  bench/api_bench.sh build/release "$pgdir" "${2:-8}"
  exit 0
fi
build/release/siak_bench "$@"
echo
bench/api_bench.sh build/release "$pgdir" 8
echo
bench/registration_ceiling.py build/release/siak
echo
bench/demo_bench.sh build/release "$pgdir"
echo
build/release/siak_abis_bench
echo
build/release/siak_finger_bench
echo
build/release/siak_card_bench
build/release/siak_ektp_bench coverage
bench/ektp_api_bench.sh build/release "$pgdir"
# 5 M residents on SQLite (made once under /tmp, then reused), 1 M on the throwaway PostgreSQL.
SIAK_OUTREACH_PG_RESIDENTS="${SIAK_OUTREACH_PG_RESIDENTS:-1000000}" build/release/siak_outreach_bench
