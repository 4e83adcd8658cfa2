#!/usr/bin/env bash
# Gets the programs the tests drive besides Node and pnpm: Debian's Chromium (the browser tests),
# nginx with its brotli module (the site tests run the public entry's own configuration, web/nginx/)
# and PostgreSQL 17 client tools (the backup tests, through scripts/pg-tools.sh). Run by `pnpm test`
# and by .ci/run, so a newcomer's machine gets what CI's gets.
#
# Where it can install (root, or sudo without a password, on Debian or Ubuntu) it does; otherwise it
# names what is missing and the command that installs it, and exits 1 before any test runs.
# Idempotent: with everything present it installs nothing and asks no network.
set -uo pipefail
cd "$(dirname "$0")/.."

CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
NGINX=${NGINX_PATH:-/usr/sbin/nginx}
BROTLI_MODULE=/etc/nginx/modules-enabled/50-mod-http-brotli-static.conf

missing_packages() {
  local packages=()
  [ -x "$CHROMIUM" ] || packages+=(chromium)
  if [ -z "${NGINX_PATH:-}" ]; then
    [ -x "$NGINX" ] && [ -e "$BROTLI_MODULE" ] || packages+=(nginx libnginx-mod-http-brotli-static)
  else
    [ -x "$NGINX" ] || packages+=(nginx)
  fi
  # scripts/pg-tools.sh fetches PostgreSQL 17's client tools with these where apt has none.
  command -v curl >/dev/null 2>&1 || packages+=(curl)
  command -v xz >/dev/null 2>&1 || packages+=(xz-utils)
  echo "${packages[@]}"
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo -n "$@"; else return 1; fi
}

missing=$(missing_packages)
if [ -n "$missing" ]; then
  if command -v apt-get >/dev/null 2>&1 && as_root true; then
    echo "test-tools: installing $missing from Debian's packages"
    as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
    missing=$(missing_packages)
  fi
fi
if [ -n "$missing" ]; then
  {
    echo "test-tools: the tests need programs this machine does not have: $missing"
    echo "  On Debian or Ubuntu, install them with:"
    echo "    sudo apt-get install -y $missing"
    echo "  Elsewhere: point CHROMIUM_PATH at a Chromium and NGINX_PATH at an nginx built with the brotli_static module."
  } >&2
  exit 1
fi

# Puts pg_dump 17 in reach (apt, or Debian 13's packages unpacked into the toolchain folder).
# shellcheck source=pg-tools.sh
. scripts/pg-tools.sh
pg_tools_ok || {
  echo "test-tools: the backup tests need pg_dump and pg_restore 17 or newer; install PostgreSQL 17 client tools, or point PG_BIN_DIR at them" >&2
  exit 1
}
echo "test-tools: $("$CHROMIUM" --version 2>/dev/null | head -1), $("$NGINX" -v 2>&1 | head -1)"
