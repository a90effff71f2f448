"""Groups of facts that state one fact: scikit-learn's agglomerative clustering (average linkage, precomputed
distance 1 - probability), run on each connected part of the graph of likely pairs.

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
    n: int, pairs: np.ndarray, probability: np.ndarray, link: float, report_of: Sequence[int], value_of: Sequence[str]
) -> list[list[int]]:
    """Indices 0..n-1 in groups (each sorted; groups in order of their first member)."""
    if n == 0:
        return []
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    strong = probability >= link
    graph = coo_matrix((np.ones(int(strong.sum())), (pairs[strong, 0], pairs[strong, 1])), shape=(n, n))
    _, component = connected_components(graph, directed=False)
    members: dict[int, list[int]] = {}
    for i, c in enumerate(component):
        members.setdefault(int(c), []).append(i)
    by_component: dict[int, list[int]] = {}
    for k, (a, b) in enumerate(pairs):
        if component[a] == component[b] and len(members[int(component[a])]) > 1:
            by_component.setdefault(int(component[a]), []).append(k)
    groups: list[list[int]] = []
    for c, idx in members.items():
        if len(idx) == 1:
            groups.append(idx)
            continue
        groups.extend(
            _cluster(
                idx, pairs[by_component.get(c, [])], probability[by_component.get(c, [])], link, report_of, value_of
            )
        )
    return sorted((sorted(g) for g in groups), key=lambda g: g[0])


def _cluster(
    idx: list[int],
    pairs: np.ndarray,
    probability: np.ndarray,
    link: float,
    report_of: Sequence[int],
    value_of: Sequence[str],
) -> list[list[int]]:
    from sklearn.cluster import AgglomerativeClustering

    local = {g: k for k, g in enumerate(idx)}
    size = len(idx)
    distance = np.ones((size, size), dtype=np.float64)
    reports = np.array([report_of[g] for g in idx])
    values = np.array([value_of[g] for g in idx], dtype=object)
    apart = (reports[:, None] == reports[None, :]) & (values[:, None] != values[None, :])
    distance[apart] = FAR
    a = np.array([local[int(p)] for p in pairs[:, 0]], dtype=np.int64)
    b = np.array([local[int(p)] for p in pairs[:, 1]], dtype=np.int64)
    distance[a, b] = distance[b, a] = np.where(apart[a, b], FAR, 1.0 - probability)
    np.fill_diagonal(distance, 0.0)
    model = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1.0 - link
    )
    labels = model.fit_predict(distance)
    out: dict[int, list[int]] = {}
    for k, label in enumerate(labels):
        out.setdefault(int(label), []).append(idx[k])
    return list(out.values())
