#!/usr/bin/env bash
# Proxy comparison: HAProxy, nginx (as proxy), node-http-proxy and the seclb engine, side by side, in
# front of one nginx back end on loopback. Run as root on a Debian machine, from the repository root,
# after `npm run build`:
#
#   bash bench/proxy-comparison.sh            # DURATION=10 ROUNDS=1 PROXY_CPUS=0 CLIENT_CPUS=1 by default
#   ROUNDS=3 DURATION=5 bash bench/proxy-comparison.sh   # median of 3 interleaved rounds (noisy machines)
#   WARMUP=3 ...                            # 3 s of every cell on every proxy first, not recorded
#   ONLY="haproxy engine" ENGINE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" ...   # subsets, profiling
#   ONLY="haproxy engine engine-node" ...   # engine-node: the engine with its earlier HTTP front end
#                                           # (--http-front node), for a before/after within one run
#   PORT_BASE=24000 ...                     # every port moved by the same offset (default 19000)
#   PROXY_CPUS=0,1 CLIENT_CPUS=0,1 ONLY="engine engine-1w" ...   # engine-1w: the engine with --workers 1
#                                           # beside the default (one worker per CPU in PROXY_CPUS)
#   ONLY="haproxy nginx node-floor node-floor-answer node-floor-pipe node-floor-data engine" ...
#       # Node's floor (plain CommonJS, Node built-ins only, no engine code; one process, whatever PROXY_CPUS):
#       #   node-floor         HTTP/HTTPS: llhttp both sides, pooled back end (bench/floor-http-proxy.cjs);
#       #                      TCP: a stream-free relay on the sockets' handles (bench/floor-tcp-relay.cjs
#       #                      handle; FLOOR_TCP=pipe|data picks another relay for it)
#       #   node-floor-answer  no back end: answers each request itself (HTTP, and a bare tls.createServer
#       #                      for the TLS cells): Node's ceiling (bench/floor-answer-server.cjs; no tcp cell)
#       #   node-floor-pipe    TCP only: socket.pipe() both ways (what the engine does)
#       #   node-floor-data    TCP only: 'data' events + write() with back-pressure
#
# Cells (wrk, loopback only, DURATION seconds each):
#   http-ka    HTTP keep-alive, 50 connections
#   https-ka   HTTPS keep-alive, 50 connections
#   tls-new    HTTPS with `Connection: close`: a new TLS connection (full handshake) per request, 20 connections
#   tcp        TCP pass-through (layer 4) of HTTP keep-alive traffic, 50 connections
# Every proxy runs alone on PROXY_CPUS (taskset; one process/thread per core in that set); wrk and the
# back end share CLIENT_CPUS. TLS everywhere: TLS 1.2, ECDHE-RSA-AES128-GCM-SHA256, one RSA-2048
# certificate (the engine never negotiates TLS 1.3, so the peers are held to the same protocol).
# Every cell also reports the proxy's CPU µs per request (utime + stime of its processes over the run):
# on a loaded machine, or where the client is the limit, compare proxies by that, not by req/s.
# Then: the engine's resident memory with IDLE_CONNECTIONS (10,000) idle keep-alive client connections.
set -euo pipefail

DURATION=${DURATION:-10}
# WARMUP seconds of every cell on every proxy before the rounds, not recorded (default 0: none, as
# before). A JIT-compiled proxy (node-http-proxy, the floors, the engine) serves its first seconds
# unoptimized; a long-running production proxy does not.
WARMUP=${WARMUP:-0}
ROUNDS=${ROUNDS:-1}
PROXY_CPUS=${PROXY_CPUS:-0}
CLIENT_CPUS=${CLIENT_CPUS:-1}
IDLE_CONNECTIONS=${IDLE_CONNECTIONS:-10000}
ENGINE_ARGS=${ENGINE_ARGS:-}
FLOOR_TCP=${FLOOR_TCP:-handle}
ONLY=${ONLY:-haproxy nginx node-http-proxy engine}
REPO=$(cd "$(dirname "$0")/.." && pwd)
PROXY_WORKERS=$(taskset -c "$PROXY_CPUS" nproc)

