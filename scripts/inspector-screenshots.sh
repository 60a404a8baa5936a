#!/usr/bin/env bash
# Regenerates docs/inspector/*.png (one screenshot per view of the web inspector, 1280x800) from a scripted
# session against build/rtc-mock (tests/browser/screenshots.js). Needs what scripts/test.d/70-inspector.sh needs.
set -euo pipefail
cd "$(dirname "$0")/.."
export RTC_MOCK=${RTC_MOCK:-$PWD/build/rtc-mock}
[ -x "$RTC_MOCK" ] || { echo "inspector-screenshots: $RTC_MOCK is missing (run scripts/setup.sh)"; exit 1; }
(cd tests/browser && timeout 300 npm ci --no-audit --no-fund --loglevel=error >/dev/null)
if [ ! -d conformance/clients/node-sdk/node_modules/@volcengine/openapi ]; then
  (cd conformance/clients/node-sdk && timeout 300 npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
mkdir -p docs/inspector
timeout 120 node tests/browser/screenshots.js docs/inspector
