#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (in the tree 90-sanitizers.sh already built the core in,
# scripts/lib/asan-tree.sh) and runs each from its seed corpus (fixtures/fuzz/<target>), as many at once as
# there are cores. CI runs each for 20 s; the long run: FUZZ_SECONDS=600 scripts/test.d/92-fuzz-smoke.sh
# FUZZ_KEEP=dir keeps the grown corpora and logs there instead of a temporary directory.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_EACH=${FUZZ_SECONDS:-20}
JOBS=${FUZZ_JOBS:-$(nproc)}
source scripts/lib/asan-tree.sh
asan_tree_configure
cmake --build "$ASAN_TREE" -j"$(nproc)" --target rtc-fuzzers
if [ -n "${FUZZ_KEEP:-}" ]; then
  work=$FUZZ_KEEP; mkdir -p "$work"
else
  work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fi

run_one() {  # bin -> writes $work/<name>.log and $work/<name>.rc
  local bin=$1 name target rc=0
  name=$(basename "$bin"); target=${name#fuzz_}
  mkdir -p "$work/$target"
  [ -d "fixtures/fuzz/$target" ] && cp -r "fixtures/fuzz/$target/." "$work/$target/"
  # -timeout: one input taking over 10 s is a hang and fails the run.
  "$bin" "$work/$target" -max_total_time="$SECONDS_EACH" -timeout=10 -print_final_stats=1 -rss_limit_mb=2048 \
    -artifact_prefix="$work/$name-" >"$work/$name.log" 2>&1 || rc=$?
  echo $rc >"$work/$name.rc"
}

bins=("$ASAN_TREE"/fuzz/fuzz_*)
for bin in "${bins[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n || true; done
  run_one "$bin" &
done
wait

status=0
for bin in "${bins[@]}"; do
  name=$(basename "$bin")
  printf '%-28s ' "$name"
  if [ "$(cat "$work/$name.rc")" != 0 ]; then
    echo "FAILED"; tail -40 "$work/$name.log"; status=1; continue
  fi
  execs=$(awk '/^stat::number_of_executed_units/ {print $2}' "$work/$name.log")
  rate=$(awk '/^stat::average_exec_per_sec/ {print $2}' "$work/$name.log")
  cov=$(grep -E '^#[0-9]+.*(DONE|pulse)' "$work/$name.log" | tail -1 | sed -E 's/.*cov: ([0-9]+).*/\1/')
  echo "$execs executions in ${SECONDS_EACH} s ($rate/s, coverage $cov edges), clean"
done
exit $status
