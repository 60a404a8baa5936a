#!/usr/bin/env bash
# A 20-second soak with callbacks (scripts/soak.sh): flat memory, descriptors and threads; nothing lost.
# The long run stays a script: bash scripts/soak.sh 600 (or SOAK_SECONDS=600 for this step).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/soak.sh "${SOAK_SECONDS:-20}"
