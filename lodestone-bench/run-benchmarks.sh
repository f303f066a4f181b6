#!/usr/bin/env bash
# Runs the published benchmark end to end on this machine and writes every result to an output directory:
# a fresh server on the embedded store, a synthetic tenant loaded through the bulk API, start-up time to ready,
# then each load scenario (lodestone bench load) and a cross-check of the validator scenario with wrk.
#
#   lodestone-bench/run-benchmarks.sh [--entities 20000] [--users 20000] [--interactions 200000]
#                                     [--connections 1000] [--duration 60s] [--out bench-results/NAME]
#                                     [--data DIR]
#
# --data keeps the store in DIR (default: a temporary directory, removed at the end); when DIR already holds a store
# this script loaded (DIR/loaded.txt), the load is skipped and the runs start from the restarts.
#
# The server runs with its result cache off (RECOMMENDATION_CACHE_TTL_SECS=0), so recommendation figures are
# uncached; CACHE_TTL_SECS=300 measures with the cache. SERVER_JAVA_OPTS passes JVM options to the server,
# SERVER_LOG_LEVEL its log level (default warn; info shows where start-up time goes).
# Needs: a built tree (./lodestone build), curl; wrk is optional (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."

entities=20000 users=20000 interactions=200000 connections=1000 duration=60s warmup=10s out="" port=18080 data_dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --entities) entities=$2; shift 2 ;;
    --users) users=$2; shift 2 ;;
    --interactions) interactions=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --data) data_dir=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
out=${out:-bench-results/$(date -u +%Y%m%dT%H%M%SZ)-${entities}e}
mkdir -p "$out"
if [ -n "$data_dir" ]; then mkdir -p "$data_dir"; data=$(cd "$data_dir" && pwd); keep_data=1; else data=$(mktemp -d); keep_data=""; fi
target=http://127.0.0.1:$port
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null; [ -n "$keep_data" ] || rm -rf "$data"; }
trap cleanup EXIT

start_server() {
  local t0; t0=$(date +%s%N)
  DATA_DIR="$data" PORT=$port SHUTDOWN_GRACE_SECS=0 LOG_LEVEL=${SERVER_LOG_LEVEL:-warn} RECOMMENDATION_CACHE_TTL_SECS=${CACHE_TTL_SECS:-0} \
    JAVA_OPTS="${SERVER_JAVA_OPTS:-}" \
    ./lodestone start > "$out/server-$1.log" 2>&1 &
  server_pid=$!
  until curl -sf "$target/ready" > /dev/null 2>&1; do
    kill -0 "$server_pid" 2>/dev/null || { echo "server died; see $out/server-$1.log" >&2; exit 1; }
    sleep 0.05
  done
  seconds_since "$t0" > "$out/startup-$1.txt"
}

# Seconds (3 decimals) since a `date +%s%N` stamp.
seconds_since() {
  local ms=$(( ($(date +%s%N) - $1) / 1000000 ))
  printf '%d.%03d\n' $((ms / 1000)) $((ms % 1000))
}

stop_server() {
  kill -TERM "$server_pid"; wait "$server_pid" || true; server_pid=""
}

echo "== machine" | tee "$out/machine.txt"
{ echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"; echo "cpus: $(nproc)"; grep -m1 'model name' /proc/cpuinfo;
  free -h | head -2; echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)";
  "${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" -version 2>&1 | head -1; } | tee -a "$out/machine.txt"

if [ -f "$data/loaded.txt" ]; then
  echo "== reusing the store loaded in $data: $(cat "$data/loaded.txt")"
else
  echo "== empty start"; start_server empty
  echo "== loading $entities entities, $users users, $interactions interactions through the bulk API"
  t0=$(date +%s%N)
  ./lodestone bench datagen --entities "$entities" --users "$users" --interactions "$interactions" \
    --target "$target" --no-progress > "$out/datagen.txt" 2>&1
  echo "load seconds: $(seconds_since "$t0")" >> "$out/datagen.txt"
  cat "$out/datagen.txt"
  stop_server
  echo "$entities entities, $users users, $interactions interactions" > "$data/loaded.txt"
