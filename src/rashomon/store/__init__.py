"""The store: reports, their annotations and events kept between runs (SQLite by default; PostgreSQL later).

``SQLiteStore`` owns the writes; ``reads`` has the plain read functions; ``ingest_paths`` reads inputs into a store.
"""

from __future__ import annotations

from rashomon.store.base import Batch, EventRow, Skip, Store, StoredState, stored_id
from rashomon.store.ingest import IngestResult, Progress, ingest_paths
from rashomon.store.sqlite import SQLiteStore, StoreError, connect, default_db_path

__all__ = [
    "Batch",
    "EventRow",
    "IngestResult",
    "Progress",
    "SQLiteStore",
    "Skip",
    "Store",
    "StoreError",
    "StoredState",
    "connect",
    "default_db_path",
    "ingest_paths",
    "stored_id",
]
