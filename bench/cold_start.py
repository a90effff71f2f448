"""Cold start: `rashomon compare` on the two seed reports against bare spaCy loading the same pipeline and parsing
the same two texts. Each command is a fresh process; runs alternate so both see the same machine noise; one warm-up
run of each (the OS file cache) is not counted. Target (issue 2): rashomon at most 2x bare spaCy.

    .venv/bin/python bench/cold_start.py            # 5 runs each
    .venv/bin/python bench/cold_start.py --runs 9
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
RESULTS = Path(__file__).resolve().parent / "results"
BIN = Path(sys.executable).parent

BARE = """
import sys
import spacy
from rashomon.nlp import DEFAULT_MODEL
nlp = spacy.load(DEFAULT_MODEL)
for path in sys.argv[1:]:
    nlp(open(path, encoding="utf-8").read())
"""


def timed(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one fresh process, measured with GNU time."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        start = time.perf_counter()
        subprocess.run(
            ["/usr/bin/time", "-f", "%M", "-o", out.name, *cmd],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wall = time.perf_counter() - start
        peak_kb = float(out.read().strip().splitlines()[-1])
    return wall, peak_kb / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    seeds = sorted(str(p) for p in SEEDS.glob("*.txt"))
    if not seeds:
        sys.exit(f"skipped: {SEEDS} is absent (the running example lives in ../shared)")
    compare = [str(BIN / "rashomon"), "compare", *seeds, "--format", "json", "--today", "2026-11-22"]
    commands = {
        "rashomon compare": compare,
        "rashomon compare --no-embeddings": [*compare, "--no-embeddings"],
        "bare spaCy load + parse": [sys.executable, "-c", BARE, *seeds],
    }
    for cmd in commands.values():  # warm-up: the OS file cache, the place index cache
        timed(cmd)
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, cmd in commands.items():
            runs[name].append(timed(cmd))
    table = {
        name: {
            "median_s": statistics.median(w for w, _ in rs),
            "min_s": min(w for w, _ in rs),
            "peak_mb": statistics.median(m for _, m in rs),
        }
        for name, rs in runs.items()
    }
    bare = table["bare spaCy load + parse"]["median_s"]
    print(f"cold start on {len(seeds)} seed reports, {args.runs} runs each (median / min wall time, peak RSS)")
    print(f"{'command':<34} {'median s':>9} {'min s':>7} {'peak MB':>8} {'x bare':>7}")
    for name, row in table.items():
        print(
            f"{name:<34} {row['median_s']:>9.2f} {row['min_s']:>7.2f} {row['peak_mb']:>8.0f} "
            f"{row['median_s'] / bare:>7.2f}"
        )
    ratio = table["rashomon compare"]["median_s"] / bare
    print(f"rashomon compare / bare spaCy: {ratio:.2f}x (target: at most 2x)")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "cold_start.json"
    out.write_text(
        json.dumps({"date": date.today().isoformat(), "runs": args.runs, "table": table, "ratio": ratio}, indent=2)
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
