#!/usr/bin/env bash
# Puts PostgreSQL 17 client tools (pg_dump, pg_restore, psql) on PATH for `pnpm db:backup` and
# `pnpm db:restore`. Source it: `. scripts/pg-tools.sh` (scripts/test-tools.sh does). Idempotent; does not set -e.
#
# A PostgreSQL 17 server needs pg_dump 17 or newer. The embedded server ships no client tools, and
# Debian 12 (bookworm) carries only PostgreSQL 15. Newer Debian releases have postgresql-client-17:
# installed with apt there. On bookworm, Debian 13's packages are unpacked into $TOOLCHAIN_DIR/pg17
# (no system change) and run with Debian 13's own C library through small wrapper scripts.
TOOLCHAIN_DIR="${TOOLCHAIN_DIR:-$HOME/.cache/site-toolchain}"
PG_TOOLS_DIR="$TOOLCHAIN_DIR/pg17"

pg_tools_ok() {
  command -v pg_dump >/dev/null 2>&1 && command -v pg_restore >/dev/null 2>&1 || return 1
  [ "$(pg_dump --version | sed -E 's/.* ([0-9]+)(\.[0-9]+)*( .*)?$/\1/')" -ge 17 ] 2>/dev/null
}

install_pg_tools_from_debian_13() {
  local mirror=http://deb.debian.org/debian work packages
  work=$(mktemp -d)
  echo "pg-tools: unpacking PostgreSQL 17 client tools from Debian 13 into $PG_TOOLS_DIR"
  curl -fsS "$mirror/dists/trixie/main/binary-amd64/Packages.xz" | xz -dc >"$work/Packages" || return 1
  # The client and the libraries bookworm lacks in a compatible version (C library, libpq 17, LDAP).
  packages='postgresql-client-17 libpq5 libc6 libldap2'
  for package in $packages; do
    local file
    file=$(awk -v want="$package" '$1 == "Package:" { hit = ($2 == want) } hit && $1 == "Filename:" { print $2; exit }' "$work/Packages")
    [ -n "$file" ] || { echo "pg-tools: $package not found in Debian 13's index" >&2; return 1; }
    curl -fsS -o "$work/$package.deb" "$mirror/$file" || return 1
    dpkg-deb -x "$work/$package.deb" "$work/root" || return 1
  done
  rm -rf "$PG_TOOLS_DIR" && mkdir -p "$PG_TOOLS_DIR/bin"
  mv "$work/root" "$PG_TOOLS_DIR/root" && rm -rf "$work"
  local lib="$PG_TOOLS_DIR/root/usr/lib/x86_64-linux-gnu"
  for tool in pg_dump pg_restore psql; do
    cat >"$PG_TOOLS_DIR/bin/$tool" <<EOF
#!/bin/sh
exec "$lib/ld-linux-x86-64.so.2" --library-path "$lib:/usr/lib/x86_64-linux-gnu:/lib/x86_64-linux-gnu" "$PG_TOOLS_DIR/root/usr/lib/postgresql/17/bin/$tool" "\$@"
EOF
    chmod +x "$PG_TOOLS_DIR/bin/$tool"
  done
}

if ! pg_tools_ok; then
  for dir in /usr/lib/postgresql/1[7-9]/bin "$PG_TOOLS_DIR/bin"; do
    [ -x "$dir/pg_dump" ] && export PATH="$dir:$PATH" && break
  done
fi
if ! pg_tools_ok; then
  if [ "$(id -u)" = 0 ] && apt-cache show postgresql-client-17 >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client-17 >/dev/null
    export PATH="/usr/lib/postgresql/17/bin:$PATH"
  elif [ "$(uname -m)" = x86_64 ] && command -v dpkg-deb >/dev/null 2>&1; then
    install_pg_tools_from_debian_13 && export PATH="$PG_TOOLS_DIR/bin:$PATH"
  fi
fi
if pg_tools_ok; then
  echo "pg-tools: $(pg_dump --version)"
else
  echo "pg-tools: no pg_dump 17 or newer; install PostgreSQL 17 client tools for backups" >&2
fi
