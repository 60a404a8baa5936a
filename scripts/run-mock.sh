#!/usr/bin/env bash
# Sets everything up and starts rtc-mock on its built-in default fixture (a copy of fixtures/default.json);
# extra flags are passed on. Builds the mock alone: scripts/test.sh builds the tests, benchmarks and the
# conformance suite.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "run-mock: building rtc-mock only (scripts/test.sh builds the rest)"
scripts/setup.sh build rtc-mock
echo "run-mock: starting build/rtc-mock $* (stop it with Ctrl-C)"
exec build/rtc-mock "$@"
