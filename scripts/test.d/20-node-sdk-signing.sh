#!/usr/bin/env bash
# Requests signed by the official Node SDK (@volcengine/openapi, pinned by package-lock.json) against a live
# rtc-mock: every valid request accepted, every tampered one rejected with the documented code; then requests
# shaped as the official Go SDK sends them (go-shapes-e2e.js), signed by the same SDK. Also checks that the
# signing corpus matches its generator (which cross-checks the corpus against the same SDK).
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
MOCK_PID=""
stop_mock() {
  if [ -n "$MOCK_PID" ]; then
    kill "$MOCK_PID" 2>/dev/null || true
    wait "$MOCK_PID" 2>/dev/null || true
    MOCK_PID=""
  fi
}
cleanup() {
  stop_mock
  rm -f "$OUT" "$LOG" "$OUT.log"
}
trap cleanup EXIT

# Starts rtc-mock on a free port with the default fixture and extra flags; sets URL from its first stdout line
# ("listening on http://127.0.0.1:PORT").
start_mock() {
  "$MOCK" --port 0 --config "$ROOT/fixtures/default.json" "$@" >"$OUT" 2>"$LOG" &
  MOCK_PID=$!
  URL=""
  for _ in $(seq 1 100); do
    URL=$(head -n1 "$OUT" | sed -n 's/^listening on \(http:\/\/[^ ]*\).*/\1/p')
    [ -n "$URL" ] && return 0
    kill -0 "$MOCK_PID" 2>/dev/null || { echo "rtc-mock exited:"; cat "$LOG"; exit 1; }
    sleep 0.1
  done
  echo "rtc-mock did not announce its port"
  exit 1
}

# Runs `node SCRIPT URL` in the SDK folder; fails the step unless its last line says "0 failed".
run_node_check() {
  local script=$1 what=$2
  echo "-- node $script $URL"
  set +e
  # Into a file, then printed: `tee /dev/stderr` would reopen (and truncate) a log file that stderr points to.
  (cd "$SDK_DIR" && timeout 180 node "$script" "$URL") > "$OUT.log" 2>&1
  local status=$?
  set -e
  cat "$OUT.log"
  local summary
  summary=$(tail -n1 "$OUT.log")
  echo "-- $what: $summary"
  if [ "$status" -ne 0 ] || ! grep -q ' 0 failed$' <<<"$summary"; then
    echo "20-node-sdk-signing: $what FAILED"
    exit 1
  fi
}

start_mock
run_node_check sign-e2e.js "Node SDK signing"
stop_mock

# Requests shaped as the Go SDK sends them (callback actions, BusinessId, Version 2023-11-01), signed by the
# Node SDK's signer; the callbacks come on the virtual clock.
start_mock --clock virtual
run_node_check go-shapes-e2e.js "Go SDK shapes"
