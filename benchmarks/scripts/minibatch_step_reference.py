#!/usr/bin/python3
"""Reference values for MiniBatchKMeansStepReferenceTest: scikit-learn's own _mini_batch_step (1.2.1, Debian's
/usr/bin/python3) applied to fixed batches from fixed centres with reassignment off (no randomness), printed as
Java literals. Run: /usr/bin/python3 benchmarks/scripts/minibatch_step_reference.py"""
import numpy as np
import sklearn
from sklearn.cluster._kmeans import _mini_batch_step

X = np.array([[1.0, 2.0], [1.5, 1.8], [5.0, 8.0], [8.0, 8.0], [1.0, 0.6], [9.0, 11.0], [0.3, -2.0],
              [7.25, 9.5], [2.0, 2.0], [6.0, 7.0], [0.1, 0.2], [10.0, 10.0]])
batches = [X[0:5], X[5:9], X[9:12], X[[1, 3, 5, 7]]]
centres = np.array([[0.0, 0.0], [5.0, 5.0], [10.0, 12.0]])
counts = np.zeros(3)
print("// scikit-learn", sklearn.__version__)
for b in batches:
    new = np.empty_like(centres)
    inertia = _mini_batch_step(b, np.ones(b.shape[0]), centres, new, counts, np.random.RandomState(0),
                               random_reassign=False, reassignment_ratio=0.0, n_threads=1)
    centres = new
    print("{%s}, // inertia %r, counts %s" % (", ".join(repr(v) for v in centres.ravel()), inertia, counts.tolist()))
