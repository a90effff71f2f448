"""Fitting and cross-validating the name matcher (``rashomon.matcher``) on labelled name pairs.

Pairs are ``label<TAB>name_a<TAB>name_b`` lines (the OFAC dev pairs in ../shared/data/names/ofac). People are the
connected components of the positive pairs (a name and its aliases); a name only in negative pairs is a person of its
own. Folds never split a person's pairs (grouped by the first name of the pair), and the token frequencies that rarity
is read from are counted on the training folds only, so a cross-validated score never sees its test people.
"""

from __future__ import annotations

import itertools
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


KNOTS = 8  # knots per feature of the piecewise-linear shape functions
EASY_NEGATIVES = 0.25  # random pairs of two people's names added to training, per positive pair
# the direction in which each feature may move the score (+1: more of it is more evidence for one person; -1: less;
# 0: free). Without it the model learns what the OFAC pairs' sampling implies: its negatives always share a name
# token, so "nothing in common" would read as the same person (a nom de guerre).
DIRECTION = {
    "hand": 1,
    "aligned_mean": 1,
    "aligned_min": 1,
    "cover_min": 1,
    "cover_max": 1,
    "extra_tokens": -1,
    "strong_share": 1,
    "rarest_shared": 1,
    "given": 1,
    "surname": 1,
    "crossed": 0,
    "set_ratio": 1,
    "sort_ratio": 1,
    "joined": 1,
    "joined_skeleton": 1,
    "coarse_share": 1,
    "contained": 1,
    "all_agree": 1,
    "both_ends": 1,
    "given_unmatched": -1,
    "sibling": -1,
    "single": 0,
    "identical": 1,
}


def ramp_basis(x: Any, knots: Sequence[Sequence[float]]) -> Any:
    """Each column of ``x`` as ramps between consecutive knots (0 below, 1 above, linear between): a weighted sum of
    a feature's ramps is a piecewise-linear function that is monotone when its weights share a sign."""
    import numpy as np

    columns = []
    for f, ks in enumerate(knots):
        for lo, hi in itertools.pairwise(ks):
            columns.append(np.clip((x[:, f] - lo) / (hi - lo), 0.0, 1.0))
    return np.stack(columns, axis=1)


def feature_knots(column: Any, n: int = KNOTS) -> tuple[float, ...]:
    """Knots at evenly spaced quantiles of a feature's training values (where the pairs are, the shape can bend),
    merged where they coincide; two knots at least."""
    import numpy as np

    points = sorted({round(float(q), 6) for q in np.quantile(column, np.linspace(0.0, 1.0, n))})
    return tuple(points) if len(points) >= 2 else (points[0], points[0] + 1.0)


def easy_negatives(pairs: Sequence[NamePair], share: float = EASY_NEGATIVES) -> list[NamePair]:
    """Pairs of names of two different people drawn at random (fixed seed): what most pairs a resolver meets look
    like, and what the OFAC negatives (which always share a token) never show."""
    import random

    groups = sorted(sorted(g) for g in people(pairs))
    rng = random.Random(SEED)
    want = int(share * sum(p.label for p in pairs))
    out: list[NamePair] = []
    while len(out) < want and len(groups) > 1:
        x, y = rng.sample(range(len(groups)), 2)
        out.append(NamePair(0, groups[x][0], groups[y][0]))
    return out


def fit(pairs: Sequence[NamePair], c: float = 1.0, easy: float = EASY_NEGATIVES) -> NameModel:
    """A model fitted on these pairs plus easy negatives: token counts from their people, then a logistic
    regression on ramps of the features, each feature's shape monotone in its ``DIRECTION`` (L-BFGS-B with bounds on
    the weights, L2 penalty 1/c; deterministic). Knots spread evenly over each feature's range."""
    import numpy as np
    from scipy.optimize import minimize

    train = [*pairs, *easy_negatives(pairs, easy)]
    counts, n_people = token_counts(people(train))
    base = replace(NEUTRAL_MODEL, token_counts=counts, people=n_people)
    x = np.array(features(train, base))
    y = np.array([p.label for p in train], dtype=float)
    knots = [feature_knots(x[:, f]) for f in range(x.shape[1])]
    r = ramp_basis(x, knots)
    bounds: list[tuple[float | None, float | None]] = []
    for name, ks in zip(FEATURES, knots, strict=True):
        sign = DIRECTION[name]
        bounds += [(0.0, None) if sign > 0 else (None, 0.0) if sign < 0 else (None, None)] * (len(ks) - 1)
    bounds.append((None, None))  # intercept
    signs = 2.0 * y - 1.0

    def loss(w: Any) -> tuple[float, Any]:
        z = r @ w[:-1] + w[-1]
        margin = signs * z
        value = float(np.logaddexp(0.0, -margin).sum()) + 0.5 / c * float(w[:-1] @ w[:-1])
        g = -signs / (1.0 + np.exp(margin))
        grad = np.append(r.T @ g + w[:-1] / c, g.sum())
        return value, grad

    w0 = np.zeros(r.shape[1] + 1)
    w = minimize(loss, w0, jac=True, method="L-BFGS-B", bounds=bounds, options={"maxiter": 5000}).x
    values: list[tuple[float, ...]] = []
    at = 0
    for ks in knots:
        steps = w[at : at + len(ks) - 1]
        values.append((0.0, *(float(v) for v in np.cumsum(steps))))
        at += len(ks) - 1
    model = NameModel(FEATURES, tuple(knots), tuple(values), float(w[-1]), counts, n_people)
    return centred(model, x)


def centred(model: NameModel, x: Any) -> NameModel:
    """The same model with each feature's contribution averaging zero over ``x`` (the intercept takes the rest), so
    that a contribution reads as evidence for (+) or against (-) compared with a typical pair."""
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


def error_causes(pairs: Sequence[NamePair], scores: Sequence[float], threshold: float) -> dict[str, int]:
    """The errors at ``threshold``, counted by what the two names share (which tokens can be one name part)."""
    from rashomon.matcher import generation, match_tokens, tokens_agree

    out: dict[str, int] = {}
    for p, s in zip(pairs, scores, strict=True):
        if (s >= threshold) == bool(p.label):
            continue
        ta, tb = match_tokens(p.a), match_tokens(p.b)
        shared = [x for x in ta if any(tokens_agree(x, y) for y in tb)]
        both_long = len(ta) >= 2 and len(tb) >= 2
        if p.label and generation(p.a) != generation(p.b):
            kind = "missed: a generational suffix on one side only"
        elif p.label:
            kind = (
                "missed: "
                + ("nothing in common", "one name part in common", "several parts in common")[min(len(shared), 2)]
            )
        elif ta == tb:
            kind = "false: the same written name"
        elif both_long and tokens_agree(ta[0], tb[0]):
            kind = "false: given name and surname agree, another part differs"
        elif both_long:
            kind = "false: given names differ, other parts shared"
        else:
            kind = "false: other"
        out[kind] = out.get(kind, 0) + 1
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))
