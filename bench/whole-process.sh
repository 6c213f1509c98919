#!/usr/bin/env bash
# Whole-process benchmark: publishes strata and bench/Hello the same way, then times each command as a
# new process paired run by run with hello (bench/Strata.WholeProcess), reported as ratios.
# Usage: bench/whole-process.sh [aot|r2r|jit] [pairs]
#   aot  what `dotnet publish -c Release` and the linux-x64 tool package give (default)
#   r2r  self-contained composite ReadyToRun
#   jit  framework-dependent, what `dotnet run` and the `any` tool package give
# The README's figures come from this script; run it on a quiet machine and say how loaded it was.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-aot}
pairs=${2:-30}
out=artifacts/bench/$build
case $build in
  aot) props=() ;;
  r2r) props=(-r linux-x64 --self-contained -p:PublishAot=false -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true) ;;
  jit) props=(-p:PublishAot=false) ;;
  *) echo "usage: $0 [aot|r2r|jit] [pairs]" >&2; exit 2 ;;
esac
dotnet publish src/Strata.Cli -c Release "${props[@]}" -o "$out/strata" --nologo -v quiet
dotnet publish bench/Hello -c Release "${props[@]}" -o "$out/hello" --nologo -v quiet
synth=artifacts/bench/synth-1000-$(sha256sum src/Strata.Catalog/Synthetic/SyntheticCatalog.cs | cut -c1-12)  # written again when the generator changes
[ -d "$synth" ] || "$out/strata/strata" catalog synth --technologies 1000 --seed 1 "$synth" >/dev/null
dotnet build bench/Strata.WholeProcess -c Release --nologo -v quiet >/dev/null
dotnet bench/Strata.WholeProcess/bin/Release/net10.0/Strata.WholeProcess.dll --strata "$out/strata/strata" --hello "$out/hello/hello" \
  --root . --runs "$pairs" --synth "$synth" --label "$build build"
