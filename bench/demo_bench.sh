#!/usr/bin/env bash
# Benchmark of `siak demo generate` (Release build), each against a baseline of the same run:
#   SQLite:     1 M residents generated and stored (goal: at most 60 s); baseline: the sqlite3
#               shell loading the very same rows (dumped as CSV) into an empty schema in one
#               transaction.
#   PostgreSQL: N residents (default 200,000) generated and stored; baseline: COPY ... FROM of
#               the very same rows (dumped with COPY TO) into an empty schema. Goal: at least half
#               of COPY's own rate.
# Usage: bench/demo_bench.sh BUILD_DIR PG_SOCKET_DIR [SQLITE_RESIDENTS] [PG_RESIDENTS]
set -euo pipefail
build=$1
pgdir=$2
n_sqlite=${3:-1000000}
n_pg=${4:-200000}
siak="$build/siak"
data=${SIAK_REGION_DATA:-third_party/regions/node_modules/idn-area-data/data}
work=$(mktemp -d /tmp/siak-demobench.XXXXXX)
trap 'rm -rf "$work"' EXIT
tables="person person_name_token name_token_variant family family_member event"
now() { date +%s.%N; }

echo "== demo generate into SQLite: $n_sqlite residents (Kabupaten Bandung 32.04 and Kota Bandung 32.73)"
store="sqlite:$work/demo.db"
"$siak" --store "$store" init >/dev/null
"$siak" --store "$store" regions import --from "$data" >/dev/null
t0=$(now)
"$siak" --store "$store" demo generate --region 32.04,32.73 --residents "$n_sqlite" --seed 1 2>/dev/null
t1=$(now)
ours=$(python3 -c "print($t1 - $t0)")
# Baseline: the same rows through the sqlite3 shell into a fresh schema, one transaction.
"$siak" --store "sqlite:$work/base.db" init >/dev/null
for t in $tables; do sqlite3 -csv "$work/demo.db" "SELECT * FROM $t" > "$work/$t.csv"; done
{ echo "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; BEGIN;"
  for t in $tables; do echo ".import $work/$t.csv $t"; done
  echo "COMMIT;"; } > "$work/load.sql"
t0=$(now)
sqlite3 -csv "$work/base.db" < "$work/load.sql" >/dev/null
t1=$(now)
base=$(python3 -c "print($t1 - $t0)")
rows=$(cat $(for t in $tables; do echo "$work/$t.csv"; done) | wc -l)
python3 -c "print('sqlite: %d residents (%d rows in all) in %.1f s = %.0f residents/s; goal <= 60 s: %s' % ($n_sqlite, $rows, $ours, $n_sqlite/$ours, 'met' if $ours <= 60 else 'NOT met'))"
python3 -c "print('sqlite baseline: sqlite3 shell loads the same rows in %.1f s; ours / baseline time = %.2f (generation included in ours)' % ($base, $ours/$base))"

echo "== demo generate into PostgreSQL: $n_pg residents (32.04)"
db=demobench_$$
psql -q "host=$pgdir dbname=postgres user=siak" -c "CREATE DATABASE $db" -c "CREATE DATABASE ${db}_base"
store="postgres:host=$pgdir dbname=$db user=siak"
"$siak" --store "$store" init >/dev/null
"$siak" --store "$store" regions import --from "$data" >/dev/null
t0=$(now)
"$siak" --store "$store" demo generate --region 32.04 --residents "$n_pg" --seed 1 2>/dev/null
t1=$(now)
ours=$(python3 -c "print($t1 - $t0)")
"$siak" --store "postgres:host=$pgdir dbname=${db}_base user=siak" init >/dev/null
copy_tables="person family family_member event name_token_variant person_name_token"
for t in $copy_tables; do
  psql -q "host=$pgdir dbname=$db user=siak" -c "\\copy (SELECT * FROM $t) TO '$work/pg-$t.txt'"
done
{ echo "BEGIN;"; for t in $copy_tables; do echo "\\copy $t FROM '$work/pg-$t.txt'"; done; echo "COMMIT;"; } > "$work/pgload.sql"
t0=$(now)
psql -q "host=$pgdir dbname=${db}_base user=siak" -f "$work/pgload.sql" >/dev/null
t1=$(now)
base=$(python3 -c "print($t1 - $t0)")
python3 -c "r=$base/$ours; print('postgresql: %d residents in %.1f s = %.0f residents/s; COPY of the same rows: %.1f s; our rate / COPY rate = %.2f (goal >= 0.5: %s)' % ($n_pg, $ours, $n_pg/$ours, $base, r, 'met' if r >= 0.5 else 'NOT met'))"
