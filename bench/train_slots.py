"""Rebuild the slot model shipped as src/rashomon/data/slot-model.json, and measure it on events it never saw.

Training pairs come from the tune split of the claim gold (bench/gold/claims-dev.jsonl, lines without
"split": "check"; texts from ../shared/data): pairs of figure-table rows of one key from two reports, labelled by
the gold items their values lie on (see rashomon.eval.slot_model). The check split is never read. Events are split
into folds; the area under the ROC curve is measured on each fold with a model fitted on the others. The shipped
model is then fitted on every tune event. Fixed seed; the same command gives the same file.

    .venv/bin/python bench/train_slots.py               # 5 folds, writes the model and bench/results/slot-cv.json
    .venv/bin/python bench/train_slots.py --no-write    # measure only
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "bench" / "gold" / "claims-dev.jsonl"
MODEL = REPO / "src" / "rashomon" / "data" / "slot-model.json"
RESULTS = REPO / "bench" / "results" / "slot-cv.json"
TODAY = date(2025, 1, 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation of the logistic regression")
    parser.add_argument("--no-write", action="store_true", help="measure only; leave the shipped model as it is")
    args = parser.parse_args()

    from rashomon.annotate import annotate
    from rashomon.eval import corpora
    from rashomon.eval.claims import gold_reports
    from rashomon.eval.gold import read_gold
    from rashomon.eval.slot_model import auc, collect, fit, folds, subset
    from rashomon.event.figures.evidence import FEATURES, SlotModel
    from rashomon.event.figures.table import make_context, rows_of
    from rashomon.pipeline import Settings, default_vectorizer, view_event

    if not (corpora.DEFAULT_DATA / "allsides").is_dir():
        print(f"skipped: {corpora.DEFAULT_DATA} is absent", file=sys.stderr)
        return 1
    started = time.perf_counter()
    golds = [g for g in read_gold(args.gold) if g.split != "check"]
    settings = Settings(today=TODAY)
    vectorize = default_vectorizer(settings)
    annotated = {d.report.id: d for d in annotate(gold_reports(golds, corpora.DEFAULT_DATA), today=TODAY)}
    contexts = []
    for g in golds:
        view = view_event([annotated[r] for r in g.reports], settings, vectorize)
        rows = rows_of(view.facts, view.window, view.times, view.main)
        blank = SlotModel(tuple(0.0 for _ in FEATURES), 0.0)  # the features only: the shipped model may be stale
        contexts.append(make_context(rows, settings.align, view.main, view.similarity, blank))
    pairs = collect(golds, contexts)
    print(f"{len(golds)} tune events, {len(pairs.y)} labelled pairs ({int(pairs.y.sum())} one fact)", file=sys.stderr)
    aucs = []
    for k, held in enumerate(folds(len(golds), args.folds)):
        train = subset(pairs, [e for e in range(len(golds)) if e not in set(held.tolist())])
        test = subset(pairs, held)
        model = fit(train, args.c)
        aucs.append(auc(model, test))
        print(f"fold {k}: AUC {aucs[-1]:.3f} on {len(test.y)} pairs", file=sys.stderr)
    model = fit(pairs, args.c)
    result = {
        "events": len(golds),
        "pairs": len(pairs.y),
        "positives": int(pairs.y.sum()),
        "fold_auc": [round(a, 4) for a in aucs],
        "mean_auc": round(sum(aucs) / len(aucs), 4),
        "weights": dict(zip(FEATURES, [round(w, 4) for w in model.weights], strict=True)),
        "bias": round(model.bias, 4),
        "seconds": round(time.perf_counter() - started, 1),
    }
    print(json.dumps(result, indent=2))
    if not args.no_write:
        MODEL.write_text(json.dumps(model.to_json()) + "\n", encoding="utf-8")
        RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
