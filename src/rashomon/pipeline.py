"""The compare path: reports in, a Comparison out. Each step is a stage function; this module only wires them."""

from __future__ import annotations

import contextlib
import queue
import re
import threading
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from time import perf_counter

import numpy as np

from rashomon.annotate import annotate
from rashomon.config import DEFAULT_ALIGN, DEFAULT_SUMMARY, MAX_EVENT_REPORTS, AlignSettings, SummarySettings
from rashomon.dates import resolve_event_times
from rashomon.event.align import align_facts, group_quotes
from rashomon.event.align.facts import EventFact, event_facts
from rashomon.event.align.similarity import AlignModel
from rashomon.event.figures import EventWindow, event_window, tabulate
from rashomon.event.figures.claims import figure_table, table_claims
from rashomon.event.figures.slots import main_happenings
from rashomon.event.figures.table import Similarity, word_similarity
from rashomon.event.record import build_record, event_day
from rashomon.event.sample import EventSample, sample_reports
from rashomon.event.summary import summarize
from rashomon.event.taxonomy import EventType, classify_event
from rashomon.records import AnnotatedReport, Claim, Comparison, Report, TimeExpr
from rashomon.resolve import Resolution, resolve_entities

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
    embeddings: bool = True  # sentence embeddings (ONNX) for the summary; False: bag-of-words vectors
    align_embeddings: bool = False  # sentence embeddings for aligning things and happenings too (slower)
    align: AlignSettings = DEFAULT_ALIGN  # thresholds of fact alignment and conflicts
    align_model: AlignModel | None = None  # the fact-pair model; None: the one shipped in rashomon/data
    summary: SummarySettings = DEFAULT_SUMMARY  # length and thresholds of the cited summary
    max_reports: int = MAX_EVENT_REPORTS  # an event of more reports is compared on a sample of this many; 0: all


LEXICAL_DIM = 1024  # hashed bag-of-words width: memory stays bounded however large the vocabulary


def lexical_vectors(texts: list[str]) -> np.ndarray:
    """Unit bag-of-words vectors, words hashed into ``LEXICAL_DIM`` signed buckets (CRC-32, the same on every run):
    what aligns things and happenings, and the fallback when embeddings are off."""
    out = np.zeros((len(texts), LEXICAL_DIM), dtype=np.float32)
    for row, text in enumerate(texts):
        for w in re.findall(r"[a-z0-9]+", text.lower()):
            h = zlib.crc32(w.encode())
            out[row, h % LEXICAL_DIM] += 1.0 if (h >> 16) & 1 else -1.0
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.clip(norms, 1e-12, None)


def cached_vectorizer(encode: Vectorizer) -> Vectorizer:
    """``encode`` with a cache by text; safe to call from two threads (a text is encoded once)."""
    cache: dict[str, np.ndarray] = {}
    lock = threading.Lock()

    def vectors_of(texts: list[str]) -> np.ndarray:
        with lock:
            missing = [t for t in dict.fromkeys(texts) if t not in cache]
            if missing:
                for text, vector in zip(missing, encode(missing), strict=True):
                    cache[text] = vector
            if not texts:
                return np.zeros((0, 1), dtype=np.float32)
            return np.vstack([cache[t] for t in texts])

    return vectors_of


