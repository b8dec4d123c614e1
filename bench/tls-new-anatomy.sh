#!/usr/bin/env bash
# Where a new TLS connection's time goes, for each proxy in the tls-new cell of
# bench/proxy-comparison.sh (wrk, 20 connections, `Connection: close`: one TLS connection per request),
# and with CELL=http-ka|https-ka where a keep-alive request's time goes.
# Per proxy: CPU time per connection (per request for the keep-alive cells) (utime + stime of the proxy's process tree from /proc over a
# fixed wrk run: far steadier than req/s on a shared machine), whether sessions resume
# (`openssl s_client -reconnect`: 1 full handshake + 5 reconnects; and what the servers themselves
# count while wrk runs: HAProxy's `show info`, node-floor-answer's isSessionReused() counter), and
# with PERF=1 a `perf record` of the proxy during the run, split into OpenSSL, kernel, Node/V8 C++,
# JavaScript and the rest (Node links OpenSSL statically: its share is found by symbol name; the
# Node programs run with --perf-basic-prof so JIT frames have names).
# Run as root from the repository root after `npm run build`:
#
#   bash bench/tls-new-anatomy.sh                        # ROUNDS=2 DURATION=6 BASE_PORT=19960
#   PERF=1 ROUNDS=1 BASE_PORT=20960 bash bench/tls-new-anatomy.sh
#   ONLY="node-floor-answer engine" PERF=1 ...            # a subset
#   CELL=http-ka PERF=1 ...    # the same for a keep-alive cell (http-ka or https-ka: 50 connections,
#                              # CPU per request; s_client is skipped for http-ka)
#
# Proxies (each alone on PROXY_CPUS, one process/thread; wrk and the nginx back end on CLIENT_CPUS;
# TLS 1.2, ECDHE-RSA-AES128-GCM-SHA256, one RSA-2048 certificate, as in proxy-comparison.sh):
#   haproxy, nginx        as configured in proxy-comparison.sh (proxying to the back end)
#   node-floor-answer     bench/floor-answer-server.cjs: a bare tls.createServer answering itself
#   node-floor            bench/floor-http-proxy.cjs: the same TLS server, proxying (llhttp, pooled back end)
#   engine                build/provider/engine/main.js --workers 1 (bench/proxy-engine-setup.mjs)
# Ports: BASE_PORT .. BASE_PORT+11. Bounded: every wrk run lasts WARMUP + DURATION seconds.
set -euo pipefail
# shellcheck source=bench/bench-setup.sh
source "$(dirname "$0")/bench-setup.sh"

ROUNDS=${ROUNDS:-2}
WARMUP=${WARMUP:-2}
DURATION=${DURATION:-6}
CELL=${CELL:-tls-new}
case $CELL in
  tls-new) CONNECTIONS=${CONNECTIONS:-20}; SCHEME=https; WRK_HEADER=(-H 'Connection: close') ;;
  https-ka) CONNECTIONS=${CONNECTIONS:-50}; SCHEME=https; WRK_HEADER=() ;;
  http-ka) CONNECTIONS=${CONNECTIONS:-50}; SCHEME=http; WRK_HEADER=() ;;
  *) echo "CELL must be tls-new, https-ka or http-ka" >&2; exit 2 ;;
