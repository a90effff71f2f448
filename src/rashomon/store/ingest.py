"""Read inputs into a store: ``ingest_paths``, idempotent by content hash and resumable batch by batch.

Inputs are read one file at a time (``rashomon.ingest`` for text, HTML, JSON, JSON Lines and stdin; ``warc.py``
for web archives), and their reports are written in batches of ``batch_size``, each batch (its reports, their
annotations and what it skipped) in one transaction. A report whose content hash is already stored is skipped as a
duplicate, so running the same feed twice adds nothing, and running it again after a killed run completes it: the
store ends as after one clean run (only the run log tells them apart).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rashomon.records import Rejected, Report
from rashomon.store.base import Batch, Skip, Store, stored_id

DEFAULT_BATCH_SIZE = 100
MAX_FILE_BYTES = 200_000_000  # one input file read whole (a WARC file is streamed and has no such limit)
MAX_ANNOTATE_CHARS = 1_000_000  # longer texts are stored but not parsed (as `compare` rejects them)
MAX_PROCESSES = 8
MIN_REPORTS_PER_PROCESS = 8  # starting a parsing process costs a model load: not worth it for fewer reports


@dataclass(frozen=True, slots=True)
class Progress:
    """Where a run stands, after each input read and each batch written."""

    inputs_done: int
    inputs_total: int
    added: int
    skipped: int
    batches: int  # batches committed so far


@dataclass(frozen=True, slots=True)
class IngestResult:
    run: int  # the run's id in the store's log
    added: tuple[str, ...]  # store ids of the reports added, in input order
    annotated: int  # reports annotated (new ones and stored ones that had no annotations)
    skips: tuple[Skip, ...]

    @property
    def rejected(self) -> tuple[Skip, ...]:
        return tuple(s for s in self.skips if s.kind == "rejected")

    @property
    def duplicates(self) -> tuple[Skip, ...]:
        return tuple(s for s in self.skips if s.kind == "duplicate")


ProgressCallback = Callable[[Progress], None]


def ingest_paths(
    paths: Sequence[str],
    store: Store,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    annotate: bool = False,
    progress: ProgressCallback | None = None,
    n_process: int | None = None,
    model: str | None = None,
) -> IngestResult:
    """Read ``paths`` (files, folders, "-" for stdin) into ``store``; see the module's docstring.

    ``annotate`` also parses every new report (and every stored one without annotations) and stores its
    annotations in the same transaction; ``n_process`` parsing processes (default: from the CPU count).
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    inputs = expand_inputs(paths)
    run = store.start_run(list(paths), annotate=annotate)
    state = _RunState()

    def report_progress(done: int) -> None:
        if progress is not None:
            progress(Progress(done, len(inputs), len(state.added), len(state.skips), state.batches))

    def flush(pending: list[Report]) -> None:
        plan = plan_batch(pending, store, state.seen, annotate=annotate)
        batch = annotate_plan(plan, n_process=n_process, model=model) if annotate else Batch(plan.new, (), plan.skips)
        if batch.reports or batch.annotations or batch.skips:
            store.write_batch(run, batch)
            state.record(batch)
        pending.clear()

    pending: list[Report] = []
    for done, source in enumerate(inputs, start=1):
        rejected: list[Skip] = []
        for item in read_input(source):
            if isinstance(item, Rejected):
                rejected.append(Skip(item.input, "rejected", item.reason))
                continue
            pending.append(item)
            if len(pending) >= batch_size:
                flush(pending)
                report_progress(done - 1)
        if rejected:
            store.log_skips(run, rejected)
            state.skips.extend(rejected)
        report_progress(done)
    if pending:
        flush(pending)
        report_progress(len(inputs))
    store.finish_run(run, status="done")
    return IngestResult(run, tuple(state.added), state.annotated, tuple(state.skips))


@dataclass(slots=True)
class _RunState:
    seen: set[str] = dataclasses.field(default_factory=set)  # content hashes met in this run
    added: list[str] = dataclasses.field(default_factory=list)
    skips: list[Skip] = dataclasses.field(default_factory=list)
    annotated: int = 0
    batches: int = 0

    def record(self, batch: Batch) -> None:
        self.added.extend(stored_id(r.content_hash) for r in batch.reports)
        self.skips.extend(batch.skips)
        self.annotated += len(batch.annotations)
        self.batches += 1


