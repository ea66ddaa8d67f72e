#!/usr/bin/env bash
# Installs what the tests need beyond npm packages, when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages install as root, or through passwordless sudo (GitHub runners); never prompts.
can_install() { command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || sudo -n true 2>/dev/null; }; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi; }

if [ ! -d node_modules ]; then
  echo "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
fi

# promtool runs the Prometheus rule unit tests of alerts/*/promtool (Debian's "prometheus" package has it).
if ! command -v promtool >/dev/null 2>&1; then
  if can_install; then
    echo "installing promtool (apt-get install prometheus)"
    as_root apt-get update && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends prometheus
  else
    echo "promtool is missing: install Debian's prometheus package (sudo apt-get install prometheus) or put promtool on PATH"
    exit 1
  fi
fi

# The preview end-to-end test (apps/preview) runs a real Prometheus scraping a real node-exporter.
if ! command -v prometheus >/dev/null 2>&1 || ! { command -v prometheus-node-exporter >/dev/null 2>&1 || command -v node_exporter >/dev/null 2>&1; }; then
  if can_install; then
    echo "installing prometheus and prometheus-node-exporter (apt-get install prometheus prometheus-node-exporter)"
    as_root apt-get update && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends prometheus prometheus-node-exporter
  else
    echo "prometheus or prometheus-node-exporter is missing: install Debian's packages (sudo apt-get install prometheus prometheus-node-exporter) or put both on PATH"
    exit 1
  fi
fi

# grizzly's grr, the independent client the grafana-double is checked with (built once per version into .tools/bin).
bash scripts/tools/grizzly.sh
