#!/usr/bin/env bash
# Installs everything OpenSIAK needs on Debian 12, idempotently: Debian packages (as root, or
# through sudo), the pinned region data package idn-area-data@4.0.1 from npm, checked against
# its integrity hash, and the operator UI's npm packages (web/package-lock.json). With
# --browser also Debian's chromium, for the browser tests. Safe to run again; does nothing when
# all is in place.
set -euo pipefail
cd "$(dirname "$0")/.."
browser=0
[ "${1:-}" = "--browser" ] && browser=1

PACKAGES=(
  build-essential cmake pkg-config git ca-certificates
  libgtest-dev libgmock-dev libbenchmark-dev
  libsqlite3-dev sqlite3 libjemalloc-dev python3
  libpq-dev postgresql
  libsodium-dev libssl-dev librestinio-dev libasio-dev libfmt-dev libhttp-parser-dev libfaiss-dev
  nlohmann-json3-dev libtomlplusplus-dev libcurl4-openssl-dev wrk openssl
  libcairo2-dev libqrencode-dev libturbojpeg0-dev libpng-dev fonts-dejavu-core
  poppler-utils
)
# The browser tests drive Debian's chromium (never a downloaded one) through playwright-core.
if [ "$browser" = 1 ]; then PACKAGES+=(chromium); fi
# idn-area-data@4.0.1, as published (sha512 of the npm tarball).
REGION_DATA_INTEGRITY='sha512-PhNSIl5T7swVwwWxJOFMtCaeHAF9TUu0HLDf+36EIWZro9j7au83AFIJiBQGL+iRsBDA2OlpJ5fjiqxNYndzOQ=='

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
for pkg in "${PACKAGES[@]}"; do
  if [ "$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)" != "installed" ]; then
    missing+=("$pkg")
  fi
done
# Node.js and npm fetch the region data. Take Debian's only when no npm is present (a machine
# with another Node.js distribution already has its own npm).
if ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Region data: the lock file pins version and integrity; npm ci verifies the tarball against it.
lock=third_party/regions/package-lock.json
if ! grep -q "\"integrity\": \"$REGION_DATA_INTEGRITY\"" "$lock"; then
  echo "setup: $lock does not pin idn-area-data@4.0.1 with the expected integrity hash" >&2
  exit 1
fi
installed=third_party/regions/node_modules/idn-area-data/package.json
if [ ! -f "$installed" ] || ! grep -q '"version": "4.0.1"' "$installed" \
   || [ ! -f third_party/regions/node_modules/idn-area-data/data/villages.csv ]; then
  echo "setup: fetching idn-area-data@4.0.1 (ODbL 1.0)"
  (cd third_party/regions && npm ci --no-audit --no-fund --loglevel=error)
fi
# The operator UI's packages, exactly as web/package-lock.json pins them (npm ci), again only
# when the lock file changed since the last install.
lock_sum=$(sha256sum web/package-lock.json | cut -d' ' -f1)
if [ ! -f web/node_modules/.siak-lock-sha256 ] || [ "$(cat web/node_modules/.siak-lock-sha256)" != "$lock_sum" ]; then
  echo "setup: installing the operator UI's npm packages (web/package-lock.json)"
  (cd web && npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock_sum" > web/node_modules/.siak-lock-sha256
fi
echo "setup: ok"
