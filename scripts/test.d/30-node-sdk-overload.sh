#!/usr/bin/env bash
# Overload of StartWebcast and GetWebCastTask from the official Node SDK against the real binary (about 4 s):
# never more than the limit per rolling second, at least 85% of it admitted, every 429 with Retry-After,
# another account unaffected (tests/node/overload.js). Needs build/rtc-mock (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${RTC_MOCK_BIN:-build/rtc-mock}
[ -x "$BIN" ] || { echo "30-node-sdk-overload: $BIN is missing (run scripts/setup.sh)"; exit 1; }

source scripts/lib/node-sdk.sh
node_sdk_install

out=$(mktemp)
"$BIN" --port 0 --config fixtures/default.json >"$out" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -f "$out"' EXIT
for _ in $(seq 100); do
  grep -q "listening on" "$out" && break
  kill -0 "$pid" 2>/dev/null || { cat "$out"; echo "30-node-sdk-overload: rtc-mock exited"; exit 1; }
  sleep 0.05
done
url=$(grep -o "http://127.0.0.1:[0-9]*" "$out" | head -1)
[ -n "$url" ] || { cat "$out"; echo "30-node-sdk-overload: rtc-mock did not announce its port"; exit 1; }

timeout 60 node tests/node/overload.js "$url" "${OVERLOAD_SECONDS:-4}"
