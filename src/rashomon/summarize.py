"""A first cited summary: extractive, redundancy removed across reports, every sentence citing its support.

Each claim offers one sentence (its statement from the earliest report, verbatim), cited by every statement of the
claim. Claims are ranked by how many reports carry them, then by how early they come; a candidate too close to one
already taken (embedding cosine) is skipped. Conflicts get a sentence of their own that names each value, its report
and whom the report credits, citing the values. Sentences come out in reading order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from rashomon.records import Citation, Claim, Report, SummarySentence

REDUNDANCY = 0.8


def summary_length(n_statements: int) -> int:
    return max(3, min(10, round(n_statements / 6)))


def describe_conflict(claim: Claim) -> list[SummarySentence]:
    """One sentence per conflict: each distinct value with the reports that give it and whom they credit."""
    out = []
    for conflict in claim.conflicts:
        by_value: dict[str, list[str]] = {}
        shown: dict[str, str] = {}
        for v in conflict.values:
            key = v.value.casefold()
            shown.setdefault(key, v.text)
            who = f"{v.report}, according to {v.attribution}" if v.attribution else v.report
            if who not in by_value.setdefault(key, []):
                by_value[key].append(who)
        parts = [f"“{shown[key]}” ({'; '.join(sources)})" for key, sources in by_value.items()]
        text = f"Reports disagree on the {conflict.kind}: " + " vs. ".join(parts) + "."
        out.append(SummarySentence(text, tuple(Citation(v.report, v.start, v.end) for v in conflict.values)))
    return out


def summarize(
    reports: Sequence[Report], claims: Sequence[Claim], vectors_of: Callable[[list[str]], np.ndarray]
) -> tuple[SummarySentence, ...]:
    if not claims:
        return ()
    order = {r.id: k for k, r in enumerate(reports)}

    def position(claim: Claim) -> tuple[int, int]:
        first = min(claim.statements, key=lambda s: (order[s.report], s.start))
        return order[first.report], first.start

    def score(claim: Claim) -> tuple[int, int, float]:
        n_reports = len({s.report for s in claim.statements})
        rank, start = position(claim)
        return (-n_reports, -int(claim.status == "conflicting"), rank * 1e6 + start)

    candidates = sorted((c for c in claims if c.statements), key=score)
    texts = [min(c.statements, key=lambda s: (order[s.report], s.start)).text for c in candidates]
    vectors = vectors_of(texts)
    limit = summary_length(sum(len(c.statements) for c in claims))
    chosen: list[int] = []
    for k in range(len(candidates)):
        if len(chosen) >= limit:
            break
        if any(float(vectors[k] @ vectors[j]) >= REDUNDANCY for j in chosen):
            continue
        chosen.append(k)
    out: list[tuple[tuple[int, int], list[SummarySentence]]] = []
    for k in chosen:
        claim = candidates[k]
        sentence = SummarySentence(texts[k], tuple(Citation(s.report, s.start, s.end) for s in claim.statements))
        out.append((position(claim), [sentence, *describe_conflict(claim)]))
    out.sort(key=lambda item: item[0])
    return tuple(s for _, sentences in out for s in sentences)
