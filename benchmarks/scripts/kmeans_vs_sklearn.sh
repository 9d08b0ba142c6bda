#!/bin/sh
# Whole K-Means fits against scikit-learn 1.2.1 on the same data file, in one run (issue 20). Builds nothing: needs
# benchmarks/target/benchmarks.jar (mvn -B -o -pl benchmarks -am package -DskipTests). Run from the repository root:
#   sh benchmarks/scripts/kmeans_vs_sklearn.sh [--threads 2] [--reps 7] [--default-reps 3] [--out FILE]
# Writes benchmarks/results/kmeans-vs-sklearn-2026-12-06.json (versions, load average, wall and CPU times, ratios,
# inertias). About 2 to 4 minutes on the 2-core machine; the data file (64 MB) is generated once under /tmp.
set -eu
cd "$(dirname "$0")/../.."
exec /usr/bin/python3 benchmarks/scripts/kmeans_vs_sklearn.py "$@"
