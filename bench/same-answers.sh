#!/usr/bin/env bash
# Writes `strata recommend FILE -o json` for every example (examples/*.yaml, examples/reference/*.yaml) and, with a
# second directory, the synthetic catalogue's `recommend edge --top 10 -o json`, into OUT; run it with the binary
# before and after a change to the decision path and `diff -r` the two directories: a change that should not move
# any answer must leave them byte-identical.
# Usage: bench/same-answers.sh OUT [strata command, default: the Release build run with dotnet] [synthetic catalogue dir]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: $0 OUT [strata] [synthetic-dir]}
strata=${2:-"dotnet src/Strata.Cli/bin/Release/net10.0/strata.dll"}
synth=${3:-}
mkdir -p "$out"
for f in examples/*.yaml examples/reference/*.yaml; do
  name=$(echo "$f" | tr / _)
  # A domain "no" (exit 1) is an answer too; only a crash or bad input stops the script.
  rc=0; $strata recommend "$f" -o json > "$out/$name.json" 2> "$out/$name.err" || rc=$?
  [ "$rc" -le 1 ] || { echo "$f: exit $rc" >&2; cat "$out/$name.err" >&2; exit 1; }
  echo "$rc" > "$out/$name.rc"
done
if [ -n "$synth" ]; then
  $strata recommend edge --catalog "$synth" --top 10 -o json > "$out/synthetic.json"
fi
echo "$(ls "$out"/*.json | wc -l) answers in $out"
