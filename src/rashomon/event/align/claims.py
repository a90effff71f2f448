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
    Featurizer,
    candidate_pairs,
    default_model,
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
    floor: float = 0.0,
) -> Scored:
    """Facts, candidate pairs, features and (with a model) probabilities; what grouping and training both use.
    Probabilities are 0 without a model. ``facts``: the facts to align (default: every fact of the event);
    ``floor``: pairs the model scores below it are dropped as they are featurised (memory stays bounded)."""
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
        pairs, x = _featurize(facts, pairs, context, words, sentence_of, settings, model, floor)
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


FEATURE_CHUNK = 100_000  # candidate pairs featurised at a time


def _featurize(
    facts: Sequence[EventFact],
    pairs: np.ndarray,
    context: np.ndarray,
    words: Sequence[frozenset[str]],
    sentence_of: np.ndarray,
    settings: AlignSettings,
    model: AlignModel | None,
    floor: float,
) -> tuple[np.ndarray, np.ndarray]:
    """The candidate pairs and their feature rows, a chunk at a time; with a model and a floor, only the pairs it
    scores at or above the floor are kept (two facts no model would group cost nothing more)."""
    featurize = Featurizer(facts, context, words, sentence_of, settings)
    if len(pairs) == 0 or (len(pairs) <= FEATURE_CHUNK and (model is None or floor <= 0)):
        return pairs, featurize(pairs)
    kept_pairs, kept_x = [], []
    for start in range(0, len(pairs), FEATURE_CHUNK):
        chunk = pairs[start : start + FEATURE_CHUNK]
        x = featurize(chunk)
        if model is not None and floor > 0:
            keep = model.fact.probability(x) >= floor
            chunk, x = chunk[keep], x[keep]
        kept_pairs.append(chunk)
        kept_x.append(x)
    return np.concatenate(kept_pairs), np.concatenate(kept_x)


def _sentence_text(doc: AnnotatedReport, k: int) -> str:
    return doc.sentences[k].text if k < len(doc.sentences) else ""


def _sentence_words(doc: AnnotatedReport, k: int) -> frozenset[str]:
    return frozenset(doc.sentences[k].lemmas) if k < len(doc.sentences) else frozenset()


FLOOR = 0.05  # pairs less likely than this to state one fact are dropped while aligning
PARAPHRASE_NEIGHBOURS = 10  # at most this many paraphrases kept per sentence (its closest)
EXACT_ROWS = 6000  # up to this many sentences are compared exactly, a block of rows at a time
BLOCK_ROWS = 1024


def _paraphrases(context: np.ndarray, report_of: np.ndarray, threshold: float) -> np.ndarray:
    """Pairs (i < j) of sentence rows of different reports whose vectors are at least ``threshold`` alike, each row
    keeping its ``PARAPHRASE_NEIGHBOURS`` closest. Exact, a block of rows at a time (memory: a block times the
    rows), up to ``EXACT_ROWS`` rows; beyond, from a nearest-neighbour index (usearch HNSW), so the cost grows about
    linearly with the event."""
    n = len(context)
    if n < 2:
        return np.zeros((0, 2), dtype=np.int64)
    codes = np.unique(report_of.astype(str), return_inverse=True)[1]
    k = min(PARAPHRASE_NEIGHBOURS + 1, n)
    if n <= EXACT_ROWS:
        rows, cols, sims = [], [], []
        for start in range(0, n, BLOCK_ROWS):
            block = context[start : start + BLOCK_ROWS] @ context.T
            idx = np.arange(start, start + len(block))
            block[np.arange(len(block)), idx] = -1.0  # not itself
            top = np.argpartition(-block, k - 1, axis=1)[:, :k]
            rows.append(np.repeat(idx, k))
            cols.append(top.ravel())
            sims.append(np.take_along_axis(block, top, axis=1).ravel())
        a, b, sim = np.concatenate(rows), np.concatenate(cols), np.concatenate(sims)
    else:
        from rashomon.embed import nearest_neighbour_index

        Index = nearest_neighbour_index()

        index = Index(ndim=context.shape[1], metric="cos", dtype="f32")
        index.add(np.arange(n), np.ascontiguousarray(context, dtype=np.float32))
        found = index.search(np.ascontiguousarray(context, dtype=np.float32), k)
        a = np.repeat(np.arange(n), k)
        b = np.asarray(found.keys, dtype=np.int64).reshape(n, -1)[:, :k].ravel()
        sim = 1.0 - np.asarray(found.distances, dtype=np.float32).reshape(n, -1)[:, :k].ravel()
        valid = (b >= 0) & (b < n)
        a, b, sim = a[valid], b[valid], sim[valid]
    keep = (sim >= threshold) & (a != b) & (codes[a] != codes[b])
    pairs = np.sort(np.stack([a[keep], b[keep]], axis=1), axis=1)
    return np.unique(pairs, axis=0) if len(pairs) else np.zeros((0, 2), dtype=np.int64)


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
    from rashomon.event.figures.table import usable

    watch = stopwatch if stopwatch is not None else _NoWatch()
    if facts is None:
        with watch.stage("facts"):
            facts = event_facts(docs, resolution, times)
    rest = [f for f in facts if not usable(f)]
    firsts, twins = _twins(docs, rest)
    scored = score_facts(docs, resolution, times, vectors_of, settings, model or default_model(), watch, firsts, FLOOR)
    if not scored.facts:
        return ()
    with watch.stage("grouping"):
        return _claims(docs, scored, settings, twins)


