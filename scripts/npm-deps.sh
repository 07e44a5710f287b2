#!/usr/bin/env bash
# Install the npm packages from package-lock.json when node_modules is missing or was installed from another lock
# (compared by content: a fresh clone's or a worktree's files all have new modification times). Never downloads a
# browser (.puppeteerrc.cjs skips it; puppeteer-core has none anyway).
set -euo pipefail
cd "$(dirname "$0")/.."
want=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.exhibits-lock-sha256
if [ ! -d node_modules ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "Installing npm packages…" >&2
  PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
