"""The claim scores on the dev gold set (bench/gold/claims-dev.jsonl) stay above pinned floors.

The floors sit a little under what `rashomon eval claims bench/gold/claims-dev.jsonl` measured when they were pinned
(BENCHMARKS.md); a change that loses alignment or conflicts fails here. Needs ../shared/data (the report texts).
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import REPO, SHARED

GOLD = REPO / "bench" / "gold" / "claims-dev.jsonl"
DATA = SHARED / "data"
FLOORS = {
    "conflict_recall": 0.08,
    "conflict_precision": 0.22,
    "corroborated_recall": 0.60,
    "unique_recall": 0.80,
    "alignment_recall": 0.60,
}
CEILINGS = {"false_conflict_rate": 0.015}

pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(
        not (DATA / "allsides").is_dir() or not (DATA / "ecbplus").is_dir(),
        reason=f"{DATA} is absent: the claim gold set points into the shared AllSides and ECB+ texts",
    ),
]


@pytest.fixture(scope="module")
def scores(run_cli_module) -> dict[str, float]:  # type: ignore[no-untyped-def]
    code, out, err = run_cli_module("eval", "claims", str(GOLD), "--data", str(DATA), "--json")
    assert code == 0, err
    return json.loads(out)["all"]


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_claim_scores_stay_above_their_floors(scores: dict[str, float], name: str) -> None:
    assert scores[name] >= FLOORS[name], f"{name} {scores[name]} < floor {FLOORS[name]}"


def test_false_conflicts_stay_rare(scores: dict[str, float]) -> None:
    assert scores["false_conflict_rate"] <= CEILINGS["false_conflict_rate"]
