"""The web app's service layer: plain functions over a store's connection (reads) or its writer (writes), with no
HTTP in them, so each is testable on its own.

- events: ``load_events`` (every event with its status and facets), ``filter_events`` (a page of those a query
  keeps), ``event_view``;
- reports: ``report_view``; ``parse_upload`` and ``parse_json_reports`` read submitted bytes with the ingest code
  (the formats ``rashomon compare`` reads), ``add_reports`` stores them (idempotent by content hash);
- comparisons: ``comparer_key`` names what compares, ``fingerprint`` one version of an event, ``compare_event``
  runs the pipeline (seconds), ``comparison_row`` turns its document into the row the store caches.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, Literal

from rashomon.app.facets import Facets, date_bounds, facets_of
from rashomon.records import Rejected, Report
from rashomon.store.base import Batch, ComparisonRow, EventRow, Skip, stored_id
from rashomon.store.ingest import plan_batch
from rashomon.store.reads import (
    event_of_report,
    get_comparison,
    get_event,
    get_report,
    iter_comparison_facets,
    iter_event_listing,
)

if TYPE_CHECKING:
    from rashomon.pipeline import Settings
    from rashomon.store.sqlite import SQLiteStore

Status = Literal["compared", "pending"]

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_QUERY_CHARS = 200


class InvalidInput(ValueError):
    """Submitted data that cannot be used: ``status`` 400 when it is malformed, 422 when well-formed but wrong."""

    def __init__(self, message: str, status: int = 422, rejected: Sequence[Rejected] = ()) -> None:
        super().__init__(message)
        self.status = status
        self.rejected = tuple(rejected)


# --- events ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EventQuery:
    """What a list asks for: words in the label or a report's title, a date range (days, inclusive), a place and
    an actor (part of a name), whether the event has conflicts, and which page."""

    text: str = ""
    date_from: str | None = None
    date_to: str | None = None
    place: str = ""
    actor: str = ""
    conflicts: bool | None = None
    offset: int = 0
    limit: int = DEFAULT_LIMIT

    @property
    def needs_comparison(self) -> bool:
        """Whether the query filters on what only a comparison knows (events not compared yet cannot match)."""
        return bool(self.place or self.actor or self.conflicts is not None)


@dataclass(frozen=True, slots=True)
class EventSummary:
    id: str
    label: str
    start: str | None
    end: str | None
    reports: tuple[str, ...]
    titles: tuple[str | None, ...]
    fingerprint: str
    facets: Facets | None  # None until the event is compared

    @property
    def status(self) -> Status:
        return "pending" if self.facets is None else "compared"

    @property
    def date(self) -> str | None:
        """The event's date: the comparison's, else the span of its reports' publication dates."""
        if self.facets is not None and self.facets.date:
            return self.facets.date
        if self.start and self.end and self.end[:10] != self.start[:10]:
            return f"{self.start[:10]}/{self.end[:10]}"
        return self.start[:10] if self.start else None


@dataclass(frozen=True, slots=True)
class EventPage:
    events: tuple[EventSummary, ...]
    total: int  # events the query keeps
    skipped_pending: int  # events left out because the query needs a comparison they do not have yet
    query: EventQuery


def comparer_key(settings: Settings) -> str:
    """What a comparison depends on besides the reports: the program, the parser, and every setting of the compare
    path but the reference day and the process count (a stored comparison made otherwise is not reused)."""
    from rashomon import __version__
    from rashomon.nlp import model_name

    model = model_name(settings.model)
    rest = repr(replace(settings, model=None, today=None, n_process=1))
    return f"rashomon.comparison/1; rashomon {__version__}; {model}; {hashlib.sha256(rest.encode()).hexdigest()[:16]}"


