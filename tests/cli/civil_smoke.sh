#!/usr/bin/env bash
# Civil registration from the command line on a fresh SQLite store: a small synthetic regency,
# its recent history registered through the civil events (siak civil seed-demo), the vital
# statistics, an akta shown, rendered and its QR reference verified offline; a forged reference
# and bad input refused with the rule named.
set -euo pipefail
siak=$1
data=$2
if [ ! -f "$data/villages.csv" ]; then
  echo "region data missing at $data: run scripts/setup.sh" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SIAK_STORE="sqlite:$work/siak.db" SIAK_CARD_KEY_FILE="$work/card.key"
fail() { echo "FAIL: $*" >&2; exit 1; }

"$siak" init >/dev/null
"$siak" regions import --from "$data" >/dev/null
"$siak" demo generate --region 32.04 --residents 5000 --seed 7 >/dev/null 2>&1 || fail "demo generate"
seeded=$("$siak" civil seed-demo --region 32.04 --births 12 --deaths 4 --marriages 3 2>&1)
echo "$seeded"
echo "$seeded" | grep -Eq "^[0-9]+ civil events registered in 32\.04 .* 0 refused by the rules" || fail "seed-demo"
"$siak" civil seed-demo --region 32.04 | grep -q "civil events exist already" || fail "seed-demo twice"
stats=$("$siak" civil stats --region 32.04 --level 4)
echo "$stats"
births=$(echo "$stats" | awk 'NR > 1 {sum += $3} END {print sum}')
[ "$births" = "12" ] || fail "12 births counted, got $births"

shown=$("$siak" akta show 1)
echo "$shown"
echo "$shown" | grep -q "^KUTIPAN AKTA KELAHIRAN  No. 3204-LT-" || fail "akta show title"
echo "$shown" | grep -q "(KUTIPAN PERTAMA)" || fail "akta show copy"
ref=$(echo "$shown" | awk '$1 == "referensi" {print $2}')
[ -n "$ref" ] || fail "no reference"
"$siak" akta verify "$ref" | grep -q "^valid: signed by key" || fail "verify with the key file"
pub=$("$siak" card public-key | awk '{print $1}')
"$siak" akta verify "$ref" --public-key "$pub" | grep -q "kind         kelahiran" || fail "verify with the public key"
forged=$(echo "$ref" | sed 's/\.kelahiran\./.kematian./')
if out=$("$siak" akta verify "$forged" 2>&1); then fail "a forged reference verified"; fi
echo "$out" | grep -q "reference" || fail "forged: the field is named: $out"
"$siak" akta render 1 --out "$work/akta.pdf" | grep -q "^wrote " || fail "render pdf"
head -c 5 "$work/akta.pdf" | grep -q "%PDF-" || fail "not a PDF"
"$siak" akta render 1 --out "$work/akta.png" --format png >/dev/null || fail "render png"
if out=$("$siak" akta render 1 --out "$work/x" --format gif 2>&1); then fail "gif rendered"; fi
echo "$out" | grep -q "format" || fail "bad format not named: $out"
if out=$("$siak" akta show 999999 2>&1); then fail "a missing event shown"; fi
echo "$out" | grep -q "event_id" || fail "missing event not named: $out"
echo "civil smoke: ok"
