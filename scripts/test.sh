#!/usr/bin/env bash
# `npm test`: install what is missing, type-check, then run every test (browser tests use the real Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
bash scripts/npm-deps.sh
npx tsc --noEmit -p .
npx vitest run "$@"
