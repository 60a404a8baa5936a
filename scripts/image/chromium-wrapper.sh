#!/bin/sh
# rtc-mock's Chromium image: the browser keeps its own sandbox when this container may make a user namespace (run
# with --security-opt seccomp=unconfined or a profile allowing it), else runs without it (see scripts/image/Dockerfile).
if unshare --user true 2>/dev/null; then
  exec /usr/lib/chromium/chromium-headless-shell.real "$@"
fi
echo "rtc-mock image: this container may not make user namespaces (Docker's default seccomp profile): Chromium runs without its sandbox" >&2
exec /usr/lib/chromium/chromium-headless-shell.real --no-sandbox "$@"
