#!/usr/bin/env bash
# The cost of one open inspector tab to the API: rtc-bench against rtc-mock (bench/config/bench.json) without
# a tab and with one Chromium tab on /_mock/ui/ streaming the Requests view, alternated ROUNDS times on one
# mock, DURATION s each (max mode, 32 connections, the default mix, 16 accounts). Prints req/s and the mock's
# CPU time per request of every run, and the medians. Figures in docs/inspector.md.
# Needs build/rtc-mock, build/bench/rtc-bench and what scripts/test.d/70-inspector.sh installs.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap stop_all EXIT
ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-32}

start_server mock "$RTC_MOCK" --port 0 --config "$BENCH_CONFIG"
MOCK_URL=$URL MOCK_PID=$PID
# shellcheck disable=SC2046
run() {  # run LABEL -> appends "LABEL req/s cpu_us_per_request" to $WORK/runs.txt
  local label=$1 json="$WORK/$1-$2.json" before after
  before=$(cpu_ticks "$MOCK_PID")
  "$RTC_BENCH" --url "$MOCK_URL" --connections "$CONNECTIONS" --duration "$DURATION" --warmup 1 --max \
    $(bench_accounts) --json "$json" --quiet >/dev/null 2>&1
  after=$(cpu_ticks "$MOCK_PID")
  local reqs rps
  reqs=$(json_get "$json" "j['requests_sent_total']")
  rps=$(json_get "$json" "round(j['requests_per_s'])")
  local cpu_us
  cpu_us=$(python3 -c "print(round(($after - $before) / $(getconf CLK_TCK) * 1e6 / max(1, $reqs), 1))")
  echo "$label $rps $cpu_us" | tee -a "$WORK/runs.txt"
}

: > "$WORK/runs.txt"
echo "label req/s mock_cpu_us_per_request"
for round in $(seq 1 "$ROUNDS"); do
  run no-tab "$round"
  node "$ROOT_DIR/tests/browser/hold-tab.js" "$MOCK_URL" > "$WORK/tab.out" 2>&1 &
  TAB=$!
  for _ in $(seq 1 100); do grep -q streaming "$WORK/tab.out" && break; sleep 0.1; done
  grep -q streaming "$WORK/tab.out" || { cat "$WORK/tab.out"; echo "the tab did not start streaming"; exit 1; }
  run one-tab "$round"
  kill -TERM "$TAB"; wait "$TAB" || true
  grep -v '^streaming' "$WORK/tab.out" | sed 's/^/   tab /'
done
python3 - "$WORK/runs.txt" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    label, rps, cpu = line.split()
    runs.setdefault(label, []).append((float(rps), float(cpu)))
base = statistics.median(r for r, _ in runs["no-tab"])
for label, rs in runs.items():
    rps = statistics.median(r for r, _ in rs)
    cpu = statistics.median(c for _, c in rs)
    print(f"median {label}: {rps:.0f} req/s ({rps / base * 100:.1f} % of no-tab), mock CPU {cpu:.1f} us/request")
PY
