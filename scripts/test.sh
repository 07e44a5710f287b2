#!/usr/bin/env bash
# `npm test`: install what is missing, then lint (biome, line lengths), type-check and run every test: both tiers,
# unit and e2e, in one vitest run (see vitest.config.ts; the e2e tier uses the real Chromium). `npm run test:unit`
# runs the fast tier alone.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
bash scripts/npm-deps.sh
npm run -s lint
# The type check runs beside the tests (one core for a few seconds, while vitest starts); its errors are printed
# after them, and either failing fails the run.
typecheck=$(mktemp)
npx tsc --noEmit -p . >"$typecheck" 2>&1 &
tsc=$!
status=0
npx vitest run "$@" || status=$?
if ! wait "$tsc"; then
  cat "$typecheck" >&2
  echo "npm test: the type check failed (npx tsc --noEmit -p .)" >&2
  status=1
fi
rm -f "$typecheck"
exit "$status"
