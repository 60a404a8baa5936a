#!/usr/bin/env bash
# Sets everything up and starts rtc-mock on the default fixture (extra flags are passed on).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
exec build/rtc-mock --config fixtures/default.json "$@"
