"""Files, folders, stdin: what a batch reads, in what order, under which ids; bad inputs never stop it."""

from __future__ import annotations

import io
import json
from pathlib import Path

from rashomon.ingest import ingest, make_ids_unique
from rashomon.records import Rejected, Report


def write(path: Path, text: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_folder_is_read_recursively_in_sorted_path_order_skipping_hidden(tmp_path: Path) -> None:
    feed = tmp_path / "feed"
    write(feed / "b.txt", "Report b.")
    write(feed / "a" / "z.txt", "Report a/z.")
    write(feed / "a" / "c.txt", "Report a/c.")
    write(feed / "c" / "d" / "e.txt", "Report c/d/e.")
    write(feed / ".hidden.txt", "Hidden file.")
    write(feed / ".git" / "x.txt", "Hidden folder.")

    result = ingest([str(feed)])

    assert result.rejected == ()
    assert [r.text for r in result.reports] == ["Report a/c.", "Report a/z.", "Report b.", "Report c/d/e."]
    assert [r.path for r in result.reports] == [
        str(feed / "a" / "c.txt"),
        str(feed / "a" / "z.txt"),
        str(feed / "b.txt"),
        str(feed / "c" / "d" / "e.txt"),
    ]


def test_missing_path_is_rejected_and_the_rest_of_the_batch_still_runs(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", "A usable report.")
    missing = str(tmp_path / "nowhere.txt")

    result = ingest([missing, good])

    assert [r.id for r in result.reports] == ["good"]
    assert result.rejected == (Rejected(missing, "no such file or directory"),)


def test_empty_folder_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()

    result = ingest([str(tmp_path / "empty")])

    assert result.rejected == (Rejected(str(tmp_path / "empty"), "folder has no files to read"),)


def test_shared_ids_get_suffixes_in_input_order(tmp_path: Path) -> None:
    first = write(tmp_path / "one" / "report.txt", "First.")
    second = write(tmp_path / "two" / "report.html.txt", "Second.")  # stem "report.html": distinct
    third = write(tmp_path / "three" / "report.txt", "Third.")
    fourth = write(tmp_path / "four" / "report.md", "Fourth.")

    result = ingest([first, second, third, fourth])

    assert [r.id for r in result.reports] == ["report", "report.html", "report-2", "report-3"]


def test_json_ids_and_file_names_are_made_unique_together(tmp_path: Path) -> None:
    text_file = write(tmp_path / "alpha.txt", "From a text file.")
    feed = write(tmp_path / "feed.jsonl", json.dumps({"id": "alpha", "text": "From a JSON line."}))

    result = ingest([text_file, feed])

    assert [(r.id, r.text) for r in result.reports] == [
        ("alpha", "From a text file."),
        ("alpha-2", "From a JSON line."),
    ]


def test_make_ids_unique_skips_a_suffix_that_is_already_taken() -> None:
    reports = [Report(id="a", text="1"), Report(id="a-2", text="2"), Report(id="a", text="3")]

    assert [r.id for r in make_ids_unique(reports)] == ["a", "a-2", "a-3"]


def test_stdin_text_is_read_with_id_stdin() -> None:
    stdin = io.BytesIO(b"Title: From a pipe\n\nPiped report body.\n")

    result = ingest(["-"], stdin=stdin)

    (report,) = result.reports
    assert (report.id, report.path) == ("stdin", "-")
    assert (report.title, report.text) == ("From a pipe", "Piped report body.")


def test_stdin_json_lines_are_sniffed_from_content() -> None:
    lines = [{"id": "r1", "text": "First piped line."}, {"text": "Second piped line."}, "not an object"]
    stdin = io.BytesIO("\n".join(json.dumps(line) for line in lines).encode())

    result = ingest(["-"], stdin=stdin)

    assert [r.id for r in result.reports] == ["r1", "stdin-2"]
    assert result.rejected == (Rejected("stdin:3", "not a JSON object"),)


def test_stdin_text_starting_with_a_bracket_stays_text() -> None:
    stdin = io.BytesIO(b"[Updated] The bridge reopened on Monday.")

    (report,) = ingest(["-"], stdin=stdin).reports

    assert report.text == "[Updated] The bridge reopened on Monday."


def test_file_over_max_bytes_is_rejected_with_its_size(tmp_path: Path) -> None:
    big = write(tmp_path / "big.txt", "x" * 5000)
    small = write(tmp_path / "small.txt", "Small report.")

    result = ingest([big, small], max_bytes=100)

    assert [r.id for r in result.reports] == ["small"]
    assert result.rejected == (Rejected(big, "file too large (5000 bytes > limit 100)"),)


def test_stdin_over_max_bytes_is_rejected() -> None:
    result = ingest(["-"], stdin=io.BytesIO(b"y" * 500), max_bytes=100)

    assert result.reports == ()
    assert result.rejected == (Rejected("stdin", "input too large (more than the limit of 100 bytes)"),)
