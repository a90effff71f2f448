"""HTML view of a comparison: one self-contained, accessible page from Jinja2 templates; report text always
escaped."""

from __future__ import annotations

import copy
import html
import itertools
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from rashomon.render import report_labels
from rashomon.render.html import Mark, comparison_context, highlight, render_html, template_env

FIXTURE = Path(__file__).parents[1] / "fixtures" / "comparison_small.json"
HOSTILE = '<script>alert(1)</script>" onmouseover="x'
HOSTILE_URL = 'https://evil.example/a?b=<c>&d="e"'
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&#34; onmouseover=&#34;x"
VOID = {"meta", "br", "hr", "img", "input", "link", "wbr", "col", "source"}


def load_fixture() -> dict[str, Any]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def source(report: str, start: int, end: int, text: str, value: str, attribution: str | None = None) -> dict[str, Any]:
    return {"report": report, "start": start, "end": end, "text": text, "value": value, "attribution": attribution}


def field(
    values: list[dict[str, Any]], resolved: Any, policy: str, disputed: bool = False, note: str | None = None
) -> dict[str, Any]:
    return {"values": values, "resolved": resolved, "policy": policy, "disputed": disputed, "note": note}


def event_record() -> dict[str, Any]:
    """A hand-made event record over the fixture's two reports (the shape of ``doc["event"]``)."""
    place = {"name": "Port Alder", "country": "Freedonia", "country_code": "FD", "region": None, "precision": "city"}
    conservative = "ACLED: the most conservative figure reported"
    return {
        "type": field(
            [source("harbor-wire", 9, 20, "caught fire", "fire")],
            {"taxonomy": "general", "category": "accident", "subtype": None, "label": "Accident: fire"},
            "the type most words point to",
        ),
        "date": field(
            [source("harbor-wire", 38, 44, "Friday", "2024-03-01")], "2024-03-01", "the day the reports give"
        ),
        "location": field(
            [
                source("harbor-wire", 20, 34, "off Port Alder", "off Port Alder", "the coast guard"),
                source("coast-daily", 23, 38, "near Port Alder", "near Port Alder", "officials"),
            ],
            place,
            "the place every report's account can hold",
            True,
            "off Port Alder (harbor-wire) vs near Port Alder (coast-daily)",
        ),
        "actors": [
            {"name": "Rosa Ibanez", "entity": "E1", "type": "PERSON", "role": "speaker", "reports": ["harbor-wire"]}
        ],
        "fatalities": {**field([], None, conservative), "ucdp": {"best": None, "low": None, "high": None}},
        "counts": [
            {
                **field(
                    [
                        source("coast-daily", 47, 50, "six", "6", "officials"),
                        source("harbor-wire", 123, 127, "Four", "4"),
                    ],
                    4,
                    conservative,
                    True,
                    "4 vs 6",
                ),
                "what": "injured",
            }
        ],
        "sources": ["harbor-wire", "coast-daily"],
    }


def with_event() -> dict[str, Any]:
    doc = load_fixture()
    doc["event"] = event_record()
    return doc


def hostile_doc() -> dict[str, Any]:
    doc = with_event()
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
    doc["group"] = HOSTILE
    event = doc["event"]
    event["location"]["values"][1].update(value=HOSTILE, attribution=HOSTILE, text=HOSTILE)
    event["location"]["resolved"]["name"] = HOSTILE
    event["location"].update(policy=HOSTILE, note=HOSTILE)
    event["type"]["resolved"]["label"] = HOSTILE
    event["actors"][0].update(name=HOSTILE, role=HOSTILE)
    event["counts"][0]["what"] = HOSTILE
    event["sources"].append(HOSTILE)
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


def tree(page: str) -> Any:
    return lxml.html.document_fromstring(page)


def section(page: str, name: str) -> Any:
    (found,) = tree(page).xpath(f'//section[@id="{name}"]')
    return found


def text_of(node: Any) -> str:
    return " ".join(node.text_content().split())


def has_class(name: str) -> str:
    return f'contains(concat(" ", normalize-space(@class), " "), " {name} ")'


# --- the page as a document ---------------------------------------------------------------------------------


@pytest.mark.parametrize("make", [load_fixture, with_event, hostile_doc])
def test_page_is_one_balanced_html5_document_with_unique_ids(make: Any) -> None:
    page = render_html(make())
    assert page.startswith("<!DOCTYPE html>")
    structure = parse(page)
    assert structure.errors == [] and structure.stack == []
    assert len(structure.ids) == len(set(structure.ids))
    assert tree(page).get("lang") == "en"


