# Sourced by 90-sanitizers.sh and 92-fuzz-smoke.sh: the one clang tree, build-fuzz/, that serves both. With
# RTC_BUILD_FUZZ the whole project is compiled with ASan + UBSan (no recovery) and libFuzzer's coverage, so the
# unit and end-to-end tests built there run under those sanitizers and the fuzz targets link against the same
# objects: the core is compiled once for both. Debug information is line tables only (enough for the
# sanitizers' stack traces, and much faster to compile and link than full -g). It is also CI's one build without
# unity batches (RTC_UNITY=OFF): every source of every library is compiled on its own, so a file that forgot an
# #include fails here instead of compiling on what an earlier file of its batch included. It covers every
# library (rtc-mock links them all); executables and tests are never batched. Cost, measured on this 2-core
# machine: the libraries take 135-155 s more CPU (about 225 -> 370 s), about a minute of wall clock.
ASAN_TREE=build-fuzz

asan_tree_configure() {
  cmake -S . -B "$ASAN_TREE" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -gline-tables-only -DNDEBUG" \
    -DRTC_BUILD_FUZZ=ON -DRTC_BUILD_TESTS=ON -DRTC_BUILD_BENCH=OFF -DRTC_UNITY=OFF >/dev/null
}
