#!/usr/bin/env bash
# The container images (scripts/image.sh): both are built (reusing the cached base tarball when present) in a Docker
# daemon started for this step when none answers (scripts/lib/dockerd.sh), then run and checked from outside:
# - healthy within seconds; tini as PID 1 reaping orphans, rtc-mock its non-root child; JSON logs on stdout after
#   the listening line; the official Node SDK's signed requests accepted (conformance/clients/node-sdk/sign-e2e.js);
# - a variable and a mounted config file (RTC_MOCK_CONFIG) taking effect; the admin API refused to a non-loopback
#   client without a token (the message says how to allow it), guarded by a token when one is set;
# - where the daemon has a bridge: the two ways CI systems run a service container (a published port; a network
#   alias reached from a job container);
# - a clean `docker stop` (exit code 0, timed);
# - the Chromium image screenshots a real page served on loopback by this step, without Chromium's sandbox under
#   Docker's default seccomp profile and with it under seccomp=unconfined;
# - the Testcontainers module's own test (integrations/node/test/container.test.js);
# - the saved archive read by skopeo as OCI, and `docker load` of it giving back the same images.
# Every container, network, the page server, node and the daemon this step started are stopped or removed, also on
# failure. Prints the timings (base tarball, each image build, docker run to healthy, docker load) and the sizes.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BUILD=$(realpath -m "${BUILD_DIR:-$ROOT/build}")
VERSION=$(sed -n 's/^project(rtc_mock VERSION \([0-9][0-9.]*\).*/\1/p' CMakeLists.txt)
IMAGE=rtc-mock:$VERSION
CHROMIUM_IMAGE=rtc-mock:$VERSION-chromium
APP=600000000000000000000000
t_step=$(date +%s%N)
fail() { echo "40-image: FAILED: $*" >&2; exit 1; }
ms_since() { echo $((($(date +%s%N) - $1) / 1000000)); }
secs() { printf '%d.%d s' $(($1 / 1000)) $(($1 % 1000 / 100)); }

[ -x "$BUILD/rtc-mock" ] || fail "$BUILD/rtc-mock is missing (run scripts/setup.sh)"
missing=()
for p in docker.io mmdebstrap skopeo ffmpeg; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "-- installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

source scripts/lib/dockerd.sh
work=$(mktemp -d)
containers=()
networks=()
page_pid=""
node_group=""
cleanup() {
  local c
  for c in "${containers[@]}"; do timeout 30 docker rm -f "$c" >/dev/null 2>&1 || true; done
  for c in "${networks[@]}"; do timeout 30 docker network rm "$c" >/dev/null 2>&1 || true; done
  [ -z "$page_pid" ] || { kill "$page_pid" 2>/dev/null || true; wait "$page_pid" 2>/dev/null || true; }
  [ -z "$node_group" ] || kill -- -"$node_group" 2>/dev/null || true
  dockerd_stop
  rm -rf "$work"
}
trap cleanup EXIT
dockerd_ensure

