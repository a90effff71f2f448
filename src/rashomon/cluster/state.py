"""Incremental event clustering: a candidate index on rare words, exact scores on candidates, average linkage.

How a set of reports becomes clusters:

1. each report's features (:mod:`rashomon.cluster.features`) are weighted by inverse document frequency over the
   reports the state holds, and L2-normalised;
2. candidates: a report looks up its ``top_keys`` highest-weighted words in an inverted index of every report's words
   (words in more than ``max_postings`` reports are skipped), and other reports look it up through theirs; the
   ``max_candidates`` candidates that share the most such words are scored exactly (:mod:`rashomon.cluster.score`),
   and so are the ``neighbours`` reports whose lead embeddings are nearest to its own in an approximate
   nearest-neighbour index (usearch's HNSW: a maintained library with wheels for every platform, no compiler, 2 MB;
   incremental adds and saving to a file; hnswlib ships only source, faiss-cpu is 18 MB and its HNSW index cannot
   grow and be searched as cheaply from Python). Both indexes cost about the same per report whatever the feed's
   size, so clustering grows about linearly;
3. pairs scoring at least ``link_threshold`` (the lower of ``threshold`` and ``attach_threshold``) link reports into
   components (a disjoint-set forest);
4. within each component, average linkage over all its pairs' scores, cut at ``threshold``; then each cluster of at
   most ``attach_size`` reports joins the cluster it scores best with on average, when that reaches
   ``attach_threshold``. Both need at least one pair at or above ``link_threshold``, so no cluster can span two
   components: the components only bound the work.

Before a report is read, its lines are counted over the feed: a line found in ``boilerplate_reports`` reports or
more (share buttons, newsletter offers, archive notices of scraped pages) is left out, so that pages which share
only their furniture do not cluster together.

``add`` runs steps 1-4 for new reports and re-runs step 4 on the components they touched. Batch clustering is one
``add``: its result depends on the set of reports only (members are ordered by content key, never by input order).
Adding in several steps gives the same clusters as one batch except where document frequencies moved enough between
steps to change a decision near the threshold: links found earlier stay (scores within a touched component are
recomputed with the current weights, so a stale link can only widen a component, not force a merge), and components
no new report touched keep the clusters they had. A report's features are read once, when it arrives: a line that
becomes common only later is still read in the reports that came before.
"""

from __future__ import annotations

import hashlib
import itertools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from rashomon.cluster.features import ReportFeatures, extract_features, line_keys
from rashomon.cluster.score import WeightedRows, component_scores, pair_scores, weighted_rows
from rashomon.cluster.settings import DEFAULT_CLUSTER, ClusterSettings
from rashomon.embed import DIM
from rashomon.records import Report

_ID_LENGTH = 16
_LABEL_TERMS = 5
_THRESHOLD_STEP = 0.05
_LOOKUP_WORDS = 4  # a report is found by the reports whose keys are among its (this x top_keys) heaviest words
_EMBED_BATCH = 8  # leads are short: small batches ran fastest here (measured 56 leads/s at 8, 46 at 32)


@dataclass(frozen=True, slots=True)
class SavedReport:
    """What the state keeps of one report, to be saved and restored without reading the report again: its arrival
    number, features, line keys (as counted toward boilerplate), the words it was indexed under, and its lead
    embedding (float16; None when embeddings are off)."""

    seq: int
    features: ReportFeatures
    lines: np.ndarray  # uint64 line keys, sorted
    top_keys: tuple[str, ...]
    vector: np.ndarray | None = None


@dataclass(frozen=True, slots=True)
class StateChanges:
    """What ``add`` changed since the last ``take_changes``: the reports that arrived and the links found or
    rescored (pairs of arrival numbers, the lower first, and their scores)."""

    reports: tuple[SavedReport, ...]
    edges: tuple[tuple[int, int, float], ...]


@dataclass(frozen=True, slots=True)
class Cluster:
    """One event: the reports that tell of it (ids, sorted), a short label, and the span of their publication dates."""

    id: str  # "ev-" + hash of the members' content keys: the same reports give the same id
    label: str
    reports: tuple[str, ...]
    start: str | None = None
    end: str | None = None


STORY_LINES = 3  # a text repeated word for word counts once toward boilerplate from this many lines on


