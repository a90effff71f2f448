"""`rashomon names score`: the contract's line format, bad lines, and the quality floor on OFAC name variants."""

from __future__ import annotations

import pytest

from tests.conftest import SHARED

OFAC_DEV = SHARED / "data" / "names" / "ofac" / "name_pairs_dev.tsv"
# Pinned floors (the learned matcher on the pairs it was fitted on: 0.962 and 0.842, 2026-11-25; the cross-validated
# floors are in test_eval_names_floor.py); CI fails below them.
FLOOR_AVERAGE_PRECISION = 0.955
FLOOR_RECALL_AT_P95 = 0.82


def test_each_line_comes_back_with_a_score_and_its_label_kept(run_cli, tmp_path) -> None:
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("1\tOsama al-Muhajer\tUsamah al-Muhajir\n0\tBashar al-Assad\tHafez al-Assad\n", encoding="utf-8")
    code, out, _ = run_cli("names", "score", str(pairs))
    assert code == 0
    lines = [line.split("\t") for line in out.splitlines()]
    assert [line[:3] for line in lines] == [
        ["1", "Osama al-Muhajer", "Usamah al-Muhajir"],
        ["0", "Bashar al-Assad", "Hafez al-Assad"],
    ]
    scores = [float(line[3]) for line in lines]
    assert all(0.0 <= s <= 1.0 for s in scores) and scores[0] > scores[1]


def test_explain_shows_each_feature_and_the_verdict(run_cli) -> None:
    code, out, _ = run_cli("names", "explain", "Donald Trump", "Donald Trump Jr.")
    assert code == 0
    assert "surname" in out and "penalty" in out and out.rstrip().endswith("two names")


def test_a_malformed_line_is_named_and_the_others_scored(run_cli) -> None:
    code, out, err = run_cli("names", "score", "-", stdin="Ann Lee\tAnne Lee\nno tab here\n")
    assert code == 2
    assert "stdin:2" in err
    assert len(out.splitlines()) == 2 and out.splitlines()[0].startswith("Ann Lee\tAnne Lee\t0.")


@pytest.mark.skipif(not OFAC_DEV.is_file(), reason=f"{OFAC_DEV} is absent (../shared/data holds the evaluation data)")
def test_name_matching_quality_stays_above_the_pinned_floors(run_cli) -> None:
    code, out, err = run_cli("names", "score", "--eval", str(OFAC_DEV))
    assert code == 0, err
    metrics = dict(line.split("\t") for line in out.splitlines())
    assert float(metrics["average_precision"]) >= FLOOR_AVERAGE_PRECISION
    assert float(metrics["recall_at_precision_0.95"]) >= FLOOR_RECALL_AT_P95
