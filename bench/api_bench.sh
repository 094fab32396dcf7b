#!/usr/bin/env bash
# HTTP benchmark of `siak serve` (Release build) with wrk: 64 keep-alive connections on loopback.
#   /healthz                         the server's own ceiling (no store, no auth)
#   GET /api/v1/persons/{nik}        auth + scope + read + audit entry (fail closed) per request
#   POST /api/v1/persons             auth + NIK issue + insert + name tokens + event + audit
# Each against SQLite (the default, synchronous=FULL) and PostgreSQL (fsync on).
# Usage: bench/api_bench.sh BUILD_DIR PG_SOCKET_DIR [SECONDS]
#   SIAK_BENCH_ROUNDS (default 3), SIAK_BENCH_BACKENDS (default "sqlite postgresql")
set -euo pipefail
build=$1
pgdir=$2
secs=${3:-8}
rounds=${SIAK_BENCH_ROUNDS:-3}  # each figure is the median of this many runs (the machine is noisy)
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
  echo "== $name ($rounds rounds of healthz, POST, GET; the first POST run fills the store the GETs read)"
  local count=0
  for r in $(seq "$rounds"); do
    wrk -t2 -c64 -d"${secs}s" --latency "http://127.0.0.1:$port/healthz" > "$work/$name-healthz-$r.txt"
    TOKEN=$token wrk -t2 -c64 -d"${secs}s" --latency -s "$work/post.lua" "http://127.0.0.1:$port/api/v1/persons" \
      > "$work/$name-post-$r.txt"
    if [ "$r" = 1 ]; then
      # GET by NIK over the persons just created, round robin.
      bash -c "$nik_query" > "$work/niks.txt"
      count=$(wc -l < "$work/niks.txt")
      { echo "local niks = {"; sed 's/.*/"&",/' "$work/niks.txt"; echo "}";
        echo 'local i = 0'
        echo 'wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")'
        echo 'request = function() i = i % #niks + 1; return wrk.format("GET", "/api/v1/persons/" .. niks[i]) end'; } > "$work/get.lua"
    fi
    TOKEN=$token wrk -t2 -c64 -d"${secs}s" --latency -s "$work/get.lua" "http://127.0.0.1:$port/" > "$work/$name-get-$r.txt"
    grep -h "Non-2xx" "$work/$name-post-$r.txt" "$work/$name-get-$r.txt" || true
  done
  echo "(GETs over $count persons)"
  kill -TERM "$pid"; wait "$pid" || true
  python3 - "$work" "$name" "$rounds" <<'PY'
import re, statistics, sys
work, name, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
def read(kind, r):
    text = open(f"{work}/{name}-{kind}-{r}.txt").read()
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", text).groups()
    return rate, float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
rows = [{k: read(k, r) for k in ("healthz", "get", "post")} for r in range(1, rounds + 1)]
for i, row in enumerate(rows, 1):
    h, g, p = row["healthz"], row["get"], row["post"]
    print(f"round {i}: healthz {h[0]:9.0f}/s p99 {h[1]:6.2f} ms | GET {g[0]:8.0f}/s p99 {g[1]:6.2f} ms "
          f"ratio {g[0] / h[0]:.3f} | POST {p[0]:7.0f}/s p99 {p[1]:6.2f} ms")
med = lambda xs: statistics.median(xs)
h = med([r["healthz"][0] for r in rows]); g = med([r["get"][0] for r in rows]); p = med([r["post"][0] for r in rows])
ratio = med([r["get"][0] / r["healthz"][0] for r in rows])
print(f"{name}, median of {rounds}: healthz {h:.0f}/s (p99 {med([r['healthz'][1] for r in rows]):.2f} ms), "
      f"GET {g:.0f}/s (p99 {med([r['get'][1] for r in rows]):.2f} ms), "
      f"POST {p:.0f}/s (p99 {med([r['post'][1] for r in rows]):.2f} ms)")
print(f"{name}: GET by NIK / healthz = {ratio:.3f} (median of the rounds' ratios); POST / healthz = {p / h:.3f}")
PY
}

backends=${SIAK_BENCH_BACKENDS:-sqlite postgresql}
if [[ " $backends " == *" sqlite "* ]]; then
  run_backend sqlite "sqlite:$work/siak.db" "sqlite3 $work/siak.db 'SELECT nik FROM person LIMIT 20000'"
fi
if [[ " $backends " == *" postgresql "* ]]; then
  psql -q "host=$pgdir dbname=postgres user=siak" -c "CREATE DATABASE apibench_$$"
  run_backend postgresql "postgres:host=$pgdir dbname=apibench_$$ user=siak" \
    "psql -qtA 'host=$pgdir dbname=apibench_$$ user=siak' -c 'SELECT nik FROM nik_registry LIMIT 20000'"
fi
