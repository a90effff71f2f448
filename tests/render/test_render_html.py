"""HTML view of a comparison: one self-contained page, report text always escaped."""

from __future__ import annotations

import html
import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from rashomon.render.html import Mark, highlight, render_html

FIXTURE = Path(__file__).parents[1] / "fixtures" / "comparison_small.json"
HOSTILE = '<script>alert(1)</script>" onmouseover="x'
HOSTILE_URL = 'https://evil.example/a?b=<c>&d="e"'
VOID = {"meta", "br", "hr", "img", "input", "link", "wbr", "col", "source"}


def load_fixture() -> dict[str, Any]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def hostile_doc() -> dict[str, Any]:
    doc = load_fixture()
    report = doc["reports"][1]
    report["text"] = report["text"] + " " + HOSTILE
    report["title"] = report["source"] = report["path"] = HOSTILE
    report["url"] = HOSTILE_URL
    report["published"] = HOSTILE
    start = len(report["text"]) - len(HOSTILE)
    value = start + HOSTILE.index("alert")
    doc["claims"].append(
        {
            "id": "C9",
            "status": "unique",
            "kind": "event",
            "statements": [{"report": "coast-daily", "start": value, "end": value + 5, "text": "alert"}],
            "contexts": [{"report": "coast-daily", "start": start, "end": start + len(HOSTILE), "text": HOSTILE}],
            "conflicts": [],
        }
    )
    doc["claims"][0]["statements"][1]["text"] = HOSTILE
    doc["claims"][0]["conflicts"][0]["values"][1]["attribution"] = HOSTILE
    doc["claims"][0]["conflicts"][0]["values"][1]["value"] = HOSTILE
    doc["claims"][0]["conflicts"][0]["explanation"] = HOSTILE
    doc["summary"][0]["text"] = HOSTILE
    doc["quotes"][0]["text"] = HOSTILE
    doc["entities"][0]["name"] = HOSTILE
    doc["entities"][0]["aliases"].append(HOSTILE)
    doc["times"][0]["value"] = HOSTILE
    return doc


