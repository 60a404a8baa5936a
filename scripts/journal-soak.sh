#!/usr/bin/env bash
# Journal memory soak: drives rtc-mock with wrk (unsigned StartWebcast requests, each one journaled) in
# phases and prints the resident memory after each, with the journal's size and the requests recorded.
# Memory must level off once the journal is full. Usage: scripts/journal-soak.sh [phases] [seconds-per-phase]
set -euo pipefail
cd "$(dirname "$0")/.."
PHASES=${1:-6}
SECONDS_PER_PHASE=${2:-10}
BIN=${RTC_MOCK:-build/rtc-mock}
command -v wrk >/dev/null || { echo "journal-soak: wrk is not installed" >&2; exit 1; }

OUT=$(mktemp)
"$BIN" --port 0 --threads 16 >"$OUT" 2>/dev/null &
PID=$!
trap 'kill "$PID" 2>/dev/null || true; rm -f "$OUT" "$LUA"' EXIT
for _ in $(seq 50); do grep -q listening "$OUT" && break; sleep 0.1; done
URL=$(sed -n 's/^listening on //p' "$OUT")
LUA=$(mktemp --suffix=.lua)
cat >"$LUA" <<'LUA'
wrk.method = "POST"
wrk.path = "/?Action=StartWebcast&Version=2020-12-01"
wrk.body = '{"AppId":"600000000000000000000000","RoomId":"soak-room","TaskId":"soak-task","UserId":"u"}'
wrk.headers["Content-Type"] = "application/json"
LUA

rss() { awk '/VmRSS/ {print $2}' "/proc/$PID/status"; }
state() { curl -s "$URL/_mock/state" | python3 -c 'import json,sys; j=json.load(sys.stdin)["Journal"]; print(j["Size"], j["Capacity"], j["Recorded"])'; }
printf "%-6s %12s %10s %10s %12s\n" phase recorded size capacity rss_kib
read -r size cap rec < <(state)
printf "%-6s %12s %10s %10s %12s\n" start "$rec" "$size" "$cap" "$(rss)"
for p in $(seq "$PHASES"); do
    wrk -t2 -c16 -d"${SECONDS_PER_PHASE}s" -s "$LUA" "$URL" >/dev/null
    read -r size cap rec < <(state)
    printf "%-6s %12s %10s %10s %12s\n" "$p" "$rec" "$size" "$cap" "$(rss)"
done
