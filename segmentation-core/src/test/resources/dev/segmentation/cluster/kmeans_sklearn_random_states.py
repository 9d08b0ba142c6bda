# Produces kmeans_sklearn_random_states.csv: scikit-learn's own spread of best-of-10 inertias.
# Debian bookworm python3-sklearn 1.2.1 (the version of ../shared/data/reference/kmeans_sklearn_gagolews_v1.csv),
# run as: OMP_NUM_THREADS=1 /usr/bin/python3 kmeans_sklearn_random_states.py > kmeans_sklearn_random_states.csv
import csv, sys, warnings
import numpy as np
from sklearn.cluster import KMeans

warnings.filterwarnings("ignore")
SHARED = "../shared/data" if len(sys.argv) < 2 else sys.argv[1]
rows = list(csv.DictReader(open(SHARED + "/reference/kmeans_sklearn_gagolews_v1.csv")))
STATES = range(10)
print("battery,dataset,k," + ",".join("inertia_rs%d" % s for s in STATES))
for r in rows:
    X = np.loadtxt("%s/clustering_benchmarks_gagolews_v1/%s/%s.data.gz" % (SHARED, r["battery"], r["dataset"]), ndmin=2)
    out = []
    for s in STATES:
        m = KMeans(n_clusters=int(r["k"]), n_init=10, random_state=s, algorithm="lloyd", max_iter=300, tol=1e-4).fit(X)
        out.append(repr(float(m.inertia_)))
    print("%s,%s,%s,%s" % (r["battery"], r["dataset"], r["k"], ",".join(out)), flush=True)
