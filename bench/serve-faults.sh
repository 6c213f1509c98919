#!/usr/bin/env bash
# The issue's fault figures for strata serve, which the suite runs only a few times: kill -9 during streams of
# POST /v1/decisions 50 times on SQLite and 10 times on PostgreSQL (a throwaway cluster), and the 10-minute soak of
# mixed traffic. They are tests/Strata.Server.Tests/DurabilityTests with longer settings; the figures are in their
# output (printed here) and the soak's report in the test project's bin directory. Loopback only, every loop bounded.
#   bench/serve-faults.sh [path/to/strata]   (default: the Native AOT binary test.sh installs, artifacts/tool/strata)
#   STRATA_KILL_ROUNDS (50), STRATA_SOAK_SECONDS (600), STRATA_SOAK_RATE (requests a second, 8: set it to 80 % of what
#   bench/serve.sh measured on the same machine and load)
set -euo pipefail
cd "$(dirname "$0")/.."
export STRATA_BINARY=${1:-${STRATA_BINARY:-artifacts/tool/strata}}
[ -x "$STRATA_BINARY" ] || { echo "serve-faults.sh: $STRATA_BINARY is not there; run ./test.sh (or pass a strata binary)" >&2; exit 2; }
STRATA_BINARY=$(realpath "$STRATA_BINARY")
export STRATA_KILL_ROUNDS=${STRATA_KILL_ROUNDS:-50}
export STRATA_SOAK_SECONDS=${STRATA_SOAK_SECONDS:-600}
export STRATA_SOAK_RATE=${STRATA_SOAK_RATE:-8}
echo "# machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $STRATA_KILL_ROUNDS kill rounds (PostgreSQL a fifth), soak ${STRATA_SOAK_SECONDS} s at ${STRATA_SOAK_RATE}/s"
dotnet test tests/Strata.Server.Tests -c Release --nologo --filter "FullyQualifiedName~DurabilityTests" --logger "console;verbosity=detailed"
