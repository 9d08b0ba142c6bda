"""Whole K-Means fits, ours (through the public API) against scikit-learn, on one data file, in one run (issue 20).

Data: 1,000,000 x 8 Gaussian blobs, k = 8 (centres uniform in [-10, 10]^8, unit variance; numpy seed 20240601),
written once as raw little-endian float64 (row-major) with the fixed initial centres (rows q * n / k); both sides
read the same bytes. Cases:
  (a) fixed init, 20 Lloyd iterations, tol 0: ours KMeans.builder().initialCentres(c).nInit(1).maxIter(20).tol(0)
      (canonical order on, the default) vs KMeans(init=c, n_init=1, max_iter=20, tol=0, algorithm='lloyd');
  (b) default fits: ours KMeans.builder().k(8) (k-means++, nInit 10, tol 1e-4) vs KMeans(8, n_init=10) (lloyd);
  (c) the cost of our canonical row order: (a) and (b) with canonicalOrder(false) (since session 6, (a) skips the
      sort anyway: its sums are exact and order-independent, so (a) and (c) run the same code).
Ours runs twice: with the optional Vector API kernels (java --add-modules jdk.incubator.vector: the headline
"ours") and with the default JVM command line ("ours_without_vector_api", cases (a) and (b)); both give the same bits.
Each side: warm-up fits, then `reps` timed fits (best and median of wall, median of process CPU time). Threads: the
same on both sides (OMP_NUM_THREADS for scikit-learn's OpenMP, FitContext.withThreads for ours).
Run through benchmarks/scripts/kmeans_vs_sklearn.sh with Debian's /usr/bin/python3 (scikit-learn 1.2.1).
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time

ap = argparse.ArgumentParser()
ap.add_argument("--jar", default="benchmarks/target/benchmarks.jar")
ap.add_argument("--out", default="benchmarks/results/kmeans-vs-sklearn-2026-12-06.json")
ap.add_argument("--workdir", default="/tmp/kmeans-vs-sklearn")
ap.add_argument("--threads", type=int, default=2)
ap.add_argument("--reps", type=int, default=7)
ap.add_argument("--default-reps", type=int, default=3)
ap.add_argument("--n", type=int, default=1_000_000)
ap.add_argument("--java", default="java")
args = ap.parse_args()

# before numpy / scikit-learn load their OpenMP and BLAS runtimes
os.environ["OMP_NUM_THREADS"] = str(args.threads)
os.environ["OPENBLAS_NUM_THREADS"] = str(args.threads)

import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402

n, d, k, iters = args.n, 8, 8, 20
os.makedirs(args.workdir, exist_ok=True)
xf = os.path.join(args.workdir, f"blobs-{n}x{d}.f64")
cf = os.path.join(args.workdir, f"centres-{k}x{d}.f64")
t0 = time.perf_counter()
if not (os.path.exists(xf) and os.path.getsize(xf) == 8 * n * d and os.path.exists(cf)):
    rng = np.random.default_rng(20240601)
    centres = rng.uniform(-10, 10, size=(k, d))
    x = centres[rng.integers(0, k, size=n)] + rng.standard_normal((n, d))
    x.astype("<f8").tofile(xf)
    x[[q * n // k for q in range(k)]].astype("<f8").tofile(cf)
x = np.fromfile(xf, dtype="<f8").reshape(n, d)
init = np.fromfile(cf, dtype="<f8").reshape(k, d)
prep_s = time.perf_counter() - t0


def lscpu_model():
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


load_before = os.getloadavg()
run_start = time.perf_counter()

# ---- ours: one JVM run with the optional Vector API kernels (--add-modules jdk.incubator.vector, all cases), one
# without (the default JVM command line, fixed and default cases)
VECTOR_FLAGS = ["--add-modules", "jdk.incubator.vector"]


def run_ours(flags, cases):
    cmd = [args.java, "-Xmx4g", *flags, "-cp", args.jar, "dev.segmentation.benchmarks.cluster.KMeansVsSklearn",
           f"data={xf}", f"centres={cf}", f"n={n}", f"d={d}", f"k={k}", f"iter={iters}", f"threads={args.threads}",
           f"reps={args.reps}", f"defaultReps={args.default_reps}", "warmup=2", f"cases={cases}"]
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode != 0:
        sys.stderr.write(res.stderr)
        sys.exit("our side failed: " + " ".join(cmd))
    return json.loads(res.stdout.strip().splitlines()[-1])


t = time.perf_counter()
ours = run_ours(VECTOR_FLAGS, "fixed,fixedNoCanonical,default,defaultNoCanonical")
ours_plain = run_ours([], "fixed,default")
ours_s = time.perf_counter() - t
load_mid = os.getloadavg()


# ---- scikit-learn
def timed(make, reps, warmup, seeds=False):
    for w in range(warmup):
        make(1000 + w).fit(x)
    wall, cpu, inertia, n_iter = [], [], [], []
    for r in range(reps):
        km = make(r)
        c0 = time.process_time()
        w0 = time.perf_counter()
        km.fit(x)
        w1 = time.perf_counter()
        c1 = time.process_time()
        wall.append(1000 * (w1 - w0))
        cpu.append(1000 * (c1 - c0))
        inertia.append(float(km.inertia_))
        n_iter.append(int(km.n_iter_))
    return {"wall_ms": [round(v, 2) for v in wall], "cpu_ms": [round(v, 2) for v in cpu],
            "best_wall_ms": round(min(wall), 2), "median_wall_ms": round(statistics.median(wall), 2),
            "median_cpu_ms": round(statistics.median(cpu), 2), "inertia": inertia, "iterations": n_iter,
            "warmup_fits": warmup}


t = time.perf_counter()
sk = {
    "fixed": timed(lambda r: KMeans(n_clusters=k, init=init, n_init=1, max_iter=iters, tol=0, algorithm="lloyd"),
                   args.reps, 1),
    "default": timed(lambda r: KMeans(n_clusters=k, n_init=10, random_state=r), args.default_reps, 1),
}
sk_s = time.perf_counter() - t
load_after = os.getloadavg()

oc = ours["cases"]


def ratio(a, b):
    return round(a / b, 3)


fixed_rel = abs(oc["fixed"]["inertia"][0] - sk["fixed"]["inertia"][0]) / sk["fixed"]["inertia"][0]
out = {
    "issue": 20,
    "what": "whole K-Means fits, ours through the public API vs scikit-learn, same data file, one script run",
    "data": {"n": n, "d": d, "k": k, "kind": "Gaussian blobs, centres U[-10,10]^8, unit variance, numpy seed 20240601",
             "file": xf, "fixed_init": "rows q*n/k of the data", "generate_or_load_s": round(prep_s, 2)},
    "machine": {"cpu": lscpu_model(), "cores": os.cpu_count(), "platform": platform.platform()},
    "versions": {"python": platform.python_version(), "numpy": np.__version__, "sklearn": sklearn.__version__,
                 "java": ours["java"]},
    "threads": {"ours": ours["threads"], "OMP_NUM_THREADS": os.environ["OMP_NUM_THREADS"]},
    "load_average": {"before": load_before, "between": load_mid, "after": load_after},
    "ours": oc,
    "ours_jvm_flags": " ".join(VECTOR_FLAGS),
    "ours_without_vector_api": ours_plain["cases"],
    "sklearn": sk,
    "ratios_sklearn_over_ours": {
        "fixed_best_wall": ratio(sk["fixed"]["best_wall_ms"], oc["fixed"]["best_wall_ms"]),
        "fixed_median_wall": ratio(sk["fixed"]["median_wall_ms"], oc["fixed"]["median_wall_ms"]),
        "fixed_median_cpu": ratio(sk["fixed"]["median_cpu_ms"], oc["fixed"]["median_cpu_ms"]),
        "default_best_wall": ratio(sk["default"]["best_wall_ms"], oc["default"]["best_wall_ms"]),
        "default_median_wall": ratio(sk["default"]["median_wall_ms"], oc["default"]["median_wall_ms"]),
        "default_median_cpu": ratio(sk["default"]["median_cpu_ms"], oc["default"]["median_cpu_ms"]),
        "without_vector_api_fixed_median_wall": ratio(sk["fixed"]["median_wall_ms"],
                                                      ours_plain["cases"]["fixed"]["median_wall_ms"]),
        "without_vector_api_fixed_median_cpu": ratio(sk["fixed"]["median_cpu_ms"],
                                                     ours_plain["cases"]["fixed"]["median_cpu_ms"]),
        "without_vector_api_default_median_wall": ratio(sk["default"]["median_wall_ms"],
                                                        ours_plain["cases"]["default"]["median_wall_ms"]),
        "without_vector_api_default_median_cpu": ratio(sk["default"]["median_cpu_ms"],
                                                       ours_plain["cases"]["default"]["median_cpu_ms"]),
    },
    "canonical_order_cost": {
        "best_wall_share_of_fixed_fit": round(1 - oc["fixedNoCanonical"]["best_wall_ms"] / oc["fixed"]["best_wall_ms"], 3),
        "median_wall_share_of_fixed_fit": round(
            1 - oc["fixedNoCanonical"]["median_wall_ms"] / oc["fixed"]["median_wall_ms"], 3),
        "median_cpu_share_of_fixed_fit": round(
            1 - oc["fixedNoCanonical"]["median_cpu_ms"] / oc["fixed"]["median_cpu_ms"], 3),
        **({"median_wall_share_of_default_fit": round(
            1 - oc["defaultNoCanonical"]["median_wall_ms"] / oc["default"]["median_wall_ms"], 3),
            "median_cpu_share_of_default_fit": round(
            1 - oc["defaultNoCanonical"]["median_cpu_ms"] / oc["default"]["median_cpu_ms"], 3)}
           if "defaultNoCanonical" in oc else {}),
    },
    "fixed_inertia_relative_difference": fixed_rel,
    "fixed_iterations": {"ours": oc["fixed"]["iterations"][0], "sklearn": sk["fixed"]["iterations"][0]},
    "default_inertia_median": {"ours": statistics.median(oc["default"]["inertia"]),
                               "sklearn": statistics.median(sk["default"]["inertia"])},
    "seconds": {"ours": round(ours_s, 1), "sklearn": round(sk_s, 1),
                "total": round(time.perf_counter() - run_start + prep_s, 1)},
}
os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
with open(args.out, "w") as f:
    json.dump(out, f, indent=2)
    f.write("\n")
print(json.dumps({"ratios_sklearn_over_ours": out["ratios_sklearn_over_ours"],
                  "canonical_order_cost": out["canonical_order_cost"],
                  "fixed_inertia_relative_difference": fixed_rel, "load_average": out["load_average"],
                  "seconds": out["seconds"]}, indent=2))
if fixed_rel > 1e-9:
    sys.exit(f"fixed-init inertias disagree: ours {oc['fixed']['inertia'][0]} sklearn {sk['fixed']['inertia'][0]}")
