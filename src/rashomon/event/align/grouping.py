"""Groups of facts that state one fact: agglomerative clustering with average linkage over a precomputed distance
(1 - probability), run on each connected part of the graph of likely pairs.

The clustering is SciPy's ``linkage(method="average")`` cut at the distance threshold, the very routine
scikit-learn's ``AgglomerativeClustering(metric="precomputed", linkage="average", distance_threshold=...)`` runs for
such a tree (``tests/unit/test_grouping.py`` checks that both give the same groups). It is called directly because
importing scikit-learn costs about a second of a cold ``rashomon compare`` (bench/compare_scale.py), which has to stay
within twice the time of spaCy loading and parsing the same reports.

Average linkage can only join two groups when some pair between them reaches the threshold, so the connected
components of the pairs at or above it bound every group; clustering each component on its own keeps the cost near
the number of likely pairs instead of the square of the number of facts. Pairs that were never candidates count as
probability 0; two facts of one report that give different values are never joined (``FAR``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

FAR = 1e6  # the distance of a pair that may never share a group


def group_facts(
    n: int,
    pairs: np.ndarray,
    probability: np.ndarray,
    link: float,
    report_of: Sequence[int],
    value_of: Sequence[str],
    forbidden: np.ndarray | None = None,
) -> list[list[int]]:
    """Indices 0..n-1 in groups (each sorted; groups in order of their first member). ``forbidden`` marks pairs that
    may never share a group (two values that cannot both be true, not alike enough to be one disputed fact)."""
    if n == 0:
        return []
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    strong = probability >= link
    graph = coo_matrix((np.ones(int(strong.sum())), (pairs[strong, 0], pairs[strong, 1])), shape=(n, n))
    _, component = connected_components(graph, directed=False)
    reports = np.asarray(report_of, dtype=np.int64)
    codes: dict[str, int] = {}
    values = np.array([codes.setdefault(v, len(codes)) for v in value_of], dtype=np.int64)
    inside = component[pairs[:, 0]] == component[pairs[:, 1]] if len(pairs) else np.zeros(0, dtype=bool)
    pair_component = np.where(inside, component[pairs[:, 0]], -1) if len(pairs) else np.zeros(0, dtype=np.int64)
    order = np.argsort(component, kind="stable")
    bounds = np.flatnonzero(np.diff(component[order])) + 1
    groups: list[list[int]] = []
    for idx in np.split(order, bounds):
        if len(idx) == 1:
            groups.append([int(idx[0])])
            continue
        rows = np.flatnonzero(pair_component == component[idx[0]])
        for part, part_rows in _bounded(idx, pairs, probability, rows, link):
            if len(part) == 1:
                groups.append([int(part[0])])
            elif len(part) > MAX_LINKAGE:
                groups.append([int(i) for i in part])  # one fact its reports restate alike (see _bounded)
            else:
                apart = forbidden[part_rows] if forbidden is not None else np.zeros(len(part_rows), dtype=bool)
                groups.extend(_cluster(part, pairs[part_rows], probability[part_rows], link, reports, values, apart))
    return sorted((sorted(g) for g in groups), key=lambda g: g[0])


MAX_LINKAGE = 1500  # facts a component may hold for average linkage (its distance matrix grows with the square)
STRICTER = (0.5, 0.65, 0.8, 0.9, 0.95)


def _bounded(
    idx: np.ndarray, pairs: np.ndarray, probability: np.ndarray, rows: np.ndarray, link: float
) -> list[tuple[np.ndarray, np.ndarray]]:
    """A component cut into parts small enough for average linkage: a part too large is split along its weaker
    pairs (the connected parts of its pairs at a stricter probability, step by step); a part still too large at
    the strictest is one fact restated alike across many reports, kept whole. Each part comes with its pairs."""
    if len(idx) <= MAX_LINKAGE:
        return [(idx, rows)]
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    for threshold in (t for t in STRICTER if t > link):
        strong = rows[probability[rows] >= threshold]
        local = {int(v): k for k, v in enumerate(idx)}
        a = np.array([local[int(x)] for x in pairs[strong, 0]], dtype=np.int64)
        b = np.array([local[int(x)] for x in pairs[strong, 1]], dtype=np.int64)
        graph = coo_matrix((np.ones(len(strong)), (a, b)), shape=(len(idx), len(idx)))
        _, labels = connected_components(graph, directed=False)
        if labels.max() == 0:
            continue  # still one part at this threshold
        out: list[tuple[np.ndarray, np.ndarray]] = []
        pair_label_a = labels[np.array([local[int(x)] for x in pairs[rows, 0]], dtype=np.int64)]
        pair_label_b = labels[np.array([local[int(x)] for x in pairs[rows, 1]], dtype=np.int64)]
        for label in np.unique(labels):
            part = idx[labels == label]
            part_rows = rows[(pair_label_a == label) & (pair_label_b == label)]
            out.extend(_bounded(part, pairs, probability, part_rows, threshold))
        return out
    return [(idx, rows)]


def _cluster(
    idx: np.ndarray,
    pairs: np.ndarray,
    probability: np.ndarray,
    link: float,
    reports: np.ndarray,
    values: np.ndarray,
    forbidden: np.ndarray,
) -> list[list[int]]:
    """Average linkage over one component (SciPy), pairs that were never candidates at probability 0."""
    from scipy.cluster.hierarchy import fcluster, linkage

    size = len(idx)
    local = np.full(int(idx.max()) + 1, -1, dtype=np.int64)
    local[idx] = np.arange(size)
    distance = np.ones((size, size), dtype=np.float64)
    r, v = reports[idx], values[idx]
    apart = (r[:, None] == r[None, :]) & (v[:, None] != v[None, :])
    a, b = local[pairs[:, 0]], local[pairs[:, 1]]
    distance[a, b] = distance[b, a] = np.where(forbidden, FAR, 1.0 - probability)
    distance[apart] = FAR
    condensed = distance[np.triu_indices(size, k=1)]
    tree = linkage(condensed, method="average")
    # merge while the average distance is below the threshold (strictly, as scikit-learn's distance_threshold)
    labels = fcluster(tree, t=np.nextafter(1.0 - link, -np.inf), criterion="distance")
    out: dict[int, list[int]] = {}
    for k, label in enumerate(labels):
        out.setdefault(int(label), []).append(int(idx[k]))
    return list(out.values())
