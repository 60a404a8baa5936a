#!/usr/bin/env bash
# Installs what is missing (Debian packages, as root), then configures and builds rtc-mock (Release).
# Idempotent and quick when everything is present. Usage: scripts/setup.sh [build-dir [target...]]
# With targets, builds only those (scripts/run-mock.sh builds rtc-mock alone); without, every target.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-build}
TARGETS=("${@:2}")

PACKAGES=(build-essential cmake pkg-config git curl python3 libcpp-httplib-dev nlohmann-json3-dev libssl-dev catch2
          libbenchmark-dev libjemalloc-dev clang libclang-rt-14-dev wrk hyperfine gnuplot-nox zlib1g-dev file dpkg-dev
          redis-server libhiredis-dev haproxy  # the Redis state engine and the replica suite
          chromium-headless-shell  # the browser of `--pages chromium` and of the inspector's browser tests
          libavformat-dev libavcodec-dev libswscale-dev libavutil-dev ffmpeg  # the recordings (VP8/WebM) and their tests
          docker.io mmdebstrap)  # the container images (scripts/image.sh, scripts/test.d/40-image.sh)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

echo "setup: configuring $BUILD_DIR (Release)"
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release >/dev/null
if ((${#TARGETS[@]})); then
  echo "setup: building ${TARGETS[*]} in $BUILD_DIR with $(nproc) jobs"
  cmake --build "$BUILD_DIR" -j"$(nproc)" --target "${TARGETS[@]}"
else
  echo "setup: building every target in $BUILD_DIR with $(nproc) jobs"
  cmake --build "$BUILD_DIR" -j"$(nproc)"
fi