def _key_rank(key: str) -> int:
    """A fixed pseudo-random order of content keys (ties between candidates are broken by it)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=7).digest(), "big")


def cluster_id(keys: Iterable[str]) -> str:
    digest = hashlib.sha256("\n".join(sorted(keys)).encode("utf-8")).hexdigest()
    return f"ev-{digest[:_ID_LENGTH]}"


class Vocabulary:
    """Column numbers and document frequencies of words (or names), growing as reports arrive."""

    def __init__(self) -> None:
        self.columns: dict[str, int] = {}
        self.words: list[str] = []  # column -> word
        self.df: list[int] = []

    def encode(self, weights: dict[str, float] | Any) -> tuple[np.ndarray, np.ndarray]:
        cols = np.empty(len(weights), dtype=np.int64)
        values = np.empty(len(weights), dtype=np.float64)
        for k, (word, weight) in enumerate(weights.items()):
            col = self.columns.get(word)
            if col is None:
                col = self.columns[word] = len(self.df)
                self.words.append(word)
                self.df.append(0)
            self.df[col] += 1
            cols[k] = col
            values[k] = weight
        return cols, values

    def idf(self, total: int) -> np.ndarray:
        df = np.asarray(self.df, dtype=np.float64)
        return np.log((1.0 + total) / (1.0 + df)) + 1.0


class Vectors:
    """Unit embeddings of the reports held, one row each in arrival order, with a nearest-neighbour index over them.

    Rows are kept as float16 (768 bytes a report); the index (usearch HNSW, cosine) holds its own float16 copy and is
    built one thread at a time, so that the same reports added in the same order give the same graph."""

    _CONNECTIVITY = 16
    _EXPANSION_ADD = 64
    _EXPANSION_SEARCH = 64

    def __init__(self) -> None:
        from rashomon.embed import nearest_neighbour_index

        Index = nearest_neighbour_index()

        self.rows = np.zeros((1024, DIM), dtype=np.float16)
        self.count = 0
        self.index = Index(
            ndim=DIM,
            metric="cos",
            dtype="f16",
            connectivity=self._CONNECTIVITY,
            expansion_add=self._EXPANSION_ADD,
            expansion_search=self._EXPANSION_SEARCH,
        )

    def add(self, vectors: np.ndarray) -> None:
        start = self.count
        self.add_rows(vectors)
        self.index_rows(start)

    def index_rows(self, start: int) -> None:
        """Put the rows from ``start`` on into the nearest-neighbour graph."""
        if start < self.count:
            keys = np.arange(start, self.count, dtype=np.uint64)
            self.index.add(keys, self.rows[start : self.count], threads=1)

    def to_bytes(self) -> bytes:
        """The nearest-neighbour graph, to be restored with ``load_index`` instead of being built again."""
        data = self.index.save()
        if data is None:
            raise RuntimeError("usearch did not return the saved index")
        return bytes(data)

    def load_index(self, data: bytes) -> bool:
        """Use a saved graph when it holds exactly the rows held here; False (nothing changed) otherwise."""
        from rashomon.embed import nearest_neighbour_index

        Index = nearest_neighbour_index()

        index = Index.restore(data)
        if index is None or len(index) != self.count or index.ndim != DIM:
            return False
        self.index = index
        return True

    def add_rows(self, vectors: np.ndarray) -> None:
        """Rows held but not yet in the graph (``index_rows`` puts them there, or ``load_index`` a saved graph)."""
        n = len(vectors)
        while self.count + n > len(self.rows):
            self.rows = np.concatenate([self.rows, np.zeros_like(self.rows)])
        self.rows[self.count : self.count + n] = vectors
        self.count += n

    def of(self, members: Sequence[int]) -> np.ndarray:
        return self.rows[np.asarray(members, dtype=np.int64)].astype(np.float32)

    def nearest(self, members: Sequence[int], count: int) -> list[list[int]]:
        """For each member, up to ``count`` other rows nearest to it (the member itself left out)."""
        if not members or self.count < 2:
            return [[] for _ in members]
        found = self.index.search(self.of(members).astype(np.float16), count=min(count + 1, self.count))
        keys = np.atleast_2d(found.keys)
        # usearch answers one query with one flat match list (no counts), several with a padded matrix and counts
        counts = np.atleast_1d(getattr(found, "counts", len(found.keys)))
        return [[int(k) for k in keys[row, : counts[row]] if int(k) != i] for row, i in enumerate(members)]


class ClusterState:
    """The reports seen so far and their clusters; ``add`` takes more reports and returns every cluster.

    ``embedder`` encodes the reports' leads (by default the pinned MiniLM of :mod:`rashomon.embed`, loaded on first
    use); it is not used when the settings' ``embedding_weight`` is 0."""

    def __init__(self, settings: ClusterSettings = DEFAULT_CLUSTER, embedder: Any = None) -> None:
        from scipy.cluster.hierarchy import DisjointSet

        self.settings = settings
        self.embedder = embedder
        self.vectors: Vectors | None = Vectors() if settings.embedding_weight > 0 else None
        self.features: list[ReportFeatures] = []
        self.index_of: dict[str, int] = {}
        self.terms = Vocabulary()
        self.names = Vocabulary()
        self.term_rows: list[tuple[np.ndarray, np.ndarray]] = []
        self.name_rows: list[tuple[np.ndarray, np.ndarray]] = []
        self.line_counts: Counter[int] = Counter()  # line key -> reports holding the line
        self.bodies: set[int] = set()  # texts already counted (as their sets of line keys)
        self.common_lines: set[int] = set()  # lines in at least ``boilerplate_reports`` reports: not read
        self.postings: dict[int, list[int]] = {}  # term column -> reports holding the word
        self.top_postings: dict[int, list[int]] = {}  # term column -> reports holding it among their top keys
        self.links: Any = DisjointSet()
        self.edges: dict[int, dict[int, float]] = {}
        self.tops: dict[int, list[int]] = {}  # report -> the term columns it was indexed under
        self._lines: dict[str, np.ndarray] = {}  # report id -> its line keys (uint64), until take_changes
        self._pending: list[int] = []  # reports added since the last take_changes
        self._fresh_edges: dict[tuple[int, int], float] = {}
        self._parts: dict[tuple[int, ...], list[tuple[int, ...]]] = {}  # split part (members) -> its clusters
        self._used_parts: set[tuple[int, ...]] = set()
        self._edges_flat: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self.groups: dict[int, list[tuple[int, ...]]] = {}  # component root -> its clusters (member indices)
        self._labels: dict[tuple[int, ...], Cluster] = {}

    def __len__(self) -> int:
        return len(self.features)

    def add(self, reports: Sequence[Report], progress: Any = None, chunk: int = 1000) -> tuple[Cluster, ...]:
        """Take new reports (a report whose id is already held is ignored) and return all clusters.

        Reports are read (and their leads encoded) ``chunk`` at a time, calling ``progress(done, total)`` after
        each; then they are linked in one step, so the result does not depend on ``chunk``."""
        self._count_lines(reports)
        new: list[int] = []
        for start in range(0, len(reports), chunk):
            new.extend(self._insert(reports[start : start + chunk]))
            if progress is not None:
                progress(min(start + chunk, len(reports)), len(reports))
        if new:
            idf = self.terms.idf(len(self)), self.names.idf(len(self))
            touched = self._link(new, idf)
            self._relink(touched, idf)
        return self.clusters()

    def take_changes(self) -> StateChanges:
        """The reports and links added since the last call (what a store must write to keep this state)."""
        words = self.terms.words
        reports = tuple(
            SavedReport(
                seq=i,
                features=self.features[i],
                lines=self._lines.pop(self.features[i].id, np.zeros(0, dtype=np.uint64)),
                top_keys=tuple(words[c] for c in self.tops.get(i, ())),
                vector=None if self.vectors is None else self.vectors.rows[i].copy(),
            )
            for i in self._pending
        )
        edges = tuple((a, b, score) for (a, b), score in sorted(self._fresh_edges.items()))
        self._pending, self._fresh_edges = [], {}
        return StateChanges(reports, edges)

    @classmethod
    def restore(
        cls,
        saved: Iterable[SavedReport],
        edges: Iterable[tuple[int, int, float]],
        clusters: Iterable[Cluster],
        settings: ClusterSettings = DEFAULT_CLUSTER,
        embedder: Any = None,
        index: bytes | None = None,
    ) -> ClusterState:
        """The state that ``take_changes`` recorded (reports in arrival order, every link, the clusters last
        returned), ready for more reports. A component whose saved clusters do not cover it exactly (clusters saved
        from another state) is linked again. ``index`` is the nearest-neighbour graph saved with
        ``index_bytes``; without it (or when it does not match the reports) the graph is built again."""
        state = cls(settings, embedder)
        vectors: list[np.ndarray] = []
        for r in saved:
            i = len(state.features)
            if r.seq != i:
                raise ValueError(f"saved reports must come in arrival order: {r.seq} where {i} was expected")
            state._count(tuple(r.lines.tolist()))
            state.features.append(r.features)
            state.index_of[r.features.id] = i
            state.term_rows.append(state.terms.encode(r.features.terms))
            state.name_rows.append(state.names.encode(r.features.names))
            for col in state.term_rows[i][0]:
                state.postings.setdefault(int(col), []).append(i)
            state.tops[i] = [state.terms.columns[w] for w in r.top_keys]
            for col in state.tops[i]:
                state.top_postings.setdefault(col, []).append(i)
            state.links.add(i)
            if state.vectors is not None:
                if r.vector is None:
                    raise ValueError(f"saved report {r.features.id} has no embedding, and embeddings are on")
                vectors.append(r.vector)
        if state.vectors is not None and vectors:
            rows = np.asarray(vectors, dtype=np.float32)
            state.vectors.add_rows(rows)
            if index is None or not state.vectors.load_index(index):
                state.vectors.index_rows(0)
        for a, b, score in edges:
            state.edges.setdefault(a, {})[b] = score
            state.edges.setdefault(b, {})[a] = score
            state.links.merge(a, b)
        state._restore_groups(clusters)
        return state

    def index_bytes(self) -> bytes | None:
        """The nearest-neighbour graph (None when embeddings are off), for ``restore``."""
        return None if self.vectors is None else self.vectors.to_bytes()

    def _restore_groups(self, clusters: Iterable[Cluster]) -> None:
        covered: dict[int, int] = {}
        for c in clusters:
            members = [self.index_of[r] for r in c.reports if r in self.index_of]
            if not members:
                continue
            group = tuple(sorted(members, key=lambda i: self.features[i].key))
            root = self.links[group[0]]
            if any(self.links[i] != root for i in group):
                continue  # a saved cluster across components: its components are linked again below
            self.groups.setdefault(root, []).append(group)
            self._labels[group] = c
            covered[root] = covered.get(root, 0) + len(group)
        roots = {self.links[i] for i in range(len(self.features))}
        stale = {root for root in roots if covered.get(root) != len(self.links.subset(root))}
        for root in stale:
            self.groups.pop(root, None)
        group_of = {i: g for groups in self.groups.values() for g in groups for i in g}
        for root in roots - stale:
            members = sorted(self.links.subset(root), key=lambda i: self.features[i].key)
            self._seed_parts(members, self.settings.threshold, group_of)
        if stale:
            idf = self.terms.idf(len(self)), self.names.idf(len(self))
            self._relink(stale, idf)

    def clusters(self) -> tuple[Cluster, ...]:
        groups = [members for clusters in self.groups.values() for members in clusters]
        out = [self._labels[m] for m in groups]
        return tuple(sorted(out, key=lambda c: c.reports))

    # --- steps ---------------------------------------------------------------------------------------------

    def _count_lines(self, reports: Sequence[Report]) -> None:
        """Count the lines of reports not held yet, so that lines common in the feed are known before reading. A
        text of ``STORY_LINES`` lines or more carried word for word by several reports (a wire story run by many
        outlets) counts once: its lines are the story, not page furniture."""
        seen: set[str] = set()
        for report in reports:
            if report.id in self.index_of or report.id in seen:
                continue
            seen.add(report.id)
            keys = tuple(sorted(line_keys(report.text)))
            self._lines[report.id] = np.array(keys, dtype=np.uint64)
            self._count(keys)

    def _count(self, keys: tuple[int, ...]) -> None:
        body = hash(frozenset(keys))
        if len(keys) >= STORY_LINES and body in self.bodies:
            return  # a short text repeated word for word is a notice page, not a story: its lines still count
        self.bodies.add(body)
        for key in keys:
            self.line_counts[key] += 1
            if self.line_counts[key] >= self.settings.boilerplate_reports:
                self.common_lines.add(key)

    def _insert(self, reports: Sequence[Report]) -> list[int]:
        new: list[int] = []
        s = self.settings
        for report in reports:
            if report.id in self.index_of:
                continue
            f = extract_features(
                report,
                title_weight=s.title_weight,
                max_words=s.max_words,
                lead_words=s.embedding_words,
                common_lines=self.common_lines,
            )
            i = len(self.features)
            self.features.append(f)
            self.index_of[f.id] = i
            self.term_rows.append(self.terms.encode(f.terms))
            self.name_rows.append(self.names.encode(f.names))
            for col in self.term_rows[i][0]:
                self.postings.setdefault(int(col), []).append(i)
            self.links.add(i)
            new.append(i)
        self._pending.extend(new)
        if self.vectors is not None and new:
            self.vectors.add(self._encode([self.features[i].lead for i in new]))
        return new

    def _encode(self, leads: list[str]) -> np.ndarray:
        if self.embedder is None:
            from rashomon.embed import default_embedder

            self.embedder = default_embedder()
        return np.asarray(self.embedder.encode(leads, batch_size=_EMBED_BATCH), dtype=np.float32)

    def _heaviest(self, i: int, idf: np.ndarray, count: int) -> list[int]:
        """The columns of a report's ``count`` highest-weighted words, heaviest first."""
        cols, values = self.term_rows[i]
        if len(cols) == 0:
            return []
        order = np.lexsort((cols, -(values * idf[cols])))[:count]
        return [int(c) for c in cols[order]]

    def _top_keys(self, i: int, idf: np.ndarray) -> list[int]:
        heaviest = self._heaviest(i, idf, self.settings.top_keys)
        return [c for c in heaviest if len(self.postings[c]) <= self.settings.max_postings]

    def _candidates(self, new: list[int], idf: np.ndarray) -> list[tuple[int, int]]:
        s = self.settings
        tops = {i: self._top_keys(i, idf) for i in new}
        self.tops.update(tops)
        for i, keys in tops.items():
            for col in keys:
                self.top_postings.setdefault(col, []).append(i)
        pairs: set[tuple[int, int]] = set()
        rank = np.fromiter((_key_rank(f.key) for f in self.features), dtype=np.int64, count=len(self.features))
        for i in new:
            recent = s.recent_postings  # the latest reports holding a word: a feed's candidates are recent
            found = itertools.chain(
                itertools.chain.from_iterable(self.postings[col][-recent:] for col in tops[i]),
                itertools.chain.from_iterable(
                    self.top_postings.get(col, ())[-recent:]
                    for col in self._heaviest(i, idf, _LOOKUP_WORDS * s.top_keys)
                ),
            )
            ids, shared = np.unique(np.fromiter(found, dtype=np.int64), return_counts=True)
            keep = ids != i
            ids, shared = ids[keep], shared[keep]
            # most shared words first; ties go to a fixed order of the reports' content keys, not arrival order
            best = ids[np.lexsort((rank[ids], -shared))[: s.max_candidates]]
            pairs.update((min(i, j), max(i, j)) for j in best.tolist())
        if self.vectors is not None:
            for i, near in zip(new, self.vectors.nearest(new, s.neighbours), strict=True):
                pairs.update((min(i, j), max(i, j)) for j in near)
        return sorted(pairs)

    def _rows(self, members: Sequence[int], idf: tuple[np.ndarray, np.ndarray]) -> WeightedRows:
        return weighted_rows(
            [self.term_rows[i] for i in members],
            [self.name_rows[i] for i in members],
            [self.features[i] for i in members],
            idf,
            None if self.vectors is None else self.vectors.of(members),
        )

    def _link(self, new: list[int], idf: tuple[np.ndarray, np.ndarray]) -> set[int]:
        pairs = self._candidates(new, idf[0])
        touched = {self.links[i] for i in new}
        if pairs:
            members = sorted({i for pair in pairs for i in pair})
            local = {i: k for k, i in enumerate(members)}
            rows = self._rows(members, idf)
            left = np.array([local[a] for a, _ in pairs], dtype=np.int64)
            right = np.array([local[b] for _, b in pairs], dtype=np.int64)
            scores = pair_scores(rows, left, right, self.settings)
            for (a, b), score in zip(pairs, scores, strict=True):
                if score >= self.settings.link_threshold:
                    touched.add(self.links[a])
                    touched.add(self.links[b])
                    self.edges.setdefault(a, {})[b] = float(score)
                    self._fresh_edges[(a, b)] = float(score)
                    self._edges_flat = None
                    self.edges.setdefault(b, {})[a] = float(score)
                    self.links.merge(a, b)
        for root in touched:
            self.groups.pop(root, None)
        return {self.links[r] for r in touched}

    def _relink(self, roots: set[int], idf: tuple[np.ndarray, np.ndarray]) -> None:
        relinked: set[int] = set()
        self._used_parts = set()
        for root in roots:
            members = sorted(self.links.subset(root), key=lambda i: self.features[i].key)
            if len(members) > self.settings.max_component:
                relinked.update(members)
            self.groups[root] = self._link_component(members, idf, self.settings.threshold)
        # parts of the relinked components that no longer exist are forgotten
        stale = [k for k in self._parts if k[0] in relinked and k not in self._used_parts]
        for key in stale:
            del self._parts[key]

    def _link_component(
        self, members: list[int], idf: tuple[np.ndarray, np.ndarray], threshold: float
    ) -> list[tuple[int, ...]]:
        if len(members) > self.settings.max_component:
            return [
                g
                for part in self._split(members, threshold + _THRESHOLD_STEP)
                for g in self._linked_part(part, idf, threshold + _THRESHOLD_STEP)
            ]
        groups: list[tuple[int, ...]]
        if len(members) == 1:
            groups = [(members[0],)]
            self._remember(groups[0], np.ones((1, 1)), idf)
            return groups
        scores = component_scores(self._rows(members, idf), self.settings)
        labels = average_linkage(scores, self.settings.threshold)
        labels = attach_small(scores, labels, self.settings)
        groups = []
        for label in sorted(set(labels)):
            local = [k for k, lab in enumerate(labels) if lab == label]
            group = tuple(members[k] for k in local)
            self._remember(group, scores[np.ix_(local, local)], idf)
            groups.append(group)
        return groups

    def _linked_part(
        self, part: list[int], idf: tuple[np.ndarray, np.ndarray], threshold: float
    ) -> list[tuple[int, ...]]:
        """The clusters of one part of a split component: a part no new report reached keeps the clusters it had,
        so that a report joining a large component costs the part it lands in, not the whole component."""
        key = tuple(part)
        self._used_parts.add(key)
        groups = self._parts.get(key)
        if groups is None:
            groups = self._parts[key] = self._link_component(part, idf, threshold)
        return groups

    def _seed_parts(self, members: list[int], threshold: float, group_of: dict[int, tuple[int, ...]]) -> None:
        """Remember the clusters of each part of a restored large component, as ``_linked_part`` would have."""
        if len(members) <= self.settings.max_component:
            return
        for part in self._split(members, threshold + _THRESHOLD_STEP):
            self._seed_parts(part, threshold + _THRESHOLD_STEP, group_of)
            groups = list(dict.fromkeys(group_of[i] for i in part))
            if sum(len(g) for g in groups) == len(part):
                self._parts[tuple(part)] = groups

    def _split(self, members: list[int], threshold: float) -> list[list[int]]:
        """Connected parts of a component when only links scoring at least ``threshold`` count."""
        from scipy.sparse import coo_matrix
        from scipy.sparse.csgraph import connected_components

        left, right, score = self._edge_arrays()
        local = np.full(len(self.features), -1, dtype=np.int64)
        local[np.asarray(members, dtype=np.int64)] = np.arange(len(members))
        kept = (score >= threshold) & (local[left] >= 0) & (local[right] >= 0)
        n = len(members)
        graph = coo_matrix((np.ones(int(kept.sum())), (local[left[kept]], local[right[kept]])), shape=(n, n))
        _, labels = connected_components(graph, directed=False)
        parts: dict[int, list[int]] = {}
        for k, label in enumerate(labels.tolist()):
            parts.setdefault(label, []).append(members[k])
        return [sorted(p, key=lambda i: self.features[i].key) for p in parts.values()]

    def _edge_arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every link once (lower report first) as arrays: left, right, score; rebuilt after links change."""
        if self._edges_flat is None:
            pairs = [(a, b, sc) for a, near in self.edges.items() for b, sc in near.items() if a < b]
            left = np.fromiter((a for a, _, _ in pairs), dtype=np.int64, count=len(pairs))
            right = np.fromiter((b for _, b, _ in pairs), dtype=np.int64, count=len(pairs))
            score = np.fromiter((sc for _, _, sc in pairs), dtype=np.float64, count=len(pairs))
            self._edges_flat = (left, right, score)
        return self._edges_flat

    def _remember(self, group: tuple[int, ...], scores: np.ndarray, idf: tuple[np.ndarray, np.ndarray]) -> None:
        if group in self._labels:
            return
        feats = [self.features[i] for i in group]
        self._labels[group] = make_cluster(feats, scores, self.term_rows, group, self.terms, idf[0])


def average_linkage(scores: np.ndarray, threshold: float) -> list[int]:
    """Flat clusters of average linkage over a square score matrix, cut where the average score falls below
    ``threshold``; labels are numbered in order of first appearance."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    distances = np.clip(1.0 - scores, 0.0, None)
    np.fill_diagonal(distances, 0.0)
    distances = (distances + distances.T) / 2.0
    tree = linkage(squareform(distances, checks=False), method="average")
    raw = fcluster(tree, t=1.0 - threshold + 1e-9, criterion="distance")
    first: dict[int, int] = {}
    return [first.setdefault(int(label), len(first)) for label in raw]


