#!/usr/bin/env bash
# Requests signed by the official Node SDK (@volcengine/openapi, pinned by package-lock.json) against a live
# rtc-mock: every valid request accepted, every tampered one rejected with the documented code. Also checks that
# the signing corpus matches its generator (which cross-checks the corpus against the same SDK).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
MOCK=${RTC_MOCK:-$ROOT/build/rtc-mock}
SDK_DIR=$ROOT/conformance/clients/node-sdk
[ -x "$MOCK" ] || { echo "20-node-sdk-signing: $MOCK is missing (run scripts/setup.sh)"; exit 1; }

source scripts/lib/node-sdk.sh
node_sdk_install

echo "-- signing corpus matches fixtures/signing/generate.js"
timeout 120 node fixtures/signing/generate.js --check

OUT=$(mktemp)
LOG=$(mktemp)
"$MOCK" --port 0 --config "$ROOT/fixtures/default.json" >"$OUT" 2>"$LOG" &
MOCK_PID=$!
cleanup() {
  kill "$MOCK_PID" 2>/dev/null || true
  wait "$MOCK_PID" 2>/dev/null || true
  rm -f "$OUT" "$LOG"
}
trap cleanup EXIT

# The first stdout line is "listening on http://127.0.0.1:PORT".
URL=""
for _ in $(seq 1 100); do
  URL=$(head -n1 "$OUT" | sed -n 's/^listening on \(http:\/\/[^ ]*\).*/\1/p')
  [ -n "$URL" ] && break
  kill -0 "$MOCK_PID" 2>/dev/null || { echo "rtc-mock exited:"; cat "$LOG"; exit 1; }
  sleep 0.1
done
[ -n "$URL" ] || { echo "rtc-mock did not announce its port"; exit 1; }

echo "-- node sign-e2e.js $URL"
set +e
# Into a file, then printed: `tee /dev/stderr` would reopen (and truncate) a log file that stderr points to.
(cd "$SDK_DIR" && timeout 180 node sign-e2e.js "$URL") > "$OUT.log" 2>&1
STATUS=$?
set -e
cat "$OUT.log"
SUMMARY=$(tail -n1 "$OUT.log"); rm -f "$OUT.log"
echo "-- Node SDK signing: $SUMMARY"
if [ "$STATUS" -ne 0 ] || ! grep -q ' 0 failed$' <<<"$SUMMARY"; then
  echo "20-node-sdk-signing: FAILED"
  exit 1
fi
