"""What every store offers, whatever holds the data: SQLite for one machine (``sqlite.py``), PostgreSQL for a team.

A store owns its writes: one object holds the write connection, and every write is one transaction that lands
whole or not at all. Reads are plain functions taking a connection (``reads.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple, Protocol

from rashomon.records import AnnotatedReport, Report

SkipKind = Literal["duplicate", "rejected", "unannotated"]

# A report's id in the store: this many hex digits of its content hash (64 bits: a collision is a failed insert,
# never a silent merge, because the full hash is unique too).
REPORT_ID_DIGITS = 16


def stored_id(content_hash: str) -> str:
    """The id a report has in the store, from its content alone."""
    if len(content_hash) < REPORT_ID_DIGITS:
        raise ValueError(f"content hash too short for an id: {content_hash!r}")
    return content_hash[:REPORT_ID_DIGITS]


class EventRow(NamedTuple):
    """One event as clustering hands it to the store: (id, label, start, end, report ids)."""

    id: str
    label: str
    start: str | None  # ISO 8601 day or date-time, or None
    end: str | None
    reports: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ClusterRows:
    """The clusterer's state as rows to add: what produced it, new reports (seq, report id, features JSON, line keys,
    top keys JSON, embedding bytes) and new or rescored links (seq a < seq b, score)."""

    fingerprint: str
    reports: tuple[tuple[int, str, str, bytes, str, bytes | None], ...]
    edges: tuple[tuple[int, int, float], ...]
    index: bytes | None = None  # the whole nearest-neighbour graph, replacing the saved one (None: embeddings off)


@dataclass(frozen=True, slots=True)
class ComparisonRow:
    """A stored comparison of one version of an event (its id and the fingerprint of its reports and of what
    compared them), with the facets that lists filter on."""

    event_id: str
    fingerprint: str
    document: str  # the comparison as JSON text (schema rashomon.comparison/1)
    date: str | None  # ISO 8601 day, month, year or interval
    places: tuple[str, ...]
    actors: tuple[str, ...]
    conflicts: int  # claims whose status is "conflicting"


@dataclass(frozen=True, slots=True)
class Skip:
    """An input an ingest run did not store (or stored without annotations), and why."""

    input: str  # a path, "path:line", "stdin", or a report's path and input id
    kind: SkipKind
    reason: str
    report: str | None = None  # the stored report it duplicates, when there is one


@dataclass(frozen=True, slots=True)
class Batch:
    """What one transaction writes: new reports (ids from content), their annotations, and the skips met."""

    reports: tuple[Report, ...]  # as read: ``id`` is the input's id; the store's id comes from ``content_hash``
    annotations: tuple[AnnotatedReport, ...] = ()  # under store ids, for this batch's reports or stored ones
    skips: tuple[Skip, ...] = ()


@dataclass(frozen=True, slots=True)
class StoredState:
    """What the store already holds for one content hash."""

    id: str
    annotated: bool


class Store(Protocol):
    """The writes every store implements; each call is one transaction."""

    def known(self, content_hashes: Iterable[str]) -> dict[str, StoredState]:
        """The given hashes that are stored, with their report id and whether they are annotated."""
        ...

    def load_report(self, report_id: str) -> Report:
        """A stored report (to annotate one stored before without annotations)."""
        ...

    def start_run(self, inputs: Sequence[str], *, annotate: bool) -> int:
        """Open an ingest run in the log; returns its id."""
        ...

    def write_batch(self, run: int, batch: Batch) -> None:
        """Reports, annotations and skips of one batch, in one transaction."""
        ...

    def log_skips(self, run: int, skips: Sequence[Skip]) -> None:
        """Skips met outside a batch (an unreadable input), in one transaction."""
        ...

    def finish_run(self, run: int, *, status: str) -> None:
        """Close a run in the log with its counts and status ("done")."""
        ...

    def replace_events(self, events: Sequence[EventRow]) -> None:
        """Make ``events`` the store's events (and nothing else)."""
        ...

    def save_clusters(self, state: ClusterRows, events: Sequence[EventRow], *, reset: bool) -> None:
        """Add the clusterer's new state rows (``reset``: in place of all saved ones) and make ``events`` the
        store's events, in one transaction."""
        ...

    def close(self) -> None: ...
