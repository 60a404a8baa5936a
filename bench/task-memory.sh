#!/usr/bin/env bash
# Bytes of resident memory per running Webcast task: RSS growth of rtc-mock (bench/config/bench.json,
# scripted pages) over COUNT distinct signed StartWebcast requests, measured after WARMUP such requests have
# filled the journal ring and the task event log (so only what the tasks themselves keep is counted).
# Prints the figure and the RSS with WARMUP + COUNT tasks running; COUNT=1000000 gives the 1 M figure.
# Env: COUNT (200000) WARMUP (20000) CONNS (32) SETTLE (s to wait before each sample, 3) ROUNDS (1: one
# fresh mock per round, the median printed last).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
COUNT=${COUNT:-200000}
WARMUP=${WARMUP:-20000}
CONNS=${CONNS:-32}
SETTLE=${SETTLE:-3}
ROUNDS=${ROUNDS:-1}
trap stop_all EXIT
ACCOUNTS=$(bench_accounts)

# preload N JSON: N distinct StartWebcast requests; prints how many were answered OK (tasks really stored).
preload() {
  # shellcheck disable=SC2086
  "$RTC_BENCH" --url "$MOCK_URL" --connections "$CONNS" --preload-tasks "$1" $ACCOUNTS --quiet --json "$2" \
    > /dev/null
  json_get "$2" "j['by_code'].get('OK', 0)"
}

results=()
for round in $(seq 1 "$ROUNDS"); do
  start_server mock "$RTC_MOCK" --port 0 --config "$BENCH_CONFIG" --threads 300
  MOCK_URL=$URL MOCK_PID=$PID
  idle=$(rss_kb "$MOCK_PID")
  warm=$(preload "$WARMUP" "$WORK/warmup-$round.json")
  sleep "$SETTLE"
  before=$(rss_kb "$MOCK_PID")
  ok=$(preload "$COUNT" "$WORK/count-$round.json")
  sleep "$SETTLE"
  after=$(rss_kb "$MOCK_PID")
  # The tasks by state, from the metrics (after the sample: the census reads every task).
  states=$(curl -s "${MOCK_URL}_mock/metrics" |
    sed -n 's/^rtc_mock_tasks{kind="webcast",state="\([a-z_]*\)"} \([0-9]*\)$/\1 \2/p' | paste -sd, -)
  per_task=$(((after - before) * 1024 / ok))
  rate=$(json_get "$WORK/count-$round.json" "'%.0f' % j['requests_per_s']")
  results+=("$per_task")
  echo "round $round: idle ${idle} kB; ${warm} warm-up tasks: ${before} kB; +${ok} tasks: ${after} kB" \
    "at ${rate} req/s (webcast tasks: ${states:-?}) -> ${per_task} B per running task"
  stop_pid "$MOCK_PID"
done
median=$(printf '%s\n' "${results[@]}" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')
echo "bytes per running task: $median (median of $ROUNDS); 1 M running tasks at this rate:" \
  "$(((idle * 1024 + 1000000 * median) / 1048576)) MiB (idle RSS + 1 M x the figure)"
