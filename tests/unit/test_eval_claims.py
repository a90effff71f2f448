"""Claim scores against a gold set: hand-built gold lines and comparison dicts (no model, no shared data)."""

from __future__ import annotations

import pytest

from rashomon.eval.claims import placement, score
from rashomon.eval.gold import GoldError, GoldEvent, GoldItem, GoldValue, parse_event, resolve_value

TEXTS = {
    "a": "Police said 13 people died in Chandpur on Tuesday.",
    "b": "Officials said 15 died in Narayanganj on Tuesday.",
}


def value(report: str, text: str) -> GoldValue:
    start = TEXTS[report].index(text)
    return GoldValue(report, start, start + len(text), text)


def span(report: str, text: str) -> dict[str, object]:
    start = TEXTS[report].index(text)
    return {"report": report, "start": start, "end": start + len(text), "text": text}


GOLD = GoldEvent(
    "test",
    "e",
    ("a", "b"),
    (
        GoldItem("conflict", "quantity", "toll", (value("a", "13"), value("b", "15"))),
        GoldItem("corroborated", None, "day", (value("a", "Tuesday"), value("b", "Tuesday"))),
        GoldItem("conflict", "location", "place", (value("a", "Chandpur"), value("b", "Narayanganj"))),
        GoldItem("unique", None, "who told", (value("a", "Police"),)),
    ),
)


def comparison(*claims: dict[str, object]) -> dict[str, object]:
    return {"reports": [{"id": r, "text": t} for r, t in TEXTS.items()], "claims": list(claims)}


def claim(cid: str, status: str, statements: list, conflicts: list | None = None) -> dict[str, object]:  # type: ignore[type-arg]
    return {"id": cid, "status": status, "statements": statements, "conflicts": conflicts or []}


def conflict(kind: str, *values: dict[str, object]) -> dict[str, object]:
    return {"kind": kind, "values": list(values)}


def test_a_flag_covering_two_values_of_a_gold_conflict_finds_it_and_counts_as_precise() -> None:
    toll = claim(
        "C1",
        "conflicting",
        [span("a", "13"), span("b", "15")],
        [conflict("quantity", span("a", "13"), span("b", "15"))],
    )
    day = claim("C2", "corroborated", [span("a", "Tuesday"), span("b", "Tuesday")])
    police = claim("C3", "unique", [span("a", "Police")])
    total, _ = score([GOLD], [comparison(toll, day, police)])
    s = total.scores()
    assert s["conflict_recall"] == 0.5  # the place dispute is missed
    assert s["conflict_precision"] == 1.0
    assert s["corroborated_recall"] == 1.0 and s["unique_recall"] == 1.0
    assert s["conflict_recall:quantity"] == 1.0 and s["conflict_recall:location"] == 0.0


def test_a_gold_dispute_shown_as_corroborated_is_counted_as_hidden() -> None:
    toll = claim("C1", "corroborated", [span("a", "13"), span("b", "15")])
    place = claim("C2", "unique", [span("a", "Chandpur")])
    s = score([GOLD], [comparison(toll, place)])[0].scores()
    assert s["hidden_conflicts"] == 0.5  # the tolls are told as agreeing; the places are only apart
    assert score([GOLD], [comparison(place)])[0].scores()["hidden_conflicts"] == 0.0


def test_a_flag_over_agreeing_values_is_a_false_conflict_and_imprecise() -> None:
    day = claim(
        "C1",
        "conflicting",
        [span("a", "Tuesday"), span("b", "Tuesday")],
        [conflict("time", span("a", "Tuesday"), span("b", "Tuesday"))],
    )
    total, _ = score([GOLD], [comparison(day)])
    s = total.scores()
    assert s["false_conflict_rate"] == 1.0 and s["corroborated_recall"] == 0.0
    assert s["conflict_precision"] == 0.0 and s["alignment_recall"] == pytest.approx(1 / 3, abs=1e-3)


def test_a_value_is_placed_in_the_claim_whose_statement_fits_it_best() -> None:
    sentence = claim("C1", "unique", [{"report": "a", "start": 0, "end": len(TEXTS["a"]), "text": TEXTS["a"]}])
    police = claim("C2", "unique", [span("a", "Police")])
    assert placement(comparison(sentence, police), value("a", "Police")) == 1
    assert placement(comparison(sentence, police), value("a", "Chandpur")) == 0
    assert placement(comparison(police), value("b", "15")) is None


def test_gold_values_are_found_by_text_and_context_and_ambiguity_is_refused() -> None:
    texts = {"a": "two boats and two men"}
    assert resolve_value({"report": "a", "text": "two", "context": "two men"}, texts).start == 14
    with pytest.raises(GoldError, match="occurs 2 times"):
        resolve_value({"report": "a", "text": "two"}, texts)
    with pytest.raises(GoldError, match="not found"):
        resolve_value({"report": "a", "text": "three"}, texts)


def test_a_gold_line_must_hold_together() -> None:
    line = {
        "corpus": "test",
        "event": "e",
        "reports": ["a"],
        "texts": {"a": "two boats"},
        "items": [{"kind": "corroborated", "type": None, "fact": "x", "values": [{"report": "a", "text": "two"}]}],
    }
    with pytest.raises(GoldError, match="two or more reports"):
        parse_event(line)
    line["items"][0]["kind"] = "conflict"  # type: ignore[index]
    with pytest.raises(GoldError, match="type"):
        parse_event(line)
