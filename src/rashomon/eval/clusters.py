"""Event clustering against known events: B-cubed precision, recall and F1 on three shared corpora.

Datasets (under the shared data folder; every report of a dataset is clustered in one run, all events mixed):

- ``ecbplus`` (dev split): one report per ``ECB+/<topic>/<doc>.xml`` document listed in ``splits.json``; its event
  is the sub-topic ``ecbplus:<topic>:<ecb|ecbplus>`` (each topic holds two events of one kind: the hard case).
  No title is given: the clusterer reads the first line (the headline sentence) as the title.
- ``allsides`` (``allsides/val.source``): the three reports of a line form one event; the title is the segment's
  ``TITLE=>`` part, the text the segment as the file gives it (ids as in :mod:`rashomon.eval.corpora`).
- ``multinews`` (``multinews/multinews_validation_250.jsonl``): the documents of a line form one event; ids
  ``multinews:val:<row>:<k>``; documents that are blank are left out (their noise, scraping boilerplate, is kept).

B-cubed (Bagga and Baldwin, 1998): for every report, precision is the share of its predicted cluster that shares its
gold event, recall the share of its gold event that shares its predicted cluster; both are averaged over reports,
and F1 is their harmonic mean.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from rashomon.cluster import Cluster, ClusterSettings, cluster_reports
from rashomon.eval.corpora import DEFAULT_DATA, SEPARATOR, CorpusError, ecbplus_path, ecbplus_report, ecbplus_split
from rashomon.records import Report

Dataset = Literal["ecbplus", "allsides", "multinews"]
DATASETS: tuple[Dataset, ...] = ("ecbplus", "allsides", "multinews")
MULTINEWS_FILE = ("multinews", "multinews_validation_250.jsonl")
_ALLSIDES_TITLE = re.compile(r"\s*TITLE=>\s*(?P<title>.*?)\s*ARTICLE=>", re.DOTALL)


@dataclass(frozen=True, slots=True)
class LabelledReports:
    """A dataset's reports and the gold event of each (by report id)."""

    dataset: str
    reports: tuple[Report, ...]
    events: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class ClusterScores:
    dataset: str
    reports: int
    events: int
    clusters: int
    precision: float
    recall: float
    f1: float
    seconds: float
    errors: Mapping[str, int] = field(default_factory=dict)  # see error_counts


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed (precision, recall, F1) of a predicted cluster per item against a gold class per item (same keys)."""
    if set(predicted) != set(gold):
        raise ValueError("predicted and gold must label the same items")
    if not gold:
        return 1.0, 1.0, 1.0
    both = Counter((predicted[k], gold[k]) for k in gold)
    cluster_sizes = Counter(predicted.values())
    event_sizes = Counter(gold.values())
    precision = sum(n * n / cluster_sizes[c] for (c, _), n in both.items()) / len(gold)
    recall = sum(n * n / event_sizes[e] for (_, e), n in both.items()) / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def cluster_of(clusters: Sequence[Cluster]) -> dict[str, str]:
    return {report: c.id for c in clusters for report in c.reports}


# --- loaders ---------------------------------------------------------------------------------------------


def load_dataset(dataset: str, data: Path = DEFAULT_DATA) -> LabelledReports:
    if dataset == "ecbplus":
        return load_ecbplus(data)
    if dataset == "allsides":
        return load_allsides(data)
    if dataset == "multinews":
        return load_multinews(data)
    raise ValueError(f"unknown dataset {dataset!r}; one of {', '.join(DATASETS)}")


def load_ecbplus(data: Path = DEFAULT_DATA, split: str = "dev") -> LabelledReports:
    if not (data / "ecbplus" / "splits.json").is_file():
        raise CorpusError(f"{data / 'ecbplus' / 'splits.json'} is absent")
    reports, events = [], {}
    for doc_id in ecbplus_split(split, data):
        if not ecbplus_path(doc_id, data).is_file():
            continue
        corpus = ecbplus_report(doc_id, data)
        reports.append(Report(id=corpus.id, text=corpus.text))
        events[corpus.id] = corpus.event
    return LabelledReports("ecbplus", tuple(reports), events)


def load_allsides(data: Path = DEFAULT_DATA, split: str = "val") -> LabelledReports:
    path = data / "allsides" / f"{split}.source"
    if not path.is_file():
        raise CorpusError(f"{path} is absent")
    reports, events = [], {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        event = f"allsides:{split}:{n}"
        for k, segment in enumerate(line.split(SEPARATOR)):
            m = _ALLSIDES_TITLE.match(segment)
            title = m["title"].removesuffix(".") if m else None
            reports.append(Report(id=f"{event}:{k}", text=segment, title=title or None))
            events[f"{event}:{k}"] = event
    return LabelledReports("allsides", tuple(reports), events)


def load_multinews(data: Path = DEFAULT_DATA) -> LabelledReports:
    path = data.joinpath(*MULTINEWS_FILE)
    if not path.is_file():
        raise CorpusError(f"{path} is absent")
    reports, events = [], {}
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        event = f"multinews:val:{row['row']}"
        for k, text in enumerate(row["documents"]):
            if text.strip():
                reports.append(Report(id=f"{event}:{k}", text=text))
                events[f"{event}:{k}"] = event
    return LabelledReports("multinews", tuple(reports), events)


def subsample(labelled: LabelledReports, every: int) -> LabelledReports:
    """Every ``every``-th event (in sorted event order) with all its reports: a smaller, still complete, test set."""
    names = sorted(set(labelled.events.values()))
    kept = set(names[::every])
    reports = tuple(r for r in labelled.reports if labelled.events[r.id] in kept)
    return LabelledReports(labelled.dataset, reports, {r.id: labelled.events[r.id] for r in reports})


# --- evaluation ------------------------------------------------------------------------------------------


def error_counts(predicted: Mapping[str, str], gold: Mapping[str, str]) -> dict[str, int]:
    """Errors by kind: gold events of several reports split over clusters; reports left alone although their event
    has others; clusters holding several gold events, and the gold events in such clusters."""
    clusters_of: dict[str, set[str]] = {}
    events_of: dict[str, set[str]] = {}
    for report, event in gold.items():
        clusters_of.setdefault(event, set()).add(predicted[report])
        events_of.setdefault(predicted[report], set()).add(event)
    event_sizes = Counter(gold.values())
    cluster_sizes = Counter(predicted.values())
    mixed = [c for c, events in events_of.items() if len(events) > 1]
    return {
        "split_events": sum(1 for e, cs in clusters_of.items() if event_sizes[e] > 1 and len(cs) > 1),
        "lone_reports": sum(1 for r, c in predicted.items() if cluster_sizes[c] == 1 and event_sizes[gold[r]] > 1),
        "mixed_clusters": len(mixed),
        "events_in_mixed_clusters": len({e for c in mixed for e in events_of[c]}),
    }


def score_clusters(labelled: LabelledReports, clusters: Sequence[Cluster], seconds: float = 0.0) -> ClusterScores:
    predicted = cluster_of(clusters)
    precision, recall, f1 = bcubed(predicted, labelled.events)
    return ClusterScores(
        dataset=labelled.dataset,
        reports=len(labelled.reports),
        events=len(set(labelled.events.values())),
        clusters=len(clusters),
        precision=precision,
        recall=recall,
        f1=f1,
        seconds=seconds,
        errors=error_counts(predicted, labelled.events),
    )


def evaluate_labelled(labelled: LabelledReports, settings: ClusterSettings | None = None) -> ClusterScores:
    import time

    start = time.perf_counter()
    clusters = cluster_reports(labelled.reports, settings or ClusterSettings())
    return score_clusters(labelled, clusters, time.perf_counter() - start)


def evaluate_clusters(
    dataset: str, data: Path = DEFAULT_DATA, settings: ClusterSettings | None = None
) -> ClusterScores:
    """Cluster every report of a dataset (see the module docstring) and score the clusters with B-cubed."""
    return evaluate_labelled(load_dataset(dataset, data), settings)


def format_scores(scores: Sequence[ClusterScores]) -> str:
    lines = [f"{'dataset':<10} {'reports':>7} {'events':>6} {'clusters':>8} {'P':>6} {'R':>6} {'F1':>6} {'rep/s':>7}"]
    for s in scores:
        rate = s.reports / s.seconds if s.seconds else 0.0
        lines.append(
            f"{s.dataset:<10} {s.reports:>7} {s.events:>6} {s.clusters:>8} "
            f"{s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f} {rate:>7.0f}"
        )
    return "\n".join(lines)


def format_errors(scores: Sequence[ClusterScores]) -> str:
    lines = ["errors: events split over clusters, reports left alone, mixed clusters (gold events in them)"]
    for s in scores:
        e = s.errors
        lines.append(
            f"{s.dataset:<10} {e['split_events']} of {s.events} events split, {e['lone_reports']} reports alone, "
            f"{e['mixed_clusters']} mixed clusters ({e['events_in_mixed_clusters']} events)"
        )
    return "\n".join(lines)


def scores_json(scores: Sequence[ClusterScores]) -> list[dict[str, object]]:
    from dataclasses import asdict

    return [asdict(s) for s in scores]
