"""Terminal view of a comparison (rich)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from rashomon.render.terminal import render_terminal, shorten

FIXTURE = Path(__file__).parents[1] / "fixtures" / "comparison_small.json"
MARKUP = "[bold red]x[/] :smile:"


def load_fixture() -> dict[str, Any]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def markup_doc() -> dict[str, Any]:
    doc = load_fixture()
    doc["reports"][0]["title"] = MARKUP
    doc["reports"][1]["source"] = MARKUP
    doc["claims"][3]["statements"][0]["text"] = MARKUP  # offsets no longer fit: the value is shown alone
    doc["claims"][0]["conflicts"][0]["values"][1]["attribution"] = MARKUP
    doc["claims"][0]["conflicts"][0]["explanation"] = MARKUP
    doc["quotes"][0]["text"] = MARKUP
    doc["entities"][0]["name"] = MARKUP
    doc["times"][0]["value"] = MARKUP
    return doc


def test_fixture_shows_conflict_values_with_their_attribution() -> None:
    out = render_terminal(load_fixture(), width=100, color=False)
    assert "Disputed (1)" in out
    assert "quantity" in out
    four = next(line for line in out.splitlines() if "4 people" in line)
    six = next(line for line in out.splitlines() if "6 people" in line)
    assert "harbor-wire" in four and "according to" not in four
    assert "coast-daily — according to officials" in six


def test_disputed_value_is_followed_by_the_reports_words_around_it() -> None:
    lines = render_terminal(load_fixture(), width=100, color=False).splitlines()
    four = next(i for i, line in enumerate(lines) if "4 people" in line)
    six = next(i for i, line in enumerate(lines) if "6 people" in line)
    assert "*Four* people were hurt" in lines[four + 1]
    assert "The blaze on the ferry near Port Alder injured *six* people" in lines[six + 1]


def test_disputed_conflict_says_why_the_values_cannot_both_be_true() -> None:
    out = render_terminal(load_fixture(), width=100, color=False)
    heading = next(line for line in out.splitlines() if "quantity" in line)
    assert "quantity: 'Four' allows 4, 'six' allows 6 (people)" in heading and "C1" in heading


def test_claim_is_its_value_marked_in_the_first_reports_context() -> None:
    out = render_terminal(load_fixture(), width=100, color=False)
    row = next(line for line in out.splitlines() if "*Port Alder*" in line)
    assert "A ferry caught fire off *Port Alder* on Friday" in row
    assert "both reports" in row  # every report states it
    colored = render_terminal(load_fixture(), width=100, color=True)
    assert "\x1b[1;4mPort Alder" in colored and "*Port Alder*" not in colored


def test_claim_stated_by_some_reports_names_them() -> None:
    doc = load_fixture()
    doc["reports"].append({"id": "third", "text": "Nothing here."})
    row = next(line for line in render_terminal(doc, width=120, color=False).splitlines() if "*Port Alder*" in line)
    assert row.rstrip(" │").endswith("on Friday  harbor-wire, coast-daily")


def test_corroborated_list_shows_the_best_ranked_and_counts_the_rest() -> None:
    doc = load_fixture()
    out = render_terminal(doc, width=100, color=False, max_corroborated=1)
    corroborated = out.split("Corroborated (2)")[1].split("Unique")[0]
    assert "*Port Alder*" in corroborated  # a place ranks before a thing
    assert "*ferry*" not in corroborated
    assert "… and 1 more" in corroborated


def test_other_wording_of_a_value_is_listed_under_it() -> None:
    doc = load_fixture()
    statement = doc["claims"][1]["statements"][1]
    statement.update(start=statement["start"] + 5, end=statement["end"], text="Alder")
    lines = render_terminal(doc, width=100, color=False).splitlines()
    row = next(i for i, line in enumerate(lines) if "*Port Alder*" in line)
    assert "also “Alder”" not in lines[row + 1]  # contained in the first wording
    statement["text"] = "Port Aldr"
    lines = render_terminal(doc, width=100, color=False).splitlines()
    assert "also “Port Aldr” coast-daily" in lines[row + 1]


def test_plain_output_has_no_escape_codes_or_trailing_spaces() -> None:
    out = render_terminal(load_fixture(), width=100, color=False)
    assert "\x1b[" not in out
    assert all(line == line.rstrip() for line in out.splitlines())


def test_color_output_is_styled() -> None:
    out = render_terminal(load_fixture(), width=100, color=True)
    assert "\x1b[" in out
    assert "according to" in out


def test_header_lists_the_reports() -> None:
    out = render_terminal(load_fixture(), width=100, color=False)
    lines = out.splitlines()
    assert lines[0] == "rashomon · 2 reports compared"
    assert lines[1].startswith("harbor-wire") and "Harbor Wire · 2024-03-02" in lines[1]
    assert lines[2].startswith("coast-daily")


def test_report_markup_is_printed_literally() -> None:
    for color in (False, True):
        out = render_terminal(markup_doc(), width=160, color=color)
        assert out.count(MARKUP) >= 6, out
        assert "😄" not in out


def test_who_said_what_names_speaker_reports_and_match() -> None:
    out = render_terminal(load_fixture(), width=120, color=False)
    row = next(line for line in out.splitlines() if "Everyone is accounted for" in line)
    assert "Rosa Ibanez" in row and "harbor-wire, coast-daily" in row and "verbatim" in row


def test_long_quote_is_shortened() -> None:
    doc = load_fixture()
    doc["quotes"][0]["text"] = "word " * 60
    out = render_terminal(doc, width=400, color=False)
    row = next(line for line in out.splitlines() if "word word" in line)
    assert "…”" in row
    assert row.count("word") < 25


def test_unique_list_is_truncated_per_report() -> None:
    doc = load_fixture()
    statement = doc["claims"][3]["statements"][0]
    doc["claims"] += [
        {
            "id": f"U{i}",
            "status": "unique",
            "kind": "thing",
            "statements": [dict(statement, text=f"Detail number {i}.")],
            "contexts": [],
            "conflicts": [],
        }
        for i in range(7)
    ]
    out = render_terminal(doc, width=100, color=False, max_unique=5)
    assert "Unique (9)" in out
    assert "*Friday*" in out  # a time ranks before things and events
    assert "Detail number 3." in out and "Detail number 4." not in out
    assert "… and 4 more" in out


def test_entities_named_once_without_aliases_are_left_out() -> None:
    doc = load_fixture()
    doc["entities"].append(
        {
            "id": "E3",
            "name": "Zed Quill",
            "type": "PERSON",
            "aliases": [],
            "mentions": [{"report": "harbor-wire", "start": 0, "end": 1, "text": "A"}],
        }
    )
    out = render_terminal(doc, width=120, color=False)
    assert "Zed Quill" not in out
    assert "Capt. Rosa Ibáñez" in out


def test_times_show_text_and_value() -> None:
    out = render_terminal(load_fixture(), width=100, color=False)
    row = next(line for line in out.splitlines() if "Friday" in line and "2024-03-01" in line)
    assert row.index("Friday") < row.index("→") < row.index("2024-03-01")


def test_width_is_respected() -> None:
    out = render_terminal(load_fixture(), width=60, color=False)
    assert max(len(line) for line in out.splitlines()) <= 60


def test_importing_the_renderers_does_not_import_rich() -> None:
    code = "import sys, rashomon.render, rashomon.render.terminal; print('rich' in sys.modules)"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert result.stdout.strip() == "False"


def test_shorten_cuts_at_a_word_with_an_ellipsis() -> None:
    assert shorten("short text", 100) == "short text"
    assert shorten("one two three four five", 12) == "one two…"
    assert shorten("a\n  b", 10) == "a b"


def test_a_time_written_alike_in_two_reports_is_listed_once() -> None:
    doc = load_fixture()
    doc["times"].append({"report": "coast-daily", "start": 0, "end": 6, "text": "Friday", "value": "2024-03-01"})
    out = render_terminal(doc, width=120, color=False)
    rows = [line for line in out.splitlines() if "2024-03-01" in line]
    assert len(rows) == 1
    assert "harbor-wire, coast-daily" in rows[0]


def test_conflict_value_without_context_shows_the_reports_words_only_when_they_differ() -> None:
    doc = load_fixture()
    for report in doc["reports"]:
        report["text"] = ""
    doc["claims"][0]["contexts"] = []
    doc["claims"][0]["conflicts"][0]["values"][1]["value"] = "Six"
    out = render_terminal(doc, width=120, color=False)
    assert "“Four”" in out
    assert "“six”" not in out


def test_old_json_without_kinds_contexts_or_explanations_renders() -> None:
    doc = load_fixture()
    for claim in doc["claims"]:
        claim["statements"] = claim.pop("contexts")
        del claim["kind"]
        for conflict in claim["conflicts"]:
            del conflict["explanation"]
    doc["claims"][1]["details"] = [{"report": "coast-daily", "start": 0, "end": 9, "text": "The blaze"}]
    out = render_terminal(doc, width=120, color=False)
    assert "A ferry caught fire off Port Alder on Friday  both reports" in out
    assert "only in coast-daily: The blaze" in out
    assert "*" not in out.split("Corroborated")[1].split("Who said what")[0]  # nothing to mark in a sentence
