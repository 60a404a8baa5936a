# Helpers shared by compare.sh, scaling.sh and the smoke test (sourced, not run).
# Every server is started on loopback and stopped by its own pid; nothing here targets another address.

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT_DIR=$(cd "$BENCH_DIR/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT_DIR/build}
RTC_BENCH=$BUILD_DIR/bench/rtc-bench
BARE_SERVER=$BUILD_DIR/bench/bare-httplib-server
RTC_MOCK=$BUILD_DIR/rtc-mock
BENCH_CONFIG=$BENCH_DIR/config/bench.json
WORK=${WORK:-$(mktemp -d /tmp/rtc-bench.XXXXXX)}
STARTED_PIDS=()

# The 16 load-test accounts of bench/config/bench.json, as rtc-bench --account flags.
bench_accounts() {
  local i
  for i in $(seq -w 0 15); do
    printf -- '--account AKLTBENCH%s:BENCHSECRET%s:6100000000000000000000%s ' "$i" "$i" "$i"
  done
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# start_server NAME CMD...: runs CMD in the background, waits for "listening on URL" on its stdout (up to
# 10 s), and sets URL and PID.
start_server() {
  local name=$1; shift
  "$@" > "$WORK/$name.out" 2> "$WORK/$name.err" &
  PID=$!
  STARTED_PIDS+=("$PID")
  local i
  for i in $(seq 1 100); do
    URL=$(grep -m1 -o 'http://[^ ]*' "$WORK/$name.out" 2>/dev/null || true)
    [ -n "$URL" ] && { URL=${URL%/}/; return 0; }
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "bench: $name did not start:" >&2
  cat "$WORK/$name.err" >&2
  return 1
}

# wait_http URL [seconds]: until URL answers anything.
wait_http() {
  local url=$1 secs=${2:-30} i
  for i in $(seq 1 $((secs * 10))); do
    curl -s -o /dev/null -X POST "$url" && return 0
    sleep 0.1
  done
  return 1
}

stop_pid() {
  local pid=$1
  kill "$pid" 2>/dev/null || return 0
  local i
  for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}

stop_all() {
  local p
  for p in "${STARTED_PIDS[@]}"; do stop_pid "$p"; done
  STARTED_PIDS=()
}

# CPU time of a process and all its threads, in clock ticks (utime + stime).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

# json_get FILE EXPR: a value from an rtc-bench JSON report (EXPR is Python on `j`).
json_get() { python3 -c "import json,sys; j=json.load(open(sys.argv[1])); print($2)" "$1"; }

# nginx on a loopback port answering the same constant as the bare server. Sets URL and PID, or fails.
start_nginx() {
  local port conf
  command -v nginx >/dev/null 2>&1 || return 1
  port=$(free_port)
  mkdir -p "$WORK/nginx"
  conf=$WORK/nginx/nginx.conf
  cat > "$conf" <<NGINX
daemon off;
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body;
  keepalive_requests 1000000;
  keepalive_timeout 60s;
  tcp_nodelay on;
  server {
    listen 127.0.0.1:$port;
    location / {
      default_type application/json;
      return 200 '{"ResponseMetadata":{"RequestId":"20241201000000000000000000000000","Action":"StartWebcast","Version":"2020-12-01","Service":"rtc","Region":"cn-north-1"},"Result":{"Message":"success"}}';
    }
  }
}
NGINX
  nginx -c "$conf" -p "$WORK/nginx" > "$WORK/nginx.out" 2> "$WORK/nginx.err" &
  PID=$!
  STARTED_PIDS+=("$PID")
  URL="http://127.0.0.1:$port/"
  wait_http "$URL" 10
}

# WireMock 3 from the npm package (its standalone jar) with one stub answering the same constant.
start_wiremock() {
  local port jar
  command -v java >/dev/null 2>&1 || return 1
  if [ ! -f "$BENCH_DIR/wiremock/node_modules/wiremock/build/wiremock-standalone-"*.jar ]; then
    (cd "$BENCH_DIR/wiremock" && npm ci --no-audit --no-fund >/dev/null 2>&1) || return 1
  fi
  jar=$(ls "$BENCH_DIR"/wiremock/node_modules/wiremock/build/wiremock-standalone-*.jar | head -1)
  port=$(free_port)
  mkdir -p "$WORK/wiremock/mappings" "$WORK/wiremock/__files"
  cat > "$WORK/wiremock/mappings/constant.json" <<'STUB'
{"request": {"method": "ANY", "urlPattern": "/.*"},
 "response": {"status": 200, "headers": {"Content-Type": "application/json; charset=utf-8"},
  "body": "{\"ResponseMetadata\":{\"RequestId\":\"20241201000000000000000000000000\",\"Action\":\"StartWebcast\",\"Version\":\"2020-12-01\",\"Service\":\"rtc\",\"Region\":\"cn-north-1\"},\"Result\":{\"Message\":\"success\"}}"}}
STUB
  # As users run it (request journal on, like the mock's), with a worker pool sized like the other servers';
  # WIREMOCK_EXTRA="--no-request-journal" measures it at its fastest.
  # shellcheck disable=SC2086
  java -Xmx1g -jar "$jar" --bind-address 127.0.0.1 --port "$port" --root-dir "$WORK/wiremock" \
    --disable-request-logging --container-threads 128 ${WIREMOCK_EXTRA:-} \
    > "$WORK/wiremock.out" 2> "$WORK/wiremock.err" &
  PID=$!
  STARTED_PIDS+=("$PID")
  URL="http://127.0.0.1:$port/"
  wait_http "$URL" 60
}
