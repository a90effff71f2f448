"""Web archives (WARC, ``.warc`` or ``.warc.gz``): each archived HTML page read as a web page report.

``rashomon.ingest`` does not read WARC yet; this module does, for ``rashomon ingest``, reusing that module's decoding
and HTML extraction (it belongs with the other sources in ``rashomon/ingest/`` once that becomes a package).
Archived HTML responses (and HTML resource records) are candidates: one that is not a success (HTTP 2xx) or that has
no article text is rejected as "path:N" (the Nth record of the file); requests, metadata, images, scripts are not
reports and are passed over.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rashomon.records import Rejected, Report

WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_warc(path: str) -> bool:
    return path.lower().endswith(WARC_SUFFIXES)


def warc_stem(path: str) -> str:
    name = Path(path).name
    for suffix in sorted(WARC_SUFFIXES, key=len, reverse=True):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)] or "warc"
    return Path(path).stem


def read_warc(path: str, *, max_record_bytes: int = 20_000_000) -> Iterator[Report | Rejected]:
    """The reports of one WARC file, and a ``Rejected`` for each HTML page that gives none, in record order.

    A file that cannot be read, stops being a WARC part-way, or holds no HTML page at all, ends with a ``Rejected``
    for the file; the records read before it are kept.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    stem = warc_stem(path)
    records = pages = 0
    try:
        with open(path, "rb") as stream:
            for records, record in enumerate(ArchiveIterator(stream), start=1):
                item = _from_record(
                    record,
                    path=path,
                    label=f"{path}:{records}",
                    report_id=f"{stem}-{records}",
                    max_bytes=max_record_bytes,
                )
                if item is not None:
                    pages += 1
                    yield item
    except OSError as error:
        yield Rejected(path, f"cannot read file: {error.strerror or error}")
        return
    except ArchiveLoadFailed as error:
        yield Rejected(path, f"not a readable WARC file ({str(error).strip() or type(error).__name__})")
        return
    if not records:
        yield Rejected(path, "not a WARC file (no records found)")
    elif not pages:
        yield Rejected(path, "no HTML pages in the archive")


def _from_record(record: Any, *, path: str, label: str, report_id: str, max_bytes: int) -> Report | Rejected | None:
    from rashomon.ingest import BadInput, decode_bytes, report_from_html

    if record.rec_type not in ("response", "resource"):
        return None
    if record.rec_type == "response":
        if record.http_headers is None:
            return None
        content_type = record.http_headers.get_header("Content-Type") or ""
        status = record.http_headers.get_statuscode() or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
        status = "200"
    if content_type.split(";")[0].strip().lower() not in HTML_TYPES:
        return None
    if not status.startswith("2"):
        return Rejected(label, f"HTTP status {status or 'missing'}, not a page")
    data = record.content_stream().read(max_bytes + 1)
    if len(data) > max_bytes:
        return Rejected(label, f"record too large (more than the limit of {max_bytes} bytes)")
    url = record.rec_headers.get_header("WARC-Target-URI")
    try:
        report = report_from_html(decode_bytes(data), path=path, report_id=report_id)
    except BadInput as bad:
        return Rejected(label, bad.reason)
    return report if report.url or not url else dataclasses.replace(report, url=url)
