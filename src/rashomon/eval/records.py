"""The event record's place, date, actors and fatalities on ECB+ sub-topics, against labels written by reading their
first documents (``bench/gold/event-records-ecbplus.tsv``).

Each sub-topic's first five documents go through the whole pipeline (``compare_reports``), as a user's files would;
ECB+ documents carry no publication metadata, so dates resolve from the words alone (``today`` fixed for replays).
A field is scored only on the events whose gold gives it:
- country: the record's country code is one the gold accepts;
- place: the gold place name is the record's place, or one of the record's location values (a looser reading);
- date: the record's date equals the gold day (or month, or year, at the gold's precision), or an interval holds it;
- actor1 / actor2: the gold actor matches (same words, or one name inside the other) the record's first actor; the gold
  target its first target or victim (ACLED's two actor columns); actor_listed / target_listed: any of them;
- fatalities: the record's figure lies within the gold's range; "not reported" is right only when the gold says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from rashomon.eval.corpora import DEFAULT_DATA, ecbplus_event_documents, ecbplus_report
from rashomon.eval.event_types import topic_split

GOLD = Path(__file__).resolve().parents[3] / "bench" / "gold" / "event-records-ecbplus.tsv"
FIELDS = ("country", "place", "date", "actor1", "actor2", "actor_listed", "target_listed", "fatalities")
REPLAY_DAY = date(2026, 11, 25)


@dataclass(frozen=True, slots=True)
class GoldRecord:
    event: str
    countries: tuple[str, ...]
    place: str | None
    date: str | None
    actor: str | None
    target: str | None
    fatalities: tuple[int, int] | None  # (low, high); (0, 0) when nobody died


@dataclass(frozen=True, slots=True)
class RecordOutcome:
    gold: GoldRecord
    scores: dict[str, bool]  # field -> right or wrong, for the fields the gold gives
    predicted: dict[str, object]


def _opt(value: str) -> str | None:
    value = value.strip()
    return None if value in ("", "-") else value


def _range(value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    low, _, high = value.partition("-")
    return int(low), int(high or low)


def read_gold(path: Path = GOLD) -> list[GoldRecord]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = (line.split("\t") + [""] * 7)[:7]
        if cells[0] == "event":
            continue  # a header line
        country = _opt(cells[1])
        out.append(
            GoldRecord(
                event=cells[0].strip(),
                countries=tuple(c.strip().upper() for c in country.split(",")) if country else (),
                place=_opt(cells[2]),
                date=_opt(cells[3]),
                actor=_opt(cells[4]),
                target=_opt(cells[5]),
                fatalities=_range(_opt(cells[6])),
            )
        )
    return out


def _words(name: str) -> set[str]:
    return {w for w in re.findall(r"\w+", name.casefold()) if len(w) > 1 and w not in ("the", "of")}


def names_match(gold: str, names: Iterable[str]) -> bool:
    """Same words, or every word of one name among the other's ("Navy" and "Indian Navy")."""
    g = _words(gold)
    for name in names:
        n = _words(name)
        if g and n and (g <= n or n <= g):
            return True
    return False


def dates_match(gold: str, resolved: object) -> bool:
    if not isinstance(resolved, str):
        return False
    if "/" in resolved:
        start, end = resolved.split("/", 1)
        return start[: len(gold)] <= gold <= end[: len(gold)]
    return resolved[: len(gold)] == gold


def score_record(gold: GoldRecord, event: dict[str, Any] | None) -> RecordOutcome:
    event = event or {}
    location = event.get("location") or {}
    place = location.get("resolved") or {}
    actors = event.get("actors") or []
    fatalities = (event.get("fatalities") or {}).get("resolved")
    scores: dict[str, bool] = {}
    if gold.countries:
        scores["country"] = str(place.get("country_code") or "") in gold.countries
    if gold.place:
        shown = [str(place.get("name") or "")] + [str(v.get("text") or "") for v in location.get("values") or []]
        scores["place"] = names_match(gold.place, [s for s in shown if s])
    if gold.date:
        scores["date"] = dates_match(gold.date, (event.get("date") or {}).get("resolved"))
    doers = [a["name"] for a in actors if a.get("role") == "actor"]
    done_to = [a["name"] for a in actors if a.get("role") in ("target", "victim")]
    if gold.actor:
        scores["actor1"] = names_match(gold.actor, doers[:1])  # the record's first actor (ACLED's actor 1)
        scores["actor_listed"] = names_match(gold.actor, doers)
    if gold.target:
        scores["actor2"] = names_match(gold.target, done_to[:1])  # its first target or victim (actor 2)
        scores["target_listed"] = names_match(gold.target, done_to)
    if gold.fatalities is not None:
        low, high = gold.fatalities
        scores["fatalities"] = (fatalities is None and high == 0) or (
            isinstance(fatalities, int) and low <= fatalities <= high
        )
    predicted = {
        "country": place.get("country_code"),
        "place": place.get("name"),
        "date": (event.get("date") or {}).get("resolved"),
        "actors": [f"{a['name']} ({a['role']})" for a in actors if a.get("role") != "speaker"],
        "fatalities": fatalities,
    }
    return RecordOutcome(gold, scores, predicted)


def evaluate_records(
    split: str = "dev",
    data: Path = DEFAULT_DATA,
    gold_path: Path = GOLD,
    limit: int | None = None,
    deadly_only: bool = False,
) -> list[RecordOutcome]:
    """One outcome per gold event of ``split`` ("dev", "train" or "all"); runs the whole pipeline on each.
    ``deadly_only``: only the events whose gold gives a toll above zero (what the toll's accuracy is measured on)."""
    from rashomon.pipeline import Settings, compare_reports
    from rashomon.records import Report
    from rashomon.serialize import record_to_dict

    settings = Settings(today=REPLAY_DAY)
    golds = [g for g in read_gold(gold_path) if split == "all" or topic_split(g.event, data) == split]
    if deadly_only:
        golds = [g for g in golds if g.fatalities is not None and g.fatalities[1] > 0]
    out = []
    for gold in golds[:limit]:
        docs = [ecbplus_report(d, data) for d in ecbplus_event_documents(gold.event, data, 5)]
        comparison = compare_reports([Report(id=d.id, text=d.text) for d in docs], settings)
        event = record_to_dict(comparison.event) if comparison.event is not None else None
        out.append(score_record(gold, event))
    return out


def summarize_records(outcomes: Sequence[RecordOutcome]) -> dict[str, object]:
    fields: dict[str, object] = {}
    for name in FIELDS:
        scored = [o.scores[name] for o in outcomes if name in o.scores]
        fields[name] = {"events": len(scored), "accuracy": round(sum(scored) / len(scored), 3) if scored else None}
    errors = [
        {"event": o.gold.event, "wrong": sorted(k for k, ok in o.scores.items() if not ok), "predicted": o.predicted}
        for o in outcomes
        if not all(o.scores.values())
    ]
    return {"events": len(outcomes), "fields": fields, "errors": errors}
