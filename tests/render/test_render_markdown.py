"""Markdown view of a comparison."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from rashomon.render.markdown import md_escape, render_markdown

FIXTURE = Path(__file__).parents[1] / "fixtures" / "comparison_small.json"
HOSTILE = '<script>alert(1)</script> [click](https://evil.example) **bold** | cell # `code` " onmouseover="x'


def load_fixture() -> dict[str, Any]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def hostile_doc() -> dict[str, Any]:
    """The fixture with hostile text in metadata, quotes, summary and in a report, where a claim shows it."""
    doc = load_fixture()
    report = doc["reports"][1]
    start = len(report["text"]) + 1
    report["text"] = report["text"] + " " + HOSTILE
    report["title"] = report["source"] = HOSTILE
    value = start + HOSTILE.index("cell")
    doc["claims"].append(
        {
            "id": "C9",
            "status": "unique",
            "kind": "thing",
            "statements": [{"report": "coast-daily", "start": value, "end": value + 4, "text": "cell"}],
            "contexts": [{"report": "coast-daily", "start": start, "end": start + len(HOSTILE), "text": HOSTILE}],
            "conflicts": [],
        }
    )
    doc["claims"][3]["statements"][0]["text"] = HOSTILE  # offsets no longer fit: the value is shown alone
    doc["summary"][0]["text"] = HOSTILE
    doc["quotes"][0]["text"] = HOSTILE
    doc["entities"][1]["name"] = HOSTILE
    return doc


def test_sections_come_in_reading_order() -> None:
    page = render_markdown(load_fixture())
    headings = [line for line in page.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Reports",
        "## Summary",
        "## Disputed",
        "## Corroborated",
        "## Unique to one report",
        "## Quotes",
        "## Entities",
        "## Times",
    ]
    assert page.startswith("# rashomon: 2 reports compared\n")


def test_summary_cites_reports_with_links_to_them() -> None:
    page = render_markdown(load_fixture())
    summary = page.split("## Summary")[1].split("## ")[0]
    assert "[\\[harbor-wire\\]](#report-harbor-wire)" in summary
    assert '<a id="report-harbor-wire"></a>' in page


def test_disputed_values_show_report_attribution_and_context() -> None:
    page = render_markdown(load_fixture())
    disputed = page.split("## Disputed")[1].split("## Corroborated")[0]
    assert "### quantity (C1)" in disputed
    rows = [line for line in disputed.splitlines() if "**4 people**" in line or "**6 people**" in line]
    assert rows == [
        "- **4 people** — [\\[harbor-wire\\]](#report-harbor-wire): “**Four** people were hurt.”",
        "- **6 people** — [\\[coast-daily\\]](#report-coast-daily), according to officials: "
        "“The blaze on the ferry near Port Alder injured **six** people, officials said.”",
    ]


def test_disputed_conflict_is_explained() -> None:
    disputed = render_markdown(load_fixture()).split("## Disputed")[1].split("## Corroborated")[0]
    assert "_'Four' allows 4, 'six' allows 6 (people)_" in disputed


def test_corroborated_claim_is_its_value_in_bold_in_context_citing_each_report() -> None:
    corroborated = render_markdown(load_fixture()).split("## Corroborated")[1].split("## Unique")[0]
    lines = corroborated.strip().splitlines()
    assert lines[0] == (
        "- A ferry caught fire off **Port Alder** on Friday, the coast guard said. "
        "[\\[harbor-wire\\]](#report-harbor-wire) [\\[coast-daily\\]](#report-coast-daily)"
    )
    assert lines[1].startswith("- A **ferry** caught fire")  # a thing ranks after a place


def test_corroborated_list_is_trimmed_with_a_count_of_the_rest() -> None:
    corroborated = render_markdown(load_fixture(), max_corroborated=1).split("## Corroborated")[1].split("## Unique")[0]
    assert "**ferry**" not in corroborated
    assert corroborated.strip().endswith("- _… and 1 more_")


def test_other_wording_of_a_value_is_a_sub_item() -> None:
    doc = load_fixture()
    doc["claims"][1]["statements"][1]["text"] = "Port Aldr"
    corroborated = render_markdown(doc).split("## Corroborated")[1].split("## Unique")[0]
    assert "  - also “Port Aldr” [\\[coast-daily\\]](#report-coast-daily)" in corroborated


def test_unique_claims_are_grouped_by_report_and_trimmed() -> None:
    unique = render_markdown(load_fixture()).split("## Unique to one report")[1].split("## Quotes")[0]
    assert "### [harbor-wire](#report-harbor-wire) — Harbor Wire" in unique
    items = [line for line in unique.splitlines() if line.startswith("- ")]
    assert items == [
        "- A ferry caught fire off Port Alder on **Friday**, the coast guard said.",  # a time before an event
        "- A ferry **caught fire** off Port Alder on Friday, the coast guard said.",
    ]
    unique = render_markdown(load_fixture(), max_unique=1).split("## Unique to one report")[1]
    assert "**caught fire**" not in unique.split("## Quotes")[0] and "- _… and 1 more_" in unique


def test_old_json_claims_are_their_sentences_unmarked() -> None:
    doc = load_fixture()
    for claim in doc["claims"]:
        claim["statements"] = claim.pop("contexts")
        del claim["kind"]
        for conflict in claim["conflicts"]:
            del conflict["explanation"]
    doc["claims"][1]["details"] = [{"report": "coast-daily", "start": 0, "end": 9, "text": "The blaze"}]
    page = render_markdown(doc)
    assert "- A ferry caught fire off Port Alder on Friday [\\[harbor-wire\\]]" in page
    assert "  - only in [\\[coast-daily\\]](#report-coast-daily): The blaze" in page
    assert "**6 people**" in page


def test_quote_names_its_speaker_and_match() -> None:
    page = render_markdown(load_fixture())
    quotes = page.split("## Quotes")[1].split("## Entities")[0]
    assert "**Rosa Ibanez**" in quotes
    assert quotes.rstrip().endswith("; verbatim")


def test_quote_worded_differently_is_near_verbatim_with_each_wording() -> None:
    doc = load_fixture()
    doc["quotes"][0]["occurrences"][1]["text"] = "Everyone is accounted for"
    quotes = render_markdown(doc).split("## Quotes")[1].split("## Entities")[0]
    assert "near-verbatim" in quotes
    assert "“Everyone is accounted for”" in quotes


def test_entities_and_times_are_tables() -> None:
    page = render_markdown(load_fixture())
    assert "| Rosa Ibanez | PERSON | Captain Rosa Ibanez; Capt. Rosa Ibáñez | 2 |" in page
    assert "| Friday | 2024-03-01 | [\\[harbor-wire\\]](#report-harbor-wire) |" in page


def test_unknown_metadata_is_a_dash() -> None:
    page = render_markdown(load_fixture())
    assert '| <a id="report-coast-daily"></a>coast-daily | — | — | — |' in page


def test_report_text_cannot_inject_html() -> None:
    page = render_markdown(hostile_doc())
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>" not in page  # the fixture's title holds <b>off</b>
    assert "&lt;b&gt;off&lt;/b&gt;" in page


def test_report_text_cannot_inject_markdown() -> None:
    page = render_markdown(hostile_doc())
    assert "[click](" not in page
    assert "**bold**" not in page
    assert "\\*\\*bold\\*\\*" in page
    assert "\\| cell \\# \\`code\\`" in page
    assert "\\*\\*bold\\*\\* \\| **cell** \\# \\`code\\`" in page  # a claim's context, its value marked


def test_only_the_renderer_writes_html_tags() -> None:
    page = render_markdown(hostile_doc())
    assert page.count("<") == 2 * page.count('<a id="report-')  # each anchor: <a ...> and </a>


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("plain words", "plain words"),
        ("*a* _b_ `c`", "\\*a\\* \\_b\\_ \\`c\\`"),
        ("[x](y)", "\\[x\\](y)"),
        ("![img](y)", "\\!\\[img\\](y)"),
        ("a | b", "a \\| b"),
        ("back\\slash", "back\\\\slash"),
        ("<i>&amp;</i>", "&lt;i&gt;&amp;amp;&lt;/i&gt;"),
        ("# heading", "\\# heading"),
        ("- item", "\\- item"),
        ("12. item", "12\\. item"),
        ("line\nbreak  and   spaces", "line break and spaces"),
        ("~~gone~~", "\\~\\~gone\\~\\~"),
    ],
)
def test_md_escape_makes_text_inert(text: str, escaped: str) -> None:
    assert md_escape(text) == escaped


def test_report_ids_with_odd_characters_get_safe_distinct_anchors() -> None:
    doc = load_fixture()
    doc["reports"][0]["id"] = 'a"b c'
    doc["reports"][1]["id"] = "a-b c"
    for item in doc["claims"][0]["statements"] + doc["summary"][0]["citations"]:
        item["report"] = {"harbor-wire": 'a"b c', "coast-daily": "a-b c"}[item["report"]]
    page = render_markdown(doc)
    assert '<a id="report-a-b-c"></a>' in page
    assert '<a id="report-a-b-c-2"></a>' in page
