"""Migration 3: compared events are kept by event id and fingerprint; a store of schema 2 is upgraded keeping
everything it holds; a new comparison of an event replaces its older versions; events gone are pruned."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import rashomon.store.sqlite as sqlite_module
from rashomon.cluster import ClusterSettings
from rashomon.store import EventRow, SQLiteStore, ingest_paths
from rashomon.store.base import Batch, ComparisonRow
from rashomon.store.events import update_events
from rashomon.store.migrations import LATEST, MIGRATIONS, migrate, schema_version
from rashomon.store.reads import (
    event_of_report,
    get_comparison,
    get_event,
    has_unclustered_reports,
    iter_comparison_facets,
    iter_event_listing,
)
from tests.store.helpers import content, write_feed


def _row(event_id: str, mark: str, conflicts: int = 0) -> ComparisonRow:
    return ComparisonRow(
        event_id, mark, '{"schema": "rashomon.comparison/1"}', "2024-05-01", ("Rotterdam",), (), conflicts
    )


def test_a_store_of_schema_2_is_upgraded_keeping_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "a.db"
    with monkeypatch.context() as m:  # the rashomon of schema 2: reports, events and the clusterer's state
        m.setattr(sqlite_module, "migrate", lambda conn: migrate(conn, MIGRATIONS[:2]))
        with SQLiteStore(db) as old:
            ingest_paths([str(write_feed(tmp_path / "feed.jsonl", 5))], old)
            update_events(old, ClusterSettings(embedding_weight=0.0))
            with old.reader() as conn:
                assert schema_version(conn) == 2
    before = content(db)
    with SQLiteStore(db) as store, store.reader() as conn:
        assert schema_version(conn) == LATEST == 3
    after = content(db)
    assert after.pop("comparisons") == []
    assert len(after.pop("schema_version")) == len(before.pop("schema_version")) + 1
    assert after == before and before["reports"] and before["events"] and before["cluster_reports"]


def test_a_comparison_is_found_by_event_and_fingerprint(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "a.db") as store:
        store.save_comparison(_row("ev-1", "f1", conflicts=2))
        with store.reader() as conn:
            found = get_comparison(conn, "ev-1", "f1")
            assert found == _row("ev-1", "f1", conflicts=2)
            assert get_comparison(conn, "ev-1", "other") is None
            assert [f.places for f in iter_comparison_facets(conn)] == [("Rotterdam",)]


def test_a_new_version_of_an_event_replaces_the_older_one(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "a.db") as store:
        store.save_comparison(_row("ev-1", "f1"))
        store.save_comparison(_row("ev-2", "f1"))
        store.save_comparison(_row("ev-1", "f2"))
        with store.reader() as conn:
            assert sorted((f.event_id, f.fingerprint) for f in iter_comparison_facets(conn)) == [
                ("ev-1", "f2"),
                ("ev-2", "f1"),
            ]


def test_comparisons_of_events_gone_are_pruned(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "a.db") as store:
        store.replace_events([EventRow("ev-1", "One", None, None, ())])
        store.save_comparison(_row("ev-1", "f1"))
        store.save_comparison(_row("ev-gone", "f1"))
        assert store.prune_comparisons() == 1
        store.replace_events([EventRow("ev-1", "One again", None, None, ())])  # replacing events keeps them
        with store.reader() as conn:
            assert [f.event_id for f in iter_comparison_facets(conn)] == ["ev-1"]


def test_listing_reads_events_with_their_reports_titles(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "a.db") as store:
        result = ingest_paths([str(write_feed(tmp_path / "feed.jsonl", 3))], store)
        a, b, c = result.added
        store.replace_events(
            [EventRow("ev-1", "One", "2024-01-01", None, (a, b)), EventRow("ev-2", "Two", None, None, ())]
        )
        store.write_batch(store.start_run(["t"], annotate=False), Batch(()))
        with store.reader() as conn:
            listed = list(iter_event_listing(conn))
            assert [(e.id, e.reports) for e in listed] == [("ev-1", tuple(sorted((a, b)))), ("ev-2", ())]
            assert all(t and t.startswith("Title") for t in listed[0].titles)
            assert get_event(conn, "ev-1") == EventRow("ev-1", "One", "2024-01-01", None, tuple(sorted((a, b))))
            assert get_event(conn, "nope") is None
            assert event_of_report(conn, a) == "ev-1" and event_of_report(conn, c) is None
            assert has_unclustered_reports(conn)


def test_the_comparisons_table_has_no_foreign_key_to_events(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "a.db") as store, store.reader() as conn:
        assert conn.execute("PRAGMA foreign_key_list(comparisons)").fetchall() == []
        assert isinstance(conn, sqlite3.Connection)
