"""Events over a store, kept up to date: the clusterer's state is saved beside the reports, and each update reads
only the reports stored since the last one.

New reports join existing events or open new ones; two events merge when a report that bridges them arrives (see
:mod:`rashomon.cluster.state` for how an update compares with clustering everything at once). The state, the events
and the new reports' place in them are written in one transaction, so an update stopped halfway leaves the previous
one whole, and the next update redoes the work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rashomon.cluster import Cluster, ClusterSettings, ClusterState
from rashomon.cluster.persist import fingerprint, saved_from_row, saved_to_row
from rashomon.store.base import ClusterRows, EventRow
from rashomon.store.reads import (
    cluster_fingerprint,
    cluster_index,
    iter_cluster_edges,
    iter_cluster_rows,
    iter_events,
    iter_reports,
    iter_unclustered_reports,
)
from rashomon.store.sqlite import SQLiteStore

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class EventsUpdate:
    """An update's outcome: every event, how many reports it read, and whether it started again from scratch (no
    saved state, or one saved under other settings or another model)."""

    clusters: tuple[Cluster, ...]
    added: int
    held: int  # reports the saved state held before the update
    rebuilt: bool


def update_events(
    store: SQLiteStore, settings: ClusterSettings | None = None, progress: Progress | None = None
) -> EventsUpdate:
    """Bring the store's events up to date with its reports; ``progress(done, total)`` follows the reading."""
    settings = settings or ClusterSettings()
    mark = fingerprint(settings)
    with store.reader() as conn:
        rebuild = cluster_fingerprint(conn) != mark
        if rebuild:
            state = ClusterState(settings)
        else:
            saved = (saved_from_row(row) for row in iter_cluster_rows(conn))
            events = [Cluster(e.id, e.label, e.reports, e.start, e.end) for e in iter_events(conn)]
            state = ClusterState.restore(saved, iter_cluster_edges(conn), events, settings, index=cluster_index(conn))
        held = len(state)
        fresh = list(iter_reports(conn) if rebuild else iter_unclustered_reports(conn))
    fresh.sort(key=lambda r: (r.content_hash or r.id, r.id))
    clusters = state.add(fresh, progress=progress) if fresh or rebuild else state.clusters()
    changes = state.take_changes()
    rows = ClusterRows(mark, tuple(saved_to_row(r) for r in changes.reports), changes.edges, state.index_bytes())
    store.save_clusters(rows, [EventRow(c.id, c.label, c.start, c.end, c.reports) for c in clusters], reset=rebuild)
    return EventsUpdate(clusters, len(changes.reports), held, rebuild)
