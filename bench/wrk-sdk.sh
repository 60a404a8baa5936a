#!/usr/bin/env bash
# The task-creating path under wrk, as an independent check drives it: StartWebcast requests signed by the
# official Node SDK, each with a TaskId of its own (every request a new task), and one such request replayed
# (the task already runs: verified, validated, answered from the store). rtc-mock (bench/config/bench.json)
# and the bare cpp-httplib server get the same bytes, in the same run, each freshly started; ROUNDS rounds,
# medians. Prints req/s, the server's CPU per request and mock/bare. Loopback only.
# Env: ROUNDS (3) DURATION (s, 5) CONNECTIONS (32) THREADS (wrk threads, 2) COUNT (distinct requests, 400000: more than a run sends)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap stop_all EXIT
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-5}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
COUNT=${COUNT:-400000}
command -v wrk >/dev/null || { echo "wrk-sdk: wrk is not installed (scripts/setup.sh installs it)" >&2; exit 2; }
for b in "$BARE_SERVER" "$RTC_MOCK"; do
  [ -x "$b" ] || { echo "wrk-sdk: $b is missing: build with -DRTC_BUILD_BENCH=ON first" >&2; exit 2; }
done
(cd "$ROOT_DIR" && source scripts/lib/node-sdk.sh && node_sdk_install >/dev/null)

# The first load-test account of bench/config/bench.json.
AK=AKLTBENCH00 SK=BENCHSECRET00 APP=610000000000000000000000
echo "wrk-sdk: signing $COUNT distinct StartWebcast requests and one to replay with the official Node SDK"
node "$BENCH_DIR/wrk/sign-starts.js" "$COUNT" "$WORK/distinct.txt" "$AK" "$SK" "$APP"
node "$BENCH_DIR/wrk/sign-starts.js" 1 "$WORK/replayed.txt" "$AK" "$SK" "$APP" same
# One file per wrk thread (replay.lua): distinct.txt.K holds every THREADS-th line, replayed.txt.K the one.
for k in $(seq 0 $((THREADS - 1))); do
  awk -v t="$THREADS" -v k="$k" 'NR % t == k' "$WORK/distinct.txt" > "$WORK/distinct.txt.$k"
  cp "$WORK/replayed.txt" "$WORK/replayed.txt.$k"
done

# run TARGET KIND ROUND: a fresh server, one wrk run; appends "TARGET KIND req/s cpu_us non2xx" to runs.txt.
run() {
  local target=$1 kind=$2 round=$3
  if [ "$target" = mock ]; then
    start_server mock "$RTC_MOCK" --port 0 --config "$BENCH_CONFIG" --threads 256
  else
    start_server bare "$BARE_SERVER" --port 0 --threads 256
  fi
  local t0; t0=$(cpu_ticks "$PID")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s "$BENCH_DIR/wrk/replay.lua" "$URL" -- \
    "$WORK/$kind.txt" > "$WORK/$target.$kind.$round.txt"
  local ticks=$(($(cpu_ticks "$PID") - t0))
  stop_pid "$PID"
  local rps reqs bad
  rps=$(awk '/^Requests\/sec/ {print $2}' "$WORK/$target.$kind.$round.txt")
  reqs=$(awk '/requests in/ {print $1}' "$WORK/$target.$kind.$round.txt")
  bad=$(awk '/Non-2xx/ {print $NF}' "$WORK/$target.$kind.$round.txt")
  local cpu_us; cpu_us=$(python3 -c "print(round($ticks * 1e6 / $(getconf CLK_TCK) / $reqs, 1))")
  echo "$target $kind $rps $cpu_us ${bad:-0}" >> "$WORK/runs.txt"
  printf '  round %s  %-4s %-9s %9.0f req/s  %6.1f us CPU/request  non-2xx %s  (%s)\n' "$round" "$target" \
    "$kind" "$rps" "$cpu_us" "${bad:-0}" "$(grep -m1 '^replay:' "$WORK/$target.$kind.$round.txt" | cut -c9-)"
  if [ "$kind" = distinct ] && ! grep -q '^replay: 0 restarts' "$WORK/$target.$kind.$round.txt"; then
    echo "wrk-sdk: some distinct requests were sent twice: raise COUNT" >&2
  fi
}

echo "wrk-sdk: $CONNECTIONS connections, $THREADS wrk threads, ${DURATION}s per run, $ROUNDS round(s); load $(cut -d' ' -f1-3 /proc/loadavg)"
: > "$WORK/runs.txt"
for round in $(seq 1 "$ROUNDS"); do
  for kind in distinct replayed; do
    run mock "$kind" "$round"
    run bare "$kind" "$round"
  done
done

python3 - "$WORK/runs.txt" <<'PY'
import statistics, sys
runs = [l.split() for l in open(sys.argv[1]) if l.strip()]
def med(target, kind, col):
    return statistics.median(float(r[col]) for r in runs if r[0] == target and r[1] == kind)
# Each round runs mock then bare back to back: the ratio within a round is what the machine's drift (its speed
# moves by tens of percent between rounds) disturbs least, so its median is printed beside the medians' ratio.
def round_ratios(kind):
    mock = [float(r[2]) for r in runs if r[0] == "mock" and r[1] == kind]
    bare = [float(r[2]) for r in runs if r[0] == "bare" and r[1] == kind]
    return [m / b for m, b in zip(mock, bare)]
print()
print("median            mock req/s   bare req/s   mock/bare   per-round mock/bare (median; rounds)   mock CPU us/req   bare CPU us/req   mock non-2xx")
for kind in ("distinct", "replayed"):
    m, b = med("mock", kind, 2), med("bare", kind, 2)
    bad = sum(int(r[4]) for r in runs if r[0] == "mock" and r[1] == kind)
    rr = round_ratios(kind)
    rounds = " ".join(f"{x:.2f}" for x in rr)
    print(f"{kind:16}  {m:11.0f}  {b:11.0f}  {m / b:10.2f}  {statistics.median(rr):8.2f}; {rounds:26}  {med('mock', kind, 3):16.1f}  {med('bare', kind, 3):16.1f}  {bad:13d}")
PY
