#!/usr/bin/env bash
# Loopback load on strata serve: POST /v1/evaluate for examples/edge.yaml at 1, 8 and 64 concurrent clients, robustness
# off and on; once with the same body every time (what the page sends while weights stand still: answered from the
# server's cache; once more asking for gzip, as a browser does, and decompressing) and once with a new seed per request
# (every request decides). Each run is bounded in requests and
# seconds; the server is started on 127.0.0.1 and stopped at the end.
#   bench/serve.sh [path/to/strata]        (default: the Release build, run with dotnet)
set -euo pipefail
cd "$(dirname "$0")/.."
port=${STRATA_BENCH_PORT:-18190}
requests=${STRATA_BENCH_REQUESTS:-2000}
seconds=${STRATA_BENCH_SECONDS:-20}
tmp=$(mktemp -d)
if [ $# -ge 1 ]; then strata=("$1"); else
  dotnet build src/Strata.Cli -c Release -v q -nologo >/dev/null
  strata=(dotnet src/Strata.Cli/bin/Release/net10.0/strata.dll)
fi
"${strata[@]}" serve --urls "http://127.0.0.1:$port" --store "$tmp/bench.db" --max-evaluations 64 --time-limit 60 >"$tmp/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
node -e 'const fs=require("fs");const y=fs.readFileSync("examples/edge.yaml","utf8");for(const r of [false,true])fs.writeFileSync(process.argv[1]+"/edge-"+r+".json",JSON.stringify({profile:y,robustness:r}))' "$tmp"
echo "# machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); server RSS at start $(ps -o rss= -p $server) KiB"
for robustness in false true; do
  for mode in cached cached-gzip decides; do
    for clients in 1 8 64; do
      vary=(); [ "$mode" = decides ] && vary=(--vary-seed); [ "$mode" = cached-gzip ] && vary=(--gzip)
      n=$requests; [ "$mode" = decides ] && [ "$robustness" = true ] && n=$((requests / 10))
      printf 'robustness=%s %s clients=%s ' "$robustness" "$mode" "$clients"
      node bench/serve/load.mjs --url "http://127.0.0.1:$port/v1/evaluate" --body "$tmp/edge-$robustness.json" \
        --clients "$clients" --requests "$n" --seconds "$seconds" "${vary[@]}"
    done
  done
done
echo "# server RSS at end $(ps -o rss= -p $server) KiB"
