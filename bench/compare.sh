#!/usr/bin/env bash
# One run, one generator, the same load on every target, one after the other:
#   rtc-mock   everything on: signatures verified, requests validated, rate limiter running (limits raised),
#              journal on (bench/config/bench.json), 16 accounts
#   bare       cpp-httplib with the mock's socket settings answering a constant: the library's ceiling
#   nginx      a constant from nginx (if installed; INSTALL=1 installs nginx-light)
#   wiremock   WireMock 3 standalone jar from the npm package, one stub (if java is present)
# Absolute figures move with the machine's load, so it prints ratios measured in the same run.
# Env: DURATION (s, default 10) WARMUP (s, 2) CONNS (32) ROUNDS (1: each round runs every target, the median
# round counts) MIX (rtc-bench --mix) TARGETS ("mock bare nginx wiremock") OUT (dir for the JSON reports)
# RATE (req/s of the fixed-rate latency runs of mock and bare, 5000) JVM_WARMUP (s, 20: WireMock's JIT needs it; measured cold it is several times slower).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-2}
CONNS=${CONNS:-32}
ROUNDS=${ROUNDS:-1}
MIX=${MIX:-StartWebcast:8,GetWebCastTask:1,StopWebcast:1}
TARGETS=${TARGETS:-mock bare nginx wiremock}
OUT=${OUT:-$WORK}
RATE=${RATE:-5000}
mkdir -p "$OUT"
trap stop_all EXIT

for b in "$RTC_BENCH" "$BARE_SERVER" "$RTC_MOCK"; do
  [ -x "$b" ] || { echo "compare: $b is missing: build with -DRTC_BUILD_BENCH=ON first" >&2; exit 2; }
done
if [ "${INSTALL:-0}" = 1 ] && ! command -v nginx >/dev/null 2>&1; then
  apt-get install -y -qq nginx-light >/dev/null 2>&1 || true
fi

ACCOUNTS=$(bench_accounts)
# shellcheck disable=SC2086
load() {  # load NAME URL ROUND [WARMUP]; the server's CPU time (all threads) goes to NAME.ROUND.cpu_ticks
  local t0; t0=$(cpu_ticks "$PID")
  "$RTC_BENCH" --url "$2" --connections "$CONNS" --duration "$DURATION" --warmup "${4:-$WARMUP}" --max \
    --mix "$MIX" $ACCOUNTS --label "$1" --json "$OUT/$1.$3.json" --quiet > "$OUT/$1.$3.txt"
  echo $(($(cpu_ticks "$PID") - t0)) > "$OUT/$1.$3.cpu_ticks"
}
# Latency below saturation: a fixed rate (no coordinated omission), mock and bare.
# shellcheck disable=SC2086
fixed() {  # fixed NAME URL
  "$RTC_BENCH" --url "$2" --connections "$CONNS" --duration "$DURATION" --warmup "$WARMUP" --rate "$RATE" \
    --mix "$MIX" $ACCOUNTS --label "$1-fixed" --json "$OUT/$1.fixed.json" --quiet > "$OUT/$1.fixed.txt"
}

echo "compare: $CONNS connections, ${DURATION}s (+${WARMUP}s warm-up) per target, $ROUNDS round(s), mix $MIX"
echo "compare: machine load before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
for round in $(seq 1 "$ROUNDS"); do
  for t in $TARGETS; do
    case $t in
      mock)
        start_server mock "$RTC_MOCK" --port 0 --config "$BENCH_CONFIG" --threads 256
        sleep 0.5
        echo "$(rss_kb "$PID")" > "$OUT/mock.idle_rss_kb"
        load mock "$URL" "$round"
        echo "$(rss_kb "$PID")" > "$OUT/mock.loaded_rss_kb"
        stop_pid "$PID" ;;
      bare)
        start_server bare "$BARE_SERVER" --port 0 --threads 256
        load bare "$URL" "$round"
        stop_pid "$PID" ;;
      nginx)
        if start_nginx; then load nginx "$URL" "$round"; stop_pid "$PID"
        else echo "compare: nginx not available, skipped (INSTALL=1 installs nginx-light)"; fi ;;
      wiremock)
        if start_wiremock; then load wiremock "$URL" "$round" "${JVM_WARMUP:-20}"; stop_pid "$PID"
        else echo "compare: WireMock not available (java + npm needed), skipped"; fi ;;
      *) echo "compare: unknown target $t" >&2; exit 2 ;;
    esac
    echo "  round $round  $t: $(json_get "$OUT/$t.$round.json" "'%.0f req/s' % j['requests_per_s']" 2>/dev/null || echo skipped)"
  done
done

if [[ " $TARGETS " == *" mock "* && " $TARGETS " == *" bare "* ]]; then
  start_server mock "$RTC_MOCK" --port 0 --config "$BENCH_CONFIG" --threads 256; fixed mock "$URL"; stop_pid "$PID"
  start_server bare "$BARE_SERVER" --port 0 --threads 256; fixed bare "$URL"; stop_pid "$PID"
fi

