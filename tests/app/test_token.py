"""With a token, nothing is served without it: the API needs Authorization: Bearer, the pages the login cookie;
without a token the app refuses to bind beyond loopback unless told to."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from rashomon.app.security import COOKIE, bind_refusal, is_loopback, safe_next
from tests.app.helpers import FIRE, served, settle

TOKEN = "s3cret-team-token"
BEARER = {"authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with served(tmp_path_factory.mktemp("token") / "store.db", token=TOKEN) as c:
        assert c.post("/api/reports", json=FIRE, headers=BEARER).status_code == 201
        settle(c)
        yield c


@pytest.mark.parametrize("path", ["/api/events", "/api/events/ev-x", "/api/reports/abc"])
@pytest.mark.parametrize("auth", [None, "Bearer wrong", f"Basic {TOKEN}", f"Bearer {TOKEN}x", "Bearer"])
def test_the_api_needs_the_bearer_token(client: TestClient, path: str, auth: str | None) -> None:
    client.cookies.clear()
    headers = {} if auth is None else {"authorization": auth}
    response = client.get(path, headers=headers)
    assert response.status_code == 401
    assert response.json()["status"] == 401 and response.headers["www-authenticate"].startswith("Bearer")


def test_posting_reports_needs_the_token(client: TestClient) -> None:
    client.cookies.clear()
    assert client.post("/api/reports", json=FIRE[0]).status_code == 401
    assert client.post("/upload", files={"text": (None, "A report.")}).status_code == 401
    assert client.post("/api/reports", json=FIRE[0], headers=BEARER).status_code == 200  # already stored


def test_with_the_token_the_api_answers(client: TestClient) -> None:
    client.cookies.clear()
    events = client.get("/api/events", headers=BEARER).json()
    assert len(events) == 1
    assert client.get(f"/api/events/{events[0]['id']}", headers=BEARER).status_code == 200


@pytest.mark.parametrize("path", ["/", "/upload", "/events/ev-x", "/?format=json"])
def test_pages_without_the_cookie_ask_to_log_in(client: TestClient, path: str) -> None:
    client.cookies.clear()
    response = client.get(path)
    assert response.status_code == 401
    if "format=json" not in path:
        assert 'action="/login"' in response.text and TOKEN not in response.text


def test_logging_in_with_the_token_sets_a_cookie_that_opens_the_pages(client: TestClient) -> None:
    client.cookies.clear()
    response = client.get(f"/login?token={TOKEN}&next=/upload", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/upload"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and TOKEN not in cookie
    assert client.get("/").status_code == 200
    assert client.get("/?format=json").status_code == 200
    assert client.get("/api/events").status_code == 401  # the cookie is not an API credential


def test_the_login_form_takes_the_token_too(client: TestClient) -> None:
    client.cookies.clear()
    response = client.post("/login", data={"token": TOKEN, "next": "/"}, follow_redirects=False)
    assert response.status_code == 303 and COOKIE in response.headers["set-cookie"]


def test_a_wrong_token_does_not_log_in(client: TestClient) -> None:
    client.cookies.clear()
    response = client.get("/login?token=nope", follow_redirects=False)
    assert response.status_code == 401 and "set-cookie" not in response.headers
    assert client.get("/").status_code == 401
    client.cookies.set(COOKIE, TOKEN)  # the raw token is not the session value
    assert client.get("/").status_code == 401


def test_logging_out_clears_the_cookie(client: TestClient) -> None:
    client.cookies.clear()
    client.get(f"/login?token={TOKEN}")
    assert client.get("/").status_code == 200
    client.post("/logout")
    assert client.get("/").status_code == 401


@pytest.mark.parametrize(
    ("given", "kept"),
    [("/events/x", "/events/x"), ("//evil.example", "/"), ("https://evil.example", "/"), ("/\\evil", "/"), (None, "/")],
)
def test_login_only_sends_back_to_this_site(given: str | None, kept: str) -> None:
    assert safe_next(given) == kept


def test_without_a_token_every_page_is_open(tmp_path: Path) -> None:
    with served(tmp_path / "store.db") as client:
        assert client.get("/").status_code == 200 and client.get("/api/events").status_code == 200
        assert client.get("/login", follow_redirects=False).status_code == 303


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"])
def test_loopback_hosts_are_served_without_a_token(host: str) -> None:
    assert is_loopback(host) and bind_refusal(host, None, False) is None


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "::", "example.org"])
def test_other_hosts_need_a_token_or_insecure_public(host: str) -> None:
    refusal = bind_refusal(host, None, False)
    assert refusal is not None and "--token" in refusal and "--insecure-public" in refusal
    assert bind_refusal(host, "t", False) is None and bind_refusal(host, None, True) is None


def test_serve_refuses_a_public_host_without_a_token() -> None:
    from click.testing import CliRunner

    from rashomon.cli import cli

    result = CliRunner(env={"RASHOMON_TOKEN": None}).invoke(cli, ["serve", "--host", "0.0.0.0", "--db", "x.db"])
    assert result.exit_code != 0 and "refusing to serve on 0.0.0.0 without a token" in result.output