def fingerprint(comparer: str, report_ids: Iterable[str]) -> str:
    """One version of an event: its reports (store ids come from content) and what compares them."""
    text = "\n".join([comparer, *sorted(report_ids)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def load_events(conn: sqlite3.Connection, comparer: str) -> tuple[EventSummary, ...]:
    """Every stored event with the facets of its current comparison (None while it has none), newest first."""
    facets = {}
    for row in iter_comparison_facets(conn):
        facets[(row.event_id, row.fingerprint)] = Facets(row.date, row.places, row.actors, row.conflicts)
    events = []
    for e in iter_event_listing(conn):
        mark = fingerprint(comparer, e.reports)
        events.append(EventSummary(e.id, e.label, e.start, e.end, e.reports, e.titles, mark, facets.get((e.id, mark))))
    events.sort(key=lambda e: e.id)
    events.sort(key=lambda e: e.date or "", reverse=True)
    return tuple(events)


def filter_events(events: Sequence[EventSummary], query: EventQuery) -> EventPage:
    """The page of ``events`` that ``query`` keeps (order kept)."""
    kept: list[EventSummary] = []
    skipped = 0
    for event in events:
        if not (_text_matches(event, query.text) and _date_matches(event, query)):
            continue
        if query.needs_comparison and event.facets is None:
            skipped += 1
        elif event.facets is None or _facets_match(event.facets, query):
            kept.append(event)
    page = tuple(kept[query.offset : query.offset + query.limit])
    return EventPage(page, len(kept), skipped, query)


def _text_matches(event: EventSummary, text: str) -> bool:
    haystack = " ".join([event.label, *(t for t in event.titles if t)]).casefold()
    return all(word in haystack for word in text.casefold().split())


def _date_matches(event: EventSummary, query: EventQuery) -> bool:
    if query.date_from is None and query.date_to is None:
        return True
    bounds = date_bounds(event.date)
    if bounds is None:
        return False
    return (query.date_to is None or bounds[0] <= query.date_to) and (
        query.date_from is None or bounds[1] >= query.date_from
    )


def _facets_match(facets: Facets, query: EventQuery) -> bool:
    if query.conflicts is not None and facets.has_conflicts != query.conflicts:
        return False
    return _any_name(facets.places, query.place) and _any_name(facets.actors, query.actor)


def _any_name(names: Sequence[str], wanted: str) -> bool:
    folded = wanted.casefold().strip()
    return not folded or any(folded in name.casefold() for name in names)


def query_from_params(params: Mapping[str, str]) -> EventQuery:
    """An ``EventQuery`` from URL parameters (q, from, to, place, actor, conflicts, offset, limit); raises
    ``InvalidInput`` naming the parameter that is wrong. Empty parameters are ignored (a form sends them)."""
    text = _short(params, "q")
    conflicts_param = params.get("conflicts", "").strip().lower()
    if conflicts_param not in ("", "any", "yes", "no", "true", "false", "1", "0"):
        raise InvalidInput("conflicts must be yes or no")
    conflicts = None if conflicts_param in ("", "any") else conflicts_param in ("yes", "true", "1")
    date_from, date_to = _day(params, "from"), _day(params, "to")
    if date_from and date_to and date_from > date_to:
        raise InvalidInput("from must not be after to")
    return EventQuery(
        text=text,
        date_from=date_from,
        date_to=date_to,
        place=_short(params, "place"),
        actor=_short(params, "actor"),
        conflicts=conflicts,
        offset=_int(params, "offset", 0, 0, 10**9),
        limit=_int(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
    )


def _short(params: Mapping[str, str], name: str) -> str:
    value = params.get(name, "").strip()
    if len(value) > MAX_QUERY_CHARS:
        raise InvalidInput(f"{name} is longer than {MAX_QUERY_CHARS} characters")
    return value


def _day(params: Mapping[str, str], name: str) -> str | None:
    value = params.get(name, "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise InvalidInput(f"{name} must be a day in YYYY-MM-DD form, not {value[:40]!r}") from None


def _int(params: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    value = params.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or not low <= int(value) <= high:
        raise InvalidInput(f"{name} must be a whole number from {low} to {high}")
    return int(value)


@dataclass(frozen=True, slots=True)
class EventView:
    event: EventRow
    fingerprint: str
    document: str | None  # the cached comparison (JSON text), None while the event is not compared


def event_view(conn: sqlite3.Connection, event_id: str, comparer: str) -> EventView | None:
    """One event (exact id) with its cached comparison, if it has one for its current reports."""
    event = get_event(conn, event_id)
    if event is None:
        return None
    mark = fingerprint(comparer, event.reports)
    cached = get_comparison(conn, event.id, mark)
    return EventView(event, mark, None if cached is None else cached.document)


# --- reports ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReportView:
    report: Report  # under its store id
    event: EventRow | None  # the event it belongs to, None until events are updated
    others: tuple[Report, ...] = ()  # the event's other reports


def report_view(conn: sqlite3.Connection, report_id: str) -> ReportView | None:
    report = get_report(conn, report_id)
    if report is None:
        return None
    event_id = event_of_report(conn, report_id)
    event = get_event(conn, event_id) if event_id else None
    others = tuple(r for rid in (event.reports if event else ()) if rid != report_id and (r := get_report(conn, rid)))
    return ReportView(report, event, others)


def report_to_json(view: ReportView) -> dict[str, Any]:
    r = view.report
    event = None if view.event is None else {"id": view.event.id, "label": view.event.label}
    return {
        "id": r.id,
        "title": r.title,
        "source": r.source,
        "url": r.url,
        "published": r.published,
        "path": r.path,
        "text": r.text,
        "event": event,
    }


@dataclass(frozen=True, slots=True)
class Parsed:
    reports: tuple[Report, ...]
    rejected: tuple[Rejected, ...] = ()


def parse_upload(data: bytes, filename: str | None) -> Parsed:
    """The reports in an uploaded file or pasted text, read as ``rashomon compare`` reads a file of that name
    (``.txt``, ``.html``, ``.json``, ``.jsonl``; text with optional header lines otherwise)."""
    from rashomon.ingest import (
        BadInput,
        decode_bytes,
        detect_format,
        make_ids_unique,
        records_from_json,
        records_from_jsonl,
        report_from_html,
        report_from_text,
    )

    name = PurePath(filename or "pasted.txt").name or "pasted.txt"
    stem = PurePath(name).stem or "report"
    try:
        text = decode_bytes(data)
        if not text.strip():
            raise BadInput("empty file")
        fmt = detect_format(PurePath(name).suffix.lower(), text)
        rejected: list[Rejected] = []
        if fmt == "html":
            reports = [report_from_html(text, path=name, report_id=stem)]
        elif fmt == "text":
            reports = [report_from_text(text, path=name, report_id=stem)]
        else:
            loader = records_from_jsonl if fmt == "jsonl" else records_from_json
            reports, rejected = loader(text, path=name, label=name, stem=stem)
    except BadInput as bad:
        return Parsed((), (Rejected(name, bad.reason),))
    return Parsed(make_ids_unique(reports), tuple(rejected))


def parse_json_reports(body: bytes, *, lines: bool = False) -> Parsed:
    """The reports of an API request: one JSON report object or a list of them (``lines``: JSON Lines), as the
    JSON input lines of ``rashomon compare``. Raises ``InvalidInput`` (400) for a body that is not UTF-8 JSON and
    (422) for JSON that is not a report object or a list of them."""
    from rashomon.ingest import BadInput, make_ids_unique, records_from_json, records_from_jsonl

    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput("the body is not UTF-8 text", 400) from None
    if not text.strip():
        raise InvalidInput("the body is empty", 400)
    if not lines:
        try:
            document = json.loads(text)
        except (ValueError, RecursionError) as error:
            raise InvalidInput(f"the body is not valid JSON ({str(error)[:120]})", 400) from None
        if not isinstance(document, dict | list):
            raise InvalidInput("the body must be a report object or a list of report objects")
    loader = records_from_jsonl if lines else records_from_json
    try:
        reports, rejected = loader(text, path=None, label="body", stem="report")
    except BadInput as bad:
        raise InvalidInput(bad.reason) from None
    return Parsed(make_ids_unique(reports), tuple(rejected))


@dataclass(frozen=True, slots=True)
class AddedReport:
    id: str  # the store's id
    input: str  # the id the input gave
    title: str | None


@dataclass(frozen=True, slots=True)
class Added:
    added: tuple[AddedReport, ...]
    duplicates: tuple[Skip, ...]  # ``report``: the stored id
    rejected: tuple[Rejected, ...] = ()


def add_reports(store: SQLiteStore, parsed: Parsed, source: str) -> Added:
    """Store the new reports of ``parsed`` (one run, one transaction); a report already stored is a duplicate."""
    run = store.start_run([source], annotate=False)
    plan = plan_batch(parsed.reports, store, set(), annotate=False)
    skips = tuple(Skip(r.input, "rejected", r.reason) for r in parsed.rejected)
    store.write_batch(run, Batch(plan.new, (), (*plan.skips, *skips)))
    store.finish_run(run, status="done")
    added = tuple(AddedReport(stored_id(r.content_hash), r.id, r.title) for r in plan.new)
    return Added(added, plan.skips, parsed.rejected)


def added_to_json(result: Added) -> dict[str, Any]:
    return {
        "added": [{"id": r.id, "input": r.input, "title": r.title} for r in result.added],
        "duplicates": [{"id": s.report, "input": s.input, "reason": s.reason} for s in result.duplicates],
        "rejected": [{"input": r.input, "reason": r.reason} for r in result.rejected],
    }


# --- comparisons -----------------------------------------------------------------------------------------


def compare_event(store: SQLiteStore, event_id: str, settings: Settings) -> dict[str, Any]:
    """The comparison document of one stored event (runs the NLP pipeline: seconds)."""
    from rashomon.serialize import comparison_to_dict
    from rashomon.store.compare import compare_stored_event

    if settings.today is None:
        settings = replace(settings, today=date.today())
    _, comparison = compare_stored_event(store, event_id, settings)
    return comparison_to_dict(comparison)


def comparison_row(event_id: str, mark: str, doc: Mapping[str, Any]) -> ComparisonRow:
    facets = facets_of(doc)
    document = json.dumps(doc, ensure_ascii=False)
    return ComparisonRow(event_id, mark, document, facets.date, facets.places, facets.actors, facets.conflicts)


def summary_to_json(event: EventSummary) -> dict[str, Any]:
    facets = event.facets
    return {
        "id": event.id,
        "label": event.label,
        "start": event.start,
        "end": event.end,
        "reports": list(event.reports),
        "status": event.status,
        "date": event.date,
        "places": list(facets.places) if facets else None,
        "actors": list(facets.actors) if facets else None,
        "conflicts": facets.conflicts if facets else None,
    }


def page_to_json(page: EventPage) -> dict[str, Any]:
    return {
        "schema": "rashomon.events/1",
        "events": [summary_to_json(e) for e in page.events],
        "total": page.total,
        "offset": page.query.offset,
        "limit": page.query.limit,
        "pending_not_filtered": page.skipped_pending,
    }


def stored_comparison(
    store: SQLiteStore, event_id: str, report_ids: Sequence[str], settings: Settings
) -> dict[str, Any]:
    """The comparison document of a stored event's current version: from the store's cache when it holds one (the
    web app's), else compared now and cached, so that the app and the CLI never compare one version twice."""
    mark = fingerprint(comparer_key(settings), report_ids)
    with store.reader() as conn:
        cached = get_comparison(conn, event_id, mark)
    if cached is not None:
        loaded: dict[str, Any] = json.loads(cached.document)
        return loaded
    doc = compare_event(store, event_id, settings)
    store.save_comparison(comparison_row(event_id, mark, doc))
    return doc
