#!/usr/bin/env bash
# The Node helper (integrations/node, the npm package `rtc-mock`): its own tests, on Node's built-in test runner,
# against the real binary (RTC_MOCK, else build/rtc-mock), every method of the helper with real answers. The
# helper kills each mock it started when node exits; node runs in a process group of its own, ended on exit
# too, so a killed or timed-out run leaves no rtc-mock behind.
set -euo pipefail
cd "$(dirname "$0")/../.."
MOCK=$(realpath "${RTC_MOCK:-build/rtc-mock}")
[ -x "$MOCK" ] || { echo "25-node-helper: $MOCK is missing (run scripts/setup.sh)"; exit 1; }

echo "-- node --test integrations/node/test/ (RTC_MOCK_BIN=$MOCK)"
RTC_MOCK_BIN=$MOCK setsid timeout 180 node --test integrations/node/test/ &
group=$!
trap 'kill -- -"$group" 2>/dev/null || true' EXIT
wait "$group"
