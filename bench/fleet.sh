#!/usr/bin/env bash
# Whole-process fleet benchmark: synthesises NodeLists of 10^5 and 10^6 nodes (strata fleet synth, seed 1) and times
# `strata fleet plan FILE --profile PROFILE -o json` as one process each: wall time, nodes/s, classes, peak RSS
# (/usr/bin/time -v). Targets (issue 11): 10^5 nodes <= 2 s, 10^6 nodes <= 10 s with peak RSS <= 1 GiB.
# Usage: bench/fleet.sh [STRATA_BINARY] [PROFILE]
#   STRATA_BINARY  default: the Native AOT binary, published to artifacts/bench/aot/strata if it is not there
#   PROFILE        default: edge
# Report the machine's load with the figures (uptime): the decisions, not the parsing, dominate on a loaded box.
# Wall time is compared with user+sys and the share of a core the process got (%CPU); involuntary context switches
# (preempted while runnable) against voluntary ones (the process waited) say whether a long wall is the box's load.
set -euo pipefail
cd "$(dirname "$0")/.."
strata=${1:-artifacts/bench/aot/strata/strata}
profile=${2:-edge}
if [ ! -x "$strata" ]; then
  dotnet publish src/Strata.Cli -c Release -o artifacts/bench/aot/strata --nologo -v quiet
fi
[ -x /usr/bin/time ] || apt-get install -y time >/dev/null
dir=artifacts/bench/fleet
mkdir -p "$dir"
echo "load: $(uptime)"
for n in 100000 1000000; do
  file=$dir/nodes-$n.json
  if [ ! -s "$file" ]; then
    /usr/bin/time -f "synth $n nodes: %e s, peak RSS %M KiB" "$strata" fleet synth --nodes "$n" --seed 1 > "$file"
  fi
  size=$(stat -L -c %s "$file")
  /usr/bin/time -v -o "$dir/time-$n.txt" "$strata" fleet plan "$file" --profile "$profile" -o json > "$dir/plan-$n.json" 2>"$dir/stderr-$n.txt" || [ $? -eq 1 ]
  wall=$(grep -F 'Elapsed (wall clock)' "$dir/time-$n.txt" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  user=$(grep -F 'User time' "$dir/time-$n.txt" | awk '{print $NF}')
  sys=$(grep -F 'System time' "$dir/time-$n.txt" | awk '{print $NF}')
  cpu=$(grep -F 'Percent of CPU' "$dir/time-$n.txt" | awk '{print $NF}')
  vcs=$(grep -F 'Voluntary context switches' "$dir/time-$n.txt" | awk '{print $NF}')
  ivcs=$(grep -F 'Involuntary context switches' "$dir/time-$n.txt" | awk '{print $NF}')
  rss=$(grep -F 'Maximum resident set size' "$dir/time-$n.txt" | awk '{print $NF}')
  classes=$(grep -m1 '"classes"' "$dir/plan-$n.json" | tr -dc '0-9')
  infeasible=$(grep -m1 '"infeasible_nodes"' "$dir/plan-$n.json" | tr -dc '0-9')
  awk -v n="$n" -v s="$size" -v w="$wall" -v u="$user" -v y="$sys" -v q="$cpu" -v vc="$vcs" -v ic="$ivcs" -v r="$rss" -v c="$classes" -v i="$infeasible" -v p="$profile" 'BEGIN {
    printf "plan %d nodes (%.0f MiB NodeList, profile %s): %.2f s wall, %.2f s user, %.2f s sys (%s CPU; context switches %d voluntary, %d involuntary), %.0f nodes/s, %d classes, %d infeasible nodes, peak RSS %.0f MiB\n",
      n, s/1048576, p, w, u, y, q, vc, ic, n/w, c, i, r/1024 }'
done
