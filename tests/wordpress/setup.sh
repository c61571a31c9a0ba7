#!/usr/bin/env bash
# Installs Debian's WordPress stack for the e2e tests and the per-host config
# Debian's wp-config.php looks for. Idempotent and quiet: a no-op (well under a
# second) when everything is in place. Starts no system service: the tests run
# their own private MariaDB and Apache on loopback (tests/wordpress/wordpress.ts).
#
# Usage (as root): bash tests/wordpress/setup.sh [host ...]   (default: wp-demo.test wp-smoke.test)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
hosts=("$@")
[ ${#hosts[@]} -gt 0 ] || hosts=(wp-demo.test wp-smoke.test)

pkgs=(wordpress mariadb-server apache2 libapache2-mod-php8.2 php8.2-mysql php8.2-gd php8.2-xml php8.2-mbstring php8.2-curl)

if [ "$(id -u)" -ne 0 ]; then
  echo "tests/wordpress/setup.sh: must run as root" >&2
  exit 1
fi

missing=()
for p in "${pkgs[@]}"; do
  status="$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)"
  [ "$status" = installed ] || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "tests/wordpress/setup.sh: installing ${missing[*]}"
  # Without a policy-rc.d the postinst scripts would start system Apache (:80)
  # and MariaDB; forbid that for the duration of the install only.
  own_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    own_policy=1
  fi
  trap 'if [ "$own_policy" = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi' EXIT
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
    "${pkgs[@]}" >/tmp/wp-e2e-apt.log 2>&1 || { tail -n 30 /tmp/wp-e2e-apt.log >&2; exit 1; }
fi

# Debian's /usr/share/wordpress/wp-config.php loads /etc/wordpress/config-<host>.php.
# Ours only forwards to the running test instance's own config (WP_E2E_DIR).
mkdir -p /etc/wordpress
for h in "${hosts[@]}"; do
  case "$h" in
    *[!A-Za-z0-9.-]*|'') echo "tests/wordpress/setup.sh: bad host name: $h" >&2; exit 1 ;;
  esac
  target="/etc/wordpress/config-$h.php"
  if ! cmp -s "$here/config-host.php" "$target"; then
    install -m 0644 "$here/config-host.php" "$target"
  fi
done
