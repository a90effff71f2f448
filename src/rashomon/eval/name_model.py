"""Fitting and cross-validating the name matcher (``rashomon.matcher``) on labelled name pairs.

Pairs are ``label<TAB>name_a<TAB>name_b`` lines (the OFAC dev pairs in ../shared/data/names/ofac). People are the
connected components of the positive pairs (a name and its aliases); a name only in negative pairs is a person of its
own. Folds never split a person's pairs (grouped by the first name of the pair), and the token frequencies that rarity
is read from are counted on the training folds only, so a cross-validated score never sees its test people.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from rashomon.matcher import FEATURES, NEUTRAL_MODEL, NameModel, pair_features, penalty, token_counts
from rashomon.names import average_precision, recall_at_precision

SEED = 0


@dataclass(frozen=True, slots=True)
class NamePair:
    label: int
    a: str
    b: str


@dataclass(frozen=True, slots=True)
class NameScores:
    pairs: int
    positives: int
    average_precision: float
    recall_at_95: float
    threshold_at_95: float  # the lowest score whose precision is still >= 0.95


def read_pairs(path: Path) -> list[NamePair]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        cells = line.split("\t")
        if len(cells) != 3 or cells[0] not in ("0", "1"):
            raise ValueError(f"{path}:{n}: expected label<TAB>name<TAB>name")
        out.append(NamePair(int(cells[0]), cells[1], cells[2]))
    return out


def people(pairs: Sequence[NamePair]) -> list[list[str]]:
    """The names of each person: components of the positive pairs, plus every other name on its own."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in pairs:
        find(p.a), find(p.b)
        if p.label:
            ra, rb = find(p.a), find(p.b)
            if ra != rb:
                parent[rb] = ra
    groups: dict[str, list[str]] = {}
    for name in parent:
        groups.setdefault(find(name), []).append(name)
    return list(groups.values())


def features(pairs: Sequence[NamePair], model: NameModel) -> list[tuple[float, ...]]:
    return [pair_features(p.a, p.b, model) for p in pairs]


KNOTS = 5  # knots per feature of the piecewise-linear shape functions


def hat_basis(x: Any, knots: Sequence[Sequence[float]]) -> Any:
    """Each column of ``x`` expanded into hat functions centred on its knots (linear B-splines, constant beyond the
    ends): a logistic regression on them is an additive model of piecewise-linear functions."""
    import numpy as np

    columns = []
    for f, ks in enumerate(knots):
        v = np.clip(x[:, f], ks[0], ks[-1])
        for k, centre in enumerate(ks):
            left = ks[k - 1] if k > 0 else None
            right = ks[k + 1] if k + 1 < len(ks) else None
            up = np.ones_like(v) if left is None else np.clip((v - left) / (centre - left), 0.0, 1.0)
            down = np.ones_like(v) if right is None else np.clip((right - v) / (right - centre), 0.0, 1.0)
            columns.append(np.where(v <= centre, up, down))
    return np.stack(columns, axis=1)


def fit(pairs: Sequence[NamePair], c: float = 1.0) -> NameModel:
    """A model fitted on these pairs: token counts from their people, then a logistic regression on hat functions of
    the features (fixed seed; knots spread evenly over each feature's range)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    counts, n_people = token_counts(people(pairs))
    base = replace(NEUTRAL_MODEL, token_counts=counts, people=n_people)
    x = np.array(features(pairs, base))
    y = np.array([p.label for p in pairs])
    knots: list[tuple[float, ...]] = []
    for f in range(x.shape[1]):
        low, high = float(x[:, f].min()), float(x[:, f].max())
        spread = np.linspace(low, high, KNOTS) if high > low else np.array([low, low + 1.0])
        knots.append(tuple(float(k) for k in spread))
    lr = LogisticRegression(C=c, max_iter=10000, random_state=SEED).fit(hat_basis(x, knots), y)
    weights = lr.coef_[0]
    values: list[tuple[float, ...]] = []
    at = 0
    for ks in knots:
        values.append(tuple(float(w) for w in weights[at : at + len(ks)]))
        at += len(ks)
    model = NameModel(FEATURES, tuple(knots), tuple(values), float(lr.intercept_[0]), counts, n_people)
    return centred(model, x)


def centred(model: NameModel, x: Any) -> NameModel:
    """The same model with each feature's contribution averaging zero over ``x`` (the intercept takes the rest), so
    that a contribution reads as evidence for (+) or against (-) against a typical pair."""
    shifts = [sum(model.contributions(row)[f] for row in x) / len(x) for f in range(len(model.features))]
    values = tuple(tuple(v - shift for v in row) for row, shift in zip(model.values, shifts, strict=True))
    return replace(model, values=values, intercept=model.intercept + sum(shifts))


def folds(pairs: Sequence[NamePair], k: int) -> list[list[int]]:
    """Pair indices in ``k`` folds; all pairs with one first name fall in one fold (deterministic)."""
    import random

    firsts = sorted({p.a.casefold() for p in pairs})
    random.Random(SEED).shuffle(firsts)
    fold_of = {name: n % k for n, name in enumerate(firsts)}
    out: list[list[int]] = [[] for _ in range(k)]
    for i, p in enumerate(pairs):
        out[fold_of[p.a.casefold()]].append(i)
    return out


def cross_validated_scores(pairs: Sequence[NamePair], k: int = 5, c: float = 1.0) -> list[float]:
    """Each pair scored by a model fitted on the folds it is not in."""
    scores = [0.0] * len(pairs)
    parts = folds(pairs, k)
    for held in parts:
        held_set = set(held)
        model = fit([p for i, p in enumerate(pairs) if i not in held_set], c)
        for i in held:
            p = pairs[i]
            scores[i] = model.probability(pair_features(p.a, p.b, model)) * penalty(p.a, p.b)
    return scores


def measure(labels: Sequence[int], scores: Sequence[float], precision: float = 0.95) -> NameScores:
    ranked = sorted(zip(scores, labels, strict=True), key=lambda x: -x[0])
    hits, threshold = 0, 1.0
    for k, (score, label) in enumerate(ranked, start=1):
        hits += label
        if hits / k >= precision and (k == len(ranked) or ranked[k][0] != score):
            threshold = score
    return NameScores(
        len(labels),
        sum(labels),
        average_precision(list(labels), list(scores)),
        recall_at_precision(list(labels), list(scores), precision),
        threshold,
    )
