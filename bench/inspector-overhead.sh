#!/usr/bin/env bash
# The cost of one open inspector tab to the API: rtc-bench against rtc-mock (bench/config/bench.json) without
# a tab, with the event stream alone (read by curl) and with one Chromium tab on /_mock/ui/ streaming the
# Requests view, rotated ROUNDS times, each run
# on a freshly started mock, DURATION s each (max mode, 32 connections, the default mix, 16 accounts). Prints
# req/s and the mock's CPU time per request of every run, the ratio of each pair and the medians. Figures in
# docs/inspector.md.
# Needs build/rtc-mock, build/bench/rtc-bench and what scripts/test.d/70-inspector.sh installs.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap stop_all EXIT
ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-32}

descendants() {
  local c
  for c in $(pgrep -P "$1"); do echo "$c"; descendants "$c"; done
}
# CPU ticks of a process and all its descendants (the browser's processes under hold-tab.js).
tree_ticks() {
  local t=0 p
  for p in "$1" $(descendants "$1"); do t=$((t + $(cpu_ticks "$p"))); done
  echo "$t"
}

# run LABEL ROUND [tab]: a fresh mock (tasks started by earlier runs would cost it timer work), optionally a
# tab streaming from it, one rtc-bench run; appends "LABEL req/s mock_cpu_us_per_request tab_cpu_%" to
# $WORK/runs.txt.
run() {
  local label=$1 json="$WORK/$1-$2.json" tab="" before after reqs rps cpu_us
  start_server "mock-$label-$2" "$RTC_MOCK" --port 0 --config "$BENCH_CONFIG"
  local mock_url=$URL mock_pid=$PID
  if [ "${3:-}" = tab ]; then
    local attempt
    for attempt in 1 2; do  # a loaded machine can take long to start a browser: one more try
      node "$ROOT_DIR/tests/browser/hold-tab.js" "$mock_url" ${4:-} > "$WORK/tab.out" 2>&1 &
      tab=$!
      for _ in $(seq 1 600); do grep -q streaming "$WORK/tab.out" && break; sleep 0.1; done
      grep -q streaming "$WORK/tab.out" && break
      kill -TERM "$tab" 2>/dev/null; wait "$tab" 2>/dev/null || true
      echo "   the tab did not start streaming (try $attempt): $(head -c 300 "$WORK/tab.out")"
      [ "$attempt" = 2 ] && exit 1
    done
  elif [ "${3:-}" = curl ]; then  # the stream alone, read by curl: the server's share of the cost
    curl -s -N "${mock_url}_mock/events" > "$WORK/curl.out" &
    tab=$!
    for _ in $(seq 1 100); do grep -q 'event: hello' "$WORK/curl.out" && break; sleep 0.1; done
  fi
  before=$(cpu_ticks "$mock_pid")
  local tab_before=0 tab_after=0 t0 t1
  [ -n "$tab" ] && tab_before=$(tree_ticks "$tab")
  t0=$(date +%s.%N)
  "$RTC_BENCH" --url "$mock_url" --connections "$CONNECTIONS" --duration "$DURATION" --warmup 1 --max \
    $(bench_accounts) --json "$json" --quiet >/dev/null 2>&1
  after=$(cpu_ticks "$mock_pid")
  t1=$(date +%s.%N)
  [ -n "$tab" ] && tab_after=$(tree_ticks "$tab")
  if [ "${3:-}" = tab ]; then
    kill -TERM "$tab"; wait "$tab" || true
    grep -v '^streaming' "$WORK/tab.out" | sed 's/^/   tab /'
  elif [ -n "$tab" ]; then
    kill -TERM "$tab"; wait "$tab" || true
    echo "   curl received $(wc -c < "$WORK/curl.out") bytes"
  fi
  stop_pid "$mock_pid"
  reqs=$(json_get "$json" "j['requests_sent_total']")
  rps=$(json_get "$json" "round(j['requests_per_s'])")
  cpu_us=$(python3 -c "print(round(($after - $before) / $(getconf CLK_TCK) * 1e6 / max(1, $reqs), 1))")
  local tab_pct
  tab_pct=$(python3 -c "print(round(($tab_after - $tab_before) / $(getconf CLK_TCK) / ($t1 - $t0) * 100, 1))")
  echo "$label $rps $cpu_us $tab_pct" | tee -a "$WORK/runs.txt"
}

: > "$WORK/runs.txt"
echo "label req/s mock_cpu_us_per_request tab_cpu_percent_of_one_core"
# Each round runs the three cases in a rotated order, so that a drift of the machine's load cancels out.
for round in $(seq 1 "$ROUNDS"); do
  case $((round % 3)) in
    1) run no-tab "$round"; run stream-only "$round" curl; run one-tab "$round" tab ;;
    2) run stream-only "$round" curl; run one-tab "$round" tab; run no-tab "$round" ;;
    0) run one-tab "$round" tab; run no-tab "$round"; run stream-only "$round" curl ;;
  esac
  # BLANK=1: also a browser on about:blank, what the browser costs the machine before the inspector does anything.
  if [ "${BLANK:-0}" = 1 ]; then run blank-tab "$round" tab --blank; fi
done
python3 - "$WORK/runs.txt" <<'PY'
import statistics, sys
runs = {"no-tab": [], "stream-only": [], "one-tab": [], "blank-tab": []}
for line in open(sys.argv[1]):
    label, rps, cpu, tab = line.split()
    runs[label].append((float(rps), float(cpu), float(tab)))
for label, rs in runs.items():
    if not rs:
        continue
    print(f"median {label}: {statistics.median(r[0] for r in rs):.0f} req/s, "
          f"mock CPU {statistics.median(r[1] for r in rs):.1f} us/request, "
          f"browser CPU {statistics.median(r[2] for r in rs):.1f} % of one core")
for label in ("stream-only", "one-tab", "blank-tab"):
    if not runs[label]:
        continue
    ratios = [b[0] / a[0] for a, b in zip(runs["no-tab"], runs[label])]
    print(f"{label} / no-tab, per round: " + " ".join(f"{r:.3f}" for r in ratios) +
          f"; median {statistics.median(ratios):.3f}")
PY
