#!/usr/bin/python3
"""Python side of hdbscan_vs_fast_hdbscan.sh (issue 20): data generation, the fast_hdbscan runs and the report.

Subcommands:
  gen DIR N...          make_blobs(N, 5, centers=10, random_state=0) for each N, plus a 20,000-row warm-up set
                        (random_state=1), as raw little-endian float64 files DIR/blobs_N.f64 (numpy tofile)
  fast DIR OUT.json N...  fast_hdbscan (PYTHONPATH must hold it) on the same files: import time, the first call on
                        the warm-up set (numba compiles then; recorded apart), then each N: fit wall and process CPU
                        seconds (all threads), labels to DIR/fast_N.i32, peak RSS of the process
  report DIR OURS.json FAST.json META.json OUT.json N...
                        ARI between the two label files of each N and the JSON result with ratios

Run with Debian's /usr/bin/python3 (scikit-learn 1.2.1, numpy, numba 0.56.4).
"""
import json
import os
import resource
import sys
import time

import numpy as np

MIN_CLUSTER_SIZE = 50
WARM_N = 20000


def gen(directory, sizes):
    from sklearn.datasets import make_blobs
    os.makedirs(directory, exist_ok=True)
    x, _ = make_blobs(WARM_N, 5, centers=10, random_state=1)
    np.ascontiguousarray(x, dtype="<f8").tofile(os.path.join(directory, "warm.f64"))
    for n in sizes:
        path = os.path.join(directory, "blobs_%d.f64" % n)
        if os.path.exists(path) and os.path.getsize(path) == 8 * 5 * n:
            continue
        x, _ = make_blobs(n, 5, centers=10, random_state=0)
        np.ascontiguousarray(x, dtype="<f8").tofile(path)


def _load(directory, name, n):
    return np.fromfile(os.path.join(directory, name), dtype="<f8").reshape(n, 5)


def _sklearn_shim():
    """fast_hdbscan's newest code imports sklearn.utils.validation.validate_data (scikit-learn >= 1.6); this
    machine has 1.2.1. The shim gives it the old equivalent, check_array (fast_hdbscan passes only X, the sparse
    flag and the finiteness flag); the algorithm itself is untouched."""
    import sklearn.utils.validation as validation
    if hasattr(validation, "validate_data"):
        return False
    from sklearn.utils import check_array

    def validate_data(estimator, X, accept_sparse=False, ensure_all_finite=True, **kwargs):
        return check_array(X, accept_sparse=accept_sparse, force_all_finite=ensure_all_finite, **kwargs)

    validation.validate_data = validate_data
    return True


