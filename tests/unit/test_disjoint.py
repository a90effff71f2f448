"""Groups joined in plain Python give SciPy's groups: the disjoint-set forest and average-linkage cuts."""

from __future__ import annotations

import numpy as np
import pytest

from rashomon.disjoint import DisjointSet, average_linkage_groups


def _partition(labels: list[int] | np.ndarray) -> set[frozenset[int]]:
    groups: dict[int, set[int]] = {}
    for item, label in enumerate(labels):
        groups.setdefault(int(label), set()).add(item)
    return {frozenset(g) for g in groups.values()}


def test_merged_items_share_a_group_and_the_rest_stay_alone() -> None:
    sets = DisjointSet(range(6))
    for a, b in ((0, 3), (3, 5), (1, 2)):
        sets.merge(a, b)
    assert sets.find(0) == sets.find(5) and sets.find(1) == sets.find(2) and sets.find(0) != sets.find(1)
    assert sorted(sorted(g) for g in sets.subsets()) == [[0, 3, 5], [1, 2], [4]]


@pytest.mark.parametrize("seed", range(12))
def test_average_linkage_cuts_give_scipys_flat_clusters(seed: int) -> None:
    from scipy.cluster.hierarchy import fcluster, linkage

    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 40))
    distance = rng.random((n, n)) ** 2
    distance = (distance + distance.T) / 2
    np.fill_diagonal(distance, 0.0)
    far = rng.random((n, n)) < 0.1  # pairs that may never join, as the grouping marks them
    distance[far | far.T] = 1e6
    np.fill_diagonal(distance, 0.0)
    below = float(np.nextafter(0.5, -np.inf))
    theirs = fcluster(linkage(distance[np.triu_indices(n, k=1)], method="average"), t=below, criterion="distance")
    assert _partition(average_linkage_groups(distance.tolist(), below)) == _partition(theirs)


def test_nothing_joins_when_every_distance_is_above_the_cut() -> None:
    assert average_linkage_groups([[0.0, 0.9], [0.9, 0.0]], 0.5) == [0, 1]
    assert average_linkage_groups([[0.0, 0.2], [0.2, 0.0]], 0.5) == [0, 0]
