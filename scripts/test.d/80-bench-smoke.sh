#!/usr/bin/env bash
# Benchmark smoke test: every benchmark runs briefly and must produce output. No figure is asserted (speed
# lives in benchmark output, never in tests); what is checked is that the tools work: the micro-benchmarks
# run, rtc-bench's signed requests pass the mock's gateway (no transport error, no signature or throttling
# failure) in fixed-rate and max modes and write a JSON report, task-memory.sh prints its figure, and the bare
# server answers. Bounded: ~35 s.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib.sh
trap stop_all EXIT
for b in "$RTC_BENCH" "$BARE_SERVER" "$RTC_MOCK" "$BUILD_DIR/bench/rtc-micro-bench"; do
  [ -x "$b" ] || { echo "bench-smoke: $b is missing (build with -DRTC_BUILD_BENCH=ON)"; exit 1; }
done
fail=0 passed=0

echo "-- rtc-micro-bench (each benchmark briefly; the million-task cases are left to full runs)"
timeout 120 "$BUILD_DIR/bench/rtc-micro-bench" --benchmark_min_time=0.01 --benchmark_filter='-/1000000$' \
  --benchmark_format=json --benchmark_out="$WORK/micro.json" > "$WORK/micro.txt" 2>&1 || { cat "$WORK/micro.txt"; exit 1; }
count=$(json_get "$WORK/micro.json" "len(j['benchmarks'])")
if [ "$count" -ge 10 ]; then echo "ok: $count micro-benchmarks ran"; passed=$((passed + 1))
else echo "FAIL: only $count micro-benchmarks ran"; fail=$((fail + 1)); fi

# check JSON LABEL: the report exists, counted requests, and nothing failed below the action layer.
check() {
  local json=$1 label=$2 verdict
  verdict=$(python3 - "$json" <<'PY'
import json, sys
try:
    j = json.load(open(sys.argv[1]))
except Exception as e:
    print(f"no JSON report ({e})"); sys.exit()
bad = [k for k in j["by_code"] if k.startswith("transport:") or "Signature" in k or "Authorization" in k
       or "AccessKey" in k or k in ("Throttled", "RequestExpired", "HTTP 404")]
if j["requests"] <= 0: print("no request was measured")
elif bad: print("failures below the action layer: " + ", ".join(f"{k} {j['by_code'][k]}" for k in bad))
else: print("ok")
PY
)
  if [ "$verdict" = ok ]; then
    echo "ok: $label ($(json_get "$json" "', '.join(f'{k} {v}' for k, v in j['by_code'].items())"))"
    passed=$((passed + 1))
  else
    echo "FAIL: $label: $verdict"; fail=$((fail + 1))
  fi
}

echo "-- rtc-bench against rtc-mock (bench/config/bench.json)"
start_server mock "$RTC_MOCK" --port 0 --config "$BENCH_CONFIG"
echo "idle RSS of rtc-mock: $(rss_kb "$PID") kB"
# shellcheck disable=SC2046
timeout 30 "$RTC_BENCH" --url "$URL" --connections 4 --duration 2 --rate 200 $(bench_accounts) \
  --json "$WORK/fixed.json" --label smoke-fixed
check "$WORK/fixed.json" "fixed rate 200/s for 2 s, 4 connections"
timeout 30 "$RTC_BENCH" --url "$URL" --connections 8 --duration 2 --max --json "$WORK/max.json" --label smoke-max
check "$WORK/max.json" "max mode for 2 s, 8 connections, the default account"
stop_pid "$PID"

echo "-- bench/task-memory.sh (a few thousand tasks: the script works, its figure means nothing this small)"
if COUNT=2000 WARMUP=500 SETTLE=0 CONNS=4 timeout 60 bench/task-memory.sh > "$WORK/task-memory.txt" 2>&1 &&
  grep -q '^bytes per running task: ' "$WORK/task-memory.txt"; then
  echo "ok: $(tail -1 "$WORK/task-memory.txt")"; passed=$((passed + 1))
else
  cat "$WORK/task-memory.txt"; echo "FAIL: bench/task-memory.sh"; fail=$((fail + 1))
fi

echo "-- rtc-bench against the bare cpp-httplib server"
start_server bare "$BARE_SERVER" --port 0 --threads 16
timeout 30 "$RTC_BENCH" --url "$URL" --connections 8 --duration 1 --max --json "$WORK/bare.json" --quiet > /dev/null
check "$WORK/bare.json" "bare server, max mode for 1 s"
stop_pid "$PID"

echo "-- rtc-recording-bench (one second of video per case)"
if timeout 60 "$BUILD_DIR/bench/rtc-recording-bench" --seconds 1 > "$WORK/recording.txt" 2>&1 &&
  [ "$(grep -c '^| [0-9]' "$WORK/recording.txt")" -eq 6 ]; then
  echo "ok: the encoder cost ran for its six cases"; passed=$((passed + 1))
else cat "$WORK/recording.txt"; echo "FAIL: rtc-recording-bench"; fail=$((fail + 1)); fi

echo "bench-smoke: $passed passed, $fail failed"
[ "$fail" -eq 0 ]
