"""A first cited summary: extractive, redundancy removed across reports, every sentence citing its support.

Each claim offers one sentence (its statement from the earliest report, verbatim), cited by every statement of the
claim. Claims are ranked by how many reports carry them, then by how early they come; a candidate too close to one
already taken (embedding cosine) is skipped. Conflicts get a sentence of their own that names each value, its report
and whom the report credits, citing the values. Sentences come out in reading order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from rashomon.records import Citation, Claim, Entity, QuoteGroup, Report, SummarySentence

REDUNDANCY = 0.8
QUOTED = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)")
PRONOUN_SPEAKER = re.compile(r"[”\"]\s*,?\s*(?:he|she|they|it)\s+(?:said|added|says|adds|continued|noted)\b", re.I)


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


def stands_alone(text: str) -> bool:
    """A sentence a reader can take out of its report: not credited to a bare pronoun ("he added")."""
    outside_quotes = QUOTED.sub(" ", text)
    return (
        PRONOUN_SPEAKER.search(text) is None
        and not text.lstrip().startswith(("He ", "She ", "They ", "It "))
        and re.search(r"[A-Za-z]{2}", outside_quotes) is not None  # a bare quote names no speaker
    )


def summary_text(claim: Claim, order: dict[str, int], quotes: Sequence[QuoteGroup], names: dict[str, str]) -> str:
    """The claim's earliest statement that stands alone, verbatim; a quote that none does as 'Speaker: "..."'."""
    ranked = sorted(claim.statements, key=lambda s: (order[s.report], s.start))
    for statement in ranked:
        if stands_alone(statement.text):
            return statement.text
    for quote in quotes:
        inside = any(o.report == s.report and s.start <= o.start < s.end for o in quote.occurrences for s in ranked)
        if inside and quote.speaker in names:
            return f"{names[quote.speaker]}: “{quote.text.rstrip(' ,')}”"
    return ranked[0].text


def summarize(
    reports: Sequence[Report],
    claims: Sequence[Claim],
    vectors_of: Callable[[list[str]], np.ndarray],
    quotes: Sequence[QuoteGroup] = (),
    entities: Sequence[Entity] = (),
) -> tuple[SummarySentence, ...]:
    if not claims:
        return ()
    names = {e.id: e.name for e in entities}
    order = {r.id: k for k, r in enumerate(reports)}

    def position(claim: Claim) -> tuple[int, int]:
        first = min(claim.statements, key=lambda s: (order[s.report], s.start))
        return order[first.report], first.start

    def score(claim: Claim) -> tuple[int, int, float]:
        n_reports = len({s.report for s in claim.statements})
        rank, start = position(claim)
        return (-n_reports, -int(claim.status == "conflicting"), rank * 1e6 + start)

    candidates = sorted((c for c in claims if c.statements), key=score)
    texts = [summary_text(c, order, quotes, names) for c in candidates]
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
