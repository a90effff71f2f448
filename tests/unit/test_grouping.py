"""Facts grouped by average linkage over likely pairs (scikit-learn, per connected component; no model)."""

from __future__ import annotations

import numpy as np

from rashomon.event.align.grouping import group_facts


def test_likely_pairs_join_and_unlikely_ones_stay_apart() -> None:
    pairs = np.array([[0, 1], [1, 2], [2, 3]])
    probability = np.array([0.9, 0.1, 0.8], dtype=np.float32)
    groups = group_facts(4, pairs, probability, 0.5, [0, 1, 0, 1], ["a", "a", "b", "b"])
    assert groups == [[0, 1], [2, 3]]


def test_average_linkage_needs_the_average_not_one_strong_pair() -> None:
    # 0-1 strong, 2 is close to 1 only: joining 2 would average (0.6 + 0.0) / 2 with 0 and 1
    pairs = np.array([[0, 1], [1, 2]])
    probability = np.array([0.95, 0.6], dtype=np.float32)
    groups = group_facts(3, pairs, probability, 0.5, [0, 1, 2], ["v", "v", "v"])
    assert groups == [[0, 1], [2]]


def test_two_different_values_of_one_report_never_share_a_group() -> None:
    pairs = np.array([[0, 1], [0, 2], [1, 2]])
    probability = np.array([0.9, 0.9, 0.9], dtype=np.float32)
    groups = group_facts(3, pairs, probability, 0.3, [0, 1, 1], ["x", "x", "y"])
    assert all(not {1, 2} <= set(g) for g in groups)


def test_a_forbidden_pair_is_kept_apart_however_likely() -> None:
    pairs = np.array([[0, 1]])
    groups = group_facts(
        2, pairs, np.array([0.99], dtype=np.float32), 0.5, [0, 1], ["15", "70"], forbidden=np.array([True])
    )
    assert groups == [[0], [1]]


def test_every_fact_is_in_exactly_one_group() -> None:
    rng = np.random.default_rng(7)
    n = 40
    i, j = np.triu_indices(n, k=1)
    keep = rng.random(len(i)) < 0.2
    pairs = np.stack([i[keep], j[keep]], axis=1)
    probability = rng.random(len(pairs)).astype(np.float32)
    groups = group_facts(n, pairs, probability, 0.4, list(rng.integers(0, 4, n)), [str(k % 3) for k in range(n)])
    assert sorted(x for g in groups for x in g) == list(range(n))


def test_the_groups_are_those_of_scikit_learns_agglomerative_clustering() -> None:
    """The same average-linkage cut as AgglomerativeClustering(metric="precomputed", linkage="average")."""
    from sklearn.cluster import AgglomerativeClustering

    rng = np.random.default_rng(11)
    n = 30
    i, j = np.triu_indices(n, k=1)
    pairs = np.stack([i, j], axis=1)
    probability = rng.random(len(pairs)).astype(np.float32) ** 3  # a few likely pairs, many unlikely ones
    link = 0.4
    ours = group_facts(n, pairs, probability, link, list(range(n)), [str(k) for k in range(n)])
    distance = np.zeros((n, n))
    distance[i, j] = distance[j, i] = 1.0 - probability
    labels = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1.0 - link
    ).fit_predict(distance)
    theirs: dict[int, list[int]] = {}
    for k, label in enumerate(labels):
        theirs.setdefault(int(label), []).append(k)
    assert sorted(map(sorted, ours)) == sorted(map(sorted, theirs.values()))
