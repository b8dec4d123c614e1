#!/usr/bin/env bash
# CPU time per request on the TCP cell, HAProxy (mode tcp, one thread) against the engine's TCP
# listener (`--workers 1`), both on CPU 0 in front of one nginx back end; wrk -t1 -c50 (HTTP
# keep-alive relayed at layer 4) and nginx on CPU 1; DURATION-second runs alternating HAProxy,
# engine, HAProxy, ... so machine load falls on both alike. CPU = utime + stime from
# /proc/<pid>/stat. Throughput on one core follows CPU per request, so engine/haproxy here bounds the
# TCP cell's ratio in bench/proxy-comparison.sh. Run as root from a checkout after its build:
#
#   PAIRS=8 DURATION=3 BASE_PORT=19960 bash bench/tcp-cpu-vs-haproxy.sh     # ports BASE_PORT..+4
set -euo pipefail
# shellcheck source=bench/bench-setup.sh
source "$(dirname "$0")/bench-setup.sh"
REPO=$(cd "$(dirname "$0")/.." && pwd)
BASE=${BASE_PORT:-19960}; PAIRS=${PAIRS:-8}; D=${DURATION:-3}
[ -f "$REPO/build/provider/engine/main.js" ] || { echo "build first: no $REPO/build/provider/engine/main.js" >&2; exit 1; }
command -v wrk >/dev/null && command -v nginx >/dev/null && command -v haproxy >/dev/null || { echo "needs wrk, nginx and haproxy (apt-get install wrk nginx haproxy)" >&2; exit 1; }
ports_free "$BASE" $((BASE + 4))
bench_tmp seclb-tcp-cpu
bench_certificate
start_backend 1 "$BASE"
cat > "$tmp/haproxy.cfg" <<CONF
global
  nbthread 1
  maxconn 9000
defaults
  timeout connect 5s
  timeout client 60s
  timeout server 60s
listen tcp
  mode tcp
  bind 127.0.0.1:$((BASE + 1))
  server b1 127.0.0.1:$BASE
CONF
taskset -c 0 haproxy -db -f "$tmp/haproxy.cfg" & hpid=$!; pids+=($hpid)
epid=$(taskset -c 0 node "$REPO/bench/proxy-engine-setup.mjs" "$tmp/engine" "$tmp/cert.pem" "$tmp/key.pem" $BASE $((BASE + 2)) $((BASE + 3)) $((BASE + 4)) --workers 1)
pids+=($epid)
wait_port $((BASE + 1)); wait_port $((BASE + 4))
hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
run() { local pid=$1 port=$2 b a out n; b=$(ticks $pid); out=$(taskset -c 1 wrk -t1 -c50 -d${D}s http://127.0.0.1:$port/ 2>&1); a=$(ticks $pid)
  n=$(awk '/requests in/ {print $1}' <<<"$out"); awk -v t=$((a - b)) -v hz="$hz" -v n="${n:-0}" 'BEGIN { printf "%.2f %d", (n > 0 ? t * 1e6 / hz / n : 0), n }'; }
echo "# load before $(cut -d' ' -f1-3 /proc/loadavg); haproxy $(haproxy -v | head -1 | awk '{print $3}'), engine $REPO ($(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo export)), $PAIRS pairs of ${D}s runs"
run $hpid $((BASE + 1)) >/dev/null; run $epid $((BASE + 4)) >/dev/null
: > "$tmp/pairs"
for i in $(seq 1 "$PAIRS"); do
  read -r h hn <<<"$(run $hpid $((BASE + 1)))"; read -r e en <<<"$(run $epid $((BASE + 4)))"
  r=$(awk -v a="$h" -v b="$e" 'BEGIN { printf "%.3f", b / a }')
  echo "pair $i: haproxy $h us/request ($hn requests)  engine $e us/request ($en requests)  engine/haproxy $r"
  echo "$h $e $r" >> "$tmp/pairs"
done
awk '{ h[NR] = $1; e[NR] = $2; r[NR] = $3 }
  function median(x, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (x[j] < x[i]) { t = x[i]; x[i] = x[j]; x[j] = t }
    return n % 2 ? x[(n + 1) / 2] : (x[n / 2] + x[n / 2 + 1]) / 2 }
  END { printf "medians: haproxy %.2f us/request, engine %.2f us/request, engine/haproxy %.3f (median of the pairs)\n", median(h, NR), median(e, NR), median(r, NR) }' "$tmp/pairs"
echo "# load after $(cut -d' ' -f1-3 /proc/loadavg)"
