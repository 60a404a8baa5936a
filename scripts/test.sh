#!/usr/bin/env bash
# Sets everything up and runs every test: unit, end-to-end, real pages, recordings and conformance (ctest), then
# each suite in scripts/test.d/ in name order (install and package, Node SDK runs, benchmark smoke, sanitizers, fuzzing,
# soak). Stops at the first failure. Prints each step's duration (wall clock, and the CPU time of its
# processes, which says how much of it was waiting for cores another job held) and a table of them at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

TICKS=$(getconf CLK_TCK)
summary=()
cpu_ticks() { awk '{print $16 + $17}' "/proc/$$/stat"; }  # user + system time of waited-for children
# step NAME COMMAND...: runs COMMAND, then prints how long it took.
step() {
  local name=$1 t0 c0 rc=0 wall cpu line
  shift
  echo "== $name"
  t0=$(date +%s%N) c0=$(cpu_ticks)
  "$@" || rc=$?
  wall=$((($(date +%s%N) - t0) / 1000000)) cpu=$((($(cpu_ticks) - c0) * 1000 / TICKS))
  line=$(printf '%-30s %7d.%d s  %7d.%d s' "$name" $((wall / 1000)) $((wall % 1000 / 100)) \
    $((cpu / 1000)) $((cpu % 1000 / 100)))
  summary+=("$line")
  echo "== $name: $((wall / 1000)) s (CPU $((cpu / 1000)) s)$([ "$rc" -eq 0 ] || echo ", FAILED with exit $rc")"
  return "$rc"
}
print_summary() {
  echo "== step durations              wall clock     CPU"
  printf '%s\n' "${summary[@]}"
}
trap print_summary EXIT

t_start=$(date +%s)
step "setup + build (Release)" scripts/setup.sh build
# The tests mostly wait (sockets, timeouts, retry back-off: about 8 s of CPU in a minute), so twice as many
# run at once as there are cores.
step "ctest (unit, e2e, pages, recording, conformance)" bash -c 'cd build && ctest --output-on-failure -j"$(($(nproc) * 2))"'
for suite in scripts/test.d/*.sh; do
  [ -e "$suite" ] || continue
  step "$(basename "$suite" .sh)" bash "$suite"
done
echo "== all test suites passed in $(($(date +%s) - t_start)) s"
