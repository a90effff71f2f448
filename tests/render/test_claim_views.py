"""Fact-level claims as a reader meets them: a value in its context, ranked, trimmed, conflicts per value."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from rashomon.render import (
    Snippet,
    claim_snippet,
    conflict_lines,
    is_minor,
    other_wordings,
    ranked_claims,
    report_texts,
    statement_snippet,
    unique_claims_by_report,
    value_in_context,
)

FIXTURE = Path(__file__).parents[1] / "fixtures" / "comparison_small.json"
TEXT = (
    "Fifteen dead after ferry sinks\n"
    "NARAYANGANJ: Fifteen people died after a passenger ferry sank in the Meghna river near Narayanganj late on "
    "Tuesday, officials said, as rescuers searched through the night for dozens still missing. "
    '"We are doing everything we can," said Islam.'
)


def load_fixture() -> dict[str, Any]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def span(text: str, words: str, report: str = "r1", nth: int = 0) -> dict[str, Any]:
    """The ``nth`` occurrence of ``words`` in ``text`` as a contract span."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return {"report": report, "start": start, "end": start + len(words), "text": words}


def claim(
    claim_id: str, kind: str | None, status: str, statements: list[dict[str, Any]], contexts: list[dict[str, Any]]
) -> dict[str, Any]:
    return {
        "id": claim_id,
        "status": status,
        "kind": kind,
        "statements": statements,
        "contexts": contexts,
        "conflicts": [],
    }


def doc_of(claims: list[dict[str, Any]], texts: dict[str, str] | None = None) -> dict[str, Any]:
    texts = texts or {"r1": TEXT, "r2": TEXT}
    return {
        "reports": [{"id": report, "text": text} for report, text in texts.items()],
        "quotes": [
            {"id": "Q1", "occurrences": [span(TEXT, "We are doing everything we can,", r) for r in texts]},
        ],
        "claims": claims,
    }


# --- a value in its context ---------------------------------------------------------------------------------


def test_value_is_marked_inside_its_context_clause() -> None:
    clause = span(TEXT, "after a passenger ferry sank in the Meghna river near Narayanganj late on Tuesday")
    snippet = value_in_context(TEXT, span(TEXT, "Tuesday"), clause)
    assert snippet == Snippet(
        "after a passenger ferry sank in the Meghna river near Narayanganj late on ", "Tuesday", ""
    )


def test_long_context_is_cut_at_words_around_the_value() -> None:
    sentence = span(TEXT, TEXT[TEXT.index("NARAYANGANJ:") : TEXT.index("missing.") + 8])
    snippet = value_in_context(TEXT, span(TEXT, "Narayanganj"), sentence, limit=60)
    assert snippet.value == "Narayanganj"
    assert snippet.before.startswith("…") and snippet.after.endswith("…")
    assert len(snippet.text) <= 60
    assert re.search(r"\s" + re.escape(snippet.before[1:] + "Narayanganj" + snippet.after[:-1]) + r"\W", TEXT)


def test_value_outside_its_context_is_shown_in_its_sentence() -> None:
    later_clause = span(TEXT, "Fifteen people died after a passenger ferry sank")
    snippet = value_in_context(TEXT, span(TEXT, "NARAYANGANJ"), later_clause)
    assert snippet.value == "NARAYANGANJ"
    assert snippet.before == "" and snippet.after.startswith(": Fifteen people died")


def test_context_that_is_only_the_value_widens_to_the_sentence() -> None:
    snippet = value_in_context(TEXT, span(TEXT, "sank"), span(TEXT, "sank"))
    assert "passenger ferry " in snippet.before and snippet.after.startswith(" in the Meghna river")


def test_short_clause_widens_to_its_sentence() -> None:
    snippet = value_in_context(TEXT, span(TEXT, "dozens"), span(TEXT, "for dozens still missing"))
    assert snippet.after == " still missing."
    assert "rescuers searched through the night for " in snippet.before


def test_offsets_that_miss_the_text_fall_back_to_the_context_words_then_to_the_value() -> None:
    moved = dict(span(TEXT, "Tuesday"), start=0, end=7)
    clause = span(TEXT, "late on Tuesday, officials said")
    assert value_in_context(TEXT, moved, clause) == Snippet("late on ", "Tuesday", ", officials said")
    assert value_in_context("", moved, None) == Snippet("", "Tuesday", "")


def test_value_and_context_are_one_line() -> None:
    snippet = value_in_context(TEXT, span(TEXT, "Fifteen", nth=1), span(TEXT, "sinks\nNARAYANGANJ: Fifteen people"))
    assert "\n" not in snippet.text


def test_claim_from_older_json_is_its_statement_unmarked() -> None:
    old = {"id": "C1", "status": "unique", "statements": [span(TEXT, "Fifteen dead after ferry sinks")]}
    assert claim_snippet(old, {"r1": TEXT}) == Snippet("Fifteen dead after ferry sinks", "", "")
    assert other_wordings(old) == []


def test_claim_is_shown_in_the_first_context_of_its_first_report_that_holds_the_value() -> None:
    statements = [span(TEXT, "NARAYANGANJ"), span(TEXT, "Narayanganj"), span(TEXT, "Narayanganj", "r2")]
    contexts = [span(TEXT, "Fifteen people died"), span(TEXT, "in the Meghna river near Narayanganj late on Tuesday")]
    contexts.append(dict(contexts[1], report="r2"))
    located = claim("C1", "place", "corroborated", statements, contexts)
    snippet = claim_snippet(located, report_texts(doc_of([])))
    assert snippet.value == "Narayanganj" and snippet.after.startswith(" late on Tuesday")
    assert statement_snippet(located, 2, report_texts(doc_of([]))).value == "Narayanganj"


def test_other_wordings_leave_out_case_only_and_contained_variants() -> None:
    statements = [
        {"report": "r1", "text": "Muhammad Rafiqul Islam"},
        {"report": "r2", "text": "MUHAMMAD RAFIQUL ISLAM"},
        {"report": "r2", "text": "Islam"},
        {"report": "r3", "text": "Mohammed Rafiqul Islam"},
        {"report": "r4", "text": "Mohammed  Rafiqul Islam"},
    ]
    named = {"statements": statements, "contexts": []}
    assert other_wordings(named) == [("Mohammed Rafiqul Islam", ["r3", "r4"])]


# --- order ---------------------------------------------------------------------------------------------------


def test_corroborated_claims_rank_by_reports_then_kind_then_reading_order() -> None:
    def fact(claim_id: str, kind: str | None, reports: int) -> dict[str, Any]:
        statements = [span(TEXT, "Tuesday", r) for r in ("r1", "r2", "r3")[:reports]]
        return claim(claim_id, kind, "corroborated", statements, [])

    claims = [
        fact("thing2", "thing", 2),
        fact("count2", "count", 2),
        fact("event3", "event", 3),
        fact("time2", "time", 2),
        fact("place2", "place", 2),
        fact("participant2", "participant", 2),
        fact("attribution2", None, 2),
        fact("count2b", "count", 2),
    ]
    order = [c["id"] for c in ranked_claims(doc_of(claims), "corroborated")]
    assert order == ["event3", "count2", "count2b", "time2", "place2", "participant2", "attribution2", "thing2"]


def test_event_with_a_light_verb_is_minor() -> None:
    statements = [span(TEXT, "died"), span(TEXT, "died", "r2")]
    assert not is_minor(claim("C1", "event", "corroborated", statements, []), {})
    for verb in ("said", "doing", "made", "according"):
        light = [{"report": "r1", "text": verb}, {"report": "r2", "text": verb.capitalize()}]
        assert is_minor(claim("C2", "event", "corroborated", light, []), {})
    assert not is_minor(claim("C3", "thing", "corroborated", [{"report": "r1", "text": "said"}], []), {})


def test_event_said_only_inside_quotations_is_minor() -> None:
    inside = [span(TEXT, "everything"), span(TEXT, "everything", "r2")]
    quoted = {"r1": [(0, len(TEXT))], "r2": [(0, len(TEXT))]}
    assert is_minor(claim("C1", "event", "corroborated", inside, []), quoted)
    assert not is_minor(claim("C1", "event", "corroborated", inside, []), {"r1": quoted["r1"]})
    phrase = [span(TEXT, "ferry sank"), span(TEXT, "ferry sank", "r2")]
    assert not is_minor(claim("C2", "event", "corroborated", phrase, []), quoted)


