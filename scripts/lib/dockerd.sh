# shellcheck shell=bash
# Sourced by scripts/image.sh and scripts/test.d/40-image.sh: a Docker daemon to talk to.
#
#   source scripts/lib/dockerd.sh
#   trap dockerd_stop EXIT         # stops the daemon dockerd_ensure started, if it started one
#   dockerd_ensure                 # exports DOCKER_HOST
#
# dockerd_ensure uses the daemon at $DOCKER_HOST (or the default socket) when one answers. Otherwise, as root, it
# starts Debian's dockerd (package docker.io) for this run alone: its own folder (data root, exec root, socket,
# pid file, log) under ${TMPDIR:-/tmp}, storage overlay2, or vfs where overlay does not mount
# (RTC_MOCK_DOCKER_STORAGE=vfs forces it), and no iptables rules. Build steps and most containers use the host's
# network (`--network host`). The daemon also gets a bridge of its own (rtcmock0, $DOCKERD_BRIDGE_NET) when this
# machine lets one be made, so that `--network bridge` with published ports (`-p`, Testcontainers' default) works:
# ports are published on 127.0.0.1 only, by Docker's userland proxy, and with IP forwarding off nothing from a
# container leaves the machine. DOCKERD_BRIDGE is then "rtcmock0", else "" (the daemon runs with --bridge=none,
# also when a daemon refuses to start with the bridge).
# dockerd_stop stops that daemon (SIGTERM, SIGKILL after 30 s), unmounts what it left, removes its bridge and its
# folder; it does nothing when the daemon was already running.

DOCKERD_DIR=""
DOCKERD_PID=""
DOCKERD_BRIDGE=""
DOCKERD_BRIDGE_NET=${RTC_MOCK_DOCKER_BRIDGE_NET:-10.254.213.1/24}

