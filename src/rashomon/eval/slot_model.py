"""Fit the slot model of ``rashomon.event.figures.evidence`` on a claim gold set.

Training pairs are the pairs the figure table weighs: two rows of one key (and frame) from two reports. A pair is
labelled when both rows lie on gold values: positive when the two values belong to one gold item (corroborated or
disputed: one fact), negative when they belong to two items. Pairs with a row on no gold value are left out. The
features never read the values, so whether values agree cannot be learnt as evidence of one slot. A logistic
regression (scikit-learn, fixed seed) is fitted on them; ``folds`` splits events so that a model can be measured
on events it never saw.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from rashomon.eval.gold import GoldEvent
from rashomon.event.figures.evidence import FEATURES, SlotModel
from rashomon.event.figures.table import Context, Row, bucket_rows, candidates, rows_of, sole_rows

SEED = 13


@dataclass(frozen=True, slots=True)
class Pairs:
    x: np.ndarray  # (n, len(FEATURES))
    y: np.ndarray  # (n,) 0/1
    event: np.ndarray  # (n,) index of the gold event


def _span(row: Row) -> tuple[str, int, int]:
    f = row.fact
    if f.location is not None:
        return f.fact.report, f.location.start, f.location.end
    return f.fact.report, f.fact.start, f.fact.end


def _items(gold: GoldEvent, rows: Sequence[Row]) -> list[set[int]]:
    """For each row, the gold items (by position) whose values it overlaps."""
    spans: dict[str, list[tuple[int, int, int]]] = {}
    for k, item in enumerate(gold.items):
        for v in item.values:
            spans.setdefault(v.report, []).append((v.start, v.end, k))
    out = []
    for row in rows:
        report, start, end = _span(row)
        out.append({k for s, e, k in spans.get(report, []) if start < e and s < end})
    return out


def labelled_pairs(gold: GoldEvent, context: Context) -> tuple[list[list[float]], list[int]]:
    """The features and labels of one event's labelled pairs (``context.rows`` are its table rows)."""
    rows = context.rows
    items = _items(gold, rows)
    x, y = [], []
    for members in bucket_rows(rows):
        sole = sole_rows(rows, members)
        for a, b in candidates(rows, members):
            if not items[a] or not items[b]:
                continue
            x.append(context.features(a, b, a in sole and b in sole))
            y.append(int(bool(items[a] & items[b])))
    return x, y


def collect(golds: Sequence[GoldEvent], contexts: Sequence[Context]) -> Pairs:
    xs: list[list[float]] = []
    ys: list[int] = []
    events: list[int] = []
    for k, (gold, context) in enumerate(zip(golds, contexts, strict=True)):
        x, y = labelled_pairs(gold, context)
        xs.extend(x)
        ys.extend(y)
        events.extend([k] * len(y))
    width = len(FEATURES)
    return Pairs(np.array(xs, dtype=np.float64).reshape(-1, width), np.array(ys, dtype=np.int64), np.array(events))


def fit(pairs: Pairs, c: float = 1.0) -> SlotModel:
    """A logistic regression on the pairs (scikit-learn, fixed seed)."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=2000, random_state=SEED)
    model.fit(pairs.x, pairs.y)
    return SlotModel(tuple(float(w) for w in model.coef_[0]), float(model.intercept_[0]))


def folds(n_events: int, k: int) -> list[np.ndarray]:
    """Event indices in ``k`` folds, by a fixed permutation."""
    order = np.random.default_rng(SEED).permutation(n_events)
    return [order[i::k] for i in range(k)]


def subset(pairs: Pairs, events: np.ndarray) -> Pairs:
    keep = np.isin(pairs.event, events)
    return Pairs(pairs.x[keep], pairs.y[keep], pairs.event[keep])


def auc(model: SlotModel, pairs: Pairs) -> float:
    """The area under the ROC curve of the model's scores on the pairs."""
    from sklearn.metrics import roc_auc_score

    scores = [model.logit(row) for row in pairs.x]
    return float(roc_auc_score(pairs.y, scores)) if len(set(pairs.y.tolist())) == 2 else float("nan")


__all__ = ["Pairs", "auc", "collect", "fit", "folds", "labelled_pairs", "rows_of", "subset"]
