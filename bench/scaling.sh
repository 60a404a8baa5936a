#!/usr/bin/env bash
# How the mock's cost grows: throughput and p99 against connections (mock and the bare cpp-httplib server
# side by side), against tasks stored, and memory against time over a soak. Writes the data and PNG plots
# into bench/data/ (DATA=dir to write elsewhere).
# Env: STEP (s per point, default 5) CONNS_LIST ("1 2 4 8 16 32 64 128 256") TASKS_LIST ("0 10000 100000
# 1000000") SOAK_REQUESTS (1000000) SOAK_MIX (the default mix) SOAK_NAME (soak: data/soak.dat, soak.png)
# PARTS ("conns tasks soak").
set -euo pipefail
source "$(dirname "$0")/lib.sh"
STEP=${STEP:-5}
CONNS_LIST=${CONNS_LIST:-1 2 4 8 16 32 64 128 256}
TASKS_LIST=${TASKS_LIST:-0 10000 100000 1000000}
SOAK_REQUESTS=${SOAK_REQUESTS:-1000000}
PARTS=${PARTS:-conns tasks soak}
DATA=${DATA:-$BENCH_DIR/data}
mkdir -p "$DATA"
trap stop_all EXIT
ACCOUNTS=$(bench_accounts)
MIX=StartWebcast:8,GetWebCastTask:1,StopWebcast:1
SOAK_MIX=${SOAK_MIX:-$MIX}
SOAK_NAME=${SOAK_NAME:-soak}

# shellcheck disable=SC2086
run() {  # run URL CONNS JSON [extra flags]
  local url=$1 c=$2 json=$3; shift 3
  "$RTC_BENCH" --url "$url" --connections "$c" --duration "$STEP" --warmup 1 --max --mix "$MIX" $ACCOUNTS \
    --quiet --json "$json" "$@" > /dev/null
}
rps() { json_get "$1" "'%.0f' % j['requests_per_s']"; }
p99() { json_get "$1" "'%.3f' % j['latency_ms']['p99']"; }

echo "scaling: machine load $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
if [[ " $PARTS " == *" conns "* ]]; then
  echo "# connections mock_rps mock_p99_ms bare_rps bare_p99_ms" > "$DATA/conns.dat"
  start_server mock "$RTC_MOCK" --port 0 --config "$BENCH_CONFIG" --threads 300; MOCK_URL=$URL; MOCK_PID=$PID
  start_server bare "$BARE_SERVER" --port 0 --threads 300; BARE_URL=$URL; BARE_PID=$PID
  for c in $CONNS_LIST; do
    run "$MOCK_URL" "$c" "$WORK/conns-mock-$c.json"
    run "$BARE_URL" "$c" "$WORK/conns-bare-$c.json"
    line="$c $(rps "$WORK/conns-mock-$c.json") $(p99 "$WORK/conns-mock-$c.json") $(rps "$WORK/conns-bare-$c.json") $(p99 "$WORK/conns-bare-$c.json")"
    echo "$line" >> "$DATA/conns.dat"
    echo "  connections $line"
  done
  stop_pid "$MOCK_PID"; stop_pid "$BARE_PID"
fi

if [[ " $PARTS " == *" tasks "* ]]; then
  # Tasks are stored through the API (StartWebcast, limits raised in bench.json), one fresh mock for the
  # sweep; each point measures 32 connections on top of what is stored so far.
  echo "# tasks_started mock_rps mock_p99_ms rss_kb tasks_accepted" > "$DATA/tasks.dat"
  start_server mock "$RTC_MOCK" --port 0 --config "$BENCH_CONFIG" --threads 300; MOCK_URL=$URL; MOCK_PID=$PID
  stored=0 accepted=0  # accepted: StartWebcast calls answered OK, i.e. tasks really in the store
  for n in $TASKS_LIST; do
    if ((n > stored)); then
      # shellcheck disable=SC2086
      "$RTC_BENCH" --url "$MOCK_URL" --connections 32 --preload-tasks $((n - stored)) $ACCOUNTS --quiet \
        --json "$WORK/preload-$n.json" > /dev/null
      stored=$n
      accepted=$((accepted + $(json_get "$WORK/preload-$n.json" "j['by_code'].get('OK', 0)")))
    fi
    run "$MOCK_URL" 32 "$WORK/tasks-$n.json"
    line="$n $(rps "$WORK/tasks-$n.json") $(p99 "$WORK/tasks-$n.json") $(rss_kb "$MOCK_PID") $accepted"
    echo "$line" >> "$DATA/tasks.dat"
    echo "  stored $line"
  done
  stop_pid "$MOCK_PID"
fi

