"""Rebuild src/rashomon/data/romanize-model.json (the Arabic spelling model behind rashomon.romanize.script_similarity)
from the Google ar2en train pairs (../shared/data/names/google_ar2en/ar2en-train.txt; the eval split is never read).

Each Arabic token is cut into romanized units (rashomon.romanize.units: one per letter, "al-" for the article) and
aligned with its English spelling by a memoryless stochastic transducer: a unit is written as 0, 1 or 2 letters, or a
letter is written with no unit behind it. Expectation-maximisation (forward-backward over every alignment) learns the
joint probabilities; the file keeps P(letters | unit) and the insertion probabilities, the English letter frequencies
(the chance model the score is compared with), and a logistic calibration of the log-odds fitted on the train pairs
against random train names. Deterministic: the same data give the same file.

    .venv/bin/python bench/train_romanize.py            # fit on all of train, write the model, rank train in-sample
    .venv/bin/python bench/train_romanize.py --dev      # fit on 9/10 of train, rank the held-out 1/10; write nothing
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MODEL = REPO / "src" / "rashomon" / "data" / "romanize-model.json"
MAX_LETTERS = 2  # a unit is written as at most this many letters
ITERATIONS = 10
PRUNE = 0.01  # expected count under which an operation is dropped
NEGATIVES = 3  # random names per pair for the calibration

Op = tuple[str, str]  # (unit or "" for an insertion, letters)
Edge = tuple[int, int, int, int, Op]


def lattice(source: tuple[str, ...], target: str) -> list[Edge]:
    """Every operation of every alignment, as (i0, j0, i1, j1, op), in an order where an edge's start comes first."""
    edges: list[Edge] = []
    for i in range(len(source) + 1):
        for j in range(len(target) + 1):
            if i:
                for k in range(min(MAX_LETTERS, j) + 1):
                    edges.append((i - 1, j - k, i, j, (source[i - 1], target[j - k : j])))
            if j:
                edges.append((i, j - 1, i, j, ("", target[j - 1])))
    return edges


def em(data: list[tuple[tuple[str, ...], str]], iterations: int = ITERATIONS) -> dict[Op, float]:
    """Joint probabilities of the operations (Ristad and Yianilos's stochastic edit distance, extended to units that
    are written as two letters)."""
    lattices = [lattice(s, t) for s, t in data]
    p: dict[Op, float] = {}
    for edges in lattices:
        for *_, op in edges:
            p[op] = math.exp(-2 * len(op[1])) if op[0] else 0.1
    total = sum(p.values())
    p = {op: v / total for op, v in p.items()}
    for iteration in range(iterations):
        counts: dict[Op, float] = defaultdict(float)
        log_likelihood = 0.0
        for (source, target), edges in zip(data, lattices, strict=True):
            n, m = len(source), len(target)
            live = [e for e in edges if e[4] in p]
            alpha = [[0.0] * (m + 1) for _ in range(n + 1)]
            alpha[0][0] = 1.0
            for i0, j0, i1, j1, op in live:
                alpha[i1][j1] += alpha[i0][j0] * p[op]
            beta = [[0.0] * (m + 1) for _ in range(n + 1)]
            beta[n][m] = 1.0
            for i0, j0, i1, j1, op in reversed(live):
                beta[i0][j0] += beta[i1][j1] * p[op]
            z = alpha[n][m]
            if z <= 0.0:
                continue
            log_likelihood += math.log(z)
            for i0, j0, i1, j1, op in live:
                c = alpha[i0][j0] * p[op] * beta[i1][j1] / z
                if c > 1e-6:
                    counts[op] += c
        total = sum(counts.values())
        p = {op: c / total for op, c in sorted(counts.items()) if c > PRUNE}
        print(
            f"  EM {iteration + 1}: mean log-likelihood {log_likelihood / len(data):.3f}, {len(p)} operations",
            file=sys.stderr,
        )
    return p


def sig(x: float) -> float:
    return float(f"{x:.4g}")


def conditional(p: dict[Op, float]) -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    """P(letters | unit) for each unit, and the insertion probabilities (joint, as the forward pass uses them)."""
    marginal: dict[str, float] = defaultdict(float)
    for (unit, _), v in p.items():
        if unit:
            marginal[unit] += v
    units: dict[str, dict[str, float]] = defaultdict(dict)
    insert: dict[str, float] = {}
    for (unit, letters), v in sorted(p.items()):
        if unit:
            units[unit][letters] = sig(v / marginal[unit])
        else:
            insert[letters] = sig(v)
    return dict(units), insert


def chance(targets: list[str]) -> tuple[dict[str, float], float]:
    counts = Counter(c for t in targets for c in t)
    letters = sum(counts.values())
    stop = len(targets) / (letters + len(targets))
    return {c: sig(math.log(v / letters * (1 - stop))) for c, v in sorted(counts.items())}, sig(math.log(stop))


