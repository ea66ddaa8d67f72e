#!/usr/bin/env bash
# Builds the Prometheus node_exporter into .tools/bin at a pinned version (the preview scrapes it).
source "$(dirname "$0")/common.sh"

version="${NODE_EXPORTER_VERSION:-v1.12.1}"
tool_is_current "$version" node_exporter && exit 0

echo "tools: building node_exporter $version (github.com/prometheus/node_exporter)"
GOBIN="$tools_bin" nice_go install "github.com/prometheus/node_exporter@$version"
mark_built "$version" node_exporter
echo "tools: built .tools/bin/node_exporter $version"
