#!/usr/bin/env bash
# Builds Prometheus 3 (prometheus and promtool) into .tools/bin at a pinned module version.
# `go install` refuses the module (its go.mod has exclude/replace directives), so it is built as the main
# module from a writable copy of the module proxy's download.
source "$(dirname "$0")/common.sh"

version="${PROMETHEUS_MODULE_VERSION:-v0.316.0}"
tool_is_current "$version" prometheus promtool && exit 0

echo "tools: building prometheus and promtool $version (github.com/prometheus/prometheus)"
work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
dir=$(cd "$work" && GOFLAGS=-mod=mod nice_go mod download -json "github.com/prometheus/prometheus@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -n "$dir" ] || { echo "tools: go mod download gave no folder for github.com/prometheus/prometheus@$version" >&2; exit 1; }
cp -r "$dir/." "$work/src" && chmod -R u+w "$work/src"
# The module ships a go.work naming folders the module zip leaves out.
# Module v0.3XX.Y is Prometheus 3.XX.Y; --version shows it.
ldflags="-X github.com/prometheus/common/version.Version=3.${version#v0.3}"
(cd "$work/src" && export GOWORK=off &&
  nice_go build -ldflags "$ldflags" -o "$tools_bin/prometheus" ./cmd/prometheus &&
  nice_go build -ldflags "$ldflags" -o "$tools_bin/promtool" ./cmd/promtool)
mark_built "$version" prometheus promtool
echo "tools: built .tools/bin/prometheus and .tools/bin/promtool $version"
