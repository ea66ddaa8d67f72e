#!/usr/bin/env bash
# Runs every test of the workspace (typecheck, vitest and lint in every project) and ends with
# one "N passed, N failed" line. Prerequisites that tests need are installed first.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-test-prerequisites.sh || exit 1

rm -rf dist/test-results
npx nx run-many -t typecheck test lint --outputStyle=static "$@"
status=$?

npx tsx scripts/test-summary.ts "$status"