# PORT_BASE (default 19000) moves every port below by the same offset, so two runs can share a machine.
PORT_BASE=${PORT_BASE:-19000}
p() { echo $(( PORT_BASE + $1 - 19000 )); }
BACKEND_PORT=$(p 19000)
# Every proxy listens on its own three ports (all run at once, each idle while another is measured).
declare -A HTTP_PORTS=([haproxy]=$(p 19080) [nginx]=$(p 19180) [node-http-proxy]=$(p 19280) [engine]=$(p 19380) [engine-node]=$(p 19480) [engine-1w]=$(p 19580))
declare -A HTTPS_PORTS=([haproxy]=$(p 19443) [nginx]=$(p 19543) [node-http-proxy]=$(p 19643) [engine]=$(p 19743) [engine-node]=$(p 19843) [engine-1w]=$(p 19943))
declare -A TCP_PORTS=([haproxy]=$(p 19090) [nginx]=$(p 19190) [node-http-proxy]=$(p 19290) [engine]=$(p 19390) [engine-node]=$(p 19490) [engine-1w]=$(p 19590))
# Node's floor: each name has only the ports of the cells it serves (a cell without a port shows NA).
HTTP_PORTS+=([node-floor]=$(p 19680) [node-floor-answer]=$(p 19780))
HTTPS_PORTS+=([node-floor]=$(p 19043) [node-floor-answer]=$(p 19143))
TCP_PORTS+=([node-floor]=$(p 19690) [node-floor-pipe]=$(p 19790) [node-floor-data]=$(p 19890))

