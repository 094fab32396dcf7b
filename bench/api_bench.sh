#!/usr/bin/env bash
# HTTP benchmark of `siak serve` (Release build) with wrk: 64 keep-alive connections on loopback.
#   /healthz                         the server's own ceiling (no store, no auth)
#   GET /api/v1/persons/{nik}        auth + scope + read + audit entry (fail closed) per request
#   POST /api/v1/persons             auth + NIK issue + insert + name tokens + event + audit
# Each against SQLite (the default, synchronous=FULL) and PostgreSQL (fsync on).
# Usage: bench/api_bench.sh BUILD_DIR PG_SOCKET_DIR [SECONDS]
set -euo pipefail
build=$1
pgdir=$2
secs=${3:-8}
siak="$build/siak"
data=${SIAK_REGION_DATA:-third_party/regions/node_modules/idn-area-data/data}
work=$(mktemp -d /tmp/siak-apibench.XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
password=bench-password-123

cat > "$work/post.lua" <<'LUA'
local counter = 0
local names = {"Budi Santoso", "Siti Aminah", "Made Wirawan", "Ni Luh Ayu", "Muhammad Rizki", "Tan Mei Ling",
               "Andi Baso", "Ucok Siregar", "Dewi Lestari", "Yohanes Kristianto"}
local token = os.getenv("TOKEN")
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer " .. token
wrk.headers["Content-Type"] = "application/json"
request = function()
  counter = counter + 1
  local day = (counter % 28) + 1
  local month = (math.floor(counter / 28) % 12) + 1
  local year = 1950 + (math.floor(counter / 336) % 60)
  local body = string.format('{"nama":"%s","tempat_lahir":"Bandung","tanggal_lahir":"%04d-%02d-%02d",' ..
    '"jenis_kelamin":%d,"agama":1,"status_perkawinan":1,"pendidikan":5,"pekerjaan":15,' ..
    '"wilayah":"32.73.01.1001","alamat":"Jl. Bench","rt":1,"rw":1}', names[counter % 10 + 1], year, month, day, (counter % 2) + 1)
  return wrk.format(nil, nil, nil, body)
end
LUA

run_backend() {
  local name=$1 store=$2 nik_query=$3
  local port=$((18000 + RANDOM % 1000))
  SIAK_STORE="$store" "$siak" init >/dev/null
  SIAK_STORE="$store" "$siak" regions import --from "$data" >/dev/null
  echo "$password" | SIAK_STORE="$store" "$siak" user add bench --role registrar --scope 32.73 >/dev/null
  SIAK_STORE="$store" "$siak" serve --port "$port" --access-log off >"$work/serve-$name.log" 2>&1 &
  local pid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
  local token
  token=$(curl -s -X POST "http://127.0.0.1:$port/api/v1/auth/login" \
    -d "{\"username\":\"bench\",\"password\":\"$password\"}" | sed -E 's/.*"token":"([0-9a-f]+)".*/\1/')
  echo "== $name"
  wrk -t2 -c64 -d"${secs}s" --latency "http://127.0.0.1:$port/healthz" | tee "$work/$name-healthz.txt" | grep -E "Requests/sec|99%"
  TOKEN=$token wrk -t2 -c64 -d"${secs}s" --latency -s "$work/post.lua" "http://127.0.0.1:$port/api/v1/persons" \
    | tee "$work/$name-post.txt" | grep -E "Requests/sec|99%|Non-2xx"
  # GET by NIK over the persons just created, round robin.
  bash -c "$nik_query" > "$work/niks.txt"
  local count
  count=$(wc -l < "$work/niks.txt")
  { echo "local niks = {"; sed 's/.*/"&",/' "$work/niks.txt"; echo "}";
    echo 'local i = 0'
    echo 'wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")'
    echo 'request = function() i = i % #niks + 1; return wrk.format("GET", "/api/v1/persons/" .. niks[i]) end'; } > "$work/get.lua"
  TOKEN=$token wrk -t2 -c64 -d"${secs}s" --latency -s "$work/get.lua" "http://127.0.0.1:$port/" \
    | tee "$work/$name-get.txt" | grep -E "Requests/sec|99%|Non-2xx"
  echo "($count persons in the store)"
  kill -TERM "$pid"; wait "$pid" || true
  local h g p
  h=$(grep Requests/sec "$work/$name-healthz.txt" | awk '{print $2}')
  g=$(grep Requests/sec "$work/$name-get.txt" | awk '{print $2}')
  p=$(grep Requests/sec "$work/$name-post.txt" | awk '{print $2}')
  python3 -c "print('$name: GET by NIK / healthz = %.3f; POST / healthz = %.3f' % ($g/$h, $p/$h))"
}

run_backend sqlite "sqlite:$work/siak.db" "sqlite3 $work/siak.db 'SELECT nik FROM person LIMIT 20000'"
createdb_sql="CREATE DATABASE apibench_$$"
psql -q "host=$pgdir dbname=postgres user=siak" -c "$createdb_sql"
run_backend postgresql "postgres:host=$pgdir dbname=apibench_$$ user=siak" \
  "psql -qtA 'host=$pgdir dbname=apibench_$$ user=siak' -c 'SELECT nik FROM nik_registry LIMIT 20000'"
