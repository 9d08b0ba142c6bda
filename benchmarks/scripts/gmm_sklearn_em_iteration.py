"""scikit-learn's figure beside GaussianMixtureBenchmark: one EM iteration (E-step + M-step, which includes the new
precision Cholesky factors) of sklearn.mixture.GaussianMixture on 1,000,000 x 8 Gaussian blobs, k = 8 (unit
variance, centres uniform in [-10, 10]^8, means fixed at 8 data rows spread over the data), FULL and DIAG.

The data has the benchmark's distribution and shape but numpy's random stream (Java's SplittableRandom cannot be
reproduced here); EM's cost does not depend on the values. Run with Debian's python3 (python3-sklearn):
    /usr/bin/python3 benchmarks/scripts/gmm_sklearn_em_iteration.py
Prints one JSON line per covariance type: best and median of 7 timed iterations after 2 warm-up ones.
"""
import json
import os
import platform
import statistics
import time

import numpy as np
import sklearn
from sklearn.mixture import GaussianMixture

n, d, k = 1_000_000, 8, 8
rng = np.random.default_rng(20240601)
centres = rng.uniform(-10, 10, size=(k, d))
x = centres[rng.integers(0, k, size=n)] + rng.standard_normal((n, d))
means = x[[q * n // k for q in range(k)]]

for cov in ["full", "diag"]:
    gm = GaussianMixture(n_components=k, covariance_type=cov, max_iter=1, means_init=means,
                         weights_init=np.full(k, 1.0 / k), random_state=0)
    gm._initialize_parameters(x, np.random.RandomState(0))  # from means_init / weights_init
    times = []
    for rep in range(9):
        t0 = time.perf_counter()
        _, log_resp = gm._e_step(x)
        gm._m_step(x, log_resp)
        times.append(time.perf_counter() - t0)
    times = times[2:]
    print(json.dumps({"covariance": cov.upper(), "n": n, "d": d, "k": k, "best_ms": round(1000 * min(times), 1),
                      "median_ms": round(1000 * statistics.median(times), 1), "sklearn": sklearn.__version__,
                      "numpy": np.__version__, "python": platform.python_version(),
                      "load_average": os.getloadavg()[0]}))
