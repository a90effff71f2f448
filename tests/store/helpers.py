"""Helpers for the store tests: feeds written to a folder, and a store's content without its timestamps and logs."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from rashomon.records import (
    AliasLink,
    AnnotatedReport,
    Attribution,
    Fact,
    Mention,
    Phrase,
    Quantity,
    Quote,
    Report,
    Sentence,
    Span,
    TimeExpr,
)

# columns that tell when or in which run something happened, not what is stored
_TIMESTAMPS = {"reports": {"ingested_at"}, "schema_version": {"applied_at"}}
_LOGS = {"ingest_runs", "ingest_skips"}


def write_feed(path: Path, count: int, *, start: int = 1) -> Path:
    """A JSON Lines feed of ``count`` small distinct reports."""
    lines = [
        json.dumps({"id": f"r{n}", "text": f"Report {n}: a ferry capsized on river {n}.", "title": f"Title {n}"})
        for n in range(start, start + count)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def content(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, sorted, leaving out timestamps and the run log: what two equivalent stores share."""
    conn = sqlite3.connect(db)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        out: dict[str, list[tuple[Any, ...]]] = {}
        for table in tables:
            if table in _LOGS or table.startswith("sqlite_"):
                continue
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            kept = [c for c in columns if c not in _TIMESTAMPS.get(table, set())]
            quoted = ", ".join(f'"{c}"' for c in kept)
            out[table] = sorted(conn.execute(f"SELECT {quoted} FROM {table}").fetchall(), key=repr)
        return out
    finally:
        conn.close()


TEXT = 'CENTCOM said on Friday (July 7) that 13 people died. "It was a success," Kurilla said.'


def hand_annotated() -> AnnotatedReport:
    """One of each record, with every kind of field: optional spans, pair tuples, spec tuples, floats, flags."""
    rid = "abc"
    report = Report(rid, TEXT, path="a.txt", title="T", published="2023-07-09", content_hash="0" * 64)
    kurilla = Span(rid, 72, 79, "Kurilla")
    return AnnotatedReport(
        report=report,
        sentences=(Sentence(rid, 0, 52, TEXT[:52], 0, ("centcom", "friday"), True, False),),
        mentions=(
            Mention(rid, 0, 7, "CENTCOM", "ORG", "CENTCOM", "acronym", strong_type=True),
            Mention(rid, 72, 79, "Kurilla", "PERSON", "Kurilla", "ner"),
        ),
        times=(TimeExpr(rid, 16, 22, "Friday", "weekday", None, (("weekday", 4), ("day", 7)), explicit=False),),
        quantities=(
            Quantity(rid, 37, 39, "13", 13.0, None, "people", "die"),
            Quantity(rid, 0, 1, "C", 0.5, "USD", None),
        ),
        quotes=(Quote(rid, 54, 69, "It was a success", kurilla, "after"), Quote(rid, 0, 3, "CEN", None)),
        attributions=(Attribution(rid, 0, Span(rid, 0, 7, "CENTCOM")),),
        alias_links=(AliasLink(rid, (0, 7), (72, 79), "paren"),),
        phrases=(Phrase(rid, 37, 46, "13 people", ("13", "people")),),
        facts=(
            Fact(
                rid,
                "count",
                37,
                39,
                "13",
                0,
                (0, 52),
                "die",
                "nsubj",
                "people",
                ("13",),
                "at least",
                hedged=True,
                window=("people", "die"),
            ),
        ),
    )
