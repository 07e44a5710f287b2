#!/usr/bin/env bash
# `npm test`: install what is missing, type-check, then run every test: both tiers, unit and e2e, in one vitest run
# (see vitest.config.ts; the e2e tier uses the real Chromium). `npm run test:unit` runs the fast tier alone.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
bash scripts/npm-deps.sh
npx tsc --noEmit -p .
npx vitest run "$@"
