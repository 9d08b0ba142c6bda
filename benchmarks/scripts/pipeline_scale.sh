#!/usr/bin/env bash
# Issue 20: the end-to-end scale run (simulated customers -> features -> robust scaling -> K-Means k = 8).
#
# Usage: benchmarks/scripts/pipeline_scale.sh <customers> <xmx> [threads]
#   e.g. benchmarks/scripts/pipeline_scale.sh 1000000 6g      (about 1 minute on 2 quiet cores)
#        benchmarks/scripts/pipeline_scale.sh 10000000 16g    (about 5-7 minutes; needs 18 GB of free memory)
#
# Builds nothing: it runs benchmarks/target/benchmarks.jar (build it first with
#   mvn -B -q -pl benchmarks -am package -DskipTests).
# Generates <customers> customers with about 50 transactions each (RetailSimulator seed 42, 104 weeks) streamed
# into the compact columnar store, then runs the K-Means pipeline through Segmenter (HDBSCAN skipped), and writes
# benchmarks/results/pipeline-scale-<customers>-<date>.json: PipelineScaleRun's figures (stage wall/CPU/GC/peak
# heap, bytes per transaction, memory breakdown, load average before/after inside the JVM) plus, from this script,
# the process's wall time, user+system CPU time and peak resident set size, and /proc/loadavg before and after.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ $# -lt 2 ]; then
  echo "usage: $0 <customers> <xmx, e.g. 6g> [threads, default 2]" >&2
  exit 2
fi
n=$1
xmx=$2
threads=${3:-2}
jar=benchmarks/target/benchmarks.jar
if [ ! -f "$jar" ]; then
  echo "missing $jar: build it first (mvn -B -q -pl benchmarks -am package -DskipTests)" >&2
  exit 2
fi
day=$(date +%F)
out=benchmarks/results/pipeline-scale-${n}-${day}.json
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
free_before=$(free -g | awk '/^Mem:/ {print $7}')
/usr/bin/time -f '%e %U %S %M' -o "$tmp/time" \
  java -Xmx"$xmx" -XX:+UseG1GC -cp "$jar" dev.segmentation.benchmarks.PipelineScaleRun \
    "$tmp/run.json" "$n" "$((n * 50))" "$threads" true | tee "$tmp/stdout"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
/usr/bin/python3 - "$tmp/run.json" "$tmp/time" "$out" "$xmx" "$load_before" "$load_after" "$free_before" <<'PY'
import json, sys, platform, os
run = json.load(open(sys.argv[1]))
wall, user, sys_, rss_kb = open(sys.argv[2]).read().split()
run["script"] = {
    "command": "benchmarks/scripts/pipeline_scale.sh %d %s" % (run["data"]["entities"], sys.argv[4]),
    "xmx": sys.argv[4],
    "process_wall_s": float(wall),
    "process_cpu_user_plus_system_s": round(float(user) + float(sys_), 2),
    "peak_rss_gb": round(int(rss_kb) * 1024 / 1e9, 3),
    "loadavg_before": sys.argv[5],
    "loadavg_after": sys.argv[6],
    "free_available_gb_before": sys.argv[7],
    "machine": "%s, %d cores, %s" % (platform.machine(), os.cpu_count(), platform.platform()),
}
json.dump(run, open(sys.argv[3], "w"), indent=2)
print("wrote", sys.argv[3])
PY
