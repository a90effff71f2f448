"""Hostile report text (markup in the title, source, URL and body) is shown as text on every page, never as
markup; the API returns it as it was given."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from starlette.testclient import TestClient

from tests.app.helpers import HOSTILE, HOSTILE_REPORT, post_reports, served, settle

ESCAPED = "&lt;script&gt;alert("


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, dict[str, Any]]]:
    with served(tmp_path_factory.mktemp("escaping") / "store.db") as client:
        added = post_reports(client, [HOSTILE_REPORT])
        settle(client)
        event = client.get("/api/events").json()[0]
        yield client, {"report": added["added"][0]["id"], "event": event["id"]}


def _assert_inert(html: str) -> None:
    assert "<script>alert" not in html and "<img src=x" not in html
    assert 'href="javascript:' not in html


def test_the_events_list_shows_hostile_text_escaped(site: Any) -> None:
    client, _ = site
    page = client.get("/")
    _assert_inert(page.text)
    assert ESCAPED in page.text
    _assert_inert(client.get(f"/?q={quote(HOSTILE)}").text)


def test_the_event_page_shows_hostile_text_escaped(site: Any) -> None:
    client, ids = site
    page = client.get(f"/events/{ids['event']}")
    assert page.status_code == 200
    _assert_inert(page.text)
    assert ESCAPED in page.text


def test_the_report_page_shows_hostile_text_escaped(site: Any) -> None:
    client, ids = site
    page = client.get(f"/reports/{ids['report']}")
    _assert_inert(page.text)
    assert page.text.count(ESCAPED) >= 3  # title, source, body


def test_the_upload_result_shows_hostile_titles_escaped(site: Any) -> None:
    client, _ = site
    text = f"Title: {HOSTILE}\n\nA second hostile report {HOSTILE} about trams."
    page = client.post("/upload", files={"text": (None, text)})
    assert page.status_code == 201
    _assert_inert(page.text)
    assert ESCAPED in page.text


def test_error_pages_show_hostile_paths_and_inputs_escaped(site: Any) -> None:
    client, _ = site
    _assert_inert(client.get(f"/events/{quote(HOSTILE)}").text)
    _assert_inert(client.get(f"/reports/{quote(HOSTILE)}").text)
    _assert_inert(client.get(f"/?from={quote(HOSTILE)}").text)
    rejected = client.post("/upload", files={"file": (f"{HOSTILE}.json", b'{"text": 1}', "application/json")})
    assert rejected.status_code == 422
    _assert_inert(rejected.text)


def test_the_api_returns_the_text_as_given(site: Any) -> None:
    client, ids = site
    report = client.get(f"/api/reports/{ids['report']}").json()
    assert report["title"] == HOSTILE_REPORT["title"] and report["text"] == HOSTILE_REPORT["text"]
    assert client.get(f"/api/reports/{ids['report']}").headers["content-type"] == "application/json"
