#!/bin/sh
# Mini-batch K-Means (issue 20): ours vs our full K-Means fit vs scikit-learn's KMeans and MiniBatchKMeans, on the
# same simulator data, in one script run. Builds nothing: needs benchmarks/target/benchmarks.jar
# (mvn -B -pl benchmarks -am package -DskipTests) and Debian's /usr/bin/python3 with scikit-learn 1.2.1.
#
# Usage (from the repository root): benchmarks/scripts/minibatch_vs_sklearn.sh [entities [transactions [data]]]
#   defaults 1000000 10000000 rfm (data: rfm | wide); output
#   benchmarks/results/minibatch-kmeans-2026-12-06.json (rfm) or minibatch-kmeans-wide-2026-12-06.json.
# Run time about 3 to 5 minutes on the 2-core machine (1M customers); scratch files in benchmarks/target/minibatch.
# JAVA_OPTS adds JVM options to our side, e.g. JAVA_OPTS="--add-modules jdk.incubator.vector" for the optional
# Vector API kernels (the same bits); OUT overrides the output file.
set -eu
ENTITIES=${1:-1000000}
TRANSACTIONS=${2:-10000000}
DATA=${3:-rfm}
SEEDS=5
DIR=benchmarks/target/minibatch-$DATA
if [ -n "${OUT:-}" ]; then :
elif [ "$DATA" = rfm ]; then OUT=benchmarks/results/minibatch-kmeans-2026-12-06.json
else OUT=benchmarks/results/minibatch-kmeans-$DATA-2026-12-06.json; fi
JAR=benchmarks/target/benchmarks.jar
[ -f "$JAR" ] || { echo "missing $JAR: build it with mvn -B -pl benchmarks -am package -DskipTests" >&2; exit 1; }
mkdir -p "$DIR"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
JAVA_VERSION="$(java -version 2>&1 | head -1)${JAVA_OPTS:+ with $JAVA_OPTS}"
# shellcheck disable=SC2086
java -Xmx4g ${JAVA_OPTS:-} -cp "$JAR" dev.segmentation.benchmarks.cluster.MiniBatchKMeansRun "$DIR" "$ENTITIES" "$TRANSACTIONS" 2 \
    "$SEEDS" "$DATA"
/usr/bin/python3 benchmarks/scripts/minibatch_vs_sklearn.py "$DIR" "$OUT" "$SEEDS" "$LOAD_BEFORE" "$JAVA_VERSION"
rm -f "$DIR/features.rows"
echo "wrote $OUT"
