#!/usr/bin/env bash
# The engine's own CPU time per proxied request (utime + stime of the engine process from
# /proc/<pid>/stat over a fixed wrk run), HTTP and HTTPS keep-alive. Requests per second move by
# ±40 % on a shared machine; CPU per request moves far less, so this is the figure to compare
# builds by. Run as root from a checkout (or a `git archive` export) after its build:
#
#   npx tsc -p tsconfig.provider.json && bash bench/engine-cpu-per-request.sh
#   RUNS=3 bash /tmp/export/bench/engine-cpu-per-request.sh   # measures /tmp/export/build
#
# Set-up: one nginx back end (1 worker, `return 200 "ok"`) and wrk (-t1, CONNECTIONS keep-alive
# connections) on CLIENT_CPUS; the engine (`--workers 1`, one process) alone on ENGINE_CPUS. Per
# protocol and run: WARMUP seconds of wrk, then DURATION seconds measured. Prints one line per
# run: protocol, requests, engine CPU ms, µs per request, req/s. Ports: BASE_PORT .. BASE_PORT+3.
# PROTOCOLS="http" measures one cell only; ENGINE_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=DIR")
# are passed to the engine's node (the profile is written when the script stops the engine); with
# "--require $PWD/bench/gc-probe.cjs" and GC_PROBE_FILE=FILE the engine logs its GC pauses and
# event-loop delay per second (bench/gc-probe-summary.mjs FILE summarizes them). Each measured run
# also prints wrk's p50 and p99 latency.
set -euo pipefail
# shellcheck source=bench/bench-setup.sh
source "$(dirname "$0")/bench-setup.sh"

RUNS=${RUNS:-2}
WARMUP=${WARMUP:-3}
DURATION=${DURATION:-6}
CONNECTIONS=${CONNECTIONS:-50}
ENGINE_CPUS=${ENGINE_CPUS:-0}
CLIENT_CPUS=${CLIENT_CPUS:-1}
BASE_PORT=${BASE_PORT:-19900}
ENGINE_ARGS=${ENGINE_ARGS:-}
PROTOCOLS=${PROTOCOLS:-http https}
REPO=$(cd "$(dirname "$0")/.." && pwd)
BACKEND_PORT=$BASE_PORT HTTP_PORT=$((BASE_PORT + 1)) HTTPS_PORT=$((BASE_PORT + 2)) TCP_PORT=$((BASE_PORT + 3))

[ -f "$REPO/build/provider/engine/main.js" ] || { echo "build first: no $REPO/build/provider/engine/main.js" >&2; exit 1; }
command -v wrk >/dev/null && command -v nginx >/dev/null || { echo "needs wrk and nginx (apt-get install wrk nginx)" >&2; exit 1; }

bench_tmp seclb-cpu-bench
ports_free "$BASE_PORT" $((BASE_PORT + 3))

bench_certificate
start_backend "$CLIENT_CPUS" "$BACKEND_PORT"

# shellcheck disable=SC2086
engine_pid=$(taskset -c "$ENGINE_CPUS" node "$REPO/bench/proxy-engine-setup.mjs" "$tmp/engine" "$tmp/cert.pem" "$tmp/key.pem" \
  "$BACKEND_PORT" "$HTTP_PORT" "$HTTPS_PORT" "$TCP_PORT" --workers 1 $ENGINE_ARGS)
pids+=("$engine_pid")
wait_port "$HTTP_PORT"; wait_port "$HTTPS_PORT"

ticks() { awk '{print $14 + $15}' "/proc/$engine_pid/stat"; }
latency_ms() { # percentile label (e.g. 99%) on stdin = wrk --latency output -> milliseconds
  awk -v q="$1" '$1==q {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; printf "%.2f", v}'
}
hz=$(getconf CLK_TCK)
echo "# $REPO ($(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo export)), engine pid $engine_pid on cpus $ENGINE_CPUS, wrk + back end on cpus $CLIENT_CPUS, $CONNECTIONS connections, ${WARMUP}s warm-up + ${DURATION}s, load $(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq 1 "$RUNS"); do
  for proto in $PROTOCOLS; do
    port=$HTTP_PORT; [ "$proto" = https ] && port=$HTTPS_PORT
    taskset -c "$CLIENT_CPUS" wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" "$proto://127.0.0.1:$port/" >/dev/null 2>&1
    before=$(ticks)
    out=$(taskset -c "$CLIENT_CPUS" wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$proto://127.0.0.1:$port/" 2>&1)
    after=$(ticks)
    p50=$(latency_ms 50% <<<"$out"); p99=$(latency_ms 99% <<<"$out")
    requests=$(awk '/requests in/ {print $1}' <<<"$out")
    errors=$(awk -F'[ ,]+' '/Socket errors/ {e=$4+$6+$8+$10} /Non-2xx/ {e+=$NF} END {print e+0}' <<<"$out")
    awk -v p="$proto" -v r="$run" -v n="$requests" -v t=$((after - before)) -v hz="$hz" -v d="$DURATION" -v e="$errors" \
      -v p50="$p50" -v p99="$p99" \
      'BEGIN { printf "run %d %-5s requests %7d  cpu %6.0f ms  %5.1f us/request  %7.0f req/s  p50 %s ms  p99 %s ms  errors %d\n", r, p, n, t * 1000 / hz, t * 1e6 / hz / n, n / d, p50, p99, e }'
  done
done
