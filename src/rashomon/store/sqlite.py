"""The SQLite store: one file, no server; WAL mode, so readers never wait for the writer.

``SQLiteStore`` owns the one write connection; every write method is one transaction. Reads are plain functions
in ``reads.py`` that take a connection from ``connect(path, readonly=True)``.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from rashomon.records import AnnotatedReport, Report
from rashomon.store.base import Batch, ClusterRows, ComparisonRow, EventRow, Skip, StoredState, stored_id
from rashomon.store.codec import annotations_to_json
from rashomon.store.migrations import LATEST, migrate, now, schema_version

BUSY_TIMEOUT_S = 30.0
_CHUNK = 500  # host parameters per IN (...) query, well under SQLite's limit


class StoreError(RuntimeError):
    """A store that cannot be opened or used (newer schema, unwritable folder)."""


def default_db_path() -> Path:
    """``rashomon.db`` in the user's data folder: platformdirs' choice when it is installed, else the XDG one."""
    try:
        from platformdirs import user_data_dir
    except ImportError:
        base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
        return Path(base) / "rashomon" / "rashomon.db"
    return Path(user_data_dir("rashomon", appauthor=False)) / "rashomon.db"


def connect(path: str | os.PathLike[str], *, readonly: bool = False) -> sqlite3.Connection:
    """A connection with the store's settings: autocommit (transactions are explicit), foreign keys on, WAL."""
    if readonly:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    else:
        conn = sqlite3.connect(os.fspath(path), isolation_level=None, timeout=BUSY_TIMEOUT_S)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")  # WAL: durable at checkpoints, never corrupt
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    return conn


class SQLiteStore:
    """The writer: opens (creating and migrating) the database file, and owns its write connection."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = connect(self.path)
        except (OSError, sqlite3.Error) as error:
            raise StoreError(f"cannot open the store {self.path}: {error}") from None
        version = schema_version(self._conn)
        if version > LATEST:
            self._conn.close()
            raise StoreError(f"{self.path} has schema version {version}; this rashomon knows up to {LATEST}")
        migrate(self._conn)

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._conn.close()

    @contextmanager
    def reader(self) -> Iterator[sqlite3.Connection]:
        """A read-only connection to the same file, for the functions in ``reads.py``; closed on leaving."""
        conn = connect(self.path, readonly=True)
        try:
            yield conn
        finally:
            conn.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    # --- reads the writer needs ---------------------------------------------------------------------------

    def known(self, content_hashes: Iterable[str]) -> dict[str, StoredState]:
        found: dict[str, StoredState] = {}
        hashes = list(dict.fromkeys(content_hashes))
        for i in range(0, len(hashes), _CHUNK):
            chunk = hashes[i : i + _CHUNK]
            rows = self._conn.execute(
                "SELECT r.content_hash, r.id, a.report_id IS NOT NULL FROM reports r"
                f" LEFT JOIN annotations a ON a.report_id = r.id WHERE r.content_hash IN ({_marks(chunk)})",
                chunk,
            )
            found.update({h: StoredState(i, bool(a)) for h, i, a in rows})
        return found

    def load_report(self, report_id: str) -> Report:
        from rashomon.store.reads import get_report

        report = get_report(self._conn, report_id)
        if report is None:
            raise KeyError(report_id)
        return report

    # --- writes -------------------------------------------------------------------------------------------

    def start_run(self, inputs: Sequence[str], *, annotate: bool) -> int:
        with self._transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO ingest_runs (started_at, inputs, annotate) VALUES (?, ?, ?)",
                (now(), json.dumps(list(inputs), ensure_ascii=False), int(annotate)),
            )
            return int(cursor.lastrowid or 0)

    def write_batch(self, run: int, batch: Batch) -> None:
        stamp = now()
        with self._transaction() as conn:
            conn.executemany(
                "INSERT INTO reports (id, content_hash, input_id, text, title, source, url, published, event, path,"
                " ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (content_hash) DO NOTHING",  # stored meanwhile by another process: the same report
                [_report_row(r, stamp) for r in batch.reports],
            )
            conn.executemany(
                "INSERT OR REPLACE INTO annotations (report_id, annotator, data) VALUES (?, ?, ?)",
                [(a.report.id, annotator, annotations_to_json(a)) for a, annotator in _with_annotator(batch)],
            )
            _insert_skips(conn, run, batch.skips)
            conn.execute(
                "UPDATE ingest_runs SET added = added + ?, annotated = annotated + ? WHERE id = ?",
                (len(batch.reports), len(batch.annotations), run),
            )

    def log_skips(self, run: int, skips: Sequence[Skip]) -> None:
        if skips:
            with self._transaction() as conn:
                _insert_skips(conn, run, skips)

    def finish_run(self, run: int, *, status: str) -> None:
        with self._transaction() as conn:
            conn.execute("UPDATE ingest_runs SET finished_at = ?, status = ? WHERE id = ?", (now(), status, run))

    def replace_events(self, events: Sequence[EventRow]) -> None:
        with self._transaction() as conn:
            _replace_events(conn, events)

    def save_clusters(self, state: ClusterRows, events: Sequence[EventRow], *, reset: bool) -> None:
        """Add the clusterer's new reports and links (``reset``: replacing every saved one) and replace the events,
        in one transaction: the saved state and the events always belong together."""
        with self._transaction() as conn:
            if reset:
                conn.execute("DELETE FROM cluster_edges")
                conn.execute("DELETE FROM cluster_reports")
            conn.execute(
                "INSERT OR REPLACE INTO cluster_meta (key, value) VALUES ('fingerprint', ?)", (state.fingerprint,)
            )
            conn.executemany(
                "INSERT INTO cluster_reports (seq, report_id, features, lines, top_keys, vector)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                state.reports,
            )
            conn.executemany("INSERT OR REPLACE INTO cluster_edges (a, b, score) VALUES (?, ?, ?)", state.edges)
            conn.execute("DELETE FROM cluster_index")
            if state.index is not None:
                conn.execute("INSERT INTO cluster_index (id, data) VALUES (1, ?)", (state.index,))
            _replace_events(conn, events)

    def save_comparison(self, row: ComparisonRow) -> None:
        """Keep the comparison of one version of an event, in place of the event's earlier ones."""
        with self._transaction() as conn:
            conn.execute(
                "DELETE FROM comparisons WHERE event_id = ? AND fingerprint != ?", (row.event_id, row.fingerprint)
            )
            conn.execute(
                "INSERT OR REPLACE INTO comparisons (event_id, fingerprint, document, date, places, actors, conflicts,"
                " computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    row.event_id,
                    row.fingerprint,
                    row.document,
                    row.date,
                    json.dumps(list(row.places), ensure_ascii=False),
                    json.dumps(list(row.actors), ensure_ascii=False),
                    row.conflicts,
                    now(),
                ),
            )

    def prune_comparisons(self) -> int:
        """Drop the comparisons of events the store no longer has; returns how many went."""
        with self._transaction() as conn:
            cursor = conn.execute("DELETE FROM comparisons WHERE event_id NOT IN (SELECT id FROM events)")
            return int(cursor.rowcount)


