#!/usr/bin/env bash
# The web inspector in a real browser: playwright-core (pinned by tests/browser/package-lock.json) drives
# Debian's chromium-headless-shell (scripts/setup.sh installs it) with background networking off and host
# resolution limited to loopback, against build/rtc-mock. Asserts what a person sees (live rows, a refused
# signature's canonical request, a task's timeline, a delivery, a fault from the form), no console error and
# no request leaving loopback. Bounded: about 30 s.
set -euo pipefail
cd "$(dirname "$0")/../.."
export RTC_MOCK=${RTC_MOCK:-$PWD/build/rtc-mock}
[ -x "$RTC_MOCK" ] || { echo "70-inspector: $RTC_MOCK is missing (run scripts/setup.sh)"; exit 1; }

echo "-- npm ci (tests/browser, conformance/clients/node-sdk)"
(cd tests/browser && timeout 300 npm ci --no-audit --no-fund --loglevel=error >/dev/null)
if [ ! -d conformance/clients/node-sdk/node_modules/@volcengine/openapi ]; then
  (cd conformance/clients/node-sdk && timeout 300 npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

echo "-- node --test tests/browser/inspector.test.js"
cd tests/browser
timeout 240 node --test --test-reporter=spec inspector.test.js
