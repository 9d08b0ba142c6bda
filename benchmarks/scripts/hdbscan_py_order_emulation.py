"""A stand-in for hdbscan-py 0.8.x's exact Prim path (algorithm="prims_kdtree", approx_min_span_tree=False), written
here from its documented behaviour because hdbscan-py cannot be installed on this machine. Only what decides labels
under EOM selection is emulated:

- core distance: distance to the (min_samples + 1)-th nearest row counting the row itself;
- Prim from row 0: every row outside the tree keeps its smallest mutual-reachability distance to the tree (replaced
  only by a strictly smaller one); the next row is the first (lowest index) row with the smallest such distance;
  the edge is recorded as (row added in the previous step, new row, distance)  [the "last node" variant] or as
  (row that gave the distance, new row, distance)  [the "true source" variant];
- edges sorted by weight with numpy's default (unstable) argsort, merged one at a time (union-find);
- condensed tree, stability and excess-of-mass selection (root excluded), labels by the selected cluster above.

Usage: python3 hdbscan_py_order_emulation.py validate <shared-data-dir>
       python3 hdbscan_py_order_emulation.py fit <in.csv> <min_cluster_size> <min_samples|0> <out.csv> [variant]
Validation compares with hdbscan-py's own reference labels (reference/hdbscan_*_fit.csv) on the cases with default
selection settings; both variants reproduce all 9 (5 of them not order-stable in hdbscan-py); "source" (the one hdbscan-py 0.8.3x-0.8.4x implements) is the default.
"""
import csv
import gzip
import json
import sys

import numpy as np


def core_distances(x, k):
    n = x.shape[0]
    out = np.empty(n)
    for i in range(n):
        d = np.sqrt(((x - x[i]) ** 2).sum(axis=1))
        out[i] = np.partition(d, k - 1)[k - 1]
    return out


def prim_edges(x, core, variant):
    n = x.shape[0]
    in_tree = np.zeros(n, dtype=bool)
    best = np.full(n, np.inf)
    source = np.zeros(n, dtype=np.int64)
    edges = np.zeros((n - 1, 3))
    cur = 0
    for step in range(n - 1):
        in_tree[cur] = True
        dist = np.sqrt(((x - x[cur]) ** 2).sum(axis=1))
        mr = np.maximum(np.maximum(dist, core), core[cur])
        better = (~in_tree) & (mr < best)
        best[better] = mr[better]
        source[better] = cur
        cand = np.where(in_tree, np.inf, best)
        nxt = int(np.argmin(cand))
        edges[step, 0] = cur if variant == "last" else source[nxt]
        edges[step, 1] = nxt
        edges[step, 2] = cand[nxt]
        cur = nxt
    return edges


def single_linkage(edges, n):
    parent = np.full(2 * n - 1, -1, dtype=np.int64)
    size = np.concatenate([np.ones(n, dtype=np.int64), np.zeros(n - 1, dtype=np.int64)])
    out = np.zeros((n - 1, 4))
    nxt = n

    def find(a):
        r = a
        while parent[r] != -1:
            r = parent[r]
        while a != r and parent[a] != r:
            p = parent[a]
            parent[a] = r
            a = p
        return r

    for i in range(n - 1):
        a = find(int(edges[i, 0]))
        b = find(int(edges[i, 1]))
        out[i] = (a, b, edges[i, 2], size[a] + size[b])
        parent[a] = nxt
        parent[b] = nxt
        size[nxt] = size[a] + size[b]
        nxt += 1
    return out


def leaves_below(h, node, n):
    stack = [node]
    out = []
    while stack:
        v = stack.pop()
        if v < n:
            out.append(v)
        else:
            stack.append(int(h[v - n, 0]))
            stack.append(int(h[v - n, 1]))
    return out