esac
PROXY_CPUS=${PROXY_CPUS:-0}
CLIENT_CPUS=${CLIENT_CPUS:-1}
BASE_PORT=${BASE_PORT:-19960}
PERF=${PERF:-0}
ONLY=${ONLY:-haproxy nginx node-floor-answer node-floor engine}
REPO=$(cd "$(dirname "$0")/.." && pwd)
BACKEND_PORT=$BASE_PORT
declare -A PORT=([haproxy]=$((BASE_PORT + 1)) [nginx]=$((BASE_PORT + 2)) [node-floor-answer]=$((BASE_PORT + 3)) [node-floor]=$((BASE_PORT + 5)) [engine]=$((BASE_PORT + 8)))
# Second ports the Node programs and the engine also open (HTTP, TCP): unused here.
FLOOR_ANSWER_HTTP=$((BASE_PORT + 4)) FLOOR_HTTP=$((BASE_PORT + 6)) ENGINE_HTTP=$((BASE_PORT + 7)) ENGINE_TCP=$((BASE_PORT + 9))
# Plain HTTP ports (CELL=http-ka).
declare -A HTTP_PORT=([haproxy]=$((BASE_PORT + 10)) [nginx]=$((BASE_PORT + 11)) [node-floor-answer]=$FLOOR_ANSWER_HTTP [node-floor]=$FLOOR_HTTP [engine]=$ENGINE_HTTP)

[ -f "$REPO/build/provider/engine/main.js" ] || { echo "run npm run build first" >&2; exit 1; }
for c in haproxy nginx wrk openssl; do command -v $c >/dev/null || { echo "needs $c (apt-get install haproxy nginx wrk openssl)" >&2; exit 1; }; done
if [ "$PERF" = 1 ] && ! command -v perf >/dev/null; then echo "PERF=1 needs perf (apt-get install linux-perf)" >&2; exit 1; fi

bench_tmp seclb-tls-new
ports_free "$BASE_PORT" $((BASE_PORT + 11))

bench_certificate
cat "$tmp/cert.pem" "$tmp/key.pem" > "$tmp/haproxy.pem"
mkdir -p "$tmp/nginx"
start_backend "$CLIENT_CPUS" "$BACKEND_PORT"

NODE_PERF_ARGS=(); [ "$PERF" = 1 ] && NODE_PERF_ARGS=(--perf-basic-prof)
declare -A PID
for proxy in $ONLY; do
  case $proxy in
    haproxy)
      cat > "$tmp/haproxy.cfg" <<CONF
global
  nbthread 1
  maxconn 9000
  stats socket $tmp/haproxy.sock level user
  ssl-default-bind-options ssl-min-ver TLSv1.2 ssl-max-ver TLSv1.2
  ssl-default-bind-ciphers ECDHE-RSA-AES128-GCM-SHA256
  tune.ssl.default-dh-param 2048
defaults
  mode http
  timeout connect 5s
  timeout client 60s
  timeout server 60s
  option http-keep-alive
  http-reuse always
listen https
  option forwardfor
  bind 127.0.0.1:${PORT[haproxy]} ssl crt $tmp/haproxy.pem
  http-request set-header X-Forwarded-Proto https
  server b1 127.0.0.1:$BACKEND_PORT
listen http
  option forwardfor
  bind 127.0.0.1:${HTTP_PORT[haproxy]}
  server b1 127.0.0.1:$BACKEND_PORT
CONF
      taskset -c "$PROXY_CPUS" haproxy -db -f "$tmp/haproxy.cfg" & PID[$proxy]=$! ;;
    nginx)
      cat > "$tmp/nginx/nginx.conf" <<CONF
