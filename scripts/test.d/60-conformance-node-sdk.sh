#!/usr/bin/env bash
# The official Node SDK (@volcengine/openapi, pinned by package-lock.json) graded by rtc-conformance.
# The SDK fails some scenarios by design (its real result); what this step asserts is that every scenario's
# verdict is the committed one (conformance/clients/node-sdk/expected-verdicts.json), and that the READMEs'
# results tables are the rendering of that file. A verdict that changes fails the step and names the scenario.
set -euo pipefail
cd "$(dirname "$0")/../.."

verdicts=conformance/clients/node-sdk/verdicts.js
echo "-- results tables of README.md and conformance/README.md"
node "$verdicts" docs

out=build/conformance-reports
mkdir -p "$out"
source scripts/lib/node-sdk.sh
node_sdk_install

echo "-- rtc-conformance --client 'node conformance/clients/node-sdk/adapter.js'"
rc=0
timeout 900 build/conformance/rtc-conformance --client 'node conformance/clients/node-sdk/adapter.js' \
  --junit "$out/node-sdk.junit.xml" --json "$out/node-sdk.json" || rc=$?
# 0: every MUST passed; 1: a MUST failed (the SDK's result, judged below). Anything else: the run broke.
if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
  echo "rtc-conformance did not complete (exit $rc)" >&2
  exit 1
fi
echo "-- verdicts against $(dirname "$verdicts")/expected-verdicts.json"
node "$verdicts" check "$out/node-sdk.json"
echo "-- Node SDK conformance: every verdict as expected (rtc-conformance exit $rc); reports in $out/"
