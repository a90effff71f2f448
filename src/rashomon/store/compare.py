"""Compare one stored event: its reports' stored annotations are used as they are (no parsing), the others are
annotated now and stored, so that the next comparison of any event holding them starts from the store."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rashomon.records import AnnotatedReport, Comparison, Report
from rashomon.store.base import Batch
from rashomon.store.reads import get_annotated, get_report, iter_events
from rashomon.store.sqlite import SQLiteStore

if TYPE_CHECKING:
    from rashomon.pipeline import Settings

Annotator = Callable[[Sequence[Report]], Iterable[AnnotatedReport]]


class EventNotFound(LookupError):
    """No stored event has this id (or id prefix), or the prefix is shared by several."""


@dataclass(frozen=True, slots=True)
class StoredEvent:
    id: str
    label: str
    reports: tuple[Report, ...]
    annotated: tuple[AnnotatedReport, ...]  # the reports whose annotations are stored, in report order


def find_event(conn: sqlite3.Connection, event_id: str) -> StoredEvent:
    """The stored event whose id is ``event_id`` or starts with it (when only one does)."""
    matches = [e for e in iter_events(conn) if e.id == event_id or e.id.startswith(event_id)]
    exact = [e for e in matches if e.id == event_id]
    if exact:
        matches = exact
    if not matches:
        raise EventNotFound(f"no stored event {event_id!r} (list them with `rashomon events --db ...`)")
    if len(matches) > 1:
        raise EventNotFound(f"{event_id!r} starts {len(matches)} event ids; give more of it")
    event = matches[0]
    reports = tuple(r for r in (get_report(conn, rid) for rid in event.reports) if r is not None)
    annotated = tuple(a for a in (get_annotated(conn, r.id) for r in reports) if a is not None)
    return StoredEvent(event.id, event.label, reports, annotated)


def annotations_for(event: StoredEvent, annotate_missing: Annotator) -> list[AnnotatedReport]:
    """Every report's annotations in report order: stored ones as they are, the rest from ``annotate_missing``
    (a function taking the reports that have none and returning their annotations)."""
    have = {a.report.id: a for a in event.annotated}
    missing = [r for r in event.reports if r.id not in have]
    if missing:
        have.update({a.report.id: a for a in annotate_missing(missing)})
    return [have[r.id] for r in event.reports]


def compare_stored_event(store: SQLiteStore, event_id: str, settings: Settings) -> tuple[StoredEvent, Comparison]:
    """Compare one stored event (id or unique prefix) with ``settings`` (``rashomon.pipeline.Settings``); reports
    without stored annotations are annotated and their annotations stored in one transaction."""
    from rashomon.annotate import annotate
    from rashomon.event.sample import sample_reports
    from rashomon.pipeline import compare_annotated

    with store.reader() as conn:
        event = find_event(conn, event_id)

    def annotate_and_store(reports: Sequence[Report]) -> list[AnnotatedReport]:
        docs = list(annotate(reports, model=settings.model, today=settings.today, n_process=settings.n_process))
        run = store.start_run([f"event:{event.id}"], annotate=True)
        store.write_batch(run, Batch((), tuple(docs)))
        store.finish_run(run, status="done")
        return docs

    sample = sample_reports(event.reports, settings.max_reports)  # a large event: only its sample is annotated
    kept = {r.id for r in sample.kept}
    part = replace(event, reports=sample.kept, annotated=tuple(a for a in event.annotated if a.report.id in kept))
    docs = annotations_for(part, annotate_and_store)
    return event, compare_annotated(docs, settings, group=event.id, sample=sample)
