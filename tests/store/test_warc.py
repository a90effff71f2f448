"""Web archives: each archived HTML page is a report; pages without an article, and failed fetches, are rejected."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest

from rashomon.records import Rejected, Report
from rashomon.store import SQLiteStore, ingest_paths
from rashomon.store.reads import iter_reports
from rashomon.store.warc import read_warc, warc_stem

ARTICLE = (
    "<!doctype html><html><head><title>Ferry capsizes</title></head><body><article><h1>Ferry capsizes</h1>"
    "<p>A ferry carrying more than 80 passengers capsized on the Meghna river on Wednesday evening, officials said."
    " Rescue teams pulled 41 people from the water and searched through the night for the missing.</p>"
    "<p>The district administrator said the vessel had been overloaded and that an inquiry would begin.</p>"
    "</article></body></html>"
)


def write_warc(path: Path, pages: list[tuple[str, str, str, str]], *, gzip: bool) -> Path:
    """A WARC of (url, status, content type, body) responses, each after its request record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        for url, status, content_type, body in pages:
            request = writer.create_warc_record(
                url,
                "request",
                payload=BytesIO(b""),
                http_headers=StatusAndHeaders("GET / HTTP/1.1", [], is_http_request=True),
            )
            writer.write_record(request)
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=BytesIO(body.encode("utf-8")), http_headers=headers
            )
            writer.write_record(record)
    return path


PAGES = [
    ("https://news.example/ferry", "200 OK", "text/html; charset=utf-8", ARTICLE),
    ("https://news.example/logo.png", "200 OK", "image/png", "not a page"),
    ("https://news.example/gone", "404 Not Found", "text/html", "<html><body>Not found</body></html>"),
    ("https://news.example/menu", "200 OK", "text/html", "<html><body><nav>Home</nav></body></html>"),
]


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_archived_pages_become_reports_and_the_rest_is_reported(tmp_path: Path, name: str) -> None:
    path = write_warc(tmp_path / name, PAGES, gzip=name.endswith(".gz"))
    items = list(read_warc(str(path)))
    reports = [i for i in items if isinstance(i, Report)]
    rejected = [i for i in items if isinstance(i, Rejected)]
    assert len(reports) == 1
    assert reports[0].url == "https://news.example/ferry" and "41 people" in reports[0].text
    assert reports[0].id == "crawl-2" and reports[0].path == str(path)
    assert [(r.input, r.reason) for r in rejected] == [
        (f"{path}:6", "HTTP status 404, not a page"),
        (f"{path}:8", "no article text found in HTML"),
    ]


def test_a_file_that_is_not_a_warc_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(b"this is not an archive at all")
    (rejected,) = read_warc(str(path))
    assert isinstance(rejected, Rejected) and rejected.input == str(path)


def test_an_archive_without_pages_is_rejected(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "images.warc.gz", PAGES[1:2], gzip=True)
    assert list(read_warc(str(path))) == [Rejected(str(path), "no HTML pages in the archive")]


def test_warc_files_are_ingested_from_folders(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    write_warc(tmp_path / "in" / "crawl.warc.gz", PAGES[:1], gzip=True)
    with SQLiteStore(tmp_path / "s.db") as store:
        result = ingest_paths([str(tmp_path / "in")], store)
        with store.reader() as conn:
            (report,) = iter_reports(conn)
    assert result.added == (report.id,) and report.url == "https://news.example/ferry"


def test_the_stem_drops_both_suffixes() -> None:
    assert warc_stem("/x/crawl-01.warc.gz") == "crawl-01"
    assert warc_stem("CRAWL.WARC") == "CRAWL"
