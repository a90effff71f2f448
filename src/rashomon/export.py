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
