#!/usr/bin/env bash
# Replicas on Redis, end to end (docs/replicas.md): Debian's redis-server (AOF on) on a Unix socket,
# three `rtc-mock --state unix://...` replicas and Debian's haproxy in front (round robin, health check on
# /_mock/ready), all on loopback in a temporary folder. Through the balancer: the conformance suite and the Node
# SDK's signing checks, racing start/stop on different replicas (one end callback per task), a rate-limit burst
# split over the replicas, kill -9 of a replica with running tasks, a Redis restart, Redis stalled (SIGSTOP) and
# killed. One PASS/FAIL line per step with its figures; exit 1 when a step failed. Every process started here is
# stopped on exit, whatever happens. RTC_MOCK / RTC_CONFORMANCE name other binaries; RTC_REPLICAS_KEEP=1 keeps
# the temporary folder (logs of every process) for a post-mortem.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
MOCK=${RTC_MOCK:-$ROOT/build/rtc-mock}
CONFORMANCE=${RTC_CONFORMANCE:-$ROOT/build/conformance/rtc-conformance}
SDK_DIR=$ROOT/conformance/clients/node-sdk
HERE=$ROOT/scripts/replicas
N=3 # replicas
for tool in redis-server redis-cli haproxy node python3 curl; do
  command -v "$tool" >/dev/null || { echo "50-replicas: $tool is missing (run scripts/setup.sh)"; exit 1; }
done
# Debian's interpreter when there is one: the helpers need only the standard library, and a version manager's
# shim can take seconds to start on a busy machine.
PY=$(command -v /usr/bin/python3 || command -v python3)
for bin in "$MOCK" "$CONFORMANCE"; do
  [ -x "$bin" ] || { echo "50-replicas: $bin is missing (run scripts/setup.sh)"; exit 1; }
done
source scripts/lib/node-sdk.sh
node_sdk_install

WORK=$(mktemp -d /tmp/rtc-replicas.XXXXXX)
SOCK=$WORK/redis.sock
REDIS_PID="" HAPROXY_PID="" CB_PID=""
declare -a RPID RURL
PASSED=0 FAILED=0
T_START=$(date +%s)

