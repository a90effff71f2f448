"""Event type accuracy on ECB+ stays above pinned floors (measured when pinned: dev 0.812, lenient 1.0; train 0.82,
lenient 0.92). The corpus gives one sentence a line, so no parser runs: a few seconds. Needs ../shared/data."""

from __future__ import annotations

import pytest

from rashomon.eval.corpora import DEFAULT_DATA
from rashomon.eval.event_types import GOLD, evaluate_event_types, read_gold, summarize_outcomes

FLOORS = {"dev": (0.75, 0.93), "train": (0.78, 0.88)}  # (accuracy, lenient accuracy)


@pytest.fixture(autouse=True)
def _needs_ecbplus() -> None:
    if not (DEFAULT_DATA / "ecbplus" / "splits.json").is_file():
        pytest.skip(f"ECB+ is absent under {DEFAULT_DATA}; the floors need ../shared/data")


@pytest.mark.parametrize("split", ["dev", "train"])
def test_event_type_accuracy_stays_above_its_floor(split: str) -> None:
    scores = summarize_outcomes(evaluate_event_types(split))
    print(scores)
    accuracy, lenient = FLOORS[split]
    assert isinstance(scores["accuracy"], float) and scores["accuracy"] >= accuracy
    assert isinstance(scores["lenient_accuracy"], float) and scores["lenient_accuracy"] >= lenient


def test_the_gold_labels_every_train_and_dev_subtopic_once() -> None:
    events = [g.event for g in read_gold(GOLD)]
    assert len(events) == len(set(events)) == 66
