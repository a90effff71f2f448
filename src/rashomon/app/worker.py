"""The one background thread that does the web app's heavy work, off the event loop: updating the events after
reports are added (clustering reads embeddings) and comparing events (the NLP pipeline, seconds each).

Jobs are queued and deduplicated: an events update asked for while one is queued is one update; an event asked for
twice is compared once. The thread owns its own writer on the store. A comparison is stored with the fingerprint
of the event's reports, so a job for an event whose comparison is already stored (by this process or an earlier
one) does nothing, and a restart recomputes nothing.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rashomon.app.service import comparison_row, fingerprint
from rashomon.cluster import ClusterSettings
from rashomon.store.compare import EventNotFound
from rashomon.store.reads import get_comparison, get_event, has_unclustered_reports
from rashomon.store.sqlite import SQLiteStore

log = logging.getLogger("rashomon.app")

Compare = Callable[[SQLiteStore, str], dict[str, Any]]  # (store, event id) -> comparison document
UPDATE = "update"


@dataclass(frozen=True, slots=True)
class WorkerConfig:
    db_path: Path
    comparer: str  # see ``service.comparer_key``
    compare: Compare
    cluster: ClusterSettings | None = None  # None: the default settings (those of `rashomon events`)


class Worker:
    """Queue jobs with ``update_events`` and ``compare``; ``state(event_id)`` says where an event's job stands."""

    def __init__(self, config: WorkerConfig) -> None:
        self.config = config
        self._jobs: deque[str] = deque()  # UPDATE, or an event id to compare
        self._queued: set[str] = set()
        self._fresh_reports: set[str] = set()  # added since the last update: their events get compared
        self._running: str | None = None
        self._failed: dict[str, str] = {}
        self._stop = False
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self.compared = 0  # comparisons computed by this worker (not those found stored)

    # --- control ---------------------------------------------------------------------------------------

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="rashomon-worker", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Finish the job in hand, drop the rest, and end the thread."""
        with self._cond:
            self._stop = True
            self._jobs.clear()
            self._queued.clear()
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout)

    def wait_idle(self, timeout: float) -> bool:
        """Wait until no job is queued or running; False when ``timeout`` seconds pass first."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._jobs or self._running is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
        return True

    # --- jobs ------------------------------------------------------------------------------------------

    def update_events(self, new_reports: Iterable[str] = ()) -> None:
        """Bring the events up to date with the store's reports, then compare the events ``new_reports`` are in."""
        with self._cond:
            self._fresh_reports.update(new_reports)
            self._put(UPDATE, first=True)

    def compare(self, event_id: str) -> None:
        with self._cond:
            self._failed.pop(event_id, None)
            self._put(event_id)

    def state(self, event_id: str) -> str | None:
        """ "queued", "running", "failed: reason", or None when no job for it is known."""
        with self._cond:
            if self._running == event_id:
                return "running"
            if event_id in self._queued:
                return "queued"
            failed = self._failed.get(event_id)
            return None if failed is None else f"failed: {failed}"

    @property
    def busy(self) -> bool:
        with self._cond:
            return bool(self._jobs) or self._running is not None

    def _put(self, job: str, *, first: bool = False) -> None:
        if self._stop or job in self._queued or (job == self._running and job != UPDATE):
            return
        self._queued.add(job)
        if first:
            self._jobs.appendleft(job)
        else:
            self._jobs.append(job)
        self._cond.notify_all()

    # --- the thread ------------------------------------------------------------------------------------

    def _run(self) -> None:
        try:
            store = SQLiteStore(self.config.db_path)
        except Exception:
            log.exception("the worker cannot open the store")
            return
        with store:
            with store.reader() as conn:
                if has_unclustered_reports(conn):
                    self.update_events()
            while True:
                with self._cond:
                    while not self._jobs and not self._stop:
                        self._cond.wait()
                    if self._stop:
                        return
                    job = self._jobs.popleft()
                    self._queued.discard(job)
                    self._running = job
                try:
                    self._do(store, job)
                except Exception as error:  # one bad event must not stop the others
                    log.exception("job %s failed", job)
                    with self._cond:
                        self._failed[job] = f"{type(error).__name__}: {error}"[:300]
                finally:
                    with self._cond:
                        self._running = None
                        self._cond.notify_all()

    def _do(self, store: SQLiteStore, job: str) -> None:
        if job == UPDATE:
            self._update(store)
        else:
            self._compare(store, job)

    def _update(self, store: SQLiteStore) -> None:
        from rashomon.store.events import update_events

        with self._cond:
            fresh, self._fresh_reports = self._fresh_reports, set()
        update = update_events(store, self.config.cluster)
        store.prune_comparisons()
        for cluster in update.clusters:
            if fresh.intersection(cluster.reports):
                self.compare(cluster.id)

    def _compare(self, store: SQLiteStore, event_id: str) -> None:
        with store.reader() as conn:
            event = get_event(conn, event_id)
            if event is None:
                return  # merged into another event meanwhile
            mark = fingerprint(self.config.comparer, event.reports)
            if get_comparison(conn, event_id, mark) is not None:
                return
        try:
            doc = self.config.compare(store, event_id)
        except EventNotFound:
            return
        store.save_comparison(comparison_row(event_id, mark, doc))
        self.compared += 1
