"""``render(doc, fmt)``: one entry point for every view."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from rashomon.render import FORMATS, grouped_times, quote_match, quote_speaker, render, unique_by_report

FIXTURE = Path(__file__).parents[1] / "fixtures" / "comparison_small.json"


def load_fixture() -> dict[str, Any]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def test_json_is_the_contract_dict_unchanged_and_readable() -> None:
    doc = load_fixture()
    out = render(doc, "json")
    assert json.loads(out) == doc
    assert "Ibáñez" in out  # not \u-escaped


@pytest.mark.parametrize(
    ("fmt", "opening"),
    [("md", "# rashomon: 2 reports compared"), ("html", "<!DOCTYPE html>"), ("terminal", "")],
)
def test_each_format_renders_the_fixture(fmt: str, opening: str) -> None:
    out = render(load_fixture(), fmt)
    assert out.startswith(opening)
    assert "6 people" in out


def old_style(doc: dict[str, Any]) -> dict[str, Any]:
    """The fixture as older JSON wrote it: sentence statements, no kind, contexts or explanation; details."""
    for claim in doc["claims"]:
        claim["statements"] = claim.pop("contexts")
        del claim["kind"]
        for conflict in claim["conflicts"]:
            del conflict["explanation"]
    doc["claims"][1]["details"] = [{"report": "coast-daily", "start": 0, "end": 9, "text": "The blaze"}]
    return doc


@pytest.mark.parametrize("fmt", FORMATS)
def test_older_json_without_kinds_or_contexts_renders(fmt: str) -> None:
    out = render(old_style(load_fixture()), fmt)
    assert "6 people" in out and "A ferry caught fire off Port Alder on Friday" in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_claims_with_missing_or_odd_contexts_render(fmt: str) -> None:
    doc = load_fixture()
    doc["claims"][0]["contexts"] = doc["claims"][0]["contexts"][:1]  # fewer contexts than statements
    doc["claims"][1]["contexts"][0] = {"report": "coast-daily", "start": "x", "end": None, "text": 3}
    doc["claims"][2]["statements"][0].update(start=900, end=999)  # past the end of the text
    doc["claims"][3]["kind"] = "weather"  # a kind this version does not know
    doc["claims"][4]["statements"][0]["report"] = "nowhere"
    out = render(doc, fmt)
    assert "Port Alder" in out and "6 people" in out


def test_every_listed_format_is_known() -> None:
    for fmt in FORMATS:
        assert isinstance(render(load_fixture(), fmt), str)


def test_unknown_format_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        render(load_fixture(), "pdf")


def test_quote_speaker_falls_back_to_what_the_reports_write() -> None:
    quote = load_fixture()["quotes"][0]
    quote["speaker"] = None
    for occurrence in quote["occurrences"]:
        occurrence["speaker"] = None
    assert quote_speaker(quote, {}) == "Captain Rosa Ibanez / Capt. Rosa Ibáñez"
    quote["occurrences"][0]["speaker"] = "E1"
    assert quote_speaker(quote, {"E1": "Rosa Ibanez"}) == "Rosa Ibanez / Capt. Rosa Ibáñez"
    for occurrence in quote["occurrences"]:
        occurrence["speaker_text"] = None
    quote["occurrences"][0]["speaker"] = None
    assert quote_speaker(quote, {}) is None


def test_quote_match_is_single_verbatim_or_near_verbatim() -> None:
    quote = load_fixture()["quotes"][0]
    assert quote_match(quote) == "verbatim"
    quote["occurrences"][1]["text"] = "Everyone is  accounted for,"
    assert quote_match(quote) == "verbatim"  # spacing aside
    quote["occurrences"][1]["text"] = "everyone accounted for"
    assert quote_match(quote) == "near-verbatim"
    quote["occurrences"] = quote["occurrences"][:1]
    assert quote_match(quote) == "single"


def test_unique_statements_are_grouped_in_report_order() -> None:
    doc = load_fixture()
    doc["claims"].insert(
        0,
        {
            "id": "C0",
            "status": "unique",
            "conflicts": [],
            "statements": [{"report": "coast-daily", "start": 0, "end": 9, "text": "The blaze"}],
        },
    )
    groups = unique_by_report(doc)
    assert list(groups) == ["harbor-wire", "coast-daily"]


def test_times_are_grouped_by_wording_and_value() -> None:
    doc = load_fixture()
    friday = doc["times"][0]
    doc["times"] += [dict(friday, report="coast-daily"), dict(friday, value=None)]
    groups = grouped_times(doc)
    assert [(text, value, len(spans)) for text, value, spans in groups] == [
        ("Friday", "2024-03-01", 2),
        ("Friday", None, 1),
    ]
