"""Cost of one long report through the whole compare path, against its length: it must grow about linearly.

Reports are ECB+ train documents joined end to end (paragraphs of different stories, so no text repeats) to about
2,000, 5,000, 11,000 and 18,000 words, plus a text of one word repeated (about 100 KB). The pipeline and models are
loaded once before timing; each size is compared alone (`compare_reports`), timed by stage. Reported: seconds,
microseconds per word and, per stage, how the cost per word changes from the smallest to the largest report.

    .venv/bin/python bench/long_report.py
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
SIZES = (2_000, 5_000, 11_000, 18_000)


def long_text(words: int) -> str:
    from rashomon.eval import corpora

    parts, count = [], 0
    for doc in corpora.ecbplus_documents("train"):
        parts.append(doc.text)
        count += len(doc.text.split())
        if count >= words:
            break
    return "\n\n".join(parts)


def main() -> int:
    from rashomon.eval import corpora
    from rashomon.nlp import load_pipeline
    from rashomon.pipeline import Settings, Stopwatch, compare_reports, default_vectorizer
    from rashomon.records import Report

    if not (corpora.DEFAULT_DATA / "ecbplus").is_dir():
        print(f"skipped: {corpora.DEFAULT_DATA / 'ecbplus'} is absent", file=sys.stderr)
        return 1
    import scipy.cluster.hierarchy  # noqa: F401  (imported before timing)

    settings = Settings()
    load_pipeline(settings.model)
    vectorize = default_vectorizer(settings)
    compare_reports([Report("warm-up", "A ferry sank on Tuesday. Twelve people died.")], settings, vectorize)
    inputs = {f"{n:,} words": long_text(n) for n in SIZES}
    inputs["one word repeated (100 KB)"] = "word " * 20_000
    rows = {}
    for name, text in inputs.items():
        watch = Stopwatch()
        start = time.perf_counter()
        compare_reports([Report("long", text)], settings, vectorize, stopwatch=watch)
        seconds = time.perf_counter() - start
        words = len(text.split())
        rows[name] = {
            "words": words,
            "seconds": seconds,
            "us_per_word": 1e6 * seconds / words,
            "stages_s": watch.seconds,
        }
        print(
            f"{name:<28} {words:>7} words {seconds:7.2f} s {1e6 * seconds / words:7.0f} us/word  "
            + ", ".join(f"{k} {v:.2f}" for k, v in watch.seconds.items())
        )
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "long_report.json"
    out.write_text(json.dumps({"date": time.strftime("%Y-%m-%d"), "reports": rows}, indent=2) + "\n")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
