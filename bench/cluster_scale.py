"""Event-clustering throughput, peak memory and growth on a large synthetic feed.

The feed recombines paragraphs of the shared Multi-News and AllSides reports: report k takes a random subset of the
paragraphs of one base document (its "event") plus one paragraph of another document, under a publication date
shifted by the event's own offset and up to two days more. Texts that would repeat an earlier one are drawn again,
so no two texts are duplicates. Each size runs in a fresh process (peak RSS is per size).

    .venv/bin/python bench/cluster_scale.py --sizes 10000 20000 40000
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from rashomon.eval.clusters import load_allsides, load_multinews
from rashomon.eval.corpora import DEFAULT_DATA
from rashomon.records import Report

RESULTS = Path(__file__).resolve().parent / "results" / "cluster_scale.json"
_PARAGRAPHS = re.compile(r"\s*\n\s*\n\s*|(?<=[.!?])\s+(?=[A-Z“\"])")


def paragraphs(text: str) -> list[str]:
    parts = [p.strip() for p in _PARAGRAPHS.split(text) if len(p.strip()) > 40]
    return parts or [text.strip()]


def synthetic_feed(size: int, seed: int = 0, data: Path = DEFAULT_DATA) -> list[Report]:
    rng = random.Random(seed)
    bases = [r for r in (*load_multinews(data).reports, *load_allsides(data).reports) if len(r.text) > 200]
    pieces = [paragraphs(r.text) for r in bases]
    origin = date(2020, 1, 1)
    events = max(1, size // 4)
    offsets = [rng.randrange(0, 1500) for _ in range(events)]
    seen: set[str] = set()
    feed: list[Report] = []
    while len(feed) < size:
        event = rng.randrange(events)
        base = event % len(bases)
        own = pieces[base]
        chosen = sorted(rng.sample(range(len(own)), k=max(1, min(len(own), rng.randint(2, 8)))))
        other = pieces[rng.randrange(len(pieces))]
        text = "\n\n".join([*(own[i] for i in chosen), other[rng.randrange(len(other))]])
        if text in seen:
            continue
        seen.add(text)
        day = origin + timedelta(days=offsets[event] + rng.randint(0, 2))
        feed.append(Report(id=f"syn-{len(feed)}", text=text, published=day.isoformat(), content_hash=f"{len(feed)}"))
    return feed


def measure(size: int) -> dict[str, float]:
    from rashomon.cluster import cluster_reports

    feed = synthetic_feed(size)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    clusters = cluster_reports(feed)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "reports": size,
        "clusters": len(clusters),
        "seconds": round(seconds, 2),
        "reports_per_s": round(size / seconds, 1),
        "peak_rss_mib": round(peak / 1024, 1),
        "rss_before_mib": round(before / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 20_000, 40_000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    rows = []
    for size in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(size)], capture_output=True, text=True, check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]), flush=True)
    for a, b in itertools.pairwise(rows):
        growth = (b["seconds"] / a["seconds"]) / (b["reports"] / a["reports"])
        print(
            f"{a['reports']} -> {b['reports']}: time grew {b['seconds'] / a['seconds']:.2f}x for "
            f"{b['reports'] / a['reports']:.1f}x reports (1.0 = linear: {growth:.2f})"
        )
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
