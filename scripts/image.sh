#!/usr/bin/env bash
# Builds the container images of rtc-mock from Debian packages alone (nothing is pulled from an image registry):
#
#   rtc-mock:VERSION, rtc-mock:latest                     the mock (no browser)
#   rtc-mock:VERSION-chromium, rtc-mock:latest-chromium   plus Debian's chromium-headless-shell (--pages chromium)
#   build/rtc-mock-VERSION.oci.tar                        the four tags, `docker save` plus the OCI image layout
#                                                         (`docker load -i`, or skopeo/crane/ctr for registries)
#
# Usage: bash scripts/image.sh            (as root when no Docker daemon runs; needs the Release tree build/)
#        bash scripts/image.sh --base-only  (only makes or reuses the cached base tarball, e.g. to warm a CI cache)
#
# 1. The base: Debian bookworm made by mmdebstrap (variant apt: the Essential packages and apt, no docs, man pages
#    or locales) into a tarball cached OUTSIDE the clone, in ${RTC_MOCK_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/rtc-mock}/,
#    named by a hash of the suite, mirrors, variant, packages and dpkg/apt options below: a second build reuses it.
#    To rebuild it anyway: RTC_MOCK_REBUILD_BASE=1 bash scripts/image.sh (or delete the file).
# 2. The project's own packages: `cpack -G DEB` from the Release build dir (BUILD_DIR, default build/), installed
#    in the image by apt (scripts/image/Dockerfile), so their Depends are what brings the libraries in: rtc-mock in
#    both images, rtc-mock-recorder (the recordings' encoder plugin, with FFmpeg) in the Chromium one only.
# 3. The daemon: the one at DOCKER_HOST or the default socket when it answers; else (as root) Debian's dockerd is
#    started for this build alone and stopped after it, also on failure (scripts/lib/dockerd.sh). The images then
#    live only as long as that daemon: the saved archive is what remains (`docker load -i build/rtc-mock-*.oci.tar`).
#    Build steps run with --network host (such a daemon has no bridge); apt reaches Debian's mirror from them.
#
# Prints how long each part took and the images' sizes. Needs docker (docker.io), mmdebstrap and cpack.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=$(realpath -m "${BUILD_DIR:-$ROOT/build}")
CACHE_DIR=${RTC_MOCK_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/rtc-mock}

BASE_ONLY=0
case "${1:-}" in
  "") ;;
  --base-only) BASE_ONLY=1 ;;
  -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
  *) echo "image.sh: unknown argument \"$1\" (it takes none, or --base-only; see --help)" >&2; exit 2 ;;
esac

VERSION=$(sed -n 's/^project(rtc_mock VERSION \([0-9][0-9.]*\).*/\1/p' CMakeLists.txt)
[ -n "$VERSION" ] || { echo "image.sh: no project(rtc_mock VERSION x.y.z) in CMakeLists.txt" >&2; exit 1; }

# ---- what the base is made of (each line is part of the cache key)
SUITE=bookworm
VARIANT=apt
MIRRORS=(
  "deb http://deb.debian.org/debian bookworm main"
  "deb http://deb.debian.org/debian bookworm-updates main"
  "deb http://deb.debian.org/debian-security bookworm-security main"
)
BASE_PACKAGES=()  # nothing beyond the variant: the image's Dockerfile installs rtc-mock.deb and its Depends
DPKG_OPTS=(
  "path-exclude=/usr/share/man/*" "path-exclude=/usr/share/info/*" "path-exclude=/usr/share/lintian/*"
  "path-exclude=/usr/share/doc/*" "path-include=/usr/share/doc/*/copyright"
  "path-exclude=/usr/share/locale/*" "path-include=/usr/share/locale/locale.alias"
)
# merged-/usr by symlinks and the usr-is-merged package: without it, bookworm's init-system-helpers pulls in the
# usrmerge package and with it the whole of perl (40 MB).
HOOKS=(/usr/share/mmdebstrap/hooks/merged-usr)
APT_OPTS=('APT::Install-Recommends "false"' 'APT::Install-Suggests "false"' 'Acquire::Languages "none"')

