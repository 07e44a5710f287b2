#!/usr/bin/env bash
# `npm run example`: install what is missing, then build the fixture case into out/ and verify it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
bash scripts/npm-deps.sh
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1767225600}"   # 2026-01-01T00:00:00Z: the example is reproducible
node bin/exhibits.js build fixtures/cases/valentino-v-kaitlyn-pan --out out
node bin/exhibits.js verify out/valentino-v-kaitlyn-pan
echo
echo "The bundle is in out/valentino-v-kaitlyn-pan/ (open bundle.pdf; one PDF per exhibit in exhibits/)."
