"""Event type accuracy on ECB+: every sub-topic (the reports of one seminal event) labelled with the kind of event its
topic names (``bench/gold/event-types-ecbplus.tsv``), against what ``classify_event`` says of its first documents.

ECB+ texts hold one sentence a line (the corpus' own split), so the sentences come from the lines and no parser runs.
A prediction is right when it is the labelled category; "lenient" also takes the other acceptable categories the gold
lists for events that sit between two (a DUI arrest of a football player: crime, or sport).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rashomon.eval.corpora import DEFAULT_DATA, CorpusReport, ecbplus_event_documents, ecbplus_report
from rashomon.event.taxonomy import EventType, classify_event
from rashomon.records import Report, Sentence

GOLD = Path(__file__).resolve().parents[3] / "bench" / "gold" / "event-types-ecbplus.tsv"
DOCUMENTS_PER_EVENT = 5


@dataclass(frozen=True, slots=True)
class GoldType:
    event: str
    category: str
    also: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TypeOutcome:
    gold: GoldType
    predicted: EventType

    @property
    def correct(self) -> bool:
        return self.predicted.category == self.gold.category

    @property
    def acceptable(self) -> bool:
        return self.correct or self.predicted.category in self.gold.also


def read_gold(path: Path = GOLD) -> list[GoldType]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        event, category, also = line.split("\t")
        out.append(GoldType(event, category, () if also == "-" else tuple(also.split(","))))
    return out


def topic_split(event: str, data: Path = DEFAULT_DATA) -> str:
    """ "train" or "dev", as splits.json puts the event's topic."""
    splits = json.loads((data / "ecbplus" / "splits.json").read_text(encoding="utf-8"))
    topic = int(event.split(":")[1])
    return "dev" if topic in splits["dev_topics"] else "train"


def line_sentences(report: CorpusReport) -> tuple[Sentence, ...]:
    out = []
    start = 0
    for k, line in enumerate(report.text.split("\n")):
        if line.strip():
            out.append(Sentence(report.id, start, start + len(line), line, k))
        start += len(line) + 1
    return tuple(out)


def classify_corpus_event(reports: Sequence[CorpusReport]) -> EventType:
    as_reports = [Report(id=r.id, text=r.text) for r in reports]
    return classify_event(as_reports, {r.id: line_sentences(r) for r in reports})


def evaluate_event_types(split: str = "dev", data: Path = DEFAULT_DATA, gold_path: Path = GOLD) -> list[TypeOutcome]:
    """One outcome per gold event of ``split`` ("dev", "train" or "all")."""
    out = []
    for gold in read_gold(gold_path):
        if split != "all" and topic_split(gold.event, data) != split:
            continue
        docs = [ecbplus_report(d, data) for d in ecbplus_event_documents(gold.event, data, DOCUMENTS_PER_EVENT)]
        out.append(TypeOutcome(gold, classify_corpus_event(docs)))
    return out


def summarize_outcomes(outcomes: Sequence[TypeOutcome]) -> dict[str, object]:
    n = len(outcomes)
    confusions = Counter((o.gold.category, o.predicted.category) for o in outcomes if not o.correct)
    return {
        "events": n,
        "accuracy": round(sum(o.correct for o in outcomes) / n, 3) if n else None,
        "lenient_accuracy": round(sum(o.acceptable for o in outcomes) / n, 3) if n else None,
        "errors": [
            {"event": o.gold.event, "gold": o.gold.category, "predicted": o.predicted.category}
            for o in outcomes
            if not o.correct
        ],
        "confusions": [{"gold": g, "predicted": p, "count": c} for (g, p), c in confusions.most_common()],
    }