python3 - "$OUT" "$ROUNDS" $TARGETS <<'PY'
import json, os, statistics, sys
out, rounds, targets = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
res = {}
for t in targets:
    runs = []
    for r in range(1, rounds + 1):
        p = os.path.join(out, f"{t}.{r}.json")
        if os.path.exists(p):
            runs.append(dict(json.load(open(p)), _round=r))
    if runs:
        runs.sort(key=lambda j: j["requests_per_s"])
        res[t] = runs[len(runs) // 2]  # the median round
print()
def cpu_us(t, j):
    p = os.path.join(out, f"{t}.{j['_round']}.cpu_ticks")
    if not os.path.exists(p) or not j.get("requests_sent_total"): return None
    return int(open(p).read()) * 1e6 / os.sysconf("SC_CLK_TCK") / j["requests_sent_total"]
for t, j in res.items():
    j["cpu_us_per_request"] = cpu_us(t, j)
print(f"max rate, {res and next(iter(res.values()))['connections']} connections (median of {rounds} round(s)):")
print(f"{'target':<10} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'p99.9 ms':>9} {'errors':>8} {'x bare':>7} {'CPU us/req':>11}")
bare = res.get("bare", {}).get("requests_per_s")
for t, j in res.items():
    l = j["latency_ms"]
    ratio = f"{j['requests_per_s'] / bare:7.2f}" if bare else "      -"
    cpu = f"{j['cpu_us_per_request']:11.1f}" if j["cpu_us_per_request"] else "          -"
    print(f"{t:<10} {j['requests_per_s']:9.0f} {l['p50']:8.3f} {l['p99']:8.3f} {l['p99_9']:9.3f} {j['errors']:8d} {ratio} {cpu}")
fixed = {}
for t in ("mock", "bare"):
    p = os.path.join(out, f"{t}.fixed.json")
    if os.path.exists(p): fixed[t] = json.load(open(p))
if fixed:
    print()
    print(f"fixed rate {next(iter(fixed.values()))['target_rate']:.0f} req/s (latency from the intended send time):")
    for t, j in fixed.items():
        l = j["latency_ms"]
        print(f"{t:<10} {j['requests_per_s']:9.0f} {l['p50']:8.3f} {l['p99']:8.3f} {l['p99_9']:9.3f} {j['errors']:8d}")
print()
summary = {"targets": {t: {"requests_per_s": j["requests_per_s"], "latency_ms": j["latency_ms"],
                           "errors": j["errors"], "by_code": j["by_code"],
                           "cpu_us_per_request": j["cpu_us_per_request"]} for t, j in res.items()},
           "fixed_rate": {t: {"rate": j["target_rate"], "latency_ms": j["latency_ms"]} for t, j in fixed.items()}}
def ratio(a, b, name, goal):
    if a in res and b in res:
        v = res[a]["requests_per_s"] / res[b]["requests_per_s"]
        summary[name] = v
        print(f"{name:<16} {v:6.2f}   (target >= {goal}: {'met' if v >= goal else 'MISSED'})")
ratio("mock", "bare", "mock/bare", 0.6)
ratio("mock", "wiremock", "mock/wiremock", 4)
if "mock" in res and "nginx" in res:
    summary["mock/nginx"] = res["mock"]["requests_per_s"] / res["nginx"]["requests_per_s"]
    print(f"mock/nginx       {summary['mock/nginx']:6.2f}")
if "mock" in res and "bare" in res and res["mock"]["cpu_us_per_request"] and res["bare"]["cpu_us_per_request"]:
    v = res["bare"]["cpu_us_per_request"] / res["mock"]["cpu_us_per_request"]
    summary["bare_cpu/mock_cpu"] = v
    print(f"bare/mock CPU    {v:6.2f}   (server CPU per request; target mock <= 2x bare, i.e. >= 0.5: "
          f"{'met' if v >= 0.5 else 'MISSED'})")
if "mock" in fixed:
    p99 = fixed["mock"]["latency_ms"]["p99"]
    print(f"mock p99         {p99:.3f} ms at {fixed['mock']['target_rate']:.0f} req/s "
          f"(target <= 1 ms at 5000 req/s: {'met' if p99 <= 1 else 'MISSED'})")
    codes = ", ".join(f"{k} {v}" for k, v in res["mock"]["by_code"].items())
    print(f"mock answers     {codes}")
for f, name in (("mock.idle_rss_kb", "idle_rss_kb"), ("mock.loaded_rss_kb", "loaded_rss_kb")):
    p = os.path.join(out, f)
    if os.path.exists(p):
        summary["mock_" + name] = int(open(p).read().strip() or 0)
if "mock_idle_rss_kb" in summary:
    print(f"mock RSS         idle {summary['mock_idle_rss_kb'] / 1024:.1f} MB, after load "
          f"{summary.get('mock_loaded_rss_kb', 0) / 1024:.1f} MB (target idle < 20 MB)")
json.dump(summary, open(os.path.join(out, "compare-summary.json"), "w"), indent=2)
print(f"\nreports: {out}")
PY
echo "compare: machine load after: $(cut -d' ' -f1-3 /proc/loadavg)"
