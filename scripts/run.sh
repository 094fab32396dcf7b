#!/usr/bin/env bash
# Quick start: sets up, builds, and runs OpenSIAK on its embedded default (SQLite under var/):
# creates the store, loads the official regions and prints their counts.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DSIAK_BUILD_TESTS=OFF >/dev/null
cmake --build build/release -j "$(nproc)" --target siak

export SIAK_STORE="${SIAK_STORE:-sqlite:var/siak.db}"
build/release/siak init
build/release/siak regions import
build/release/siak regions stats
echo
echo "Try: build/release/siak regions find \"bakongan\"   or   build/release/siak nik check 1101014509900001"
