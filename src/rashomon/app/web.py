"""The web app over a store: ``create_app(db_path, token=None, ...)`` returns a Starlette application.

Pages (each with a JSON twin, ``?format=json``) and the JSON API:

| page | JSON |
|---|---|
| ``GET /`` events, with search and filters | ``GET /api/events`` (a list of events; paging in headers) |
| ``GET /events/{id}`` the comparison | ``GET /api/events/{id}`` (rashomon.comparison/1; 202 while pending) |
| ``GET /reports/{id}`` a report | ``GET /api/reports/{id}`` |
| ``GET /upload``, ``POST /upload`` | ``POST /api/reports`` (a report object or a list; JSON Lines too) |

Reads run in the thread pool on read-only connections; writes go through one writer thread; updating events and
comparing them run in one worker thread (see ``worker.py``). Comparisons are cached in the store.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import HTTPConnection, Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from rashomon.app.catalog import Catalog
from rashomon.app.limits import BodyLimit
from rashomon.app.pages import PageCache
from rashomon.app.security import HEADERS, SecurityHeaders, bearer_ok, cookie_ok, csp, script_hashes
from rashomon.app.service import compare_event, comparer_key
from rashomon.app.views.auth import login, logout
from rashomon.app.views.common import TEMPLATES, Parts, error_response, is_api, page, parts
from rashomon.app.views.events import list_events, show_event
from rashomon.app.views.reports import show_report
from rashomon.app.views.upload import api_add_reports, upload, upload_form
from rashomon.app.worker import Compare, Worker, WorkerConfig
from rashomon.app.writer import Writer
from rashomon.cluster import ClusterSettings
from rashomon.store.sqlite import SQLiteStore

if TYPE_CHECKING:
    from rashomon.pipeline import Settings

__all__ = ["DEFAULT_MAX_UPLOAD", "create_app"]

log = logging.getLogger("rashomon.app")

DEFAULT_MAX_UPLOAD = 20_000_000  # bytes in one request body; the CLI reads files up to 20 MB too
PUBLIC_PATHS = frozenset({"/login"})


def create_app(
    db_path: str | Path,
    token: str | None = None,
    *,
    max_upload: int = DEFAULT_MAX_UPLOAD,
    settings: Settings | None = None,
    compare: Compare | None = None,
    cluster: ClusterSettings | None = None,
) -> Starlette:
    """The app over the store at ``db_path`` (created and migrated now if needed).

    ``token``: required on every route but /login (Bearer on the API, the login cookie on pages). ``settings``:
    the compare pipeline's ``rashomon.pipeline.Settings``; ``compare``: ``(store, event id) -> document`` in its
    place (tests); ``cluster``: the events' clustering settings (default: those of ``rashomon events``).
    """
    if max_upload < 1:
        raise ValueError("max_upload must be a positive number of bytes")
    path = Path(db_path)
    SQLiteStore(path).close()  # create or migrate now: a store the app cannot open fails here, not per request
    if settings is None:
        from rashomon.pipeline import Settings

        settings = Settings()
    comparer = comparer_key(settings)
    run_compare = compare or (lambda store, event_id: compare_event(store, event_id, settings))
    env = _environment()
    the_parts = Parts(
        db_path=path,
        token=token or None,
        max_upload=max_upload,
        comparer=comparer,
        env=env,
        catalog=Catalog(path, comparer),
        worker=Worker(WorkerConfig(path, comparer, run_compare, cluster)),
        writer=Writer(path),
        pages=PageCache(),
    )

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        the_parts.worker.start()
        try:
            yield
        finally:
            the_parts.worker.stop()
            the_parts.writer.close()
            the_parts.catalog.close()

    app = Starlette(
        routes=_routes(),
        middleware=[
            Middleware(SecurityHeaders, content_security_policy=csp(script_hashes(env))),
            Middleware(TokenGate, token=the_parts.token),
            Middleware(BodyLimit, limit=max_upload, refuse=_too_large),
        ],
        exception_handlers={HTTPException: _http_error, Exception: _server_error},
        lifespan=lifespan,
    )
    app.state.parts = the_parts
    return app


def _routes() -> list[Route]:
    return [
        Route("/", list_events, methods=["GET"]),
        Route("/events", list_events, methods=["GET"]),
        Route("/events/{event_id}", show_event, methods=["GET"]),
        Route("/reports/{report_id}", show_report, methods=["GET"]),
        Route("/upload", upload_form, methods=["GET"]),
        Route("/upload", upload, methods=["POST"]),
        Route("/login", login, methods=["GET", "POST"]),
        Route("/logout", logout, methods=["POST"]),
        Route("/api/events", list_events, methods=["GET"]),
        Route("/api/events/{event_id}", show_event, methods=["GET"]),
        Route("/api/reports", api_add_reports, methods=["POST"]),
        Route("/api/reports/{report_id}", show_report, methods=["GET"]),
    ]


def _environment() -> Any:
    from rashomon.render.html import template_env

    return template_env(TEMPLATES)


class TokenGate:
    """With a token, every route but /login needs it: ``Authorization: Bearer`` on the API; the login cookie (or
    the Bearer header) on pages. Anything else is a 401: JSON on the API, the login page on pages."""

    def __init__(self, app: ASGIApp, token: str | None) -> None:
        self.app = app
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.token is None or scope["type"] != "http" or scope["path"] in PUBLIC_PATHS:
            await self.app(scope, receive, send)
            return
        conn = HTTPConnection(scope)
        if bearer_ok(conn, self.token) or (not is_api(conn) and cookie_ok(conn, self.token)):
            await self.app(scope, receive, send)
            return
        response = _unauthorized(Request(scope, receive))
        await response(scope, receive, send)


def _unauthorized(request: Request) -> Response:
    if is_api(request) or request.query_params.get("format") == "json":
        message = "this server needs its token: send Authorization: Bearer TOKEN"
        return error_response(request, 401, message, headers={"WWW-Authenticate": 'Bearer realm="rashomon"'})
    next_path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return page(request, "login.html", {"next_path": next_path, "failed": False}, 401)


def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = str(exc.detail)
    if exc.status_code == 413:
        return _too_large(request)
    if exc.status_code == 404 and message == "Not Found":
        message = f"nothing at {request.url.path[:200]}"
    elif exc.status_code == 405:
        message = f"{request.method} is not allowed on {request.url.path[:200]}"
    return error_response(request, exc.status_code, message, headers=exc.headers)


def _too_large(request: Request) -> Response:
    limit = parts(request).max_upload
    message = f"the request body is larger than this server's limit of {limit:,} bytes (--max-upload)"
    return error_response(request, 413, message, headers={"Connection": "close"})


def _server_error(request: Request, exc: Exception) -> Response:
    log.error("unhandled error on %s", request.url.path, exc_info=exc)
    response = error_response(request, 500, "the server met an error; it is logged")
    response.headers.update(HEADERS)  # sent outside the middleware that adds them to other responses
    return response
