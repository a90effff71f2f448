"""Rebuild the fact-pair model shipped as src/rashomon/data/align-model.json, and measure it honestly.

The model aligns what the figure table does not hold: things, happenings, participants (figures, times and places
are compared slot by slot, rashomon.event.figures). Training pairs come from the claim gold sets (the tune split of
bench/gold/claims-dev.jsonl: its "check" events are never read; bench/gold/claims-train.jsonl: ECB+ train topics;
texts from ../shared/data): candidate pairs of those facts whose values both lie on gold values, positive when the
values belong to one gold item (see rashomon.eval.align_model), with sentences compared by their words, as the
pipeline does. Scores are cross-validated: events are split into folds; each fold is compared with a model
fitted on the other folds only, and the claim scores (rashomon.eval.claims) are added up over the folds. The shipped
model is then fitted on every event. Fixed seed; the same command gives the same file.

    .venv/bin/python bench/train_align.py                 # 5 folds, writes the model and bench/results/align-cv.json
    .venv/bin/python bench/train_align.py --no-write      # measure only
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLD = (REPO / "bench" / "gold" / "claims-dev.jsonl", REPO / "bench" / "gold" / "claims-train.jsonl")
MODEL = REPO / "src" / "rashomon" / "data" / "align-model.json"
RESULTS = REPO / "bench" / "results" / "align-cv.json"
TODAY = date(2025, 1, 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, nargs="+", default=[p for p in GOLD if p.is_file()])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation of the logistic regressions")
    parser.add_argument("--no-write", action="store_true", help="measure only; leave the shipped model as it is")
    args = parser.parse_args()

    from rashomon.annotate import annotate
    from rashomon.dates import resolve_event_times
    from rashomon.eval import corpora
    from rashomon.eval.align_model import collect, fit, folds, model_to_json, subset
    from rashomon.eval.claims import format_scores, gold_reports, score
    from rashomon.eval.gold import read_gold
    from rashomon.event.align.claims import score_facts
    from rashomon.event.align.facts import event_facts
    from rashomon.event.figures.table import usable
    from rashomon.pipeline import Settings, compare_annotated, lexical_vectors
    from rashomon.resolve import resolve_entities
    from rashomon.serialize import comparison_to_dict

    if not (corpora.DEFAULT_DATA / "allsides").is_dir():
        print(f"skipped: {corpora.DEFAULT_DATA} is absent", file=sys.stderr)
        return 1
    started = time.perf_counter()
    golds = [g for path in args.gold for g in read_gold(path) if g.split != "check"]
    dev_events = {g.event for g in read_gold(GOLD[0])} if GOLD[0].is_file() else set()
    reports = gold_reports(golds, corpora.DEFAULT_DATA)
    settings = Settings(today=TODAY)
    vectorize = lexical_vectors
    annotated = {d.report.id: d for d in annotate(reports, today=TODAY)}
    print(
        f"{len(golds)} events, {len(reports)} reports annotated in {time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )

    prepared = {}
    for g in golds:
        docs = [annotated[r] for r in g.reports]
        times = resolve_event_times(
            {d.report.id: d.times for d in docs}, {d.report.id: d.report.published for d in docs}, today=TODAY
        )
        docs = [replace(d, times=times[d.report.id]) for d in docs]
        resolution = resolve_entities([m for d in docs for m in d.mentions], [x for d in docs for x in d.alias_links])
        prepared[g.event] = (docs, resolution, times)

    def featurize(g):
        docs, resolution, times = prepared[g.event]
        facts = event_facts(docs, resolution, times)
        rest = [replace(f, index=k) for k, f in enumerate(f for f in facts if not usable(f))]
        scored = score_facts(docs, resolution, times, vectorize, settings.align, None, facts=rest)
        return scored.facts, scored.pairs, scored.features

    data = collect(golds, featurize)
    print(f"{len(data.y)} labelled pairs, {int(data.y.sum())} positive", file=sys.stderr)
    comparisons = {}
    for train, test in folds(len(golds), args.folds):
        model = fit(subset(data, train), args.c)
        for k in test:
            docs, _, _ = prepared[golds[k].event]
            fold_settings = replace(settings, align_model=model)
            comparisons[golds[k].event] = comparison_to_dict(compare_annotated(docs, fold_settings, vectorize))
    total, per_corpus = score(golds, [comparisons[g.event] for g in golds])
    print(format_scores(total, per_corpus))
    dev = [g for g in golds if g.event in dev_events]
    dev_total, _ = score(dev, [comparisons[g.event] for g in dev])
    print(f"\ncross-validated on the dev gold set alone ({len(dev)} events):")
    print(format_scores(dev_total, {}))
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "date": time.strftime("%Y-%m-%d"),
                "gold": [str(p.relative_to(REPO)) for p in args.gold],
                "folds": args.folds,
                "settings": {"link": settings.align.link, "conflict": settings.align.conflict},
                "scores": {"all": total.scores(), **{k: t.scores() for k, t in per_corpus.items()}},
                "dev": dev_total.scores(),
            },
            indent=2,
        )
        + "\n"
    )
    if not args.no_write:
        model = fit(data, args.c)
        names = ", ".join(p.name for p in args.gold)
        note = (
            f"logistic regressions fitted by bench/train_align.py on {names} "
            f"({len(golds)} events, {len(data.y)} labelled pairs), C={args.c}"
        )
        MODEL.write_text(json.dumps(model_to_json(model, note), indent=1) + "\n")
        print(f"wrote {MODEL.relative_to(REPO)} and {RESULTS.relative_to(REPO)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
