"""The command line: thin wrappers over plain functions that return data.

Exit status (the contract): 0 when every input was used; 2 when some input was rejected (each named on stderr with
the reason; the rest is still processed and printed) or when no usable report is left; 1 for a usage error.
Heavy libraries (spaCy, ONNX Runtime, rich) are imported only by the commands that use them.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import click

from rashomon import __version__
from rashomon.config import MAX_EVENT_REPORTS

FORMATS = ("terminal", "json", "jsonl", "md", "html", "csv", "parquet")  # csv, parquet: event records, a row each
# A news report is thousands of characters; a million is a dump, and the parser's memory grows with length.
MAX_REPORT_CHARS = 1_000_000


def split_by_length(reports: Sequence[Any], limit: int) -> tuple[list[Any], list[Any]]:
    """Reports short enough to parse, and a Rejected for each one that is not."""
    from rashomon.records import Rejected

    kept, rejected = [], []
    for r in reports:
        if len(r.text) > limit:
            name = r.path or r.id
            rejected.append(Rejected(name, f"report too long to parse ({len(r.text):,} characters > {limit:,})"))
        else:
            kept.append(r)
    return kept, rejected


def _parse_day(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a day in YYYY-MM-DD form") from exc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rashomon")
def cli() -> None:
    """rashomon: many news reports of one event, one verified, source-attributed account."""


@cli.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="terminal", show_default=True, help="Output format."
)
@click.option("--event", "event_id", metavar="ID", help="Compare this stored event (id or unique prefix) of --db.")
@click.option("--db", metavar="PATH", help="The store for --event (default: rashomon.db in the user's data folder).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write to FILE instead of standard output.",
)
@click.option("--by-event", is_flag=True, help='Group JSON input lines by their "event" field; one comparison each.')
@click.option(
    "--one-event",
    is_flag=True,
    help="Compare all reports as one event even when they tell different stories (by default each story separately).",
)
@click.option(
    "--today",
    callback=_parse_day,
    metavar="YYYY-MM-DD",
    help="Reference day for dates with no year when a report has no publication date (default: today).",
)
@click.option("--spacy-model", metavar="NAME", help="An installed spaCy pipeline to use instead of the pinned one.")
@click.option("--processes", type=click.IntRange(1, 64), default=1, show_default=True, help="Processes for parsing.")
@click.option("--no-embeddings", is_flag=True, help="Align claims with word overlap instead of sentence embeddings.")
@click.option("--width", type=click.IntRange(40, 400), help="Terminal width for the terminal view.")
@click.option(
    "--summary-words",
    type=click.IntRange(1, 5000),
    metavar="N",
    help="Length of the cited summary in words (default: grows with the square root of the reports' length).",
)
@click.option(
    "--max-reports",
    type=click.IntRange(0, None),
    default=MAX_EVENT_REPORTS,
    show_default=True,
    metavar="N",
    help="Compare an event of more reports on a sample of N (the earliest and the most echoed); 0: no bound.",
)
def compare(
    paths: Sequence[str],
    fmt: str,
    event_id: str | None,
    db: str | None,
    output: Path | None,
    by_event: bool,
    one_event: bool,
    today: date | None,
    spacy_model: str | None,
    processes: int,
    no_embeddings: bool,
    width: int | None,
    summary_words: int | None,
    max_reports: int,
) -> None:
    """Compare reports of one event: what is corroborated, disputed, unique, and who said what.

    PATHS are text, HTML, JSON or JSON Lines files, folders (read recursively) or - for standard input; or, with
    --event, one event of the store (see `rashomon events`), from its stored annotations where it has them.
    """
    from rashomon.ingest import ingest

    settings = replace(
        _settings(today, spacy_model, processes, not no_embeddings, summary_words), max_reports=max_reports
    )
    if event_id is not None:
        if paths:
            raise click.UsageError("give PATHS or --event, not both")
        if fmt == "parquet" and output is None:
            raise click.UsageError("--format parquet needs -o FILE")
        doc = _compare_stored(db, event_id, settings)
        _emit([doc], fmt, False, width, output)
        return
    if not paths:
        raise click.UsageError("give PATHS to compare (or --event ID with --db)")
    result = ingest(list(paths))
    reports, too_long = split_by_length(result.reports, MAX_REPORT_CHARS)
    rejected = [*result.rejected, *too_long]
    for r in rejected:
        click.echo(f"rashomon: rejected {r.input}: {r.reason}", err=True)
    if not reports:
        click.echo("rashomon: no usable report to compare", err=True)
        sys.exit(2)
    if fmt == "parquet" and output is None:
        raise click.UsageError("--format parquet needs -o FILE")  # before the work, not after it
    stories = None if by_event or one_event or len(reports) < 2 else _stories(reports)
    if fmt == "html" and output is None and stories is not None:
        raise _pages_need_a_file(len(set(stories.values())))  # before the work, not after it
    docs = _compare(reports, settings, by_event, stories)
    grouped = by_event or stories is not None
    if fmt == "html" and len(docs) > 1:
        _write_pages(docs, output)
    else:
        _emit(docs, fmt, grouped, width, output)
    sys.exit(2 if rejected else 0)


def _emit(docs: list[dict[str, Any]], fmt: str, grouped: bool, width: int | None, output: Path | None) -> None:
    """Write the comparisons as ``fmt``: a view, JSON, or the event records as CSV or Parquet rows."""
    if fmt in ("csv", "parquet"):
        from rashomon.export import record_row, records_to_csv, write_records_parquet

        rows = [record_row(d) for d in docs]
        if fmt == "csv":
            _write(records_to_csv(rows), output)
        elif output is not None:
            write_records_parquet(rows, output)
            click.echo(f"rashomon: wrote {output}", err=True)
        return
    _write(_render(docs, fmt, grouped, width, output is None and sys.stdout.isatty()), output)


def _pages_need_a_file(count: int) -> click.UsageError:
    return click.UsageError(
        f"--format html makes one page per story and there are {count}: give -o FILE.html "
        "(pages FILE-1.html, ... are written), or --one-event"
    )


def _write_pages(docs: list[dict[str, Any]], output: Path | None) -> None:
    """One HTML page per comparison: FILE-1.html, FILE-2.html, ... beside FILE (a page is a whole document)."""
    from rashomon.render import render

    if output is None:
        raise _pages_need_a_file(len(docs))
    for k, doc in enumerate(docs, start=1):
        _write(render(doc, "html"), output.with_name(f"{output.stem}-{k}{output.suffix or '.html'}"))


def _write(text: str, output: Path | None) -> None:
    if output is not None:
        output.write_text(text, encoding="utf-8")
        click.echo(f"rashomon: wrote {output}", err=True)
    else:
        sys.stdout.write(text)
        if not text.endswith("\n"):
            sys.stdout.write("\n")


def _existing_store(db: str | None) -> Path:
    """The store's path (``--db`` or the default), which must exist: reading commands do not create one."""
    from rashomon.store.sqlite import default_db_path

    path = Path(db) if db else default_db_path()
    if not path.is_file():
        raise click.UsageError(f"no store at {path}: run `rashomon ingest PATH... --db {path}` first")
    return path


