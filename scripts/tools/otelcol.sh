#!/usr/bin/env bash
# Builds an OpenTelemetry Collector with the components the generated configurations use, with the
# OpenTelemetry Collector Builder, into .tools/bin/otelcol. The tests run its `validate` on every generated
# configuration and the preview runs it as the recipe's metrics pipeline.
# awsxrayexporter is left out: the module proxy refuses contrib v0.162.0-v0.165.1 of it and serves no
# sigv4authextension at v0.161.0, so no single release has both (README, "Real collector").
source "$(dirname "$0")/common.sh"

core="${OTELCOL_CORE_VERSION:-v0.165.0}"
contrib="${OTELCOL_CONTRIB_VERSION:-v0.165.1}"
version="$core+contrib-$contrib"
tool_is_current "$version" otelcol && exit 0

echo "tools: building otelcol (collector core $core, contrib $contrib) with the OpenTelemetry Collector Builder; about 11 minutes on 2 cores with cold Go caches"
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
GOBIN="$work" nice_go install "go.opentelemetry.io/collector/cmd/builder@$core"
core_mod=go.opentelemetry.io/collector
contrib_mod=github.com/open-telemetry/opentelemetry-collector-contrib
cat > "$work/manifest.yaml" <<YAML
dist:
  name: otelcol
  description: OpenTelemetry Collector for the o11y workspace tests and preview
  output_path: $work/dist
  version: ${core#v}
receivers:
  - gomod: $core_mod/receiver/otlpreceiver $core
  - gomod: $contrib_mod/receiver/prometheusreceiver $contrib
processors:
  - gomod: $core_mod/processor/batchprocessor $core
  - gomod: $core_mod/processor/memorylimiterprocessor $core
exporters:
  - gomod: $core_mod/exporter/debugexporter $core
  - gomod: $core_mod/exporter/otlpexporter $core
  - gomod: $contrib_mod/exporter/prometheusremotewriteexporter $contrib
extensions:
  - gomod: $contrib_mod/extension/sigv4authextension $contrib
  - gomod: $contrib_mod/extension/healthcheckextension $contrib
YAML
# The builder runs go mod tidy and go build itself; nice covers them as its children.
(cd "$work" && GOFLAGS="${GOFLAGS:-} -buildvcs=false" nice -n 19 ./builder --config manifest.yaml)
cp "$work/dist/otelcol" "$tools_bin/otelcol"
mark_built "$version" otelcol
echo "tools: built .tools/bin/otelcol ($version)"
