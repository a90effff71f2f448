"""Reads: plain functions taking a connection (``SQLiteStore.reader()`` or ``sqlite.connect(path, readonly=True)``).

Reports come back as ``Report`` records whose ``id`` is the store's id (from content); annotations as the
``AnnotatedReport`` that was stored, with no model loaded.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from rashomon.records import AnnotatedReport, Report
from rashomon.store.base import ComparisonRow, EventRow, SkipKind
from rashomon.store.codec import annotations_from_json

_REPORT_COLUMNS = "id, text, path, title, source, url, published, event, content_hash"


@dataclass(frozen=True, slots=True)
class LoggedSkip:
    run: int
    input: str
    kind: SkipKind
    reason: str
    report: str | None


@dataclass(frozen=True, slots=True)
class ListedEvent:
    """An event as a list shows it: its reports and their titles (report id order; a missing title is None)."""

    id: str
    label: str
    start: str | None
    end: str | None
    reports: tuple[str, ...]
    titles: tuple[str | None, ...]


@dataclass(frozen=True, slots=True)
class StoredFacets:
    """What a stored comparison says for filtering, without its document."""

    event_id: str
    fingerprint: str
    date: str | None
    places: tuple[str, ...]
    actors: tuple[str, ...]
    conflicts: int


def _report(row: tuple[object, ...]) -> Report:
    rid, text, path, title, source, url, published, event, content_hash = row
    return Report(
        id=str(rid),
        text=str(text),
        path=_opt(path),
        title=_opt(title),
        source=_opt(source),
        url=_opt(url),
        published=_opt(published),
        event=_opt(event),
        content_hash=str(content_hash),
    )


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def count_reports(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT COUNT(*) FROM reports").fetchone()[0])


def iter_reports(conn: sqlite3.Connection) -> Iterator[Report]:
    """Every stored report, in id order."""
    for row in conn.execute(f"SELECT {_REPORT_COLUMNS} FROM reports ORDER BY id"):
        yield _report(row)


def get_report(conn: sqlite3.Connection, report_id: str) -> Report | None:
    row = conn.execute(f"SELECT {_REPORT_COLUMNS} FROM reports WHERE id = ?", (report_id,)).fetchone()
    return None if row is None else _report(row)


def get_annotated(conn: sqlite3.Connection, report_id: str) -> AnnotatedReport | None:
    """The stored annotations of one report, or None when it has none."""
    report = get_report(conn, report_id)
    if report is None:
        return None
    row = conn.execute("SELECT data FROM annotations WHERE report_id = ?", (report_id,)).fetchone()
    return None if row is None else annotations_from_json(report, row[0])


def annotator_of(conn: sqlite3.Connection, report_id: str) -> str | None:
    row = conn.execute("SELECT annotator FROM annotations WHERE report_id = ?", (report_id,)).fetchone()
    return None if row is None else str(row[0])


def iter_events(conn: sqlite3.Connection) -> Iterator[EventRow]:
    """Every stored event with its report ids (sorted), in event id order."""
    members: dict[str, list[str]] = {}
    for event_id, report_id in conn.execute("SELECT event_id, report_id FROM event_reports ORDER BY report_id"):
        members.setdefault(event_id, []).append(report_id)
    for eid, label, start, end in conn.execute('SELECT id, label, start, "end" FROM events ORDER BY id'):
        yield EventRow(eid, label, start, end, tuple(members.get(eid, ())))


def cluster_fingerprint(conn: sqlite3.Connection) -> str | None:
    """What produced the saved clusterer state (see ``rashomon.cluster.persist.fingerprint``), None if none is."""
    row = conn.execute("SELECT value FROM cluster_meta WHERE key = 'fingerprint'").fetchone()
    return None if row is None else str(row[0])


def iter_cluster_rows(conn: sqlite3.Connection) -> Iterator[tuple[object, ...]]:
    """The clusterer's saved reports, in arrival order: (seq, report id, features, lines, top keys, vector)."""
    yield from conn.execute(
        "SELECT seq, report_id, features, lines, top_keys, vector FROM cluster_reports ORDER BY seq"
    )


def cluster_index(conn: sqlite3.Connection) -> bytes | None:
    """The saved nearest-neighbour graph of the clusterer's embeddings, if one is saved."""
    row = conn.execute("SELECT data FROM cluster_index WHERE id = 1").fetchone()
    return None if row is None else bytes(row[0])


