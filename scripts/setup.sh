#!/usr/bin/env bash
# Installs what a fresh Debian 12 + Node 20 machine lacks. Idempotent and
# quiet when all is there.
#
#   bash scripts/setup.sh                 everything the tests need: chromium, firefox-esr, npm packages
#   bash scripts/setup.sh chromium        only these Debian packages (the demo: chromium), plus npm packages
#
# Known packages: chromium, firefox-esr. The npm packages come from the
# lock file (npm ci), only when it changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/.."

wanted=("$@")
[ ${#wanted[@]} -gt 0 ] || wanted=(chromium firefox-esr)

need_apt=()
for pkg in "${wanted[@]}"; do
  case "$pkg" in
    chromium) cmd=chromium ;;
    firefox-esr) cmd=firefox-esr ;;
    *) echo "setup: unknown package '$pkg' (known: chromium, firefox-esr)" >&2; exit 2 ;;
  esac
  command -v "$cmd" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing ${need_apt[*]} from Debian"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null; }; then
    echo "setup: could not install ${need_apt[*]} with apt-get (no network or no rights?)." >&2
    echo "       Install it yourself: sudo apt-get install ${need_apt[*]}" >&2
    exit 1
  fi
fi

# npm ci only when the lock file changed since the last install.
# WXT 0.21 declares Node >= 22 (it and @topcli/prompts, used by `wxt init`
# only); it builds, zips and tests on Node 20, which CI runs (README "The
# two commands"). Those two engine warnings are folded into one line; any
# other warning is printed as npm wrote it.
stamp=node_modules/.ec-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  echo "setup: installing npm packages (npm ci)"
  if ! npm ci --no-audit --no-fund 2>&1 | awk '
    /npm warn EBADENGINE Unsupported engine \{/ { block = $0 "\n"; inblock = 1; next }
    inblock { block = block $0 "\n"; if ($0 ~ /^npm warn EBADENGINE \}/) {
        inblock = 0
        if (block ~ /package: .(wxt|@topcli\/prompts)@/) folded = 1; else printf "%s", block
      }; next }
    { print }
    END { if (folded) print "setup: note: wxt declares Node >= 22; it works on Node 20 (README, \"The two commands\")" }
  '; then
    echo "setup: npm ci failed (see above). Is the npm registry reachable?" >&2
    exit 1
  fi
  cp package-lock.json "$stamp"
fi
