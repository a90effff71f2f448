"""The SQLite schema as numbered migrations, applied in order, each in its own transaction.

A migration is never edited once released: a change to the schema is a new migration at the end of the list.
``schema_version`` holds one row per migration applied, so opening a store twice (or from two processes at once)
applies each migration exactly once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "reports, annotations, events, ingest log",
        (
            """CREATE TABLE reports (
                id TEXT PRIMARY KEY,                 -- the content hash's first hex digits
                content_hash TEXT NOT NULL UNIQUE,   -- sha256 of text, hex
                input_id TEXT NOT NULL,              -- the id the input gave (JSON "id", file name)
                text TEXT NOT NULL,
                title TEXT,
                source TEXT,
                url TEXT,
                published TEXT,                      -- ISO 8601 or NULL
                event TEXT,                          -- the "event" field of a JSON input line
                path TEXT,                           -- where it was read from
                ingested_at TEXT NOT NULL
            )""",
            """CREATE TABLE annotations (
                report_id TEXT PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
                annotator TEXT NOT NULL,             -- what produced them (rashomon version; spaCy pipeline)
                data TEXT NOT NULL                   -- JSON, see rashomon.store.codec
            )""",
            """CREATE TABLE events (
                id TEXT PRIMARY KEY,
                label TEXT NOT NULL,
                start TEXT,
                "end" TEXT
            )""",
            """CREATE TABLE event_reports (
                event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
                report_id TEXT NOT NULL UNIQUE REFERENCES reports(id) ON DELETE CASCADE,  -- in one event at most
                PRIMARY KEY (event_id, report_id)
            )""",
            """CREATE TABLE ingest_runs (
                id INTEGER PRIMARY KEY,
                started_at TEXT NOT NULL,
                finished_at TEXT,
                inputs TEXT NOT NULL,                -- JSON list of the paths given
                annotate INTEGER NOT NULL,
                added INTEGER NOT NULL DEFAULT 0,
                annotated INTEGER NOT NULL DEFAULT 0,
                status TEXT NOT NULL DEFAULT 'running'   -- running (or killed) | done
            )""",
            """CREATE TABLE ingest_skips (
                run_id INTEGER NOT NULL REFERENCES ingest_runs(id) ON DELETE CASCADE,
                input TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('duplicate', 'rejected', 'unannotated')),
                reason TEXT NOT NULL,
                report_id TEXT
            )""",
            "CREATE INDEX ingest_skips_run ON ingest_skips(run_id)",
            "CREATE INDEX reports_published ON reports(published)",
        ),
    ),
    Migration(
        2,
        "the clusterer's state, so that events are updated with new reports only",
        (
            """CREATE TABLE cluster_reports (
                seq INTEGER PRIMARY KEY,             -- arrival number in the clusterer's state: 0, 1, 2, ...
                report_id TEXT NOT NULL UNIQUE REFERENCES reports(id) ON DELETE CASCADE,
                features TEXT NOT NULL,              -- JSON, see rashomon.cluster.persist
                lines BLOB NOT NULL,                 -- the keys of its lines (uint64, little-endian), for boilerplate
                top_keys TEXT NOT NULL,              -- JSON list: the words it is found by in the candidate index
                vector BLOB                          -- its lead's embedding (float16, little-endian), or NULL
            )""",
            """CREATE TABLE cluster_edges (
                a INTEGER NOT NULL REFERENCES cluster_reports(seq) ON DELETE CASCADE,
                b INTEGER NOT NULL REFERENCES cluster_reports(seq) ON DELETE CASCADE,
                score REAL NOT NULL,
                PRIMARY KEY (a, b),
                CHECK (a < b)
            )""",
            """CREATE TABLE cluster_meta (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL
            )""",
            """CREATE TABLE cluster_index (
                id INTEGER PRIMARY KEY CHECK (id = 1),  -- one row: the nearest-neighbour graph of the embeddings
                data BLOB NOT NULL                   -- usearch's own serialisation
            )""",
        ),
    ),
    Migration(
        3,
        "compared events, so that a comparison is computed once per version of an event",
        (
            # No foreign key to events: an update of the events replaces their rows, and a comparison of an event
            # that keeps its reports (and so its id) must outlive that. Rows of events gone are pruned.
            """CREATE TABLE comparisons (
                event_id TEXT NOT NULL,
                fingerprint TEXT NOT NULL,           -- the event's reports and what compared them, hashed
                document TEXT NOT NULL,              -- the comparison, JSON (schema rashomon.comparison/1)
                date TEXT,                           -- ISO 8601 day, month, year or interval, or NULL
                places TEXT NOT NULL,                -- JSON list of names
                actors TEXT NOT NULL,                -- JSON list of names
                conflicts INTEGER NOT NULL,          -- claims whose status is "conflicting"
                computed_at TEXT NOT NULL,
                PRIMARY KEY (event_id, fingerprint)
            )""",
        ),
    ),
)

LATEST = MIGRATIONS[-1].version


def schema_version(conn: sqlite3.Connection) -> int:
    """The highest migration applied, 0 for a new database."""
    exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").fetchone()
    if exists is None:
        return 0
    row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS) -> list[int]:
    """Apply the migrations not yet applied, in order, each in one transaction; returns the versions applied.

    ``conn`` must be in autocommit mode (``isolation_level=None``): transactions are opened here, with
    ``BEGIN IMMEDIATE`` so that a second process waits for the first one's migration and then sees it applied.
    """
    if [m.version for m in migrations] != list(range(1, len(migrations) + 1)):
        raise ValueError("migrations must be numbered 1, 2, 3, ... in order")
    applied: list[int] = []
    for migration in migrations:
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                " applied_at TEXT NOT NULL)"
            )
            if schema_version(conn) >= migration.version:
                conn.execute("COMMIT")
                continue
            for statement in migration.statements:
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.name, now()),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(migration.version)
    return applied


def now() -> str:
    """The current time, UTC, ISO 8601 to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()