class Prefetch:
    """Sentence embeddings computed on a second thread while the next reports are still being parsed: parsing
    keeps one core busy, encoding takes the other, so most of the encoding is done when the comparison asks for it.
    Texts are queued in batches; ``join`` waits for the queue to drain."""

    BATCH = 64

    def __init__(self, vectorize: Vectorizer) -> None:
        self._vectorize = vectorize
        self._queue: queue.Queue[list[str] | None] = queue.Queue()
        self._pending: list[str] = []
        self._thread = threading.Thread(target=self._run, name="rashomon-prefetch", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (texts := self._queue.get()) is not None:
            with contextlib.suppress(Exception):  # a failure here is met again, and raised, on the main thread
                self._vectorize(texts)

    def add(self, texts: Sequence[str]) -> None:
        self._pending.extend(t for t in texts if t.strip())
        if len(self._pending) >= self.BATCH:
            self._queue.put(self._pending)
            self._pending = []

    def join(self) -> None:
        if self._pending:
            self._queue.put(self._pending)
            self._pending = []
        self._queue.put(None)
        self._thread.join()


def default_vectorizer(settings: Settings) -> Vectorizer:
    if not settings.embeddings:
        return lexical_vectors
    from rashomon.embed import default_embedder

    return cached_vectorizer(default_embedder().encode)


@dataclass(frozen=True, slots=True)
class EventView:
    """What the per-event stages share: the reports with their times anchored across the event, the entities, every
    fact, the event's type, its time window and kinds of happening, and how alike two facts' sentences are."""

    docs: tuple[AnnotatedReport, ...]
    times: dict[str, tuple[TimeExpr, ...]]
    resolution: Resolution
    facts: tuple[EventFact, ...]
    kind: EventType
    window: EventWindow
    main: frozenset[str]
    similarity: Similarity


def view_event(
    docs: Sequence[AnnotatedReport], settings: Settings, vectorize: Vectorizer, watch: Stopwatch | None = None
) -> EventView:
    """Dates anchored across the reports, entities resolved, facts read with the event's view of them."""
    watch = watch or Stopwatch()
    with watch.stage("dates"):
        resolved = resolve_event_times(
            {d.report.id: d.times for d in docs}, {d.report.id: d.report.published for d in docs}, today=settings.today
        )
        times = {k: tuple(v) for k, v in resolved.items()}
        docs = [replace(d, times=times[d.report.id]) for d in docs]
    with watch.stage("entities"):
        mentions = [m for d in docs for m in d.mentions]
        resolution = resolve_entities(mentions, [link for d in docs for link in d.alias_links])
    reports = [d.report for d in docs]
    with watch.stage("facts"):
        facts = tuple(event_facts(docs, resolution, times))
        kind = classify_event(reports, {d.report.id: d.sentences for d in docs})
        window = event_window(event_day(docs, facts, kind, times), [r.published for r in reports], times)
        main = main_happenings((ev.span.text for ev in kind.evidence), kind.category)
    return EventView(tuple(docs), times, resolution, facts, kind, window, main, word_similarity)


def compare_annotated(
    docs: Sequence[AnnotatedReport],
    settings: Settings = Settings(),
    vectors_of: Vectorizer | None = None,
    group: str | None = None,
    stopwatch: Stopwatch | None = None,
    sample: EventSample | None = None,
) -> Comparison:
    """The per-event stages: dates anchored across reports, entities, quotes, the figure table, claims, summary,
    record. An event of more than ``settings.max_reports`` reports is compared on a sample (``event.sample``);
    ``sample``: the one already drawn from the event's reports before they were annotated."""
    watch = stopwatch or Stopwatch()
    vectorize = vectors_of or default_vectorizer(settings)
    docs, sample = _sampled(docs, settings.max_reports, sample)
    view = view_event(docs, settings, vectorize, watch)
    docs, times, resolution, facts = list(view.docs), view.times, view.resolution, view.facts
    with watch.stage("quotes"):
        quotes, attribution_claims = group_quotes(docs, resolution, settings.align)
    reports = tuple(d.report for d in docs)
    texts = {d.report.id: d.report.text for d in docs}
    with watch.stage("table"):
        table = tabulate(facts, view.window, times, reports, settings.align, view.main, view.similarity)
        slot_claims = table_claims(table, texts)
    # things, happenings and participants are aligned on their sentences' words: sentence embeddings cost more
    # than the parse on this machine and gave no better alignment on the dev gold (BENCHMARKS.md)
    aligning = vectorize if settings.align_embeddings else lexical_vectors
    claims = align_facts(docs, resolution, times, aligning, settings.align, settings.align_model, watch, facts)
    ranked = _ranked(
        [
            *((c, None) for c in claims),
            *((c, k) for k, c in enumerate(slot_claims)),
            *((c, None) for c in (attribution_claims if len(docs) > 1 else ())),
        ]
    )
    all_claims = tuple(c for c, _ in ranked)
    figures = figure_table(table, {k: c.id for c, k in ranked if k is not None})
    with watch.stage("summary"):
        summary = summarize(docs, all_claims, vectorize, resolution.entities, settings.summary)
    with watch.stage("record"):
        record = build_record(docs, resolution, times, all_claims, quotes, facts=facts, kind=view.kind, table=table)
    return Comparison(
        reports=reports,
        entities=resolution.entities,
        times=tuple(t for d in docs for t in d.times),
        quotes=quotes,
        claims=all_claims,
        summary=summary,
        event=record,
        group=group,
        figures=figures,
        extra={"sample": sample.to_dict()} if sample.sampled else {},
    )


def _sampled(
    docs: Sequence[AnnotatedReport], limit: int, drawn: EventSample | None
) -> tuple[Sequence[AnnotatedReport], EventSample]:
    """The documents to compare and the sample they are: ``drawn`` when it was taken before the parse (it is
    widened to the event's size), else one drawn now."""
    sample = sample_reports([d.report for d in docs], limit)
    if sample.sampled:
        keep = {r.id for r in sample.kept}
        docs = [d for d in docs if d.report.id in keep]
    if drawn is not None and drawn.sampled:
        sample = EventSample(sample.kept, (*drawn.left_out, *sample.left_out), drawn.total)
    return docs, sample


def _tier(claim: Claim) -> int:
    """Disputes first, then the main event's corroborated figures, times and places, then the rest."""
    if claim.status == "conflicting":
        return 0
    if claim.status == "corroborated" and claim.frame == "main" and claim.slot:
        return 1
    return 2


def _ranked(claims: Sequence[tuple[Claim, int | None]]) -> list[tuple[Claim, int | None]]:
    """Claims in the order a reader needs them (``_tier``, then reading order), numbered C1, C2, ..."""

    def order(item: tuple[int, tuple[Claim, int | None]]) -> tuple[int, int, int, int]:
        position, (claim, _) = item
        first = claim.statements[0] if claim.statements else None
        return (_tier(claim), reports_rank.get(first.report, 0) if first else 0, first.start if first else 0, position)

    reports_rank: dict[str, int] = {}
    for claim, _ in claims:
        for st in claim.statements:
            reports_rank.setdefault(st.report, len(reports_rank))
    ordered = [item for _, item in sorted(enumerate(claims), key=order)]
    return [(replace(c, id=f"C{k}"), slot) for k, (c, slot) in enumerate(ordered, start=1)]


def compare_reports(
    reports: Sequence[Report],
    settings: Settings = Settings(),
    vectors_of: Vectorizer | None = None,
    stopwatch: Stopwatch | None = None,
) -> Comparison:
    """Compare the reports of one event."""
    watch = stopwatch or Stopwatch()
    vectorize = vectors_of or default_vectorizer(settings)
    sample = sample_reports(reports, settings.max_reports)  # before the parse: what is left out is never parsed
    prefetch = Prefetch(vectorize) if settings.embeddings else None
    docs = []
    try:
        with watch.stage("annotate"):
            for doc in annotate(sample.kept, model=settings.model, today=settings.today, n_process=settings.n_process):
                docs.append(doc)
                if prefetch is not None:
                    prefetch.add([s.text for s in doc.sentences])
    finally:
        if prefetch is not None:
            with watch.stage("embeddings"):
                prefetch.join()
    return compare_annotated(docs, settings, vectorize, stopwatch=watch, sample=sample)


def compare_by_event(
    reports: Sequence[Report],
    settings: Settings = Settings(),
    vectors_of: Vectorizer | None = None,
    key: Callable[[Report], str | None] | None = None,
) -> list[Comparison]:
    """One comparison per value of the reports' "event" field (or of ``key``), in order of first appearance; a
    group larger than ``settings.max_reports`` is sampled before it is parsed."""
    vectorize = vectors_of or default_vectorizer(settings)
    group_of = key or (lambda r: r.event)
    grouped: dict[str | None, list[Report]] = {}
    for r in reports:
        grouped.setdefault(group_of(r), []).append(r)
    samples = {k: sample_reports(g, settings.max_reports) for k, g in grouped.items()}
    kept = [r for s in samples.values() for r in s.kept]
    docs = iter(annotate(kept, model=settings.model, today=settings.today, n_process=settings.n_process))
    parsed = {k: [next(docs) for _ in s.kept] for k, s in samples.items()}  # in order: ids may repeat
    return [
        _with_group(compare_annotated(parsed[k], settings, vectorize, group=k, sample=s), k) for k, s in samples.items()
    ]


def _with_group(comparison: Comparison, group: str | None) -> Comparison:
    """The comparison with its group named in ``extra`` (null when the reports had none)."""
    return replace(comparison, extra={"group": group, **comparison.extra})
