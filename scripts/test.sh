#!/usr/bin/env bash
# Sets everything up and runs every test: unit and end-to-end (ctest), then the suites that need Node.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build

echo "== ctest (unit + end-to-end)"
(cd build && ctest --output-on-failure -j"$(nproc)")
