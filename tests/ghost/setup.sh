#!/usr/bin/env bash
# Installs Ghost 5 (npm, pinned in tests/ghost/VERSION) with its sqlite3
# driver for the e2e tests, into a cache dir outside the repository:
#   $EC_GHOST_CACHE, else /var/cache/ec-ghost (root) or ~/.cache/ec-ghost,
#   then ghost-<version>/ (ready when it holds .ec-ready)
# Idempotent and quiet: a no-op when that is in place. Only the npm registry
# is used; the one native module Ghost needs (sqlite3) is built from source against
# Debian's node headers (npm_config_nodedir=/usr) and Debian's libsqlite3;
# the other install scripts are skipped (README). Nothing is started: each test runs its own Ghost on loopback
# with its own sqlite file (tests/ghost/ghost.ts).
#
# Usage: bash tests/ghost/setup.sh [--background]
#   --background  returns at once and installs in the background, holding the
#                 cache lock; the harness waits on that lock (scripts/test.sh
#                 starts it first, so the minutes of install overlap the
#                 lint and unit tests). Its log: <cache>/install.log.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
version="$(tr -d ' \n' < "$here/VERSION")"
# /var/cache/ec-ghost, or a user's own cache when not root (tests/ghost/ghost.ts looks in the same places).
if [ -n "${EC_GHOST_CACHE:-}" ]; then cache="$EC_GHOST_CACHE"
elif [ "$(id -u)" -eq 0 ]; then cache=/var/cache/ec-ghost
else cache="${XDG_CACHE_HOME:-$HOME/.cache}/ec-ghost"; fi
dest="$cache/ghost-$version"
log="$cache/install.log"

[ -f "$dest/.ec-ready" ] && exit 0
# What building sqlite3 from source needs, from Debian when a machine lacks it (before --background returns).
need=()
command -v make >/dev/null 2>&1 || need+=(make)
command -v g++ >/dev/null 2>&1 || need+=(g++)
command -v python3 >/dev/null 2>&1 || need+=(python3)
[ -f /usr/include/sqlite3.h ] || need+=(libsqlite3-dev)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "tests/ghost/setup.sh: installing ${need[*]}"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
mkdir -p "$cache"
# One install at a time; the harness takes the same lock (shared) before it looks.
exec 9>"$cache/.lock"

install_ghost() {
  flock 9
  [ -f "$dest/.ec-ready" ] && return 0
  # Under the lock, any other build dir is one a killed run left.
  rm -rf "$cache"/build-*
  local build
  build="$(mktemp -d "$cache/build-XXXXXX")"
  # A plain subshell (not in an || list, where bash ignores set -e).
  set +e
  (
    set -e
    echo "== $(date -u +%FT%TZ) ghost@$version"
    cd "$build"
    npm pack --silent "ghost@$version"
    tar xzf "ghost-$version.tgz"
    rm "ghost-$version.tgz"
    cd package
    # The published manifest is the monorepo's: its devDependencies hold git
    # URLs (GitHub, unreachable here) that npm resolves even with --omit=dev,
    # and its yarn "resolutions" mean npm "overrides".
    node -e '
      const fs = require("fs");
      const p = JSON.parse(fs.readFileSync("package.json", "utf8"));
      delete p.devDependencies;
      p.overrides = {};
      for (const [k, v] of Object.entries(p.resolutions || {})) p.overrides[k] = p.dependencies[k] === v ? "$" + k : v;
      delete p.resolutions;
      fs.writeFileSync("package.json", JSON.stringify(p, null, 2) + "\n");'
    # No install scripts: their prebuilt binaries would come from GitHub, and
    # re2 (only for bookmark-card unfurling) takes ~7 min to compile here.
    npm install --omit=dev --legacy-peer-deps --ignore-scripts --no-audit --no-fund --loglevel=error
    # The one native module Ghost needs: sqlite3, built from source against
    # Debian's node headers (/usr/include/node: no headers download) and
    # Debian's libsqlite3 (no amalgamation to compile).
    npm_config_nodedir=/usr npm_config_build_from_source=true npm_config_sqlite=/usr \
      npm rebuild sqlite3 --loglevel=error
    node -e 'require("sqlite3")'
    touch .ec-ready
    cd "$build"
    rm -rf "$dest"
    mv package "$dest"
    echo "== $(date -u +%FT%TZ) ready: $dest"
  ) >"$log" 2>&1
  local rc=$?
  set -e
  rm -rf "$build"
  if [ "$rc" -ne 0 ]; then
    echo "tests/ghost/setup.sh: installing ghost@$version failed (log: $log)" >&2
    tail -n 30 "$log" >&2
    return 1
  fi
  # Builds of other versions.
  find "$cache" -mindepth 1 -maxdepth 1 -name 'ghost-*' ! -name "ghost-$version" -exec rm -rf {} +
}

if [ "${1:-}" = --background ]; then
  # The lock is taken before this returns, so a harness started later waits for it.
  flock 9
  (install_ghost) </dev/null >/dev/null 2>&1 &
  exit 0
fi
install_ghost