def iter_cluster_edges(conn: sqlite3.Connection) -> Iterator[tuple[int, int, float]]:
    for a, b, score in conn.execute("SELECT a, b, score FROM cluster_edges ORDER BY a, b"):
        yield int(a), int(b), float(score)


def iter_unclustered_reports(conn: sqlite3.Connection) -> Iterator[Report]:
    """Stored reports the clusterer's saved state does not hold yet, in id order."""
    rows = conn.execute(
        f"SELECT {_REPORT_COLUMNS} FROM reports WHERE id NOT IN (SELECT report_id FROM cluster_reports) ORDER BY id"
    )
    for row in rows:
        yield _report(row)


def skips_of_run(conn: sqlite3.Connection, run: int | None = None) -> list[LoggedSkip]:
    """What a run (the latest one by default) skipped, in the order it met them."""
    if run is None:
        row = conn.execute("SELECT MAX(id) FROM ingest_runs").fetchone()
        if row[0] is None:
            return []
        run = int(row[0])
    rows = conn.execute(
        "SELECT run_id, input, kind, reason, report_id FROM ingest_skips WHERE run_id = ? ORDER BY rowid", (run,)
    )
    return [LoggedSkip(*r) for r in rows]


def get_event(conn: sqlite3.Connection, event_id: str) -> EventRow | None:
    """One stored event (exact id) with its report ids (sorted)."""
    row = conn.execute('SELECT id, label, start, "end" FROM events WHERE id = ?', (event_id,)).fetchone()
    if row is None:
        return None
    members = conn.execute("SELECT report_id FROM event_reports WHERE event_id = ? ORDER BY report_id", (event_id,))
    return EventRow(row[0], row[1], row[2], row[3], tuple(r[0] for r in members))


def event_of_report(conn: sqlite3.Connection, report_id: str) -> str | None:
    """The id of the event a report belongs to, None while it is in none."""
    row = conn.execute("SELECT event_id FROM event_reports WHERE report_id = ?", (report_id,)).fetchone()
    return None if row is None else str(row[0])


def iter_event_listing(conn: sqlite3.Connection) -> Iterator[ListedEvent]:
    """Every stored event with its report ids and titles, in event id order (one query)."""
    rows = conn.execute(
        'SELECT e.id, e.label, e.start, e."end", r.id, r.title FROM events e'
        " LEFT JOIN event_reports er ON er.event_id = e.id LEFT JOIN reports r ON r.id = er.report_id"
        " ORDER BY e.id, r.id"
    )
    current: tuple[str, str, str | None, str | None] | None = None
    reports: list[str] = []
    titles: list[str | None] = []
    for eid, label, start, end, rid, title in rows:
        if current is None or current[0] != eid:
            if current is not None:
                yield ListedEvent(*current, tuple(reports), tuple(titles))
            current, reports, titles = (eid, label, start, end), [], []
        if rid is not None:
            reports.append(rid)
            titles.append(title)
    if current is not None:
        yield ListedEvent(*current, tuple(reports), tuple(titles))


def has_unclustered_reports(conn: sqlite3.Connection) -> bool:
    """Whether some stored report is in no event yet (stored since the events were last updated)."""
    row = conn.execute("SELECT EXISTS (SELECT 1 FROM reports WHERE id NOT IN (SELECT report_id FROM event_reports))")
    return bool(row.fetchone()[0])


def get_comparison(conn: sqlite3.Connection, event_id: str, fingerprint: str) -> ComparisonRow | None:
    """The stored comparison of this version of an event (its fingerprint), or None."""
    row = conn.execute(
        "SELECT event_id, fingerprint, document, date, places, actors, conflicts FROM comparisons"
        " WHERE event_id = ? AND fingerprint = ?",
        (event_id, fingerprint),
    ).fetchone()
    if row is None:
        return None
    eid, mark, document, day, places, actors, conflicts = row
    return ComparisonRow(eid, mark, document, day, _names(places), _names(actors), int(conflicts))


def iter_comparison_facets(conn: sqlite3.Connection) -> Iterator[StoredFacets]:
    """The facets of every stored comparison (any version), in event id order."""
    rows = conn.execute(
        "SELECT event_id, fingerprint, date, places, actors, conflicts FROM comparisons ORDER BY event_id"
    )
    for eid, mark, day, places, actors, conflicts in rows:
        yield StoredFacets(eid, mark, day, _names(places), _names(actors), int(conflicts))


def _names(value: str) -> tuple[str, ...]:
    return tuple(str(v) for v in json.loads(value))
