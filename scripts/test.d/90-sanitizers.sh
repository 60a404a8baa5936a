#!/usr/bin/env bash
# The unit and end-to-end tests again under AddressSanitizer + UndefinedBehaviorSanitizer (the clang tree that
# 92-fuzz-smoke.sh fuzzes from, scripts/lib/asan-tree.sh), and the unit tests (task store, limiter, dispatcher
# and every other concurrent piece) under ThreadSanitizer.
set -euo pipefail
cd "$(dirname "$0")/../.."
JOBS=$(nproc)
source scripts/lib/asan-tree.sh

echo "-- ASan + UBSan build (clang, $ASAN_TREE)"
asan_tree_configure
cmake --build "$ASAN_TREE" -j"$JOBS" --target rtc-mock rtc-unit-tests rtc-e2e-tests
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd "$ASAN_TREE" && ctest --output-on-failure -j"$JOBS" -L 'unit|e2e')

echo "-- TSan build"
cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" \
  -DRTC_SANITIZE=thread -DRTC_BUILD_BENCH=OFF >/dev/null
cmake --build build-tsan -j"$JOBS" --target rtc-unit-tests
export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
# The memory engine's concurrency under TSan; the Redis engine's threads (the replica sync loop, the connection
# pool) are held by ASan above and by the replica suite (50-replicas.sh), not yet by TSan.
RTC_TEST_REDIS=0 build-tsan/tests/rtc-unit-tests
echo "sanitizers: ASan/UBSan unit+e2e and TSan unit tests passed"
