"""Reads: plain functions taking a connection (``SQLiteStore.reader()`` or ``sqlite.connect(path, readonly=True)``).

Reports come back as ``Report`` records whose ``id`` is the store's id (from content); annotations as the
``AnnotatedReport`` that was stored, with no model loaded.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from rashomon.records import AnnotatedReport, Report
from rashomon.store.base import EventRow, SkipKind
from rashomon.store.codec import annotations_from_json

_REPORT_COLUMNS = "id, text, path, title, source, url, published, event, content_hash"


@dataclass(frozen=True, slots=True)
class LoggedSkip:
    run: int
    input: str
    kind: SkipKind
    reason: str
    report: str | None


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
