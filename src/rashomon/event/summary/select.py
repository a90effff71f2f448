"""How long a summary is, and which ranked sentences fill it."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from rashomon.config import SummarySettings
from rashomon.event.summary.candidates import Candidate


def word_budget(report_words: Sequence[int], settings: SummarySettings) -> int:
    """The summary's length in words: ``settings.words`` when set, else ``words_per_root`` per square root of the
    reports' total words, within [min_words, max_words] (three short reports get a paragraph, twenty long ones a
    page, as human summaries do)."""
    if settings.words is not None:
        return settings.words
    automatic = round(settings.words_per_root * math.sqrt(sum(report_words)))
    return max(settings.min_words, min(settings.max_words, automatic))


def fill(
    candidates: Sequence[Candidate],
    scores: np.ndarray,
    vectors: np.ndarray,
    costs: Sequence[int],
    budget: int,
    redundancy: float,
) -> list[int]:
    """The best-scored opening sentence of a report first (a summary opens as a news report does), then candidates by
    score, each skipped when its cosine to one already taken reaches ``redundancy``, until their cost in words reaches
    ``budget`` (the last one may pass it); returned in reading order: the first sentences of the reports in turn,
    then the second ones, ..."""
    chosen: list[int] = []
    used = 0
    for k in _ranked(candidates, scores):
        if used >= budget:
            break
        if chosen and float(np.max(vectors[chosen] @ vectors[k])) >= redundancy:
            continue
        chosen.append(int(k))
        used += costs[k]
    return sorted(chosen, key=lambda k: (candidates[k].rank, candidates[k].doc))


def _ranked(candidates: Sequence[Candidate], scores: np.ndarray) -> list[int]:
    order = [int(k) for k in np.argsort(-scores, kind="stable")]
    opening = next((k for k in order if candidates[k].rank == 0), None)
    return order if opening is None else [opening, *(k for k in order if k != opening)]
