#!/usr/bin/env bash
# The operator UI in a real browser: a fresh SQLite store with a small SYNTHETIC demo regency,
# a real `siak serve` on a free loopback port serving web/dist, and web/tests/e2e.test.mjs
# driving Debian's chromium through playwright-core. Screenshots of the main screens go to
# $SIAK_E2E_ARTIFACTS (default build/e2e-screenshots), not to the repository.
set -euo pipefail
siak=$(readlink -f "$1")
data=$(readlink -f "$2")
web=$(readlink -f "$3")
fail() { echo "FAIL: $*" >&2; exit 1; }
[ -f "$data/villages.csv" ] || fail "region data missing at $data: run scripts/setup.sh"
[ -f "$web/dist/index.html" ] || fail "the UI is not built: run (cd web && npm run build)"
[ -d "$web/node_modules/playwright-core" ] || fail "playwright-core missing: run scripts/setup.sh"
[ -x /usr/bin/chromium ] || fail "Debian's chromium missing: run scripts/setup.sh --browser"

work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
export SIAK_STORE="sqlite:$work/siak.db"
mkdir -p var

"$siak" init >/dev/null
"$siak" regions import --from "$data" >/dev/null
"$siak" demo generate --region 32.04 --residents 4000 --seed 3 >/dev/null 2>&1 || fail "demo generate"
"$siak" ektp seed-demo --region 32.04 >/dev/null
"$siak" abis seed-demo --region 32.04 --persons 300 --duplicates 4 >/dev/null
"$siak" outreach seed-demo --region 32.04 >/dev/null
: > credentials.txt
for spec in "admin admin national" "spv.demo supervisor 32.04" "reg.demo registrar 32.04" \
            "rekam.demo recording_officer 32.04" "cetak.demo print_officer 32.04" "audit.demo auditor 32.04"; do
  set -- $spec
  password=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 16)
  echo "$password" | "$siak" user add "$1" --role "$2" --scope "$3" >/dev/null
  echo "$1 $password" >> credentials.txt
done

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$siak" serve --port "$port" --web-root "$web/dist" --openapi "$web/../docs/openapi.json" --access-log off \
  --workers 2 --network-threads 2 > serve.log 2>&1 &
server=$!
for _ in $(seq 1 600); do
  curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat serve.log >&2; fail "siak serve exited"; }
  sleep 0.2
done
curl -sf "http://127.0.0.1:$port/readyz" >/dev/null || { cat serve.log >&2; fail "siak serve not ready"; }

export SIAK_E2E_URL="http://127.0.0.1:$port"
export SIAK_E2E_CREDENTIALS="$work/credentials.txt"
export SIAK_E2E_SIAK="$siak"
export SIAK_E2E_WORK="$work"
export SIAK_E2E_ARTIFACTS="${SIAK_E2E_ARTIFACTS:-$web/../build/e2e-screenshots}"
mkdir -p "$SIAK_E2E_ARTIFACTS"
cd "$web"
if ! node --test --test-concurrency=1 tests/; then
  tail -30 "$work/serve.log" >&2
  exit 1
fi
echo "web e2e: ok (screenshots in $SIAK_E2E_ARTIFACTS)"