# --- inputs ----------------------------------------------------------------------------------------------


def expand_inputs(paths: Sequence[str]) -> list[str]:
    """The inputs the paths stand for: "-", a file, or a folder's non-hidden files in sorted path order.

    A path that does not exist, or a folder with nothing to read, is kept as it is, for the reader to reject.
    """
    out: list[str] = []
    for given in paths:
        if given != "-" and os.path.isdir(given):
            files = _folder_files(given)
            out.extend(files or [given])
        else:
            out.append(given)
    return out


def _folder_files(folder: str) -> list[str]:
    found: list[tuple[tuple[str, ...], str]] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        relative = Path(dirpath).relative_to(folder).parts
        for name in filenames:
            full = os.path.join(dirpath, name)
            if not name.startswith(".") and os.path.isfile(full):
                found.append(((*relative, name), full))
    return [full for _, full in sorted(found)]


def read_input(source: str) -> Iterator[Report | Rejected]:
    """The reports of one input and its rejections, in input order."""
    from rashomon.store.warc import is_warc, read_warc

    if source != "-" and is_warc(source) and os.path.isfile(source):
        yield from read_warc(source)
        return
    from rashomon.ingest import ingest

    result = ingest([source], max_bytes=MAX_FILE_BYTES)
    yield from result.reports
    yield from result.rejected


# --- batches ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Plan:
    """What one batch of read reports comes to: the new ones, the skips, stored reports still to annotate."""

    new: tuple[Report, ...]
    skips: tuple[Skip, ...]
    to_annotate: tuple[Report, ...] = ()  # stored without annotations, under their store ids


def plan_batch(pending: Sequence[Report], store: Store, seen: set[str], *, annotate: bool) -> Plan:
    """Which of ``pending`` are new, and which are duplicates (of the store, or of this run); updates ``seen``.

    With ``annotate``, a stored report that has no annotations yet is loaded, to be annotated in this batch.
    """
    known = store.known(r.content_hash for r in pending)
    new: list[Report] = []
    skips: list[Skip] = []
    to_annotate: list[Report] = []
    for report in pending:
        rid = stored_id(report.content_hash)
        stored = known.get(report.content_hash)
        if report.content_hash in seen:
            skips.append(Skip(input_label(report), "duplicate", "same text as an earlier input of this run", rid))
        elif stored is not None:
            skips.append(Skip(input_label(report), "duplicate", "already stored", stored.id))
            if annotate and not stored.annotated:
                to_annotate.append(store.load_report(stored.id))
        else:
            new.append(report)
        seen.add(report.content_hash)
    return Plan(tuple(new), tuple(skips), tuple(to_annotate))


def as_stored(report: Report) -> Report:
    """The report under its store id: what annotations of a stored report point to."""
    return dataclasses.replace(report, id=stored_id(report.content_hash))


def input_label(report: Report) -> str:
    """How a report is named in the skip log: where it came from and the id the input gave it."""
    return f"{report.path}#{report.id}" if report.path and report.path != "-" else f"stdin#{report.id}"


def annotate_plan(plan: Plan, *, n_process: int | None, model: str | None) -> Batch:
    """The batch to write, with the annotations of its new reports and of the stored ones that lacked them."""
    from rashomon.annotate import annotate

    candidates = [as_stored(r) for r in plan.new] + list(plan.to_annotate)
    fit = [r for r in candidates if len(r.text) <= MAX_ANNOTATE_CHARS]
    too_long = tuple(
        Skip(r.id, "unannotated", f"too long to parse ({len(r.text):,} characters > {MAX_ANNOTATE_CHARS:,})", r.id)
        for r in candidates
        if len(r.text) > MAX_ANNOTATE_CHARS
    )
    processes = n_process if n_process is not None else processes_for(len(fit), os.cpu_count() or 1)
    annotations = tuple(annotate(fit, model=model, n_process=processes)) if fit else ()
    return Batch(plan.new, annotations, (*plan.skips, *too_long))


def processes_for(reports: int, cpus: int) -> int:
    """Parsing processes for a batch: one per CPU, up to ``MAX_PROCESSES``, each with enough reports to be worth it."""
    return max(1, min(cpus, MAX_PROCESSES, reports // MIN_REPORTS_PER_PROCESS))
