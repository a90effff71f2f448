"""Claim gold sets: one event a JSON line, every value a (report, start, end, text) span into the corpus texts.

``{"corpus", "event", "reports": [ids], "items": [{"kind", "type", "fact", "values": [{"report", "start", "end",
"text"}]}]}`` -- see ``bench/gold/claims-guidelines.md``. A draft value may give ``text`` and an optional ``context``
(a longer stretch of the same report that contains it, unique in the report) instead of offsets; ``resolve_value``
turns it into offsets and refuses anything ambiguous.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from rashomon.eval import corpora

ItemKind = Literal["conflict", "corroborated", "unique"]
ITEM_KINDS = ("conflict", "corroborated", "unique")
CONFLICT_TYPES = ("location", "time", "quantity", "entity", "attribution", "other")


class GoldError(ValueError):
    """A gold line that does not hold together: a value not found, ambiguous, or off its text."""


@dataclass(frozen=True, slots=True)
class GoldValue:
    report: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class GoldItem:
    kind: str  # ItemKind
    type: str | None  # a conflict kind, None for other items
    fact: str
    values: tuple[GoldValue, ...]


@dataclass(frozen=True, slots=True)
class GoldEvent:
    corpus: str
    event: str
    reports: tuple[str, ...]
    items: tuple[GoldItem, ...]
    texts: dict[str, str] | None = None  # report texts carried in the line, when the corpus is not at hand
    scope: str | None = None  # "values": written for the disputes (every conflict, every figure, time, place)
    split: str | None = None  # "check": held out from tuning (see bench/gold/claims-guidelines.md)


def resolve_value(value: dict[str, Any], texts: dict[str, str]) -> GoldValue:
    """Offsets for a draft value: ``text`` found once in its report, or once inside a unique ``context``."""
    report, needle = value["report"], value["text"]
    if report not in texts:
        raise GoldError(f"value {needle!r}: report {report!r} is not among the event's reports")
    text = texts[report]
    if "start" in value and "end" in value:
        start, end = int(value["start"]), int(value["end"])
        if text[start:end] != needle:
            raise GoldError(f"{report}[{start}:{end}] is {text[start:end]!r}, not {needle!r}")
        return GoldValue(report, start, end, needle)
    context = value.get("context") or needle
    found = _occurrences(text, context)
    if not found:
        raise GoldError(f"{report}: {context!r} not found")
    if len(found) > 1:
        raise GoldError(f"{report}: {context!r} occurs {len(found)} times; give a longer context")
    inner = _occurrences(context, needle)
    if not inner:
        raise GoldError(f"{report}: {needle!r} is not inside its context {context!r}")
    if len(inner) > 1:
        raise GoldError(f"{report}: {needle!r} occurs {len(inner)} times inside {context!r}")
    start = found[0] + inner[0]
    return GoldValue(report, start, start + len(needle), needle)


def _occurrences(haystack: str, needle: str) -> list[int]:
    out, k = [], haystack.find(needle)
    while k >= 0 and needle:
        out.append(k)
        k = haystack.find(needle, k + 1)
    return out


def texts_of(line: dict[str, Any], data: Path) -> dict[str, str]:
    if isinstance(line.get("texts"), dict):
        return {str(k): str(v) for k, v in line["texts"].items()}
    return {r: corpora.report(r, data).text for r in line["reports"]}


def parse_event(line: dict[str, Any], data: Path = corpora.DEFAULT_DATA) -> GoldEvent:
    """Check one gold (or draft) line against the report texts and return it with offsets."""
    for key in ("corpus", "event", "reports", "items"):
        if key not in line:
            raise GoldError(f"missing key {key!r}")
    texts = texts_of(line, data)
    items = []
    for n, item in enumerate(line["items"]):
        kind, ctype = item.get("kind"), item.get("type")
        where = f"{line['event']} item {n} ({item.get('fact', '')!r})"
        if kind not in ITEM_KINDS:
            raise GoldError(f"{where}: kind {kind!r} is not one of {ITEM_KINDS}")
        if (kind == "conflict") != (ctype is not None) or (ctype is not None and ctype not in CONFLICT_TYPES):
            raise GoldError(f"{where}: type {ctype!r} (a conflict needs one of {CONFLICT_TYPES}, others null)")
        try:
            values = tuple(resolve_value(v, texts) for v in item["values"])
        except GoldError as exc:
            raise GoldError(f"{where}: {exc}") from exc
        reports = {v.report for v in values}
        if kind == "unique" and len(reports) != 1:
            raise GoldError(f"{where}: a unique fact has values in one report, not {sorted(reports)}")
        if kind != "unique" and len(reports) < 2:
            raise GoldError(f"{where}: a {kind} item needs values in two or more reports")
        items.append(GoldItem(kind, ctype, str(item.get("fact", "")), values))
    texts_kept = texts if isinstance(line.get("texts"), dict) else None
    scope, split = line.get("scope"), line.get("split")
    return GoldEvent(
        line["corpus"],
        line["event"],
        tuple(line["reports"]),
        tuple(items),
        texts_kept,
        str(scope) if scope else None,
        str(split) if split else None,
    )


def read_gold(path: Path, data: Path = corpora.DEFAULT_DATA) -> Iterator[GoldEvent]:
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            yield parse_event(json.loads(raw), data)
        except (GoldError, corpora.CorpusError, json.JSONDecodeError) as exc:
            raise GoldError(f"{path}:{n}: {exc}") from exc


def event_to_json(event: GoldEvent) -> dict[str, Any]:
    line: dict[str, Any] = {
        "corpus": event.corpus,
        "event": event.event,
        "reports": list(event.reports),
        "items": [
            {
                "kind": it.kind,
                "type": it.type,
                "fact": it.fact,
                "values": [{"report": v.report, "start": v.start, "end": v.end, "text": v.text} for v in it.values],
            }
            for it in event.items
        ],
    }
    if event.scope is not None:
        line["scope"] = event.scope
    if event.split is not None:
        line["split"] = event.split
    if event.texts is not None:
        line["texts"] = event.texts
    return line


def write_gold(events: Iterable[GoldEvent], path: Path) -> None:
    path.write_text("".join(json.dumps(event_to_json(e), ensure_ascii=False) + "\n" for e in events), encoding="utf-8")
