#!/usr/bin/env bash
# Install the npm packages from package-lock.json when node_modules is missing or stale. Never downloads a
# browser (.puppeteerrc.cjs skips it; puppeteer-core has none anyway).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing npm packages…" >&2
  PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi
