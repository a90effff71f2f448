"""Adding reports: the upload form (pasted text or a file) and ``POST /api/reports`` (JSON), one code path.

Submitted bytes are read by the ingest code (``service.parse_upload`` / ``parse_json_reports``), stored by the
writer thread (idempotent by content hash), and the worker then updates the events and compares the events the new
reports are in, in the background: the response does not wait for either.
"""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response

from rashomon.app.security import cross_site
from rashomon.app.service import (
    Added,
    InvalidInput,
    Parsed,
    add_reports,
    added_to_json,
    parse_json_reports,
    parse_upload,
)
from rashomon.app.views.common import error_response, json_response, page, parts, wants_json

JSON_TYPES = frozenset({"application/json"})
JSON_LINES_TYPES = frozenset({"application/x-ndjson", "application/jsonl", "application/x-jsonlines"})
FORM_TYPES = frozenset({"multipart/form-data", "application/x-www-form-urlencoded"})


def upload_form(request: Request) -> Response:
    """The form; its JSON twin says where and how to post reports instead."""
    max_upload = parts(request).max_upload
    if wants_json(request):
        return json_response(
            {
                "post": "/api/reports",
                "content_types": sorted(JSON_TYPES | JSON_LINES_TYPES),
                "body": "a report object or a list of them: {id, text, title?, source?, url?, published?, event?}",
                "max_upload": max_upload,
            }
        )
    return page(request, "upload.html", {"max_upload": max_upload})


async def upload(request: Request) -> Response:
    """``POST /upload``: the form's pasted text and file; ``?format=json`` answers as the API does."""
    if cross_site(request):
        return error_response(request, 403, "this form only accepts posts from this site's own pages")
    if _media_type(request) not in FORM_TYPES:
        return error_response(request, 415, "send the upload form (multipart/form-data)")
    p = parts(request)
    async with request.form(max_files=1, max_fields=8, max_part_size=p.max_upload) as form:
        pasted, file = form.get("text"), form.get("file")
        chunks: list[tuple[bytes, str | None]] = []
        if isinstance(pasted, str) and pasted.strip():
            chunks.append((pasted.encode("utf-8"), "pasted.txt"))
        if isinstance(file, UploadFile) and file.filename:
            chunks.append((await file.read(), file.filename))
    if not chunks:
        return error_response(request, 400, "paste a report's text or choose a file")
    parsed = await run_in_threadpool(_parse_all, chunks)
    return await _store(request, parsed, "upload form")


def _parse_all(chunks: list[tuple[bytes, str | None]]) -> Parsed:
    results = [parse_upload(data, name) for data, name in chunks]
    return Parsed(
        tuple(r for p in results for r in p.reports),
        tuple(r for p in results for r in p.rejected),
    )


async def api_add_reports(request: Request) -> Response:
    """``POST /api/reports``: one JSON report object or a list of them (or JSON Lines), as ``compare`` reads them."""
    media = _media_type(request)
    if media not in JSON_TYPES | JSON_LINES_TYPES:
        return error_response(request, 415, "send application/json (a report object or a list of them)")
    body = await request.body()
    try:
        parsed = await run_in_threadpool(parse_json_reports, body, lines=media in JSON_LINES_TYPES)
    except InvalidInput as error:
        return error_response(request, error.status, str(error))
    return await _store(request, parsed, "api")


async def _store(request: Request, parsed: Parsed, source: str) -> Response:
    p = parts(request)
    if not parsed.reports:
        rejected = [{"input": r.input, "reason": r.reason} for r in parsed.rejected]
        return error_response(request, 422, "no usable report in the request", {"rejected": rejected})
    result: Added = await p.writer.run(lambda store: add_reports(store, parsed, source))
    if result.added:
        p.worker.update_events([r.id for r in result.added])
    status = 201 if result.added else 200
    data: dict[str, Any] = added_to_json(result)
    if wants_json(request):
        return json_response(data, status)
    return page(request, "upload_result.html", {"result": result}, status)


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
