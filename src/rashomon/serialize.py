"""The output contract: a Comparison as the plain dict that ``--format json`` prints (schema rashomon.comparison/1).

Renderers (terminal, Markdown, HTML) read this dict, never the records, so every view has a JSON twin.
"""

from __future__ import annotations

from typing import Any

from rashomon.records import (
    Comparison,
    Entity,
    EventRecord,
    FigureTable,
    QuoteGroup,
    RecordField,
    Report,
    Span,
    TimeExpr,
)

SCHEMA = "rashomon.comparison/1"


def report_to_dict(report: Report) -> dict[str, Any]:
    return {
        "id": report.id,
        "path": report.path,
        "title": report.title,
        "source": report.source,
        "url": report.url,
        "published": report.published,
        "text": report.text,
    }


def entity_to_dict(entity: Entity) -> dict[str, Any]:
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "mentions": [{"report": m.report, "start": m.start, "end": m.end, "text": m.text} for m in entity.mentions],
    }


def time_to_dict(time: TimeExpr) -> dict[str, Any]:
    return {"report": time.report, "start": time.start, "end": time.end, "text": time.text, "value": time.value}


def quote_to_dict(quote: QuoteGroup) -> dict[str, Any]:
    return {
        "id": quote.id,
        "text": quote.text,
        "speaker": quote.speaker,
        "occurrences": [
            {
                "report": o.report,
                "start": o.start,
                "end": o.end,
                "text": o.text,
                "speaker": o.speaker,
                "speaker_text": o.speaker_text,
            }
            for o in quote.occurrences
        ],
    }


def _value_dict(v: Any) -> dict[str, Any]:
    """One report's value (of a record field or a conflict): where it is, its words, its value, whom it credits."""
    return {
        "report": v.report,
        "start": v.start,
        "end": v.end,
        "text": v.text,
        "value": v.value,
        "attribution": v.attribution,
    }


def field_to_dict(field: RecordField) -> dict[str, Any]:
    out: dict[str, Any] = {
        "values": [_value_dict(v) for v in field.values],
        "resolved": field.resolved,
        "policy": field.policy,
        "disputed": field.disputed,
        "note": field.note,
    }
    out.update(dict(field.extra))
    return out


def record_to_dict(record: EventRecord) -> dict[str, Any]:
    """The contract's ``event`` object."""
    return {
        "type": field_to_dict(record.type),
        "date": field_to_dict(record.date),
        "location": field_to_dict(record.location),
        "actors": [
            {"name": a.name, "entity": a.entity, "type": a.type, "role": a.role, "reports": list(a.reports)}
            for a in record.actors
        ],
        "fatalities": field_to_dict(record.fatalities),
        "counts": [field_to_dict(c) for c in record.counts],
        "sources": list(record.sources),
    }


def _span(s: Span) -> dict[str, Any]:
    return {"report": s.report, "start": s.start, "end": s.end, "text": s.text}


def figures_to_dict(table: FigureTable) -> dict[str, Any]:
    """The figure table: its rows and its slots (each slot's rows as indices into the rows)."""
    return {
        "rows": [
            {
                "report": r.report,
                "start": r.start,
                "end": r.end,
                "text": r.text,
                "kind": r.kind,
                "value": r.value,
                "low": r.low,
                "high": r.high,
                "slot": r.slot,
                "frame": r.frame,
                "attribution": r.attribution,
                "update": r.update,
                "hedged": r.hedged,
            }
            for r in table.rows
        ],
        "slots": [
            {
                "slot": s.slot,
                "kind": s.kind,
                "frame": s.frame,
                "rows": list(s.rows),
                "status": s.status,
                "explanation": s.explanation,
                "updates": list(s.updates),
                "claim": s.claim,
            }
            for s in table.slots
        ],
    }


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    out: dict[str, Any] = {
        "schema": SCHEMA,
        "reports": [report_to_dict(r) for r in comparison.reports],
        "entities": [entity_to_dict(e) for e in comparison.entities],
        "times": [time_to_dict(t) for t in comparison.times],
        "quotes": [quote_to_dict(q) for q in comparison.quotes],
        "claims": [
            {
                "id": c.id,
                "status": c.status,
                "kind": c.kind,
                "statements": [
                    {"report": s.report, "start": s.start, "end": s.end, "text": s.text} for s in c.statements
                ],
                "contexts": [{"report": x.report, "start": x.start, "end": x.end, "text": x.text} for x in c.contexts],
                "conflicts": [
                    {
                        "kind": k.kind,
                        "explanation": k.explanation,
                        "values": [_value_dict(v) for v in k.values],
                    }
                    for k in c.conflicts
                ],
                "details": [{"report": d.report, "start": d.start, "end": d.end, "text": d.text} for d in c.details],
                **(
                    {
                        "slot": c.slot,
                        "frame": c.frame,
                        "updates": [
                            {"report": u.report, "start": u.start, "end": u.end, "text": u.text} for u in c.updates
                        ],
                    }
                    if c.frame is not None
                    else {}
                ),
            }
            for c in comparison.claims
        ],
        "event": record_to_dict(comparison.event) if comparison.event is not None else None,
        "summary": [
            {
                "text": s.text,
                "citations": [{"report": c.report, "start": c.start, "end": c.end} for c in s.citations],
            }
            for s in comparison.summary
        ],
    }
    out["figures"] = figures_to_dict(comparison.figures) if comparison.figures is not None else None
    if comparison.group is not None:
        out["group"] = comparison.group
    out.update(comparison.extra)
    return out
