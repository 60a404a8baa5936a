# Sourced by the steps that run the official Node SDK (conformance/clients/node-sdk): installs it with `npm ci`
# (pinned by package-lock.json) once; later steps, and later runs, reuse node_modules until the lock file
# changes. Usage: source scripts/lib/node-sdk.sh && node_sdk_install
NODE_SDK_DIR=conformance/clients/node-sdk

node_sdk_install() {
  local stamp=$NODE_SDK_DIR/node_modules/.package-lock.json  # written by npm ci when it completes
  if [ -f "$stamp" ] && [ "$stamp" -nt "$NODE_SDK_DIR/package-lock.json" ]; then
    echo "-- node SDK: node_modules up to date with package-lock.json"
    return
  fi
  echo "-- npm ci ($NODE_SDK_DIR, pinned by package-lock.json)"
  (cd "$NODE_SDK_DIR" && timeout 600 npm ci --no-audit --no-fund --loglevel=error >/dev/null)
}
