"""Reference outputs of scikit-learn's QuantileTransformer for QuantileScalingReferenceTest.

Run with the system Python that has scikit-learn (Debian python3-sklearn 1.2.1):
    /usr/bin/python3 segmentation-core/src/test/python/quantile_transformer_reference.py ../shared > \
        segmentation-core/src/test/resources/reference/quantile_transformer_sklearn.json
The input rows are written into the JSON, so the test needs nothing else.
"""
import json
import sys

import numpy as np
import scipy
import sklearn
from scipy import stats
from sklearn.preprocessing import QuantileTransformer

shared = sys.argv[1]
rfm = np.genfromtxt(shared + "/data/reference/online_retail_rfm.csv", delimiter=",", skip_header=1)[:, 1:]
rng = np.random.RandomState(7)
idx = rng.choice(rfm.shape[0], size=600, replace=False)
train = rfm[idx]
test = rfm[rng.choice(rfm.shape[0], size=200, replace=False)]
# values outside the training range, exact training quantiles, ties
test = np.vstack([test, train.min(axis=0) - 1, train.max(axis=0) + 1, train[:3]])
ties = np.round(rng.exponential(2.0, size=(600, 1)))  # few distinct values
ties_test = np.round(rng.exponential(2.0, size=(100, 1)) * 1.3)
small = rng.normal(size=(37, 2))
small_test = rng.normal(size=(20, 2)) * 1.5

cases = []
for name, xtr, xte, nq in [("rfm", train, test, 1000), ("rfm_q100", train, test, 100), ("ties", ties, ties_test, 1000),
                           ("small", small, small_test, 1000), ("small_q10", small, small_test, 10)]:
    for dist in ["uniform", "normal"]:
        qt = QuantileTransformer(n_quantiles=nq, output_distribution=dist, subsample=10**9).fit(xtr)
        cases.append({
            "name": name + "_" + dist, "nQuantiles": nq, "distribution": dist,
            "train": xtr.tolist(), "test": xte.tolist(),
            "quantiles": qt.quantiles_.T.tolist(),
            "trainTransformed": qt.transform(xtr).tolist(), "testTransformed": qt.transform(xte).tolist(),
        })
p = np.concatenate([[1e-300, 1e-100, 1e-20, 1e-10, 1e-7 - np.spacing(1), 1e-5, 0.001, 0.0249, 0.025, 0.07, 0.3,
                     0.4999, 0.5, 0.5000001, 0.6, 0.8, 0.975, 0.9751, 0.999, 1 - 1e-7 + np.spacing(1)],
                    np.linspace(0.0001, 0.9999, 101)])
print(json.dumps({"sklearn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__,
                  "cases": cases, "ppf": {"p": p.tolist(), "x": stats.norm.ppf(p).tolist()}}))
