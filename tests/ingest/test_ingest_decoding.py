"""Bytes to text: UTF-8 with or without BOM, legacy 8-bit encodings, and what is not text at all."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from rashomon.ingest import BadInput, decode_bytes, ingest
from rashomon.records import Rejected

FRENCH = "Le maire a déclaré que la crème de la région était à vendre, naïve idée."
GERMAN = "Die Behörden in Großstadt erklärten am Freitag, dass die Brücke gesperrt bleibe."
QUOTED = "The minister said the deal was \u201cdone\u201d \u2013 at a cost of \u20ac30 million."


def write_bytes(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


def test_latin1_text_is_decoded_not_rejected(tmp_path: Path) -> None:
    path = write_bytes(tmp_path / "maire.txt", ("Title: Le maire\n\n" + FRENCH).encode("latin-1"))

    result = ingest([path])

    assert result.rejected == ()
    (report,) = result.reports
    assert report.title == "Le maire"
    assert report.text == FRENCH


def test_latin1_german_text_is_decoded() -> None:
    assert decode_bytes(GERMAN.encode("latin-1")) == GERMAN


def test_cp1252_text_with_curly_quotes_and_euro_sign_is_decoded(tmp_path: Path) -> None:
    path = write_bytes(tmp_path / "deal.txt", QUOTED.encode("cp1252"))

    (report,) = ingest([path]).reports

    assert report.text == QUOTED


def test_utf8_with_byte_order_mark_loses_the_mark(tmp_path: Path) -> None:
    path = write_bytes(tmp_path / "bom.txt", codecs.BOM_UTF8 + "Title: Façade\n\nBody é.".encode())

    (report,) = ingest([path]).reports

    assert report.title == "Façade"
    assert report.text == "Body é."


def test_utf16_with_byte_order_mark_is_text_not_binary() -> None:
    assert decode_bytes("Body in UTF-16, wörds.".encode("utf-16")) == "Body in UTF-16, wörds."


def test_file_with_nul_bytes_is_rejected_as_binary(tmp_path: Path) -> None:
    path = write_bytes(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")

    result = ingest([path])

    assert result.reports == ()
    assert result.rejected == (Rejected(path, "binary file, not text"),)


def test_text_made_of_control_characters_is_rejected_as_binary() -> None:
    with pytest.raises(BadInput, match="binary file, not text"):
        decode_bytes(bytes(range(1, 32)) * 20)


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n  \n"])
def test_empty_or_whitespace_only_file_is_rejected(tmp_path: Path, content: bytes) -> None:
    path = write_bytes(tmp_path / "empty.txt", content)

    result = ingest([path])

    assert result.reports == ()
    assert result.rejected == (Rejected(path, "empty file"),)
