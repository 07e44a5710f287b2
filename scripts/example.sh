#!/usr/bin/env bash
# `npm run example`: install what is missing, then build the fixture case into out/ and verify it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
bash scripts/npm-deps.sh
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1776000000}"   # 2026-04-12T13:20:00Z, after every capture of the fixture: the example is reproducible
node bin/exhibits.js check fixtures/cases/valentino-v-kaitlyn-pan
node bin/exhibits.js build fixtures/cases/valentino-v-kaitlyn-pan --out out
node bin/exhibits.js verify out/valentino-v-kaitlyn-pan
echo
echo "The bundles are in out/valentino-v-kaitlyn-pan/public/ (redacted, for the public docket) and"
echo "out/valentino-v-kaitlyn-pan/sealed/ (unredacted, to file under seal): open bundle.pdf, one PDF per"
echo "exhibit in exhibits/, and the Schedule A, exhibit index, damages table and 902 certification in appendices/."
