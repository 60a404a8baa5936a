#!/usr/bin/env bash
# Overload of StartWebcast and GetWebCastTask from the official Node SDK against the real binary (about 4 s):
# never more than the limit per rolling second, at least 85% of it admitted, every 429 with Retry-After,
# another account unaffected (tests/node/overload.js). Needs build/rtc-mock (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${RTC_MOCK_BIN:-build/rtc-mock}
SDK_DIR=conformance/clients/node-sdk
[ -x "$BIN" ] || { echo "30-node-sdk-overload: $BIN is missing (run scripts/setup.sh)"; exit 1; }

if [ ! -d "$SDK_DIR/node_modules/@volcengine/openapi" ]; then
  echo "30-node-sdk-overload: npm ci in $SDK_DIR"
  (cd "$SDK_DIR" && npm ci --no-audit --no-fund --loglevel=error)
fi

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
