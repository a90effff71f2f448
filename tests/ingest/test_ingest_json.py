"""JSON inputs: JSON Lines feeds, .json objects and lists; a bad record is rejected alone."""

from __future__ import annotations

import io
import json
from pathlib import Path

from rashomon.ingest import ingest, records_from_jsonl
from rashomon.records import Rejected


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_json_lines_fill_every_field(tmp_path: Path) -> None:
    line = {
        "id": "r1",
        "text": "The dam held overnight.",
        "title": "Dam holds",
        "source": "Valley Post",
        "url": "https://post.example/dam",
        "published": "July 9, 2023",
        "event": "dam-2023",
    }
    path = write(tmp_path / "feed.jsonl", json.dumps(line) + "\n")

    (report,) = ingest([path]).reports

    assert (report.id, report.text, report.path) == ("r1", line["text"], path)
    assert (report.title, report.source, report.url) == ("Dam holds", "Valley Post", line["url"])
    assert (report.published, report.event) == ("2023-07-09", "dam-2023")


def test_malformed_json_lines_are_rejected_and_the_good_lines_kept(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": "Good line one."}),
        "{not json",
        "",
        json.dumps(["a", "list"]),
        json.dumps({"id": "b"}),
        json.dumps({"id": "c", "text": "   "}),
        json.dumps({"id": "d", "text": 42}),
        json.dumps({"text": "Good line without id."}),
    ]
    path = write(tmp_path / "feed.ndjson", "\n".join(lines) + "\n")

    result = ingest([path])

    assert [(r.id, r.text) for r in result.reports] == [
        ("a", "Good line one."),
        ("feed-8", "Good line without id."),
    ]
    assert [r.input for r in result.rejected] == [f"{path}:{n}" for n in (2, 4, 5, 6, 7)]
    reasons = [r.reason for r in result.rejected]
    assert reasons[0].startswith("invalid JSON (")
    assert reasons[1:] == ["not a JSON object", 'missing "text"', '"text" is empty', '"text" is not a string']


def test_json_text_is_kept_exactly_as_given() -> None:
    text = "Line one.\r\nLine two.  "
    reports, rejected = records_from_jsonl(json.dumps({"text": text}), path=None, label="x", stem="x")

    assert rejected == []
    assert reports[0].text == text


def test_numeric_id_is_used_as_a_string(tmp_path: Path) -> None:
    path = write(tmp_path / "feed.jsonl", json.dumps({"id": 17, "text": "Numbered."}))

    (report,) = ingest([path]).reports

    assert report.id == "17"


def test_json_file_with_one_object_takes_the_file_name_as_id(tmp_path: Path) -> None:
    path = write(tmp_path / "single.json", json.dumps({"text": "One object.", "title": "Single"}, indent=2))

    (report,) = ingest([path]).reports

    assert (report.id, report.title, report.text) == ("single", "Single", "One object.")


def test_json_file_with_a_list_rejects_bad_items_by_number(tmp_path: Path) -> None:
    items = [{"id": "x", "text": "First."}, {"title": "no text"}, {"text": "Third."}]
    path = write(tmp_path / "list.json", json.dumps(items, indent=2))

    result = ingest([path])

    assert [r.id for r in result.reports] == ["x", "list-3"]
    assert result.rejected == (Rejected(f"{path}:2", 'missing "text"'),)


def test_json_file_that_is_really_json_lines_is_read_as_lines(tmp_path: Path) -> None:
    path = write(tmp_path / "feed.json", json.dumps({"text": "One."}) + "\n" + json.dumps({"text": "Two."}))

    result = ingest([path])

    assert [r.id for r in result.reports] == ["feed-1", "feed-2"]


def test_broken_json_file_is_rejected_once_with_the_parse_error(tmp_path: Path) -> None:
    path = write(tmp_path / "broken.json", '{\n  "text": "unterminated\n}\n')

    result = ingest([path])

    assert result.reports == ()
    (rejected,) = result.rejected
    assert rejected.input == path
    assert rejected.reason.startswith("invalid JSON (")


DEEP_LIST = "[" * 5000 + "]" * 5000
DEEP_OBJECT = '{"a":' * 5000 + "1" + "}" * 5000


def test_json_file_nested_too_deep_is_rejected_and_the_other_inputs_read(tmp_path: Path) -> None:
    deep = write(tmp_path / "deep.json", DEEP_LIST)
    pretty = write(tmp_path / "pretty.json", "[\n" * 5000 + "]\n" * 5000)
    good = write(tmp_path / "good.json", json.dumps({"text": "The bridge opened on Friday."}))

    result = ingest([deep, pretty, good])

    assert [r.id for r in result.reports] == ["good"]
    assert result.rejected == (Rejected(deep, "JSON nested too deep"), Rejected(pretty, "JSON nested too deep"))


def test_json_line_nested_too_deep_is_rejected_alone(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "a", "text": "First."}), DEEP_OBJECT, json.dumps({"id": "c", "text": "Third."})]
    feed = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    lines_in_json = write(tmp_path / "lines.json", "\n".join(lines[1:]) + "\n")  # deep first line, .json name

    result = ingest([feed, lines_in_json])

    assert [r.id for r in result.reports] == ["a", "c", "c-2"]
    assert result.rejected == (
        Rejected(f"{feed}:2", "JSON nested too deep"),
        Rejected(f"{lines_in_json}:1", "JSON nested too deep"),
    )


def test_deep_json_on_stdin_is_rejected_as_json() -> None:
    result = ingest(["-"], stdin=io.BytesIO(DEEP_OBJECT.encode()))

    assert result.reports == ()
    assert result.rejected == (Rejected("stdin", "JSON nested too deep"),)
