"""Shared test helpers: where ../shared is, and one CLI runner that loads the models once per session."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
EXAMPLES = REPO / "examples" / "ferry"


def requires_seeds() -> pytest.MarkDecorator:
    return pytest.mark.skipif(not SEEDS.is_dir(), reason=f"{SEEDS} is absent (the running example lives in ../shared)")


@pytest.fixture()
def run_cli():
    """Run `rashomon ...` in process; returns (exit code, stdout, stderr)."""
    from click.testing import CliRunner

    from rashomon.cli import cli

    def run(*args: str, stdin: str | bytes | None = None) -> tuple[int, str, str]:
        result = CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    return run


def load_json(text: str) -> Any:
    return json.loads(text)
