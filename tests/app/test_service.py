"""The service layer without HTTP: facets read off comparison documents (with or without an event record, and
partial ones), date ranges, queries from URL parameters, filtering, fingerprints, and reading submitted bytes."""

from __future__ import annotations

import json
from typing import Any

import pytest

from rashomon.app.facets import Facets, date_bounds, facets_of
from rashomon.app.service import (
    EventQuery,
    EventSummary,
    InvalidInput,
    filter_events,
    fingerprint,
    parse_json_reports,
    parse_upload,
    query_from_params,
)

RECORD: dict[str, Any] = {
    "date": {"resolved": "2023-07-05/2023-07-07"},
    "location": {
        "resolved": {"name": "Idlib", "country": "Syria", "region": "Idlib Governorate", "precision": "region"},
        "values": [{"value": "eastern Syria"}, {"value": "northwestern Syria"}],
    },
    "actors": [{"name": "US Central Command", "role": "actor"}, {"name": "ISIS", "role": "target"}, {"name": None}],
}


def _entity(name: str, kind: str, mentions: int) -> dict[str, Any]:
    return {"name": name, "type": kind, "aliases": [], "mentions": [{}] * mentions}


def test_facets_come_from_the_event_record_when_there_is_one() -> None:
    doc = {"event": RECORD, "entities": [_entity("Damascus", "GPE", 5)], "claims": [{"status": "conflicting"}]}
    assert facets_of(doc) == Facets(
        "2023-07-05/2023-07-07",
        ("Idlib", "Idlib Governorate", "Syria", "eastern Syria", "northwestern Syria"),
        ("US Central Command", "ISIS"),
        1,
    )


def test_without_a_record_facets_come_from_entities_and_times() -> None:
    doc = {
        "event": None,
        "entities": [
            _entity("Chandpur", "GPE", 2),
            _entity("Meghna", "LOC", 4),
            _entity("BIWTA", "ORG", 1),
            _entity("Rafiqul Islam", "PERSON", 3),
            _entity("Bengali", "NORP", 9),
        ],
        "times": [{"value": "2024-03-12"}, {"value": "2024-03-13"}, {"value": "2024-03-12"}, {"value": "PT2H"}],
        "claims": [{"status": "corroborated"}, {"status": "unique"}],
    }
    assert facets_of(doc) == Facets("2024-03-12", ("Meghna", "Chandpur"), ("Rafiqul Islam", "BIWTA"), 0)


@pytest.mark.parametrize(
    "doc",
    [
        {},
        {"event": {}, "entities": None, "times": None, "claims": None},
        {"event": {"date": None, "location": {"resolved": None}, "actors": None}},
        {"event": "odd", "entities": ["odd", {"type": "GPE"}], "times": [None, {"value": 7}], "claims": [None]},
    ],
)
def test_partial_or_odd_documents_give_empty_facets(doc: dict[str, Any]) -> None:
    assert facets_of(doc) == Facets(None, (), (), 0)


def test_a_region_given_as_a_gazetteer_code_is_not_a_place_name() -> None:
    doc = {"event": {"location": {"resolved": {"name": "Chandpur", "region": "84", "country": "Bangladesh"}}}}
    assert facets_of(doc).places == ("Chandpur", "Bangladesh")


@pytest.mark.parametrize(
    ("value", "bounds"),
    [
        ("2023-07-07", ("2023-07-07", "2023-07-07")),
        ("2023-07-07T10:00:00+00:00", ("2023-07-07", "2023-07-07")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2023", ("2023-01-01", "2023-12-31")),
        ("2023-07-05/2023-07", ("2023-07-05", "2023-07-31")),
        ("2023-13", None),
        ("2023-07-09/2023-07-01", None),
        ("PT2H", None),
        (None, None),
    ],
)
def test_date_bounds_cover_what_the_date_names(value: str | None, bounds: tuple[str, str] | None) -> None:
    assert date_bounds(value) == bounds


def test_a_query_is_read_from_url_parameters() -> None:
    params = {"q": " ferry ", "from": "2024-03-01", "to": "", "place": "Chandpur", "conflicts": "yes", "limit": "10"}
    assert query_from_params(params) == EventQuery("ferry", "2024-03-01", None, "Chandpur", "", True, 0, 10)
    assert query_from_params({}) == EventQuery()
    assert query_from_params({"conflicts": "no"}).conflicts is False


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"from": "2024-02-30"}, "from"),
        ({"from": "2024-03-02", "to": "2024-03-01"}, "after"),
        ({"limit": "501"}, "limit"),
    ],
)
def test_a_bad_parameter_is_named(params: dict[str, str], named: str) -> None:
    with pytest.raises(InvalidInput, match=named):
        query_from_params(params)


