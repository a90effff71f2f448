"""Groups of facts become claims: corroborated, conflicting or unique, each statement a value as its report writes
it, with the clause it stands in."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np

from rashomon.config import DEFAULT_ALIGN, AlignSettings
from rashomon.event.align.conflicts import find_conflicts, pair_conflict, values_differ
from rashomon.event.align.facts import EventFact, event_facts
from rashomon.event.align.grouping import group_facts
from rashomon.event.align.similarity import (
    FEATURES,
    AlignModel,
    candidate_pairs,
    default_model,
    pair_features,
    value_key,
    valued_pairs,
)
from rashomon.records import AnnotatedReport, Claim, ClaimStatus, Span, TimeExpr
from rashomon.resolve import Resolution

Vectorizer = Callable[[list[str]], np.ndarray]


@dataclass(frozen=True, slots=True)
class Scored:
    """The facts of an event, their candidate pairs with features, each pair's probability of stating one fact and,
    for two figures, times or places, of being about one thing whatever their values."""

    facts: list[EventFact]
    pairs: np.ndarray  # (m, 2)
    features: np.ndarray  # (m, len(FEATURES))
    probability: np.ndarray  # (m,)
    about: np.ndarray  # (m,): 0 for pairs that are not two valued facts
    valued: np.ndarray  # (m,) bool


def _unit_rows(vectors_of: Vectorizer, texts: Sequence[str]) -> np.ndarray:
    distinct = list(dict.fromkeys(texts))
    if not distinct:
        return np.zeros((0, 1), dtype=np.float32)
    encoded = np.asarray(vectors_of(distinct), dtype=np.float32)
    row = {t: k for k, t in enumerate(distinct)}
    return encoded[[row[t] for t in texts]]


def score_facts(
    docs: Sequence[AnnotatedReport],
    resolution: Resolution,
    times: Mapping[str, Sequence[TimeExpr]],
    vectors_of: Vectorizer,
    settings: AlignSettings = DEFAULT_ALIGN,
    model: AlignModel | None = None,
    stopwatch: Any = None,
    facts: list[EventFact] | None = None,
) -> Scored:
    """Facts, candidate pairs, features and (with a model) probabilities; what grouping and training both use.
    Probabilities are 0 without a model. ``facts``: the facts to align (default: every fact of the event)."""
    watch = stopwatch if stopwatch is not None else _NoWatch()
    if facts is None:
        with watch.stage("facts"):
            facts = event_facts(docs, resolution, times)
    rows: dict[tuple[str, int], int] = {}
    for f in facts:
        rows.setdefault((f.fact.report, f.fact.sentence), len(rows))
    sentence_of = np.array([rows[(f.fact.report, f.fact.sentence)] for f in facts], dtype=np.int64)
    by_report = {d.report.id: d for d in docs}
    keys = list(rows)
    texts = [_sentence_text(by_report[r], k) for r, k in keys]
    words = [_sentence_words(by_report[r], k) for r, k in keys]
    with watch.stage("embeddings"):
        context = _unit_rows(vectors_of, texts) if keys else np.zeros((0, 1), dtype=np.float32)
    with watch.stage("pairs"):
        report_of_row = np.array([r for r, _ in keys], dtype=object)
        paraphrases = _paraphrases(context, report_of_row, settings.paraphrase)
        pairs = candidate_pairs(facts, sentence_of, paraphrases)
        x = pair_features(facts, pairs, context, words, sentence_of, settings)
    valued = valued_pairs(facts, pairs) if len(pairs) else np.zeros(0, dtype=bool)
    p = model.fact.probability(x) if model is not None else np.zeros(len(pairs), dtype=np.float32)
    about = model.about_probability(facts, pairs, x) if model is not None else np.zeros(len(pairs), np.float32)
    if len(pairs):
        # the one figure of its kind in each report ("the injured", "the dead"), or the one date of one happening:
        # two reports that each give one are giving it for the same thing
        sole = x[:, FEATURES.index("only_such_value")] > 0
        about = np.where(sole & valued, np.maximum(about, np.float32(settings.sole_value)), about)
    same_report = np.array([facts[a].report_rank == facts[b].report_rank for a, b in pairs], dtype=bool)
    p = np.where(same_report, np.float32(settings.restatement), p) if len(pairs) else p
    return Scored(facts, pairs, x, p, about, valued)


def _sentence_text(doc: AnnotatedReport, k: int) -> str:
    return doc.sentences[k].text if k < len(doc.sentences) else ""


def _sentence_words(doc: AnnotatedReport, k: int) -> frozenset[str]:
    return frozenset(doc.sentences[k].lemmas) if k < len(doc.sentences) else frozenset()


def _paraphrases(context: np.ndarray, report_of: np.ndarray, threshold: float) -> np.ndarray:
    """Pairs of sentence rows of different reports whose embeddings are at least ``threshold`` alike."""
    if len(context) < 2:
        return np.zeros((0, 2), dtype=np.int64)
    sim = context @ context.T
    a, b = np.nonzero(np.triu(sim >= threshold, k=1))
    keep = report_of[a] != report_of[b]
    return np.stack([a[keep], b[keep]], axis=1)


def statement_of(f: EventFact, text: str) -> Span:
    start, end = (f.location.start, f.location.end) if f.location is not None else (f.fact.start, f.fact.end)
    return Span(f.fact.report, start, end, text[start:end])


MAX_CONTEXT = 400  # characters of a clause shown around its value; a run-on "sentence" is cut to this


def context_of(f: EventFact, text: str) -> Span:
    """The clause a value stands in; a very long one is cut to a window around the value."""
    start, end = f.fact.clause
    if end - start > MAX_CONTEXT:
        half = (MAX_CONTEXT - (f.fact.end - f.fact.start)) // 2
        start = max(start, f.fact.start - max(half, 0))
        end = min(end, max(f.fact.end, start + MAX_CONTEXT))
    return Span(f.fact.report, start, end, text[start:end])


def make_claim(
    group: Sequence[EventFact],
    probability: Callable[[int, int], float],
    texts: Mapping[str, str],
    settings: AlignSettings,
) -> Claim:
    conflicts = find_conflicts(group, probability, texts, settings)
    reports = {f.fact.report for f in group}
    status: ClaimStatus = "unique" if len(reports) == 1 else ("conflicting" if conflicts else "corroborated")
    ordered = sorted(group, key=lambda f: (f.report_rank, f.fact.start))
    return Claim(
        id="",
        status=status,
        statements=tuple(statement_of(f, texts[f.fact.report]) for f in ordered),
        conflicts=conflicts,
        kind=ordered[0].fact.kind,
        contexts=tuple(context_of(f, texts[f.fact.report]) for f in ordered),
    )


def incompatible_and_unlike(scored: Scored, settings: AlignSettings) -> np.ndarray:
    """Pairs of values of two reports that cannot both be true and are not a disputed fact (not alike enough, or
    not about the same thing): kept apart, so that a corroborated claim never holds 15 dead beside 70 dead."""
    out = np.zeros(len(scored.pairs), dtype=bool)
    strength = np.maximum(scored.about, scored.probability)
    for k in np.flatnonzero(scored.valued):
        a, b = (scored.facts[int(x)] for x in scored.pairs[k])
        if a.report_rank == b.report_rank or not values_differ(a, b, settings):
            continue
        disputed = strength[k] >= settings.conflict and pair_conflict(a, b, settings) is not None
        out[k] = not disputed
    return out


def _counts_two_things(a: tuple[int, str, str], b: tuple[int, str, str]) -> bool:
    """Two values of one report for what would be one fact: two things, unless the report credits them to two
    different named sources (then it reports the dispute itself)."""
    (ra, credit_a, va), (rb, credit_b, vb) = a, b
    return ra == rb and va != vb and not (credit_a and credit_b and credit_a != credit_b)


def join_disputes(groups: list[list[int]], scored: Scored, settings: AlignSettings) -> list[list[int]]:
    """Join two groups when a figure, time or place of one and of the other are about one thing (the "about" model,
    at least ``settings.conflict``) and their values cannot both be true: one fact, disputed, rather than two facts.
    Likeliest pairs first. Two groups never join when a report would then give two different values in it
    (``_counts_two_things``)."""
    facts = scored.facts
    group_of = {i: g for g, members in enumerate(groups) for i in members}
    values: dict[int, list[tuple[int, str, str]]] = {
        g: [(facts[i].report_rank, facts[i].attribution or "", value_key(facts[i])) for i in members]
        for g, members in enumerate(groups)
    }
    members_of = {g: list(m) for g, m in enumerate(groups)}
    parent = list(range(len(groups)))

    def root(g: int) -> int:
        while parent[g] != g:
            g = parent[g]
        return g

    strength = np.maximum(scored.about, scored.probability)
    order: np.ndarray = np.argsort(-strength, kind="stable")
    for k in order:
        if strength[k] < settings.conflict:
            break
        if not scored.valued[k]:
            continue
        a, b = (int(x) for x in scored.pairs[k])
        ga, gb = root(group_of[a]), root(group_of[b])
        fa, fb = facts[a], facts[b]
        if ga == gb or fa.fact.report == fb.fact.report or pair_conflict(fa, fb, settings) is None:
            continue
        va, vb = values[ga], values[gb]
        if any(_counts_two_things(x, y) for x in va for y in vb):
            continue
        parent[gb] = ga
        va.extend(vb)
        members_of[ga].extend(members_of.pop(gb))
    return sorted((sorted(m) for m in members_of.values()), key=lambda m: m[0])


def align_facts(
    docs: Sequence[AnnotatedReport],
    resolution: Resolution,
    times: Mapping[str, Sequence[TimeExpr]],
    vectors_of: Vectorizer,
    settings: AlignSettings = DEFAULT_ALIGN,
    model: AlignModel | None = None,
    stopwatch: Any = None,
    facts: Sequence[EventFact] | None = None,
) -> tuple[Claim, ...]:
    """Claims of the facts the figure table does not hold (things, happenings, participants, values it cannot
    read), every such fact in exactly one claim, claims in reading order. ``facts``: the event's facts (default:
    computed here); the figures, times and places the table holds are left out. ``stopwatch``: anything with a
    ``stage(name)`` context manager (``pipeline.Stopwatch``), to time the steps."""
    from dataclasses import replace

    from rashomon.event.figures.table import usable

    watch = stopwatch if stopwatch is not None else _NoWatch()
    if facts is None:
        with watch.stage("facts"):
            facts = event_facts(docs, resolution, times)
    rest = [replace(f, index=k) for k, f in enumerate(f for f in facts if not usable(f))]
    scored = score_facts(docs, resolution, times, vectors_of, settings, model or default_model(), watch, rest)
    if not scored.facts:
        return ()
    with watch.stage("grouping"):
        return _claims(docs, scored, settings)


class _NoWatch:
    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        yield


def _claims(docs: Sequence[AnnotatedReport], scored: Scored, settings: AlignSettings) -> tuple[Claim, ...]:
    facts = scored.facts
    groups = group_facts(
        len(facts),
        scored.pairs,
        scored.probability,
        settings.link,
        [f.report_rank for f in facts],
        [value_key(f) for f in facts],
        incompatible_and_unlike(scored, settings),
    )
    # a pair of figures, times or places is one fact if either model says so; any other pair by the "fact" model
    strength = np.where(scored.valued, np.maximum(scored.about, scored.probability), scored.probability)
    lookup = {(int(a), int(b)): float(p) for (a, b), p in zip(scored.pairs, strength, strict=True)}

    def probability(a: int, b: int) -> float:
        return lookup.get((a, b) if a < b else (b, a), 0.0)

    groups = join_disputes(groups, scored, settings)

    texts = {d.report.id: d.report.text for d in docs}
    claims = []
    for group in groups:
        members = [facts[i] for i in group]
        first = min(members, key=lambda f: (f.report_rank, f.fact.start))
        claims.append(((first.report_rank, first.fact.start), make_claim(members, probability, texts, settings)))
    claims.sort(key=lambda item: item[0])
    return tuple(c for _, c in claims)
