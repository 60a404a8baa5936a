#!/usr/bin/env bash
# Requests signed by the official Node SDK (@volcengine/openapi, pinned by package-lock.json) against a live
# rtc-mock: every valid request accepted, every tampered one rejected with the documented code; then requests
# shaped as the official Go SDK sends them (go-shapes-e2e.js), signed by the same SDK. Each script starts its
# mock through the Node helper (integrations/node), so the helper runs on every CI run. Also checks that the
# signing corpus matches its generator (which cross-checks the corpus against the same SDK).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
MOCK=$(realpath "${RTC_MOCK:-$ROOT/build/rtc-mock}")
SDK_DIR=$ROOT/conformance/clients/node-sdk
[ -x "$MOCK" ] || { echo "20-node-sdk-signing: $MOCK is missing (run scripts/setup.sh)"; exit 1; }

source scripts/lib/node-sdk.sh
node_sdk_install

echo "-- signing corpus matches fixtures/signing/generate.js"
timeout 120 node fixtures/signing/generate.js --check

OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT

# Runs `node SCRIPT` in the SDK folder; the script starts rtc-mock itself through the Node helper
# (integrations/node, the binary of RTC_MOCK_BIN) and stops it, also when it fails (the helper kills the mock when
# node exits). Fails the step unless its last line says "0 failed".
run_node_check() {
  local script=$1 what=$2
  echo "-- node $script (rtc-mock started by integrations/node: $MOCK)"
  set +e
  # Into a file, then printed: `tee /dev/stderr` would reopen (and truncate) a log file that stderr points to.
  (cd "$SDK_DIR" && RTC_MOCK_BIN=$MOCK timeout 180 node "$script") > "$OUT" 2>&1
  local status=$?
  set -e
  cat "$OUT"
  local summary
  summary=$(tail -n1 "$OUT")
  echo "-- $what: $summary"
  if [ "$status" -ne 0 ] || ! grep -q ' 0 failed$' <<<"$summary"; then
    echo "20-node-sdk-signing: $what FAILED"
    exit 1
  fi
}

run_node_check sign-e2e.js "Node SDK signing"
# Requests shaped as the Go SDK sends them (callback actions, BusinessId, Version 2023-11-01), signed by the
# Node SDK's signer; the callbacks come on the virtual clock.
run_node_check go-shapes-e2e.js "Go SDK shapes"
