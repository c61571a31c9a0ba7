#!/usr/bin/env bash
# Installs Debian's MediaWiki with the sqlite backend, and the Apache + mod_php
# that serves it, for the e2e tests. Idempotent and quiet: a no-op (well under
# a second) when everything is in place. Starts no system service and writes
# no site configuration: each test runs its own Apache on loopback with its
# own LocalSettings.php and sqlite files (tests/mediawiki/mediawiki.ts).
#
# Usage (as root): bash tests/mediawiki/setup.sh
set -euo pipefail

pkgs=(mediawiki php8.2-sqlite3 php8.2-cli apache2 libapache2-mod-php8.2 php8.2-mbstring php8.2-xml php8.2-intl)

if [ "$(id -u)" -ne 0 ]; then
  echo "tests/mediawiki/setup.sh: must run as root" >&2
  exit 1
fi

missing=()
for p in "${pkgs[@]}"; do
  status="$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)"
  [ "$status" = installed ] || missing+=("$p")
done
[ ${#missing[@]} -gt 0 ] || exit 0

log=/tmp/mediawiki-e2e-apt.log
# Another session may hold the dpkg lock: wait for it politely (up to ~10 min).
apt_retry() {
  local i
  for i in $(seq 1 60); do
    if "$@" >"$log" 2>&1; then return 0; fi
    grep -qiE 'Could not get lock|dpkg frontend lock|is another process using it' "$log" || return 1
    sleep 10
  done
  return 1
}
install() {
  # --no-install-recommends: MediaWiki recommends a MySQL server, ImageMagick, Lua…
  apt_retry apt-get install -y -qq --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${pkgs[@]}"
}

echo "tests/mediawiki/setup.sh: installing ${missing[*]}"
# Without a policy-rc.d the postinst scripts would start system Apache (:80).
own_policy=0
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod 755 /usr/sbin/policy-rc.d
  own_policy=1
fi
trap 'if [ "$own_policy" = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi' EXIT
export DEBIAN_FRONTEND=noninteractive
# Package lists may be missing or stale (a 404 on an old version): update only then.
install || { apt_retry apt-get update -qq && install; } || { tail -n 30 "$log" >&2; exit 1; }
