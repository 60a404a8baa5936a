#!/usr/bin/env bash
# Sets everything up and runs every test: unit and end-to-end (ctest), then each suite in scripts/test.d/
# in name order (Node SDK runs, sanitizer builds, benchmark smoke runs, conformance). Stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build

echo "== ctest (unit + end-to-end)"
(cd build && ctest --output-on-failure -j"$(nproc)")

for suite in scripts/test.d/*.sh; do
  [ -e "$suite" ] || continue
  echo "== $(basename "$suite")"
  bash "$suite"
done
echo "== all test suites passed"