def fast(directory, out, sizes):
    shim = _sklearn_shim()
    t0 = time.perf_counter()
    c0 = time.process_time()
    import fast_hdbscan
    import numba
    import_wall = time.perf_counter() - t0
    import_cpu = time.process_time() - c0
    warm = _load(directory, "warm.f64", WARM_N)
    t0 = time.perf_counter()
    c0 = time.process_time()
    fast_hdbscan.HDBSCAN(min_cluster_size=MIN_CLUSTER_SIZE).fit_predict(warm)
    first_wall = time.perf_counter() - t0
    first_cpu = time.process_time() - c0
    t0 = time.perf_counter()
    c0 = time.process_time()
    fast_hdbscan.HDBSCAN(min_cluster_size=MIN_CLUSTER_SIZE).fit_predict(warm)
    second_wall = time.perf_counter() - t0
    second_cpu = time.process_time() - c0
    runs = []
    for n in sizes:
        x = _load(directory, "blobs_%d.f64" % n, n)
        t0 = time.perf_counter()
        c0 = time.process_time()
        labels = fast_hdbscan.HDBSCAN(min_cluster_size=MIN_CLUSTER_SIZE).fit_predict(x)
        wall = time.perf_counter() - t0
        cpu = time.process_time() - c0
        np.ascontiguousarray(labels, dtype="<i4").tofile(os.path.join(directory, "fast_%d.i32" % n))
        runs.append({"n": n, "fit_wall_s": round(wall, 3), "fit_cpu_s": round(cpu, 3),
                     "clusters": int(len(set(labels.tolist()) - {-1})), "noise": int((labels < 0).sum())})
        print("fast_hdbscan n=%d: %.3f s wall, %.3f s cpu" % (n, wall, cpu), file=sys.stderr)
    res = {
        "fast_hdbscan_path": os.path.dirname(fast_hdbscan.__file__),
        "numba": numba.__version__,
        "numba_threads": numba.config.NUMBA_NUM_THREADS,
        "numpy": np.__version__,
        "sklearn_validate_data_shim": shim,
        "parameters": "HDBSCAN(min_cluster_size=%d), everything else default (min_samples None = min_cluster_size, "
                      "algorithm boruvka, eom)" % MIN_CLUSTER_SIZE,
        "import_wall_s": round(import_wall, 3), "import_cpu_s": round(import_cpu, 3),
        "first_call_warm_set": {"n": WARM_N, "wall_s": round(first_wall, 3), "cpu_s": round(first_cpu, 3),
                                "note": "numba JIT compilation (or cache load) happens here"},
        "second_call_warm_set": {"n": WARM_N, "wall_s": round(second_wall, 3), "cpu_s": round(second_cpu, 3)},
        "runs": runs,
        "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }
    with open(out, "w") as f:
        json.dump(res, f, indent=1)


def report(directory, ours_path, fast_path, meta_path, out, sizes):
    import sklearn
    from sklearn.metrics import adjusted_rand_score
    with open(ours_path) as f:
        ours = json.load(f)
    with open(fast_path) as f:
        fast_res = json.load(f)
    with open(meta_path) as f:
        meta = json.load(f)
    ours_by_n = {r["n"]: r for r in ours["runs"]}
    fast_by_n = {r["n"]: r for r in fast_res["runs"]}
    rows = []
    for n in sizes:
        a = np.fromfile(os.path.join(directory, "ours_%d.i32" % n), dtype="<i4")
        b = np.fromfile(os.path.join(directory, "fast_%d.i32" % n), dtype="<i4")
        o = ours_by_n[n]
        p = fast_by_n[n]
        rows.append({
            "n": n,
            "ours_fit_wall_s": o["fit_wall_s"], "ours_fit_cpu_s": o["fit_cpu_s"],
            "ours_heap_peak_bytes": o["heap_peak_bytes"], "ours_clusters": o["clusters"], "ours_noise": o["noise"],
            "fast_fit_wall_s": p["fit_wall_s"], "fast_fit_cpu_s": p["fit_cpu_s"],
            "fast_clusters": p["clusters"], "fast_noise": p["noise"],
            "ratio_fast_over_ours_wall": round(p["fit_wall_s"] / o["fit_wall_s"], 2),
            "ratio_fast_over_ours_cpu": round(p["fit_cpu_s"] / o["fit_cpu_s"], 2),
            "ari_ours_vs_fast": round(float(adjusted_rand_score(a, b)), 6),
            "labels_identical_up_to_renaming": bool(adjusted_rand_score(a, b) == 1.0),
        })
    res = {
        "benchmark": "HDBSCAN* fit, ours (public API) vs fast_hdbscan (numba, parallel Boruvka), issue 20",
        "data": "sklearn.datasets.make_blobs(n, 5, centers=10, random_state=0), the same float64 files for both",
        "parameters": {"min_cluster_size": MIN_CLUSTER_SIZE,
                       "min_samples": "unset on both sides: min_cluster_size (fast_hdbscan's default); core "
                                      "distance = distance to the (min_samples+1)-th nearest row counting itself "
                                      "on both sides"},
        "sklearn_hdbscan": "not compared: sklearn.cluster.HDBSCAN first appears in scikit-learn 1.3; this machine "
                           "has " + sklearn.__version__,
        "timing": "one fit per size after a warm-up fit on a 20,000-row set on each side (ours: in the same JVM; "
                  "fast_hdbscan: its first call compiles with numba, recorded apart); wall and process CPU seconds "
                  "(all threads); ours and fast_hdbscan run one after the other in one script run",
        "machine": meta,
        "ours": {k: v for k, v in ours.items() if k != "runs"},
        "fast_hdbscan": {k: v for k, v in fast_res.items() if k != "runs"},
        "runs": rows,
    }
    with open(out, "w") as f:
        json.dump(res, f, indent=1)
        f.write("\n")
    for r in rows:
        print("n=%d ours %.3f s (%.3f cpu) fast_hdbscan %.3f s (%.3f cpu) ratio wall %.2f cpu %.2f ARI %.6f"
              % (r["n"], r["ours_fit_wall_s"], r["ours_fit_cpu_s"], r["fast_fit_wall_s"], r["fast_fit_cpu_s"],
                 r["ratio_fast_over_ours_wall"], r["ratio_fast_over_ours_cpu"], r["ari_ours_vs_fast"]))


def main(argv):
    cmd = argv[1]
    if cmd == "gen":
        gen(argv[2], [int(s) for s in argv[3:]])
    elif cmd == "fast":
        fast(argv[2], argv[3], [int(s) for s in argv[4:]])
    elif cmd == "report":
        report(argv[2], argv[3], argv[4], argv[5], argv[6], [int(s) for s in argv[7:]])
    else:
        raise SystemExit("unknown subcommand " + cmd)


if __name__ == "__main__":
    main(sys.argv)