def attach_small(scores: np.ndarray, labels: list[int], s: ClusterSettings) -> list[int]:
    """Each cluster of at most ``attach_size`` reports joins the cluster its reports score best with on average, when
    that average reaches ``attach_threshold`` (ties go to the first label); labels are renumbered in order of first
    appearance. Average linkage leaves stories split where one version shares too little with the rest; this joins
    such stragglers to the story they are nearest to, without letting two large clusters merge."""
    from scipy.cluster.hierarchy import DisjointSet
    from scipy.sparse import csr_matrix

    label_of = np.asarray(labels)
    sizes = np.bincount(label_of)
    small = np.flatnonzero(sizes <= s.attach_size)
    joined: Any = DisjointSet(range(len(sizes)))
    if len(small) and len(sizes) > 1:
        members = csr_matrix(
            (np.ones(len(labels)), (np.arange(len(labels)), label_of)), shape=(len(labels), len(sizes))
        )
        # the average score of each small cluster with every cluster
        sums = np.asarray(members[:, small].T @ (members.T @ scores).T)
        averages = sums / np.outer(sizes[small], sizes)
        averages[np.arange(len(small)), small] = -np.inf
        for k, lab in enumerate(small):
            best = int(np.argmax(averages[k]))
            if averages[k, best] >= s.attach_threshold:
                joined.merge(int(lab), best)
    first: dict[int, int] = {}
    return [first.setdefault(min(joined.subset(int(lab))), len(first)) for lab in label_of]


