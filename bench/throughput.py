"""Annotation throughput on the ECB+ train documents: rashomon's annotate() against spaCy's own nlp.pipe.

Both sides load the same pipeline with the same components (rashomon.nlp.load_pipeline) and use the same number of
processes and batch size; model loading is outside the timed part. Each variant runs in a subprocess of its own, so
its peak memory (ru_maxrss) is its own. Target (issue 2): rashomon at least 70% of spaCy's throughput.

    .venv/bin/python bench/throughput.py                 # 1 process, all train documents
    .venv/bin/python bench/throughput.py --processes 2
    .venv/bin/python bench/throughput.py --limit 50      # a quick run
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from rashomon.eval.corpora import DEFAULT_DATA, ecbplus_documents

DEFAULT_ROOT = DEFAULT_DATA / "ecbplus"

RESULTS = Path(__file__).resolve().parent / "results"


def run_variant(variant: str, processes: int, limit: int | None, batch_size: int) -> dict[str, float]:
    """Time one variant in this process (called in a child process by main)."""
    from rashomon.annotate import annotate
    from rashomon.nlp import load_pipeline
    from rashomon.records import Report

    docs = list(ecbplus_documents("train", limit=limit))
    texts = [d.text for d in docs]
    nlp = load_pipeline()
    nlp("warm up the pipeline once.")
    start = time.perf_counter()
    if variant == "spacy":
        for _ in nlp.pipe(texts, n_process=processes, batch_size=batch_size):
            pass
    else:
        reports = [Report(id=d.id, text=d.text) for d in docs]
        for _ in annotate(reports, n_process=processes, batch_size=batch_size, today=date(2026, 11, 22)):
            pass
    seconds = time.perf_counter() - start
    words = sum(len(t.split()) for t in texts)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_children_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "documents": len(texts),
        "words": words,
        "seconds": seconds,
        "reports_per_s": len(texts) / seconds,
        "words_per_s": words / seconds,
        "peak_rss_mb": max(peak_kb, peak_children_kb) / 1024,
    }


def measure(variant: str, args: argparse.Namespace) -> dict[str, float]:
    cmd = [
        sys.executable,
        __file__,
        "--child",
        variant,
        "--processes",
        str(args.processes),
        "--batch-size",
        str(args.batch_size),
    ]
    if args.limit:
        cmd += ["--limit", str(args.limit)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--limit", type=int, help="only the first N train documents")
    parser.add_argument("--repeat", type=int, default=3, help="runs per variant (alternating); medians reported")
    parser.add_argument("--child", choices=("spacy", "rashomon"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_variant(args.child, args.processes, args.limit, args.batch_size)))
        return
    if not (DEFAULT_ROOT / "splits.json").is_file():
        sys.exit(f"skipped: {DEFAULT_ROOT} is absent (ECB+ lives in ../shared/data)")
    from rich.progress import track

    runs: dict[str, list[dict[str, float]]] = {"spacy": [], "rashomon": []}
    plan = [v for _ in range(args.repeat) for v in ("spacy", "rashomon")]
    for variant in track(plan, description=f"timing {len(plan)} runs"):
        runs[variant].append(measure(variant, args))
    summary = {v: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for v, rs in runs.items()}
    ratio = summary["rashomon"]["words_per_s"] / summary["spacy"]["words_per_s"]
    print(
        f"ECB+ train: {summary['spacy']['documents']:.0f} documents, {summary['spacy']['words']:.0f} words; "
        f"{args.processes} process(es), batch {args.batch_size}, median of {args.repeat}; model load not timed"
    )
    print(f"{'variant':<10} {'reports/s':>10} {'words/s':>10} {'seconds':>8} {'peak MB':>8}")
    for variant, s in summary.items():
        print(
            f"{variant:<10} {s['reports_per_s']:>10.1f} {s['words_per_s']:>10.0f} {s['seconds']:>8.1f} "
            f"{s['peak_rss_mb']:>8.0f}"
        )
    print(f"rashomon / spaCy throughput: {ratio:.0%} (target: at least 70%)")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"throughput-p{args.processes}{'-limit' + str(args.limit) if args.limit else ''}.json"
    out.write_text(
        json.dumps(
            {"date": date.today().isoformat(), "args": vars(args), "runs": runs, "median": summary, "ratio": ratio},
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {out.relative_to(Path.cwd()) if out.is_relative_to(Path.cwd()) else out}")


if __name__ == "__main__":
    main()