def _summary(eid: str, label: str, start: str | None, facets: Facets | None) -> EventSummary:
    return EventSummary(eid, label, start, start, (f"{eid}-r",), (f"{label} title",), "f", facets)


EVENTS = (
    _summary("a", "Ferry capsizes", "2024-03-13", Facets("2024-03-12", ("Chandpur",), ("BIWTA",), 2)),
    _summary("b", "Strike in Syria", "2023-07-09", Facets("2023-07-05/2023-07-07", ("Syria",), ("CENTCOM",), 0)),
    _summary("c", "Ferry strike pending", "2024-01-02", None),
)


@pytest.mark.parametrize(
    ("query", "kept", "skipped"),
    [
        (EventQuery(), "abc", 0),
        (EventQuery(text="ferry"), "ac", 0),
        (EventQuery(text="strike title"), "bc", 0),
        (EventQuery(place="syr"), "b", 1),
        (EventQuery(text="ferry", conflicts=True), "a", 1),
        (EventQuery(date_from="2023-07-06", date_to="2023-07-06"), "b", 0),
        (EventQuery(date_to="2024-01-31"), "bc", 0),
        (EventQuery(limit=1, offset=1), "b", 0),
    ],
)
def test_filtering_keeps_what_the_query_asks_for(query: EventQuery, kept: str, skipped: int) -> None:
    page = filter_events(EVENTS, query)
    assert "".join(e.id for e in page.events) == kept and page.skipped_pending == skipped


def test_a_fingerprint_depends_on_the_reports_not_their_order_and_on_the_comparer() -> None:
    assert fingerprint("v1", ["b", "a"]) == fingerprint("v1", ["a", "b"])
    assert fingerprint("v1", ["a", "b"]) != fingerprint("v1", ["a", "c"])
    assert fingerprint("v1", ["a"]) != fingerprint("v2", ["a"])


def test_pasted_text_is_read_with_its_header_lines() -> None:
    parsed = parse_upload(b"Title: T\nPublished: 2024-03-12\n\nBody text.", None)
    (report,) = parsed.reports
    assert (report.title, report.published, report.text, report.path) == ("T", "2024-03-12", "Body text.", "pasted.txt")


def test_a_json_upload_with_bad_records_keeps_the_good_ones() -> None:
    data = json.dumps([{"id": "a", "text": "One."}, {"id": "a", "text": "Two."}, {"text": ""}]).encode()
    parsed = parse_upload(data, "../../etc/feed.json")
    assert [r.id for r in parsed.reports] == ["a", "a-2"] and parsed.reports[0].path == "feed.json"
    assert [(r.input, r.reason) for r in parsed.rejected] == [("feed.json:3", '"text" is empty')]


def test_an_unreadable_upload_is_rejected_with_its_reason() -> None:
    assert parse_upload(b"\x00\x00binary", "x.txt").rejected[0].reason == "binary file, not text"


@pytest.mark.parametrize(
    ("body", "status"), [(b"{", 400), (b"\xff", 400), (b"  ", 400), (b"true", 422), (b"[]", 422), (b"[{}]", None)]
)
def test_api_bodies_are_checked_before_they_are_read_as_reports(body: bytes, status: int | None) -> None:
    if status is None:
        assert parse_json_reports(body).rejected[0].reason == 'missing "text"'
        return
    with pytest.raises(InvalidInput) as raised:
        parse_json_reports(body)
    assert raised.value.status == status


def test_the_comparer_key_ignores_the_day_and_processes_but_not_the_settings_that_change_a_comparison() -> None:
    from datetime import date

    from rashomon.app.service import comparer_key
    from rashomon.pipeline import Settings

    key = comparer_key(Settings())
    assert comparer_key(Settings(today=date(2020, 1, 1), n_process=4)) == key
    assert comparer_key(Settings(embeddings=False)) != key