_dockerd_answers() { timeout 10 docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

# _dockerd_bridge: makes the bridge rtcmock0 (unless it is there) and sets DOCKERD_BRIDGE; quiet when it cannot.
_dockerd_bridge() {
  command -v ip >/dev/null 2>&1 || return 0
  if ! ip link show rtcmock0 >/dev/null 2>&1; then
    ip link add rtcmock0 type bridge 2>/dev/null || return 0
    ip addr add "$DOCKERD_BRIDGE_NET" dev rtcmock0 2>/dev/null && ip link set rtcmock0 up 2>/dev/null || {
      ip link del rtcmock0 2>/dev/null || true
      return 0
    }
  fi
  DOCKERD_BRIDGE=rtcmock0
}

# _dockerd_start DRIVER: starts dockerd with that storage driver; returns 1 when it exits before it answers.
_dockerd_start() {
  local driver=$1 network=(--bridge=none --userland-proxy=false)
  [ -z "$DOCKERD_BRIDGE" ] || network=(--bridge="$DOCKERD_BRIDGE" --ip=127.0.0.1 --userland-proxy=true)
  # Managed containerd puts its socket under the exec root: the path must stay short (unix socket paths < 108).
  setsid dockerd --storage-driver="$driver" --iptables=false --ip6tables=false --ip-masq=false --ip-forward=false \
    "${network[@]}" --exec-opt native.cgroupdriver=cgroupfs --log-level=warn \
    --data-root "$DOCKERD_DIR/data" --exec-root "$DOCKERD_DIR/x" --pidfile "$DOCKERD_DIR/dockerd.pid" \
    --host "unix://$DOCKERD_DIR/docker.sock" >>"$DOCKERD_DIR/dockerd.log" 2>&1 </dev/null &
  DOCKERD_PID=$!
  export DOCKER_HOST="unix://$DOCKERD_DIR/docker.sock"
  for _ in $(seq 300); do
    _dockerd_answers && return 0
    kill -0 "$DOCKERD_PID" 2>/dev/null || { wait "$DOCKERD_PID" 2>/dev/null || true; DOCKERD_PID=""; return 1; }
    sleep 0.1
  done
  echo "dockerd: no answer within 30 s ($DOCKERD_DIR/dockerd.log):" >&2
  tail -n 20 "$DOCKERD_DIR/dockerd.log" >&2
  return 1
}

dockerd_ensure() {
  if _dockerd_answers; then
    echo "-- docker daemon at ${DOCKER_HOST:-the default socket} answers (server $(docker version --format '{{.Server.Version}}'))"
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "no docker daemon answers at ${DOCKER_HOST:-the default socket}, and starting one needs root:" \
      "start one (or set DOCKER_HOST), or run this as root" >&2
    return 1
  fi
  command -v dockerd >/dev/null 2>&1 || {
    echo "no docker daemon answers and dockerd is not installed: apt-get install docker.io (scripts/setup.sh does)" >&2
    return 1
  }
  DOCKERD_DIR=$(mktemp -d "${TMPDIR:-/tmp}/rtcd.XXXXXX")
  _dockerd_bridge
  local drivers=(overlay2 vfs) driver t0=$SECONDS
  [ -z "${RTC_MOCK_DOCKER_STORAGE:-}" ] || drivers=("$RTC_MOCK_DOCKER_STORAGE")
  local bridges=("$DOCKERD_BRIDGE") bridge
  [ -z "$DOCKERD_BRIDGE" ] || bridges+=("")  # a daemon that will not take the bridge runs without one
  for bridge in "${bridges[@]}"; do
    if [ -n "$DOCKERD_BRIDGE" ] && [ -z "$bridge" ]; then
      ip link del "$DOCKERD_BRIDGE" 2>/dev/null || true
      DOCKERD_BRIDGE=""
    fi
    for driver in "${drivers[@]}"; do
      if _dockerd_start "$driver"; then
        echo "-- started dockerd $(docker version --format '{{.Server.Version}}') for this run (storage $driver," \
          "bridge ${DOCKERD_BRIDGE:-none}, $((SECONDS - t0)) s): DOCKER_HOST=$DOCKER_HOST"
        return 0
      fi
      echo "-- dockerd with storage $driver and bridge ${DOCKERD_BRIDGE:-none} did not start: $(tail -n1 "$DOCKERD_DIR/dockerd.log")"
      rm -rf "${DOCKERD_DIR:?}/data" "${DOCKERD_DIR:?}/x"
    done
  done
  echo "dockerd did not start (log: $DOCKERD_DIR/dockerd.log)" >&2
  tail -n 20 "$DOCKERD_DIR/dockerd.log" >&2
  return 1
}

dockerd_stop() {
  [ -n "$DOCKERD_DIR" ] || return 0
  local t0=$SECONDS
  if [ -n "$DOCKERD_PID" ] && kill -0 "$DOCKERD_PID" 2>/dev/null; then
    # Containers of this daemon first (it would stop them too, but waits for each), then the daemon.
    local running
    running=$(timeout 10 docker ps -q 2>/dev/null || true)
    [ -z "$running" ] || timeout 30 docker rm -f $running >/dev/null 2>&1 || true
    kill -TERM "$DOCKERD_PID" 2>/dev/null || true
    for _ in $(seq 300); do
      kill -0 "$DOCKERD_PID" 2>/dev/null || break
      sleep 0.1
    done
    # The whole session: dockerd and the containerd it manages.
    kill -KILL -- -"$DOCKERD_PID" 2>/dev/null || true
    wait "$DOCKERD_PID" 2>/dev/null || true
  fi
  DOCKERD_PID=""
  # Whatever the daemon left mounted under its folder (overlay layers, shm, netns), deepest first.
  local m
  awk -v d="$DOCKERD_DIR/" 'index($2, d) == 1 {print $2}' /proc/self/mounts | sort -r | while read -r m; do
    umount -l "$m" 2>/dev/null || true
  done
  rm -rf "$DOCKERD_DIR"
  [ -z "$DOCKERD_BRIDGE" ] || ip link del "$DOCKERD_BRIDGE" 2>/dev/null || true
  DOCKERD_BRIDGE=""
  echo "-- stopped the dockerd of this run and removed $DOCKERD_DIR ($((SECONDS - t0)) s)"
  DOCKERD_DIR=""
  unset DOCKER_HOST
}
