#!/usr/bin/env bash
# Quick start: sets up, builds, and runs OpenSIAK on its embedded default (SQLite under var/):
# creates the store, loads the official regions, creates the first admin (once), and serves
# the API on http://127.0.0.1:8080 until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DSIAK_BUILD_TESTS=OFF >/dev/null
cmake --build build/release -j "$(nproc)" --target siak

export SIAK_STORE="${SIAK_STORE:-sqlite:var/siak.db}"
siak=build/release/siak
$siak init
if [ "$($siak regions stats 2>/dev/null | awk '/^villages/ {print $2}')" != "83,762" ]; then
  $siak regions import
fi
$siak regions stats
if ! $siak user list | grep -q '^admin '; then
  mkdir -p var
  password=$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)
  echo "$password" | $siak user add admin --role admin --scope national
  (umask 077 && echo "$password" > var/admin-password.txt)
  echo "First admin: user 'admin'; the password is in var/admin-password.txt (readable only by you)."
fi
echo
echo "Serving the API on http://127.0.0.1:${SIAK_PORT:-8080} (Ctrl-C stops). Try:"
echo "  curl -s -X POST localhost:${SIAK_PORT:-8080}/api/v1/auth/login -d '{\"username\":\"admin\",\"password\":\"'\$(cat var/admin-password.txt)'\"}'"
exec $siak serve
