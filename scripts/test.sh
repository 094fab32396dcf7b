#!/usr/bin/env bash
# Runs every test: sets up, builds with warnings as errors and sanitizers (the benchmarks are
# compiled too, so they cannot rot, but not run), starts a throwaway
# PostgreSQL cluster, runs CTest against SQLite and PostgreSQL, and removes the cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
# The operator UI, type-checked and built (its bundle budget checked) for the browser tests.
(cd web && npm run --silent build)

jobs=$(nproc)
cmake -S . -B build/test -DCMAKE_BUILD_TYPE=Debug -DSIAK_WERROR=ON -DSIAK_SANITIZE=ON -DSIAK_BUILD_BENCH=ON >/dev/null
cmake --build build/test -j "$jobs"

pgdir=$(scripts/pg_tmp.sh start)
# The API tests' prepared template databases (tests/api/api_server.cc) go with the run.
rm -f /tmp/siak_api_tmpl_* /tmp/siak_register_tmpl_*
trap 'scripts/pg_tmp.sh stop "$pgdir"; rm -f /tmp/siak_api_tmpl_* /tmp/siak_register_tmpl_*' EXIT
export SIAK_TEST_PG="host=$pgdir dbname=postgres user=siak"
export SIAK_REQUIRE_PG=1  # the store suites fail, not skip, without PostgreSQL here

ctest --test-dir build/test --output-on-failure -j "$jobs" "$@"
