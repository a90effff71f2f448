"""Speed of the name matcher and of entity resolution. Targets (issue 7): 10,000 name pairs scored in under 2 s;
the entities of a 20-report event resolved in under 1 s.

- Pairs: 10,000 distinct pairs drawn (fixed seed) from the names of the OFAC dev pairs, so no pair repeats; every
  cache of the matcher is emptied before each run, so each run pays for every token it meets. The model file is
  loaded once before timing (its load time is reported on its own).
- Resolution: ECB+ sub-topics with at least 20 documents, their first 20 by number, annotated once; then
  ``resolve_entities`` over all their mentions is timed with the matcher's caches emptied before each run.

    .venv/bin/python bench/names_speed.py              # 5 runs each; writes bench/results/names_speed.json
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results" / "names_speed.json"
EVENTS = ("ecbplus:13:ecb", "ecbplus:1:ecbplus")


def clear_caches() -> None:
    from rashomon import matcher, names

    cached = (matcher.match_tokens, matcher.token_score, names.skeleton, names.syllables, names.fold, names.name_tokens)
    for f in (*cached, names.token_similarity, names.generation, matcher.tokens_agree, matcher.latin, matcher._coarse):
        f.cache_clear()


def distinct_pairs(path: Path, n: int) -> list[tuple[str, str]]:
    names = sorted({cell for line in path.read_text(encoding="utf-8").splitlines() for cell in line.split("\t")[1:]})
    rng = random.Random(0)
    pairs: set[tuple[str, str]] = set()
    while len(pairs) < n:
        a, b = rng.sample(names, 2)
        pairs.add((a, b))
    return sorted(pairs)


def time_pairs(pairs: list[tuple[str, str]], runs: int) -> dict[str, float]:
    from rashomon.matcher import default_model, score_pairs

    started = time.perf_counter()
    model = default_model()
    load = time.perf_counter() - started
    times = []
    for _ in range(runs):
        clear_caches()
        started = time.perf_counter()
        score_pairs(pairs, model)
        times.append(time.perf_counter() - started)
    return {"pairs": len(pairs), "model_load_s": load, "median_s": statistics.median(times), "max_s": max(times)}


def time_resolution(event: str, runs: int) -> dict[str, object]:
    from rashomon.annotate import annotate
    from rashomon.eval.corpora import ecbplus_event_documents, ecbplus_report
    from rashomon.records import Report
    from rashomon.resolve import resolve_entities

    ids = ecbplus_event_documents(event, limit=20)
    reports = [Report(id=r.id, text=r.text) for r in map(ecbplus_report, ids)]
    docs = annotate(reports)
    mentions = [m for d in docs for m in d.mentions]
    links = [link for d in docs for link in d.alias_links]
    resolve_entities(mentions, links)  # imports (scipy's DisjointSet) and the model file, not timed
    times = []
    entities = 0
    for _ in range(runs):
        clear_caches()
        started = time.perf_counter()
        entities = len(resolve_entities(mentions, links).entities)
        times.append(time.perf_counter() - started)
    return {
        "event": event,
        "reports": len(reports),
        "mentions": len(mentions),
        "entities": entities,
        "median_s": statistics.median(times),
        "max_s": max(times),
    }


def main() -> int:
    from rashomon.eval.corpora import DEFAULT_DATA

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pairs", type=int, default=10_000)
    args = parser.parse_args()
    source = DEFAULT_DATA / "names" / "ofac" / "name_pairs_dev.tsv"
    if not source.is_file():
        print(f"skipped: {source} is absent", file=sys.stderr)
        return 1
    pairs = time_pairs(distinct_pairs(source, args.pairs), args.runs)
    print(json.dumps(pairs))
    resolve = [time_resolution(event, args.runs) for event in EVENTS]
    for row in resolve:
        print(json.dumps(row))
    result = {"score_pairs": pairs, "resolve": resolve}
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
