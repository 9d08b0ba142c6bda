#!/bin/sh
# HDBSCAN* fit, ours against fast_hdbscan (issue 20), on the same make_blobs files, in one script run.
# Builds nothing: needs benchmarks/target/benchmarks.jar (mvn -B -o -pl benchmarks -am package -DskipTests) and an
# unpacked fast_hdbscan source tree (FAST_HDBSCAN, default /tmp/fast_hdbscan; its git snapshot unpacked with
# `git --git-dir=<dir> archive HEAD | tar -x -C /tmp/fast_hdbscan`).
#
# Usage (from the repository root):
#   benchmarks/scripts/hdbscan_vs_fast_hdbscan.sh [--sizes 100000,400000,1000000] [--out FILE] [--data DIR]
#       [--xmx 1g] [--threads 2]
# Writes benchmarks/results/hdbscan-vs-fast-hdbscan-2026-12-06.json by default. Data files (raw float64) go to
# DIR (default /tmp/hdbscan-vs-fast-hdbscan) and are generated once, reused afterwards; nothing there is committed.
# Run time: 378 s at load 3-7 on this 2-core machine, of which fast_hdbscan's 1M fit took 286 s and ours 1M 20 s;
# `--sizes 100000,400000` about 1.5 minutes. fast_hdbscan's first import with a cold numba cache compiles for about
# 3 minutes more (recorded in the JSON as import and first-call times).
set -eu

SIZES=100000,400000,1000000
OUT=benchmarks/results/hdbscan-vs-fast-hdbscan-2026-12-06.json
DATA=/tmp/hdbscan-vs-fast-hdbscan
XMX=1g
THREADS=2
while [ $# -gt 0 ]; do
    case "$1" in
        --sizes) SIZES=$2; shift 2 ;;
        --out) OUT=$2; shift 2 ;;
        --data) DATA=$2; shift 2 ;;
        --xmx) XMX=$2; shift 2 ;;
        --threads) THREADS=$2; shift 2 ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
done
HERE=$(cd "$(dirname "$0")" && pwd)
PY=/usr/bin/python3
FAST_HDBSCAN=${FAST_HDBSCAN:-/tmp/fast_hdbscan}
JAR=${JAR:-benchmarks/target/benchmarks.jar}
if [ ! -f "$JAR" ]; then
    JAR=$(ls benchmarks/target/benchmarks-*-shaded.jar 2>/dev/null | head -1)
fi
if [ -z "$JAR" ] || [ ! -f "$JAR" ]; then
    echo "no benchmarks jar: run mvn -B -o -pl benchmarks -am package -DskipTests first" >&2
    exit 1
fi
if [ ! -d "$FAST_HDBSCAN/fast_hdbscan" ]; then
    echo "no fast_hdbscan sources under $FAST_HDBSCAN (set FAST_HDBSCAN)" >&2
    exit 1
fi
NS=$(echo "$SIZES" | tr ',' ' ')
mkdir -p "$DATA"
START=$(date +%s)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

echo "generating data (once) in $DATA" >&2
$PY "$HERE/hdbscan_vs_fast_hdbscan.py" gen "$DATA" $NS

echo "ours: java -Xmx$XMX, $THREADS threads" >&2
FILES=""
for n in $NS; do
    FILES="$FILES $DATA/blobs_$n.f64:$n:5"
done
LOAD_OURS=$(cut -d' ' -f1-3 /proc/loadavg)
java -Xmx"$XMX" -cp "$JAR" dev.segmentation.benchmarks.cluster.HdbscanFileRun "$THREADS" 50 0 \
    "$DATA/warm.f64:20000:5" "$DATA/ours_" $FILES > "$DATA/ours.json"
cat "$DATA/ours.json" >&2

echo "fast_hdbscan (NUMBA_NUM_THREADS=$THREADS)" >&2
LOAD_FAST=$(cut -d' ' -f1-3 /proc/loadavg)
NUMBA_NUM_THREADS=$THREADS PYTHONPATH="$FAST_HDBSCAN" $PY "$HERE/hdbscan_vs_fast_hdbscan.py" fast "$DATA" \
    "$DATA/fast.json" $NS

LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
END=$(date +%s)
FAST_COMMIT=$(cat "$FAST_HDBSCAN/COMMIT" 2>/dev/null || echo unknown)
FAST_VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' "$FAST_HDBSCAN/pyproject.toml" 2>/dev/null | head -1)
SKLEARN=$($PY -c 'import sklearn; print(sklearn.__version__)')
CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
cat > "$DATA/meta.json" <<EOF
{"date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)", "cpu": "$CPU", "logical_cores": $(nproc),
 "memory_kb": $(sed -n 's/^MemTotal: *\([0-9]*\) kB/\1/p' /proc/meminfo),
 "load_average_before": "$LOAD_BEFORE", "load_average_before_ours": "$LOAD_OURS",
 "load_average_before_fast_hdbscan": "$LOAD_FAST", "load_average_after": "$LOAD_AFTER",
 "script_seconds": $((END - START)), "java_xmx": "$XMX", "threads": $THREADS,
 "fast_hdbscan_version": "$FAST_VERSION", "fast_hdbscan_commit": "$FAST_COMMIT",
 "scikit_learn": "$SKLEARN",
 "command": "benchmarks/scripts/hdbscan_vs_fast_hdbscan.sh --sizes $SIZES --xmx $XMX --threads $THREADS"}
EOF
$PY "$HERE/hdbscan_vs_fast_hdbscan.py" report "$DATA" "$DATA/ours.json" "$DATA/fast.json" "$DATA/meta.json" \
    "$OUT" $NS
echo "wrote $OUT ($((END - START)) s)" >&2
