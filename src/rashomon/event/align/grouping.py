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
        apart = forbidden[rows] if forbidden is not None else np.zeros(len(rows), dtype=bool)
        groups.extend(_cluster(idx, pairs[rows], probability[rows], link, reports, values, apart))
    return sorted((sorted(g) for g in groups), key=lambda g: g[0])


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