if [[ " $PARTS " == *" soak "* ]]; then
  # Memory against time: RSS from /proc every second while SOAK_REQUESTS requests run at full speed.
  start_server mock "$RTC_MOCK" --port 0 --config "$BENCH_CONFIG" --threads 300; MOCK_URL=$URL; MOCK_PID=$PID
  sleep 0.5
  echo "# seconds rss_kb requests_done" > "$DATA/$SOAK_NAME.dat"
  (
    t=0
    while kill -0 "$MOCK_PID" 2>/dev/null && [ ! -f "$WORK/soak.done" ]; do
      echo "$t $(rss_kb "$MOCK_PID")" >> "$WORK/soak.rss"
      sleep 1; t=$((t + 1))
    done
  ) &
  SAMPLER=$!
  # shellcheck disable=SC2086
  "$RTC_BENCH" --url "$MOCK_URL" --connections 32 --max --requests "$SOAK_REQUESTS" --duration 3600 --mix "$SOAK_MIX" \
    $ACCOUNTS 2> "$WORK/soak.progress" --json "$WORK/soak.json" > /dev/null
  touch "$WORK/soak.done"; wait "$SAMPLER" || true
  # The progress lines give the request count per second; join them with the RSS samples.
  python3 - "$WORK/soak.rss" "$WORK/soak.progress" "$DATA/$SOAK_NAME.dat" <<'PY'
import re, sys
rss = [l.split() for l in open(sys.argv[1])]
done = {}
for l in open(sys.argv[2]):
    m = re.match(r"\[\s*(\d+)s\].*\(total (\d+)\)", l)
    if m: done[int(m.group(1))] = int(m.group(2))
with open(sys.argv[3], "a") as f:
    last = 0
    for t, kb in rss:
        last = done.get(int(t), last)
        f.write(f"{t} {kb} {last}\n")
PY
  stop_pid "$MOCK_PID"
  python3 - "$DATA/$SOAK_NAME.dat" "$WORK/soak.json" <<'PY'
import json, sys
rows = [l.split() for l in open(sys.argv[1]) if not l.startswith("#")]
kb = [int(r[1]) for r in rows]
j = json.load(open(sys.argv[2]))
q = len(kb) // 4
print(f"  soak: {j['requests']} requests in {j['duration_s']:.0f} s ({j['requests_per_s']:.0f} req/s); RSS start "
      f"{kb[0]/1024:.1f} MB, at 25% {kb[q]/1024:.1f} MB, max {max(kb)/1024:.1f} MB, end {kb[-1]/1024:.1f} MB")
PY
fi

if command -v gnuplot >/dev/null 2>&1; then
  cd "$DATA"
  [ -s conns.dat ] && gnuplot <<'GP'
set terminal pngcairo size 900,500 noenhanced
set output "conns.png"
set title "throughput and p99 against connections (same run, same generator)"
set logscale x 2
set xlabel "keep-alive connections"
set ylabel "requests/s"
set y2label "p99 latency (ms)"
set y2tics
set logscale y2
set key top left
plot "conns.dat" using 1:2 with linespoints title "rtc-mock req/s", \
     "" using 1:4 with linespoints title "bare cpp-httplib req/s", \
     "" using 1:3 axes x1y2 with linespoints dt 2 title "rtc-mock p99", \
     "" using 1:5 axes x1y2 with linespoints dt 2 title "bare p99"
GP
  [ -s tasks.dat ] && gnuplot <<'GP'
set terminal pngcairo size 900,500 noenhanced
set output "tasks.png"
set title "rtc-mock throughput and p99 against tasks stored (32 connections)"
set logscale x 10
set xrange [1:*]
set xlabel "tasks stored (0 plotted at 1)"
set ylabel "requests/s"
set y2label "p99 latency (ms)"
set y2tics
set key top right
plot "tasks.dat" using ($1 < 1 ? 1 : $1):2 with linespoints title "req/s", \
     "" using ($1 < 1 ? 1 : $1):3 axes x1y2 with linespoints dt 2 title "p99"
GP
  [ -s "$SOAK_NAME.dat" ] && gnuplot -e "name='$SOAK_NAME'; mix='$SOAK_MIX'" - <<'GP'
set terminal pngcairo size 900,500 noenhanced
set output name.".png"
set title "rtc-mock resident memory during a soak, mix ".mix
set xlabel "seconds"
set ylabel "RSS (MB)"
set y2label "requests done"
set y2tics
set yrange [0:*]
set key bottom right
plot name.".dat" using 1:($2/1024) with lines lw 2 title "RSS", \
     "" using 1:3 axes x1y2 with lines dt 2 title "requests done"
GP
  echo "scaling: plots in $DATA"
fi
