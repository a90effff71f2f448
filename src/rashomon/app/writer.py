"""The web app's writes to the store (adding reports) go through one thread that owns one writer connection, so
requests never open writers of their own and a slow write never runs on the event loop."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from rashomon.store.sqlite import SQLiteStore

T = TypeVar("T")


class Writer:
    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rashomon-writer")
        self._store: SQLiteStore | None = None  # opened in the pool's thread, used only there

    async def run(self, write: Callable[[SQLiteStore], T]) -> T:
        """``write(store)`` in the writer's thread; waits for it without blocking the event loop."""
        return await asyncio.wrap_future(self._pool.submit(self._call, write))

    def _call(self, write: Callable[[SQLiteStore], T]) -> T:
        if self._store is None:
            self._store = SQLiteStore(self.db_path)
        return write(self._store)

    def close(self) -> None:
        self._pool.submit(self._close).result()
        self._pool.shutdown(wait=True)

    def _close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