class Structure(HTMLParser):
    """Collects what a page is made of: unbalanced tags, attributes, ids, script bodies."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.attributes: list[tuple[str, str, str | None]] = []
        self.ids: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            self.attributes.append((tag, name, value))
            if name == "id" and value is not None:
                self.ids.append(value)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]!r}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] == "script":
            self.scripts.append(data)


def parse(page: str) -> Structure:
    parser = Structure()
    parser.feed(page)
    parser.close()
    return parser


def test_page_is_one_balanced_html5_document() -> None:
    page = render_html(load_fixture())
    assert page.startswith("<!DOCTYPE html>")
    structure = parse(page)
    assert structure.errors == []
    assert structure.stack == []
    assert len(structure.ids) == len(set(structure.ids))


def test_sections_come_in_reading_order() -> None:
    page = render_html(load_fixture())
    order = [
        "reports",
        "summary",
        "disputed",
        "corroborated",
        "unique",
        "quotes",
        "entities",
        "times",
        "texts",
    ]
    positions = [page.index(f'<section id="{name}">') for name in order]
    assert positions == sorted(positions)


def test_page_loads_nothing_from_the_network() -> None:
    doc = load_fixture()
    doc["reports"][0]["url"] = "https://harbor.example/ferry?id=1&ref=<rss>"
    page = render_html(doc)
    assert html.escape(doc["reports"][0]["url"], quote=True) in page
    rest = page.replace(html.escape(doc["reports"][0]["url"], quote=True), "")
    assert "http://" not in rest and "https://" not in rest
    structure = parse(page)
    for tag, name, value in structure.attributes:
        assert name not in {"src", "srcset", "action", "formaction", "data"}, (tag, name)
        if name == "href":
            assert value is not None and value.startswith("#"), value
    assert "@import" not in page and "url(" not in page


def test_report_text_cannot_inject_html() -> None:
    page = render_html(hostile_doc())
    structure = parse(page)
    assert structure.errors == [] and structure.stack == []
    assert page.count("<script") == 1  # the page's own script
    assert "alert(1)" not in "".join(structure.scripts)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;x" in page
    assert '&lt;script&gt;<mark class="value">alert</mark>(1)&lt;/script&gt;&quot; onmouseover' in page
    assert '" onmouseover="' not in page
    assert not [a for a in structure.attributes if a[1].startswith("on")]


def test_report_url_is_shown_as_text_not_a_link() -> None:
    page = render_html(hostile_doc())
    assert html.escape(HOSTILE_URL, quote=True) in page
    assert 'href="https' not in page


def test_every_citation_lands_on_an_anchor() -> None:
    for doc in (load_fixture(), hostile_doc()):
        structure = parse(render_html(doc))
        targets = {value[1:] for _, name, value in structure.attributes if name == "href" and value}
        assert targets, "the page links to its spans"
        assert targets <= set(structure.ids)


def test_summary_citation_links_to_the_cited_span() -> None:
    page = render_html(load_fixture())
    summary = page.split('<section id="summary">')[1].split("</section>")[0]
    assert 'href="#r0-0-67"' in summary
    assert 'id="r0-0-67"' in page.split('<section id="texts">')[1]


def test_report_texts_highlight_mentions_quotes_and_values() -> None:
    page = render_html(load_fixture())
    texts = page.split('<section id="texts">')[1]
    assert '<mark class="ent" title="Rosa Ibanez · PERSON">Capt. Rosa Ibáñez</mark>' in texts
    assert '<mark class="quote" id="r0-69-95" title="quote Q1 — Rosa Ibanez">Everyone is accounted for,</mark>' in texts
    assert 'title="quantity: 6 people — according to officials">six</mark>' in texts
    assert texts.count("<details") == 2


def section(page: str, name: str) -> str:
    return page.split(f'<section id="{name}">')[1].split("</section>")[0]


def test_claims_carry_status_badges() -> None:
    page = render_html(load_fixture())
    assert '<span class="badge conflicting">conflicting</span>' in page
    assert "according to officials" in section(page, "disputed")
    assert '<article class="card unique">' in page


def test_disputed_card_explains_the_conflict_and_shows_each_value_in_context() -> None:
    disputed = section(render_html(load_fixture()), "disputed")
    assert '<p class="why">&#x27;Four&#x27; allows 4, &#x27;six&#x27; allows 6 (people)</p>' in disputed
    assert "<td><strong>6 people</strong></td>" in disputed
    assert 'injured <mark class="value">six</mark> people, officials said. <a class="chip" href="#r1-47-50"' in disputed


def test_claim_is_its_value_marked_in_context_with_a_link_per_report() -> None:
    corroborated = section(render_html(load_fixture()), "corroborated")
    first = corroborated.split('<li class="fact">')[1]
    assert first.startswith('A ferry caught fire off <mark class="value">Port Alder</mark> on Friday')
    assert first.count('class="chip"') >= 2
    assert 'href="#r0-24-34"' in first and 'href="#r1-28-38"' in first
    assert "<details><summary>In the other reports (1)</summary>" in first
    assert 'near <mark class="value">Port Alder</mark> injured six people' in first


def test_claims_beyond_the_first_ones_are_folded_not_dropped() -> None:
    page = render_html(load_fixture(), open_corroborated=1, open_unique=1)
    corroborated = section(page, "corroborated")
    assert '<details class="more"><summary>1 more corroborated claim</summary>' in corroborated
    assert (
        corroborated.index("Port Alder</mark>")
        < corroborated.index('class="more"')
        < corroborated.index('<mark class="value">ferry</mark>')
    )
    unique = section(page, "unique")
    assert "<summary>1 more from harbor-wire</summary>" in unique
    structure = parse(page)
    assert structure.errors == [] and structure.stack == []


def test_old_json_without_contexts_renders_its_sentences() -> None:
    doc = load_fixture()
    for claim in doc["claims"]:
        claim["statements"] = claim.pop("contexts")
        del claim["kind"]
        for conflict in claim["conflicts"]:
            del conflict["explanation"]
    page = render_html(doc)
    corroborated = section(page, "corroborated")
    assert "A ferry caught fire off Port Alder on Friday" in corroborated
    assert '<mark class="value">' not in corroborated and "In the other reports" not in corroborated
    assert parse(page).errors == []


def test_highlight_escapes_every_slice() -> None:
    text = 'a <b> & "c" d'
    out = highlight(text, [Mark(2, 5, "mark", "ent", 'x" onclick="y')])
    assert out == 'a <mark class="ent" title="x&quot; onclick=&quot;y">&lt;b&gt;</mark> &amp; &quot;c&quot; d'


def test_highlight_nests_contained_marks_and_skips_crossing_ones() -> None:
    text = "one two three four"
    marks = [
        Mark(0, 13, "span", "stmt"),  # "one two three"
        Mark(4, 7, "mark", "ent"),  # "two": inside, kept
        Mark(8, 18, "mark", "quote"),  # "three four": crosses the statement, skipped
        Mark(14, 18, "mark", "time"),  # "four": after it, kept
    ]
    assert highlight(text, marks) == (
        '<span class="stmt">one <mark class="ent">two</mark> three</span> <mark class="time">four</mark>'
    )


def test_highlight_clamps_out_of_range_offsets_and_drops_empty_ones() -> None:
    text = "short"
    marks = [Mark(3, 99, "mark", "ent"), Mark(-5, 2, "mark", "time"), Mark(4, 4, "mark", "quote")]
    assert highlight(text, marks) == '<mark class="time">sh</mark>o<mark class="ent">rt</mark>'


def test_anchor_of_a_span_that_cannot_be_drawn_still_exists() -> None:
    text = "one two three"
    marks = [Mark(0, 7, "span", "stmt"), Mark(4, 13, "span", "stmt")]
    out = highlight(text, marks, {(0, 7): "first", (4, 13): "second", (40, 50): "outside"})
    assert '<span class="stmt" id="first">one <a class="anchor" id="second"></a>two</span>' in out
    assert out.endswith('three<a class="anchor" id="outside"></a>')


def test_empty_comparison_renders() -> None:
    doc: dict[str, Any] = {
        "schema": "rashomon.comparison/1",
        "reports": [],
        "entities": [],
        "times": [],
        "quotes": [],
        "claims": [],
        "event": None,
        "summary": [],
    }
    structure = parse(render_html(doc))
    assert structure.errors == [] and structure.stack == []