def test_sections_come_in_reading_order() -> None:
    page = render_html(with_event())
    order = [
        "reports",
        "summary",
        "event",
        "disputed",
        "figures",
        "claims",
        "unique",
        "quotes",
        "timeline",
        "entities",
        "texts",
    ]
    assert [s.get("id") for s in tree(page).xpath("//main//section")] == order


def test_headings_descend_one_level_at_a_time_under_one_h1() -> None:
    root = tree(render_html(with_event()))
    levels = [int(h.tag[1]) for h in root.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))


def test_page_has_landmarks_a_skip_link_and_labelled_navigation() -> None:
    root = tree(render_html(load_fixture()))
    first_link = root.xpath("//body//a")[0]
    assert first_link.get("href") == "#main" and "skip" in text_of(first_link).lower()
    assert root.xpath('//main[@id="main"]')
    assert root.xpath('//nav[@aria-label="On this page"]')
    for s in root.xpath("//main//section"):
        heading = root.xpath(f'//*[@id="{s.get("aria-labelledby")}"]')
        assert heading and heading[0].tag == "h2"


def test_page_loads_nothing_from_the_network() -> None:
    doc = load_fixture()
    doc["reports"][0]["url"] = "https://harbor.example/ferry?id=1&ref=<rss>"
    page = render_html(doc)
    assert html.escape(doc["reports"][0]["url"], quote=False) in page
    rest = page.replace(html.escape(doc["reports"][0]["url"], quote=False), "")
    assert "http://" not in rest and "https://" not in rest
    structure = parse(page)
    for tag, name, value in structure.attributes:
        assert name not in {"src", "srcset", "action", "formaction", "data"}, (tag, name)
        if name == "href":
            assert value is not None and value.startswith("#"), value
    assert "@import" not in page and "url(" not in page


# --- escaping -----------------------------------------------------------------------------------------------


def test_report_text_and_metadata_cannot_inject_html() -> None:
    page = render_html(hostile_doc())
    structure = parse(page)
    assert structure.errors == [] and structure.stack == []
    assert page.count("<script") == 1  # the page's own script
    assert "alert(1)" not in "".join(structure.scripts)
    assert '" onmouseover="' not in page
    assert not [a for a in structure.attributes if a[1].startswith("on")]
    assert '&lt;script&gt;<mark class="value">alert</mark>(1)&lt;/script&gt;' in page


@pytest.mark.parametrize("name", ["reports", "summary", "event", "disputed", "quotes", "timeline", "entities", "texts"])
def test_every_section_shows_hostile_values_as_text(name: str) -> None:
    node = section(render_html(hostile_doc()), name)
    assert "<script>alert(1)</script>" in node.text_content()
    assert not node.xpath(".//script")


def test_hostile_value_in_an_attribute_stays_one_attribute() -> None:
    root = tree(render_html(hostile_doc()))
    titles = [t for t in root.xpath("//@title") if "alert(1)" in t]
    assert titles, "hostile text reaches tooltips"
    assert not root.xpath("//@onmouseover")


def test_report_url_is_shown_as_text_not_a_link() -> None:
    page = render_html(hostile_doc())
    assert HOSTILE_URL in text_of(section(page, "reports"))
    assert 'href="https' not in page


# --- links to the report texts ------------------------------------------------------------------------------


@pytest.mark.parametrize("make", [load_fixture, with_event, hostile_doc])
def test_every_link_lands_on_an_anchor(make: Any) -> None:
    structure = parse(render_html(make()))
    targets = {value[1:] for _, name, value in structure.attributes if name == "href" and value}
    assert targets, "the page links to its spans"
    assert targets <= set(structure.ids)


def test_summary_citation_links_to_the_cited_span() -> None:
    page = render_html(load_fixture())
    links = section(page, "summary").xpath(f".//a[{has_class('cite')}]")
    assert "#r0-0-67" in [a.get("href") for a in links]
    (target,) = section(page, "texts").xpath('.//*[@id="r0-0-67"]')
    assert target.get("class") == "cited"  # the whole passage lights up when the link is followed
    assert text_of(target) == "A ferry caught fire off Port Alder on Friday, the coast guard said."
    first = links[0]
    assert "Harbor Wire" in first.get("title") and "harbor-wire" in first.get("title")
    assert text_of(first).endswith("1") and "Harbor Wire" in text_of(first)  # visible number, label for readers


