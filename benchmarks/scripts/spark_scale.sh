#!/usr/bin/env bash
# Spark scale run of segmentation-spark (issue 14): simulate <customers> retail customers inside Spark local[2]
# (about 50 lines each), extract features, fit (collect + core K-Means), score to Parquet; with "core" as the second
# argument the same pipeline also runs on core alone at the same size, in the same JVM, after the Spark run.
# Writes benchmarks/results/spark-scale-<customers>-<date>[-<TAG>].json. Builds nothing: it needs
#   mvn -B -o -pl benchmarks -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=cp.txt
# run once beforehand (benchmarks/target/classes and benchmarks/cp.txt).
# Environment: XMX (driver heap, default 8g), LOCAL_DIR (Spark shuffle and spill directory, default /tmp/spark-scale),
# TAG (suffix of the result file, e.g. quiet).
# Usage: benchmarks/scripts/spark_scale.sh <customers> [core]
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ $# -lt 1 ]; then
  echo "usage: $0 <customers> [core]" >&2
  exit 2
fi
N=$1
CORE=${2:-}
XMX=${XMX:-8g}
LOCAL_DIR=${LOCAL_DIR:-/tmp/spark-scale}
OUT=benchmarks/results/spark-scale-${N}-$(date +%F)${TAG:+-$TAG}.json
if [ ! -d benchmarks/target/classes ] || [ ! -f benchmarks/cp.txt ]; then
  echo "build first: mvn -B -o -pl benchmarks -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=cp.txt" >&2
  exit 2
fi
mkdir -p "$LOCAL_DIR"
echo "free space for shuffle and spills in $LOCAL_DIR:"
df -h "$LOCAL_DIR" | tail -1
# the --add-opens list Spark's own launcher adds on Java 17 (segmentation-spark/README.md)
FLAGS="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
--add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
--add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
--add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED \
--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED \
--add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED \
--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false \
-Dio.netty.tryReflectionSetAccessible=true"
START=$(date +%s)
# shellcheck disable=SC2086
/usr/bin/time -v java $FLAGS -Xmx"$XMX" -Dspark.local.dir="$LOCAL_DIR" -Djava.io.tmpdir="$LOCAL_DIR" \
  -cp "benchmarks/target/classes:$(cat benchmarks/cp.txt)" \
  dev.segmentation.benchmarks.spark.SparkScaleRun "$OUT" "$N" $CORE
echo "spark_scale.sh $N $CORE: $(( $(date +%s) - START )) s wall; peak shuffle/spill dir use: see df above" >&2
rm -rf "${LOCAL_DIR:?}"/blockmgr-* "${LOCAL_DIR:?}"/spark-* 2>/dev/null || true
