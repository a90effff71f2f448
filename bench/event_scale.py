"""One large event compared whole: time and peak memory at 100, 300 and 1,000 reports (issue 15: about linear
growth, 1,000 reports under 4 GB).

Two kinds of event, both written as JSON Lines feeds from ECB+ (../shared/data/ecbplus) with a fixed seed:
- ``copies``: one sub-topic's documents over and over, each copy with about a fifth of its sentences left out (a
  wire story reprinted and trimmed by many outlets: many sentences repeat);
- ``mixed``: every report 14 sentences drawn in turn from every ECB+ document's sentences (distinct texts, many
  stories: the worst case for the comparison's grouping, not a real event).
Each run is a fresh ``rashomon compare --one-event --max-reports 0`` process (no sampling: the whole event is
compared), timed with GNU time (wall, peak RSS). Results go to bench/results/event_scale.json.

    .venv/bin/python bench/event_scale.py                        # copies and mixed at 100, 300, 1000
    .venv/bin/python bench/event_scale.py --sizes 100 300 --kinds copies
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
BIN = Path(sys.executable).parent
SUBTOPIC = "ecbplus:20:ecbplus"
KEEP = 0.8  # share of a document's sentences a copy keeps
SENTENCES = 14  # sentences per report of a mixed event


def copies_feed(n: int, path: Path) -> int:
    """``n`` trimmed copies of one sub-topic's documents; returns the words written."""
    from rashomon.eval.corpora import ecbplus_event_documents, ecbplus_report

    docs = [ecbplus_report(d) for d in ecbplus_event_documents(SUBTOPIC, limit=None)]
    rng = random.Random(7)
    words = 0
    with path.open("w", encoding="utf-8") as out:
        for k in range(n):
            lines = docs[k % len(docs)].text.split("\n")
            text = "\n".join(line for i, line in enumerate(lines) if i == 0 or rng.random() < KEEP)
            words += len(text.split())
            out.write(json.dumps({"id": f"c{k}", "text": text}) + "\n")
    return words


def mixed_feed(n: int, path: Path) -> int:
    """``n`` reports of sentences drawn from every ECB+ document; returns the words written."""
    from rashomon.eval.corpora import DEFAULT_DATA, ecbplus_text

    pool = [
        line
        for p in sorted((DEFAULT_DATA / "ecbplus" / "ECB+").glob("*/*.xml"))
        for line in ecbplus_text(p).split("\n")
        if len(line.split()) > 5
    ]
    random.Random(11).shuffle(pool)
    words = 0
    with path.open("w", encoding="utf-8") as out:
        for k in range(n):
            at = (k * SENTENCES) % len(pool)
            text = "\n".join(pool[at : at + SENTENCES])
            words += len(text.split())
            out.write(json.dumps({"id": f"m{k}", "text": text}) + "\n")
    return words


FEEDS = {"copies": copies_feed, "mixed": mixed_feed}


def timed(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one fresh process, measured with GNU time."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        start = time.perf_counter()
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", out.name, *cmd], check=True, stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - start
        peak_kb = float(out.read().strip().splitlines()[-1])
    return wall, peak_kb / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000])
    parser.add_argument("--kinds", nargs="+", choices=sorted(FEEDS), default=sorted(FEEDS))
    args = parser.parse_args()
    from rashomon.eval.corpora import DEFAULT_DATA

    if not (DEFAULT_DATA / "ecbplus").is_dir():
        sys.exit(f"skipped: {DEFAULT_DATA / 'ecbplus'} is absent")
    results: dict[str, list[dict[str, float]]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for kind in args.kinds:
            results[kind] = []
            for n in args.sizes:
                feed = Path(folder) / f"{kind}-{n}.jsonl"
                words = FEEDS[kind](n, feed)
                cmd = [str(BIN / "rashomon"), "compare", str(feed), "--one-event", "--max-reports", "0"]
                wall, peak = timed(
                    [*cmd, "--format", "json", "-o", str(Path(folder) / "out.json"), "--today", "2026-11-22"]
                )
                results[kind].append(
                    {"reports": n, "words": words, "wall_s": round(wall, 1), "peak_rss_mb": round(peak)}
                )
                print(f"{kind:7} {n:5} reports {words:7} words  {wall:7.1f} s  peak {peak:6.0f} MB", flush=True)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "event_scale.json"
    out.write_text(json.dumps({"date": time.strftime("%Y-%m-%d"), "events": results}, indent=2) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
