"""Plain-text reports: header lines, the body the offsets point into, publication dates."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from rashomon.ingest import BadInput, ingest, normalise_published, parse_text_header, report_from_text
from rashomon.records import Rejected

BODY = "The ferry to Carrow Island was cancelled on Tuesday.\n\nThe operator blamed a broken ramp."


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8", newline="")
    return str(path)


def test_header_lines_fill_the_fields_and_the_body_follows_the_blank_line(tmp_path: Path) -> None:
    header = (
        "Title: Ferry cancelled\nSource: Carrow Courier\nURL: https://courier.example/ferry\nPublished: 2023-07-09\n\n"
    )
    path = write(tmp_path / "ferry.txt", header + BODY + "\n")

    result = ingest([path])

    assert result.rejected == ()
    (report,) = result.reports
    assert report.id == "ferry"
    assert report.path == path
    assert report.title == "Ferry cancelled"
    assert report.source == "Carrow Courier"
    assert report.url == "https://courier.example/ferry"
    assert report.published == "2023-07-09"
    assert report.text == BODY
    assert report.content_hash == hashlib.sha256(BODY.encode("utf-8")).hexdigest()


def test_header_keys_are_case_insensitive_in_any_order_and_any_subset() -> None:
    meta, body = parse_text_header("PUBLISHED: 9 July 2023\ntitle: Ferry cancelled\n\nBody text.")

    assert meta == {"published": "9 July 2023", "title": "Ferry cancelled"}
    assert body == "Body text."


def test_text_without_header_is_kept_whole() -> None:
    text = "Officials said: the ferry is cancelled.\n\nMore text."

    assert parse_text_header(text) == ({}, text)


def test_header_like_lines_without_a_blank_line_after_them_are_body_text() -> None:
    text = "Title: Ferry cancelled\nThe ferry did not sail."

    assert parse_text_header(text) == ({}, text)


def test_an_unknown_key_means_there_is_no_header() -> None:
    text = "Title: Ferry cancelled\nAuthor: Someone\n\nBody."

    assert parse_text_header(text) == ({}, text)


def test_windows_line_endings_become_newlines_and_trailing_whitespace_is_dropped(tmp_path: Path) -> None:
    path = write(tmp_path / "crlf.txt", "Title: Ferry\r\n\r\nFirst line.  \r\nSecond line.\r\n\r\n  \r\n")

    (report,) = ingest([path]).reports

    assert report.title == "Ferry"
    assert report.text == "First line.  \nSecond line."


def test_internal_text_is_kept_exactly_so_offsets_point_into_it() -> None:
    body = "  Indented start.\n\n\tTabbed   spacing  kept.\n"

    report = report_from_text("Title: X\n\n" + body, path=None, report_id="x")

    assert report.text == body.rstrip()
    assert report.text[report.text.index("Tabbed") :].startswith("Tabbed   spacing  kept.")


def test_file_with_only_header_lines_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path / "header-only.txt", "Title: Ferry\nSource: Courier\n\n\n")

    result = ingest([path])

    assert result.reports == ()
    assert result.rejected == (Rejected(path, "no text after the header lines"),)


def test_report_from_text_raises_bad_input_for_a_header_without_body() -> None:
    with pytest.raises(BadInput, match="no text after the header lines"):
        report_from_text("Title: Ferry\n", path=None, report_id="x")


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2023-07-09", "2023-07-09"),
        ("9 July 2023", "2023-07-09"),
        ("July 9, 2023", "2023-07-09"),
        ("Sun, 09 Jul 2023 14:05:00 +0000", "2023-07-09T14:05:00+00:00"),
        ("2023-07-09T14:05:00Z", "2023-07-09T14:05:00+00:00"),
        ("Sunday, 9 July 2023 14:05", "2023-07-09T14:05:00"),
    ],
)
def test_publication_dates_are_normalised_to_iso_8601(written: str, iso: str) -> None:
    assert normalise_published(written) == iso


@pytest.mark.parametrize("written", ["sometime soon", "July 2023", ""])
def test_unreadable_or_partial_publication_date_gives_none(written: str) -> None:
    assert normalise_published(written) is None


def test_unparseable_published_header_keeps_the_report(tmp_path: Path) -> None:
    path = write(tmp_path / "odd-date.txt", "Published: around teatime\n\nBody text.\n")

    result = ingest([path])

    assert result.rejected == ()
    (report,) = result.reports
    assert report.published is None
    assert report.text == "Body text."
