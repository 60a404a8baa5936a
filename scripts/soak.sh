#!/usr/bin/env bash
# A bounded soak of rtc-mock on loopback: valid traffic over the rate limit (so some is throttled), badly signed
# traffic, another account within its limits, and the callbacks of every task, for SECONDS (default 60).
# Checks that RSS, open file descriptors and threads stay flat, and that nothing is lost: every request is in
# the journal, every created task sent its end callback, every delivery the mock counts reached the receiver.
# Usage: scripts/soak.sh [SECONDS]   (needs build/ and `npm ci` nothing: plain Node only)
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-${SOAK_SECONDS:-60}}
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
RX_PORT=$(free_port)
node tests/soak/receiver.js "$RX_PORT" soaksecret "$work/rx.json" & rx=$!; pids+=("$rx")

# The default fixture, with a callback on the app under load and few ended tasks kept.
node -e "
const c = JSON.parse(require('fs').readFileSync('fixtures/default.json'));
c.Apps[0].Callback = {URL: 'http://127.0.0.1:$RX_PORT/hook', SecretKey: 'soaksecret'};
c.Apps[4].Callback = {URL: 'http://127.0.0.1:$RX_PORT/hook', SecretKey: 'soaksecret'};
c.Tasks.MaxEndedTasks = 500;
require('fs').writeFileSync('$work/soak.json', JSON.stringify(c));"

build/rtc-mock --port 0 --config "$work/soak.json" > "$work/mock.out" 2> "$work/mock.err" & mock=$!; pids+=("$mock")
for _ in $(seq 100); do grep -q listening "$work/mock.out" 2>/dev/null && break; sleep 0.05; done
URL=$(sed -n 's/^listening on //p' "$work/mock.out")
echo "soak: rtc-mock pid $mock at $URL for ${SECS}s"

sample() { # rss_kb fds threads
  local rss thr fds
  rss=$(awk '/^VmRSS/{print $2}' "/proc/$mock/status"); thr=$(awk '/^Threads/{print $2}' "/proc/$mock/status")
  fds=$(ls "/proc/$mock/fd" | wc -l); echo "$rss $fds $thr"
}
( while kill -0 "$mock" 2>/dev/null; do echo "$(date +%s) $(sample)"; sleep 1; done ) > "$work/samples.txt" 2>/dev/null & pids+=($!)

B=build/bench/rtc-bench
$B --url "$URL/" --connections 8 --rate 300 --duration "$SECS" --max-running-time 10 --quiet \
   --mix StartWebcast:6,GetWebCastTask:2,StopWebcast:2 --json "$work/valid.json" > /dev/null &
g1=$!
$B --url "$URL/" --connections 2 --rate 50 --duration "$SECS" --quiet \
   --account AKLTLOCALMOCK:NOTTHESECRET:600000000000000000000000 --json "$work/badsig.json" > /dev/null &
g2=$!
$B --url "$URL/" --connections 2 --rate 40 --duration "$SECS" --max-running-time 10 --quiet \
   --account AKLTOTHERACCOUNT:OTHERSECRET:600000000000000000000009 --mix StartWebcast:1,GetWebCastTask:1 \
   --json "$work/other.json" > /dev/null &
g3=$!
wait $g1 $g2 $g3

# Tasks end 10 s after their start at the latest; their end callbacks follow (retries included).
sleep 14
curl -s "$URL/_mock/metrics" > "$work/metrics.txt"
curl -s "$URL/_mock/requests?limit=1" > "$work/journal.json"
curl -s "$URL/_mock/tasks" > "$work/tasks.json"
kill -TERM "$rx"; wait "$rx" 2>/dev/null || true
kill -TERM "$mock"; wait "$mock"; mock_exit=$?

node - "$work" "$mock_exit" <<'JS'
const fs = require('fs');
const [dir, mockExit] = [process.argv[2], Number(process.argv[3])];
const read = (f) => JSON.parse(fs.readFileSync(`${dir}/${f}`));
const gens = ['valid.json', 'badsig.json', 'other.json'].map(read);
const rx = read('rx.json'), journal = read('journal.json'), tasks = read('tasks.json');
const metrics = fs.readFileSync(`${dir}/metrics.txt`, 'utf8');
const metric = (re) => metrics.split('\n').filter((l) => re.test(l)).reduce((a, l) => a + Number(l.split(' ').pop()), 0);
const samples = fs.readFileSync(`${dir}/samples.txt`, 'utf8').trim().split('\n').map((l) => l.split(' ').map(Number));
let failures = 0;
const check = (ok, what) => { console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); if (!ok) failures++; };

const sent = gens.reduce((a, g) => a + g.requests_sent_total, 0);
const recorded = journal.Total + journal.Dropped;
check(recorded === sent, `every request is journaled: sent ${sent}, journal recorded ${recorded}`);
const throttled = metric(/^rtc_mock_throttled_total/);
const badsig = metric(/^rtc_mock_requests_total\{.*code="SignatureDoesNotMatch"/);
check(throttled > 0 && badsig > 0, `the mix had throttled (${throttled}) and badly signed (${badsig}) requests`);
const created = metric(/^rtc_mock_requests_total\{action="StartWebcast",code="ok"/);
const ended = Object.values(rx.tasks).filter((s) => s.includes(2)).length;
check(created > 0 && ended === created, `every created task sent its end callback: created ${created}, ended ${ended}`);
const running = (tasks.Webcast || []).filter((t) => t.Status === 1 || t.Status === 2).length;
check(running === 0, `no task is left running (${running})`);
const delivered = metric(/^rtc_mock_callbacks_total\{result="delivered"/);
const failed = metric(/^rtc_mock_callbacks_total\{result="failed"/);
check(delivered === rx.events && failed === 0 && rx.bad === 0,
      `every delivery reached the receiver: mock delivered ${delivered}, receiver ${rx.events}, failed ${failed}, bad ${rx.bad}`);
check(mockExit === 0, `rtc-mock exited 0 on SIGTERM (${mockExit})`);

// Flat: the last third of the traffic phase against the middle third.
const n = samples.length, third = Math.max(1, Math.floor(n / 3));
const mid = samples.slice(third, 2 * third), last = samples.slice(2 * third, n - 12 > 2 * third ? n - 12 : n);
const peak = (rows, i) => Math.max(...rows.map((r) => r[i]));
const [rssMid, rssLast] = [peak(mid, 1), peak(last, 1)];
check(rssLast <= rssMid * 1.10 + 4096, `RSS flat: ${(rssMid / 1024).toFixed(1)} MB -> ${(rssLast / 1024).toFixed(1)} MB`);
check(peak(last, 2) <= peak(mid, 2) + 16, `open files flat: ${peak(mid, 2)} -> ${peak(last, 2)}`);
check(peak(last, 3) <= peak(mid, 3) + 16, `threads flat: ${peak(mid, 3)} -> ${peak(last, 3)}`);
console.log(`soak: ${sent} requests, ${created} tasks, ${delivered} callbacks; ${failures} failed checks`);
process.exit(failures ? 1 : 0);
JS
