"""Events as rows for a spreadsheet or a data frame: JSON (the ``rashomon.events/1`` contract), CSV and Parquet.

One row per event: id, label, start, end, the number of reports and their ids (CSV: joined with " | "; Parquet: a list
column). Text from reports (labels) is written as data, never interpreted: CSV cells that a spreadsheet would read as
a formula (starting with =, +, - or @) are prefixed with a quote.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rashomon.records import Event

SCHEMA = "rashomon.events/1"
COLUMNS = ("id", "label", "start", "end", "size", "reports")


def events_to_dict(events: Sequence[Event]) -> dict[str, object]:
    """The ``rashomon events --format json`` object."""
    return {
        "schema": SCHEMA,
        "events": [
            {"id": e.id, "label": e.label, "start": e.start, "end": e.end, "reports": list(e.reports)} for e in events
        ],
    }


def _cell(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def events_to_csv(events: Sequence[Event]) -> str:
    """CSV text with a header row; report ids joined with " | "."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for e in events:
        writer.writerow(
            [e.id, _cell(e.label), e.start or "", e.end or "", len(e.reports), _cell(" | ".join(e.reports))]
        )
    return out.getvalue()


def write_parquet(events: Sequence[Event], path: Path) -> None:
    """A Parquet file (pyarrow), one row per event; ``reports`` is a list of strings."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "id": pa.array([e.id for e in events], pa.string()),
            "label": pa.array([e.label for e in events], pa.string()),
            "start": pa.array([e.start for e in events], pa.string()),
            "end": pa.array([e.end for e in events], pa.string()),
            "size": pa.array([len(e.reports) for e in events], pa.int32()),
            "reports": pa.array([list(e.reports) for e in events], pa.list_(pa.string())),
        }
    )
    pq.write_table(table, path)


# --- event records: one row per event, for a spreadsheet next to ACLED or GDELT rows --------------------------------

RECORD_COLUMNS = (
    "event",
    "taxonomy",
    "event_type",
    "sub_event_type",
    "date",
    "date_disputed",
    "location",
    "country",
    "country_code",
    "region",
    "geo_precision",
    "latitude",
    "longitude",
    "location_disputed",
    "actor1",
    "actor2",
    "actors",
    "fatalities",
    "fatalities_best",
    "fatalities_low",
    "fatalities_high",
    "fatalities_disputed",
    "injured",
    "arrested",
    "sources",
    "source_count",
    "notes",
    "source_values",
)


def _resolved(field: object) -> Any:
    return field.get("resolved") if isinstance(field, dict) else None


def _disputed(field: object) -> bool:
    return bool(field.get("disputed")) if isinstance(field, dict) else False


def _values_text(name: str, field: object) -> list[str]:
    """ "date: Friday = 2023-07-07 (r1, according to CENTCOM)" for each source value of a field."""
    if not isinstance(field, dict):
        return []
    out = []
    for v in field.get("values") or []:
        who = f"{v.get('report')}, according to {v['attribution']}" if v.get("attribution") else str(v.get("report"))
        out.append(f"{name}: {v.get('text')} = {v.get('value')} ({who})")
    return out


def record_row(doc: dict[str, Any]) -> dict[str, Any]:
    """The event record of a comparison dict (the contract's ``event``) as one flat row; a comparison with no record
    gives a row of its sources only. ``actor1`` is the first actor, ``actor2`` the first target or victim (ACLED's
    columns); ``source_values`` lists every source's value of every field; ``notes`` the disputes."""
    event = doc.get("event") or {}
    kind = _resolved(event.get("type")) or {}
    place = _resolved(event.get("location")) or {}
    actors = event.get("actors") or []
    fatalities = event.get("fatalities") or {}
    ucdp = fatalities.get("ucdp") or {}
    counts = {c.get("what"): c.get("resolved") for c in event.get("counts") or []}
    fields = {k: event.get(k) for k in ("type", "date", "location", "fatalities")}
    notes = [f"{k}: {f['note']}" for k, f in fields.items() if isinstance(f, dict) and f.get("note")]
    values = [line for k, f in fields.items() for line in _values_text(k, f)]
    for c in event.get("counts") or []:
        values.extend(_values_text(str(c.get("what")), c))
    sources = event.get("sources") or [r.get("id") for r in doc.get("reports") or []]
    first = {
        role: next((a["name"] for a in actors if a.get("role") in roles), None)
        for role, roles in (("actor", ("actor",)), ("target", ("target", "victim")))
    }
    return {
        "event": doc.get("group") or (sources[0] if len(sources) == 1 else " | ".join(sources)),
        "taxonomy": kind.get("taxonomy"),
        "event_type": kind.get("category"),
        "sub_event_type": kind.get("subtype"),
        "date": _resolved(event.get("date")),
        "date_disputed": _disputed(event.get("date")),
        "location": place.get("name"),
        "country": place.get("country"),
        "country_code": place.get("country_code"),
        "region": place.get("region"),
        "geo_precision": place.get("precision"),
        "latitude": place.get("lat"),
        "longitude": place.get("lon"),
        "location_disputed": _disputed(event.get("location")),
        "actor1": first["actor"],
        "actor2": first["target"],
        "actors": " | ".join(f"{a.get('name')} ({a.get('role')})" for a in actors),
        "fatalities": fatalities.get("resolved"),
        "fatalities_best": ucdp.get("best"),
        "fatalities_low": ucdp.get("low"),
        "fatalities_high": ucdp.get("high"),
        "fatalities_disputed": _disputed(fatalities),
        "injured": counts.get("injured"),
        "arrested": counts.get("arrested"),
        "sources": " | ".join(str(s) for s in sources),
        "source_count": len(sources),
        "notes": " | ".join(notes),
        "source_values": " | ".join(values),
    }


def records_to_csv(rows: Sequence[dict[str, Any]]) -> str:
    """CSV text with a header row; report text is data: cells a spreadsheet would run as a formula are quoted."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(RECORD_COLUMNS)
    for row in rows:
        writer.writerow(["" if row[c] is None else _cell(str(row[c])) for c in RECORD_COLUMNS])
    return out.getvalue()


def write_records_parquet(rows: Sequence[dict[str, Any]], path: Path) -> None:
    """A Parquet file, one row per event, with typed columns (numbers as numbers, flags as booleans)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {
        "latitude": pa.float64(),
        "longitude": pa.float64(),
        "source_count": pa.int32(),
        **dict.fromkeys(("date_disputed", "location_disputed", "fatalities_disputed"), pa.bool_()),
        **dict.fromkeys(
            ("fatalities", "fatalities_best", "fatalities_low", "fatalities_high", "injured", "arrested"), pa.int64()
        ),
    }
    table = pa.table({c: pa.array([row[c] for row in rows], types.get(c, pa.string())) for c in RECORD_COLUMNS})
    pq.write_table(table, path)
