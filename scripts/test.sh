#!/usr/bin/env bash
# Runs every test: unit, integration on PGlite and on Postgres, and the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh
NEED_POSTGRES=1 source scripts/services.sh
pnpm install --frozen-lockfile --reporter=silent
pnpm --filter @revops/web build >/dev/null
pnpm test
