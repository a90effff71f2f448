"""The background worker: jobs deduplicated, one failing event reported (not retried in a loop, not stopping the
others), and the list answering while a comparison runs."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

from rashomon.store.sqlite import SQLiteStore
from tests.app.helpers import FIRE, FLOOD, FakeCompare, post_reports, served, settle


class SlowCompare(FakeCompare):
    """Holds each comparison until released: a stand-in for seconds of NLP."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()

    def __call__(self, store: SQLiteStore, event_id: str) -> dict[str, Any]:
        assert self.release.wait(30)
        return super().__call__(store, event_id)


class FailingCompare(FakeCompare):
    def __call__(self, store: SQLiteStore, event_id: str) -> dict[str, Any]:
        doc = super().__call__(store, event_id)
        if "Rotterdam" in str(doc["reports"]):
            raise RuntimeError("the parser fell over")
        return doc


def _until(condition: Any, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def _first_event(client: Any) -> str:
    _until(lambda: client.get("/api/events").json())
    return str(client.get("/api/events").json()[0]["id"])


def test_the_list_answers_fast_while_a_comparison_runs(tmp_path: Path) -> None:
    compare = SlowCompare()
    with served(tmp_path / "store.db", compare) as client:
        post_reports(client, FIRE)
        event_id = _first_event(client)
        _until(lambda: client.app.state.parts.worker.state(event_id) == "running")  # type: ignore[attr-defined]
        started = time.monotonic()
        for _ in range(20):
            listing = client.get("/api/events").json()
            assert client.get("/").status_code == 200
        elapsed = time.monotonic() - started
        assert listing[0]["status"] == "pending"
        assert elapsed < 5.0
        compare.release.set()
        settle(client)
        assert client.get("/api/events").json()[0]["status"] == "compared"


def test_asking_for_one_event_many_times_compares_it_once(tmp_path: Path) -> None:
    compare = SlowCompare()
    with served(tmp_path / "store.db", compare) as client:
        post_reports(client, FIRE)
        worker = client.app.state.parts.worker  # type: ignore[attr-defined]
        event_id = _first_event(client)
        for _ in range(5):
            assert client.get(f"/api/events/{event_id}").status_code == 202
            worker.compare(event_id)
        compare.release.set()
        settle(client)
        assert compare.calls == 1
        assert client.get(f"/api/events/{event_id}?wait=5").status_code == 200


def test_a_failing_comparison_is_reported_and_the_other_events_are_compared(tmp_path: Path) -> None:
    compare = FailingCompare()
    with served(tmp_path / "store.db", compare) as client:
        post_reports(client, [*FIRE, *FLOOD])
        settle(client)
        events = {("fire" if "Rotterdam" in e["label"] else "flood"): e for e in client.get("/api/events").json()}
        assert events["flood"]["status"] == "compared" and events["fire"]["status"] == "pending"
        failed = client.get(f"/api/events/{events['fire']['id']}")
        assert failed.status_code == 500 and "the parser fell over" in failed.json()["error"]
        assert client.get(f"/events/{events['fire']['id']}").status_code == 500
        calls = compare.calls
        client.get(f"/api/events/{events['fire']['id']}")
        settle(client)
        assert compare.calls == calls  # shown as failed, not retried on every view


def test_wait_returns_the_comparison_once_it_is_ready(tmp_path: Path) -> None:
    compare = SlowCompare()
    with served(tmp_path / "store.db", compare) as client:
        post_reports(client, FLOOD)
        event_id = _first_event(client)
        threading.Timer(0.5, compare.release.set).start()
        response = client.get(f"/api/events/{event_id}?wait=20")
        assert response.status_code == 200 and response.json()["schema"] == "rashomon.comparison/1"
        assert client.get(f"/api/events/{event_id}?wait=soon").status_code == 400
