#!/usr/bin/env bash
# A container engine's own share of a container start (the catalogue's `startup` at measure `pod-start-path` for the
# container-engine layer): each engine runs the same busybox /bin/true with runc, and the bare `runc run` of the same
# rootfs is timed in the same rounds; share = median(engine run) - median(runc run).
#
# Needs root, the Debian packages runc containerd docker.io podman busybox-static python3, and running daemons:
#   containerd &   dockerd --containerd=/run/containerd/containerd.sock --iptables=false --bridge=none &
# Usage: bench/engine-start.sh [ROUNDS] [WORKDIR]   (default 60 rounds; the first 3 are discarded as warm-up)
# Results of the runs behind the catalogue's figures: bench/engine-start-results.md.
set -euo pipefail
ROUNDS=${1:-60}
(( ROUNDS >= 5 )) || { echo "need at least 5 rounds (3 are warm-up)" >&2; exit 2; }
WORK=${2:-/tmp/strata-engine-start}
DOCKER=/usr/bin/docker   # the docker.io client that matches the daemon
IMAGE=strata-bench/busybox:1

mkdir -p "$WORK/bundle/rootfs/bin" "$WORK/bundle/rootfs/proc" "$WORK/bundle/rootfs/sys" "$WORK/bundle/rootfs/dev" "$WORK/bundle/rootfs/tmp"
cd "$WORK/bundle"
cp /bin/busybox rootfs/bin/busybox
ln -sf busybox rootfs/bin/sh
ln -sf busybox rootfs/bin/true
if [ ! -f config.json ]; then
  runc spec
  python3 - <<'EOF'
import json
c = json.load(open("config.json"))
c["process"]["args"] = ["/bin/true"]
c["process"]["terminal"] = False
json.dump(c, open("config.json", "w"), indent=1)
EOF
fi
tar -C rootfs -cf "$WORK/rootfs.tar" .
$DOCKER image inspect "$IMAGE" >/dev/null 2>&1 || $DOCKER import "$WORK/rootfs.tar" "$IMAGE" >/dev/null
ctr -n default images ls -q | grep -qx "docker.io/$IMAGE" || { $DOCKER save "$IMAGE" -o "$WORK/image.tar"; ctr -n default images import "$WORK/image.tar" >/dev/null; }
podman image exists "localhost/$IMAGE" || podman import "$WORK/rootfs.tar" "$IMAGE" >/dev/null

# Podman's default rlimits exceed a sandbox's hard limits on some hosts; 1024 is runc spec's own default.
cmds=(
  "runc|runc run -b $WORK/bundle ID"
  "docker|$DOCKER run --rm --network none $IMAGE /bin/true"
  "podman|podman --runtime runc run --rm --network none --ulimit nofile=1024:1024 --ulimit nproc=1024:1024 localhost/$IMAGE /bin/true"
  "containerd|ctr -n default run --rm docker.io/$IMAGE ID /bin/true"
)
n=${#cmds[@]}
out="$WORK/samples.txt"
: > "$out"
echo "load before: $(cat /proc/loadavg)"
for ((r = 0; r < ROUNDS; r++)); do
  for ((k = 0; k < n; k++)); do
    e=${cmds[$(((k + r) % n))]}   # rotate the order every round
    name=${e%%|*}; cmd=${e#*|}; cmd=${cmd//ID/sb$$-$r-$k}
    t0=$(date +%s%N)
    if $cmd >/dev/null 2>&1; then rc=0; else rc=$?; fi
    t1=$(date +%s%N)
    echo "$r $name $rc $(((t1 - t0) / 1000))" >> "$out"
  done
done
echo "load after: $(cat /proc/loadavg)"
python3 - "$out" <<'EOF'
import collections, statistics, sys
samples = collections.defaultdict(list); failed = 0
for line in open(sys.argv[1]):
    r, name, rc, us = line.split()
    if rc != "0":
        failed += 1
        continue
    if int(r) >= 3:
        samples[name].append(int(us) / 1000)
base = statistics.median(samples["runc"])
print(f"failed runs: {failed}")
for name, v in samples.items():
    q = statistics.quantiles(v, n=4)
    m = statistics.median(v)
    print(f"{name:10s} n={len(v):3d} median {m:7.1f} ms  q1 {q[0]:7.1f}  q3 {q[2]:7.1f}  share {m - base:7.1f} ms")
EOF
