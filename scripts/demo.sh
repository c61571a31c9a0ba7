#!/usr/bin/env bash
# The demo (README "The two commands"): installs what it needs (Chromium and
# the npm packages, nothing else), then scripts/demo.ts builds the extension,
# starts the sandbox API + demo sites and opens Chromium. --help for options.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh chromium
exec node --import tsx scripts/demo.ts "$@"
