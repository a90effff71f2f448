"""The schema: created by numbered migrations, each applied once, in a transaction; WAL and foreign keys on."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from rashomon.store import SQLiteStore, StoreError, connect
from rashomon.store.migrations import LATEST, MIGRATIONS, Migration, migrate, schema_version

TABLES = {
    "reports",
    "annotations",
    "events",
    "event_reports",
    "ingest_runs",
    "ingest_skips",
    "cluster_reports",
    "cluster_edges",
    "cluster_meta",
    "cluster_index",
    "schema_version",
}


def tables_of(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_a_new_store_has_every_table_at_the_latest_version(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "sub" / "a.db") as store, store.reader() as conn:
        assert tables_of(conn) >= TABLES
        assert schema_version(conn) == LATEST


def test_the_store_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "a.db"):
        conn = connect(tmp_path / "a.db")
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO annotations (report_id, annotator, data) VALUES ('nope', 'x', '{}')")


def test_opening_a_store_again_applies_nothing(tmp_path: Path) -> None:
    SQLiteStore(tmp_path / "a.db").close()
    conn = connect(tmp_path / "a.db")
    assert migrate(conn) == []
    assert conn.execute("SELECT COUNT(*) FROM schema_version").fetchone()[0] == len(MIGRATIONS)


def test_a_new_migration_is_applied_after_the_others(tmp_path: Path) -> None:
    SQLiteStore(tmp_path / "a.db").close()
    conn = connect(tmp_path / "a.db")
    extra = Migration(LATEST + 1, "notes", ("CREATE TABLE notes (id INTEGER PRIMARY KEY)",))
    assert migrate(conn, (*MIGRATIONS, extra)) == [LATEST + 1]
    assert migrate(conn, (*MIGRATIONS, extra)) == []
    assert "notes" in tables_of(conn)


def test_a_failing_migration_leaves_nothing_behind(tmp_path: Path) -> None:
    SQLiteStore(tmp_path / "a.db").close()
    conn = connect(tmp_path / "a.db")
    broken = Migration(LATEST + 1, "broken", ("CREATE TABLE half (id INTEGER)", "CREATE TABLE half (id INTEGER)"))
    with pytest.raises(sqlite3.OperationalError):
        migrate(conn, (*MIGRATIONS, broken))
    assert "half" not in tables_of(conn)
    assert schema_version(conn) == LATEST


def test_migrations_must_be_numbered_in_order(tmp_path: Path) -> None:
    conn = connect(tmp_path / "a.db")
    with pytest.raises(ValueError, match="numbered"):
        migrate(conn, (Migration(2, "two", ()),))


def test_a_store_from_a_newer_rashomon_is_refused(tmp_path: Path) -> None:
    SQLiteStore(tmp_path / "a.db").close()
    conn = connect(tmp_path / "a.db")
    conn.execute("INSERT INTO schema_version VALUES (?, 'future', 'now')", (LATEST + 1,))
    conn.close()
    with pytest.raises(StoreError, match="schema version"):
        SQLiteStore(tmp_path / "a.db")


def test_a_store_of_the_first_schema_is_upgraded_keeping_its_reports(tmp_path: Path) -> None:
    conn = connect(tmp_path / "a.db")
    migrate(conn, MIGRATIONS[:1])
    conn.execute(
        "INSERT INTO reports (id, content_hash, input_id, text, ingested_at) VALUES ('r1', 'h1', 'in', 'Text.', 'now')"
    )
    conn.close()
    with SQLiteStore(tmp_path / "a.db") as store, store.reader() as conn:
        assert schema_version(conn) == LATEST
        assert tables_of(conn) >= TABLES
        assert conn.execute("SELECT id, text FROM reports").fetchall() == [("r1", "Text.")]
