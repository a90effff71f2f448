"""Items joined into groups: a disjoint-set forest (union by size, path halving) and average-linkage clustering of a
small set, in plain Python.

Both exist so that a cold ``rashomon compare`` does not import ``scipy.cluster`` (0.3-0.4 s on a laptop, a tenth
of comparing 20 reports) for work that is a few lines: SciPy's ``DisjointSet`` and ``linkage`` give the same groups
(``tests/unit/test_disjoint.py`` checks them against SciPy), and stay in use for large inputs.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T", bound=Hashable)
SMALL_LINKAGE = 60  # items up to which ``average_linkage_groups`` runs instead of SciPy's linkage (cost ~ n**3)


class DisjointSet(Generic[T]):
    """Groups of items, as SciPy's ``scipy.cluster.hierarchy.DisjointSet``: ``merge`` joins two items' groups,
    ``ds[x]`` (or ``find``) names an item's group by its root, ``subset`` lists an item's group, ``subsets`` every
    group in the order of their first items. The root of a merge is the larger group's, on a tie the one added
    first (SciPy's rule, so groups keyed by their root come out in the same order)."""

    def __init__(self, items: Iterable[T] = ()) -> None:
        self._parent: dict[T, T] = {}
        self._order: dict[T, int] = {}
        self._members: dict[T, list[T]] = {}
        for item in items:
            self.add(item)

    def __contains__(self, item: object) -> bool:
        return item in self._parent

    def __getitem__(self, item: T) -> T:
        return self.find(item)

    def add(self, item: T) -> None:
        if item not in self._parent:
            self._parent[item] = item
            self._order[item] = len(self._order)
            self._members[item] = [item]

    def find(self, item: T) -> T:
        parent = self._parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def merge(self, a: T, b: T) -> bool:
        """Join the groups of ``a`` and ``b``; False when they were one already."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        size_a, size_b = len(self._members[ra]), len(self._members[rb])
        if size_a < size_b or (size_a == size_b and self._order[ra] > self._order[rb]):
            ra, rb = rb, ra
        self._parent[rb] = ra
        self._members[ra].extend(self._members.pop(rb))
        return True

    def subset(self, item: T) -> set[T]:
        return set(self._members[self.find(item)])

    def subsets(self) -> list[set[T]]:
        roots = sorted(self._members, key=lambda root: min(self._order[i] for i in self._members[root]))
        return [set(self._members[root]) for root in roots]


def average_linkage_groups(distance: Sequence[Sequence[float]], below: float) -> list[int]:
    """Flat clusters of average (UPGMA) linkage over a full distance matrix: clusters merge, closest first, while
    their average distance is at most ``below``; a label per item (labels numbered from 0 in order of first item).
    The same partition as SciPy's ``fcluster(linkage(condensed, "average"), t=below, criterion="distance")``:
    average linkage is monotone, so cutting its tree at a height merges exactly the pairs below it. Cost grows with
    the cube of the items: meant for small sets."""
    n = len(distance)
    members: dict[int, list[int]] = {k: [k] for k in range(n)}
    between = {(a, b): float(distance[a][b]) for a in range(n) for b in range(a + 1, n)}
    while between:
        (a, b), d = min(between.items(), key=lambda kv: (kv[1], kv[0]))
        if d > below:
            break
        na, nb = len(members[a]), len(members[b])
        for c in members:
            if c in (a, b):
                continue
            da = between.pop((min(a, c), max(a, c)))
            db = between.pop((min(b, c), max(b, c)))
            between[(min(a, c), max(a, c))] = (na * da + nb * db) / (na + nb)
        del between[(a, b)]
        members[a].extend(members.pop(b))
    labels = [0] * n
    for label, group in enumerate(sorted(members.values(), key=min)):
        for item in group:
            labels[item] = label
    return labels
