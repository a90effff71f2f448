"""The events list, read once per change of the store: every request reads the same snapshot until something
writes to the database (this process's worker, an upload, or another process such as `rashomon ingest`).

SQLite's ``PRAGMA data_version`` on a connection kept open changes whenever another connection commits, which
costs one statement to ask; the snapshot is rebuilt only then.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from rashomon.app.service import EventSummary, load_events
from rashomon.store.sqlite import BUSY_TIMEOUT_S


class Catalog:
    """Thread-safe: requests in the thread pool share one connection (behind a lock) and one snapshot."""

    def __init__(self, db_path: Path, comparer: str) -> None:
        self.db_path = db_path
        self.comparer = comparer
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._version: int | None = None
        self._events: tuple[EventSummary, ...] = ()
        self.loads = 0  # snapshots built (for tests)

    def events(self) -> tuple[EventSummary, ...]:
        with self._lock:
            conn = self._connection()
            version = int(conn.execute("PRAGMA data_version").fetchone()[0])
            if version != self._version:
                self._events = load_events(conn, self.comparer)
                self._version = version
                self.loads += 1
            return self._events

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = sqlite3.connect(
                f"{self.db_path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
            )
            self._conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        return self._conn
