#!/usr/bin/env bash
# Writes every output of `strata fleet plan` that a change to planning must leave byte-identical, for the example
# inventories (with and without --map) and a synthetic one: -o json, -o jsonl, -o summary, the --jsonl file and the
# --manifests directory (RuntimeClasses, label script, merge patches). Run it with the binary before and after a
# change, then compare: `diff -r BEFORE_DIR AFTER_DIR` (no output = identical).
# Usage: bench/fleet-outputs.sh STRATA OUT_DIR [SYNTH_NODES]
#   STRATA       a strata command, e.g. "dotnet src/Strata.Cli/bin/Release/net10.0/strata.dll" or /tmp/g-aot/strata
#   OUT_DIR      where the outputs go (created; existing files are replaced)
#   SYNTH_NODES  nodes of the synthetic NodeList (default 20000, seed 1; written once to artifacts/bench/fleet)
set -euo pipefail
cd "$(dirname "$0")/.."
strata=$1
out=$2
n=${3:-20000}
mkdir -p "$out" artifacts/bench/fleet
synth=artifacts/bench/fleet/outputs-synth-$n.json
[ -s "$synth" ] || $strata fleet synth --nodes "$n" --seed 1 > "$synth"
run() { # name inventory args...
  local name=$1 inventory=$2
  shift 2
  rm -rf "$out/$name"
  mkdir -p "$out/$name"
  for o in json jsonl summary; do
    $strata fleet plan "$inventory" "$@" -o "$o" > "$out/$name/plan.$o" 2>/dev/null || echo "exit $?" >> "$out/$name/plan.$o"
  done
  $strata fleet plan "$inventory" "$@" --manifests "$out/$name/manifests" --jsonl "$out/$name/nodes.jsonl" -o json > /dev/null 2>&1 || true
}
run example-edge examples/fleet/nodes.json --profile edge
run example-map examples/fleet/nodes.json --profile edge --map examples/fleet/fleet.map
run example-microservices examples/fleet/nodes.json --profile microservices
run synth-edge "$synth" --profile edge
run synth-map "$synth" --profile edge --map examples/fleet/fleet.map
echo "wrote $(find "$out" -type f | wc -l) files to $out"
