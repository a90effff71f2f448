"""Adding reports: the upload form (pasted text, a file in each format the CLI reads) and POST /api/reports;
idempotent by content hash; bad requests are 4xx with a reason; a body over the limit is refused while streaming."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.app.helpers import FIRE, FLOOD, post_reports, served, settle
from tests.conftest import EXAMPLES

LIMIT = 50_000


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with served(tmp_path / "store.db", max_upload=LIMIT) as c:
        yield c


def _titles(client: TestClient) -> set[str]:
    settle(client)
    events = client.get("/api/events").json()
    return {client.get(f"/api/reports/{r}").json()["title"] for e in events for r in e["reports"]}


def test_posting_one_report_object_stores_it_and_an_event_appears(client: TestClient) -> None:
    added = post_reports(client, FIRE[0])
    assert [a["input"] for a in added["added"]] == ["harbour-gazette"]
    assert _titles(client) == {FIRE[0]["title"]}
    event = client.get("/api/events").json()[0]
    assert event["reports"] == [added["added"][0]["id"]] and event["status"] == "compared"
    assert client.get(f"/events/{event['id']}").status_code == 200


def test_posting_the_same_reports_again_adds_nothing(client: TestClient) -> None:
    first = client.post("/api/reports", json=FIRE)
    again = client.post("/api/reports", json=FIRE)
    assert first.status_code == 201 and again.status_code == 200
    assert again.json()["added"] == [] and len(again.json()["duplicates"]) == 2
    assert {d["id"] for d in again.json()["duplicates"]} == {a["id"] for a in first.json()["added"]}


def test_json_lines_are_read_as_the_cli_reads_them(client: TestClient) -> None:
    body = "\n".join(json.dumps(r) for r in FLOOD) + "\n"
    response = client.post("/api/reports", content=body, headers={"content-type": "application/x-ndjson"})
    assert response.status_code == 201 and len(response.json()["added"]) == 2


def test_a_list_with_a_bad_item_stores_the_others_and_names_the_bad_one(client: TestClient) -> None:
    response = client.post("/api/reports", json=[FIRE[0], {"id": "x", "text": 5}])
    assert response.status_code == 201
    assert response.json()["rejected"] == [{"input": "body:2", "reason": '"text" is not a string'}]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b'{"id": "a", "text": ', 400),  # malformed
        (b"", 400),
        (b"\xff\xfe\x00garbage", 400),  # not UTF-8
        (b"[" * 100_00 + b"]" * 100_00, 400),  # nested too deep
        (b'"just a string"', 422),
        (b"42", 422),
        (b"[]", 422),
        (b'{"id": "a"}', 422),  # no text
        (b'{"id": "a", "text": ["not", "a", "string"]}', 422),
        (b'{"id": {"x": 1}, "text": "Some text."}', 422),
        (b"[1, 2, 3]", 422),
    ],
)
def test_a_malformed_or_wrongly_typed_body_is_a_4xx_with_a_json_reason(
    client: TestClient, body: bytes, status: int
) -> None:
    response = client.post("/api/reports", content=body, headers={"content-type": "application/json"})
    assert response.status_code == status, response.text
    assert response.json()["status"] == status and response.json()["error"]


def test_a_body_that_is_not_json_is_415(client: TestClient) -> None:
    response = client.post("/api/reports", content=b"text", headers={"content-type": "text/plain"})
    assert response.status_code == 415 and "application/json" in response.json()["error"]


def test_a_body_over_the_limit_is_413_from_its_declared_length(client: TestClient) -> None:
    big = {"id": "big", "text": "word " * LIMIT}
    response = client.post("/api/reports", json=big)
    assert response.status_code == 413
    assert f"{LIMIT:,} bytes" in response.json()["error"]


def test_a_streamed_body_over_the_limit_is_413_before_it_is_all_read(client: TestClient) -> None:
    """At the ASGI level (the test client reads a body whole before sending it): 100 chunks of 10 kB, with no
    Content-Length, against a 50 kB limit."""
    received: list[int] = []
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        received.append(1)
        return {"type": "http.request", "body": b" " * 10_000, "more_body": len(received) < 100}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/api/reports",
        "raw_path": b"/api/reports",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"content-type", b"application/json"), (b"host", b"testserver")],
        "client": ("127.0.0.1", 1234),
        "server": ("testserver", 80),
    }
    asyncio.run(client.app(scope, receive, send))  # type: ignore[arg-type]
    assert sent[0]["type"] == "http.response.start" and sent[0]["status"] == 413
    assert json.loads(b"".join(m.get("body", b"") for m in sent[1:]))["status"] == 413
    assert len(received) == 6  # stopped at the first chunk past 50 kB


def test_an_upload_form_over_the_limit_is_a_413_page(client: TestClient) -> None:
    response = client.post("/upload", files={"file": ("big.txt", b"x" * (LIMIT + 1), "text/plain")})
    assert response.status_code == 413 and response.headers["content-type"].startswith("text/html")
    assert "limit" in response.text


def test_pasted_text_with_header_lines_is_stored_with_its_title(client: TestClient) -> None:
    text = "Title: Ferry capsizes near Chandpur\nSource: River Courier\n\nA ferry capsized on the Meghna river."
    response = client.post("/upload", files={"text": (None, text)})
    assert response.status_code == 201 and "Ferry capsizes near Chandpur" in response.text
    assert _titles(client) == {"Ferry capsizes near Chandpur"}


@pytest.mark.parametrize("name", ["river-courier.txt", "delta-tribune.html", "wire.jsonl"])
def test_each_file_format_the_cli_reads_can_be_uploaded(client: TestClient, name: str) -> None:
    data = (EXAMPLES / name).read_bytes()
    response = client.post("/upload", files={"file": (name, data, "application/octet-stream")})
    assert response.status_code == 201, response.text
    added = client.post("/upload?format=json", files={"file": (name, data, "application/octet-stream")}).json()
    assert added["added"] == [] and len(added["duplicates"]) == 1


def test_a_json_file_with_a_list_is_read_as_a_list(client: TestClient) -> None:
    data = json.dumps(FIRE + FLOOD).encode()
    response = client.post("/upload?format=json", files={"file": ("feed.json", data, "application/json")})
    assert response.status_code == 201 and len(response.json()["added"]) == 4


def test_an_upload_with_nothing_usable_is_422_naming_the_reasons(client: TestClient) -> None:
    response = client.post("/upload", files={"file": ("empty.txt", b"   \n", "text/plain")})
    assert response.status_code == 422 and "empty file" in response.text
    response = client.post("/upload?format=json", files={"file": ("bin.txt", b"\x00\x01\x02" * 50, "text/plain")})
    assert response.status_code == 422 and response.json()["rejected"][0]["reason"] == "binary file, not text"


def test_an_empty_form_is_400(client: TestClient) -> None:
    assert client.post("/upload", files={"text": (None, "  ")}).status_code == 400


def test_the_form_refuses_posts_from_other_sites(client: TestClient) -> None:
    headers: dict[str, Any] = {"origin": "https://evil.example"}
    response = client.post("/upload", files={"text": (None, "A report.")}, headers=headers)
    assert response.status_code == 403
    response = client.post("/upload", files={"text": (None, "A report.")}, headers={"sec-fetch-site": "cross-site"})
    assert response.status_code == 403
