"""The JSON Schema of the comparison contract (rashomon.comparison/1), and the fixture renderers use."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from rashomon.records import (
    Citation,
    Claim,
    Comparison,
    Conflict,
    ConflictValue,
    Entity,
    Mention,
    QuoteGroup,
    QuoteOccurrence,
    Report,
    Span,
    SummarySentence,
    TimeExpr,
)
from rashomon.schemas import load_schema, validate_comparison
from rashomon.serialize import comparison_to_dict

FIXTURE = Path(__file__).parent / "fixtures" / "comparison_small.json"


def load_fixture() -> dict[str, Any]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def spans(doc: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every span of the doc that carries its own text, with where it sits."""
    for entity in doc["entities"]:
        for mention in entity["mentions"]:
            yield f"entity {entity['id']}", mention
    for time in doc["times"]:
        yield "time", time
    for quote in doc["quotes"]:
        for occurrence in quote["occurrences"]:
            yield f"quote {quote['id']}", occurrence
    for claim in doc["claims"]:
        for statement in claim["statements"]:
            yield f"claim {claim['id']} statement", statement
        for conflict in claim["conflicts"]:
            for value in conflict["values"]:
                yield f"claim {claim['id']} {conflict['kind']} value", value


def check_offsets(doc: dict[str, Any]) -> list[str]:
    """What the schema cannot check: each span's text is its report's text at its offsets, and each summary
    citation points into a known report. Returns the problems found (empty when none)."""
    texts = {r["id"]: r["text"] for r in doc["reports"]}
    problems = []
    for where, span in spans(doc):
        text = texts.get(span["report"])
        if text is None:
            problems.append(f"{where}: unknown report {span['report']!r}")
        elif text[span["start"] : span["end"]] != span["text"]:
            got = text[span["start"] : span["end"]]
            problems.append(f"{where}: [{span['start']}:{span['end']}] is {got!r}, not {span['text']!r}")
    for sentence in doc["summary"]:
        for citation in sentence["citations"]:
            text = texts.get(citation["report"])
            if text is None or not 0 <= citation["start"] < citation["end"] <= len(text):
                problems.append(f"summary citation {citation} is outside its report")
    return problems


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_unknown_schema_name_is_an_error() -> None:
    with pytest.raises(ValueError, match="no schema"):
        load_schema("comparison-0")


def test_fixture_fits_the_schema() -> None:
    validate_comparison(load_fixture())


def test_fixture_spans_point_at_their_text() -> None:
    assert check_offsets(load_fixture()) == []


def test_check_offsets_catches_a_shifted_span() -> None:
    doc = load_fixture()
    doc["times"][0]["start"] += 1
    assert len(check_offsets(doc)) == 1


def test_serialized_comparison_fits_the_schema() -> None:
    text = "Officials said two people died on Friday. Mayor Ann Lee said: “We grieve.”"
    report = Report(id="a", text=text, title=None, source="A Wire", published="2024-03-02")
    lee = Mention("a", 48, 55, "Ann Lee", "PERSON", "Ann Lee", "ner")
    comparison = Comparison(
        reports=(report, Report(id="b", text="Three people died.")),
        entities=(Entity("E1", "Ann Lee", "PERSON", ("Mayor Ann Lee",), (lee,)),),
        times=(TimeExpr("a", 34, 40, "Friday", "weekday", None),),
        quotes=(QuoteGroup("Q1", "We grieve.", "E1", (QuoteOccurrence("a", 63, 73, "We grieve.", "E1"),)),),
        claims=(
            Claim(
                "C1",
                "conflicting",
                (Span("a", 0, 41, text[:41]), Span("b", 0, 18, "Three people died.")),
                (
                    Conflict(
                        "quantity",
                        (
                            ConflictValue("a", 15, 18, "two", "2 people", "Officials"),
                            ConflictValue("b", 0, 5, "Three", "3 people", None),
                        ),
                    ),
                ),
            ),
        ),
        summary=(SummarySentence("People died.", (Citation("a", 0, 41),)),),
        group="storm",
    )
    doc = comparison_to_dict(comparison)
    validate_comparison(doc)
    assert check_offsets(doc) == []


