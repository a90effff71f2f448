"""The claim scores on the dev gold set (bench/gold/claims-dev.jsonl) and on disputes made on purpose stay above
pinned floors.

One run of `rashomon eval claims bench/gold/claims-dev.jsonl --mutations 80 --no-embeddings --json` scores both
splits of the gold (tune: what the mechanisms were built on; check: only read to report) and 80 mutations spread
over the gold's corroborated figures, times and places. The floors sit a little under what that run measured when
they were pinned (BENCHMARKS.md, "Disputes: the figure table"); a change that loses alignment or disputes fails
here. Needs ../shared/data (the report texts).
"""

from __future__ import annotations

import json

import pytest

from rashomon.pipeline import Settings
from tests.conftest import REPO, SHARED

GOLD = REPO / "bench" / "gold" / "claims-dev.jsonl"
DATA = SHARED / "data"
MUTATIONS = 80
# measured 2026-12-08 (b825a44; recall / precision / corroborated / unique / alignment / hidden):
# tune 0.156 / 0.487 / 0.644 / 0.860 / 0.638 / 0.082; check 0.070 / 0.129 / 0.637 / 0.838 / 0.627 / 0.105
# (1f7f964 had check 0.088 / 0.161: the ninth session's rules lost one of check's 57 real disputes and added one
# flag there, while tune gained one dispute and lost one false flag; BENCHMARKS.md, "Ninth session")
# (d4394d4 had check 0.088 / 0.185: the fifth session lost two of check's 57 real disputes and added three flags;
# BENCHMARKS.md says why the floors were moved down then rather than the work undone)
FLOORS = {
    "split:tune": {
        "conflict_recall": 0.14,
        "conflict_precision": 0.44,
        "corroborated_recall": 0.62,
        "unique_recall": 0.83,
        "alignment_recall": 0.60,
    },
    "split:check": {
        "conflict_recall": 0.05,
        "conflict_precision": 0.12,
        "corroborated_recall": 0.62,
        "unique_recall": 0.80,
        "alignment_recall": 0.59,
    },
    # measured 0.0875 (7 of 80) on the scorer's plan of d4394d4 (no numbers inside names, days moved by days): a
    # small stride sample that happens to hold hard ones; the same commit flags 0.240 of tune's 853 and 0.179 of
    # check's 425 (BENCHMARKS.md). The old plan's sample had measured 0.2625 against 0.21 in full.
    "mutations": {"mutation_recall": 0.06},
}
CEILINGS = {
    # hidden_conflicts: the gold disputes shown as corroborated (a dispute the reader is told is agreement)
    "split:tune": {"false_conflict_rate": 0.015, "hidden_conflicts": 0.10},
    "split:check": {"false_conflict_rate": 0.015, "hidden_conflicts": 0.14},
    "mutations": {"mutations_with_extra_flags": 0.03},
}

pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(
        not (DATA / "allsides").is_dir() or not (DATA / "ecbplus").is_dir(),
        reason=f"{DATA} is absent: the claim gold set points into the shared AllSides and ECB+ texts",
    ),
]


@pytest.fixture(scope="module")
def scores(run_cli_module) -> dict[str, dict[str, float]]:  # type: ignore[no-untyped-def]
    # the claim scores do not read sentence embeddings (they feed the summary; claims align on words unless
    # align_embeddings is set): without them, one run gives the same scores two minutes sooner (BENCHMARKS.md)
    assert not Settings().align_embeddings, "claims align on embeddings now: drop --no-embeddings here"
    args = (
        "eval",
        "claims",
        str(GOLD),
        "--data",
        str(DATA),
        "--mutations",
        str(MUTATIONS),
        "--no-embeddings",
        "--json",
    )
    code, out, err = run_cli_module(*args)
    assert code == 0, err
    return json.loads(out)


@pytest.mark.parametrize(("part", "name"), [(p, n) for p, floors in FLOORS.items() for n in floors])
def test_claim_and_mutation_scores_stay_above_their_floors(
    scores: dict[str, dict[str, float]], part: str, name: str
) -> None:
    value = scores[part][name]
    assert value >= FLOORS[part][name], f"{part} {name} {value} < floor {FLOORS[part][name]}"


@pytest.mark.parametrize(("part", "name"), [(p, n) for p, ceilings in CEILINGS.items() for n in ceilings])
def test_false_conflicts_hidden_disputes_and_stray_flags_stay_rare(
    scores: dict[str, dict[str, float]], part: str, name: str
) -> None:
    value = scores[part][name]
    assert value <= CEILINGS[part][name], f"{part} {name} {value} > ceiling {CEILINGS[part][name]}"


def test_both_splits_and_the_mutations_are_scored(scores: dict[str, dict[str, float]]) -> None:
    assert scores["split:tune"]["gold_conflicts"] >= 120 and scores["split:check"]["gold_conflicts"] >= 50
    assert scores["mutations"]["mutations"] == MUTATIONS
