#!/usr/bin/env bash
# Every check and test, from a fresh clone: set-up, types, lint, unit tests,
# build, then the end-to-end suites in real browsers.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Ghost (npm) installs for minutes on a fresh machine: in the background, awaited by its harness (tests/ghost/ghost.ts).
if [ -f tests/ghost/setup.sh ]; then bash tests/ghost/setup.sh --background; fi
if [ -f tests/wordpress/setup.sh ]; then bash tests/wordpress/setup.sh; fi
# More real apps for the e2e suite (Debian packages; the tests start private servers).
if [ -f tests/mediawiki/setup.sh ]; then bash tests/mediawiki/setup.sh; fi
if [ -f tests/redmine/setup.sh ]; then bash tests/redmine/setup.sh; fi
npm run typecheck
npm run lint
npm test
npm run lint:firefox
npm run test:firefox