def test_report_texts_highlight_mentions_quotes_and_values() -> None:
    texts = section(render_html(load_fixture()), "texts")
    (mention,) = texts.xpath('.//mark[@class="ent" and text()="Capt. Rosa Ibáñez"]')
    assert mention.get("title") == "Rosa Ibanez (PERSON); also written Captain Rosa Ibanez, Capt. Rosa Ibáñez"
    (quote,) = texts.xpath('.//mark[@id="r0-69-95"]')
    assert quote.get("class") == "quote" and quote.get("title") == "quote Q1: Rosa Ibanez"
    assert texts.xpath('.//mark[@title="disputed quantity: 6 people, according to officials" and text()="six"]')
    assert len(texts.xpath(".//details")) == 2


# --- what a reader is told ----------------------------------------------------------------------------------


def test_statuses_are_written_in_words_not_only_coloured() -> None:
    page = render_html(load_fixture())
    root = tree(page)
    badges = {text_of(b) for b in root.xpath(f"//*[{has_class('badge')}]")}
    assert {"≠1 conflicting", "✓2 corroborated", "12 unique to one report"} <= badges
    for badge in root.xpath(f"//*[{has_class('badge')}]"):
        (icon,) = badge.xpath(f".//*[{has_class('icon')}]")
        assert icon.get("aria-hidden") == "true"
        assert (badge.text_content().replace(icon.text_content(), "", 1)).strip(), "a word besides the icon"


def test_claim_grid_has_a_column_per_report_and_says_who_does_not_mention_a_claim() -> None:
    doc = load_fixture()
    doc["reports"].append({"id": "third", "text": "Unrelated words.", "source": None, "title": None})
    claims = section(render_html(doc), "claims")
    headers = [text_of(th) for th in claims.xpath(".//thead//th")]
    assert headers == ["Claim", "Harbor Wire", "coast-daily", "third"]
    rows = claims.xpath(".//tbody/tr")
    assert [r.get("class") for r in rows] == ["row conflicting", "row corroborated", "row corroborated"]
    cells = rows[0].xpath("./td")
    assert "conflicting" in text_of(cells[0])
    assert [text_of(c) for c in cells[1:]] == ["Four", "six", "not mentioned"]
    assert cells[1].xpath(".//a")[0].get("href") == "#r0-123-127"
    assert all(td.get("data-label") for td in cells)  # a phone's stacked rows keep the column names


def test_claim_is_its_value_marked_in_context_with_the_other_reports_folded() -> None:
    claims = section(render_html(load_fixture()), "claims")
    row = claims.xpath('.//tr[@class="row corroborated"]')[0]
    words = row.xpath(f".//p[{has_class('words')}]")[0]
    assert lxml.html.tostring(words, encoding="unicode").startswith(
        '<p class="words">A ferry caught fire off <mark class="value">Port Alder</mark> on Friday'
    )
    (details,) = row.xpath(".//details")
    assert text_of(details.xpath("./summary")[0]) == "In the other report (1)"
    assert "near Port Alder injured six people" in text_of(details)


def test_disputed_card_explains_the_conflict_and_shows_each_value_in_context() -> None:
    disputed = section(render_html(load_fixture()), "disputed")
    assert "conflicting" in text_of(disputed.xpath(".//h3")[0])
    assert text_of(disputed.xpath(f".//p[{has_class('why')}]")[0]) == "'Four' allows 4, 'six' allows 6 (people)"
    rows = disputed.xpath(".//tbody/tr")
    six = next(r for r in rows if text_of(r.xpath("./td")[0]) == "6 people")
    assert [text_of(td) for td in six.xpath("./td")[1:]] == [
        "coast-daily",
        "The blaze on the ferry near Port Alder injured six people, officials said.",
        "officials",
    ]
    assert six.xpath(".//a")[0].get("href") == "#r1-47-50"


def test_claims_beyond_the_first_ones_are_folded_not_dropped() -> None:
    page = render_html(load_fixture(), open_corroborated=1, open_unique=1)
    claims = section(page, "claims")
    (more,) = claims.xpath('./details[@class="more"]')
    assert text_of(more.xpath("./summary")[0]) == "2 more shared claims"
    assert len(claims.xpath("./table//tbody/tr")) == 1 and len(more.xpath(".//tbody/tr")) == 2
    unique = section(page, "unique")
    assert "1 more from Harbor Wire" in [text_of(s) for s in unique.xpath(".//summary")]
    assert parse(page).errors == []


