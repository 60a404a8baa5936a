#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each briefly from its seed corpus (fixtures/fuzz/<target>).
# Long runs: FUZZ_SECONDS=600 scripts/test.d/92-fuzz-smoke.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_EACH=${FUZZ_SECONDS:-20}
cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRTC_BUILD_FUZZ=ON \
      -DRTC_BUILD_TESTS=OFF -DRTC_BUILD_BENCH=OFF >/dev/null
cmake --build build-fuzz -j"$(nproc)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for bin in build-fuzz/fuzz/fuzz_*; do
  name=$(basename "$bin"); target=${name#fuzz_}
  mkdir -p "$work/$target"
  [ -d "fixtures/fuzz/$target" ] && cp -r "fixtures/fuzz/$target/." "$work/$target/"
  printf '%-28s ' "$name"
  if ! "$bin" "$work/$target" -max_total_time="$SECONDS_EACH" -print_final_stats=1 -rss_limit_mb=2048 \
       >"$work/$name.log" 2>&1; then
    echo "FAILED"; tail -40 "$work/$name.log"; exit 1
  fi
  grep -E '^stat::number_of_executed_units' "$work/$name.log" | awk '{print $2 " executions, clean"}'
done
