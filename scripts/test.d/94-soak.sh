#!/usr/bin/env bash
# A one-minute soak with callbacks (scripts/soak.sh): flat memory, descriptors and threads; nothing lost.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/soak.sh "${SOAK_SECONDS:-60}"
