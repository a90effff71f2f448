"""Unit tests run without models and without touching the user's cache folder."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session", autouse=True)
def private_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The place gazetteer index (places._gazetteer) is written under a temporary folder, not ~/.cache."""
    previous = os.environ.get("RASHOMON_CACHE_DIR")
    os.environ["RASHOMON_CACHE_DIR"] = str(tmp_path_factory.mktemp("rashomon-cache"))
    yield
    if previous is None:
        os.environ.pop("RASHOMON_CACHE_DIR", None)
    else:
        os.environ["RASHOMON_CACHE_DIR"] = previous
