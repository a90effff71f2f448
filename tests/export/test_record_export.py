"""Event records as rows: ACLED-like columns, every source's value kept, report text written as data."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from rashomon.export import RECORD_COLUMNS, record_row, records_to_csv, write_records_parquet


def field(resolved: object, values: list[dict] | None = None, disputed: bool = False, note: str | None = None) -> dict:
    return {"values": values or [], "resolved": resolved, "policy": "p", "disputed": disputed, "note": note}


def value(report: str, text: str, val: str, attribution: str | None = None) -> dict:
    return {"report": report, "start": 0, "end": len(text), "text": text, "value": val, "attribution": attribution}


def doc_with_record() -> dict:
    fatalities = field(3, [value("a", "three", "3"), value("b", "five", "5")], True, "reports give 3 to 5")
    fatalities["ucdp"] = {"best": 3, "low": 3, "high": 5}
    return {
        "reports": [{"id": "a"}, {"id": "b"}],
        "event": {
            "type": field({"taxonomy": "acled", "category": "battles", "subtype": "armed clash", "label": "x"}),
            "date": field("2024-05-01", [value("a", "Wednesday", "2024-05-01")]),
            "location": field(
                {
                    "name": "Aleppo",
                    "country": "Syria",
                    "country_code": "SY",
                    "region": "09",
                    "precision": "city",
                    "lat": 36.2,
                    "lon": 37.16,
                },
                [value("a", "near Aleppo", "Aleppo", "a monitor")],
            ),
            "actors": [
                {"name": "=HYPERLINK(1)", "entity": "E1", "type": "ORG", "role": "actor", "reports": ["a"]},
                {"name": "Villagers", "entity": "E2", "type": "NORP", "role": "target", "reports": ["a", "b"]},
            ],
            "fatalities": fatalities,
            "counts": [dict(field(7, [value("b", "seven", "7")]), what="injured")],
            "sources": ["a", "b"],
        },
    }


def test_a_record_becomes_one_row_with_acled_like_columns() -> None:
    row = record_row(doc_with_record())
    assert set(row) == set(RECORD_COLUMNS)
    assert (row["event_type"], row["sub_event_type"], row["date"]) == ("battles", "armed clash", "2024-05-01")
    assert (row["location"], row["country_code"], row["geo_precision"]) == ("Aleppo", "SY", "city")
    assert (row["actor1"], row["actor2"]) == ("=HYPERLINK(1)", "Villagers")
    assert (row["fatalities"], row["fatalities_low"], row["fatalities_high"], row["fatalities_disputed"]) == (
        3,
        3,
        5,
        True,
    )
    assert row["injured"] == 7 and row["source_count"] == 2
    assert "fatalities: five = 5 (b)" in row["source_values"]
    assert "location: near Aleppo = Aleppo (a, according to a monitor)" in row["source_values"]
    assert "reports give 3 to 5" in row["notes"]


def test_csv_writes_report_text_as_data_not_formulas() -> None:
    text = records_to_csv([record_row(doc_with_record())])
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["actor1"] == "'=HYPERLINK(1)"
    assert list(rows[0]) == list(RECORD_COLUMNS)


def test_a_comparison_without_a_record_still_gives_its_sources() -> None:
    row = record_row({"reports": [{"id": "a"}, {"id": "b"}], "event": None})
    assert row["sources"] == "a | b" and row["event_type"] is None and row["source_count"] == 2


def test_parquet_keeps_numbers_and_flags_typed(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    path = tmp_path / "records.parquet"
    write_records_parquet([record_row(doc_with_record()), record_row({"reports": [{"id": "c"}]})], path)
    table = pq.read_table(path)
    assert table.num_rows == 2
    assert str(table.schema.field("fatalities").type) == "int64"
    assert str(table.schema.field("location_disputed").type) == "bool"
    assert table.column("latitude").to_pylist() == [36.2, None]
