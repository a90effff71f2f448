"""`rashomon ingest`: the store named on stderr, exit status 0 / 2 / 1, and a killed run that resumes exactly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from rashomon.store import default_db_path
from tests.conftest import REPO
from tests.store.helpers import content, write_feed


def run_ingest(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rashomon.cli", "ingest", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )


def test_a_clean_feed_exits_0_and_names_the_store(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    feed = write_feed(tmp_path / "feed.jsonl", 3)
    code, out, err = run_cli("ingest", str(feed), "--db", str(tmp_path / "s.db"))
    assert code == 0 and out == ""
    assert f"store {tmp_path / 's.db'}" in err and "added 3" in err
    code, _, err = run_cli("ingest", str(feed), "--db", str(tmp_path / "s.db"))
    assert code == 0 and "added 0, skipped 3" in err


def test_rejected_input_exits_2_with_each_one_named(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    feed = write_feed(tmp_path / "feed.jsonl", 2)
    with feed.open("a", encoding="utf-8") as handle:
        handle.write("{not json\n")
    code, _, err = run_cli("ingest", str(feed), str(tmp_path / "missing.txt"), "--db", str(tmp_path / "s.db"))
    assert code == 2
    assert f"rejected {feed}:3: invalid JSON" in err
    assert f"rejected {tmp_path / 'missing.txt'}: no such file or directory" in err
    assert "added 2" in err


@pytest.mark.parametrize(
    "args",
    [["--db", "postgresql://localhost/rashomon"], ["--batch-size", "0"], []],
    ids=["postgres-not-yet", "bad-batch-size", "no-paths"],
)
def test_usage_errors_exit_1(tmp_path: Path, args: list[str]) -> None:
    feed = write_feed(tmp_path / "feed.jsonl", 1)
    paths = [] if not args else [str(feed)]
    db = [] if "--db" in args else ["--db", str(tmp_path / "s.db")]
    done = run_ingest(*paths, *db, *args)
    assert done.returncode == 1, done.stderr


def test_the_default_store_is_in_the_user_data_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    path = default_db_path()
    assert path.name == "rashomon.db" and path.parent.name == "rashomon"
    assert str(path).startswith(str(tmp_path))


def test_a_killed_run_resumes_to_exactly_a_clean_run(tmp_path: Path) -> None:
    feed = write_feed(tmp_path / "feed.jsonl", 40)
    args = [str(feed), "--no-annotate", "--batch-size", "6"]

    killed = run_ingest(*args, "--db", str(tmp_path / "resumed.db"), env={"RASHOMON_TEST_KILL_AFTER_BATCHES": "2"})
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    partial = content(tmp_path / "resumed.db")
    assert len(partial["reports"]) == 12  # two whole batches, nothing of the third

    resumed = run_ingest(*args, "--db", str(tmp_path / "resumed.db"))
    assert resumed.returncode == 0, resumed.stderr
    assert "added 28, skipped 12" in resumed.stderr

    clean = run_ingest(*args, "--db", str(tmp_path / "clean.db"))
    assert clean.returncode == 0, clean.stderr
    assert content(tmp_path / "resumed.db") == content(tmp_path / "clean.db")
    assert len(content(tmp_path / "clean.db")["reports"]) == 40
