#!/usr/bin/env bash
# Shared by scripts/tools/*.sh: the workspace tools folder, the version stamp and a niced Go.
# Each tool lands in .tools/bin/<name> with .tools/bin/<name>.version holding the pinned version.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
workspace=$(pwd)
tools_bin="$workspace/.tools/bin"
mkdir -p "$tools_bin"

if ! command -v go >/dev/null 2>&1; then
  echo "tools: Go is not installed: install Go 1.26 or newer (https://go.dev/dl/) and run bash scripts/install-tools.sh" >&2
  exit 1
fi

# True when every named binary exists and its stamp says `version`.
tool_is_current() {
  local version=$1; shift
  local name
  for name in "$@"; do
    [ -x "$tools_bin/$name" ] && [ "$(cat "$tools_bin/$name.version" 2>/dev/null)" = "$version" ] || return 1
  done
}

# Writes the stamp after a successful build, so an interrupted build is retried.
mark_built() {
  local version=$1; shift
  local name
  for name in "$@"; do echo "$version" > "$tools_bin/$name.version"; done
}

# Other helpers share the machine's cores: every compile runs at the lowest priority.
nice_go() { GOFLAGS="${GOFLAGS:-} -buildvcs=false" nice -n 19 go "$@"; }