daemon off; worker_processes 1; pid $tmp/nginx/nginx.pid; error_log $tmp/nginx/error.log warn;
events { worker_connections 16384; }
http { access_log off; keepalive_requests 1000000;
  upstream b { server 127.0.0.1:$BACKEND_PORT; keepalive 64; }
  ssl_protocols TLSv1.2; ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256; ssl_session_cache shared:SSL:10m;
  server { listen 127.0.0.1:${HTTP_PORT[nginx]}; listen 127.0.0.1:${PORT[nginx]} ssl; ssl_certificate $tmp/cert.pem; ssl_certificate_key $tmp/key.pem;
    location / { proxy_pass http://b; proxy_http_version 1.1; proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for; proxy_set_header X-Forwarded-Proto \$scheme; } } }
CONF
      taskset -c "$PROXY_CPUS" nginx -c "$tmp/nginx/nginx.conf" -p "$tmp/nginx" & PID[$proxy]=$! ;;
    node-floor-answer)
      taskset -c "$PROXY_CPUS" node "${NODE_PERF_ARGS[@]}" "$REPO/bench/floor-answer-server.cjs" "$tmp/cert.pem" "$tmp/key.pem" $FLOOR_ANSWER_HTTP "${PORT[$proxy]}" > "$tmp/answer.out" & PID[$proxy]=$! ;;
    node-floor)
      taskset -c "$PROXY_CPUS" node "${NODE_PERF_ARGS[@]}" "$REPO/bench/floor-http-proxy.cjs" "$tmp/cert.pem" "$tmp/key.pem" $BACKEND_PORT $FLOOR_HTTP "${PORT[$proxy]}" & PID[$proxy]=$! ;;
    engine)
      PID[$proxy]=$(ENGINE_NODE_ARGS="${ENGINE_NODE_ARGS:-} ${NODE_PERF_ARGS[*]}" taskset -c "$PROXY_CPUS" node "$REPO/bench/proxy-engine-setup.mjs" "$tmp/engine" "$tmp/cert.pem" "$tmp/key.pem" \
        $BACKEND_PORT $ENGINE_HTTP "${PORT[$proxy]}" $ENGINE_TCP --workers 1) ;;
    *) echo "unknown proxy: $proxy" >&2; exit 2 ;;
  esac
  pids+=("${PID[$proxy]}")
  wait_port "${PORT[$proxy]}"; wait_port "${HTTP_PORT[$proxy]}"
done

