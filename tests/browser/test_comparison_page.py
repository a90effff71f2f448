"""What a person sees on the comparison page, in Debian's Chromium driven by Playwright: the running example
(rendered from ../shared/seeds at test time) and a synthetic comparison (always)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rashomon.render.html import render_html
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, SEEDS, requires_chromium

FIXTURE = Path(__file__).parents[1] / "fixtures" / "comparison_small.json"
LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}

pytestmark = requires_chromium()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def synthetic_doc() -> dict[str, Any]:
    """The small synthetic comparison with an event record whose place is disputed."""
    doc = json.loads(FIXTURE.read_text(encoding="utf-8"))
    doc["reports"][0]["url"] = "https://harbor.example/" + "a-very-long-path-segment-without-spaces" * 4
    doc["event"] = {
        "location": {
            "values": [
                {"report": "harbor-wire", "start": 20, "end": 34, "text": "off Port Alder"},
                {
                    "report": "coast-daily",
                    "start": 23,
                    "end": 38,
                    "text": "near Port Alder",
                    "attribution": "officials",
                },
            ],
            "resolved": {"name": "Port Alder", "precision": "city"},
            "policy": "the place every report's account can hold",
            "disputed": True,
            "note": "off Port Alder vs near Port Alder",
        },
        "sources": ["harbor-wire", "coast-daily"],
    }
    return doc


@pytest.fixture(scope="module")
def synthetic_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("page") / "synthetic.html"
    path.write_text(render_html(synthetic_doc()), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def seeds_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is absent (the running example lives in ../shared)")
    from click.testing import CliRunner

    from rashomon.cli import cli

    paths = sorted(str(p) for p in SEEDS.glob("*.txt"))
    result = CliRunner().invoke(cli, ["compare", *paths, "--format", "json", "--today", "2026-11-22"])
    assert result.exit_code == 0, result.stderr
    path = tmp_path_factory.mktemp("page") / "seeds.html"
    path.write_text(render_html(json.loads(result.stdout)), encoding="utf-8")
    return path


def expect(locator: Any) -> Any:
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def open_page(browser: Any, path: Path, viewport: dict[str, int] = LAPTOP) -> Any:
    page = browser.new_page(viewport=viewport)
    page.goto(path.as_uri())
    return page


def overflow(page: Any) -> int:
    """How many pixels the page is wider than the window (0 when it needs no horizontal scroll)."""
    return int(page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth"))


def test_reader_sees_the_section_headings_in_order(browser: Any, synthetic_page: Path) -> None:
    page = open_page(browser, synthetic_page)
    headings = [" ".join(h.split()) for h in page.locator("h1, main h2").all_inner_texts()]
    assert headings[0] == "2 reports compared"
    assert [h.split(" ")[0] for h in headings[1:]] == [
        "Reports",
        "Summary",
        "Event",
        "Disputed",
        "Figures,",
        "Side",
        "Unique",
        "Quotes",
        "Timeline",
        "Names",
        "Report",
    ]
    page.close()


def test_disputed_place_shows_both_values_and_the_status_in_words(browser: Any, synthetic_page: Path) -> None:
    page = open_page(browser, synthetic_page)
    location = page.locator("#event tr.disputed")
    text = location.inner_text()
    assert "off Port Alder" in text and "near Port Alder" in text and "disputed" in text
    assert location.locator(".badge").is_visible()
    page.close()


@pytest.mark.model
def test_running_example_shows_the_disputed_place_with_both_values(browser: Any, seeds_page: Path) -> None:
    page = open_page(browser, seeds_page)
    card = page.locator("#disputed article").filter(has_text="northwestern Syria")
    text = card.inner_text()
    assert "eastern Syria" in text and "northwestern Syria" in text
    assert "conflicting" in text and "A defence official" in text
    page.close()


@pytest.mark.model
def test_summary_sentence_cites_a_passage_that_opens_when_followed(browser: Any, seeds_page: Path) -> None:
    page = open_page(browser, seeds_page)
    sentence = page.locator("#summary ol.summary > li").first
    assert len(sentence.locator(".sentence").inner_text().split()) > 5
    cite = sentence.locator("a.cite").first
    assert cite.is_visible()
    target = cite.get_attribute("href")
    assert target and target.startswith("#r")
    cite.click()
    report = page.locator(f"#texts details:has({target})")  # the report text it points into opens
    expect(report).to_have_attribute("open", "")
    expect(report.locator(".text")).to_be_in_viewport()
    page.close()


def test_tab_reaches_a_citation_link_with_a_visible_focus_ring(browser: Any, synthetic_page: Path) -> None:
    page = open_page(browser, synthetic_page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Skip to content"
    assert page.evaluate("document.activeElement.getBoundingClientRect().top") >= 0  # shown when focused
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('#summary a.cite')"):
            break
    else:
        pytest.fail("Tab never reached a summary citation")
    ring = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
    )
    assert ring[0] != "none" and ring[1] >= 2
    page.close()


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["375px", "1280px"])
def test_page_needs_no_horizontal_scroll(browser: Any, synthetic_page: Path, viewport: dict[str, int]) -> None:
    page = open_page(browser, synthetic_page, viewport)
    assert overflow(page) <= 0
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert overflow(page) <= 0
    page.close()


@pytest.mark.model
def test_running_example_needs_no_horizontal_scroll_on_a_phone(browser: Any, seeds_page: Path) -> None:
    page = open_page(browser, seeds_page, PHONE)
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert overflow(page) <= 0
    page.close()


@pytest.mark.model
def test_alias_shows_on_hover_and_on_keyboard_focus(browser: Any, seeds_page: Path) -> None:
    page = open_page(browser, seeds_page)
    name = page.locator("#quotes .ent-ref").filter(has_text="Kurilla").first
    aka = name.locator(".aka")
    assert (aka.bounding_box() or {"width": 0})["width"] <= 1  # hidden until asked for
    name.hover()
    box = aka.bounding_box()
    assert box is not None and box["width"] > 50
    assert "General Michael Kurilla" in aka.inner_text()
    page.mouse.move(0, 0)
    name.focus()
    assert (aka.bounding_box() or {"width": 0})["width"] > 50
    page.close()


def test_alias_is_revealed_on_focus_in_the_synthetic_page(browser: Any, synthetic_page: Path) -> None:
    page = open_page(browser, synthetic_page)
    name = page.locator("#quotes .ent-ref").first
    name.focus()
    assert "Capt. Rosa Ibáñez" in name.locator(".aka").inner_text()
    assert (name.locator(".aka").bounding_box() or {"width": 0})["width"] > 50
    page.close()
