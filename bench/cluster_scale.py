"""Event-clustering throughput, peak memory and growth on a large synthetic feed.

The feed recombines sentences of the shared Multi-News and AllSides reports (see ``synthetic_feed``): each report
tells one base document's event in a subset of its sentences, lightly edited and re-wrapped, plus one sentence of
another document, dated within two days of its event. No two texts are duplicates and lines rarely repeat. Each size
runs in a fresh process (peak RSS is per size).

    .venv/bin/python bench/cluster_scale.py --sizes 10000 20000 40000   # clustering only (feed_scale.py: with ingest)
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


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\u201c\"])")


def _edited(sentence: str, rng: random.Random) -> str:
    """A light outlet edit: now and then one word (not the first) left out, as a copy desk trims a sentence."""
    words = sentence.split()
    if len(words) > 6 and rng.random() < 0.3:
        del words[rng.randrange(1, len(words))]
    return " ".join(words)


def synthetic_feed(size: int, seed: int = 0, data: Path = DEFAULT_DATA) -> list[Report]:
    """``size`` reports: each tells one base document's event (its sentences, a subset in order, lightly edited,
    wrapped into lines of one to three sentences) plus one sentence of another document, published within two days
    of its event's date. Events are the base documents (each used once), so a big feed has big events, as a real one
    does; texts never repeat, and lines rarely do (so that page-furniture detection does not take the stories)."""
    rng = random.Random(seed)
    bases = [r for r in (*load_multinews(data).reports, *load_allsides(data).reports) if len(r.text) > 200]
    sentences = [[s for p in paragraphs(r.text) for s in _SENTENCE.split(p) if len(s) > 20] or [r.text] for r in bases]
    origin = date(2020, 1, 1)
    offsets = [rng.randrange(0, 1500) for _ in bases]
    seen: set[str] = set()
    feed: list[Report] = []
    while len(feed) < size:
        event = rng.randrange(len(bases))
        own = sentences[event]
        chosen = sorted(rng.sample(range(len(own)), k=max(1, min(len(own), rng.randint(3, 12)))))
        picked = [_edited(own[i], rng) for i in chosen]
        other = sentences[rng.randrange(len(sentences))]
        picked.append(_edited(other[rng.randrange(len(other))], rng))
        lines, k = [], 0
        while k < len(picked):
            step = rng.randint(1, 3)
            lines.append(" ".join(picked[k : k + step]))
            k += step
        text = "\n\n".join(lines)
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
