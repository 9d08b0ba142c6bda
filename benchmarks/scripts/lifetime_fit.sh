#!/usr/bin/env bash
# BG/NBD (and Gamma-Gamma) fit on a 1M-customer summary, issue 15: runs
#   java -Xmx4g -cp benchmarks.jar dev.segmentation.benchmarks.lifetime.LifetimeScaleRun 1000000 0 2
# three times (three JVMs, three fits each; the first fit of each JVM includes JIT compilation) and writes
# benchmarks/results/lifetime-fit-1m-<date>.json with per-fit wall and process CPU seconds, likelihood passes,
# distinct (x, tx, T) triples, the load average before/after, Java version, commit and machine.
# Builds nothing: build first with `mvn -B -q -pl benchmarks -am package -DskipTests`.
# No peer side: lifetimes is not installed on this machine (its figures on Online Retail are the differential test's
# reference files). Run time: about 1 minute on an idle 2-core machine.
# Usage: benchmarks/scripts/lifetime_fit.sh [date-tag]   (run from the repository root)
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=benchmarks/target/benchmarks.jar
TAG=${1:-2026-12-06}
OUT=benchmarks/results/lifetime-fit-1m-$TAG.json
[ -f "$JAR" ] || { echo "missing $JAR: build it first (see the header)" >&2; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
LOAD_BEFORE=$(cat /proc/loadavg)
for i in 1 2 3; do
  /usr/bin/time -f "%e %U %S" -o "$TMP/time$i" \
    java -Xmx4g -cp "$JAR" dev.segmentation.benchmarks.lifetime.LifetimeScaleRun 1000000 0 2 > "$TMP/run$i.txt"
  cat "$TMP/run$i.txt" | grep -v '^RESULT'
done
LOAD_AFTER=$(cat /proc/loadavg)
java -version 2> "$TMP/java"
/usr/bin/python3 - "$TMP" "$OUT" "$LOAD_BEFORE" "$LOAD_AFTER" <<'PY'
import json, os, platform, subprocess, sys
tmp, out, before, after = sys.argv[1:5]
runs = []
for i in (1, 2, 3):
    fits = [json.loads(l[len("RESULT "):]) for l in open(f"{tmp}/run{i}.txt") if l.startswith("RESULT ")]
    e, u, s = open(f"{tmp}/time{i}").read().split()[-3:]
    runs.append({"jvm": i, "fits": fits, "jvm_wall_s": float(e), "jvm_cpu_s": float(u) + float(s)})
bg_wall = [f["bgnbd_wall_s"] for r in runs for f in r["fits"]]
bg_cpu = [f["bgnbd_process_cpu_s"] for r in runs for f in r["fits"]]
warm = [f for r in runs for f in r["fits"] if f["run"] > 0]
cpu_model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
commit = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
doc = {
    "benchmark": "BG/NBD fit on a 1M-customer summary (LifetimeScaleRun 1000000 0 2), issue 15",
    "command": "java -Xmx4g -cp benchmarks/target/benchmarks.jar dev.segmentation.benchmarks.lifetime.LifetimeScaleRun 1000000 0 2 (x3 JVMs)",
    "target": "BG/NBD fit in at most 2 s wall on 2 cores",
    "commit": commit,
    "java": open(f"{tmp}/java").read().strip().splitlines(),
    "machine": {"cpus": os.cpu_count(), "cpu_model": cpu_model, "kernel": platform.release()},
    "load_average_before": before,
    "load_average_after": after,
    "distinct_triples": runs[0]["fits"][0]["distinct_triples"],
    "customers": runs[0]["fits"][0]["customers"],
    "bgnbd_passes": sorted({f["bgnbd_passes"] for r in runs for f in r["fits"]}),
    "bgnbd_wall_s_min_median_max": [min(bg_wall), sorted(bg_wall)[len(bg_wall) // 2], max(bg_wall)],
    "bgnbd_process_cpu_s_min_median_max": [min(bg_cpu), sorted(bg_cpu)[len(bg_cpu) // 2], max(bg_cpu)],
    "bgnbd_warm_jit_wall_s_max": max(f["bgnbd_wall_s"] for f in warm),
    "bgnbd_warm_jit_process_cpu_s_max": max(f["bgnbd_process_cpu_s"] for f in warm),
    "note": "process CPU includes JIT compiler threads (the first fit of each JVM); under load read CPU seconds",
    "runs": runs,
}
json.dump(doc, open(out, "w"), indent=2)
print(f"wrote {out}: BG/NBD wall {doc['bgnbd_wall_s_min_median_max']} s, CPU {doc['bgnbd_process_cpu_s_min_median_max']} s, load {before} -> {after}")
PY
