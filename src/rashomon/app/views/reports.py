"""The report page: a stored report's text and metadata, with its event; its JSON twin is /api/reports/{id}."""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response

from rashomon.app.service import ReportView, report_to_json, report_view
from rashomon.app.views.common import error_response, json_response, page, parts, wants_json
from rashomon.store.sqlite import connect

MAX_ID_CHARS = 100


def show_report(request: Request) -> Response:
    p = parts(request)
    report_id = request.path_params["report_id"]
    view = _read(p.db_path, report_id) if len(report_id) <= MAX_ID_CHARS else None
    if view is None:
        return error_response(request, 404, f"no report {report_id[:MAX_ID_CHARS]!r} in this store")
    if wants_json(request):
        data = report_to_json(view)
        return json_response({**data, "event_reports": [r.id for r in view.others]})
    paragraphs = [block.strip() for block in view.report.text.split("\n\n") if block.strip()]
    context = {"view": view, "paragraphs": paragraphs, "json_url": f"/reports/{view.report.id}?format=json"}
    return page(request, "report.html", context)


def _read(db_path: Path, report_id: str) -> ReportView | None:
    conn = connect(db_path, readonly=True)
    try:
        return report_view(conn, report_id)
    finally:
        conn.close()