def test_old_json_without_contexts_renders_its_sentences() -> None:
    doc = load_fixture()
    for claim in doc["claims"]:
        claim["statements"] = claim.pop("contexts")
        del claim["kind"]
        for conflict in claim["conflicts"]:
            del conflict["explanation"]
    page = render_html(doc)
    claims = section(page, "claims")
    assert "A ferry caught fire off Port Alder on Friday" in text_of(claims)
    assert not claims.xpath(".//mark") and not claims.xpath(".//details")
    assert parse(page).errors == []


def test_aliases_show_on_hover_and_are_read_by_screen_readers() -> None:
    quotes = section(render_html(load_fixture()), "quotes")
    (name,) = quotes.xpath(f".//*[{has_class('ent-ref')}]")
    assert name.get("tabindex") == "0"  # keyboard focus reveals it too
    (aka,) = name.xpath(f"./*[{has_class('aka')}]")
    assert text_of(name) == "Rosa Ibanez, also written Captain Rosa Ibanez; Capt. Rosa Ibáñez"
    assert aka.get("aria-hidden") is None
    entities = section(render_html(load_fixture()), "entities")
    row = entities.xpath(".//tbody/tr")[0]
    assert text_of(row.xpath('./td[@data-label="Also written"]')[0]) == "Captain Rosa Ibanez; Capt. Rosa Ibáñez"


def test_quotes_show_their_speaker_and_the_outlets_carrying_them() -> None:
    quotes = section(render_html(load_fixture()), "quotes")
    (figure,) = quotes.xpath(".//figure")
    assert text_of(figure.xpath(".//blockquote")[0]) == "“Everyone is accounted for,”"
    caption = figure.xpath(".//figcaption")[0]
    assert "Rosa Ibanez" in text_of(caption) and "word for word" in text_of(caption)
    assert [text_of(a) for a in caption.xpath(f".//a[{has_class('chip')}]")] == ["Harbor Wire", "coast-daily"]


def test_reports_are_labelled_by_outlet_then_title_then_id_and_keep_their_ids() -> None:
    doc = load_fixture()
    assert report_labels(doc) == {"harbor-wire": "Harbor Wire", "coast-daily": "coast-daily"}
    doc["reports"][1]["title"] = "Blaze near Port Alder"
    assert report_labels(doc)["coast-daily"] == "Blaze near Port Alder"
    doc["reports"][1]["source"] = "Harbor Wire"
    assert report_labels(doc) == {
        "harbor-wire": "Harbor Wire (harbor-wire)",
        "coast-daily": "Harbor Wire (coast-daily)",
    }
    cards = section(render_html(doc), "reports").xpath(".//h3/a")
    assert [(text_of(a), a.get("title")) for a in cards] == [
        ("Harbor Wire (harbor-wire)", "report harbor-wire"),
        ("Harbor Wire (coast-daily)", "report coast-daily"),
    ]


def test_timeline_lists_dated_facts_in_date_order_citing_their_reports() -> None:
    doc = load_fixture()
    text = doc["reports"][0]["text"]
    doc["times"] = [
        {"report": "harbor-wire", "start": 38, "end": 44, "text": "Friday", "value": "2024-03-01"},
        {"report": "coast-daily", "start": 0, "end": 9, "text": "The blaze", "value": "2024-02"},
        {"report": "harbor-wire", "start": 0, "end": 1, "text": "A", "value": "2024"},
        {"report": "harbor-wire", "start": 2, "end": 7, "text": "ferry", "value": "PT2H"},
        {"report": "harbor-wire", "start": 8, "end": 14, "text": "caught", "value": None},
    ]
    assert text[38:44] == "Friday"
    timeline = section(render_html(doc), "timeline")
    entries = timeline.xpath('.//ol[@class="timeline"]/li')
    assert [e.xpath(".//time")[0].get("datetime") for e in entries] == ["2024", "2024-02", "2024-03-01"]
    assert text_of(entries[2].xpath(".//h3")[0]) == "Friday 1 March 2024"
    assert entries[2].xpath(".//a")[0].get("href") == "#r0-38-44"
    assert '<mark class="value">Friday</mark>' in lxml.html.tostring(entries[2], encoding="unicode")
    others = [text_of(li) for li in timeline.xpath('.//ul[@class="other-times"]/li')]
    assert others == ["“ferry” PT2H Harbor Wire", "“caught” unresolved Harbor Wire"]


