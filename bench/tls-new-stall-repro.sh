#!/usr/bin/env bash
# Reproduces the stall found in the second quiet-machine run of issue 17 (bench/RESULTS.md, "A second
# quiet run: a stall of new TLS connections"): one engine (--workers 1, CPU 0), an nginx back end and
# wrk on CPU 1; each iteration runs HTTP and HTTPS keep-alive for 2 s, waits 3 s, then new TLS
# connections (wrk -c20, Connection: close) for 3 s and prints how many requests completed, with the
# server side's established connections (Recv-Q/Send-Q) 1.5 s into that run. A stall shows as
# "0 requests": all 20 connections open, both queues empty, nothing answered. Stops at the first.
# Cause (found, fixed and tested; bench/RESULTS.md, "The stall's cause"): a response completed in the
# read where the client side said stop left its pooled back-end connection not reading, so the next
# requests on it waited for the idle timeout. Kept as a regression check: it should never stall now.
#
#   bash bench/tls-new-stall-repro.sh                      # ITERATIONS=12 BASE_PORT=19970 (ports ..+3)
#   ENGINE_ARGS="--http-front node" bash bench/tls-new-stall-repro.sh
set -euo pipefail
# shellcheck source=bench/bench-setup.sh
source "$(dirname "$0")/bench-setup.sh"
ITERATIONS=${ITERATIONS:-12}
BASE_PORT=${BASE_PORT:-19970}
ENGINE_ARGS=${ENGINE_ARGS:-}
REPO=$(cd "$(dirname "$0")/.." && pwd)
[ -f "$REPO/build/provider/engine/main.js" ] || { echo "run npm run build first" >&2; exit 1; }
ports_free "$BASE_PORT" $((BASE_PORT + 3))
bench_tmp seclb-stall
bench_certificate
start_backend 1 "$BASE_PORT"
# shellcheck disable=SC2086
pid=$(taskset -c 0 node "$REPO/bench/proxy-engine-setup.mjs" "$tmp/engine" "$tmp/cert.pem" "$tmp/key.pem" "$BASE_PORT" $((BASE_PORT + 1)) $((BASE_PORT + 2)) $((BASE_PORT + 3)) $ENGINE_ARGS)
pids+=("$pid")
https=$((BASE_PORT + 2))
for i in $(seq 1 "$ITERATIONS"); do
  taskset -c 1 wrk -t1 -c50 -d2s "http://127.0.0.1:$((BASE_PORT + 1))/" >/dev/null 2>&1
  taskset -c 1 wrk -t1 -c50 -d2s "https://127.0.0.1:$https/" >/dev/null 2>&1
  sleep 3
  taskset -c 1 wrk -t1 -c20 -d3s -H 'Connection: close' "https://127.0.0.1:$https/" > "$tmp/wrk.out" 2>&1 &
  w=$!
  sleep 1.5
  queues=$(ss -tn state established "( sport = :$https )" | tail -n +2 | awk '{print $1 "/" $2}' | sort | uniq -c | tr -s ' \n' ' ')
  wait $w || true
  n=$(awk '/requests in/ {print $1}' "$tmp/wrk.out")
  echo "iteration $i: ${n:-?} requests; server-side connections (count Recv-Q/Send-Q): $queues"
  if [ "${n:-0}" = 0 ]; then echo "stalled"; exit 3; fi
done
echo "no stall in $ITERATIONS iterations"
