"""The contract's exit-status rule: bad inputs named on stderr with a reason, the good ones still compared."""

from __future__ import annotations

import json

import pytest

from tests.conftest import EXAMPLES

pytestmark = pytest.mark.model

NO_ARTICLE = "<!doctype html><html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>"


@pytest.fixture()
def mixed_batch(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "image.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "good-1", "text": "The mayor of Lowmere opened the new bridge on Friday, officials said."})
        + "\n{not json\n"
        + json.dumps({"id": "good-2", "text": "Officials said the mayor of Lowmere opened a bridge on Friday."})
        + "\n",
        encoding="utf-8",
    )
    (tmp_path / "menu.html").write_text(NO_ARTICLE, encoding="utf-8")
    latin = "Le maire de Lowmère a inauguré le pont vendredi, a déclaré la préfecture."
    (tmp_path / "latin1.txt").write_bytes(latin.encode("latin-1"))
    (tmp_path / "deep.json").write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    paths = [tmp_path / n for n in ("empty.txt", "image.bin", "feed.jsonl", "menu.html", "latin1.txt", "deep.json")]
    return [str(p) for p in paths] + [str(tmp_path / "missing.txt")]


def test_bad_inputs_are_named_and_the_rest_is_compared(run_cli, mixed_batch) -> None:
    code, out, err = run_cli("compare", *mixed_batch, "--format", "json", "--no-embeddings")
    assert code == 2
    assert "Traceback" not in err
    lines = err.splitlines()
    for name, reason in [
        ("empty.txt", "empty"),
        ("image.bin", "binary"),
        ("feed.jsonl:2", "JSON"),
        ("menu.html", "no article"),
        ("deep.json", "nested too deep"),
        ("missing.txt", "no such file"),
    ]:
        assert any(name in line and reason.lower() in line.lower() for line in lines), (name, err)
    doc = json.loads(out)
    ids = [r["id"] for r in doc["reports"]]
    assert ids == ["good-1", "good-2", "latin1"]
    latin = next(r for r in doc["reports"] if r["id"] == "latin1")
    assert "Lowmère" in latin["text"] and "préfecture" in latin["text"]


def test_no_usable_report_prints_nothing_and_exits_2(run_cli, tmp_path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    code, out, err = run_cli("compare", str(empty), "--format", "json")
    assert code == 2 and out == ""
    assert "empty" in err


def test_stdin_is_read_as_a_report(run_cli) -> None:
    text = (EXAMPLES / "river-courier.txt").read_text(encoding="utf-8")
    code, out, err = run_cli("compare", "-", "--format", "json", "--no-embeddings", stdin=text)
    assert code == 0, err
    doc = json.loads(out)
    assert [r["id"] for r in doc["reports"]] == ["stdin"]
    assert all(c["status"] == "unique" for c in doc["claims"])


def test_report_text_is_escaped_in_html(run_cli, tmp_path) -> None:
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(
        'Title: <script>alert(1)</script>\n\nThe <b>council</b> said "<img src=x onerror=alert(1)>" '
        "was posted on its site on Monday.",
        encoding="utf-8",
    )
    code, out, err = run_cli("compare", str(hostile), "--format", "html", "--no-embeddings")
    assert code == 0, err
    assert "<script>alert(1)</script>" not in out
    assert "<img src=x" not in out and "&lt;img src=x" in out


def test_a_report_too_long_to_parse_is_rejected_and_the_rest_compared(run_cli, tmp_path, monkeypatch) -> None:
    import rashomon.cli

    monkeypatch.setattr(rashomon.cli, "MAX_REPORT_CHARS", 3000)
    long = tmp_path / "dump.txt"
    long.write_text("The council met on Monday. " * 200, encoding="utf-8")
    code, out, err = run_cli(
        "compare", str(long), str(EXAMPLES / "river-courier.txt"), "--format", "json", "--no-embeddings"
    )
    assert code == 2
    assert "dump.txt" in err and "too long" in err
    assert [r["id"] for r in json.loads(out)["reports"]] == ["river-courier"]
