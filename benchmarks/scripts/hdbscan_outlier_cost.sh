#!/usr/bin/env bash
# Issue 14: the cost of approximate GLOSH outlier scores of new rows on top of HDBSCAN approximate prediction.
#
# Usage: benchmarks/scripts/hdbscan_outlier_cost.sh [threads, default 2]   (about 1 minute on 2 quiet cores)
# Builds nothing: it runs benchmarks/target/benchmarks.jar (build it first with
#   mvn -B -q -pl benchmarks -am package -DskipTests).
# One JVM (-Xmx2g) fits HDBSCAN (minClusterSize 50) on 100,000 blob points in 5 dimensions and predicts 100,000 new
# points five times each way, alternating: labels only (HdbscanModel.predict) and labels + strengths + outlier scores
# (predictWithStrength); HdbscanOutlierScoreCost writes the walls, process CPU times, the ratio of the medians and the
# JVM's load average; this script adds the process's wall and user+system CPU time, peak RSS, /proc/loadavg before
# and after, and the machine, into benchmarks/results/hdbscan-outlier-cost-<date>.json.
set -euo pipefail
cd "$(dirname "$0")/../.."
threads=${1:-2}
jar=benchmarks/target/benchmarks.jar
if [ ! -f "$jar" ]; then
  echo "missing $jar: build it first (mvn -B -q -pl benchmarks -am package -DskipTests)" >&2
  exit 2
fi
out=benchmarks/results/hdbscan-outlier-cost-$(date +%F).json
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
/usr/bin/time -f '%e %U %S %M' -o "$tmp/time" \
  java -Xmx2g -XX:ActiveProcessorCount="$threads" -cp "$jar" \
    dev.segmentation.benchmarks.cluster.HdbscanOutlierScoreCost "$tmp/run.json" 100000 100000 "$threads" 5
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
/usr/bin/python3 - "$tmp/run.json" "$tmp/time" "$out" "$load_before" "$load_after" <<'PY'
import json, sys, platform, os
run = json.load(open(sys.argv[1]))
wall, user, system, rss_kb = open(sys.argv[2]).read().split()
run["process"] = {"wall_s": float(wall), "cpu_user_plus_system_s": float(user) + float(system),
                  "peak_rss_mb": int(rss_kb) / 1024}
run["loadavg_before"] = sys.argv[4]
run["loadavg_after"] = sys.argv[5]
run["machine"] = {"cpus": os.cpu_count(), "platform": platform.platform()}
json.dump(run, open(sys.argv[3], "w"), indent=2)
open(sys.argv[3], "a").write("\n")
print("wrote", sys.argv[3])
PY
