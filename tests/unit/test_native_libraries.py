"""Native libraries loaded in either order in one process: the nearest-neighbour index (usearch) and ONNX Runtime."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.model


def test_the_report_index_built_before_the_embedder_loads_does_not_crash_the_process() -> None:
    # usearch loaded first made ONNX Runtime's load crash the process (SIGSEGV) unless SciPy happened to be loaded
    code = (
        "from rashomon.cluster.state import Vectors; Vectors(); "
        "from rashomon.embed import default_embedder; default_embedder().load(); print('loaded')"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "loaded" in done.stdout
