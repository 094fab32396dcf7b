#!/usr/bin/env bash
# Quick start: sets up, builds, and runs OpenSIAK on its embedded default (SQLite under var/).
# On the first start it creates the store, loads the official regions, generates a synthetic
# demo regency (Kabupaten Bandung, 32.04, 200,000 residents; SIAK_DEMO=0 skips it, and
# SIAK_DEMO_REGION / SIAK_DEMO_RESIDENTS change it), creates the first admin and a few scoped
# demo operators and the regency's recording sites and blank stock, prints the credentials,
# and serves the API on http://127.0.0.1:8080 until
# Ctrl-C. A second run reuses everything.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

# The operator UI (web/, TypeScript + Vite) into web/dist, which siak serve serves at /.
(cd web && npm run --silent build)
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DSIAK_BUILD_TESTS=OFF >/dev/null
cmake --build build/release -j "$(nproc)" --target siak

export SIAK_STORE="${SIAK_STORE:-sqlite:var/siak.db}"
siak=build/release/siak
mkdir -p var
$siak init
if [ "$($siak regions stats 2>/dev/null | awk '/^villages/ {print $2}')" != "83,762" ]; then
  $siak regions import
fi
$siak regions stats

new_password() { head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20; }
if ! $siak user list | grep -q '^admin '; then
  password=$(new_password)
  echo "$password" | $siak user add admin --role admin --scope national
  (umask 077 && echo "$password" > var/admin-password.txt)
fi

demo_region="${SIAK_DEMO_REGION:-32.04}"
if [ "${SIAK_DEMO:-1}" != "0" ] && [ "$($siak persons count)" = "0" ]; then
  echo "Generating a synthetic demo population (not real residents) in $demo_region ..."
  $siak demo generate --region "$demo_region" --residents "${SIAK_DEMO_RESIDENTS:-200000}" --seed 1
  # Scoped demo operators, one password each, kept in var/demo-credentials.txt (yours only).
  (umask 077 && : > var/demo-credentials.txt)
  # Recording sites, kits and blank stock for the (first) demo regency (docs/ektp.md).
  first_region=${demo_region%%,*}
  if [ "${#first_region}" -eq 5 ]; then $siak ektp seed-demo --region "$first_region"; fi
  # SYNTHETIC fingers and irises for 2,000 recorded residents, and planted duplicates queued for
  # the ABIS worker (docs/abis.md).
  if [ "${#first_region}" -eq 5 ]; then $siak abis seed-demo --region "$first_region" | tail -1; fi
  # The recent history (births, deaths, marriages, divorces) registered through the civil events,
  # each with its akta (docs/civil.md).
  if [ "${#first_region}" -eq 5 ]; then $siak civil seed-demo --region "$first_region"; fi
  # Jemput bola: the region data's outermost-island flags, two districts and a village flagged as
  # DEMO examples, two mobile teams, a recording target and a SYNTHETIC coverage history
  # (docs/outreach.md).
  if [ "${#first_region}" -eq 5 ]; then $siak outreach seed-demo --region "$first_region"; fi
  district=$($siak regions find "$demo_region" --limit 40 | awk -v r="$demo_region" '$1 ~ "^"r"\\.[0-9][0-9]$" {print $1; exit}')
  for spec in "spv.demo supervisor $demo_region" "reg.demo registrar $demo_region" \
              "reg.kecamatan registrar ${district:-$demo_region}" "rekam.demo recording_officer $demo_region" \
              "cetak.demo print_officer $demo_region" "audit.demo auditor $demo_region"; do
    set -- $spec
    if ! $siak user list | grep -q "^$1 "; then
      password=$(new_password)
      echo "$password" | $siak user add "$1" --role "$2" --scope "$3" >/dev/null
      echo "$1 $2 $3 $password" >> var/demo-credentials.txt
    fi
  done
fi

echo
echo "Users (user, role, scope, password):"
echo "  admin admin national $(cat var/admin-password.txt)"
[ -f var/demo-credentials.txt ] && sed 's/^/  /' var/demo-credentials.txt
echo
echo "Open the operator UI at http://127.0.0.1:${SIAK_PORT:-8080}/ and log in with a user above."
echo "Serving the API on http://127.0.0.1:${SIAK_PORT:-8080} (Ctrl-C stops). Try:"
echo "  curl -s -X POST localhost:${SIAK_PORT:-8080}/api/v1/auth/login -d '{\"username\":\"admin\",\"password\":\"'\$(cat var/admin-password.txt)'\"}'"
exec $siak serve
