#!/usr/bin/env bash
# Builds the pinned Go tools the tests and the preview run into the git-ignored .tools/bin, each once per
# version (scripts/tools/<tool>.sh). No root, no system packages, no services.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v go >/dev/null 2>&1; then
  echo "install-tools: Go is not installed: install Go 1.26 or newer (https://go.dev/dl/), then run bash scripts/install-tools.sh"
  exit 1
fi

for tool in prometheus node-exporter helm otelcol grizzly; do
  script="scripts/tools/$tool.sh"
  [ -f "$script" ] || continue
  bash "$script"
done
