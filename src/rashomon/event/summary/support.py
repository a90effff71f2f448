"""Which sentences of other reports support a summary sentence: they state all of its facts.

A sentence *supports* another when it states every figure, every date or time, every named participant or place of
it (the same entity, under any of its names), every capitalised word outside those names and every happening (the
verb or event noun of each of its event facts), asserts rather than denies as it does, and states at least
``support_coverage`` of its content words. A report that gives a different figure, another day or another place, or
states only part of the sentence, does not support it and is not cited for it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rashomon.annotate import LIGHT_LEMMAS
from rashomon.event.summary.candidates import Candidate
from rashomon.records import AnnotatedReport, Entity

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
CAPITALISED = re.compile(r"\b[A-Z][\w'’\-]*")
WORDS = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class SpanFacts:
    """What a stretch of a report states, in forms comparable across reports."""

    figures: frozenset[float]  # values of quantities and numbers written in digits (dates left out)
    times: frozenset[str]  # resolved values (ISO 8601), else the words as written, lower case
    names: frozenset[str]  # entity ids of the names in it
    capitals: frozenset[str]  # capitalised words outside names and times (its first word left out), lower case
    words: frozenset[str]  # every word, lower case
    lemmas: frozenset[str]  # content lemmas of its sentence, the words of its names left out (names are compared above)
    happenings: frozenset[str]  # lemmas of the verbs (or event nouns) of what its sentence says happened
    negated: bool


def _inside(items: Sequence[tuple[int, int]], start: int, end: int) -> list[int]:
    """Indices of the (start, end) items (sorted by start) that lie within [start, end)."""
    k = bisect_left(items, (start, -1))
    out = []
    while k < len(items) and items[k][0] < end:
        if items[k][1] <= end:
            out.append(k)
        k += 1
    return out


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


class FactIndex:
    """The facts of any stretch of the event's reports, looked up by offsets."""

    def __init__(self, docs: Sequence[AnnotatedReport], entities: Sequence[Entity]) -> None:
        self._docs = docs
        self._entity = {(m.report, m.start, m.end): e.id for e in entities for m in e.mentions}
        self._mentions = [sorted((m.start, m.end, m.name) for m in d.mentions) for d in docs]
        self._times = [sorted((t.start, t.end, t.value or t.text.lower()) for t in d.times) for d in docs]
        self._quantities = [sorted((q.start, q.end, q.value) for q in d.quantities) for d in docs]
        self._happenings: list[dict[int, set[str]]] = []
        for d in docs:
            by_sentence: dict[int, set[str]] = {}
            for f in d.facts:
                if f.kind == "event" and f.predicate and f.predicate not in LIGHT_LEMMAS:
                    by_sentence.setdefault(f.sentence, set()).add(f.predicate)
            self._happenings.append(by_sentence)

    def facts(self, candidate: Candidate) -> SpanFacts:
        d, start, end = candidate.doc, candidate.start, candidate.end
        doc = self._docs[d]
        text = doc.report.text
        mentions = [self._mentions[d][k] for k in _inside([m[:2] for m in self._mentions[d]], start, end)]
        times = [self._times[d][k] for k in _inside([t[:2] for t in self._times[d]], start, end)]
        quantities = [self._quantities[d][k] for k in _inside([q[:2] for q in self._quantities[d]], start, end)]
        covered = [(a, b) for a, b, _ in (*mentions, *times)]
        figures = {float(v) for _, _, v in quantities}
        for m in NUMBER.finditer(text, start, end):
            value = _number(m.group())
            if value is not None and not any(a <= m.start() < b for a, b in covered[len(mentions) :]):
                figures.add(value)
        capitals = {
            m.group().lower()
            for m in CAPITALISED.finditer(text, start, end)
            if m.start() > start and not any(a <= m.start() < b for a, b in covered)
        }
        name_words = {w.lower() for _, _, name in mentions for w in WORDS.findall(name)}
        return SpanFacts(
            figures=frozenset(figures),
            times=frozenset(str(v) for _, _, v in times),
            names=frozenset(self._entity.get((doc.report.id, a, b), name.lower()) for a, b, name in mentions),
            capitals=frozenset(capitals),
            words=frozenset(w.lower() for w in WORDS.findall(text, start, end)),
            lemmas=frozenset(doc.sentences[candidate.sentence].lemmas) - name_words,
            happenings=frozenset(self._happenings[d].get(candidate.sentence, ())),
            negated=doc.sentences[candidate.sentence].negated,
        )


def supports(other: SpanFacts, claimed: SpanFacts, coverage: float) -> bool:
    """``other`` states every fact of ``claimed`` (see the module docstring)."""
    if other.negated != claimed.negated:
        return False
    if not (claimed.figures <= other.figures and claimed.times <= other.times and claimed.names <= other.names):
        return False
    if not claimed.capitals <= other.words | other.capitals:
        return False
    if not claimed.happenings <= other.happenings | other.lemmas:
        return False
    return len(claimed.lemmas & other.lemmas) >= coverage * len(claimed.lemmas)


def supporters(
    chosen: int,
    candidates: Sequence[Candidate],
    facts: Mapping[int, SpanFacts],
    similarity: Sequence[float],
    min_similarity: float,
    coverage: float,
) -> list[int]:
    """For each other report, its candidate most like ``chosen`` among those that support it (none when none does),
    in report order. ``similarity`` holds every candidate's cosine to ``chosen``; ``facts`` the facts of candidates
    (at least those at ``min_similarity`` or more)."""
    best: dict[int, int] = {}
    own = candidates[chosen].doc
    for k, c in enumerate(candidates):
        if c.doc == own or similarity[k] < min_similarity:
            continue
        if supports(facts[k], facts[chosen], coverage) and (
            c.doc not in best or similarity[k] > similarity[best[c.doc]]
        ):
            best[c.doc] = k
    return [best[d] for d in sorted(best)]
