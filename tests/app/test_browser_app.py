"""The app in a real browser: uvicorn on a loopback port, Debian's chromium driven by Playwright. Open the events
list, filter by place, open the event, see its comparison (with no script blocked by the page's policy)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest

from tests.app.helpers import FIRE, FLOOD, WORDS_ONLY, FakeCompare
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, requires_chromium

pytestmark = requires_chromium()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import httpx
    import uvicorn

    from rashomon.app.web import create_app

    app = create_app(tmp_path_factory.mktemp("browser") / "store.db", compare=FakeCompare(), cluster=WORDS_ONLY)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    url = f"http://127.0.0.1:{port}"
    assert httpx.post(f"{url}/api/reports", json=[*FIRE, *FLOOD]).status_code == 201
    assert app.state.parts.worker.wait_idle(60)
    yield url
    server.should_exit = True
    thread.join(10)


def test_a_reader_filters_the_events_and_opens_one(base_url: str) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            problems: list[str] = []
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.goto(base_url + "/")
            assert page.locator("tr.event").count() == 2
            page.fill("input[name=place]", "Zagreb")
            page.click("button[type=submit]")
            page.wait_for_url("**/?*place=Zagreb*")
            rows = page.locator("tr.event")
            assert rows.count() == 1
            rows.locator("a").first.click()
            page.wait_for_url("**/events/ev-*")
            assert "comparison of news reports" in page.content()
            assert page.locator("h1").first.inner_text()
            assert page.locator("a[href^='/reports/']").count() >= 2
            page.locator("a[href^='/reports/']").first.click()
            page.wait_for_url("**/reports/*")
            assert "Zagreb" in page.locator("article").inner_text()
            assert problems == []  # nothing refused by the content security policy
        finally:
            browser.close()