for tool in docker mmdebstrap cpack; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "image.sh: $tool is missing: apt-get install docker.io mmdebstrap cmake (scripts/setup.sh installs them)" >&2
    exit 1
  }
done
[ "$BASE_ONLY" = 1 ] || [ -x "$BUILD/rtc-mock" ] || { echo "image.sh: $BUILD/rtc-mock is missing: build the Release tree first (bash scripts/setup.sh)" >&2; exit 1; }
built=$([ "$BASE_ONLY" = 1 ] || "$BUILD/rtc-mock" --version)
[ "$BASE_ONLY" = 1 ] || grep -q "^rtc-mock $VERSION\b" <<<"$built" || {
  echo "image.sh: $BUILD/rtc-mock says \"$built\", CMakeLists.txt says $VERSION: rebuild $BUILD" >&2
  exit 1
}

work=$(mktemp -d "${TMPDIR:-/tmp}/rtc-mock-image.XXXXXX")
source scripts/lib/dockerd.sh
cleanup() {
  dockerd_stop
  rm -rf "$work"
}
trap cleanup EXIT
# The legacy builder: Debian's docker.io has no buildx, and it runs RUN steps in the host's network.
export DOCKER_BUILDKIT=0

timings=()
now_ms() { echo $(($(date +%s%N) / 1000000)); }
took() { local ms=$(($(now_ms) - $1)); printf '%d.%d s' $((ms / 1000)) $((ms % 1000 / 100)); }

# ---- 1. the base tarball
key=$(printf '%s\n' "$SUITE" "$VARIANT" "${MIRRORS[@]}" "packages: ${BASE_PACKAGES[*]}" "${DPKG_OPTS[@]}" "${APT_OPTS[@]}" "${HOOKS[@]}" |
  sha256sum | cut -c1-16)
base_tar=$CACHE_DIR/base-$SUITE-$VARIANT-$key.tar
t=$(now_ms)
if [ -s "$base_tar" ] && [ "${RTC_MOCK_REBUILD_BASE:-0}" != 1 ]; then
  echo "-- base: reusing $base_tar (RTC_MOCK_REBUILD_BASE=1 rebuilds it)"
  timings+=("base tarball (warm, reused)     $(took "$t")")
