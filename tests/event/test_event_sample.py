"""An event larger than the bound is compared on a documented sample: its earliest and most echoed reports."""

from __future__ import annotations

import json
import random

import pytest
from tests.conftest import EXAMPLES

from rashomon.event.sample import POLICY, echo_scores, sample_reports
from rashomon.records import Report

WIRE = "the ferry capsized on the river near the town and rescuers searched for the missing passengers all night"


def _report(k: int, text: str, published: str | None = None) -> Report:
    return Report(id=f"r{k}", text=text, published=published)


def _event() -> list[Report]:
    reports = [
        _report(k, f"{WIRE} local detail number {k} about shop {k}", f"2024-03-{10 + k % 9:02d}") for k in range(8)
    ]
    reports += [
        _report(8 + k, f"an unrelated column {k} on gardening and weather {k} in spring", None) for k in range(4)
    ]
    return reports


def test_an_event_within_the_bound_is_compared_whole() -> None:
    reports = _event()
    sample = sample_reports(reports, len(reports))
    assert sample.kept == tuple(reports) and not sample.sampled
    assert sample_reports(reports, 0).kept == tuple(reports)  # 0: no bound


def test_a_larger_event_keeps_the_bound_with_the_earliest_reports_first() -> None:
    reports = _event()
    sample = sample_reports(reports, 4)
    assert len(sample.kept) == 4 and len(sample.left_out) == 8 and sample.total == 12
    earliest = sorted((r for r in reports if r.published), key=lambda r: r.published or "")[:2]
    assert all(r in sample.kept for r in earliest)
    assert {r.id for r in sample.kept}.isdisjoint(sample.left_out)
    assert sample.to_dict() == {"reports": 12, "compared": 4, "policy": POLICY, "left_out": list(sample.left_out)}


def test_the_rest_of_the_sample_is_the_reports_others_echo() -> None:
    reports = _event()
    scores = echo_scores(reports)
    assert min(scores[:8]) > max(scores[8:])  # the wire account is repeated; the columns are not
    sample = sample_reports(reports, 6)
    assert all(r.id in {f"r{k}" for k in range(8)} for r in sample.kept)


def test_a_text_is_not_taken_twice_while_others_are_left() -> None:
    copies = [_report(k, WIRE, "2024-03-10") for k in range(5)]
    other = [_report(5, f"{WIRE} and two more were found alive", "2024-03-11")]
    sample = sample_reports(copies + other, 2)
    assert [r.id for r in sample.kept] == ["r0", "r5"]


def test_the_sample_does_not_depend_on_input_order() -> None:
    reports = _event()
    shuffled = reports[:]
    random.Random(3).shuffle(shuffled)
    assert {r.id for r in sample_reports(reports, 5).kept} == {r.id for r in sample_reports(shuffled, 5).kept}


@pytest.mark.model
def test_compare_says_it_compared_a_sample_and_lists_the_rest() -> None:
    from click.testing import CliRunner

    from rashomon.cli import cli
    from rashomon.schemas import validate_comparison

    args = ["compare", str(EXAMPLES), "--format", "json", "--one-event", "--max-reports", "2", "--no-embeddings"]
    result = CliRunner().invoke(cli, [*args, "--today", "2026-11-22"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    validate_comparison(doc)
    assert len(doc["reports"]) == 2
    assert doc["sample"]["reports"] == 3 and doc["sample"]["compared"] == 2
    assert len(doc["sample"]["left_out"]) == 1 and doc["sample"]["left_out"][0] not in {r["id"] for r in doc["reports"]}
    assert "more than --max-reports" in result.stderr and "1 left out" in result.stderr


def test_every_view_says_the_event_was_sampled() -> None:
    from rashomon.render import render

    doc = json.loads((EXAMPLES.parents[1] / "tests" / "fixtures" / "comparison_small.json").read_text(encoding="utf-8"))
    doc["sample"] = {"reports": 1500, "compared": 1000, "policy": POLICY, "left_out": ["x"] * 500}
    for fmt in ("md", "html", "terminal"):
        assert "Compared a sample of 1000 of 1500 reports" in render(doc, fmt), fmt
