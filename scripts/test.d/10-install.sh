#!/usr/bin/env bash
# Installing: `cmake --install` into a scratch prefix and `cpack -G DEB` unpacked into a scratch root (dpkg -x),
# each run from / as a user would: every executable answers --version, the installed rtc-mock serves its
# built-in default fixture (a signed StartWebcast on the fixture's app, by the installed reference client),
# rtc-conformance --list finds the scenario catalogue under share/rtc-mock/. The package declares the Debian
# libraries it links. Needs build/ (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BUILD=${BUILD_DIR:-$ROOT/build}
work=$(mktemp -d)
mock_pid=""
cleanup() {
  [ -z "$mock_pid" ] || { kill "$mock_pid" 2>/dev/null || true; wait "$mock_pid" 2>/dev/null || true; }
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "10-install: FAILED: $*" >&2; exit 1; }

# check_installed BIN_DIR: what a user does first with an installed copy, from /.
check_installed() {
  local bin=$1 exe out url list
  for exe in rtc-mock rtc-conformance rtc-bench rtc-reference-client; do
    [ -x "$bin/$exe" ] || fail "$bin/$exe is not installed"
    out=$(cd / && "$bin/$exe" --version) || fail "$exe --version exited $?"
    grep -qE "^$exe [0-9]+\.[0-9]+\.[0-9]+" <<<"$out" || fail "$exe --version printed \"$out\""
  done
  echo "ok: --version: $(cd / && "$bin/rtc-mock" --version)"

  (cd / && exec "$bin/rtc-mock" --port 0 >"$work/mock.out" 2>"$work/mock.err") &
  mock_pid=$!
  for _ in $(seq 100); do
    grep -q "^listening on" "$work/mock.out" 2>/dev/null && break
    kill -0 "$mock_pid" 2>/dev/null || fail "installed rtc-mock exited: $(cat "$work/mock.err")"
    sleep 0.05
  done
  url=$(sed -n 's/^listening on //p' "$work/mock.out")
  [ -n "$url" ] || fail "installed rtc-mock did not announce its port"
  grep -q "(embedded default fixture)" "$work/mock.err" || fail "rtc-mock did not say it serves its built-in fixture"
  # A signed call on app ...00 of the default fixture answers; an app the fixture lacks is refused.
  call() {
    printf '{"Action":"StartWebcast","Version":"2020-12-01","Method":"POST","Params":{"AppId":"%s","RoomId":"r","TaskId":"install","UserId":"u","SourceURL":"https://example.com"}}\n' "$1" |
      (cd / && RTC_ENDPOINT=$url VOLC_ACCESSKEY=AKLTLOCALMOCK VOLC_SECRETKEY=LOCALMOCKSECRET VOLC_REGION=cn-north-1 \
        timeout 20 "$bin/rtc-reference-client")
  }
  out=$(call 600000000000000000000000)
  grep -q '"HttpStatus":200' <<<"$out" && ! grep -q '"Error":{' <<<"$out" ||
    fail "StartWebcast on the fixture's app: $out"
  out=$(call 600000000000000000000077)
  grep -q '"Code":"' <<<"$out" || fail "StartWebcast on an app outside the fixture was not refused: $out"
  echo "ok: rtc-mock started in / serves its built-in fixture (signed StartWebcast answered 200)"
  kill "$mock_pid"; wait "$mock_pid" || fail "rtc-mock did not exit 0 on SIGTERM"
  mock_pid=""

  list=$(cd / && "$bin/rtc-conformance" --list) || fail "rtc-conformance --list from / exited $?"
  [ "$(wc -l <<<"$list")" -ge 100 ] || fail "rtc-conformance --list from / listed $(wc -l <<<"$list") scenarios"
  echo "ok: rtc-conformance --list from / lists $(wc -l <<<"$list") scenarios"
}

echo "-- cmake --install $BUILD --prefix (scratch)"
cmake --install "$BUILD" --prefix "$work/prefix" >/dev/null
for f in share/rtc-mock/fixtures/default.json share/rtc-mock/fixtures/conformance share/rtc-mock/docs/conformance.md; do
  [ -e "$work/prefix/$f" ] || fail "cmake --install did not install $f"
done
check_installed "$work/prefix/bin"

echo "-- cpack -G DEB"
(cd "$BUILD" && cpack -G DEB -B "$work/package" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack -G DEB failed"; }
deb=$(ls "$work"/package/rtc-mock_*.deb)
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
echo "Recommends: $(dpkg-deb -f "$deb" Recommends)"
for lib in libcpp-httplib libssl3 libjemalloc2 libstdc++6 libc6 libavcodec libavformat libswscale; do
  grep -q "$lib" <<<"$depends" || fail "Depends does not name $lib"
done
dpkg-deb -c "$deb" >"$work/contents.txt"
grep -q '\./usr/bin/rtc-mock$' "$work/contents.txt" || fail "the package holds no usr/bin/rtc-mock"
dpkg -x "$deb" "$work/root"
check_installed "$work/root/usr/bin"
echo "10-install: $(basename "$deb") ($(du -k "$deb" | cut -f1) kB) installs and runs from /"
