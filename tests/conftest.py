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


# Debian's Chromium, driven headless by Playwright (scripts/install.sh --dev installs it); the flags keep it off the
# network (this machine's is closed) and out of a sandbox it cannot have as root
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def requires_chromium() -> pytest.MarkDecorator:
    return pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is absent (apt-get install chromium)")


def requires_seeds() -> pytest.MarkDecorator:
    return pytest.mark.skipif(not SEEDS.is_dir(), reason=f"{SEEDS} is absent (the running example lives in ../shared)")


def _cli_runner():  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from rashomon.cli import cli

    def run(*args: str, stdin: str | bytes | None = None) -> tuple[int, str, str]:
        result = CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    return run


@pytest.fixture()
def run_cli():  # type: ignore[no-untyped-def]
    """Run `rashomon ...` in process; returns (exit code, stdout, stderr)."""
    return _cli_runner()


@pytest.fixture(scope="module")
def run_cli_module():  # type: ignore[no-untyped-def]
    """``run_cli`` for module-scoped fixtures (one expensive run shared by a module's tests)."""
    return _cli_runner()


def load_json(text: str) -> Any:
    return json.loads(text)