else
  [ "$(id -u)" -eq 0 ] || { echo "image.sh: mmdebstrap (the base) runs here as root: run as root" >&2; exit 1; }
  echo "-- base: mmdebstrap $SUITE (variant $VARIANT) into $base_tar"
  mkdir -p "$CACHE_DIR"
  args=(--quiet --variant="$VARIANT" --format=tar --components=main)
  for o in "${DPKG_OPTS[@]}"; do args+=(--dpkgopt="$o"); done
  for o in "${APT_OPTS[@]}"; do args+=(--aptopt="$o"); done
  for o in "${HOOKS[@]}"; do args+=(--hook-dir="$o"); done
  ((${#BASE_PACKAGES[@]} == 0)) || args+=(--include="$(IFS=,; echo "${BASE_PACKAGES[*]}")")
  # Into a temporary name first: an interrupted run leaves no half tarball behind under the cache's name.
  printf '%s\n' "${MIRRORS[@]}" | mmdebstrap "${args[@]}" "$SUITE" "$work/base.tar" - >"$work/mmdebstrap.log" 2>&1 || {
    tail -n 30 "$work/mmdebstrap.log" >&2
    echo "image.sh: mmdebstrap failed" >&2
    exit 1
  }
  mv "$work/base.tar" "$base_tar.tmp" && mv "$base_tar.tmp" "$base_tar"
  timings+=("base tarball (cold, mmdebstrap) $(took "$t")")
fi
echo "-- base: $(du -m "$base_tar" | cut -f1) MB tarball"
if [ "$BASE_ONLY" = 1 ]; then
  printf '   %s\n' "${timings[@]}"
  exit 0
fi

# ---- 2. the package
t=$(now_ms)
# cpack builds every target of the tree first (its preinstall step, one job): done here with every core instead,
# a no-op when the tree is up to date (CI built it just before).
echo "-- cmake --build $BUILD (every target, as cpack needs), then cpack -G DEB"
cmake --build "$BUILD" -j"$(nproc)" >"$work/build.log" 2>&1 || { tail -n 30 "$work/build.log" >&2; echo "image.sh: cmake --build $BUILD failed" >&2; exit 1; }
(cd "$BUILD" && cpack -G DEB -B "$work/package" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log" >&2; echo "image.sh: cpack failed" >&2; exit 1; }
mkdir -p "$work/context"
cp "$work/package/rtc-mock_${VERSION}_"*.deb "$work/context/rtc-mock.deb"
cp "$work/package/rtc-mock-recorder_${VERSION}_"*.deb "$work/context/rtc-mock-recorder.deb"
cp scripts/image/Dockerfile scripts/image/chromium-wrapper.sh "$work/context/"
echo "-- package: $(dpkg-deb -f "$work/context/rtc-mock.deb" Package Version Depends | tr '\n' ' ')"
echo "-- package: $(dpkg-deb -f "$work/context/rtc-mock-recorder.deb" Package Version Depends | tr '\n' ' ')"
timings+=("build tree + cpack -G DEB       $(took "$t")")

# ---- 3. the daemon, the base image, the two images
dockerd_ensure
base_image=rtc-mock-base:$SUITE-$key
t=$(now_ms)
if docker image inspect "$base_image" >/dev/null 2>&1; then
  echo "-- $base_image is already in the daemon"
else
  docker import --message "mmdebstrap $SUITE $VARIANT" "$base_tar" "$base_image" >/dev/null
  echo "-- imported $base_image"
fi
timings+=("docker import (base)            $(took "$t")")

build() {  # build TARGET TAG...
  local target=$1 tags=() tag
  shift
  for tag in "$@"; do tags+=(-t "$tag"); done
  echo "-- docker build --target $target ${*}"
  local t0
  t0=$(now_ms)
  docker build --network host --target "$target" --build-arg "BASE=$base_image" --build-arg "VERSION=$VERSION" \
    "${tags[@]}" "$work/context" >"$work/build-$target.log" 2>&1 || {
    tail -n 40 "$work/build-$target.log" >&2
    echo "image.sh: docker build --target $target failed" >&2
    exit 1
  }
  timings+=("$(printf '%-31s' "image $target") $(took "$t0")")
}
build mock "rtc-mock:$VERSION" rtc-mock:latest
build chromium "rtc-mock:$VERSION-chromium" rtc-mock:latest-chromium

# ---- 4. the archive
t=$(now_ms)
archive=$BUILD/rtc-mock-$VERSION.oci.tar
docker save -o "$work/saved.tar" "rtc-mock:$VERSION" rtc-mock:latest "rtc-mock:$VERSION-chromium" rtc-mock:latest-chromium
# Docker's layout and the OCI image layout in one file (scripts/image/oci_archive.py): `docker load -i` and
# registries' tools (`skopeo copy oci-archive:...:VERSION docker://...`) both read it.
python3 scripts/image/oci_archive.py "$work/saved.tar" "$archive.tmp"
rm -f "$work/saved.tar"
mv "$archive.tmp" "$archive"
timings+=("docker save                     $(took "$t")")

echo "-- sizes"
for image in "rtc-mock:$VERSION" "rtc-mock:$VERSION-chromium"; do
  printf '   %-28s %4d MB  %s\n' "$image" $(($(docker image inspect -f '{{.Size}}' "$image") / 1000000)) \
    "$(docker image inspect -f '{{.Id}}' "$image" | cut -c1-19)"
done
printf '   %-28s %4d MB\n' "$(basename "$archive")" "$(du -m "$archive" | cut -f1)"
echo "-- timings"
printf '   %s\n' "${timings[@]}"
echo "image.sh: built rtc-mock:$VERSION, rtc-mock:latest, rtc-mock:$VERSION-chromium, rtc-mock:latest-chromium ($archive)"
