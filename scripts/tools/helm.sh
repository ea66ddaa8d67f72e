#!/usr/bin/env bash
# Builds Helm 3 into .tools/bin at a pinned version (the tests run helm lint and helm template on every chart).
source "$(dirname "$0")/common.sh"

version="${HELM_VERSION:-v3.22.0}"
tool_is_current "$version" helm && exit 0

echo "tools: building helm $version (helm.sh/helm/v3)"
GOBIN="$tools_bin" nice_go install -ldflags "-X helm.sh/helm/v3/internal/version.version=$version" "helm.sh/helm/v3/cmd/helm@$version"
mark_built "$version" helm
echo "tools: built .tools/bin/helm $version"
