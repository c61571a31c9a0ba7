#!/usr/bin/env bash
# The demo: builds the extension, starts the sandbox API + demo sites and
# opens Chromium with the extension configured for the sandbox.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm run build
exec npx tsx scripts/demo.ts "$@"
