"""Every page and its JSON twin over one store: the events list with its search and filters, the event page (the
comparison), the report page, the upload form, error pages; pending events; security headers."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from rashomon.store.sqlite import connect
from tests.app.helpers import FIRE, FLOOD, HOSTILE_REPORT, FakeCompare, post_reports, served, settle


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, dict[str, str], FakeCompare]]:
    """A store with two stories and a lone hostile report, all compared after the upload."""
    db = tmp_path_factory.mktemp("pages") / "store.db"
    compare = FakeCompare()
    with served(db, compare) as client:
        post_reports(client, [*FIRE, *FLOOD, HOSTILE_REPORT])
        settle(client)
        events = client.get("/api/events").json()
        ids = {_story(e): e["id"] for e in events}
        yield client, ids, compare


def _story(event: dict[str, Any]) -> str:
    label = event["label"]
    return "fire" if "Rotterdam" in label else "flood" if "Sava" in label else "hostile"


def test_uploaded_reports_are_grouped_into_one_event_per_story(site: Any) -> None:
    client, ids, _ = site
    events = client.get("/api/events").json()
    assert sorted(len(e["reports"]) for e in events) == [1, 2, 2]
    assert set(ids) == {"fire", "flood", "hostile"}


def test_events_compared_after_upload_carry_their_facets(site: Any) -> None:
    client, ids, _ = site
    events = {e["id"]: e for e in client.get("/api/events").json()}
    fire, flood = events[ids["fire"]], events[ids["flood"]]
    assert fire["status"] == flood["status"] == "compared"
    assert (fire["date"], fire["places"], fire["actors"], fire["conflicts"]) == (
        "2024-05-01",
        ["Rotterdam", "Netherlands"],
        ["Anna Verbeek"],
        1,
    )
    assert (flood["date"], flood["places"], flood["actors"], flood["conflicts"]) == (
        "2024-09-14",
        ["Zagreb"],
        ["Marko Horvat"],
        0,
    )


def test_the_events_list_page_links_every_event(site: Any) -> None:
    client, ids, _ = site
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    for event_id in ids.values():
        assert f'href="/events/{event_id}"' in page.text
    assert "1 conflict" in page.text


def test_the_events_list_json_twin_holds_the_api_list_and_its_paging(site: Any) -> None:
    client, _, _ = site
    twin, api = client.get("/?format=json").json(), client.get("/api/events")
    assert isinstance(api.json(), list) and twin["events"] == api.json()  # the contract: a list of events
    assert all("id" in e for e in api.json())
    assert twin["schema"] == "rashomon.events/1" and twin["total"] == 3 == int(api.headers["x-total-count"])


@pytest.mark.parametrize(
    ("query", "stories"),
    [
        ("q=rotterdam", {"fire"}),
        ("q=hundreds+evacuated", {"flood"}),  # words of one report's title, not of the label
        ("q=nothing+like+this", set()),
        ("place=zagreb", {"flood"}),
        ("place=netherlands", {"fire"}),
        ("actor=verbeek", {"fire"}),
        ("actor=horvat&place=zagreb", {"flood"}),
        ("conflicts=yes", {"fire"}),
        ("conflicts=no", {"flood", "hostile"}),
        ("from=2024-05-01&to=2024-05-31", {"fire"}),
        ("from=2024-09-01", {"flood"}),
        ("to=2024-02-01", {"hostile"}),  # no date in its comparison: dated by its publication day
    ],
)
def test_filters_keep_the_matching_events(site: Any, query: str, stories: set[str]) -> None:
    client, ids, _ = site
    found = {e["id"] for e in client.get(f"/api/events?{query}").json()}
    assert found == {ids[s] for s in stories}
    page = client.get(f"/?{query}")
    assert page.status_code == 200
    assert {i for i in ids.values() if f'href="/events/{i}"' in page.text} == found


def test_the_list_pages_through_events(site: Any) -> None:
    client, _, _ = site
    first, second = client.get("/api/events?limit=2"), client.get("/api/events?limit=2&offset=2")
    assert len(first.json()) == 2 and len(second.json()) == 1 and first.headers["x-total-count"] == "3"
    assert "offset=2" in first.headers["link"] and "link" not in second.headers
    assert 'rel="next"' in client.get("/?limit=2").text


@pytest.mark.parametrize(
    "query", ["from=yesterday", "to=2024-13-01", "conflicts=maybe", "limit=0", "limit=x", "offset=-1", "q=" + "x" * 201]
)
def test_a_bad_filter_is_a_400_naming_it(site: Any, query: str) -> None:
    client, _, _ = site
    api = client.get(f"/api/events?{query}")
    assert api.status_code == 400 and api.json()["status"] == 400 and api.json()["error"]
    page = client.get(f"/?{query}")
    assert page.status_code == 400 and page.headers["content-type"].startswith("text/html")


def test_the_event_page_is_the_comparison_with_links_to_its_reports(site: Any) -> None:
    client, ids, _ = site
    page = client.get(f"/events/{ids['fire']}")
    assert page.status_code == 200
    assert "comparison of news reports" in page.text and "Warehouse fire in Rotterdam harbour injures four" in page.text
    event = client.get("/api/events").json()
    for rid in next(e for e in event if e["id"] == ids["fire"])["reports"]:
        assert f'href="/reports/{rid}"' in page.text


def test_the_event_json_is_the_comparison_contract(site: Any) -> None:
    client, ids, _ = site
    doc = client.get(f"/api/events/{ids['flood']}").json()
    assert doc["schema"] == "rashomon.comparison/1"
    assert {"reports", "entities", "times", "quotes", "claims", "event", "summary"} <= doc.keys()
    assert client.get(f"/events/{ids['flood']}?format=json").json() == doc


def test_an_event_is_compared_once_however_often_it_is_viewed(site: Any) -> None:
    client, ids, compare = site
    before = compare.calls
    for _ in range(3):
        assert client.get(f"/events/{ids['fire']}").status_code == 200
        assert client.get(f"/api/events/{ids['fire']}").status_code == 200
    assert compare.calls == before


def test_the_report_page_shows_its_text_metadata_and_event(site: Any) -> None:
    client, ids, _ = site
    data = client.get("/api/events").json()
    rid = next(e for e in data if e["id"] == ids["flood"])["reports"][0]
    page = client.get(f"/reports/{rid}")
    assert page.status_code == 200
    assert f'href="/events/{ids["flood"]}"' in page.text and "Sava" in page.text
    twin = client.get(f"/reports/{rid}?format=json").json()
    assert twin == client.get(f"/api/reports/{rid}").json()
    assert twin["id"] == rid and twin["event"]["id"] == ids["flood"] and "Sava" in twin["text"]
    assert len(twin["event_reports"]) == 1


def test_the_upload_form_has_a_textarea_and_a_file_input(site: Any) -> None:
    client, _, _ = site
    page = client.get("/upload")
    assert page.status_code == 200
    assert 'name="text"' in page.text and 'type="file"' in page.text and 'enctype="multipart/form-data"' in page.text
    twin = client.get("/upload?format=json").json()
    assert twin["post"] == "/api/reports" and "application/json" in twin["content_types"]


@pytest.mark.parametrize("path", ["/events/ev-0000", "/reports/0000", "/events/" + "x" * 500, "/nowhere"])
def test_unknown_ids_are_404_html_on_pages_and_json_on_the_api(site: Any, path: str) -> None:
    client, _, _ = site
    page = client.get(path)
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    api = client.get("/api" + path)
    assert api.status_code == 404 and api.json()["status"] == 404


def test_a_wrong_method_is_405(site: Any) -> None:
    client, _, _ = site
    assert client.delete("/api/events").status_code == 405
    assert client.delete("/api/events").json()["status"] == 405
    assert client.put("/").status_code == 405


def test_every_response_carries_the_security_headers(site: Any) -> None:
    client, ids, _ = site
    for path in ["/", "/upload", f"/events/{ids['fire']}", "/api/events", "/nowhere", "/api/nowhere"]:
        headers = client.get(path).headers
        assert headers["x-content-type-options"] == "nosniff"
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert "unsafe-inline" not in headers["content-security-policy"].split("script-src")[-1]


def test_the_only_script_allowed_is_the_comparison_pages_own(site: Any) -> None:
    client, ids, _ = site
    page = client.get(f"/events/{ids['fire']}")
    policy = page.headers["content-security-policy"]
    scripts = re.findall(r"<script>(.*?)</script>", page.text, re.DOTALL)
    for body in scripts:
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        assert f"'sha256-{digest}'" in policy
    assert "<script" not in client.get("/").text


def test_a_pending_event_says_so_and_is_left_out_of_filters_that_need_a_comparison(tmp_path: Path) -> None:
    with served(tmp_path / "store.db") as client:
        post_reports(client, FIRE)
        settle(client)
        event_id = client.get("/api/events").json()[0]["id"]
        client.app.state.parts.worker.stop()  # type: ignore[attr-defined]  # nothing will compare it again
        conn = connect(tmp_path / "store.db")
        conn.execute("DELETE FROM comparisons")  # forget the comparison: the event is pending again
        conn.close()
        assert client.get("/api/events").json()[0]["status"] == "pending"
        pending = client.get(f"/api/events/{event_id}")
        assert pending.status_code == 202 and pending.json()["status"] == "pending"
        assert pending.headers["retry-after"]
        page = client.get(f"/events/{event_id}")
        assert page.status_code == 202 and "Pending" in page.text and 'http-equiv="refresh"' in page.text
        assert "pending" in client.get("/").text
        data = client.get("/api/events?place=rotterdam")
        assert data.json() == [] and data.headers["x-pending-not-filtered"] == "1"
        assert "not compared yet" in client.get("/?place=rotterdam").text
