"""The cited summary of one event: report sentences ranked, redundancy removed, cut to length, put in reading
order, each citing its own span first and then the sentence of every other report that states all of its facts."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from rashomon.config import DEFAULT_SUMMARY, SummarySettings
from rashomon.event.disputes import report_labels
from rashomon.event.summary.candidates import Candidate, candidates_of, word_count
from rashomon.event.summary.conflicts import describe_conflict
from rashomon.event.summary.features import candidate_features
from rashomon.event.summary.scorer import SentenceModel, default_model
from rashomon.event.summary.select import fill, word_budget
from rashomon.event.summary.support import FactIndex, SpanFacts, supporters
from rashomon.records import AnnotatedReport, Citation, Claim, Entity, Sentence, SummarySentence

Vectorizer = Callable[[list[str]], np.ndarray]
SPACES = re.compile(r"\s+")


def _sentence_at(sentences: Sequence[Sentence], char: int) -> int | None:
    k = bisect_right([s.start for s in sentences], char) - 1
    return k if k >= 0 and char < sentences[k].end else None


def shared_claims(docs: Sequence[AnnotatedReport], claims: Sequence[Claim]) -> dict[tuple[int, int], list[int]]:
    """(report index, sentence index) -> indices of the claims it states that another report states too."""
    doc_of = {d.report.id: n for n, d in enumerate(docs)}
    out: dict[tuple[int, int], list[int]] = {}
    for c_index, claim in enumerate(claims):
        where: dict[int, int] = {}
        for st in claim.statements:
            if st.report in doc_of:
                k = _sentence_at(docs[doc_of[st.report]].sentences, st.start)
                if k is not None:
                    where.setdefault(doc_of[st.report], k)
        if len(where) > 1:
            for d, k in where.items():
                out.setdefault((d, k), []).append(c_index)
    return out


@dataclass(frozen=True, slots=True)
class Ranking:
    """What the ranking reads: the candidates, their unit vectors and FEATURES rows, and the shared claims each
    (report, sentence) states."""

    candidates: list[Candidate]
    vectors: np.ndarray
    features: np.ndarray
    stated: dict[tuple[int, int], list[int]]


def rank_inputs(
    docs: Sequence[AnnotatedReport], claims: Sequence[Claim], vectors_of: Vectorizer, settings: SummarySettings
) -> Ranking:
    candidates = candidates_of(docs, settings)
    vectors = vectors_of([c.text for c in candidates]) if candidates else np.zeros((0, 1), dtype=np.float32)
    stated = shared_claims(docs, claims)
    x = candidate_features(candidates, vectors, len(docs), {key: len(v) for key, v in stated.items()})
    return Ranking(candidates, vectors, x, stated)


def summarize(
    docs: Sequence[AnnotatedReport],
    claims: Sequence[Claim],
    vectors_of: Vectorizer,
    entities: Sequence[Entity] = (),
    settings: SummarySettings = DEFAULT_SUMMARY,
    model: SentenceModel | None = None,
) -> tuple[SummarySentence, ...]:
    """The summary of the reports of one event (``docs`` with their times resolved across the event, ``claims`` and
    ``entities`` as aligned and resolved over them); see the module docstring."""
    ranking = rank_inputs(docs, claims, vectors_of, settings)
    candidates = ranking.candidates
    if not candidates:
        return ()
    scores = (model or default_model()).score(ranking.features)
    disputes = [
        [c for c in ranking.stated.get((cand.doc, cand.sentence), []) if claims[c].status == "conflicting"]
        if settings.conflicts
        else []
        for cand in candidates
    ]
    labels = report_labels(d.report for d in docs)
    costs = [
        c.words + sum(word_count(s.text) for claim in disputed for s in describe_conflict(claims[claim], labels))
        for c, disputed in zip(candidates, disputes, strict=True)
    ]
    budget = word_budget([word_count(d.report.text) for d in docs], settings)
    chosen = fill(candidates, scores, ranking.vectors, costs, budget, settings.redundancy)
    cite = _Citer(docs, candidates, ranking.vectors, entities, settings)
    out: list[SummarySentence] = []
    described: set[int] = set()
    for k in chosen:
        out.append(SummarySentence(SPACES.sub(" ", candidates[k].text).strip(), cite(k)))
        for claim in disputes[k]:
            if claim not in described:
                described.add(claim)
                out.extend(describe_conflict(claims[claim], labels))
    return tuple(out)


class _Citer:
    """Citations of a chosen candidate: its own span, then each supporting report's best sentence."""

    def __init__(
        self,
        docs: Sequence[AnnotatedReport],
        candidates: Sequence[Candidate],
        vectors: np.ndarray,
        entities: Sequence[Entity],
        settings: SummarySettings,
    ) -> None:
        self._docs, self._candidates, self._vectors, self._settings = docs, candidates, vectors, settings
        self._index = FactIndex(docs, entities)
        self._facts: dict[int, SpanFacts] = {}

    def _facts_of(self, k: int) -> SpanFacts:
        if k not in self._facts:
            self._facts[k] = self._index.facts(self._candidates[k])
        return self._facts[k]

    def __call__(self, k: int) -> tuple[Citation, ...]:
        similarity = self._vectors @ self._vectors[k]
        near = [int(j) for j in np.flatnonzero(similarity >= self._settings.support_similarity) if j != k]
        facts = {j: self._facts_of(j) for j in (k, *near)}
        backers = supporters(
            k,
            self._candidates,
            facts,
            similarity.tolist(),
            self._settings.support_similarity,
            self._settings.support_coverage,
        )
        return tuple(
            Citation(self._docs[self._candidates[j].doc].report.id, self._candidates[j].start, self._candidates[j].end)
            for j in (k, *backers)
        )
