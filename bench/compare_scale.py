"""A cold `rashomon compare` of a 20-report event against bare spaCy loading its pipeline and parsing the same 20
texts, side by side in one run, with the time split by stage. Target (issue 6): at most 2x bare spaCy.

Events: ECB+ sub-topics with at least 20 documents (../shared/data/ecbplus), their first 20 documents by number,
written as one JSON Lines feed. Each command is a fresh process; runs alternate so both see the same machine noise;
one warm-up run of each is not counted. The stage split comes from one more fresh process that runs
``compare_reports`` with a ``Stopwatch`` (annotate = spaCy load + parse + rashomon's layers; the rest per stage).

    .venv/bin/python bench/compare_scale.py              # 5 runs each, both events
    .venv/bin/python bench/compare_scale.py --runs 3 --events ecbplus:13:ecb
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).resolve().parent / "results"
BIN = Path(sys.executable).parent
EVENTS = ("ecbplus:13:ecb", "ecbplus:1:ecbplus")

BARE = """
import json, sys
import spacy
from rashomon.nlp import DEFAULT_MODEL
nlp = spacy.load(DEFAULT_MODEL)
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
for doc in nlp.pipe(texts):
    pass
"""

STAGES = """
import json, sys, time
start = time.perf_counter()
from rashomon.embed import preload_in_background
loader = preload_in_background()
from rashomon.ingest import ingest
from rashomon.pipeline import Settings, Stopwatch, compare_reports
from rashomon.serialize import comparison_to_dict
watch = Stopwatch()
with watch.stage("ingest"):
    reports = ingest([sys.argv[1]]).reports
comparison = compare_reports(reports, Settings(), stopwatch=watch)
loader.join()
with watch.stage("serialize"):
    json.dumps(comparison_to_dict(comparison))
watch.seconds["total"] = time.perf_counter() - start
print(json.dumps(watch.seconds))
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


def write_feed(event: str, folder: Path, size: int = 20) -> tuple[Path, int]:
    from rashomon.eval import corpora

    ids = corpora.ecbplus_event_documents(event, limit=size)
    if len(ids) < size:
        sys.exit(f"{event} has {len(ids)} documents, fewer than {size}")
    path = folder / f"{event.replace(':', '_')}.jsonl"
    words = 0
    with path.open("w", encoding="utf-8") as out:
        for doc_id in ids:
            text = corpora.report(doc_id).text
            words += len(text.split())
            out.write(json.dumps({"id": doc_id, "text": text}) + "\n")
    return path, words


def measure(feed: Path, runs: int) -> dict[str, object]:
    compare = [str(BIN / "rashomon"), "compare", str(feed), "--format", "json", "--today", "2026-11-22"]
    commands = {"rashomon compare": compare, "bare spaCy load + parse": [sys.executable, "-c", BARE, str(feed)]}
    for cmd in commands.values():
        timed(cmd)  # warm-up: the OS file cache, the place index cache
    walls: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            wall, peak = timed(cmd)
            walls[name].append(wall)
            peaks[name].append(peak)
    stages = json.loads(
        subprocess.run([sys.executable, "-c", STAGES, str(feed)], check=True, capture_output=True, text=True).stdout
    )
    median = {name: statistics.median(w) for name, w in walls.items()}
    return {
        "median_s": median,
        "min_s": {name: min(w) for name, w in walls.items()},
        "peak_rss_mb": {name: max(p) for name, p in peaks.items()},
        "ratio": median["rashomon compare"] / median["bare spaCy load + parse"],
        "stages_s": stages,
        "runs": walls,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--events", nargs="+", default=list(EVENTS))
    args = parser.parse_args()
    from rashomon.eval import corpora

    if not (corpora.DEFAULT_DATA / "ecbplus").is_dir():
        sys.exit(f"skipped: {corpora.DEFAULT_DATA / 'ecbplus'} is absent")
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for event in args.events:
            feed, words = write_feed(event, Path(folder))
            result = measure(feed, args.runs)
            result["words"] = words
            results[event] = result
            med = result["median_s"]
            print(f"{event}: 20 reports, {words} words")
            for name, seconds in med.items():  # type: ignore[attr-defined]
                print(f"  {name:<26} median {seconds:6.2f} s  peak {result['peak_rss_mb'][name]:5.0f} MB")  # type: ignore[index]
            print(
                f"  ratio {result['ratio']:.2f}x; stages: "
                + ", ".join(f"{k} {v:.2f}" for k, v in result["stages_s"].items())  # type: ignore[attr-defined]
            )
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "compare_scale.json"
    out.write_text(json.dumps({"date": time.strftime("%Y-%m-%d"), "runs": args.runs, "events": results}, indent=2))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
