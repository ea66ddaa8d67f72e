#!/usr/bin/env bash
# Builds grizzly's grr (Grafana Labs' archived CLI) into .tools/bin/grr, once per version.
# `go install …@v0.7.1` fails on the proxy's version list, so it is built from a throwaway module.
set -euo pipefail
cd "$(dirname "$0")/../.."

version="${GRIZZLY_VERSION:-v0.7.1}"
out=".tools/bin/grr"
stamp=".tools/bin/grr.version"

if ! command -v go >/dev/null 2>&1; then
  echo "grizzly: go is not on PATH, not building grr (the grizzly test skips with a reason)"
  exit 0
fi
if [ -x "$out" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$version" ]; then
  exit 0
fi

mkdir -p .tools/bin
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/go.mod" <<MOD
module grizzly-build

go 1.23

require github.com/grafana/grizzly $version
MOD
cat > "$work/tools.go" <<'GO'
//go:build tools

package tools

import _ "github.com/grafana/grizzly/cmd/grr"
GO
echo "grizzly: building grr $version into $out (about a minute)"
(cd "$work" && GOFLAGS=-buildvcs=false nice -n 19 go mod tidy && GOFLAGS=-buildvcs=false nice -n 19 go build -o "$OLDPWD/$out" github.com/grafana/grizzly/cmd/grr)
echo "$version" > "$stamp"
echo "grizzly: built $out"
