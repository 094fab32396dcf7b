#!/usr/bin/env bash
# The CLI end to end on a fresh SQLite store: init, import the official regions, stats,
# find, nik check, and clear errors (naming field and rule) for bad input.
set -euo pipefail
siak=$1
data=$2
if [ ! -f "$data/villages.csv" ]; then
  echo "region data missing at $data: run scripts/setup.sh" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SIAK_STORE="sqlite:$work/siak.db"
fail() { echo "FAIL: $*" >&2; exit 1; }

"$siak" init | grep -q "schema version" || fail "init"
"$siak" regions import --from "$data" | grep -q "imported 108972 regions" || fail "import count"
stats=$("$siak" regions stats)
echo "$stats"
echo "$stats" | grep -Eq "^provinces +38$" || fail "provinces"
echo "$stats" | grep -Eq "^regencies +514 " || fail "regencies"
echo "$stats" | grep -Eq "^districts +7,285$" || fail "districts"
echo "$stats" | grep -Eq "^villages +83,762 " || fail "villages"
echo "$stats" | grep -Eq "^islands +17,373 .* 110 outermost small islands" || fail "islands"

"$siak" regions find "keude bakongan" | grep -q "^11.01.01.2001" || fail "find by name"
"$siak" regions find "KÉUDE   bakóngan" | grep -q "^11.01.01.2001" || fail "find ignoring case and accents"
"$siak" regions find "pasi kuala bau" | grep -q "Pasi Kuala Ba'u" || fail "find ignoring apostrophes"
"$siak" regions find "11.01.01" --limit 1 | grep -q "^11.01.01 " || fail "find by code prefix"

"$siak" nik check 1101014509900001 | grep -q "Perempuan" || fail "nik check decodes sex"
if out=$("$siak" nik check 1101014509900000 2>&1); then fail "serial 0000 accepted"; fi
echo "$out" | grep -q "field 'nik'" || fail "nik error names the field: $out"
echo "$out" | grep -q "0000" || fail "nik error names the rule: $out"
if out=$("$siak" nik check 9901014509900001x 2>&1); then fail "bad length accepted"; fi
echo "$out" | grep -q "16 digits" || fail "length rule: $out"

# A broken import changes nothing and names file and line.
mkdir "$work/bad" && cp "$data"/*.csv "$work/bad/"
sed -i '5s/^\([0-9.]*\),/\1X,/' "$work/bad/villages.csv"
if out=$("$siak" regions import --from "$work/bad" 2>&1); then fail "bad import accepted"; fi
echo "$out" | grep -q "villages.csv line 5" || fail "import error names file and line: $out"
"$siak" regions stats | grep -Eq "^villages +83,762 " || fail "failed import changed the store"
echo "cli smoke: ok"
