#!/usr/bin/env bash
# Every check and test, from a fresh clone: set-up, types, lint, unit tests,
# build, then the end-to-end suites in real browsers.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -f tests/wordpress/setup.sh ]; then bash tests/wordpress/setup.sh; fi
npm run typecheck
npm run lint
npm test
npm run lint:firefox
npm run test:firefox
