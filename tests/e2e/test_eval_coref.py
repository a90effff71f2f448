"""Cross-document coreference of named mentions on the ECB+ dev topics stays above pinned floors.

The floors sit about 0.02 under what ``evaluate_coref`` measured when they were pinned (2026-11-25; gold mentions:
MUC F1 0.909, B3 0.883, CEAF-e 0.746, CoNLL 0.846; own mentions, head rule: MUC 0.870, B3 0.842, CEAF-e 0.819,
CoNLL 0.844, mention recall 0.839; own mentions, overlap rule: CoNLL 0.866, mention recall 0.972; the own-mention
runs take about 20 s on two cores, their parse shared). A change to resolution (or to mention finding, for the
own-mention runs) that loses coreference fails here.
Needs ../shared/data/ecbplus.
"""

from __future__ import annotations

import pytest

from rashomon.eval.coref import CorefResult, evaluate_coref, format_result, result_json
from rashomon.eval.corpora import DEFAULT_DATA

ECBPLUS = DEFAULT_DATA / "ecbplus"
GOLD_FLOORS = {"muc": 0.89, "b3": 0.86, "ceafe": 0.725, "conll": 0.825}
SYSTEM_FLOORS = {"muc": 0.85, "b3": 0.82, "ceafe": 0.80, "conll": 0.825, "mention_recall": 0.82}
OVERLAP_FLOORS = {"conll": 0.845, "mention_recall": 0.95}

pytestmark = pytest.mark.skipif(
    not ECBPLUS.is_dir(), reason=f"{ECBPLUS} is absent: the coreference gold comes from the shared ECB+ corpus"
)


def _f1s(result: CorefResult) -> dict[str, float]:
    return {
        "muc": result.muc.f1,
        "b3": result.b3.f1,
        "ceafe": result.ceafe.f1,
        "conll": result.conll_f1,
        "mention_recall": result.mention_recall,
    }


@pytest.fixture(scope="module")
def gold_run() -> CorefResult:
    return evaluate_coref("dev", DEFAULT_DATA, mentions="gold")


@pytest.fixture(scope="module")
def system_run() -> CorefResult:
    return evaluate_coref("dev", DEFAULT_DATA, mentions="system")


def test_gold_run_covers_the_dev_topics(gold_run: CorefResult) -> None:
    assert (gold_run.subtopics, gold_run.documents) == (16, 196)
    assert 500 <= gold_run.gold_mentions <= 650
    assert gold_run.response_mentions == gold_run.matched == gold_run.gold_mentions
    assert gold_run.mention_recall == 1.0
    assert "CoNLL" in format_result(gold_run)
    assert result_json(gold_run)["gold_mentions"] == gold_run.gold_mentions


@pytest.mark.parametrize("name", sorted(GOLD_FLOORS))
def test_gold_mentions_stay_above_their_floors(gold_run: CorefResult, name: str) -> None:
    value = _f1s(gold_run)[name]
    assert value >= GOLD_FLOORS[name], f"{name} {value:.4f} < floor {GOLD_FLOORS[name]}\n{format_result(gold_run)}"


@pytest.mark.model
@pytest.mark.parametrize("name", sorted(SYSTEM_FLOORS))
def test_system_mentions_stay_above_their_floors(system_run: CorefResult, name: str) -> None:
    value = _f1s(system_run)[name]
    assert value >= SYSTEM_FLOORS[name], (
        f"{name} {value:.4f} < floor {SYSTEM_FLOORS[name]}\n{format_result(system_run)}"
    )


@pytest.fixture(scope="module")
def overlap_run() -> CorefResult:
    return evaluate_coref("dev", DEFAULT_DATA, mentions="system", match="overlap")


@pytest.mark.model
@pytest.mark.parametrize("name", sorted(OVERLAP_FLOORS))
def test_system_mentions_matched_by_overlap_stay_above_their_floors(overlap_run: CorefResult, name: str) -> None:
    value = _f1s(overlap_run)[name]
    assert value >= OVERLAP_FLOORS[name], f"{name} {value:.4f} < floor {OVERLAP_FLOORS[name]}"


@pytest.mark.model
def test_system_run_scores_only_matched_mentions(system_run: CorefResult, gold_run: CorefResult) -> None:
    assert system_run.gold_mentions == gold_run.gold_mentions  # one key for both runs
    assert system_run.system_mentions > system_run.response_mentions == system_run.matched
