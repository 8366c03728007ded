#!/usr/bin/env bash
# Source me: brings Node 24 and pnpm into .tools/ from the npm registry (never touches the system Node).
# Why: docs/adr/0001-node-24-from-npm.md
_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_tools="$_root/.tools"
_node_major=24
_pnpm_version=10.34.9
if ! "$_tools/node_modules/.bin/node" --version 2>/dev/null | grep -q "^v$_node_major\." \
  || ! "$_tools/node_modules/.bin/pnpm" --version 2>/dev/null | grep -qx "$_pnpm_version"; then
  command -v npm >/dev/null || { echo "toolchain: npm is needed once to fetch Node $_node_major (install Debian's 'npm' package)" >&2; return 1 2>/dev/null || exit 1; }
  echo "toolchain: installing node@$_node_major and pnpm@$_pnpm_version into $_tools" >&2
  mkdir -p "$_tools"
  npm install --prefix "$_tools" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    "node@$_node_major" "pnpm@$_pnpm_version" >&2 || { echo "toolchain: npm install failed" >&2; return 1 2>/dev/null || exit 1; }
fi
export PATH="$_tools/node_modules/.bin:$_root/node_modules/.bin:$PATH"
unset _root _tools _node_major _pnpm_version