def fit_logistic(xs: list[float], ys: list[int], iterations: int = 50) -> tuple[float, float]:
    """slope, intercept of P(y=1 | x) = 1 / (1 + exp(-(slope x + intercept))) by Newton's method (tiny ridge)."""
    w, b = 0.0, 0.0
    for _ in range(iterations):
        gw = gb = hww = hwb = hbb = 0.0
        for x, y in zip(xs, ys, strict=True):
            z = max(-30.0, min(30.0, w * x + b))
            q = 1.0 / (1.0 + math.exp(-z))
            gw += (q - y) * x
            gb += q - y
            h = q * (1 - q)
            hww += h * x * x
            hwb += h * x
            hbb += h
        gw += 1e-3 * w
        hww += 1e-3
        det = hww * hbb - hwb * hwb
        if det <= 0:
            break
        dw = (hbb * gw - hwb * gb) / det
        db = (hww * gb - hwb * gw) / det
        w, b = w - dw, b - db
        if abs(dw) + abs(db) < 1e-9:
            break
    return w, b


def negatives(pairs: list[tuple[str, str]], seed: int = 0) -> Iterator[tuple[str, str, int]]:
    names = sorted({e for _, e in pairs})
    rng = random.Random(seed)
    for arabic, english in pairs:
        yield arabic, english, 1
        for other in rng.sample(names, NEGATIVES + 1):
            if other != english:
                yield arabic, other, 0


def train(pairs: list[tuple[str, str]]) -> dict[str, object]:
    from rashomon.romanize import initial_tagged, latin_letters, log_odds, model_from_json, units

    data = [(initial_tagged(units(a)), latin_letters(e)) for a, e in pairs]
    data = [(s, t) for s, t in data if s and t]
    unit_probs, insert = conditional(em(data))
    letter_logs, stop = chance([t for _, t in data])
    model: dict[str, object] = {
        "about": "P(letters | romanized Arabic unit), insertions, English letter log-frequencies and the calibration "
        "of rashomon.romanize.script_similarity; rebuilt by bench/train_romanize.py from ar2en-train.txt",
        "max_letters": MAX_LETTERS,
        "units": unit_probs,
        "insert": insert,
        "chance": letter_logs,
        "chance_stop": stop,
        "calibration": {"slope": 1.0, "intercept": 0.0},
    }
    fitted = model_from_json(model)
    xs, ys = [], []
    for arabic, english, label in negatives(pairs):
        odds = log_odds(arabic, english, fitted)
        if math.isfinite(odds):
            xs.append(odds)
            ys.append(label)
    slope, intercept = fit_logistic(xs, ys)
    model["calibration"] = {"slope": sig(slope), "intercept": sig(intercept)}
    return model


def report(model: dict[str, object], pairs: list[tuple[str, str]], label: str) -> dict[str, float]:
    from rashomon.eval.names import format_ar2en, rank_pairs
    from rashomon.romanize import calibrated, log_odds, model_from_json

    fitted = model_from_json(model)
    started = time.perf_counter()
    result = rank_pairs(lambda a, e: calibrated(fitted, log_odds(a, e, fitted)), pairs, label)
    per_pair = (time.perf_counter() - started) / max(1, result.pairs * result.candidates)
    print(format_ar2en(result))
    print(f"seconds_per_pair\t{per_pair:.2e}")
    scores = {1: [], 0: []}  # type: dict[int, list[float]]
    for arabic, english, y in negatives(pairs, seed=1):
        scores[y].append(calibrated(fitted, log_odds(arabic, english, fitted)))
    pos, neg = sorted(scores[1]), sorted(scores[0])
    print(f"true_pairs_above_0.9\t{sum(s > 0.9 for s in pos) / len(pos):.4f}")
    print(f"random_pairs_below_0.1\t{sum(s < 0.1 for s in neg) / len(neg):.4f}")
    return {"accuracy_at_1": result.accuracy_at_1, "mrr": result.mrr}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dev", action="store_true", help="fit on 9/10 of train, rank the rest; write nothing")
    args = parser.parse_args()

    from rashomon.eval.corpora import CorpusError
    from rashomon.eval.names import read_ar2en

    try:
        pairs = read_ar2en("train")
    except CorpusError as error:
        print(f"skipped: {error}", file=sys.stderr)
        return 1
    if args.dev:
        fit = [p for k, p in enumerate(pairs) if k % 10]
        dev = [p for k, p in enumerate(pairs) if not k % 10]
        report(train(fit), dev, "train-dev")
        return 0
    model = train(pairs)
    MODEL.write_text(json.dumps(model, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {MODEL.relative_to(REPO)} ({MODEL.stat().st_size} bytes)", file=sys.stderr)
    report(model, pairs, "train")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
