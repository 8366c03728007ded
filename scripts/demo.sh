#!/usr/bin/env bash
# One command: installs, builds and starts API + worker + dashboard on embedded storage, then prints the URL.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh
source scripts/services.sh
pnpm install --frozen-lockfile --reporter=silent
pnpm --filter @revops/web build >/dev/null
exec node scripts/demo.ts "$@"
