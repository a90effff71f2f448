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
    doc = load_fixture()
    report = doc["reports"][1]
    report["text"] = report["text"] + " " + HOSTILE
    report["title"] = report["source"] = HOSTILE
    doc["claims"][1]["statements"][0]["text"] = HOSTILE
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


def test_disputed_values_show_report_and_attribution() -> None:
    page = render_markdown(load_fixture())
    disputed = page.split("## Disputed")[1].split("## Corroborated")[0]
    assert "quantity" in disputed
    rows = [line for line in disputed.splitlines() if "**4 people**" in line or "**6 people**" in line]
    assert len(rows) == 2
    assert "harbor-wire" in rows[0] and "“Four”" in rows[0]
    assert "coast-daily" in rows[1] and rows[1].rstrip(" |").endswith("officials")


def test_unique_claims_are_grouped_by_report() -> None:
    page = render_markdown(load_fixture())
    unique = page.split("## Unique to one report")[1].split("## Quotes")[0]
    assert "### [harbor-wire](#report-harbor-wire) — Harbor Wire" in unique
    assert "- A ferry caught fire off Port Alder on Friday, the coast guard said." in unique


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
