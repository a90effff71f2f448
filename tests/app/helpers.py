"""Shared setup for the web app tests: made-up reports (written for these tests), a stand-in for the comparison
pipeline that reads the stored reports without NLP, and an app over a fresh store."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from starlette.testclient import TestClient

from rashomon.app.web import create_app
from rashomon.cluster import ClusterSettings
from rashomon.store.reads import get_event, get_report
from rashomon.store.sqlite import SQLiteStore

WORDS_ONLY = ClusterSettings(embedding_weight=0.0)  # clustering without the embedding model: fast

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'

# Two made-up stories, told by several outlets each (written for these tests).
FIRE = [
    {
        "id": "harbour-gazette",
        "title": "Warehouse fire in Rotterdam harbour injures four",
        "source": "Harbour Gazette",
        "published": "2024-05-02",
        "text": "ROTTERDAM: A fire tore through a grain warehouse in Rotterdam harbour on Wednesday night, injuring "
        "four workers, the fire brigade said. Mayor Anna Verbeek said the blaze was under control by dawn.",
    },
    {
        "id": "lowlands-daily",
        "title": "Rotterdam harbour warehouse blaze: six hurt",
        "source": "Lowlands Daily",
        "published": "2024-05-02",
        "text": "ROTTERDAM: Six workers were hurt when a grain warehouse in Rotterdam harbour caught fire on "
        "Wednesday night, according to the port authority. Mayor Anna Verbeek visited the site on Thursday.",
    },
]
FLOOD = [
    {
        "id": "valley-post",
        "title": "River Sava floods villages near Zagreb",
        "source": "Valley Post",
        "published": "2024-09-15",
        "text": "ZAGREB: The river Sava burst its banks on Saturday, flooding three villages south of Zagreb. "
        "Civil protection chief Marko Horvat said 200 people were evacuated by boat.",
    },
    {
        "id": "adriatic-wire",
        "title": "Hundreds evacuated as Sava floods villages near Zagreb",
        "source": "Adriatic Wire",
        "published": "2024-09-15",
        "text": "ZAGREB: About 200 residents were evacuated on Saturday after the river Sava flooded villages "
        "south of Zagreb, civil protection chief Marko Horvat told reporters.",
    },
]
HOSTILE_REPORT = {
    "id": "hostile",
    "title": f"Tram strike in Lisbon {HOSTILE}",
    "source": f"Outlet {HOSTILE}",
    "url": f"javascript:alert(1)//{HOSTILE}",
    "published": "2024-01-20",
    "text": f"LISBON: Tram drivers in Lisbon walked out on Monday {HOSTILE} over pay, the union said, and "
    f"no trams ran in the old town. {HOSTILE}",
}


class FakeCompare:
    """Stands in for the NLP pipeline: a small comparison document of the stored reports, and a count of calls.

    A story whose reports mention Rotterdam gets a structured event record with a conflicting claim; the others
    none (so facets come from the entities), which tests both ways of reading facets."""

    def __init__(self) -> None:
        self.calls = 0
        self._lock = threading.Lock()

    def __call__(self, store: SQLiteStore, event_id: str) -> dict[str, Any]:
        with self._lock:
            self.calls += 1
        with store.reader() as conn:
            event = get_event(conn, event_id)
            assert event is not None
            reports = [r for r in (get_report(conn, rid) for rid in event.reports) if r is not None]
        return fake_document(event_id, reports)


def fake_document(event_id: str, reports: list[Any]) -> dict[str, Any]:
    texts = " ".join(r.text for r in reports)
    first = reports[0]
    doc: dict[str, Any] = {
        "schema": "rashomon.comparison/1",
        "group": event_id,
        "reports": [
            {
                "id": r.id,
                "path": r.path,
                "title": r.title,
                "source": r.source,
                "url": r.url,
                "published": r.published,
                "text": r.text,
            }
            for r in reports
        ],
        "entities": [],
        "times": [],
        "quotes": [],
        "claims": [
            {
                "id": "C1",
                "status": "unique",
                "statements": [
                    {"report": first.id, "start": 0, "end": min(20, len(first.text)), "text": first.text[:20]}
                ],
                "conflicts": [],
            }
        ],
        "event": None,
        "summary": [{"text": first.text[:60], "citations": [{"report": first.id, "start": 0, "end": 60}]}],
    }
    if "Rotterdam" in texts:
        doc["event"] = {
            "date": {"resolved": "2024-05-01", "values": [], "policy": "test", "disputed": False, "note": None},
            "location": {"resolved": {"name": "Rotterdam", "country": "Netherlands"}, "values": []},
            "actors": [{"name": "Anna Verbeek", "type": "PERSON", "role": "speaker"}],
            "sources": [r.id for r in reports],
        }
        doc["claims"].append({"id": "C2", "status": "conflicting", "statements": [], "conflicts": []})
    elif "Zagreb" in texts:
        at = first.text.index("Zagreb")
        mention = {"report": first.id, "start": at, "end": at + 6, "text": "Zagreb"}
        doc["entities"] = [
            {"id": "E1", "name": "Zagreb", "type": "GPE", "aliases": [], "mentions": [mention]},
            {"id": "E2", "name": "Marko Horvat", "type": "PERSON", "aliases": [], "mentions": []},
        ]
        doc["times"] = [{"report": first.id, "start": 0, "end": 8, "text": "Saturday", "value": "2024-09-14"}]
    return doc


@contextmanager
def served(db: Path, compare: Any = None, token: str | None = None, **options: Any) -> Iterator[TestClient]:
    """A test client of an app over ``db`` (its worker running while the block runs)."""
    app = create_app(db, token, compare=compare or FakeCompare(), cluster=WORDS_ONLY, **options)
    with TestClient(app) as client:
        yield client


def settle(client: TestClient, timeout: float = 60.0) -> None:
    """Wait until the app's worker has updated the events and compared what it was asked to."""
    assert client.app.state.parts.worker.wait_idle(timeout), "the worker did not finish in time"  # type: ignore[attr-defined]


def post_reports(client: TestClient, reports: list[dict[str, Any]], **headers: str) -> Any:
    response = client.post(
        "/api/reports", content=json.dumps(reports), headers={"content-type": "application/json", **headers}
    )
    assert response.status_code in (200, 201), response.text
    return response.json()