tree() { # pid: it and its descendants
  echo "$1"
  for t in /proc/"$1"/task/*; do for c in $(cat "$t/children" 2>/dev/null); do tree "$c"; done; done
}
ticks() { # pid: utime + stime of the tree
  local sum=0
  for p in $(tree "$1"); do sum=$(( sum + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0) )); done
  echo $sum
}
hz=$(getconf CLK_TCK)

# Perf samples -> shares by layer (bench/perf-split.awk).
perf_split() { # perf.data
  perf report -i "$1" --no-children --sort dso,sym --stdio 2>/dev/null | awk -f "$REPO/bench/perf-split.awk"
}

echo "# cell $CELL: proxies on cpus $PROXY_CPUS, wrk (-t1 -c$CONNECTIONS ${WRK_HEADER[*]}) + back end on cpus $CLIENT_CPUS, ${WARMUP}s warm-up + ${DURATION}s, $ROUNDS round(s), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for proxy in $ONLY; do
  port=${PORT[$proxy]}
  reused=NA
  [ "$SCHEME" = http ] || reused=$(openssl s_client -connect "127.0.0.1:$port" -tls1_2 -reconnect </dev/null 2>/dev/null | grep -c '^Reused' || true)
  echo "$proxy s_client_reused $reused" >> "$tmp/results"
done
for round in $(seq 1 "$ROUNDS"); do
  for proxy in $ONLY; do
    port=${PORT[$proxy]} pid=${PID[$proxy]}
    [ "$SCHEME" = http ] && port=${HTTP_PORT[$proxy]}
    taskset -c "$CLIENT_CPUS" wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" "${WRK_HEADER[@]}" "$SCHEME://127.0.0.1:$port/" >/dev/null 2>&1 || true
    if [ "$PERF" = 1 ] && [ "$round" = 1 ]; then
      perf record -q -F 1999 -o "$tmp/perf-$proxy.data" -p "$(tree "$pid" | paste -sd,)" 2>/dev/null & perf_pid=$!
    fi
    before=$(ticks "$pid")
    out=$(taskset -c "$CLIENT_CPUS" wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" "${WRK_HEADER[@]}" "$SCHEME://127.0.0.1:$port/" 2>&1 || true)
    after=$(ticks "$pid")
    if [ "$PERF" = 1 ] && [ "$round" = 1 ]; then kill -INT "$perf_pid"; wait "$perf_pid" 2>/dev/null || true; fi
    n=$(awk '/requests in/ {print $1}' <<<"$out")
    errors=$(awk -F'[ ,]+' '/Socket errors/ {e=$4+$6+$8+$10} /Non-2xx/ {e+=$NF} END {print e+0}' <<<"$out")
    line=$(awk -v p="$proxy" -v n="${n:-0}" -v t=$((after - before)) -v hz="$hz" -v d="$DURATION" -v e="$errors" \
      'BEGIN { printf "%s %d %.0f %.1f %d", p, n / d, t * 1000 / hz, (n > 0 ? t * 1e6 / hz / n : 0), e }')
    echo "$proxy round $round $line" >> "$tmp/results"
    echo "#   round $round $proxy: req/s, CPU ms, CPU us per request (connection), errors: ${line#* }" >&2
  done
done
if [[ " $ONLY " == *" haproxy "* ]]; then
  HAPROXY_INFO=$(python3 -c "
import socket; s = socket.socket(socket.AF_UNIX); s.settimeout(5); s.connect('$tmp/haproxy.sock'); s.sendall(b'show info\n'); d = b''
while True:
    c = s.recv(65536)
    if not c: break
    d += c
print(' '.join(l.replace(': ', '=') for l in d.decode().splitlines() if l.split(':')[0] in ('CumSslConns', 'SslFrontendMaxKeyRate', 'SslCacheLookups')))" 2>/dev/null || echo unavailable)
fi
if [[ " $ONLY " == *" node-floor-answer "* ]]; then kill -USR2 "${PID[node-floor-answer]}"; sleep 0.3; ANSWER_INFO=$(tail -1 "$tmp/answer.out"); fi

echo
echo "Cell $CELL (tls-new: one request per connection): $(date -u +%Y-%m-%dT%H:%MZ), load average after $(cut -d' ' -f1-3 /proc/loadavg), node $(node -v), $ROUNDS round(s) of ${DURATION}s (median by CPU per request)"
printf '| %-17s | %8s | %10s | %16s | %s |\n' proxy "req/s" "CPU us/req" "s_client reused" "perf: share of the proxy's CPU samples"
printf '|%s|%s|%s|%s|%s|\n' ------------------- ---------: -----------: ----------------: ---
for proxy in $ONLY; do
  read -r rate us errs <<<"$(awk -v p="$proxy" '$1==p && $2=="round" {print $7, $5, $8}' "$tmp/results" | sort -g | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}' | awk '{print $2, $1, $3}')"
  split=-; [ "$PERF" = 1 ] && [ -f "$tmp/perf-$proxy.data" ] && split=$(perf_split "$tmp/perf-$proxy.data")
  printf '| %-17s | %8s | %10s | %16s | %s |\n' "$proxy" "$rate" "$us" "$(awk -v p="$proxy" '$1==p && $2=="s_client_reused" {print ($3 == "NA" ? "-" : $3 "/5")}' "$tmp/results")" "$split"
done
echo
echo "errors over all rounds: $(awk '$2=="round" {e+=$8} END {print e+0}' "$tmp/results")"
[ -n "${HAPROXY_INFO:-}" ] && echo "haproxy show info: $HAPROXY_INFO"
[ -n "${ANSWER_INFO:-}" ] && echo "node-floor-answer handshakes seen (warm-ups and s_client included): $ANSWER_INFO"
if [ "$PERF" = 1 ] && [ -n "${PERF_TOP:-}" ]; then
  for proxy in $ONLY; do echo; echo "-- $proxy: top symbols"; perf report -i "$tmp/perf-$proxy.data" --no-children --sort dso,sym --stdio 2>/dev/null | awk -v n="$PERF_TOP" '!/^#/ && NF > 0 && ++i <= n'; done
fi