def make_cluster(
    feats: Sequence[ReportFeatures],
    scores: np.ndarray,
    term_rows: Sequence[tuple[np.ndarray, np.ndarray]],
    group: Sequence[int],
    terms: Vocabulary,
    idf: np.ndarray,
) -> Cluster:
    # the member most like the others (self-scores left out; ties, to the last bits, go to the first by content key)
    centrality = np.round(scores.sum(axis=1) - np.diag(scores), 9)
    central = int(np.argmax(centrality)) if len(feats) > 1 else 0
    label = feats[central].title or top_terms(term_rows, group, terms, idf)
    days = sorted(f.day for f in feats if f.day is not None)
    return Cluster(
        id=cluster_id(f.key for f in feats),
        label=shorten(label),
        reports=tuple(sorted(f.id for f in feats)),
        start=_iso(days[0]) if days else None,
        end=_iso(days[-1]) if days else None,
    )


def top_terms(
    term_rows: Sequence[tuple[np.ndarray, np.ndarray]], group: Sequence[int], terms: Vocabulary, idf: np.ndarray
) -> str:
    total: Counter[int] = Counter()
    for i in group:
        cols, values = term_rows[i]
        for c, v in zip(cols.tolist(), (values * idf[cols]).tolist(), strict=True):
            total[c] += v
    best = sorted(total.items(), key=lambda kv: (-kv[1], terms.words[kv[0]]))[:_LABEL_TERMS]
    return ", ".join(terms.words[c] for c, _ in best)


def shorten(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _iso(day: int) -> str:
    from datetime import date

    return date.fromordinal(day).isoformat()


def cluster_reports(
    reports: Sequence[Report], settings: ClusterSettings = DEFAULT_CLUSTER, embedder: Any = None
) -> tuple[Cluster, ...]:
    """Group reports into events; the result depends on the set of reports, not their order (they are taken in
    content order, so the nearest-neighbour graph is the same too)."""
    ordered = sorted(reports, key=lambda r: (r.content_hash or r.id, r.id))
    return ClusterState(settings, embedder).add(ordered)