def _twins(
    docs: Sequence[AnnotatedReport], facts: Sequence[EventFact]
) -> tuple[list[EventFact], dict[int, list[EventFact]]]:
    """The facts to weigh, each standing for its twins: the same words at the same place of the same sentence in
    other reports (a wire story printed by many outlets). Twins are one fact, told alike; weighing one of them is
    enough, and the cost grows with the distinct sentences, not with the copies. Returns the facts to weigh
    (re-indexed) and, by their index, their twins."""
    from dataclasses import replace

    starts = {d.report.id: [s.start for s in d.sentences] for d in docs}
    first_of: dict[tuple[str, int, int, str], int] = {}
    firsts: list[EventFact] = []
    twins: dict[int, list[EventFact]] = {}
    for f in facts:
        sentence_starts = starts.get(f.fact.report, [])
        offset = sentence_starts[f.fact.sentence] if f.fact.sentence < len(sentence_starts) else 0
        key = (f.sentence_text, f.fact.start - offset, f.fact.end - offset, f.fact.kind)
        k = first_of.get(key)
        if k is not None and firsts[k].report_rank != f.report_rank:
            twins.setdefault(k, []).append(replace(f, index=-1))  # never looked up as a pair: it was not weighed
            continue
        first_of.setdefault(key, len(firsts))
        firsts.append(replace(f, index=len(firsts)))
    return firsts, twins


class _NoWatch:
    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        yield


def _claims(
    docs: Sequence[AnnotatedReport],
    scored: Scored,
    settings: AlignSettings,
    twins: Mapping[int, Sequence[EventFact]] | None = None,
) -> tuple[Claim, ...]:
    facts = scored.facts
    twins = twins or {}
    groups = group_facts(
        len(facts),
        scored.pairs,
        scored.probability,
        settings.link,
        [f.report_rank for f in facts],
        [value_key(f) for f in facts],
        incompatible_and_unlike(scored, settings),
    )
    groups = join_disputes(groups, scored, settings)
    # a pair of figures, times or places is one fact if either model says so; any other pair by the "fact" model;
    # only pairs inside one group are looked up (what conflicts are read from)
    strength = np.where(scored.valued, np.maximum(scored.about, scored.probability), scored.probability)
    group_of = np.full(len(facts), -1, dtype=np.int64)
    for g, members_ in enumerate(groups):
        group_of[members_] = g
    inside = group_of[scored.pairs[:, 0]] == group_of[scored.pairs[:, 1]] if len(scored.pairs) else np.zeros(0, bool)
    lookup = {(int(a), int(b)): float(p) for (a, b), p in zip(scored.pairs[inside], strength[inside], strict=True)}

    def probability(a: int, b: int) -> float:
        return lookup.get((a, b) if a < b else (b, a), 0.0)

    texts = {d.report.id: d.report.text for d in docs}
    claims = []
    for group in groups:
        members = [facts[i] for i in group]
        members += [t for i in group for t in twins.get(i, ())]
        first = min(members, key=lambda f: (f.report_rank, f.fact.start))
        claims.append(((first.report_rank, first.fact.start), make_claim(members, probability, texts, settings)))
    claims.sort(key=lambda item: item[0])
    return tuple(c for _, c in claims)
