"""Events exported as the JSON contract, CSV and Parquet: one row per event, every report listed, cells that a
spreadsheet would run as formulas neutralised."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from rashomon.export import SCHEMA, events_to_csv, events_to_dict, write_parquet
from rashomon.records import Event

EVENTS = [
    Event("V-1", "Ferry capsizes on the Meghna", ("a", "b", "c"), "2024-03-12", "2024-03-13"),
    Event("V-2", '=HYPERLINK("http://x")', ("d",), None, None),
]


def test_json_lists_every_event_with_its_reports() -> None:
    data = events_to_dict(EVENTS)
    assert data["schema"] == SCHEMA
    assert data["events"] == [
        {
            "id": "V-1",
            "label": "Ferry capsizes on the Meghna",
            "start": "2024-03-12",
            "end": "2024-03-13",
            "reports": ["a", "b", "c"],
        },
        {"id": "V-2", "label": '=HYPERLINK("http://x")', "start": None, "end": None, "reports": ["d"]},
    ]


def test_csv_has_one_row_per_event_and_no_live_formulas() -> None:
    rows = list(csv.DictReader(io.StringIO(events_to_csv(EVENTS))))
    assert [r["id"] for r in rows] == ["V-1", "V-2"]
    assert rows[0]["reports"] == "a | b | c" and rows[0]["size"] == "3"
    assert rows[1]["label"].startswith("'=")


def test_parquet_round_trips_with_a_list_of_reports(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    path = tmp_path / "events.parquet"
    write_parquet(EVENTS, path)
    table = pq.read_table(path).to_pylist()
    assert [row["reports"] for row in table] == [["a", "b", "c"], ["d"]]
    assert table[1]["start"] is None and table[0]["size"] == 3
