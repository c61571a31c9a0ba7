#!/usr/bin/env bash
# Installs Debian's Redmine (sqlite3 backend) and the Thin web server for the
# e2e tests. Idempotent and quiet: a no-op (well under a second) when all is in
# place. Starts no system service and creates no system database: each test
# runs its own Redmine on loopback with its own sqlite file
# (tests/redmine/redmine.ts).
#
# Usage (as root): bash tests/redmine/setup.sh
set -euo pipefail

# thin: Debian's Redmine Gemfile loads it when installed, so a web server comes
# from Debian's packages alone (no passenger, no Apache).
pkgs=(redmine redmine-sqlite thin sqlite3)
lock=/var/lib/redmine/Gemfile.lock

if [ "$(id -u)" -ne 0 ]; then
  echo "tests/redmine/setup.sh: must run as root" >&2
  exit 1
fi

missing=()
for p in "${pkgs[@]}"; do
  status="$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)"
  [ "$status" = installed ] || missing+=("$p")
done

log=/tmp/redmine-e2e-apt.log
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
  # --no-install-recommends: Redmine recommends passenger (and Apache with it).
  apt_retry apt-get install -y -qq --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${pkgs[@]}"
}

if [ ${#missing[@]} -gt 0 ]; then
  echo "tests/redmine/setup.sh: installing ${missing[*]}"
  own_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    own_policy=1
  fi
  trap 'if [ "$own_policy" = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi' EXIT
  export DEBIAN_FRONTEND=noninteractive
  # dbconfig-common would otherwise create and migrate a system database for
  # the "default" instance (a minute nobody uses); each test makes its own.
  printf '%s\n' \
    'redmine redmine/instances/default/dbconfig-install boolean false' \
    'redmine redmine/instances/default/database-type select sqlite3' \
    | debconf-set-selections
  # Package lists may be missing or stale (a 404 on an old version): update only then.
  install || { apt_retry apt-get update -qq && install; } || { tail -n 30 "$log" >&2; exit 1; }
fi

# Debian's postinst locks the gems before dbconfig writes database.yml, so the
# lock can miss the sqlite3 adapter: re-lock from the installed gems (offline),
# as the package's own trigger does.
if ! grep -qE '^    sqlite3 ' "$lock" 2>/dev/null || ! grep -qE '^    thin ' "$lock"; then
  (cd /usr/share/redmine && rm -f "$lock" && bundle install --local --quiet >/tmp/redmine-e2e-bundle.log 2>&1) \
    || { tail -n 30 /tmp/redmine-e2e-bundle.log >&2; exit 1; }
  chown www-data:www-data "$lock"
fi
