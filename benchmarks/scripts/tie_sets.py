"""Tie-heavy data sets for the HDBSCAN tie-mode comparison (issue 19, part 3), with the labels of the hdbscan-py
stand-in (hdbscan_py_order_emulation.py, validated against hdbscan-py's reference labels).

Writes <out>/<name>.csv (no header), <out>/<name>.py_labels.txt, <out>/<name>.truth.txt (when the source has
reference labels) and <out>/manifest.tsv (name, rows, cols, distinct values per column, min_cluster_size,
min_samples, note).

Usage: python3 tie_sets.py <shared-data-dir> <out-dir>
"""
import csv
import gzip
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hdbscan_py_order_emulation as emu  # noqa: E402


def gz(path):
    with gzip.open(path, "rt") as f:
        return np.array([[float(v) for v in line.split()] for line in f if line.strip()])


def quantize(col, levels):
    lo, hi = col.min(), col.max()
    return np.round((col - lo) / (hi - lo) * (levels - 1))


def main(shared, out):
    os.makedirs(out, exist_ok=True)
    sets = []
    rfm = list(csv.DictReader(open(shared + "/reference/online_retail_rfm.csv")))
    r = np.array([[float(x["recency_days"]), float(x["frequency_orders"]), float(x["tenure_days"])] for x in rfm])
    sets.append(("rfm_frequency_1d", r[:, [1]], 50, 0, None, "Online Retail frequency_orders (integer)"))
    sets.append(("rfm_recency_1d", r[:, [0]], 50, 0, None, "Online Retail recency_days (integer)"))
    sets.append(("rfm_recency_frequency_2d", r[:, [0, 1]], 50, 0, None, "recency_days, frequency_orders"))
    sets.append(("rfm_rft_3d", r, 50, 0, None, "recency_days, frequency_orders, tenure_days"))
    bench = {
        "s1": "sipu/s1", "a1": "sipu/a1", "engytime": "fcps/engytime", "chameleon_t4_8k": "other/chameleon_t4_8k",
    }
    rng = np.random.default_rng(19)
    for name, rel in bench.items():
        base = shared + "/clustering_benchmarks_gagolews_v1/" + rel
        x = gz(base + ".data.gz")
        truth = np.loadtxt(gzip.open(base + ".labels0.gz", "rt"), dtype=np.int64).reshape(-1)
        pick = np.sort(rng.choice(x.shape[0], 2048, replace=False))
        x = x[pick]
        t = truth[pick]
        for levels in (61, 150, 374):
            q = quantize(x[:, 0], levels)[:, None]
            sets.append((f"{name}_x_{levels}_1d", q, 40, 0, t, f"{rel} column 0, 2,048 rows, {levels} levels"))
            sets.append((f"{name}_x_{levels}_1d_ms5", q, 40, 5, t,
                         f"{rel} column 0, 2,048 rows, {levels} levels, min_samples 5"))
        for levels in (20, 61):
            q = np.stack([quantize(x[:, 0], levels), quantize(x[:, 1], levels)], axis=1)
            sets.append((f"{name}_{levels}x{levels}_2d", q, 40, 0, t, f"{rel} 2,048 rows, {levels} levels/column"))
    with open(out + "/manifest.tsv", "w") as m:
        m.write("name\trows\tcols\tdistinct\tmin_cluster_size\tmin_samples\tnote\n")
        for name, x, mcs, ms, truth, note in sets:
            np.savetxt(out + f"/{name}.csv", x, fmt="%.17g", delimiter=",")
            labels = emu.fit(x, mcs, ms, "source")
            np.savetxt(out + f"/{name}.py_labels.txt", labels, fmt="%d")
            if truth is not None:
                np.savetxt(out + f"/{name}.truth.txt", truth, fmt="%d")
            distinct = "/".join(str(len(np.unique(x[:, j]))) for j in range(x.shape[1]))
            m.write(f"{name}\t{x.shape[0]}\t{x.shape[1]}\t{distinct}\t{mcs}\t{ms}\t{note}\n")
            print(name, distinct, "py-like clusters", labels.max() + 1, "noise", float((labels < 0).mean()),
                  flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
