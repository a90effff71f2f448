"""How alike two reports are: one score from words, names, years mentioned, publication days and lead embeddings.

See :class:`rashomon.cluster.settings.ClusterSettings` for the formula. Rows are built only for the reports being
compared, with the inverse document frequencies of the whole state.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from rashomon.cluster.features import ReportFeatures
from rashomon.cluster.settings import ClusterSettings

_FIRST_YEAR = 1900
_YEARS = 200


@dataclass(frozen=True, slots=True)
class WeightedRows:
    """L2-normalised sparse rows (scipy CSR) of some reports: words, names, years; their publication days; and the
    unit embeddings of their leads (None when embeddings are off)."""

    terms: Any
    names: Any
    years: Any
    days: np.ndarray  # float ordinals, NaN where unknown
    vectors: np.ndarray | None = None  # float32, one unit row per report


def _matrix(rows: Sequence[tuple[np.ndarray, np.ndarray]], idf: np.ndarray) -> Any:
    from scipy.sparse import csr_matrix, diags

    lengths = [len(cols) for cols, _ in rows]
    indptr = np.concatenate(([0], np.cumsum(lengths))).astype(np.int64)
    cols = np.concatenate([c for c, _ in rows]) if rows else np.zeros(0, dtype=np.int64)
    values = np.concatenate([v for _, v in rows]) if rows else np.zeros(0)
    width = max(len(idf), 1)  # at least one column, even when no report has any word of this kind
    matrix = csr_matrix((values * idf[cols], cols, indptr), shape=(len(rows), width))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    return diags(np.where(norms > 0, 1.0 / np.where(norms > 0, norms, 1.0), 0.0)) @ matrix  # unit rows (l2)


def _year_matrix(feats: Sequence[ReportFeatures]) -> Any:
    from scipy.sparse import csr_matrix

    rows, cols = [], []
    for k, f in enumerate(feats):
        for year in f.years:
            rows.append(k)
            cols.append(year - _FIRST_YEAR)
    return csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(feats), _YEARS))


def weighted_rows(
    term_rows: Sequence[tuple[np.ndarray, np.ndarray]],
    name_rows: Sequence[tuple[np.ndarray, np.ndarray]],
    feats: Sequence[ReportFeatures],
    idf: tuple[np.ndarray, np.ndarray],
    vectors: np.ndarray | None = None,
) -> WeightedRows:
    days = np.array([np.nan if f.day is None else float(f.day) for f in feats])
    return WeightedRows(_matrix(term_rows, idf[0]), _matrix(name_rows, idf[1]), _year_matrix(feats), days, vectors)


def _combine(
    terms: np.ndarray, names: np.ndarray, years: np.ndarray, days: np.ndarray, lead: Any, s: ClusterSettings
) -> Any:
    day_penalty = np.where(np.isnan(days), 0.0, np.minimum(1.0, np.abs(days) / s.day_window))
    score = (1.0 - s.name_weight) * terms + s.name_weight * names + s.year_weight * years - s.day_weight * day_penalty
    if lead is not None:
        score = score + s.embedding_weight * (lead - s.embedding_center)
    return score


def year_agreement(shared: np.ndarray, left_has: np.ndarray, right_has: np.ndarray) -> np.ndarray:
    """+1 where a year is shared, -1 where both mention years but none in common, 0 otherwise."""
    both = left_has & right_has
    return np.where(shared > 0, 1.0, np.where(both, -1.0, 0.0))


def _rowwise(matrix: Any, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    return np.asarray(matrix[left].multiply(matrix[right]).sum(axis=1)).ravel()


def pair_scores(rows: WeightedRows, left: np.ndarray, right: np.ndarray, s: ClusterSettings) -> np.ndarray:
    """Scores of the pairs (left[k], right[k]) of row numbers."""
    out = np.empty(len(left))
    step = 20_000
    has_year = np.diff(rows.years.indptr) > 0
    for k in range(0, len(left), step):
        a, b = left[k : k + step], right[k : k + step]
        years = year_agreement(_rowwise(rows.years, a, b), has_year[a], has_year[b])
        lead = None if rows.vectors is None else np.einsum("ij,ij->i", rows.vectors[a], rows.vectors[b])
        out[k : k + step] = _combine(
            _rowwise(rows.terms, a, b), _rowwise(rows.names, a, b), years, rows.days[a] - rows.days[b], lead, s
        )
    return out


def component_scores(rows: WeightedRows, s: ClusterSettings) -> np.ndarray:
    """The square matrix of scores between all rows."""
    terms = (rows.terms @ rows.terms.T).toarray()
    names = (rows.names @ rows.names.T).toarray()
    has_year = np.diff(rows.years.indptr) > 0
    years = year_agreement((rows.years @ rows.years.T).toarray(), has_year[:, None], has_year[None, :])
    lead = None if rows.vectors is None else rows.vectors @ rows.vectors.T
    return np.asarray(_combine(terms, names, years, rows.days[:, None] - rows.days[None, :], lead, s))
