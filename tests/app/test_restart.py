"""The whole path with the real pipeline: reports uploaded, grouped into an event, compared once in the
background; a new app on the same database (a restart) has everything and serves the comparison from the store
without computing it again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

import rashomon.app.web as web
from rashomon.app.web import create_app
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """An app over a new store: the ferry example uploaded (three files, three formats), then the app closed."""
    db = tmp_path_factory.mktemp("restart") / "store.db"
    app = create_app(db)
    with TestClient(app) as client:
        for name in ("river-courier.txt", "delta-tribune.html", "wire.jsonl"):
            data = (EXAMPLES / name).read_bytes()
            assert client.post("/upload", files={"file": (name, data, "application/octet-stream")}).status_code == 201
        assert app.state.parts.worker.wait_idle(180)
        events = client.get("/api/events").json()
        event_id = events[0]["id"]
        saved = {
            "events": events,
            "doc": client.get(f"/api/events/{event_id}").json(),
            "page": client.get(f"/events/{event_id}").text,
            "computed": app.state.parts.worker.compared,
        }
    yield {"db": db, "event": event_id, **saved}


def test_uploaded_reports_become_one_compared_event(first_run: dict[str, Any]) -> None:
    (event,) = first_run["events"]
    assert len(event["reports"]) == 3 and event["status"] == "compared"
    assert first_run["computed"] == 1
    doc = first_run["doc"]
    assert doc["schema"] == "rashomon.comparison/1" and len(doc["reports"]) == 3
    assert any(c["status"] == "conflicting" for c in doc["claims"]) and event["conflicts"] >= 1
    assert "Chandpur" in event["places"]


def test_the_event_page_shows_the_comparison(first_run: dict[str, Any]) -> None:
    page = first_run["page"]
    assert "comparison of news reports" in page and "BIWTA" in page and "Narayanganj" in page


def test_a_restarted_app_has_everything_and_computes_nothing_again(
    first_run: dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[str] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args[1])
        raise AssertionError("a cached comparison was computed again")

    monkeypatch.setattr(web, "compare_event", counted)
    app = create_app(first_run["db"])
    with TestClient(app) as client:
        assert client.get("/api/events").json() == first_run["events"]
        event_id = first_run["event"]
        assert client.get(f"/api/events/{event_id}").json() == first_run["doc"]
        assert client.get(f"/events/{event_id}").text == first_run["page"]
        for rid in first_run["events"][0]["reports"]:
            assert client.get(f"/api/reports/{rid}").json()["event"]["id"] == event_id
        assert app.state.parts.worker.wait_idle(30)
    assert calls == [] and app.state.parts.worker.compared == 0
