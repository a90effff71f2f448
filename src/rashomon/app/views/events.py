"""The events list (search and filters) and the event page (the comparison), each with its JSON twin."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from rashomon.app.service import (
    EventView,
    InvalidInput,
    event_view,
    filter_events,
    page_to_json,
    query_from_params,
)
from rashomon.app.views.common import (
    Parts,
    error_response,
    json_response,
    json_text,
    page,
    parts,
    render_html,
    wants_json,
)
from rashomon.store.reads import get_report
from rashomon.store.sqlite import connect

FILTER_PARAMS = ("q", "from", "to", "place", "actor", "conflicts", "limit")
RETRY_AFTER_S = 2
MAX_WAIT_S = 60.0
MAX_ID_CHARS = 100


def list_events(request: Request) -> Response:
    """``/`` and ``/api/events``: the events a query keeps, newest first (sync: runs in the thread pool)."""
    p = parts(request)
    try:
        query = query_from_params(request.query_params)
    except InvalidInput as error:
        return error_response(request, 400, str(error))
    result = filter_events(p.catalog.events(), query)
    if request.url.path.startswith("/api/"):
        return _api_list(request, page_to_json(result))
    if wants_json(request):
        return json_response(page_to_json(result))
    params = {k: request.query_params.get(k, "") for k in FILTER_PARAMS}
    shown = {k: v for k, v in params.items() if v}
    context = {
        "result": result,
        "params": params,
        "filtered": bool(shown.keys() - {"limit"}),
        "json_url": _url(request.url.path, {**shown, "format": "json"}),
        "prev_url": _page_url(request.url.path, shown, query.offset - query.limit) if query.offset > 0 else None,
        "next_url": (
            _page_url(request.url.path, shown, query.offset + query.limit)
            if query.offset + query.limit < result.total
            else None
        ),
        "worker_busy": p.worker.busy,
    }
    return page(request, "events.html", context)


def _api_list(request: Request, document: dict[str, Any]) -> Response:
    """``GET /api/events`` as the contract has it, a JSON list of events (each with its ``id``); the paging that the
    page's own twin (``/?format=json``) carries in its object travels in headers: ``X-Total-Count``, ``X-Offset``,
    ``X-Limit``, ``X-Pending-Not-Filtered``, and a ``Link`` to the next page."""
    headers = {
        "X-Total-Count": str(document["total"]),
        "X-Offset": str(document["offset"]),
        "X-Limit": str(document["limit"]),
        "X-Pending-Not-Filtered": str(document["pending_not_filtered"]),
    }
    following = int(document["offset"]) + int(document["limit"])
    if following < int(document["total"]):
        shown = {k: v for k, v in request.query_params.items() if k != "offset"}
        headers["Link"] = f'<{_page_url(request.url.path, shown, following)}>; rel="next"'
    return json_response(document["events"], headers=headers)


def _page_url(path: str, params: Mapping[str, str], offset: int) -> str:
    return _url(path, {**params, "offset": str(max(0, offset))})


def _url(path: str, params: Mapping[str, str]) -> str:
    return f"{path}?{urlencode(params)}" if params else path


async def show_event(request: Request) -> Response:
    """``/events/{id}`` and ``/api/events/{id}``: the comparison, or "pending" (202) while it is computed;
    ``?wait=S`` waits up to S seconds for it."""
    try:
        wait = min(float(request.query_params.get("wait") or 0), MAX_WAIT_S)
    except ValueError:
        return error_response(request, 400, "wait must be a number of seconds")
    deadline = time.monotonic() + max(0.0, wait)
    while True:
        response = await run_in_threadpool(_event_response, request)
        if response.status_code != 202 or time.monotonic() >= deadline:
            return response
        await asyncio.sleep(0.2)


def _event_response(request: Request) -> Response:
    p = parts(request)
    event_id = request.path_params["event_id"]
    view = _read_event(p, event_id) if len(event_id) <= MAX_ID_CHARS else None
    if view is None:
        return error_response(request, 404, f"no event {event_id[:MAX_ID_CHARS]!r} in this store")
    if view.document is None:
        return _pending(request, p, view)
    if wants_json(request):
        return json_text(view.document)
    html = p.pages.get(view.event.id, view.fingerprint)
    if html is None:
        html = _render_comparison(request, p, view)
        p.pages.put(view.event.id, view.fingerprint, html)
    return Response(html, media_type="text/html")


def _read_event(p: Parts, event_id: str) -> EventView | None:
    conn = connect(p.db_path, readonly=True)
    try:
        return event_view(conn, event_id, p.comparer)
    finally:
        conn.close()


def _pending(request: Request, p: Parts, view: EventView) -> Response:
    """The event is not compared yet: ask the worker (once), and say so."""
    state = p.worker.state(view.event.id)
    if state is None:
        p.worker.compare(view.event.id)
        state = p.worker.state(view.event.id) or "queued"
    if state.startswith("failed"):
        return error_response(request, 500, f"comparing event {view.event.id} {state}")
    data = {"id": view.event.id, "label": view.event.label, "status": "pending", "state": state}
    headers = {"Retry-After": str(RETRY_AFTER_S)}
    if wants_json(request):
        return json_response({**data, "reports": list(view.event.reports)}, 202, headers)
    context = {**data, "reports": _titles(p, view.event.reports), "refresh": RETRY_AFTER_S}
    response = page(request, "event_pending.html", context, 202)
    response.headers.update(headers)
    return response


def _titles(p: Parts, report_ids: tuple[str, ...]) -> list[dict[str, Any]]:
    conn = connect(p.db_path, readonly=True)
    try:
        reports = [get_report(conn, rid) for rid in report_ids]
    finally:
        conn.close()
    return [{"id": r.id, "title": r.title, "source": r.source} for r in reports if r is not None]


def _render_comparison(request: Request, p: Parts, view: EventView) -> str:
    from rashomon.render.html import comparison_context

    doc = json.loads(view.document or "{}")
    context = {
        **comparison_context(doc),
        "event": {"id": view.event.id, "label": view.event.label, "reports": list(view.event.reports)},
        "json_url": f"/events/{view.event.id}?format=json",
    }
    return render_html(request, "event.html", context)
