#!/usr/bin/env bash
# Installs what the tests need beyond npm packages, when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ]; then
  echo "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
fi
