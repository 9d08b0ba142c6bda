#!/usr/bin/env bash
# Issue 20: JMH before/after for the compact transaction store, on the hot loops that read it (the weekly panel
# build reads time, amount, quantity and item per row; RFM reads order, quantity, amount and time per row).
#
# Usage: benchmarks/scripts/store_jmh.sh <before-benchmarks.jar> <after-benchmarks.jar>   (about 3 minutes)
# Builds nothing. The before jar is benchmarks/target/benchmarks.jar built from the commit before the compact store
# (git log: "Compact columnar transaction store"), the after jar from this branch. Both run in this one script,
# alternating, one fork each; writes benchmarks/results/store-jmh-<date>.json with the load average around each run.
set -euo pipefail
cd "$(dirname "$0")/../.."
before=$1
after=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
opts=(-f 1 -wi 3 -w 2s -i 5 -r 2s -jvmArgs "-Xmx3g")
runs=()
for bench in "FeatureBenchmark.panelWeekly -p entities=100000 -p threads=1" \
             "RfmBenchmark.extract -p threads=1 -p policy=EXCLUDE"; do
  for side in before after; do
    jar=$before; [ "$side" = after ] && jar=$after
    name=$(echo "$bench" | cut -d' ' -f1)
    l0=$(cut -d' ' -f1 /proc/loadavg)
    # shellcheck disable=SC2086
    java -jar "$jar" $bench "${opts[@]}" -rf json -rff "$tmp/$name-$side.json" > "$tmp/$name-$side.log" 2>&1
    l1=$(cut -d' ' -f1 /proc/loadavg)
    runs+=("$name $side $l0 $l1")
    tail -3 "$tmp/$name-$side.log"
  done
done
printf '%s\n' "${runs[@]}" > "$tmp/runs"
/usr/bin/python3 - "$tmp" "benchmarks/results/store-jmh-$(date +%F).json" <<'PY'
import json, sys, os
tmp, out = sys.argv[1], sys.argv[2]
res = {"benchmark": "compact transaction store, JMH before/after (issue 20)",
       "settings": "1 fork, 3 x 2 s warm-up, 5 x 2 s measurement, -Xmx3g, average time per op",
       "machine": "2 cores shared with other sessions: compare before/after of the same row, measured alternately",
       "results": []}
for line in open(os.path.join(tmp, "runs")):
    name, side, l0, l1 = line.split()
    for r in json.load(open(os.path.join(tmp, "%s-%s.json" % (name, side)))):
        m = r["primaryMetric"]
        res["results"].append({"benchmark": r["benchmark"].split(".")[-2] + "." + r["benchmark"].split(".")[-1],
                               "side": side, "params": r.get("params", {}), "score_ms": round(m["score"], 3),
                               "error_ms": round(m["scoreError"], 3), "load_before": float(l0), "load_after": float(l1)})
json.dump(res, open(out, "w"), indent=2)
print("wrote", out)
PY