def test_unknown_keys_and_a_group_are_accepted() -> None:
    doc = load_fixture()
    doc["group"] = "ferry-fire"
    doc["generator"] = {"version": "0.1.0"}
    doc["reports"][0]["language"] = "en"
    doc["claims"][0]["score"] = 0.8
    validate_comparison(doc)


def test_unknown_values_may_be_null() -> None:
    doc = load_fixture()
    for key in ("path", "title", "source", "url", "published"):
        doc["reports"][0][key] = None
    doc["times"][0]["value"] = None
    doc["quotes"][0]["speaker"] = None
    doc["quotes"][0]["occurrences"][0]["speaker"] = None
    validate_comparison(doc)


def _drop(*path: str | int) -> Callable[[dict[str, Any]], None]:
    def edit(doc: dict[str, Any]) -> None:
        node: Any = doc
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]

    return edit


def _set(value: object, *path: str | int) -> Callable[[dict[str, Any]], None]:
    def edit(doc: dict[str, Any]) -> None:
        node: Any = doc
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return edit


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(_drop("summary"), id="no summary"),
        pytest.param(_drop("event"), id="no event"),
        pytest.param(_drop("reports", 1, "published"), id="report without published"),
        pytest.param(_drop("entities", 0, "aliases"), id="entity without aliases"),
        pytest.param(_drop("times", 0, "value"), id="time without value"),
        pytest.param(_drop("quotes", 0, "occurrences", 1, "speaker"), id="occurrence without speaker"),
        pytest.param(_drop("claims", 0, "conflicts", 0, "values", 1, "attribution"), id="value without attribution"),
        pytest.param(_drop("claims", 1, "statements", 0, "text"), id="statement without text"),
        pytest.param(_drop("summary", 0, "citations", 0, "end"), id="citation without end"),
    ],
)
def test_a_missing_required_key_is_rejected(edit: Callable[[dict[str, Any]], None]) -> None:
    doc = load_fixture()
    edit(doc)
    with pytest.raises(jsonschema.ValidationError):
        validate_comparison(doc)


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(_set("rashomon.comparison/2", "schema"), id="other schema version"),
        pytest.param(_set("disputed", "claims", 0, "status"), id="bad status"),
        pytest.param(_set("casualties", "claims", 0, "conflicts", 0, "kind"), id="bad conflict kind"),
        pytest.param(_set("person", "entities", 0, "type"), id="bad entity type"),
        pytest.param(_set(-1, "times", 0, "start"), id="negative offset"),
        pytest.param(_set(4.5, "entities", 0, "mentions", 0, "end"), id="fractional offset"),
        pytest.param(_set("7", "times", 0, "end"), id="offset as a string"),
        pytest.param(_set([], "summary", 0, "citations"), id="summary sentence without citation"),
        pytest.param(_set(None, "reports", 0, "text"), id="report without text"),
        pytest.param(_set([], "claims", 0, "conflicts"), id="conflicting claim without conflict"),
        pytest.param(_set("C1", "event"), id="event neither object nor null"),
    ],
)
def test_a_bad_value_is_rejected(edit: Callable[[dict[str, Any]], None]) -> None:
    doc = load_fixture()
    edit(doc)
    with pytest.raises(jsonschema.ValidationError):
        validate_comparison(doc)


def test_validation_does_not_change_the_document() -> None:
    doc = load_fixture()
    before = copy.deepcopy(doc)
    validate_comparison(doc)
    assert doc == before


def test_importing_the_schemas_does_not_import_jsonschema() -> None:
    code = "import sys, rashomon.schemas; print('jsonschema' in sys.modules)"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert result.stdout.strip() == "False"