def test_minor_claims_come_after_all_others_whatever_their_reach() -> None:
    light = claim("light", "event", "corroborated", [span(TEXT, "said", r) for r in ("r1", "r2", "r3")], [])
    quoted = claim("quoted", "event", "corroborated", [span(TEXT, "doing", r) for r in ("r1", "r2", "r3")], [])
    quoted["statements"][0]["text"] = "are"  # a verb the list does not hold, inside the quotation
    weak = claim("thing", "thing", "corroborated", [span(TEXT, "ferry", r) for r in ("r1", "r2")], [])
    order = [c["id"] for c in ranked_claims(doc_of([light, quoted, weak]), "corroborated")]
    assert order == ["thing", "light", "quoted"]


def test_unique_claims_are_grouped_by_report_in_input_order_and_ranked() -> None:
    claims = [
        claim("U1", "thing", "unique", [span(TEXT, "rescuers", "r2")], []),
        claim("U2", "event", "unique", [span(TEXT, "searched", "r1")], []),
        claim("U3", "count", "unique", [span(TEXT, "dozens", "r1")], []),
    ]
    groups = unique_claims_by_report(doc_of(claims))
    assert {report: [c["id"] for c in group] for report, group in groups.items()} == {"r1": ["U3", "U2"], "r2": ["U1"]}
    assert list(groups) == ["r1", "r2"]


# --- conflicts -----------------------------------------------------------------------------------------------


def test_conflict_values_are_one_line_per_report_and_value_shown_where_a_context_holds_them() -> None:
    other = "DHAKA: The ferry capsized near Chandpur on Tuesday, police said."
    texts = {"r1": TEXT, "r2": other}
    statements = [span(TEXT, "NARAYANGANJ"), span(TEXT, "Narayanganj"), span(other, "Chandpur", "r2")]
    contexts = [
        span(TEXT, "Fifteen people died"),
        span(TEXT, "after a passenger ferry sank in the Meghna river near Narayanganj late on Tuesday"),
        span(other, "The ferry capsized near Chandpur on Tuesday", "r2"),
    ]
    said = ["officials", "officials", "police"]
    values = [dict(s, value=s["text"], attribution=a) for s, a in zip(statements, said, strict=True)]
    located = claim("C1", "place", "conflicting", statements, contexts)
    conflict = {"kind": "location", "explanation": "different places", "values": values}
    lines = conflict_lines(located, conflict, texts)
    assert [(line.value, line.report, line.attributions) for line in lines] == [
        ("Narayanganj", "r1", ("officials",)),
        ("Chandpur", "r2", ("police",)),
    ]
    assert lines[0].span["start"] == statements[1]["start"]
    assert lines[0].snippet.value == "Narayanganj" and lines[0].snippet.after == " late on Tuesday"
    assert lines[1].snippet.text == other  # a short clause is shown in its sentence


def test_an_attribution_contained_in_another_is_given_once() -> None:
    statements = [span(TEXT, "Tuesday"), span(TEXT, "Tuesday", nth=0)]
    values = [
        dict(statements[0], value="2024-03-12", attribution="US Central Command (CENTCOM)"),
        dict(statements[1], value="2024-03-12", attribution="CENTCOM"),
        dict(span(TEXT, "night"), value="night", attribution=None),
    ]
    lines = conflict_lines(claim("C1", "time", "conflicting", statements, []), {"values": values}, {"r1": TEXT})
    assert [line.attributions for line in lines] == [("US Central Command (CENTCOM)",), ()]


def test_the_main_events_slots_come_first_and_bare_words_after_the_statements() -> None:
    bare = claim("bare", "thing", "corroborated", [span(TEXT, "ferry", r) for r in ("r1", "r2", "r3")], [])
    toll = claim("toll", "count", "corroborated", [span(TEXT, "ferry", r) for r in ("r1", "r2")], [])
    toll |= {"slot": "the number of dead", "frame": "main"}
    past = claim("past", "count", "corroborated", [span(TEXT, "ferry", r) for r in ("r1", "r2", "r3")], [])
    past |= {"slot": "the number of dead (background)", "frame": "background"}
    order = [c["id"] for c in ranked_claims(doc_of([bare, past, toll]), "corroborated")]
    assert order == ["toll", "past", "bare"]
