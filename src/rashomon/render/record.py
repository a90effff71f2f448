"""The event record as lines a reader scans: one per field, with the value settled on, whether sources dispute it,
and the note that says how. Shared by the terminal and Markdown views (the HTML page draws its own table)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Doc = dict[str, Any]


@dataclass(frozen=True, slots=True)
class RecordLine:
    field: str
    value: str
    disputed: bool
    note: str  # the dispute, or the policy when nothing is disputed


def _place(resolved: object) -> str:
    if not isinstance(resolved, dict):
        return "—"
    name = str(resolved.get("name") or "—")
    country = resolved.get("country")
    parts = [name] if not country or country == name else [name, str(country)]
    precision = resolved.get("precision")
    return ", ".join(parts) + (f" ({precision})" if precision else "")


def _figure(field: dict[str, Any]) -> str:
    resolved = field.get("resolved")
    if resolved is None:
        return "not reported"
    ucdp = field.get("ucdp") or {}
    if ucdp.get("low") is not None and ucdp.get("low") != ucdp.get("high"):
        return f"{resolved} (UCDP best {ucdp.get('best')}, low {ucdp.get('low')}, high {ucdp.get('high')})"
    return str(resolved)


def _line(name: str, field: object, value: str) -> RecordLine:
    if not isinstance(field, dict):
        return RecordLine(name, value, False, "")
    disputed = bool(field.get("disputed"))
    note = str(field.get("note") or "") if disputed else str(field.get("policy") or "")
    return RecordLine(name, value, disputed, note)


def record_lines(doc: Doc) -> list[RecordLine]:
    """The record's fields, or no line when the comparison has no record."""
    event = doc.get("event")
    if not isinstance(event, dict):
        return []
    kind = (event.get("type") or {}).get("resolved") or {}
    date = event.get("date") or {}
    lines = [
        _line("type", event.get("type"), str(kind.get("label") or kind.get("category") or "—")),
        _line("date", date, str(date.get("resolved") or "—")),
        _line("location", event.get("location"), _place((event.get("location") or {}).get("resolved"))),
    ]
    actors = event.get("actors") or []
    for role, label in (("actor", "actors"), ("target", "targets"), ("victim", "named dead"), ("speaker", "speakers")):
        names = [str(a.get("name")) for a in actors if a.get("role") == role]
        if names:
            lines.append(RecordLine(label, ", ".join(names), False, ""))
    fatalities = event.get("fatalities") or {}
    lines.append(_line("fatalities", fatalities, _figure(fatalities)))
    for count in event.get("counts") or []:
        lines.append(_line(str(count.get("what") or "count"), count, _figure(count)))
    sources = event.get("sources") or []
    lines.append(RecordLine("sources", f"{len(sources)}: " + ", ".join(str(s) for s in sources), False, ""))
    return lines
