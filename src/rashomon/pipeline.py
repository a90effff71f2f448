"""The compare path: reports in, a Comparison out. Each step is a stage function; this module only wires them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from time import perf_counter

import numpy as np

from rashomon.annotate import annotate
from rashomon.config import DEFAULT_ALIGN, DEFAULT_SUMMARY, AlignSettings, SummarySettings
from rashomon.dates import resolve_event_times
from rashomon.event.align import align_facts, group_quotes
from rashomon.event.align.similarity import AlignModel
from rashomon.event.record import build_record
from rashomon.event.summary import summarize
from rashomon.records import AnnotatedReport, Claim, Comparison, Report
from rashomon.resolve import resolve_entities

Vectorizer = Callable[[list[str]], np.ndarray]


class Stopwatch:
    """Seconds spent per stage (added up when a stage runs more than once), for benchmarks; cheap when unused."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + perf_counter() - start


@dataclass(frozen=True, slots=True)
class Settings:
    """Options of the compare path, with defaults; one object travels through it."""

    model: str | None = None  # spaCy pipeline (package name or path); None: RASHOMON_SPACY_MODEL or the pinned one
    today: date | None = None  # the reference day for dates with no year and no publication date
    n_process: int = 1
    embeddings: bool = True  # sentence embeddings (ONNX) for claim alignment; False: bag-of-words vectors
    align: AlignSettings = DEFAULT_ALIGN  # thresholds of fact alignment and conflicts
    align_model: AlignModel | None = None  # the fact-pair model; None: the one shipped in rashomon/data
    summary: SummarySettings = DEFAULT_SUMMARY  # length and thresholds of the cited summary


def lexical_vectors(texts: list[str]) -> np.ndarray:
    """Unit bag-of-words vectors: the fallback when embeddings are off (and in unit tests)."""
    tokenized = [re.findall(r"[a-z0-9]+", t.lower()) for t in texts]
    vocab = {w: k for k, w in enumerate(sorted({w for ws in tokenized for w in ws}))}
    out = np.zeros((len(texts), max(1, len(vocab))), dtype=np.float32)
    for row, words in enumerate(tokenized):
        for w in words:
            out[row, vocab[w]] += 1.0
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.clip(norms, 1e-12, None)


def cached_vectorizer(encode: Vectorizer) -> Vectorizer:
    cache: dict[str, np.ndarray] = {}

    def vectors_of(texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in cache]
        if missing:
            for text, vector in zip(missing, encode(missing), strict=True):
                cache[text] = vector
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        return np.vstack([cache[t] for t in texts])

    return vectors_of


def default_vectorizer(settings: Settings) -> Vectorizer:
    if not settings.embeddings:
        return lexical_vectors
    from rashomon.embed import default_embedder

    return cached_vectorizer(default_embedder().encode)


def compare_annotated(
    docs: Sequence[AnnotatedReport],
    settings: Settings = Settings(),
    vectors_of: Vectorizer | None = None,
    group: str | None = None,
    stopwatch: Stopwatch | None = None,
) -> Comparison:
    """The per-event stages: dates anchored across reports, entities, quotes, claims, summary."""
    watch = stopwatch or Stopwatch()
    vectorize = vectors_of or default_vectorizer(settings)
    with watch.stage("dates"):
        times = resolve_event_times(
            {d.report.id: d.times for d in docs}, {d.report.id: d.report.published for d in docs}, today=settings.today
        )
        docs = [replace(d, times=times[d.report.id]) for d in docs]
    with watch.stage("entities"):
        mentions = [m for d in docs for m in d.mentions]
        resolution = resolve_entities(mentions, [link for d in docs for link in d.alias_links])
    with watch.stage("quotes"):
        quotes, attribution_claims = group_quotes(docs, resolution, settings.align)
    claims = align_facts(docs, resolution, times, vectorize, settings.align, settings.align_model, watch)
    all_claims = _numbered([*claims, *(attribution_claims if len(docs) > 1 else ())])
    reports = tuple(d.report for d in docs)
    with watch.stage("summary"):
        summary = summarize(docs, all_claims, vectorize, resolution.entities, settings.summary)
    with watch.stage("record"):
        record = build_record(docs, resolution, times, all_claims, quotes)
    return Comparison(
        reports=reports,
        entities=resolution.entities,
        times=tuple(t for d in docs for t in d.times),
        quotes=quotes,
        claims=all_claims,
        summary=summary,
        event=record,
        group=group,
    )


def _numbered(claims: Sequence[Claim]) -> tuple[Claim, ...]:
    return tuple(replace(c, id=f"C{k}") for k, c in enumerate(claims, start=1))


def compare_reports(
    reports: Sequence[Report],
    settings: Settings = Settings(),
    vectors_of: Vectorizer | None = None,
    stopwatch: Stopwatch | None = None,
) -> Comparison:
    """Compare the reports of one event."""
    watch = stopwatch or Stopwatch()
    vectorize = vectors_of or default_vectorizer(settings)
    with watch.stage("annotate"):
        docs = list(annotate(reports, model=settings.model, today=settings.today, n_process=settings.n_process))
    return compare_annotated(docs, settings, vectorize, stopwatch=watch)


def compare_by_event(
    reports: Sequence[Report],
    settings: Settings = Settings(),
    vectors_of: Vectorizer | None = None,
    key: Callable[[Report], str | None] | None = None,
) -> list[Comparison]:
    """One comparison per value of the reports' "event" field (or of ``key``), in order of first appearance."""
    vectorize = vectors_of or default_vectorizer(settings)
    group_of = key or (lambda r: r.event)
    docs = list(annotate(reports, model=settings.model, today=settings.today, n_process=settings.n_process))
    groups: dict[str | None, list[AnnotatedReport]] = {}
    for d in docs:
        groups.setdefault(group_of(d.report), []).append(d)
    return [
        replace(compare_annotated(g, settings, vectorize, group=k), extra={"group": k})  # null when absent
        for k, g in groups.items()
    ]
