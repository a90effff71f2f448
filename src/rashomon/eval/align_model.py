"""Fit the fact-pair model of ``rashomon.event.align.similarity`` on a claim gold set.

Training pairs are candidate pairs (as the aligner generates them) whose two facts both lie on gold values: a pair is
positive when the two values belong to one gold item (corroborated or conflict) in two reports, negative when they
belong to different items. Pairs with a fact on no gold value are left out. A logistic regression (scikit-learn,
fixed seed) is fitted on them; ``cross_validate`` fits on some events and predicts the others, so the scores it
yields are measured on events the model never saw.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from rashomon.config import AlignSettings
from rashomon.eval.gold import GoldEvent
from rashomon.event.align.facts import EventFact
from rashomon.event.align.similarity import (
    FEATURES,
    VALUE_KINDS,
    AlignModel,
    Model,
    about_features,
    valued_pairs,
)

SEED = 13


@dataclass(frozen=True, slots=True)
class PairSet:
    x: np.ndarray
    y: np.ndarray
    event: np.ndarray  # index of the gold event each pair comes from
    valued: np.ndarray  # the kind of both facts when the pair is two figures, two times or two places, else ""


def item_labels(gold: GoldEvent, facts: Sequence[EventFact]) -> list[set[int]]:
    """For each fact, the gold items (by position) whose values it overlaps."""
    by_report: dict[str, list[tuple[int, int, int]]] = {}
    for k, item in enumerate(gold.items):
        for v in item.values:
            by_report.setdefault(v.report, []).append((v.start, v.end, k))
    out = []
    for f in facts:
        spans = by_report.get(f.fact.report, [])
        out.append({k for s, e, k in spans if f.fact.start < e and s < f.fact.end})
    return out


def labelled_pairs(
    gold: GoldEvent, facts: Sequence[EventFact], pairs: np.ndarray, features: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The rows of ``features`` that can be labelled, their labels (1: one gold item), whether each is valued."""
    labels = item_labels(gold, facts)
    keep, y = [], []
    for row, (a, b) in enumerate(pairs):
        la, lb = labels[a], labels[b]
        if not la or not lb or facts[a].fact.report == facts[b].fact.report:
            continue
        keep.append(row)
        y.append(1 if la & lb else 0)
    kinds = np.array([facts[a].fact.kind if facts[a].fact.kind == facts[b].fact.kind else "" for a, b in pairs])
    valued = np.where(valued_pairs(facts, pairs), kinds, "")[keep] if len(pairs) else np.zeros(0, dtype="<U5")
    return features[keep], np.array(y, dtype=np.int64), valued


def collect(
    golds: Sequence[GoldEvent], featurize: Callable[[GoldEvent], tuple[list[EventFact], np.ndarray, np.ndarray]]
) -> PairSet:
    """Labelled pairs of every event; ``featurize`` returns an event's facts, candidate pairs and their features."""
    xs, ys, events, valued = [], [], [], []
    for k, gold in enumerate(golds):
        facts, pairs, features = featurize(gold)
        x, y, v = labelled_pairs(gold, facts, pairs, features)
        xs.append(x)
        ys.append(y)
        valued.append(v)
        events.append(np.full(len(y), k))
    width = len(FEATURES)
    return PairSet(
        np.vstack(xs) if xs else np.zeros((0, width)),
        np.concatenate(ys) if ys else np.zeros(0, dtype=np.int64),
        np.concatenate(events) if events else np.zeros(0, dtype=np.int64),
        np.concatenate(valued) if valued else np.zeros(0, dtype="<U5"),
    )


def _logistic(x: np.ndarray, y: np.ndarray, c: float) -> Model:
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=c, max_iter=2000, random_state=SEED)
    clf.fit(x, y)
    return Model(clf.coef_[0].astype(np.float64), float(clf.intercept_[0]))


def fit(data: PairSet, c: float = 1.0) -> AlignModel:
    """The "fact" model on every labelled pair; an "about" model per valued kind, its value features removed."""
    about = {}
    for kind in sorted(VALUE_KINDS):
        rows = data.valued == kind
        if rows.any() and len(set(data.y[rows].tolist())) == 2:
            about[kind] = _logistic(about_features(data.x[rows]), data.y[rows], c)
    return AlignModel(_logistic(data.x, data.y, c), about)


def _weights(model: Model) -> dict[str, object]:
    return {"weights": [round(float(w), 6) for w in model.weights], "bias": round(model.bias, 6)}


def model_to_json(model: AlignModel, note: str) -> dict[str, object]:
    return {
        "about": note,
        "features": list(FEATURES),
        "models": {"fact": _weights(model.fact), **{f"about:{k}": _weights(m) for k, m in model.about.items()}},
    }


def folds(n_events: int, k: int = 2) -> Iterable[tuple[np.ndarray, np.ndarray]]:
    """Events split into k folds by position (every k-th event), for cross-validation."""
    ids = np.arange(n_events)
    for f in range(k):
        yield ids[ids % k != f], ids[ids % k == f]


def subset(data: PairSet, events: np.ndarray) -> PairSet:
    mask = np.isin(data.event, events)
    return PairSet(data.x[mask], data.y[mask], data.event[mask], data.valued[mask])


def describe(settings: AlignSettings) -> str:
    return f"link {settings.link}, conflict {settings.conflict}"