fi

echo "== restart on the loaded store"
start_server first
# the first start after the bulk load computes the content rows in the background and saves every neighbour row to
# DATA_DIR/rows; the measured start installs them (as any later restart of a running deployment does)
echo "== waiting for the saved neighbour rows ($(cat "$out/startup-first.txt")s to ready on the first start)"
until ls "$data"/rows/*.rows > /dev/null 2>&1; do
  kill -0 "$server_pid" 2>/dev/null || { echo "server died; see $out/server-first.log" >&2; exit 1; }
  sleep 1
done
stop_server
start_server loaded
ready_at=$(date +%s%N)
echo "start-up to ready: $(cat "$out/startup-loaded.txt")s (launcher, JVM, migrations, model load)" | tee -a "$out/startup-loaded.txt"
grep -h "models ready" "$out/server-loaded.log" | tee -a "$out/startup-loaded.txt" || true

run() {
  local name=$1; shift
  echo "== $name"
  ./lodestone bench load --target "$target" --server-pid "$server_pid" --users "$users" --entities "$entities" \
    --warmup "${WARMUP:-$warmup}" --duration "$duration" --json "$out/$name.json" "$@" | tee "$out/$name.txt"
}
wrk_run() {
  local name=$1 url=$2; shift 2
  command -v wrk > /dev/null || return 0
  echo "== wrk $name"
  wrk -t2 -c"$connections" -d"$duration" --latency "$@" "$url" | tee "$out/wrk-$name.txt"
}
cat > "$out/validator.lua" <<LUA
math.randomseed(7)
request = function()
  return wrk.format("GET", "/api/v1/recommendations/user/user_" .. math.random(1, $users) .. "?algorithm=hybrid&count=10")
end
LUA

# The targets hold from the moment of ready (no warm-up): the two paced runs start within a few seconds of /ready,
# with no warm-up of their own, before anything else has touched the model.
echo "seconds from ready to the first measured request: $(seconds_since "$ready_at")" | tee "$out/from-ready.txt"
WARMUP=0s run validator-5000rps --scenario validator -c "$connections" --rate 5000
WARMUP=0s run similar-10000rps --scenario similar -c "$connections" --rate 10000
grep VmRSS "/proc/$server_pid/status" | tee "$out/rss-after-paced.txt"
# Ceilings (closed loop); each wrk cross-check runs right after the same scenario of ours. Each ceiling is also
# stated as a share of /health's ceiling in the same run, since boxes differ.
run health --scenario health -c "$connections"
wrk_run health "$target/health"
run validator --scenario validator -c "$connections"
wrk_run validator "$target" -s "$out/validator.lua"
grep VmRSS "/proc/$server_pid/status" | tee "$out/rss-after-reads.txt"
run similar --scenario similar -c "$connections"
run trending --scenario trending -c "$connections"
run trending-20000rps --scenario trending -c "$connections" --rate 20000
# Writes last: they grow the model.
run mix --scenario mix -c "$connections"
run mix-2000rps --scenario mix -c "$connections" --rate 2000
run ingest-single --scenario ingest-single -c 64
run ingest-bulk --scenario ingest-bulk -c 4
grep VmRSS "/proc/$server_pid/status" | tee "$out/rss-end.txt"
share() { python3 -c "import json,sys; a=json.load(open(sys.argv[1]))['total']['throughput_rps']; b=json.load(open(sys.argv[2]))['total']['throughput_rps']; print(f'{a:.0f} req/s = {100*a/b:.1f} % of /health ({b:.0f} req/s)')" "$out/$1.json" "$out/health.json"; }
{ echo "hybrid ceiling: $(share validator)"; echo "similar ceiling: $(share similar)"; } | tee "$out/shares.txt" || true
echo "results in $out"