def test_event_record_shows_each_source_value_the_resolution_the_policy_and_the_dispute() -> None:
    event = section(render_html(with_event()), "event")
    rows = {text_of(r.xpath("./th")[0]): r for r in event.xpath(".//tbody/tr")}
    assert list(rows) == ["Type", "Date", "Location", "Fatalities", "Injured", "Actors", "Sources"]
    location = rows["Location"]
    assert location.get("class") == "disputed"
    resolved = location.xpath('./td[@data-label="Resolved"]')[0]
    assert text_of(resolved.xpath("./strong")[0]) == "Port Alder, Freedonia"
    assert text_of(resolved.xpath(f"./*[{has_class('detail')}]")[0]) == "precision: city"
    dispute = text_of(resolved.xpath(f"./*[{has_class('dispute')}]")[0])
    assert dispute == "≠disputed off Port Alder (harbor-wire) vs near Port Alder (coast-daily)"
    says = location.xpath('./td[@data-label="What each source says"]')[0]
    assert (
        text_of(says)
        == "off Port Alder Harbor Wire according to the coast guard near Port Alder coast-daily according to officials"
    )
    assert [a.get("href") for a in says.xpath(".//a")] == ["#r0-20-34", "#r1-23-38"]
    assert text_of(location.xpath('./td[@data-label="Policy"]')[0]) == "the place every report's account can hold"
    assert text_of(rows["Date"].xpath(".//time")[0]) == "Friday 1 March 2024"
    fatalities = text_of(rows["Fatalities"])
    assert "no count given" in fatalities and "UCDP: best unknown, low unknown, high unknown" in fatalities
    assert "no source gives it" in fatalities and "disputed" not in fatalities
    injured = text_of(rows["Injured"])
    assert "6 coast-daily written “six” according to officials" in injured and "disputed 4 vs 6" in injured
    assert "Rosa Ibanez" in text_of(rows["Actors"]) and "speaker" in text_of(rows["Actors"])
    assert [a.get("href") for a in rows["Sources"].xpath(".//a")] == ["#report-0", "#report-1"]


def test_no_event_record_is_said_in_one_line() -> None:
    event = section(render_html(load_fixture()), "event")
    assert text_of(event) == "Event record No event record for these reports."


@pytest.mark.parametrize(
    "event",
    [
        {},
        {"type": None, "date": {}, "location": {"resolved": "Somewhere"}, "actors": None, "counts": "x"},
        {
            "location": {"values": [{"report": "nowhere", "start": 0, "end": 3}, "junk"], "resolved": {}},
            "fatalities": {"resolved": 3, "ucdp": "n/a"},
            "actors": [{"entity": "E1"}, None],
            "sources": [None, "x"],
        },
    ],
)
def test_partial_or_odd_event_records_render(event: dict[str, Any]) -> None:
    doc = load_fixture()
    doc["event"] = event
    page = render_html(doc)
    structure = parse(page)
    assert structure.errors == [] and structure.stack == []
    assert "Event record" in text_of(section(page, "event"))


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
    page = render_html(doc)
    structure = parse(page)
    assert structure.errors == [] and structure.stack == []
    assert "0 reports compared" in page


def test_rendering_does_not_change_the_document() -> None:
    doc = with_event()
    before = copy.deepcopy(doc)
    render_html(doc)
    assert doc == before


def test_a_page_extending_the_comparison_fills_the_site_navigation(tmp_path: Path) -> None:
    (tmp_path / "event.html").write_text(
        '{% extends "comparison.html" %}{% block site_nav %}<nav aria-label="Site">{{ site }}</nav>{% endblock %}',
        encoding="utf-8",
    )
    context = comparison_context(load_fixture())
    page = template_env(tmp_path).get_template("event.html").render(**context, site="<b>rashomon</b>")
    root = tree(page)
    assert text_of(root.xpath('//nav[@aria-label="Site"]')[0]) == "<b>rashomon</b>"
    assert root.xpath('//section[@id="summary"]') and root.xpath("//h1")


def test_templates_autoescape() -> None:
    assert template_env().from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"


# --- highlighting report text -------------------------------------------------------------------------------


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


def test_no_report_text_reaches_the_page_unescaped() -> None:
    page = render_html(hostile_doc())
    assert not re.search(r"<script>alert", page)
    assert ESCAPED in page or "&lt;script&gt;alert(1)&lt;/script&gt;" in page