def condense(h, mcs):
    n = h.shape[0] + 1
    root = 2 * n - 2
    label = {root: n}
    next_label = n + 1
    rows = []  # (parent, child, lambda, size)
    queue = [root]
    qi = 0
    while qi < len(queue):
        node = queue[qi]
        qi += 1
        if node < n:
            continue
        a, b, w, _ = h[node - n]
        a = int(a)
        b = int(b)
        lam = 1.0 / w if w > 0 else np.inf
        sa = int(h[a - n, 3]) if a >= n else 1
        sb = int(h[b - n, 3]) if b >= n else 1
        me = label[node]
        if sa >= mcs and sb >= mcs:
            for c, s in ((a, sa), (b, sb)):
                label[c] = next_label
                rows.append((me, next_label, lam, s))
                next_label += 1
                queue.append(c)
        else:
            for c, s in ((a, sa), (b, sb)):
                if s >= mcs:
                    label[c] = me
                    queue.append(c)
                else:
                    for p in leaves_below(h, c, n):
                        rows.append((me, p, lam, 1))
    return rows, n


def eom_labels(rows, n):
    birth = {n: 0.0}
    for p, c, lam, s in rows:
        if c >= n:
            birth[c] = lam
    stability = {c: 0.0 for c in birth}
    for p, c, lam, s in rows:
        stability[p] += (lam - birth[p]) * s
    children = {c: [] for c in birth}
    for p, c, lam, s in rows:
        if c >= n:
            children[p].append(c)
    nodes = sorted(birth.keys(), reverse=True)[:-1]  # root excluded
    selected = {c: True for c in nodes}
    for c in nodes:
        sub = sum(stability[ch] for ch in children[c])
        if sub > stability[c]:
            selected[c] = False
            stability[c] = sub
        else:
            stack = list(children[c])
            while stack:
                v = stack.pop()
                selected[v] = False
                stack.extend(children[v])
    chosen = sorted(c for c, s in selected.items() if s)
    label_of = {c: i for i, c in enumerate(chosen)}
    parent_of = {}
    for p, c, lam, s in rows:
        parent_of[c] = p
    labels = np.full(n, -1, dtype=np.int64)
    for pt in range(n):
        c = parent_of.get(pt)
        while c is not None and c not in label_of:
            c = parent_of.get(c)
        labels[pt] = label_of[c] if c is not None else -1
    return labels


def fit(x, mcs, ms, variant="source"):
    n = x.shape[0]
    ms = mcs if ms in (None, 0) else ms
    ms = max(1, min(ms, n - 1))
    core = core_distances(x, ms + 1)
    edges = prim_edges(x, core, variant)
    edges = edges[np.argsort(edges[:, 2]), :]
    h = single_linkage(edges, n)
    rows, n = condense(h, mcs)
    return eom_labels(rows, n)


def load(path):
    if path.endswith(".gz"):
        with gzip.open(path, "rt") as f:
            return np.array([[float(v) for v in line.split()] for line in f if line.strip()])
    with open(path) as f:
        r = csv.reader(f)
        first = next(r)
        try:
            rows = [[float(v) for v in first]]
        except ValueError:
            rows = []
        rows.extend([float(v) for v in row] for row in r if row)
    return np.array(rows)


def ari(a, b):
    from sklearn.metrics import adjusted_rand_score
    return adjusted_rand_score(a, b)


def validate(shared):
    cases = json.load(open(shared + "/reference/hdbscan_cases.json"))["cases"]
    for c in cases:
        p = c["params"]
        if set(p) - {"min_cluster_size", "min_samples"} or "," in c["source"]:
            continue
        x = load(shared + "/" + c["source"])
        ref = np.array([int(r["label"]) for r in csv.DictReader(open(shared + "/reference/hdbscan_" + c["name"]
                                                                      + "_fit.csv"))])
        for variant in ("last", "source"):
            lab = fit(x, p["min_cluster_size"], p.get("min_samples", 0), variant)
            print(f"{c['name']:24s} {variant:6s} order-stable={c['hdbscan_py_order_stable']!s:5s} "
                  f"clusters={lab.max() + 1:3d} (ref {ref.max() + 1:3d}) ARI={ari(ref, lab):.6f} "
                  f"identical={bool((np.unique(np.stack([ref, lab]), axis=1).shape[1]) == ref.max() + 2 - (ref.min() >= 0))}",
                  flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "validate":
        validate(sys.argv[2])
    else:
        x = load(sys.argv[2])
        variant = sys.argv[6] if len(sys.argv) > 6 else "source"
        labels = fit(x, int(sys.argv[3]), int(sys.argv[4]), variant)
        np.savetxt(sys.argv[5], labels, fmt="%d")
