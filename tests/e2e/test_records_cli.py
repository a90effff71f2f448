"""`rashomon records`: the event record of every stored event, compared once and then read from the store."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from rashomon.cli import cli
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.model


def test_records_export_every_stored_event_and_reuse_the_cached_comparison(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "store.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(EXAMPLES), "--db", db]).exit_code == 0
    first = runner.invoke(cli, ["records", "--db", db, "--today", "2026-11-22"])
    assert first.exit_code == 0, first.output
    rows = list(csv.DictReader(io.StringIO(first.stdout)))
    assert len(rows) == 1 and rows[0]["event"].startswith("ev-")
    assert (rows[0]["event_type"], rows[0]["date"], rows[0]["country_code"]) == ("accident", "2024-03-12", "BD")

    from rashomon.app import service

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a cached comparison was computed again")

    monkeypatch.setattr(service, "compare_event", refuse)
    again = runner.invoke(cli, ["records", "--db", db, "--today", "2026-11-22", "--format", "jsonl"])
    assert again.exit_code == 0, again.output
    (line,) = again.stdout.splitlines()
    assert json.loads(line)["record"]["fatalities"]["resolved"] == 12


def test_records_refuse_parquet_without_a_file(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    CliRunner().invoke(cli, ["ingest", str(EXAMPLES), "--db", str(db)])
    result = CliRunner().invoke(cli, ["records", "--db", str(db), "--format", "parquet"])
    assert result.exit_code != 0 and "-o FILE" in result.output