# stop PID...: SIGTERM, then SIGKILL what still runs after 5 s.
stop() {
  local pids=() p alive
  for p in "$@"; do [ -n "$p" ] && kill -TERM "$p" 2>/dev/null && pids+=("$p"); done
  for _ in $(seq 1 50); do
    alive=0
    for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && return 0
    sleep 0.1
  done
  for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null; done
}
# Stops every process this script started, the replicas first (they flush to Redis on their way out; SIGCONT
# first: a stalled Redis cannot answer them), then removes the temporary folder.
cleanup() {
  local rc=$?
  set +e
  [ -n "$REDIS_PID" ] && kill -CONT "$REDIS_PID" 2>/dev/null
  stop "${RPID[@]}"
  stop "$HAPROXY_PID" "$CB_PID" "$REDIS_PID"
  wait 2>/dev/null
  if [ "${RTC_REPLICAS_KEEP:-0}" = 1 ]; then echo "50-replicas: logs kept in $WORK"; else rm -rf "$WORK"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ms() { date +%s%3N; }
# gone PID [SECONDS]: 0 once process PID has exited (processes are disowned: `wait` cannot reap them).
gone() {
  for _ in $(seq 1 $((${2:-10} * 20))); do
    kill -0 "$1" 2>/dev/null || return 0
    sleep 0.05
  done
  return 1
}
pass() { PASSED=$((PASSED + 1)); echo "PASS $1: $2"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL $1: $2"; }
verdict() { if [ "$2" = true ]; then pass "$1" "$3"; else fail "$1" "$3"; fi; }

# URL of a process that prints "listening on http://HOST:PORT" first (FILE, PID), within 10 s.
announced_url() {
  local file=$1 pid=$2 url
  for _ in $(seq 1 200); do
    url=$(head -n1 "$file" 2>/dev/null | sed -n 's/^listening on \(http:\/\/[^ ]*\).*/\1/p')
    [ -n "$url" ] && { echo "$url"; return 0; }
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.05
  done
  return 1
}

start_redis() {
  mkdir -p "$WORK/redis"
  redis-server --port 0 --unixsocket "$SOCK" --unixsocketperm 700 --dir "$WORK/redis" --appendonly yes \
    --appendfsync always --save '' --daemonize no >>"$WORK/redis.log" 2>&1 &
  REDIS_PID=$!
  disown "$REDIS_PID" # killed on purpose below: no "Killed" report from bash
  for _ in $(seq 1 200); do
    [ "$(redis-cli -s "$SOCK" ping 2>/dev/null)" = PONG ] && return 0
    kill -0 "$REDIS_PID" 2>/dev/null || break
    sleep 0.05
  done
  echo "redis-server did not answer on $SOCK:"; tail -5 "$WORK/redis.log"
  return 1
}

# start_replica I: replica I (1-based) on a free port; sets RPID[I], RURL[I]. Its exit status lands in
# $WORK/replicaI.rc (a watching subshell waits for it; disowned, so a kill on purpose prints no job report).
start_replica() {
  local i=$1
  rm -f "$WORK/replica$i.pid" "$WORK/replica$i.rc"
  (
    "$MOCK" --port 0 --config "$WORK/config.json" --state "unix://$SOCK" >"$WORK/replica$i.out" \
      2>>"$WORK/replica$i.log" &
    echo $! >"$WORK/replica$i.pid"
    wait $!
    echo $? >"$WORK/replica$i.rc"
  ) 2>/dev/null &
  disown $!
  for _ in $(seq 1 100); do [ -s "$WORK/replica$i.pid" ] && break; sleep 0.02; done
  RPID[i]=$(cat "$WORK/replica$i.pid")
  RURL[i]=$(announced_url "$WORK/replica$i.out" "${RPID[i]}") || {
    echo "replica $i did not start:"; tail -5 "$WORK/replica$i.log"; return 1
  }
}

# haproxy's runtime API (stats socket) without socat.
hactl() {
  "$PY" - "$WORK/haproxy.sock" "$1" <<'EOF'
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.sendall(sys.argv[2].encode() + b"\n")
out = b""
while True:
    chunk = s.recv(65536)
    if not chunk:
        break
    out += chunk
sys.stdout.write(out.decode())
EOF
}
# server_status NAME: UP, DOWN, ... as haproxy sees replica NAME (r1..r3), from its stats page (CSV).
server_status() { curl -sf "$STATS/;csv" | awk -F, -v s="$1" '$1 == "replicas" && $2 == s { print $18 }'; }
# await_status NAME STATUS SECONDS: 0 once haproxy says so.
await_status() {
  local deadline=$(($(ms) + $3 * 1000))
  while [ "$(ms)" -lt "$deadline" ]; do
    [ "$(server_status "$1")" = "$2" ] && return 0
    sleep 0.05
  done
  return 1
}

# drive CMD ARGS...: runs scripts/replicas/drive.js (its stderr shown as it goes); sets D_OK (true/false), D_FIG.
drive() {
  local out last
  out=$(RTC_LB=$LB RTC_REPLICAS=$(IFS=,; echo "${RURL[*]}") RTC_CB_URL=$CB_URL RTC_CB_LOG=$WORK/callbacks.jsonl \
    timeout 180 node "$HERE/drive.js" "$@") || true
  last=$(tail -n1 <<<"$out")
  case $last in
    PASS$'\t'*) D_OK=true D_FIG=${last#*$'\t'} ;;
    FAIL$'\t'*) D_OK=false D_FIG=${last#*$'\t'} ;;
    *) D_OK=false D_FIG="drive.js $1 gave no result: ${out:0:300}" ;;
  esac
}
alive_replicas() {
  local n=0
  for p in "${RPID[@]}"; do kill -0 "$p" 2>/dev/null && n=$((n + 1)); done
  echo "$n"
}

# ------------------------------------------------------------------------------------------------ 1. setup
# The default fixture plus an account of the suite's own with no rate limit, for the steps that send fast, and
# account 2100000002's StartWebcast limited to BURST_LIMIT, so that a burst over it is cheap (drive.js config).
BURST_LIMIT=20
echo "-- 1. Redis (AOF) on $SOCK, $N replicas, haproxy"
t0=$(ms)
"$MOCK" --print-default-config | node "$HERE/drive.js" config --limit "$BURST_LIMIT" >"$WORK/config.json"
start_redis
for i in $(seq 1 $N); do start_replica "$i"; done

"$PY" "$HERE/callbacks.py" "$WORK/callbacks.jsonl" >"$WORK/callbacks.out" 2>"$WORK/callbacks.log" &
CB_PID=$!
CB_URL=$(announced_url "$WORK/callbacks.out" "$CB_PID")/rtc

free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
LB_PORT=$(free_port)
STATS_PORT=$(free_port)
STATS=http://127.0.0.1:$STATS_PORT/stats
servers=""
for i in $(seq 1 $N); do servers+="    server r$i ${RURL[$i]#http://}"$'\n'; done
sed -e "s|@WORK@|$WORK|g" -e "s|@PORT@|$LB_PORT|g" -e "s|@STATS_PORT@|$STATS_PORT|g" "$HERE/haproxy.cfg.in" |
  awk -v servers="$servers" '$0 == "@SERVERS@" { printf "%s", servers; next } { print }' >"$WORK/haproxy.cfg"
haproxy -c -q -f "$WORK/haproxy.cfg"
haproxy -db -f "$WORK/haproxy.cfg" >"$WORK/haproxy.log" 2>&1 &
HAPROXY_PID=$!
LB=http://127.0.0.1:$LB_PORT
for _ in $(seq 1 100); do [ -S "$WORK/haproxy.sock" ] && break; sleep 0.05; done
up=0
for i in $(seq 1 $N); do await_status "r$i" UP 10 && up=$((up + 1)); done
[ "$up" = "$N" ] && ok=true || ok=false
verdict setup "$ok" "redis-server $(redis-server --version | sed -n 's/.*v=\([^ ]*\).*/\1/p') (appendfsync always), $N replicas \
(${RURL[*]}), haproxy $LB with $up/$N UP, in $(($(ms) - t0)) ms"
[ "$ok" = true ] || exit 1

# ------------------------------------------------------------------------------------------------ 2. clients
# The scenarios whose answers come from the mock and need state another replica made (callback settings, tasks,
# console settings): the generated constraint cases of the stateful actions and the catalogue's "mock" answers.
# The others are played by the harness's own front and never reach a replica; 60-conformance-node-sdk.sh runs
# all 166 on one process (about 7 minutes here). RTC_REPLICAS_CONFORMANCE=all runs them all through the balancer.
ONLY='constraint-UpdateCallback-*,constraint-DeleteCallback-*,constraint-GetCallback-*,constraint-StopWebcast-*'
ONLY+=',constraint-GetWebCastTask-*,constraint-StopWBRecord-*'
ONLY+=',auth-error-not-retried,signalling-mode-surfaced,go-shape-create-callback,go-shape-update-callback'
ONLY+=',delete-callback-query-params,version-2023-11-01'
[ "${RTC_REPLICAS_CONFORMANCE:-}" = all ] && only=() || only=(--only "$ONLY")
echo "-- 2. rtc-conformance (Node SDK adapter) and the Node SDK's signing checks through $LB"
rc=0
t0=$(ms)
timeout 900 "$CONFORMANCE" --client "node $SDK_DIR/adapter.js" --mock-url "$LB" --config "$WORK/config.json" \
  --scenarios "$ROOT/fixtures/conformance" "${only[@]}" \
  --json "$WORK/conformance.json" >"$WORK/conformance.log" 2>&1 || rc=$?
took=$((($(ms) - t0) / 1000))
if [ "$rc" -le 1 ] && [ -s "$WORK/conformance.json" ]; then
  drive verdicts --report "$WORK/conformance.json"
  verdict conformance "$D_OK" "$D_FIG, in $took s (rtc-conformance exit $rc)"
else
  tail -5 "$WORK/conformance.log" | sed 's/^/   /'
  fail conformance "rtc-conformance did not complete (exit $rc) in $took s"
fi
(cd "$SDK_DIR" && timeout 180 node sign-e2e.js "$LB") >"$WORK/sign-e2e.log" 2>&1 || true
summary=$(tail -n1 "$WORK/sign-e2e.log")
if grep -q ' 0 failed$' <<<"$summary"; then pass sdk-signing "$summary"; else
  grep '^not ok' "$WORK/sign-e2e.log" | head -10 | sed 's/^/   /'
  fail sdk-signing "$summary"
fi
curl -sf -X POST "$LB/_mock/reset" -d '{}' >/dev/null || echo "   POST /_mock/reset failed"

# ------------------------------------------------------------------------------------------------ 3. race
echo "-- 3. racing start/stop: 200 tasks, each stopped twice at once on two replicas"
drive race --tasks 200
verdict race "$D_OK" "$D_FIG"

# ------------------------------------------------------------------------------------------------ 4. burst
echo "-- 4. StartWebcast bursts over the limit ($BURST_LIMIT/s for account 2100000002) through the balancer"
drive burst --limit "$BURST_LIMIT"
verdict rate-limit "$D_OK" "$D_FIG"
drive skew --limit "$BURST_LIMIT"
verdict rate-clock "$D_OK" "$D_FIG"
# The engine's contract tests count each part's round trips exactly; this is the whole request's.
drive trips
verdict round-trips "$D_OK" "$D_FIG"
drive live
verdict inspector-live "$D_OK" "$D_FIG"

# ------------------------------------------------------------------------------------------------ 5. kill -9
echo "-- 5. kill -9 of replica r$N while its tasks run (MaxRunningTime 10 s)"
victim=$N
drive kill --victim "${RURL[$victim]}" --pid "${RPID[$victim]}" --tasks 30 --max-running 10
ok=$D_OK fig=$D_FIG
gone "${RPID[$victim]}" || true
if await_status "r$victim" DOWN 5; then down="haproxy has r$victim DOWN"; else down="haproxy still has r$victim $(server_status "r$victim")"; ok=false; fi
# A replacement on a new port joins the same service: haproxy is re-addressed through its runtime API.
t0=$(ms)
if start_replica "$victim"; then
  hostport=${RURL[$victim]#http://}
  hactl "set server replicas/r$victim addr ${hostport%:*} port ${hostport##*:}" >/dev/null
  if await_status "r$victim" UP 10; then down+=", a new r$victim UP after $(($(ms) - t0)) ms"; else
    ok=false down+=", the new r$victim not UP in 10 s (haproxy: $(server_status "r$victim"))"
  fi
else
  ok=false down+=", the new r$victim did not start"
fi
verdict kill-replica "$ok" "$fig; $down"

# ------------------------------------------------------------------------------------------------ 6. Redis restart
echo "-- 6. Redis restart (SIGTERM, same socket and AOF folder)"
drive seed --out "$WORK/seed.json"
ok=$D_OK fig="seed: $D_FIG"
kill -TERM "$REDIS_PID"
gone "$REDIS_PID" || { echo "   redis-server did not stop on SIGTERM"; kill -KILL "$REDIS_PID"; }
sleep 1 # the replicas meet a Redis that is gone, not only one that restarts between two requests
start_redis
t0=$(ms)
drive recover --since-ms "$t0" --timeout 15
[ "$D_OK" = true ] || ok=false
fig+="; $D_FIG"
drive check --in "$WORK/seed.json"
[ "$D_OK" = true ] || ok=false
fig+="; $D_FIG; $(alive_replicas)/$N replicas never restarted"
[ "$(alive_replicas)" = "$N" ] || ok=false
verdict redis-restart "$ok" "$fig"

# ------------------------------------------------------------------------------------------------ 7. Redis down
echo "-- 7a. Redis stalled (SIGSTOP) for 2 s, then resumed (SIGCONT)"
kill -STOP "$REDIS_PID"
sleep 0.2
drive failfast --seconds 2
ok=$D_OK fig=$D_FIG
kill -CONT "$REDIS_PID"
t0=$(ms)
drive recover --since-ms "$t0" --timeout 15
[ "$D_OK" = true ] || ok=false
verdict redis-stalled "$ok" "$fig; $D_FIG"

echo "-- 7b. Redis killed (SIGKILL), then started again"
kill -KILL "$REDIS_PID"
gone "$REDIS_PID" || true
drive failfast --seconds 1.5
ok=$D_OK fig=$D_FIG
start_redis
t0=$(ms)
drive recover --since-ms "$t0" --timeout 15
[ "$D_OK" = true ] || ok=false
fig+="; $D_FIG"
[ "$(alive_replicas)" = "$N" ] || { ok=false; fig+="; only $(alive_replicas)/$N replicas alive"; }
verdict redis-killed "$ok" "$fig"

# ------------------------------------------------------------------------------------------------ 8. shutdown
echo "-- 8. SIGTERM to every replica (Redis up): each exits 0"
t0=$(ms)
stop "${RPID[@]}"
codes=()
for i in $(seq 1 $N); do
  for _ in $(seq 1 20); do [ -s "$WORK/replica$i.rc" ] && break; sleep 0.05; done
  codes+=("$(cat "$WORK/replica$i.rc" 2>/dev/null || echo none)")
done
[ "${codes[*]}" = "$(printf '0 %.0s' $(seq 1 $N) | sed 's/ $//')" ] && ok=true || ok=false
[ "$ok" = true ] || grep -h -v ' info ' "$WORK"/replica*.log | tail -5 | sed 's/^/   /'
verdict shutdown "$ok" "exit statuses ${codes[*]} in $(($(ms) - t0)) ms"
RPID=()

echo "-- 50-replicas: $PASSED passed, $FAILED failed in $(($(date +%s) - T_START)) s"
[ "$FAILED" = 0 ]
