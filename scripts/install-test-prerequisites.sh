#!/usr/bin/env bash
# Installs what the tests need beyond the repository: npm packages when missing, then the pinned Go tools
# (prometheus, promtool, node_exporter, helm, otelcol) into the git-ignored .tools/bin. No root, no system packages.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ]; then
  echo "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
fi

bash scripts/install-tools.sh