def _compare_stored(db: str | None, event_id: str, settings: Any) -> dict[str, Any]:
    from rashomon.nlp import ModelNotFound
    from rashomon.serialize import comparison_to_dict
    from rashomon.store.compare import EventNotFound, compare_stored_event
    from rashomon.store.sqlite import SQLiteStore

    path = _existing_store(db)
    try:
        with SQLiteStore(path) as store:
            event, comparison = compare_stored_event(store, event_id, settings)
    except (EventNotFound, ModelNotFound) as error:
        raise click.UsageError(str(error)) from error
    stored = len(event.annotated)
    click.echo(
        f"rashomon: event {event.id} ({len(event.reports)} reports, {stored} with stored annotations): {event.label}",
        err=True,
    )
    _say_sampled(comparison)
    return comparison_to_dict(comparison)


def _say_sampled(comparison: Any) -> None:
    """Tell on stderr that an event was compared on a sample (``rashomon.event.sample``)."""
    sample = comparison.extra.get("sample")
    if sample:
        group = f" {comparison.group}" if comparison.group else ""
        click.echo(
            f"rashomon: event{group} has {sample['reports']} reports, more than --max-reports: compared a sample of "
            f"{sample['compared']} ({sample['policy']}); {len(sample['left_out'])} left out, listed in the JSON",
            err=True,
        )


@cli.group()
def names() -> None:
    """Person-name matching (transliterations, scripts, particles, titles, nicknames, extra names)."""


@names.command("score")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--eval",
    "evaluate",
    is_flag=True,
    help="Print average precision and recall at precision 0.95 instead (needs a leading 0/1 label column).",
)
def names_score(file: str, evaluate: bool) -> None:
    """Score name pairs: FILE has lines name_a<TAB>name_b (a leading 0/1 label column is kept); - reads stdin.

    Prints each line with a tab and the learned matcher's score in [0, 1] appended (the probability that the two
    names can be one person's), one output line per input line.
    """
    from rashomon.matcher import name_score
    from rashomon.names import average_precision, recall_at_precision

    try:
        stream = click.open_file(file, encoding="utf-8", errors="replace")
        lines = stream.read().splitlines()
    except OSError as exc:
        click.echo(f"rashomon: rejected {file}: {exc.strerror or exc}", err=True)
        sys.exit(2)
    scored = [score_name_line(line, name_score) for line in lines]
    bad = [(n, reason) for n, (_, _, reason) in enumerate(scored, start=1) if reason]
    for n, reason in bad:
        click.echo(f"rashomon: rejected {'stdin' if file == '-' else file}:{n}: {reason}", err=True)
    if evaluate:
        pairs = [(label, score) for label, score, reason in scored if not reason and label is not None]
        if not pairs:
            raise click.UsageError("--eval needs lines with a leading 0/1 label column")
        labels, scores = [p[0] for p in pairs], [p[1] for p in pairs]
        click.echo(f"pairs\t{len(pairs)}\npositives\t{sum(labels)}")
        click.echo(f"average_precision\t{average_precision(labels, scores):.4f}")
        click.echo(f"recall_at_precision_0.95\t{recall_at_precision(labels, scores, 0.95):.4f}")
    else:
        for line, (_, score, problem) in zip(lines, scored, strict=True):
            click.echo(f"{line}\t{'' if problem else f'{score:.4f}'}")
    sys.exit(2 if bad else 0)


@names.command("explain")
@click.argument("name_a")
@click.argument("name_b")
def names_explain(name_a: str, name_b: str) -> None:
    """Why the matcher scores NAME_A and NAME_B as it does: each feature's value and what it adds to the log-odds."""
    from rashomon.matcher import explain

    click.echo(explain(name_a, name_b))


DATA_OPTION = click.option(
    "--data", type=click.Path(file_okay=False, path_type=Path), help="The shared data folder (default ../shared/data)."
)


@cli.group("eval")
def eval_group() -> None:
    """Evaluations on real data (../shared/data): numbers for BENCHMARKS.md and the CI floors."""


@eval_group.command("claims")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@DATA_OPTION
@click.option(
    "--predictions",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Score this `compare --by-event --format jsonl` output instead of running compare.",
)
@click.option(
    "--today",
    callback=_parse_day,
    default="2025-01-01",
    show_default=True,
    metavar="YYYY-MM-DD",
    help="Reference day for dates with no year (fixed, so scores are reproducible).",
)
@click.option("--no-embeddings", is_flag=True, help="Align with word overlap instead of sentence embeddings.")
@click.option(
    "--split",
    type=click.Choice(["tune", "check", "all"]),
    default="all",
    show_default=True,
    help='Score the events of one split only: "check" events are held out from tuning.',
)
@click.option(
    "--mutations",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    metavar="N",
    help="Also change up to N corroborated values (numbers, years, weekdays, months, towns) in one report each, "
    "and score whether each change is flagged as a dispute, and on nothing else (rashomon.eval.mutations).",
)
@click.option("--errors", "show_errors", is_flag=True, help="List every miss and spurious flag after the scores.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_claims(
    gold: Path,
    data: Path | None,
    predictions: Path | None,
    today: date,
    no_embeddings: bool,
    split: str,
    mutations: int,
    show_errors: bool,
    as_json: bool,
) -> None:
    """Score claim alignment and typed conflicts against GOLD (JSON lines; see bench/gold/claims-guidelines.md):
    recall of the gold's conflicts, precision of every flag, corroborated and unique recall, errors by cause; with
    --mutations, disputes made on purpose."""
    from rashomon.eval import corpora
    from rashomon.eval.claims import annotate_gold, comparisons_by_event, format_scores, predict, score
    from rashomon.eval.gold import GoldError, read_gold

    root = data or corpora.DEFAULT_DATA
    settings = _settings(today, None, 1, not no_embeddings)
    docs: dict[str, Any] | None = None
    try:
        golds = [g for g in read_gold(gold, root) if split == "all" or (g.split or "tune") == split]
    except GoldError as exc:
        raise click.UsageError(str(exc)) from exc
    if predictions is not None:
        lines = [json.loads(raw) for raw in predictions.read_text(encoding="utf-8").splitlines() if raw.strip()]
        comparisons = list(comparisons_by_event(lines, golds))
    else:
        if not no_embeddings:
            from rashomon.embed import preload_in_background

            preload_in_background()
        docs = annotate_gold(golds, root, settings)  # one parse, for the comparisons and the mutations
        comparisons = predict(golds, root, settings, docs)
    total, per_corpus = score(golds, comparisons)
    mutated = _mutations(golds, root, settings, mutations, docs) if mutations else None
    if as_json:
        scores: dict[str, Any] = {"all": total.scores(), **{k: t.scores() for k, t in per_corpus.items()}}
        if mutated is not None:
            scores["mutations"] = mutated.scores()
        click.echo(json.dumps(scores, indent=2))
    else:
        click.echo(format_scores(total, per_corpus))
        if mutated is not None:
            click.echo("")
            click.echo("\n".join(f"{k:<32} {v}" for k, v in mutated.scores().items()))
    if show_errors:
        click.echo("\n".join(["", *total.errors, *(mutated.errors if mutated is not None else [])]))