def _replace_events(conn: sqlite3.Connection, events: Sequence[EventRow]) -> None:
    rows = [EventRow(*e) for e in events]
    conn.execute("DELETE FROM event_reports")
    conn.execute("DELETE FROM events")
    conn.executemany(
        'INSERT INTO events (id, label, start, "end") VALUES (?, ?, ?, ?)',
        [(e.id, e.label, e.start, e.end) for e in rows],
    )
    conn.executemany(
        "INSERT INTO event_reports (event_id, report_id) VALUES (?, ?)", [(e.id, r) for e in rows for r in e.reports]
    )


def annotator_version() -> str:
    """What produced stored annotations: the rashomon version and the spaCy pipeline (no model is loaded here)."""
    from rashomon import __version__
    from rashomon.nlp import model_name

    return f"rashomon {__version__}; {model_name()}"


def _with_annotator(batch: Batch) -> Iterator[tuple[AnnotatedReport, str]]:
    if not batch.annotations:
        return
    annotator = annotator_version()
    for annotated in batch.annotations:
        yield annotated, annotator


def _report_row(report: Report, stamp: str) -> tuple[object, ...]:
    """The row of a report as read (its ``id`` the input's): the stored id comes from its content."""
    return (
        stored_id(report.content_hash),
        report.content_hash,
        report.id,
        report.text,
        report.title,
        report.source,
        report.url,
        report.published,
        report.event,
        report.path,
        stamp,
    )


def _insert_skips(conn: sqlite3.Connection, run: int, skips: Sequence[Skip]) -> None:
    conn.executemany(
        "INSERT INTO ingest_skips (run_id, input, kind, reason, report_id) VALUES (?, ?, ?, ?, ?)",
        [(run, s.input, s.kind, s.reason, s.report) for s in skips],
    )


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" * len(values))
