#!/usr/bin/env bash
# Engine CPU per proxied request, two engine variants A and B side by side: both run at once on
# ENGINE_CPUS in front of one nginx back end, and short wrk runs alternate between them (A, B, A,
# B, ...), so load from elsewhere on a shared machine falls on both alike. Per pair it prints both
# figures and B/A; at the end the medians. Run as root from the repository root after `npm run build`:
#
#   A_ARGS="--http-front node" B_ARGS="--http-front lean" bash bench/engine-ab-cpu.sh
#   PAIRS=15 PROTOCOLS="http https" DURATION=2 ...
#   A_REPO=/tmp/old A_ARGS= B_ARGS= PROTOCOLS=tcp ...   # the TCP listener: HTTP keep-alive relayed at layer 4
#   A_REPO=/tmp/old B_REPO=. ...   # two builds (e.g. a `git archive` export of an older commit)
#   A_REPO=/work/main A_ARGS= B_ARGS= PROTOCOLS=tls-new ...   # one new TLS connection per request
#                                  # (HTTPS listener, `Connection: close`, TLS_NEW_CONNECTIONS=20 wrk
#                                  # connections; wrk resumes sessions by ticket): CPU per connection
#   A_ARGS= B_ARGS= A_NODE_ARGS="--max-semi-space-size=0" B_NODE_ARGS="--max-semi-space-size=64" ...
#                                  # node (V8) options per variant, on the engine's node command line
#
# CPU = utime + stime of the engine process from /proc/<pid>/stat over each DURATION-second wrk run
# (-t1, CONNECTIONS keep-alive connections, after one WARMUP-second run per variant and protocol);
# beside it wrk's p99 latency of the same run (--latency), and per pair the ratio B/A of both.
# With IDLE=N (e.g. 10000), then the resident memory of each engine with N idle keep-alive HTTP
# client connections (bench/proxy-idle-connections.mjs; PAIRS=0 measures only that).
set -euo pipefail
# shellcheck source=bench/bench-setup.sh
source "$(dirname "$0")/bench-setup.sh"

PAIRS=${PAIRS:-10}
WARMUP=${WARMUP:-2}
DURATION=${DURATION:-2}
CONNECTIONS=${CONNECTIONS:-50}
TLS_NEW_CONNECTIONS=${TLS_NEW_CONNECTIONS:-20}
ENGINE_CPUS=${ENGINE_CPUS:-0}
CLIENT_CPUS=${CLIENT_CPUS:-1}
BASE_PORT=${BASE_PORT:-19950}
PROTOCOLS=${PROTOCOLS:-http https}
IDLE=${IDLE:-0}
A_ARGS=${A_ARGS---http-front node}
B_ARGS=${B_ARGS---http-front lean}
A_NODE_ARGS=${A_NODE_ARGS:-}
B_NODE_ARGS=${B_NODE_ARGS:-}
HERE=$(cd "$(dirname "$0")/.." && pwd)
A_REPO=$(cd "${A_REPO:-$HERE}" && pwd)
B_REPO=$(cd "${B_REPO:-$HERE}" && pwd)
BACKEND_PORT=$BASE_PORT

for r in "$A_REPO" "$B_REPO"; do [ -f "$r/build/provider/engine/main.js" ] || { echo "build first: no $r/build/provider/engine/main.js" >&2; exit 1; }; done
command -v wrk >/dev/null && command -v nginx >/dev/null || { echo "needs wrk and nginx (apt-get install wrk nginx)" >&2; exit 1; }
ports_free "$BASE_PORT" $((BASE_PORT + 6))

bench_tmp seclb-ab-bench

bench_certificate
start_backend "$CLIENT_CPUS" $BACKEND_PORT

declare -A PID HTTP HTTPS TCP
start() { # variant repo node-args base args
  local v=$1 repo=$2 node_args=$3 base=$4; shift 4
  HTTP[$v]=$base HTTPS[$v]=$((base + 1)) TCP[$v]=$((base + 2))
  # shellcheck disable=SC2068
  PID[$v]=$(ENGINE_NODE_ARGS="$node_args" taskset -c "$ENGINE_CPUS" node "$repo/bench/proxy-engine-setup.mjs" "$tmp/engine-$v" "$tmp/cert.pem" "$tmp/key.pem" \
    "$BACKEND_PORT" "$base" $((base + 1)) $((base + 2)) --workers 1 $@)
  pids+=("${PID[$v]}")
  wait_port "${HTTP[$v]}"; wait_port "${HTTPS[$v]}"; wait_port "${TCP[$v]}"
}
# shellcheck disable=SC2086
start A "$A_REPO" "$A_NODE_ARGS" $((BASE_PORT + 1)) $A_ARGS
# shellcheck disable=SC2086
start B "$B_REPO" "$B_NODE_ARGS" $((BASE_PORT + 4)) $B_ARGS

hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
measure() { # variant proto seconds -> "us_per_request requests errors p99_ms"
  local v=$1 proto=$2 d=$3 port out before after
  local scheme=$proto connections=$CONNECTIONS header=()
  port=${HTTP[$v]}; [ "$proto" = https ] && port=${HTTPS[$v]}
  [ "$proto" = tcp ] && port=${TCP[$v]} scheme=http
  [ "$proto" = tls-new ] && port=${HTTPS[$v]} scheme=https connections=$TLS_NEW_CONNECTIONS header=(-H 'Connection: close')
  before=$(ticks "${PID[$v]}")
  out=$(taskset -c "$CLIENT_CPUS" wrk -t1 -c"$connections" -d"${d}s" --latency "${header[@]}" "$scheme://127.0.0.1:$port/" 2>&1)
  after=$(ticks "${PID[$v]}")
  awk -v out="$out" -v t=$((after - before)) -v hz="$hz" 'BEGIN {
    n = 0; e = 0; p99 = "NA"; split(out, lines, "\n")
    for (i in lines) { if (lines[i] ~ /requests in/) { split(lines[i], f, " "); n = f[1] }
      if (lines[i] ~ /Socket errors/) { gsub(/[^0-9 ]/, " ", lines[i]); split(lines[i], g, " "); e += g[1] + g[2] + g[3] + g[4] }
      if (lines[i] ~ /Non-2xx/) { split(lines[i], h, " "); e += h[length(h)] }
      if (lines[i] ~ /^ +99% /) { split(lines[i], q, " "); v = q[2]
        if (v ~ /us$/) { sub(/us$/, "", v); p99 = v / 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v); p99 = v + 0 } else { sub(/s$/, "", v); p99 = v * 1000 } } }
    printf "%.1f %d %d %s", (n > 0 ? t * 1e6 / hz / n : 0), n, e, p99 }'
}
echo "# A: $A_REPO ($(git -C "$A_REPO" rev-parse --short HEAD 2>/dev/null || echo export)) node '$A_NODE_ARGS' engine '$A_ARGS'; B: $B_REPO ($(git -C "$B_REPO" rev-parse --short HEAD 2>/dev/null || echo export)) node '$B_NODE_ARGS' engine '$B_ARGS'"
echo "# engine pids: A ${PID[A]}, B ${PID[B]}"
echo "# engines on cpus $ENGINE_CPUS, wrk + back end on cpus $CLIENT_CPUS, $CONNECTIONS connections ($TLS_NEW_CONNECTIONS for tls-new), $PAIRS pairs of ${DURATION}s runs, load before $(cut -d' ' -f1-3 /proc/loadavg)"
[ "$IDLE" -gt 0 ] && { ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"; }
[ "$PAIRS" -gt 0 ] || PROTOCOLS=""
for proto in $PROTOCOLS; do
  measure A "$proto" "$WARMUP" >/dev/null; measure B "$proto" "$WARMUP" >/dev/null
  : > "$tmp/$proto"
  for i in $(seq 1 "$PAIRS"); do
    read -r a an ae ap <<<"$(measure A "$proto" "$DURATION")"
    read -r b bn be bp <<<"$(measure B "$proto" "$DURATION")"
    ratio=$(awk -v a="$a" -v b="$b" 'BEGIN { if (a > 0) printf "%.3f", b / a; else print "NA" }')
    pratio=$(awk -v a="$ap" -v b="$bp" 'BEGIN { if (a > 0) printf "%.3f", b / a; else print "NA" }')
    echo "$proto pair $i: A $a us/request ($an requests, $ae errors, p99 $ap ms)  B $b us/request ($bn requests, $be errors, p99 $bp ms)  B/A $ratio, p99 B/A $pratio"
    echo "$a $b $ratio $ae $be $ap $bp $pratio" >> "$tmp/$proto"
  done
  awk -v p="$proto" '{ a[NR] = $1; b[NR] = $2; r[NR] = $3; e += $4 + $5; pa[NR] = $6; pb[NR] = $7; pr[NR] = $8 }
    function median(x, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (x[j] < x[i]) { t = x[i]; x[i] = x[j]; x[j] = t }
      return n % 2 ? x[(n + 1) / 2] : (x[n / 2] + x[n / 2 + 1]) / 2 }
    END { n = NR; printf "%s medians: A %.1f us/request, B %.1f us/request, B/A %.3f (median of the pairs), errors %d; p99 A %.2f ms, B %.2f ms, B/A %.3f\n", p, median(a, n), median(b, n), median(r, n), e, median(pa, n), median(pb, n), median(pr, n) }' "$tmp/$proto"
done
if [ "$IDLE" -gt 0 ]; then
  for v in A B; do echo "idle $v: $(node "$HERE/bench/proxy-idle-connections.mjs" "${HTTP[$v]}" "${PID[$v]}" "$IDLE")"; done
fi
echo "# load after $(cut -d' ' -f1-3 /proc/loadavg)"
