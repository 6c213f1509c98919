#!/usr/bin/env bash
# Runs every test of Strata. Installs what the tests need first (the JSON Schema checker's npm
# packages), so it works on a fresh machine. Usage: ./test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v node >/dev/null 2>&1; then
  echo "test.sh: installing Node.js (the JSON Schema tests run ajv)" >&2
  apt-get update -qq && apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
if ! command -v chromium >/dev/null 2>&1; then
  echo "test.sh: installing Debian's chromium (the HTML report test renders in it)" >&2
  apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
if [ ! -d tools/schema-check/node_modules ]; then
  (cd tools/schema-check && npm ci --no-audit --no-fund --loglevel=error)
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Strata.slnx -c Release --nologo "$@" 2>&1 | tee "$log" || status=$?

# One closing line for the whole suite, summed over the test projects.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit $status