[ -f "$REPO/build/provider/engine/main.js" ] || { echo "run npm run build first" >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive
if ! command -v haproxy >/dev/null || ! command -v nginx >/dev/null || ! command -v wrk >/dev/null || [ ! -f /usr/lib/nginx/modules/ngx_stream_module.so ]; then
  apt-get update -qq
  apt-get install -y -qq haproxy nginx libnginx-mod-stream wrk >/dev/null
fi
# 10,000 idle connections need ~10,100 descriptors in the client and in the proxy: raise the soft limit
# as far as the hard limit allows (65536 when permitted).
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
tmp=$(mktemp -d /tmp/seclb-proxy-bench.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  sleep 0.5
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

echo "# installing node-http-proxy into $tmp (not into the project)" >&2
npm install --prefix "$tmp" --no-audit --no-fund --silent http-proxy >/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/key.pem" -out "$tmp/cert.pem" -days 2 -subj /CN=bench.local 2>/dev/null
cat "$tmp/cert.pem" "$tmp/key.pem" > "$tmp/haproxy.pem"

port_free() { # port: fails when something already listens there (a stale proxy would be measured instead)
  if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then echo "port $1 is already in use: stop what listens there first" >&2; return 1; fi
}
wait_port() { # port
  for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done
  echo "port $1 did not open" >&2; return 1
}

for p in $BACKEND_PORT "${HTTP_PORTS[@]}" "${HTTPS_PORTS[@]}" "${TCP_PORTS[@]}"; do port_free "$p"; done

# --- back end: one nginx, one worker, on the client cores, 2-byte body -------------------------------
mkdir -p "$tmp/backend"
cat > "$tmp/backend/nginx.conf" <<CONF
daemon off; worker_processes 1; pid $tmp/backend/nginx.pid; error_log $tmp/backend/error.log warn;
events { worker_connections 16384; }
http { access_log off; keepalive_requests 1000000; keepalive_timeout 120s;
  server { listen 127.0.0.1:$BACKEND_PORT reuseport backlog=4096; location / { return 200 "ok"; } } }
CONF
taskset -c "$CLIENT_CPUS" nginx -c "$tmp/backend/nginx.conf" -p "$tmp/backend" & pids+=($!)
wait_port $BACKEND_PORT

# --- proxies -------------------------------------------------------------------------------------
start_haproxy() {
  local HTTP_PORT=${HTTP_PORTS[haproxy]} HTTPS_PORT=${HTTPS_PORTS[haproxy]} TCP_PORT=${TCP_PORTS[haproxy]}
  cat > "$tmp/haproxy.cfg" <<CONF
global
  nbthread $PROXY_WORKERS
  maxconn 9000
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
listen http
  option forwardfor
  bind 127.0.0.1:$HTTP_PORT
  server b1 127.0.0.1:$BACKEND_PORT
listen https
  option forwardfor
  bind 127.0.0.1:$HTTPS_PORT ssl crt $tmp/haproxy.pem
  http-request set-header X-Forwarded-Proto https
  server b1 127.0.0.1:$BACKEND_PORT
listen tcp
  mode tcp
  bind 127.0.0.1:$TCP_PORT
  server b1 127.0.0.1:$BACKEND_PORT
CONF
  taskset -c "$PROXY_CPUS" haproxy -db -f "$tmp/haproxy.cfg" & proxy_pid=$!
}
start_nginx() {
  local HTTP_PORT=${HTTP_PORTS[nginx]} HTTPS_PORT=${HTTPS_PORTS[nginx]} TCP_PORT=${TCP_PORTS[nginx]}
  mkdir -p "$tmp/nginx"
  cat > "$tmp/nginx/nginx.conf" <<CONF
load_module /usr/lib/nginx/modules/ngx_stream_module.so;
daemon off; worker_processes $PROXY_WORKERS; pid $tmp/nginx/nginx.pid; error_log $tmp/nginx/error.log warn;
events { worker_connections 16384; }
http { access_log off; keepalive_requests 1000000;
  upstream b { server 127.0.0.1:$BACKEND_PORT; keepalive 64; }
  ssl_protocols TLSv1.2; ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256; ssl_session_cache shared:SSL:10m;
  server { listen 127.0.0.1:$HTTP_PORT; listen 127.0.0.1:$HTTPS_PORT ssl;
    ssl_certificate $tmp/cert.pem; ssl_certificate_key $tmp/key.pem;
    location / { proxy_pass http://b; proxy_http_version 1.1; proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for; proxy_set_header X-Forwarded-Proto \$scheme; } } }
stream { server { listen 127.0.0.1:$TCP_PORT; proxy_pass 127.0.0.1:$BACKEND_PORT; } }
CONF
  taskset -c "$PROXY_CPUS" nginx -c "$tmp/nginx/nginx.conf" -p "$tmp/nginx" & proxy_pid=$!
}
start_node_http_proxy() {
  local HTTP_PORT=${HTTP_PORTS[node-http-proxy]} HTTPS_PORT=${HTTPS_PORTS[node-http-proxy]}
  NODE_PATH="$tmp/node_modules" taskset -c "$PROXY_CPUS" node "$REPO/bench/proxy-node-http-proxy.cjs" "$tmp/cert.pem" "$tmp/key.pem" $BACKEND_PORT $HTTP_PORT $HTTPS_PORT & proxy_pid=$!
}
start_node_floor() { # name: the floor programs behind that name (see the header)
  case $1 in
    node-floor)
      taskset -c "$PROXY_CPUS" node "$REPO/bench/floor-tcp-relay.cjs" "$FLOOR_TCP" $BACKEND_PORT "${TCP_PORTS[node-floor]}" & pids+=($!); floor_tcp_pid=$!
      taskset -c "$PROXY_CPUS" node "$REPO/bench/floor-http-proxy.cjs" "$tmp/cert.pem" "$tmp/key.pem" $BACKEND_PORT "${HTTP_PORTS[node-floor]}" "${HTTPS_PORTS[node-floor]}" & proxy_pid=$! ;;
    node-floor-answer)
      taskset -c "$PROXY_CPUS" node "$REPO/bench/floor-answer-server.cjs" "$tmp/cert.pem" "$tmp/key.pem" "${HTTP_PORTS[node-floor-answer]}" "${HTTPS_PORTS[node-floor-answer]}" >"$tmp/node-floor-answer.out" & proxy_pid=$! ;;
    node-floor-pipe) taskset -c "$PROXY_CPUS" node "$REPO/bench/floor-tcp-relay.cjs" pipe $BACKEND_PORT "${TCP_PORTS[node-floor-pipe]}" & proxy_pid=$! ;;
    node-floor-data) taskset -c "$PROXY_CPUS" node "$REPO/bench/floor-tcp-relay.cjs" data $BACKEND_PORT "${TCP_PORTS[node-floor-data]}" & proxy_pid=$! ;;
  esac
}
start_engine() { # name [extra engine args...]
  local name=$1; shift
  local HTTP_PORT=${HTTP_PORTS[$name]} HTTPS_PORT=${HTTPS_PORTS[$name]} TCP_PORT=${TCP_PORTS[$name]}
  rm -rf "${tmp:?}/$name"
  # shellcheck disable=SC2086
  proxy_pid=$(taskset -c "$PROXY_CPUS" node "$REPO/bench/proxy-engine-setup.mjs" "$tmp/$name" "$tmp/cert.pem" "$tmp/key.pem" $BACKEND_PORT $HTTP_PORT $HTTPS_PORT $TCP_PORT $ENGINE_ARGS "$@")
}

# --- measurement ---------------------------------------------------------------------------------
# wrk output -> "rps p99_ms errors"
run_wrk() { # connections url [extra wrk args...]
  local c=$1 url=$2; shift 2
  local out
  out=$(taskset -c "$CLIENT_CPUS" wrk -t1 -c"$c" -d"${RUN_SECONDS:-$DURATION}s" --timeout 5s --latency "$@" "$url" 2>&1) || true
  echo "$out" >> "$tmp/wrk.log"
  local rps p99 errs non2xx
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; printf "%.2f", v}' <<<"$out")
  errs=$(awk -F'[ ,]+' '/Socket errors/ {print $4+$6+$8+$10}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  echo "${rps:-0} ${p99:-NA} $(( ${errs:-0} + ${non2xx:-0} ))"
}

declare -A RPS P99 ERR PIDS CPU CPU_PIDS
# CPU time per request: utime + stime of the proxy's processes (and their children: nginx's workers,
# the engine's workers) over the wrk run, from /proc. On a loaded machine req/s measures the
# scheduler's share as much as the proxy; CPU per request moves far less, so it is the column to
# compare by there (it still grows somewhat with load: fewer events per wake-up, colder caches).
hz=$(getconf CLK_TCK)
proc_tree() { # pid: it and its descendants
  echo "$1"
  local t c
  for t in /proc/"$1"/task/*; do for c in $(cat "$t/children" 2>/dev/null); do proc_tree "$c"; done; done
}
cpu_ticks() { # proxy
  local sum=0 root p
  for root in ${CPU_PIDS[$1]}; do for p in $(proc_tree "$root"); do sum=$(( sum + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0) )); done; done
  echo "$sum"
}
CELLS="http-ka https-ka tls-new tcp"
for proxy in $ONLY; do
  case $proxy in
    haproxy) start_haproxy ;; nginx) start_nginx ;; node-http-proxy) start_node_http_proxy ;; engine) start_engine engine ;;
    engine-node) start_engine engine-node --http-front node ;;
    engine-1w) start_engine engine-1w --workers 1 ;;
    node-floor*) start_node_floor "$proxy" ;;
    *) echo "unknown proxy name in ONLY: $proxy" >&2; exit 2 ;;
  esac
  pids+=("$proxy_pid"); PIDS[$proxy]=$proxy_pid; CPU_PIDS[$proxy]=$proxy_pid
  [ "$proxy" = node-floor ] && CPU_PIDS[$proxy]="$proxy_pid $floor_tcp_pid"
  if [[ $proxy == node-floor* ]]; then
    for port in "${HTTP_PORTS[$proxy]:-}" "${HTTPS_PORTS[$proxy]:-}" "${TCP_PORTS[$proxy]:-}"; do [ -z "$port" ] || wait_port "$port"; done
  else
    wait_port "${HTTP_PORTS[$proxy]}"; wait_port "${HTTPS_PORTS[$proxy]}"
  fi
done
echo "# proxies on cpus $PROXY_CPUS ($PROXY_WORKERS workers each), wrk + back end on cpus $CLIENT_CPUS; $ROUNDS rounds, cells interleaved" >&2
# Rounds: every cell of every proxy once per round, proxies interleaved, so load from elsewhere on
# the machine falls on all of them alike; the table shows each cell's median round (by req/s).
if [ "$WARMUP" -gt 0 ]; then
  for cell in $CELLS; do
    for proxy in $ONLY; do
      h=${HTTP_PORTS[$proxy]:-} s=${HTTPS_PORTS[$proxy]:-} t=${TCP_PORTS[$proxy]:-}
      case $cell in
        http-ka)  [ -z "$h" ] || RUN_SECONDS=$WARMUP run_wrk 50 "http://127.0.0.1:$h/" >/dev/null ;;
        https-ka) [ -z "$s" ] || RUN_SECONDS=$WARMUP run_wrk 50 "https://127.0.0.1:$s/" >/dev/null ;;
        tls-new)  [ -z "$s" ] || RUN_SECONDS=$WARMUP run_wrk 20 "https://127.0.0.1:$s/" -H 'Connection: close' >/dev/null ;;
        tcp)      [ -z "$t" ] || [ "$proxy" = node-http-proxy ] || RUN_SECONDS=$WARMUP run_wrk 50 "http://127.0.0.1:$t/" >/dev/null ;;
      esac
    done
  done
  echo "# warmed up: ${WARMUP}s of every cell on every proxy (not recorded)" >&2
fi
for round in $(seq 1 "$ROUNDS"); do
  for cell in $CELLS; do
    for proxy in $ONLY; do
      h=${HTTP_PORTS[$proxy]:-} s=${HTTPS_PORTS[$proxy]:-} t=${TCP_PORTS[$proxy]:-}
      r="NA NA NA"   # a cell the proxy does not serve
      ticks_before=$(cpu_ticks "$proxy")
      case $cell in
        http-ka)  [ -z "$h" ] || r=$(run_wrk 50 "http://127.0.0.1:$h/") ;;
        https-ka) [ -z "$s" ] || r=$(run_wrk 50 "https://127.0.0.1:$s/") ;;
        tls-new)  [ -z "$s" ] || r=$(run_wrk 20 "https://127.0.0.1:$s/" -H 'Connection: close') ;;
        tcp)      [ -z "$t" ] || [ "$proxy" = node-http-proxy ] || r=$(run_wrk 50 "http://127.0.0.1:$t/") ;;
      esac
      cpu=$(awk -v r="${r%% *}" -v t=$(( $(cpu_ticks "$proxy") - ticks_before )) -v hz="$hz" -v d="$DURATION" \
        'BEGIN { if (r == "NA" || r == 0) print "NA"; else printf "%.1f", t * 1e6 / hz / (r * d) }')
      echo "$proxy $cell $r $cpu" >> "$tmp/rounds"
      echo "#   round $round $cell $proxy: $r (CPU us/request $cpu)" >&2
    done
  done
done
for cell in $CELLS; do
  for proxy in $ONLY; do
    # median round by req/s (ROUNDS odd: the middle one)
    read -r RPS[$proxy,$cell] P99[$proxy,$cell] ERR[$proxy,$cell] <<<"$(awk -v p="$proxy" -v c="$cell" '$1==p && $2==c {print $3, $4, $5}' "$tmp/rounds" | sort -g | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}')"
    TOTAL_ERR=$(( ${TOTAL_ERR:-0} + $(awk -v p="$proxy" -v c="$cell" '$1==p && $2==c && $5!="NA" {e+=$5} END {print e+0}' "$tmp/rounds") ))
    # median CPU per request over the rounds, on its own (not necessarily the median req/s round)
    CPU[$proxy,$cell]=$(awk -v p="$proxy" -v c="$cell" '$1==p && $2==c && $6!="NA" && $6!="" {print $6}' "$tmp/rounds" | sort -g | awk '{a[NR]=$0} END {print (NR ? a[int((NR+1)/2)] : "NA")}')
  done
done
if [[ " $ONLY " == *" engine "* ]] && [ "$IDLE_CONNECTIONS" -gt 0 ]; then
  MEM=$(node "$REPO/bench/proxy-idle-connections.mjs" "${HTTP_PORTS[engine]}" "${PIDS[engine]}" "$IDLE_CONNECTIONS")
fi
if [[ " $ONLY " == *" engine-node "* ]] && [ "$IDLE_CONNECTIONS" -gt 0 ]; then
  MEM_NODE=$(node "$REPO/bench/proxy-idle-connections.mjs" "${HTTP_PORTS[engine-node]}" "${PIDS[engine-node]}" "$IDLE_CONNECTIONS")
fi
if [[ " $ONLY " == *" node-floor "* ]] && [ "$IDLE_CONNECTIONS" -gt 0 ]; then
  MEM_FLOOR=$(node "$REPO/bench/proxy-idle-connections.mjs" "${HTTP_PORTS[node-floor]}" "${PIDS[node-floor]}" "$IDLE_CONNECTIONS")
fi

# --- table ---------------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a=="NA" || b=="NA" || b==0) print "-"; else printf "%.2f", a/b }'; }
echo
echo "Proxy comparison: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cpus ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), proxies on cpus $PROXY_CPUS, wrk+back end on cpus $CLIENT_CPUS, ${DURATION}s per cell, median of $ROUNDS round(s), warm-up ${WARMUP}s per cell"
echo "load average before/after (other work on this machine skews every number): $LOAD_BEFORE / $(cut -d' ' -f1-3 /proc/loadavg); errors over all rounds: ${TOTAL_ERR:-0}"
echo "haproxy $(haproxy -v | awk 'NR==1 {print $3}'), nginx $(nginx -v 2>&1 | sed 's/.*\///'), wrk $(wrk -v 2>&1 | awk 'NR==1 {print $2}'), node $(node -v), http-proxy $(node -p "require('$tmp/node_modules/http-proxy/package.json').version"), engine args: '${ENGINE_ARGS}'"
echo
printf '| %-8s | %-15s | %10s | %9s | %6s | %11s |\n' cell proxy "req/s" "p99 ms" errors "CPU us/req"
printf '|%s|%s|%s|%s|%s|%s|\n' ---------- ----------------- ----------: ---------: -------: ------------:
for cell in $CELLS; do
  for proxy in $ONLY; do
    printf '| %-8s | %-15s | %10s | %9s | %6s | %11s |\n' "$cell" "$proxy" "${RPS[$proxy,$cell]}" "${P99[$proxy,$cell]}" "${ERR[$proxy,$cell]}" "${CPU[$proxy,$cell]}"
  done
done
if [[ " $ONLY " == *" engine "* ]]; then
  echo
  echo "Engine ratios (req/s engine / peer; p99 engine / peer; CPU per request engine / peer):"
  printf '| %-8s | %-15s | %8s | %8s | %8s |\n' cell peer "req/s x" "p99 x" "CPU x"
  printf '|%s|%s|%s|%s|%s|\n' ---------- ----------------- ---------: ---------: ---------:
  for cell in $CELLS; do
    for peer in $ONLY; do
      [ "$peer" = engine ] && continue
      printf '| %-8s | %-15s | %8s | %8s | %8s |\n' "$cell" "$peer" "$(ratio "${RPS[engine,$cell]}" "${RPS[$peer,$cell]}")" "$(ratio "${P99[engine,$cell]}" "${P99[$peer,$cell]}")" "$(ratio "${CPU[engine,$cell]}" "${CPU[$peer,$cell]}")"
    done
  done
  [ -n "${MEM:-}" ] && { echo; echo "Engine resident memory with idle keep-alive connections: $MEM"; }
  if [ -n "${MEM_NODE:-}" ]; then echo "engine-node (--http-front node), the same: $MEM_NODE"; fi
fi
FLOORS=$(for p in $ONLY; do if [[ $p == node-floor* ]]; then echo "$p"; fi; done | xargs)
if [ -n "$FLOORS" ]; then
  echo
  echo "Node's floor: req/s of each floor program / peer's (engine / floor: how much of the floor the engine reaches),"
  echo "and the same as CPU per request (floor / peer: above 1 = the floor spends more CPU per request than the peer)."
  printf '| %-8s | %-17s | %9s | %8s | %13s | %13s | %10s | %15s |\n' cell floor "x haproxy" "x nginx" "engine/floor" "CPU x haproxy" "CPU x nginx" "CPU engine/floor"
  printf '|%s|%s|%s|%s|%s|%s|%s|%s|\n' ---------- ------------------- ----------: ---------: --------------: --------------: -----------: ----------------:
  for cell in $CELLS; do
    for f in $FLOORS; do
      [ "${RPS[$f,$cell]}" = NA ] && continue
      printf '| %-8s | %-17s | %9s | %8s | %13s | %13s | %10s | %15s |\n' "$cell" "$f" "$(ratio "${RPS[$f,$cell]}" "${RPS[haproxy,$cell]:-NA}")" "$(ratio "${RPS[$f,$cell]}" "${RPS[nginx,$cell]:-NA}")" "$(ratio "${RPS[engine,$cell]:-NA}" "${RPS[$f,$cell]}")" \
        "$(ratio "${CPU[$f,$cell]}" "${CPU[haproxy,$cell]:-NA}")" "$(ratio "${CPU[$f,$cell]}" "${CPU[nginx,$cell]:-NA}")" "$(ratio "${CPU[engine,$cell]:-NA}" "${CPU[$f,$cell]}")"
    done
  done
  [ -n "${MEM_FLOOR:-}" ] && { echo; echo "node-floor resident memory with idle keep-alive connections: $MEM_FLOOR"; }
  if [[ " $ONLY " == *" node-floor-answer "* ]]; then kill -USR2 "${PIDS[node-floor-answer]}" 2>/dev/null && sleep 0.2; echo "node-floor-answer TLS handshakes over all rounds (wrk resumes sessions when these are mostly resumed): $(tail -1 "$tmp/node-floor-answer.out")"; fi
fi