# ---- build
bash scripts/image.sh | tee "$work/image.log"
timings=()
while IFS= read -r line; do timings+=("$line"); done < <(sed -n '/^-- timings$/,/^image.sh:/{s/^   //p}' "$work/image.log")

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# wait_healthy NAME: waits (30 s at most) until Docker says the container is healthy.
wait_healthy() {
  local name=$1 status
  for _ in $(seq 300); do
    status=$(docker inspect -f '{{.State.Health.Status}}' "$name")
    [ "$status" = healthy ] && return 0
    [ "$(docker inspect -f '{{.State.Running}}' "$name")" = true ] || { docker logs "$name" 2>&1 | tail -n 20; fail "$name exited before it was healthy"; }
    sleep 0.1
  done
  docker logs "$name" 2>&1 | tail -n 20
  fail "$name is $status after 30 s"
}
# browser_of NAME: the command line of the browser process in container NAME into $work/browser: the process
# without --type= (its helpers carry one; /proc's names sort as text, so a helper may come first).
browser_of() {
  docker exec "$1" sh -c 'for p in /proc/[0-9]*; do tr "\0" " " <"$p/cmdline"; echo; done' >"$work/cmdlines"
  grep -- "--remote-debugging-pipe" "$work/cmdlines" | grep -v -- "--type=" | head -n1 >"$work/browser" || true
  [ -s "$work/browser" ] || fail "no browser process in the container $1"
}
# run NAME IMAGE [docker run options...] [-- rtc-mock flags...]: starts a container (host network) and waits until
# Docker says healthy.
run() {
  local name=$1 image=$2 t0 opts=() args=()
  shift 2
  while (($#)) && [ "$1" != -- ]; do opts+=("$1"); shift; done
  (($#)) && shift && args=("$@")
  t0=$(date +%s%N)
  containers+=("$name")
  docker run -d --name "$name" --network host "${opts[@]}" "$image" "${args[@]}" >/dev/null
  wait_healthy "$name"
  timings+=("$(printf '%-31s' "docker run to healthy ($name)") $(secs "$(ms_since "$t0")")")
  echo "ok: $name ($image) healthy after $(secs "$(ms_since "$t0")")"
}
# stop_clean NAME: docker stop must end it with exit code 0 within 3 s.
stop_clean() {
  local name=$1 t0 ms code
  t0=$(date +%s%N)
  docker stop -t 10 "$name" >/dev/null
  ms=$(ms_since "$t0")
  code=$(docker inspect -f '{{.State.ExitCode}}' "$name")
  [ "$code" = 0 ] || { docker logs "$name" 2>&1 | tail -n 10; fail "$name exited with $code on docker stop"; }
  [ "$ms" -lt 3000 ] || fail "docker stop $name took $(secs "$ms")"
  echo "ok: docker stop $name: exit code 0 after $(secs "$ms")"
}
# admin URL PATH [curl options...]: prints the HTTP status, the body into $work/body.
admin() { curl -s -o "$work/body" -w '%{http_code}' "${@:3}" "$1$2"; }

# ---- the image without a browser, as it comes: no token, bound to 0.0.0.0
port=$(free_port)
url=http://127.0.0.1:$port
run plain "$IMAGE" -e RTC_MOCK_PORT="$port"
[ "$(docker exec plain id -u)" = 10001 ] || fail "the container's user is $(docker exec plain id -u), not 10001"
[ "$(docker exec plain cat /proc/1/comm)" = tini ] || fail "PID 1 of the container is $(docker exec plain cat /proc/1/comm), not tini"
mock_pid=$(docker exec plain sh -c 'for p in /proc/[0-9]*; do [ "$(cat $p/comm)" = rtc-mock ] && [ "$(cut -d" " -f4 $p/stat)" = 1 ] && echo ${p#/proc/}; done; true')
[ -n "$mock_pid" ] || fail "rtc-mock is not a child of PID 1"
[ "$(docker exec plain sh -c "grep ^Uid: /proc/$mock_pid/status" | awk '{print $2}')" = 10001 ] || fail "rtc-mock does not run as 10001"
echo "ok: PID 1 is tini, rtc-mock (PID $mock_pid) its child, running as uid 10001 (not root)"
# FFmpeg comes with the recordings' plugin (package rtc-mock-recorder), in the Chromium image only.
docker exec plain sh -c 'ls /usr/lib/x86_64-linux-gnu/libavcodec.so.* /usr/lib/rtc-mock/rtc-mock-recorder.so' >/dev/null 2>&1 &&
  fail "the image without a browser holds FFmpeg or the recorder plugin"
docker run --rm --entrypoint sh "$CHROMIUM_IMAGE" -c 'test -f /usr/lib/rtc-mock/rtc-mock-recorder.so && ldd /usr/lib/rtc-mock/rtc-mock-recorder.so' >"$work/ldd.out" 2>&1 ||
  fail "the Chromium image has no loadable recorder plugin: $(cat "$work/ldd.out")"
! grep -q "not found" "$work/ldd.out" || fail "the recorder plugin's libraries are missing: $(grep 'not found' "$work/ldd.out")"
echo "ok: the recorder plugin and FFmpeg are in the Chromium image only"
# An orphan inside the container is re-parented to PID 1, which must reap it: no zombie is left behind.
docker exec plain sh -c 'sleep 0.3 & exit 0'
sleep 1
zombies=$(docker exec plain sh -c 'for p in /proc/[0-9]*; do [ "$(cut -d" " -f3 $p/stat)" = Z ] && cat $p/comm; done; true')
[ -z "$zombies" ] || fail "zombies in the container: $zombies"
echo "ok: an orphaned process that exited was reaped (no zombie)"

source scripts/lib/node-sdk.sh
node_sdk_install
echo "-- node conformance/clients/node-sdk/sign-e2e.js $url (the official Node SDK against the container)"
(cd conformance/clients/node-sdk && timeout 120 node sign-e2e.js "$url") >"$work/sign.out" 2>&1 || { cat "$work/sign.out"; fail "sign-e2e.js against the container"; }
tail -n1 "$work/sign.out" | grep -q ' 0 failed$' || { cat "$work/sign.out"; fail "sign-e2e.js: $(tail -n1 "$work/sign.out")"; }
echo "ok: Node SDK signing against the container: $(tail -n1 "$work/sign.out")"

docker logs plain >"$work/plain.out" 2>"$work/plain.err"
python3 - "$work/plain.out" "$work/plain.err" "$port" <<'EOF' || fail "stdout is not the listening line followed by JSON log lines (stdout: $(head -n3 "$work/plain.out"); stderr: $(head -n3 "$work/plain.err"))"
import json, sys
out = [l for l in open(sys.argv[1]) if l.strip()]
err = [l for l in open(sys.argv[2]) if l.strip()]
assert out and out[0].strip() == f"listening on http://0.0.0.0:{sys.argv[3]}", out[:1]
assert len(out) > 1, "no log line after the listening line"
for l in out[1:]:
    assert isinstance(json.loads(l), dict), l
assert not err, err[:3]
print(f"ok: stdout is the listening line, then {len(out) - 1} JSON log lines (first: {out[1].strip()[:100]}); stderr is empty")
EOF

# From outside a container no client is loopback: here, this machine's own non-loopback address (the packets stay
# on the machine). The API answers; the admin API refuses and says how to allow it.
own=$(ip -4 -o addr show scope global 2>/dev/null | awk '{split($4, a, "/"); print a[1]; exit}')
if [ -n "$own" ]; then
  code=$(admin "http://$own:$port" "/?Action=StartWebcast&Version=2020-12-01" -X POST -d '{}')
  [ "$code" = 401 ] && grep -q MissingAuthenticationToken "$work/body" || fail "the API from $own answered $code: $(cat "$work/body")"
  code=$(admin "http://$own:$port" /_mock/requests)
  [ "$code" = 403 ] && grep -q "RTC_MOCK_ADMIN_TOKEN=TOKEN" "$work/body" || fail "the admin API from $own answered $code: $(cat "$work/body")"
  echo "ok: without a token, a client at $own gets the API and a 403 from the admin API: $(cat "$work/body")"
else
  echo "-- no non-loopback address on this machine: the admin refusal is not checked"
fi
code=$(admin "$url" /_mock/apps/600000000000000000000042)
[ "$code" = 404 ] || fail "app ...42 (only in the config file of the next run) answered $code on the default fixture"
stop_clean plain

# ---- with a token, a variable and a mounted config file
mkdir -m 755 "$work/config"
python3 - "$ROOT/fixtures/default.json" "$work/config/mock.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
d["Apps"].append(dict(d["Apps"][0], AppId="600000000000000000000042", Description="mounted by 40-image"))
json.dump(d, open(sys.argv[2], "w"))
EOF
chmod 644 "$work/config/mock.json"
token=tok-$RANDOM$RANDOM
port=$(free_port)
url=http://127.0.0.1:$port
run configured "$IMAGE" -e RTC_MOCK_PORT="$port" -e RTC_MOCK_HOST=127.0.0.1 -e RTC_MOCK_CLOCK=virtual \
  -e RTC_MOCK_ADMIN_TOKEN="$token" -e RTC_MOCK_CONFIG=/config/mock.json -v "$work/config:/config:ro"
code=$(admin "$url" /_mock/clock)
[ "$code" = 401 ] || fail "with a token set, the admin API without it answered $code"
code=$(admin "$url" /_mock/clock -H "Authorization: Bearer $token")
[ "$code" = 200 ] && grep -q '"Virtual":true' "$work/body" || fail "GET /_mock/clock with the token: $code $(cat "$work/body")"
echo "ok: RTC_MOCK_CLOCK=virtual took effect, and the admin API needs the token (401 without, 200 with)"
code=$(admin "$url" /_mock/apps/600000000000000000000042 -H "Authorization: Bearer $token")
[ "$code" = 200 ] && grep -q '"AppId":"600000000000000000000042"' "$work/body" || fail "the mounted config's app: $code $(cat "$work/body")"
grep -q "/config/mock.json" <(docker logs configured 2>&1) || fail "the log does not name the mounted config"
echo "ok: the config mounted at /config/mock.json (RTC_MOCK_CONFIG) is served"
stop_clean configured

# ---- flags after the image name (no variables): the health check follows the server's own command line
port=$(free_port)
run flagged "$IMAGE" -- --port "$port" --host 127.0.0.1 --admin-token "$token"
code=$(admin "http://127.0.0.1:$port" /_mock/health)
[ "$code" = 401 ] || fail "the flagged container's admin API without its token answered $code"
docker exec flagged rtc-mock healthcheck --from-server >"$work/hc.out" 2>&1 || fail "healthcheck --from-server: $(cat "$work/hc.out")"
grep -q ":$port/_mock/health answered HTTP 200" "$work/hc.out" || fail "healthcheck --from-server: $(cat "$work/hc.out")"
echo "ok: docker run IMAGE --port $port --host 127.0.0.1 --admin-token ...: healthy (the health check read the server's flags: $(cat "$work/hc.out"))"
stop_clean flagged

# ---- as a CI service (docs/ci.md), where the daemon has a bridge: GitHub Actions publishes the service's port on
# the runner; GitLab CI (and a GitHub job in a container) reaches it by its alias on the job's network.
if docker network inspect bridge >/dev/null 2>&1; then
  port=$(free_port)
  containers+=(service)
  docker run -d --name service -p "127.0.0.1:$port:8080" -e RTC_MOCK_ADMIN_TOKEN="$token" -e RTC_MOCK_CLOCK=virtual \
    "$IMAGE" >/dev/null 2> >(grep -v "IPv4 forwarding is disabled" >&2)
  wait_healthy service
  (cd conformance/clients/node-sdk && timeout 120 node sign-e2e.js "http://127.0.0.1:$port") >"$work/sign.out" 2>&1 || { cat "$work/sign.out"; fail "sign-e2e.js against the published port"; }
  tail -n1 "$work/sign.out" | grep -q ' 0 failed$' || { cat "$work/sign.out"; fail "sign-e2e.js (published port): $(tail -n1 "$work/sign.out")"; }
  echo "ok: published on 127.0.0.1:$port (GitHub Actions' services: ports): Node SDK signing $(tail -n1 "$work/sign.out")"
  docker rm -f service >/dev/null
  network=rtc-ci-$RANDOM
  docker network create "$network" >/dev/null
  networks+=("$network")
  containers+=(service)
  docker run -d --name service --network "$network" --network-alias rtc-mock -e RTC_MOCK_ADMIN_TOKEN="$token" \
    "$IMAGE" >/dev/null 2> >(grep -v "IPv4 forwarding is disabled" >&2)
  wait_healthy service
  # The job: a container on the same network signs for rtc-mock:8080 (here the image's own reference client).
  printf '{"Action":"StartWebcast","Version":"2020-12-01","Method":"POST","Params":{"AppId":"%s","RoomId":"r","TaskId":"job","UserId":"u","SourceURL":"https://example.com/live"}}\n' "$APP" |
    timeout 60 docker run --rm -i --network "$network" --entrypoint rtc-reference-client -e RTC_ENDPOINT=http://rtc-mock:8080 \
      -e VOLC_ACCESSKEY=AKLTLOCALMOCK -e VOLC_SECRETKEY=LOCALMOCKSECRET -e VOLC_REGION=cn-north-1 "$IMAGE" >"$work/job.out" 2> >(grep -v "IPv4 forwarding is disabled" >&2) ||
    fail "the job container's StartWebcast: $(cat "$work/job.out")"
  grep -q '"HttpStatus":200' "$work/job.out" && ! grep -q '"Error":{' "$work/job.out" || fail "the job container's StartWebcast: $(cat "$work/job.out")"
  timeout 60 docker run --rm --network "$network" --entrypoint rtc-mock -e RTC_MOCK_ADMIN_TOKEN="$token" "$IMAGE" \
    healthcheck --host rtc-mock --port 8080 >"$work/job.out" 2>&1 || fail "the job container's admin call: $(cat "$work/job.out")"
  echo "ok: on a job network (GitLab CI's services: alias): a job container's StartWebcast signed for rtc-mock:8080 answered 200, and its admin call with the token 200"
  docker rm -f service >/dev/null
else
  echo "-- the daemon has no bridge network: the CI service patterns (published port, network alias) are not checked"
fi

# ---- the Chromium image: a real page on this machine's loopback, screenshotted
mkdir "$work/pages"
cat >"$work/pages/index.html" <<'EOF'
<!doctype html><html><body style="margin:0;background:#1e5aa8;color:#ffd400;font:bold 64px sans-serif">
<div style="padding:40px">rtc-mock 40-image</div></body></html>
EOF
page_port=$(free_port)
python3 -m http.server "$page_port" --bind 127.0.0.1 --directory "$work/pages" >/dev/null 2>&1 &
page_pid=$!
port=$(free_port)
url=http://127.0.0.1:$port
run chromium "$CHROMIUM_IMAGE" -e RTC_MOCK_PORT="$port" -e RTC_MOCK_HOST=127.0.0.1 -e RTC_MOCK_PAGES=chromium \
  -e RTC_MOCK_ADMIN_TOKEN="$token"
printf '{"Action":"StartWebcast","Version":"2020-12-01","Method":"POST","Params":{"AppId":"%s","RoomId":"r","TaskId":"page","UserId":"u","SourceURL":"http://127.0.0.1:%s/index.html"}}\n' "$APP" "$page_port" |
  RTC_ENDPOINT=$url VOLC_ACCESSKEY=AKLTLOCALMOCK VOLC_SECRETKEY=LOCALMOCKSECRET VOLC_REGION=cn-north-1 \
    timeout 20 "$BUILD/conformance/rtc-reference-client" >"$work/start.out" || fail "StartWebcast: $(cat "$work/start.out")"
grep -q '"HttpStatus":200' "$work/start.out" && ! grep -q '"Error":{' "$work/start.out" || fail "StartWebcast: $(cat "$work/start.out")"
t0=$(date +%s%N)
for _ in $(seq 300); do
  code=$(admin "$url" "/_mock/tasks/webcast/$APP/r/page/screenshot" -H "Authorization: Bearer $token" -D "$work/headers")
  [ "$code" = 200 ] && break
  sleep 0.1
done
[ "$code" = 200 ] || { docker logs chromium 2>&1 | tail -n 20; fail "no screenshot after 30 s: $code $(cat "$work/body")"; }
grep -qi '^content-type: image/png' "$work/headers" || fail "the screenshot is not image/png: $(cat "$work/headers")"
python3 - "$work/body" <<'EOF' || fail "the screenshot is not a PNG"
import struct, sys
b = open(sys.argv[1], "rb").read()
assert b[:8] == b"\x89PNG\r\n\x1a\n" and b[12:16] == b"IHDR", b[:16]
w, h = struct.unpack(">II", b[16:24])
assert w > 0 and h > 0
print(f"ok: screenshot of the page: image/png, {w}x{h}, {len(b)} bytes")
EOF
admin "$url" /_mock/tasks -H "Authorization: Bearer $token" >/dev/null
python3 - "$work/body" <<'EOF' || fail "the task's page: $(cat "$work/body")"
import json, sys
page = json.load(open(sys.argv[1]))["Webcast"][0]["Page"]
assert page["State"] == "capturing", page["State"]
assert page["HttpStatus"] == 200, page
assert page["LastFrame"]["White"] is False, page["LastFrame"]
print(f"ok: the page is {page['State']} (HTTP {page['HttpStatus']}), its last frame is not white, after {page['FirstFrameMs']} ms to the first frame")
EOF
echo "   (screenshot $(secs "$(ms_since "$t0")") after StartWebcast answered)"
# The recording of the page (the encoder plugin of package rtc-mock-recorder, loaded inside the image): while the
# task runs, GET .../recording answers a playable VP8 WebM file of the frames so far.
for _ in $(seq 100); do
  code=$(admin "$url" "/_mock/tasks/webcast/$APP/r/page/recording" -H "Authorization: Bearer $token" -D "$work/headers")
  [ "$code" = 200 ] && break
  sleep 0.1
done
[ "$code" = 200 ] || fail "no recording from the Chromium image after 10 s: $code $(cat "$work/body")"
grep -qi '^content-type: video/webm' "$work/headers" || fail "the recording is not video/webm: $(cat "$work/headers")"
cp "$work/body" "$work/page.webm"
codec=$(ffprobe -v error -select_streams v:0 -show_entries stream=codec_name,width,height -of csv=p=0 "$work/page.webm") ||
  fail "ffprobe cannot read the container's recording"
[ "${codec%%,*}" = vp8 ] || fail "the container's recording is $codec, not VP8"
echo "ok: the page's recording from the Chromium image (the encoder plugin inside it): video/webm, $codec, $(stat -c %s "$work/page.webm") bytes so far"
# The browser in the image runs as the mock does outside one: no background networking, names resolved to loopback.
browser_of chromium
grep -q -- "--disable-background-networking" "$work/browser" || fail "the browser runs without --disable-background-networking"
grep -q -- "--host-resolver-rules=" "$work/browser" || fail "the browser runs without --host-resolver-rules"
echo "ok: the browser runs with --disable-background-networking and $(grep -o -- '--host-resolver-rules=[^ ]*' "$work/browser" | cut -c1-80)"
# Under Docker's default seccomp profile no user namespace can be made: the browser runs without its sandbox.
grep -q -- "--no-sandbox" "$work/browser" || fail "under the default seccomp profile the browser runs without --no-sandbox"
stop_clean chromium
# Where the container may make user namespaces, the browser keeps its own sandbox, and the page still renders.
if unshare --user true 2>/dev/null || su nobody -s /bin/sh -c 'unshare --user true' 2>/dev/null; then
  port=$(free_port)
  url=http://127.0.0.1:$port
  run sandboxed "$CHROMIUM_IMAGE" --security-opt seccomp=unconfined -e RTC_MOCK_PORT="$port" -e RTC_MOCK_HOST=127.0.0.1 \
    -e RTC_MOCK_PAGES=chromium -e RTC_MOCK_ADMIN_TOKEN="$token"
  printf '{"Action":"StartWebcast","Version":"2020-12-01","Method":"POST","Params":{"AppId":"%s","RoomId":"r","TaskId":"sandboxed","UserId":"u","SourceURL":"http://127.0.0.1:%s/index.html"}}\n' "$APP" "$page_port" |
    RTC_ENDPOINT=$url VOLC_ACCESSKEY=AKLTLOCALMOCK VOLC_SECRETKEY=LOCALMOCKSECRET VOLC_REGION=cn-north-1 \
      timeout 20 "$BUILD/conformance/rtc-reference-client" >"$work/start.out" || fail "StartWebcast (sandboxed): $(cat "$work/start.out")"
  for _ in $(seq 300); do
    code=$(admin "$url" "/_mock/tasks/webcast/$APP/r/sandboxed/screenshot" -H "Authorization: Bearer $token")
    [ "$code" = 200 ] && break
    sleep 0.1
  done
  [ "$code" = 200 ] || { docker logs sandboxed 2>&1 | tail -n 20; fail "no screenshot from the sandboxed browser after 30 s: $code $(cat "$work/body")"; }
  browser_of sandboxed
  ! grep -q -- "--no-sandbox" "$work/browser" || fail "with user namespaces allowed, the browser still runs with --no-sandbox"
  echo "ok: with --security-opt seccomp=unconfined the browser keeps its sandbox (no --no-sandbox) and screenshots the page"
  stop_clean sandboxed
else
  echo "-- this machine allows no unprivileged user namespaces: Chromium's sandbox in a container is not checked"
fi
kill "$page_pid"; wait "$page_pid" 2>/dev/null || true; page_pid=""

# ---- the Testcontainers module (integrations/node: RtcMockContainer)
NODE_DIR=integrations/node
if ! { [ -f "$NODE_DIR/node_modules/.package-lock.json" ] && [ "$NODE_DIR/node_modules/.package-lock.json" -nt "$NODE_DIR/package-lock.json" ]; }; then
  echo "-- npm ci ($NODE_DIR, testcontainers pinned by package-lock.json)"
  (cd "$NODE_DIR" && timeout 600 npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
echo "-- node --test $NODE_DIR/test/container.test.js (RTC_MOCK_IMAGE=$IMAGE, DOCKER_HOST=${DOCKER_HOST:-default})"
# No reaper: testcontainers would pull testcontainers/ryuk from Docker Hub. Each test stops its own container, and
# this step removes whatever is left with the daemon.
bridge=0
docker network inspect bridge >/dev/null 2>&1 && bridge=1
[ "$bridge" = 1 ] || echo "-- the daemon has no bridge network: RtcMockContainer's network \"bridge\" is not checked"
TESTCONTAINERS_RYUK_DISABLED=true RTC_MOCK_IMAGE=$IMAGE RTC_MOCK_CHROMIUM_IMAGE=$CHROMIUM_IMAGE RTC_MOCK_DOCKER_BRIDGE=$bridge setsid timeout 180 node --test "$NODE_DIR/test/container.test.js" &
node_group=$!
wait "$node_group"
node_group=""

# ---- the saved archive: an OCI image layout for registries' tools, and still a Docker archive
archive=$BUILD/rtc-mock-$VERSION.oci.tar
for tag in "$VERSION" "$VERSION-chromium"; do
  config=$(skopeo inspect --raw "oci-archive:$archive:$tag" | python3 -c 'import json, sys; print(json.load(sys.stdin)["config"]["digest"])')
  [ "$config" = "$(docker image inspect -f '{{.Id}}' "rtc-mock:$tag")" ] || fail "oci-archive:$archive:$tag has config $config, not the image's"
done
skopeo copy -q "oci-archive:$archive:$VERSION" "dir:$work/copied" >/dev/null || fail "skopeo could not copy oci-archive:$archive:$VERSION"
echo "ok: skopeo reads $(basename "$archive") as an OCI archive (tags $VERSION and $VERSION-chromium, configs = the image IDs) and copies it"
ids=$(docker image inspect -f '{{.Id}}' "$IMAGE" "$CHROMIUM_IMAGE")
# The stopped containers hold their images: removed first, so that the images go and the load below writes them.
docker rm -f "${containers[@]}" >/dev/null 2>&1 || true
containers=()
docker rmi -f "$IMAGE" rtc-mock:latest "$CHROMIUM_IMAGE" rtc-mock:latest-chromium >/dev/null
for id in $ids; do ! docker image inspect "$id" >/dev/null 2>&1 || fail "image $id is still there after docker rmi"; done
t0=$(date +%s%N)
docker load -q -i "$archive" >/dev/null || fail "docker load -i $archive"
[ "$(docker image inspect -f '{{.Id}}' "$IMAGE" "$CHROMIUM_IMAGE")" = "$ids" ] || fail "docker load -i $archive gave other images"
timings+=("$(printf '%-31s' "docker load -i (both images)") $(secs "$(ms_since "$t0")")")
echo "ok: docker load -i $(basename "$archive") after removing the images gives them back (same IDs)"

echo "-- timings"
timings+=("$(printf '%-31s' "40-image step") $(secs "$(ms_since "$t_step")")")
printf '   %s\n' "${timings[@]}"
echo "-- sizes"
for image in "$IMAGE" "$CHROMIUM_IMAGE"; do
  printf '   %-28s %4d MB\n' "$image" $(($(docker image inspect -f '{{.Size}}' "$image") / 1000000))
done
size=$(docker image inspect -f '{{.Size}}' "$IMAGE")
[ "$size" -le 200000000 ] || fail "$IMAGE is $((size / 1000000)) MB, more than 200 MB"
echo "40-image: both images built and checked"
