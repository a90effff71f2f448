"""What every view shares: the app's parts, HTML or JSON for a request, and error responses."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.requests import HTTPConnection, Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from rashomon.app.security import cookie_ok

if TYPE_CHECKING:
    import jinja2

    from rashomon.app.catalog import Catalog
    from rashomon.app.pages import PageCache
    from rashomon.app.worker import Worker
    from rashomon.app.writer import Writer

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@dataclass(frozen=True, slots=True)
class Parts:
    """The app's parts, kept in ``app.state.parts``."""

    db_path: Path
    token: str | None
    max_upload: int
    comparer: str
    env: jinja2.Environment
    catalog: Catalog
    worker: Worker
    writer: Writer
    pages: PageCache


def parts(conn: HTTPConnection) -> Parts:
    found: Parts = conn.app.state.parts
    return found


def is_api(conn: HTTPConnection) -> bool:
    return conn.url.path.startswith("/api/") or conn.url.path == "/api"


def wants_json(conn: HTTPConnection) -> bool:
    """The JSON twin is asked for: an /api route, or ``?format=json`` on a page."""
    return is_api(conn) or conn.query_params.get("format") == "json"


def page(request: Request, template: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    """A page rendered from the app's templates (autoescaped)."""
    return HTMLResponse(render_html(request, template, context), status_code=status)


def render_html(request: Request, template: str, context: dict[str, Any]) -> str:
    """A template rendered with ``context`` and what every page's navigation needs."""
    p = parts(request)
    logged_in = p.token is not None and cookie_ok(request, p.token)
    return p.env.get_template(template).render(
        **context, auth_enabled=p.token is not None, logged_in=logged_in, path=request.url.path
    )


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(data, status_code=status, headers=headers)


def json_text(document: str, status: int = 200) -> Response:
    """A JSON document already serialised (a cached comparison), sent as it is."""
    return Response(document, status_code=status, media_type="application/json")


def error_response(
    conn: HTTPConnection,
    status: int,
    message: str,
    extra: dict[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """An error as JSON (``{"error", "status"}``) on the API and JSON twins, else as an HTML page."""
    if wants_json(conn):
        body = {"error": message, "status": status, **(extra or {})}
        return JSONResponse(body, status_code=status, headers=headers or None)
    p = parts(conn)
    template = p.env.get_template("error.html")
    html = template.render(
        status=status,
        message=message,
        extra=extra or {},
        auth_enabled=p.token is not None,
        logged_in=False,
        path=conn.url.path,
        next_path=conn.url.path,
    )
    return HTMLResponse(html, status_code=status, headers=headers or None)


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)
