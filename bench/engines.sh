#!/usr/bin/env bash
# The task path on the Redis state engine beside the memory engine, in one run: the same rtc-bench load (the
# default mix over the 16 load-test accounts, 32 connections) against a mock on each engine, alternating
# rounds so both see the same machine. Redis runs here on a Unix socket (no persistence, as a load-test Redis
# would; AOF=always turns on `appendfsync always`), started and stopped by this script. Prints per-round and
# median figures, the Redis round trips per request (those the requests waited for, and all the replica made:
# the tasks' lifecycles too) and Redis's CPU per request.
# Env: ROUNDS (3) STEP (s per round, 5) CONNS (32) MIX (StartWebcast:8,GetWebCastTask:1,StopWebcast:1) AOF.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ROUNDS=${ROUNDS:-3}
STEP=${STEP:-5}
CONNS=${CONNS:-32}
MIX=${MIX:-StartWebcast:8,GetWebCastTask:1,StopWebcast:1}
REDIS_PID=""
cleanup() {
  stop_all
  if [ -n "$REDIS_PID" ]; then kill "$REDIS_PID" 2>/dev/null || true; wait "$REDIS_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
command -v redis-server >/dev/null || { echo "engines: redis-server is missing (scripts/setup.sh)"; exit 1; }

SOCK=$WORK/redis.sock
persistence=(--appendonly no)
[ "${AOF:-}" = always ] && persistence=(--appendonly yes --appendfsync always)
redis-server --port 0 --unixsocket "$SOCK" --unixsocketperm 700 --dir "$WORK" --save '' "${persistence[@]}" \
  > "$WORK/redis.log" 2>&1 &
REDIS_PID=$!
for _ in $(seq 1 100); do [ -S "$SOCK" ] && break; sleep 0.05; done
[ -S "$SOCK" ] || { echo "engines: redis did not start"; cat "$WORK/redis.log"; exit 1; }

ACCOUNTS=$(bench_accounts)
start_server memory "$RTC_MOCK" --port 0 --config "$BENCH_CONFIG" --threads 300; MEM_URL=$URL
start_server redis "$RTC_MOCK" --port 0 --config "$BENCH_CONFIG" --threads 300 --state "unix://$SOCK"
REDIS_URL=$URL

metric() {  # metric URL NAME: the sum of a counter's samples
  curl -s "${1}_mock/metrics" | awk -v n="$2" '$1 ~ "^"n"({|$)" {s += $2} END {printf "%d", s}'
}
run() {  # run URL JSON
  # shellcheck disable=SC2086
  "$RTC_BENCH" --url "$1" --connections "$CONNS" --duration "$STEP" --warmup 1 --max --mix "$MIX" $ACCOUNTS \
    --quiet --json "$2" > /dev/null
}
field() { json_get "$1" "$2"; }
redis_cpu() {  # Redis's CPU seconds so far (user + system)
  redis-cli -s "$SOCK" info cpu | awk -F: '/^used_cpu_(user|sys):/ {s += $2} END {printf "%.6f", s}'
}

echo "engines: machine load $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, $(redis-server --version | cut -d' ' -f3)," \
  "persistence ${AOF:-off}, $CONNS connections, mix $MIX, $ROUNDS rounds of ${STEP}s"
for r in $(seq 1 "$ROUNDS"); do
  for engine in memory redis; do
    url=$MEM_URL; [ "$engine" = redis ] && url=$REDIS_URL
    trips0=$(metric "$url" rtc_mock_state_request_round_trips_total)
    all0=$(metric "$url" rtc_mock_state_round_trips_total)
    reqs0=$(metric "$url" rtc_mock_requests_total)
    cpu0=$(redis_cpu)
    run "$url" "$WORK/$engine-$r.json"
    trips=$(( $(metric "$url" rtc_mock_state_request_round_trips_total) - trips0 ))
    all=$(( $(metric "$url" rtc_mock_state_round_trips_total) - all0 ))
    reqs=$(( $(metric "$url" rtc_mock_requests_total) - reqs0 ))
    cpu=$(python3 -c "print('%.1f' % (($(redis_cpu) - $cpu0) * 1e6 / max($reqs, 1)))")
    stats=$(field "$WORK/$engine-$r.json" "'%.0f %.3f %.3f %d' % (j['requests_per_s'], j['latency_ms']['p50'], \
j['latency_ms']['p99'], j['errors'])")
    echo "$engine $r $stats $(python3 -c "print('%.2f %.2f' % ($trips / max($reqs, 1), $all / max($reqs, 1)))") $cpu" \
      >> "$WORK/rounds.txt"
    tail -n1 "$WORK/rounds.txt" | awk '{printf "  round %s %-6s %7s req/s  p50 %6s ms  p99 %7s ms  errors %s  round trips/request %s waited (%s in all)  redis CPU %s us/request\n", $2, $1, $3, $4, $5, $6, $7, $8, $9}'
  done
done
python3 - "$WORK/rounds.txt" <<'EOF'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
med = {}
for engine in ("memory", "redis"):
    rs = [r for r in rows if r[0] == engine]
    med[engine] = [statistics.median(float(r[i]) for r in rs) for i in (2, 3, 4, 6, 7, 8)]
    print("median %-6s %7.0f req/s  p50 %6.3f ms  p99 %7.3f ms  round trips/request %.2f waited (%.2f in all)"
          "  redis CPU %.1f us/request" % (engine, *med[engine]))
print("redis/memory: throughput %.2f, p99 %.2fx" % (med["redis"][0] / med["memory"][0], med["redis"][2] / med["memory"][2]))
EOF
