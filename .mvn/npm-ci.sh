#!/usr/bin/env bash
# Installs a module's npm tooling (package.json + package-lock.json in the current directory) for the Maven build:
# `npm ci` when the lock file changed since the last install, nothing otherwise. npm's cache (~/.npm) keeps it fast
# and lets it work offline once fetched. Fails loudly when Node.js is missing: these checks are never skipped.
set -euo pipefail
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "ERROR: $(basename "$PWD") needs Node.js 20+ and npm on the PATH for its checks (none found)." >&2
  echo "       Install Node.js (e.g. apt-get install nodejs npm) and run the build again." >&2
  exit 1
fi
major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$major" -lt 20 ]; then
  echo "ERROR: Node.js 20+ is required, found $(node --version)." >&2
  exit 1
fi
stamp="node_modules/.flywheel-installed-lock.json"
if [ -f "$stamp" ] && cmp -s package-lock.json "$stamp"; then
  exit 0
fi
npm ci --no-audit --no-fund --prefer-offline --loglevel=error
cp package-lock.json "$stamp"
