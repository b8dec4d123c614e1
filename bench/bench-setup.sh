# Shared set-up of the bench scripts (sourced, not run): a temp dir whose processes are stopped and
# which is removed on exit, port checks, a self-signed RSA-2048 certificate, and the nginx back end
# every proxy is measured in front of (one worker, keep-alive, a 2-byte "ok" answer).
#
#   source "$(dirname "$0")/bench-setup.sh"
#   bench_tmp seclb-x              # -> $tmp; pids+=(...) are stopped on exit
#   ports_free FROM TO             # exits when a port in FROM..TO is in use (a stale proxy would be measured)
#   bench_certificate              # -> $tmp/cert.pem, $tmp/key.pem
#   start_backend CPUS PORT        # nginx on CPUS, listening on 127.0.0.1:PORT; waits until it listens

pids=()

# The temp dir ($tmp) and the exit trap that stops every pid in `pids` (TERM, up to 5 s, then KILL).
bench_tmp() { # prefix
  tmp=$(mktemp -d "/tmp/$1.XXXXXX")
  trap bench_cleanup EXIT
}
bench_cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for _ in $(seq 1 50); do alive=0; for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done; [ $alive = 0 ] && break; sleep 0.1; done
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  rm -rf "$tmp"
}

wait_port() { # port: waits (bounded, 10 s) until something listens there
  for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done
  echo "port $1 did not open" >&2; return 1
}

ports_free() { # from to
  for p in $(seq "$1" "$2"); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "port $p is in use: set BASE_PORT" >&2; exit 1; fi
  done
}

bench_certificate() {
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/key.pem" -out "$tmp/cert.pem" -days 2 -subj /CN=bench.local 2>/dev/null
}

start_backend() { # cpus port
  mkdir -p "$tmp/backend"
  cat > "$tmp/backend/nginx.conf" <<CONF
daemon off; worker_processes 1; pid $tmp/backend/nginx.pid; error_log $tmp/backend/error.log warn;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000; keepalive_timeout 120s;
  server { listen 127.0.0.1:$2 backlog=4096; location / { return 200 "ok"; } } }
CONF
  taskset -c "$1" nginx -c "$tmp/backend/nginx.conf" -p "$tmp/backend" & pids+=($!)
  wait_port "$2"
}