def _mutations(golds: Sequence[Any], root: Path, settings: Any, limit: int, docs: dict[str, Any] | None) -> Any:
    """The mutation tally of up to ``limit`` mutations of the gold events, with a progress bar on a terminal."""
    from rashomon.eval import corpora
    from rashomon.eval.mutations import run

    texts = {r: corpora.report(r, root).text for g in golds for r in g.reports}
    with _progress("mutations", enabled=sys.stderr.isatty()) as advance:
        return run(golds, texts, settings, limit, advance, docs)


@eval_group.command("coref")
@DATA_OPTION
@click.option("--split", default="dev", show_default=True, help="The ECB+ split (train or dev; test is withheld).")
@click.option(
    "--mentions",
    type=click.Choice(["gold", "system"]),
    default="system",
    show_default=True,
    help="Resolve the gold named mentions, or the mentions rashomon finds itself (mention recall reported).",
)
@click.option(
    "--match",
    type=click.Choice(["head", "overlap"]),
    default="head",
    show_default=True,
    help="With own mentions: a mention stands for a gold one when it holds its head, or when the spans overlap.",
)
@click.option("--errors", "show_errors", is_flag=True, help="List wrongly merged and wrongly split gold entities.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_coref(data: Path | None, split: str, mentions: str, match: str, show_errors: bool, as_json: bool) -> None:
    """Cross-document coreference of named entity mentions on ECB+ (CoNLL F1: mean of MUC, B3, CEAF-e), one
    resolution per gold sub-topic (see rashomon.eval.coref)."""
    from rashomon.eval import corpora
    from rashomon.eval.coref import evaluate_coref, format_errors, format_result, result_json

    try:
        result = evaluate_coref(
            split,
            data or corpora.DEFAULT_DATA,
            "system" if mentions == "system" else "gold",
            "overlap" if match == "overlap" else "head",
        )
    except corpora.CorpusError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(json.dumps(result_json(result), indent=2) if as_json else format_result(result))
    if show_errors:
        click.echo(format_errors(result.errors))


@eval_group.command("ar2en")
@DATA_OPTION
@click.option("--split", default="eval", show_default=True, help="train or eval (the test split is withheld).")
@click.option(
    "--scorer",
    type=click.Choice(["matcher", "tokens"]),
    default="matcher",
    show_default=True,
    help="The name matcher (rashomon names score), or the letter-by-letter token similarity it uses across scripts.",
)
def eval_ar2en(data: Path | None, split: str, scorer: str) -> None:
    """Arabic-script names against English spellings (Google ar2en): the right one ranked among 100 candidates."""
    from rashomon.eval import corpora
    from rashomon.eval.names import ar2en_rank, format_ar2en

    if scorer == "matcher":
        from rashomon.matcher import name_score as score
    else:
        from rashomon.romanize import script_similarity as score
    try:
        click.echo(format_ar2en(ar2en_rank(score, data or corpora.DEFAULT_DATA, split)))
    except corpora.CorpusError as exc:
        raise click.UsageError(str(exc)) from exc


@eval_group.command("clusters")
@DATA_OPTION
@click.option("--dataset", "datasets", multiple=True, type=click.Choice(["ecbplus", "allsides", "multinews"]))
@click.option("--errors", "show_errors", is_flag=True, help="Count the errors by kind (split, alone, mixed).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_clusters(data: Path | None, datasets: Sequence[str], show_errors: bool, as_json: bool) -> None:
    """Story clustering against known events (B-cubed P/R/F1): ECB+ dev, AllSides val, Multi-News val, one
    configuration for all."""
    from rashomon.eval import corpora
    from rashomon.eval.clusters import DATASETS, evaluate_clusters, format_errors, format_scores, scores_json

    try:
        scores = [evaluate_clusters(d, data or corpora.DEFAULT_DATA) for d in (datasets or DATASETS)]
    except (corpora.CorpusError, OSError) as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(json.dumps(scores_json(scores), indent=2) if as_json else format_scores(scores))
    if show_errors and not as_json:
        click.echo(format_errors(scores))


@eval_group.command("event-types")
@DATA_OPTION
@click.option("--split", type=click.Choice(["dev", "train", "all"]), default="dev", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the scores and errors as JSON.")
def eval_event_types(data: Path | None, split: str, as_json: bool) -> None:
    """Event type accuracy on ECB+ sub-topics (gold: bench/gold/event-types-ecbplus.tsv)."""
    from rashomon.eval import corpora
    from rashomon.eval.event_types import evaluate_event_types, summarize_outcomes

    try:
        scores = summarize_outcomes(evaluate_event_types(split, data or corpora.DEFAULT_DATA))
    except (corpora.CorpusError, OSError) as exc:
        raise click.UsageError(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(scores, indent=2))
        return
    click.echo(
        f"ECB+ {split}: {scores['events']} events, accuracy {scores['accuracy']}, "
        f"lenient accuracy {scores['lenient_accuracy']} (other acceptable categories allowed)"
    )
    errors = scores["errors"]
    for error in errors if isinstance(errors, list) else []:
        click.echo(f"  {error['event']}: gold {error['gold']}, predicted {error['predicted']}")


@eval_group.command("records")
@DATA_OPTION
@click.option("--split", type=click.Choice(["dev", "train", "all"]), default="dev", show_default=True)
@click.option("--limit", type=click.IntRange(1), help="Only the first N events of the split.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores and errors as JSON.")
def eval_records(data: Path | None, split: str, limit: int | None, as_json: bool) -> None:
    """Event record fields (country, place, date, actor, target, fatalities) on ECB+ sub-topics, through the whole
    pipeline (gold: bench/gold/event-records-ecbplus.tsv)."""
    from rashomon.eval import corpora
    from rashomon.eval.records import evaluate_records, summarize_records

    try:
        scores = summarize_records(evaluate_records(split, data or corpora.DEFAULT_DATA, limit=limit))
    except (corpora.CorpusError, OSError) as exc:
        raise click.UsageError(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(scores, indent=2))
        return
    fields = scores["fields"]
    click.echo(f"ECB+ {split}: {scores['events']} events")
    for name, field in fields.items() if isinstance(fields, dict) else []:
        click.echo(f"  {name:<10} {field['accuracy']}  ({field['events']} events labelled)")
    errors = scores["errors"]
    for error in errors if isinstance(errors, list) else []:
        click.echo(f"  {error['event']}: wrong {', '.join(error['wrong'])}; predicted {error['predicted']}")


@eval_group.command("summary")
@DATA_OPTION
@click.option(
    "--corpus", "corpus_names", multiple=True, type=click.Choice(["multinews", "allsides"]), help="(default: both)"
)
@click.option("--limit", type=click.IntRange(1), metavar="N", help="Only the first N clusters of each corpus.")
@click.option(
    "--summary-words",
    type=click.IntRange(1, 5000),
    metavar="N",
    help="Summary length in words (default: grows with the square root of the reports' length).",
)
@click.option(
    "--cache",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Keep annotations and sentence vectors in this SQLite file between runs.",
)
@click.option("--oracle", is_flag=True, help="Also score the extractive oracle: the best ROUGE at the same length.")
@click.option("--errors", "show_errors", is_flag=True, help="List the citations that fail the check.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_summary(
    data: Path | None,
    corpus_names: Sequence[str],
    limit: int | None,
    summary_words: int | None,
    cache: Path | None,
    oracle: bool,
    show_errors: bool,
    as_json: bool,
) -> None:
    """Cited summaries against human ones: ROUGE-1/2/Lsum F1 of rashomon, lead and centroid at one length, and
    citation precision, on Multi-News val 250 and AllSides val (see rashomon.eval.summaries)."""
    from rashomon.eval import corpora
    from rashomon.eval.summaries import (
        CORPORA,
        EvalCache,
        RougeUnavailable,
        evaluate_summaries,
        format_scores,
        load_cases,
        scores_json,
    )

    try:
        loaded = [(name, load_cases(name, data or corpora.DEFAULT_DATA, limit)) for name in corpus_names or CORPORA]
    except corpora.CorpusError as exc:
        click.echo(f"rashomon eval summary: skipped: {exc} (the evaluation needs ../shared/data or --data)", err=True)
        return
    settings = _settings(date(2025, 1, 1), None, 1, True, summary_words)  # a fixed day: reproducible scores
    store = EvalCache(cache) if cache is not None else None
    scores = []
    try:
        for name, cases in loaded:
            with _progress(f"summaries: {name}", enabled=sys.stderr.isatty()) as progress:
                scores.append(evaluate_summaries(name, cases, settings, store, progress, oracle))
    except RougeUnavailable as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(json.dumps(scores_json(scores), indent=2) if as_json else format_scores(scores))
    if show_errors:
        click.echo("\n".join(u for s in scores for u in s.unsupported), err=as_json)


def score_name_line(line: str, similarity: Any) -> tuple[int | None, float, str | None]:
    """(label or None, score, reason the line is unusable or None) for one input line."""
    fields = line.split("\t")
    if len(fields) == 3 and fields[0].strip() in ("0", "1"):
        label: int | None = int(fields[0])
        fields = fields[1:]
    elif len(fields) == 2:
        label = None
    else:
        return None, 0.0, "expected name_a<TAB>name_b, optionally after a 0/1 label"
    return label, float(similarity(fields[0], fields[1])), None


def _settings(
    today: date | None, model: str | None, processes: int, embeddings: bool, summary_words: int | None = None
) -> Any:
    from rashomon.config import SummarySettings
    from rashomon.pipeline import Settings

    return Settings(
        model=model,
        today=today or date.today(),
        n_process=processes,
        embeddings=embeddings,
        summary=SummarySettings(words=summary_words),
    )


COMPARE_SPLIT_THRESHOLD = 0.1  # lower than clustering's: compare splits only reports that clearly tell other stories


def _stories(reports: Sequence[Any]) -> dict[str, str] | None:
    """Report id -> story (cluster id) when the reports tell more than one story, else None; says so on stderr."""
    from rashomon.cluster import ClusterSettings, cluster_reports

    clusters = cluster_reports(reports, ClusterSettings(threshold=COMPARE_SPLIT_THRESHOLD))
    if len(clusters) < 2:
        return None
    labels = "; ".join(f"{c.label!r} ({len(c.reports)})" for c in clusters[:6])
    click.echo(
        f"rashomon: these {len(reports)} reports tell {len(clusters)} different stories: {labels}"
        f"{' ...' if len(clusters) > 6 else ''}. Comparing each separately (--one-event to compare them as one).",
        err=True,
    )
    return {r: c.id for c in clusters for r in c.reports}


def _compare(
    reports: Sequence[Any], settings: Any, by_event: bool, stories: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    from rashomon.nlp import ModelNotFound
    from rashomon.pipeline import compare_by_event, compare_reports
    from rashomon.serialize import comparison_to_dict

    loader = None
    if settings.embeddings:
        from rashomon.embed import preload_in_background

        loader = preload_in_background()  # ONNX loads on a second core while spaCy loads and parses
    try:
        if stories is not None:
            comparisons = compare_by_event(reports, settings, key=lambda r: stories.get(r.id))
        elif by_event:
            comparisons = compare_by_event(reports, settings)
        else:
            comparisons = [compare_reports(reports, settings)]
    except ModelNotFound as exc:
        raise click.UsageError(str(exc)) from exc
    finally:
        if loader is not None:
            loader.join()  # on every path: a process that exits while ONNX Runtime loads aborts (SIGABRT)
    for c in comparisons:
        _say_sampled(c)
    return [comparison_to_dict(c) for c in comparisons]


def _render(docs: list[dict[str, Any]], fmt: str, by_event: bool, width: int | None, color: bool) -> str:
    if fmt == "jsonl":
        return "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)
    if fmt == "json":
        return json.dumps(docs if by_event else docs[0], ensure_ascii=False, indent=2) + "\n"
    if fmt == "terminal":
        from rashomon.render.terminal import render_terminal

        return "\n".join(render_terminal(d, width=width, color=color) for d in docs)
    from rashomon.render import render

    return "\n".join(render(d, fmt) for d in docs)


@cli.command("cluster")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True)
def cluster_command(paths: Sequence[str], fmt: str) -> None:
    """Group reports into events (stories): every report in exactly one cluster; ids from content."""
    from rashomon.cluster import cluster_reports
    from rashomon.ingest import ingest

    result = ingest(list(paths))
    for r in result.rejected:
        click.echo(f"rashomon: rejected {r.input}: {r.reason}", err=True)
    clusters = cluster_reports(result.reports)
    if fmt == "json":
        data = {
            "schema": "rashomon.clusters/1",
            "clusters": [{"id": c.id, "label": c.label, "reports": list(c.reports)} for c in clusters],
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for c in clusters:
            click.echo(f"{c.id}\t{len(c.reports)}\t{c.label}")
    sys.exit(2 if result.rejected else 0)


@cli.command("events")
@click.option("--db", metavar="PATH", help="The store's SQLite file (default: rashomon.db in the user's data folder).")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "csv", "parquet", "text"]), default="text", show_default=True
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file.")
def events_command(db: str | None, fmt: str, output: Path | None) -> None:
    """The events of the store: its reports clustered into stories, saved to the store and listed or exported.

    Incremental: only reports stored since the last run are read; they join existing events, open new ones, or merge
    two that they bridge. Event ids come from content (the reports an event holds), never from input order."""
    from rashomon.export import events_to_csv, events_to_dict, write_parquet
    from rashomon.records import Event
    from rashomon.store.events import update_events
    from rashomon.store.sqlite import SQLiteStore

    if fmt == "parquet" and output is None:
        raise click.UsageError("--format parquet needs -o FILE")
    path = _existing_store(db)
    with SQLiteStore(path) as store, _progress("clustering", enabled=sys.stderr.isatty()) as progress:
        update = update_events(store, progress=progress)
    clusters = update.clusters
    if update.rebuilt and update.added:
        click.echo(f"rashomon: clustered {update.added} reports into {len(clusters)} events ({path})", err=True)
    else:
        click.echo(
            f"rashomon: {update.added} new reports; {len(clusters)} events over {update.held + update.added} ({path})",
            err=True,
        )
    events = [Event(c.id, c.label, c.reports, c.start, c.end) for c in clusters]
    if fmt == "parquet" and output is not None:
        write_parquet(events, output)
        click.echo(f"rashomon: wrote {len(events)} events to {output}", err=True)
        return
    if fmt == "json":
        text = json.dumps(events_to_dict(events), ensure_ascii=False, indent=2) + "\n"
    elif fmt == "csv":
        text = events_to_csv(events)
    else:
        text = "".join(f"{e.id}\t{e.start or '-'}\t{len(e.reports)}\t{e.label}\n" for e in events)
    if output is not None:
        output.write_text(text, encoding="utf-8")
        click.echo(f"rashomon: wrote {len(events)} events to {output}", err=True)
    else:
        sys.stdout.write(text)


@cli.command("records")
@click.option("--db", metavar="PATH", help="The store's SQLite file (default: rashomon.db in the user's data folder).")
@click.option("--format", "fmt", type=click.Choice(["csv", "parquet", "jsonl"]), default="csv", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file.")
@click.option("--today", callback=_parse_day, metavar="YYYY-MM-DD", help="Reference day for undated reports.")
def records_command(db: str | None, fmt: str, output: Path | None, today: date | None) -> None:
    """The event record of every stored event, a row each (csv, parquet) or the record objects (jsonl).

    Events are updated first (as `rashomon events` does); each event's comparison is taken from the store's cache
    (the web app's) or made now and cached, so a second export, or the app, does not compare it again."""
    from rashomon.app.service import stored_comparison
    from rashomon.export import record_row, records_to_csv, write_records_parquet
    from rashomon.store.events import update_events
    from rashomon.store.sqlite import SQLiteStore

    if fmt == "parquet" and output is None:
        raise click.UsageError("--format parquet needs -o FILE")
    settings = _settings(today, None, 1, True)
    path = _existing_store(db)
    rows, docs = [], []
    with SQLiteStore(path) as store:
        with _progress("clustering", enabled=sys.stderr.isatty()) as progress:
            clusters = update_events(store, progress=progress).clusters
        with _progress("comparing events", enabled=sys.stderr.isatty()) as progress:
            for done, cluster in enumerate(clusters, start=1):
                doc = stored_comparison(store, cluster.id, cluster.reports, settings)
                docs.append({"event": cluster.id, "record": doc.get("event")})
                rows.append({**record_row(doc), "event": cluster.id})
                if progress is not None:
                    progress(done, len(clusters))
    if fmt == "parquet" and output is not None:
        write_records_parquet(rows, output)
        click.echo(f"rashomon: wrote {len(rows)} event records to {output}", err=True)
        return
    lines = (json.dumps(d, ensure_ascii=False) + "\n" for d in docs)
    text = records_to_csv(rows) if fmt == "csv" else "".join(lines)
    if output is not None:
        output.write_text(text, encoding="utf-8")
        click.echo(f"rashomon: wrote {len(rows)} event records to {output}", err=True)
    else:
        sys.stdout.write(text)


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", metavar="PATH", help="The store's SQLite file (default: rashomon.db in the user's data folder).")
@click.option(
    "--annotate/--no-annotate",
    default=False,
    show_default=True,
    help="Also parse each new report and store its annotations (slower; later stages then need no parsing).",
)
@click.option(
    "--batch-size", type=click.IntRange(1, 100_000), default=100, show_default=True, help="Reports per transaction."
)
def ingest_command(paths: Sequence[str], db: str | None, annotate: bool, batch_size: int) -> None:
    """Read reports into the store, skipping those already stored (same text); a killed run resumes where it stopped.

    PATHS are text, HTML, JSON, JSON Lines or WARC files, folders (read recursively) or - for standard input.
    """
    from rashomon.nlp import ModelNotFound
    from rashomon.store import SQLiteStore, StoreError, default_db_path, ingest_paths

    if db is not None and "://" in db:
        raise click.UsageError(f"--db {db}: only a SQLite file path is supported so far")
    path = Path(db) if db is not None else default_db_path()
    click.echo(f"rashomon: store {path}", err=True)
    try:
        store = SQLiteStore(path)
    except StoreError as exc:
        raise click.UsageError(str(exc)) from exc
    with store, _ingest_progress() as progress:
        try:
            result = ingest_paths(list(paths), store, batch_size=batch_size, annotate=annotate, progress=progress)
        except ModelNotFound as exc:
            raise click.UsageError(str(exc)) from exc
    for skip in result.rejected:
        click.echo(f"rashomon: rejected {skip.input}: {skip.reason}", err=True)
    for skip in (s for s in result.skips if s.kind == "unannotated"):
        click.echo(f"rashomon: not annotated {skip.input}: {skip.reason}", err=True)
    click.echo(
        f"rashomon: added {len(result.added)}, skipped {len(result.duplicates)} already stored or repeated, "
        f"rejected {len(result.rejected)}" + (f", annotated {result.annotated}" if annotate else ""),
        err=True,
    )
    sys.exit(2 if result.rejected else 0)


@cli.command("serve")
@click.option("--db", metavar="PATH", help="The store's SQLite file (default: rashomon.db in the user's data folder).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option(
    "--token",
    envvar="RASHOMON_TOKEN",
    metavar="TOKEN",
    help="Require this token: 'Authorization: Bearer TOKEN' on the API, a login for the pages (or RASHOMON_TOKEN).",
)
@click.option(
    "--max-upload",
    type=click.IntRange(1, None),
    default=20_000_000,
    show_default=True,
    metavar="BYTES",
    help="Largest request body accepted (larger ones get 413).",
)
@click.option("--insecure-public", is_flag=True, help="Allow a non-loopback --host without a token.")
def serve_command(
    db: str | None, host: str, port: int, token: str | None, max_upload: int, insecure_public: bool
) -> None:
    """Serve the web app over a store: the events (search, filters), each event's comparison, its reports, an
    upload form, and the JSON API (POST /api/reports, GET /api/events, GET /api/events/ID)."""
    from rashomon.app.server import ServeRefused, serve
    from rashomon.store import StoreError, default_db_path

    path = Path(db) if db is not None else default_db_path()
    try:
        serve(path, host=host, port=port, token=token, max_upload=max_upload, insecure_public=insecure_public)
    except (ServeRefused, StoreError) as exc:
        raise click.UsageError(str(exc)) from exc


# Test-only: after this many committed batches the ingest process kills itself (the resume test's crash).
KILL_AFTER_BATCHES_ENV = "RASHOMON_TEST_KILL_AFTER_BATCHES"


@contextlib.contextmanager
def _ingest_progress() -> Iterator[Callable[[Any], None]]:
    """A progress callback for ``ingest_paths``: a rich bar on stderr when it is a terminal, else nothing shown."""
    import os

    kill_after = int(os.environ.get(KILL_AFTER_BATCHES_ENV) or 0)
    bar: Any = None
    task: Any = None
    if sys.stderr.isatty():
        from rich.console import Console
        from rich.progress import Progress as Bar

        bar = Bar(console=Console(stderr=True), transient=True)
        task = bar.add_task("ingest", total=None)
        bar.start()

    def progress(p: Any) -> None:
        if bar is not None:
            bar.update(task, completed=p.inputs_done, total=p.inputs_total, description=f"{p.added} added")
        if kill_after and p.batches >= kill_after:
            import signal

            os.kill(os.getpid(), signal.SIGKILL)

    try:
        yield progress
    finally:
        if bar is not None:
            bar.stop()


@contextlib.contextmanager
def _progress(what: str, *, enabled: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A ``progress(done, total)`` callback drawing a rich bar on stderr, or None when ``enabled`` is false."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress as Bar

    bar = Bar(console=Console(stderr=True), transient=True)
    task = bar.add_task(what, total=None)
    bar.start()
    try:
        yield lambda done, total: bar.update(task, completed=done, total=total)
    finally:
        bar.stop()


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point: usage errors exit 1 (click's default is 2, which the contract keeps for rejected input)."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="rashomon", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        _exit(1)
    except click.UsageError as exc:
        exc.show()
        _exit(1)
    except click.ClickException as exc:
        exc.show()
        _exit(1)
    except SystemExit as exc:
        _exit(exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1))
    _exit(0)


def _exit(code: int) -> None:
    """Leave without tearing down the heap: after a compare it holds the parser and the embedding model (~600 MB),
    and freeing them object by object takes about half a second that nobody waits for. Output is flushed first;
    rashomon registers no exit handlers and leaves no thread running (the model loader is joined)."""
    import os

    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    main()
