"""Rebuild the name matcher shipped as src/rashomon/data/name-model.json, and measure it honestly.

Training pairs are the OFAC dev pairs (../shared/data/names/ofac/name_pairs_dev.tsv; the other half of the people is
withheld and never read). Scores are cross-validated: folds never split a person's pairs and the token frequencies are
counted on the training folds only (rashomon.eval.name_model). The shipped model is then fitted on every pair, with
the threshold at which the cross-validated precision was still 0.95. Fixed seed; the same command gives the same file.

    .venv/bin/python bench/train_names.py               # 5 folds; writes the model and bench/results/names-cv.json
    .venv/bin/python bench/train_names.py --no-write    # measure only
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict, replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MODEL = REPO / "src" / "rashomon" / "data" / "name-model.json"
RESULTS = REPO / "bench" / "results" / "names-cv.json"


def main() -> int:
    from rashomon.eval.corpora import DEFAULT_DATA
    from rashomon.eval.name_model import KNOTS, cross_validated_scores, error_causes, fit, measure, read_pairs
    from rashomon.matcher import model_to_json

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=Path, default=DEFAULT_DATA / "names" / "ofac" / "name_pairs_dev.tsv")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation of the logistic regression")
    parser.add_argument("--no-write", action="store_true", help="measure only; leave the shipped model as it is")
    args = parser.parse_args()
    if not args.pairs.is_file():
        print(f"skipped: {args.pairs} is absent", file=sys.stderr)
        return 1
    started = time.perf_counter()
    pairs = read_pairs(args.pairs)
    labels = [p.label for p in pairs]
    scores = cross_validated_scores(pairs, args.folds, args.c)
    cv = measure(labels, scores)
    causes = error_causes(pairs, scores, cv.threshold_at_95)
    print(f"cross-validated over {args.folds} folds: {json.dumps(asdict(cv))}")
    print("errors at the P0.95 threshold:\n" + "\n".join(f"  {n:5d}  {kind}" for kind, n in causes.items()))
    model = replace(fit(pairs, args.c), threshold=cv.threshold_at_95)
    if not args.no_write:
        source = f"{args.pairs.parent.name}/{args.pairs.name}"
        MODEL.write_text(
            json.dumps(
                model_to_json(model, trained_on=source, pairs=len(pairs), c=args.c, knots_per_feature=KNOTS),
                ensure_ascii=False,
            )
            + "\n",
            encoding="utf-8",
        )
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(
            json.dumps({"folds": args.folds, "c": args.c, "cross_validated": asdict(cv), "errors": causes}, indent=2)
            + "\n",
            encoding="utf-8",
        )
        print(f"wrote {MODEL.relative_to(REPO)} ({MODEL.stat().st_size // 1024} KiB) and {RESULTS.relative_to(REPO)}")
    print(f"{time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
