"""A first cited summary: extractive, redundancy removed across reports, every sentence citing its support.

Candidates are report sentences that state facts other reports share (claims of two reports or more). They are
ranked by how many shared facts they state, then by how early they come; a candidate that adds no shared fact, or
is too close to one already taken (embedding cosine), is skipped. Each sentence cites itself and the sentences of the
other reports that state its shared facts. A disputed fact gets a sentence of its own naming each value, its report
and whom the report credits. Sentences come out in reading order.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from rashomon.records import Citation, Claim, Entity, QuoteGroup, Report, Sentence, Span, SummarySentence

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


def summary_text(sentence: Span, quotes: Sequence[QuoteGroup], names: dict[str, str]) -> str:
    """A sentence verbatim; one that does not stand alone and holds a quote as 'Speaker: "..."'."""
    if stands_alone(sentence.text):
        return sentence.text
    for quote in quotes:
        inside = any(
            o.report == sentence.report and sentence.start <= o.start < sentence.end for o in quote.occurrences
        )
        if inside and quote.speaker in names:
            return f"{names[quote.speaker]}: “{quote.text.rstrip(' ,')}”"
    return sentence.text


def _sentence_at(sentences: Sequence[Sentence], char: int) -> int | None:
    k = bisect_right([s.start for s in sentences], char) - 1
    return k if k >= 0 and char < sentences[k].end else None


def summarize(
    reports: Sequence[Report],
    claims: Sequence[Claim],
    vectors_of: Callable[[list[str]], np.ndarray],
    quotes: Sequence[QuoteGroup] = (),
    entities: Sequence[Entity] = (),
    sentences: Mapping[str, Sequence[Sentence]] | None = None,
) -> tuple[SummarySentence, ...]:
    """Sentences that carry the most facts other reports share, verbatim, each citing every report that shares them."""
    if not claims or not sentences:
        return ()
    names = {e.id: e.name for e in entities}
    order = {r.id: k for k, r in enumerate(reports)}
    # for each sentence: the shared claims it states, and the sentences of other reports stating them
    shared: dict[tuple[str, int], set[int]] = defaultdict(set)
    support: dict[tuple[str, int], dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for c_index, claim in enumerate(claims):
        where: dict[str, int] = {}
        for st in claim.statements:
            k = _sentence_at(sentences.get(st.report, ()), st.start)
            if k is not None:
                where.setdefault(st.report, k)
        if len(where) < 2:
            continue
        for report, k in where.items():
            shared[(report, k)].add(c_index)
            for other, j in where.items():
                if other != report:
                    support[(report, k)][other].add(j)
    candidates = [key for key in shared if stands_alone(sentences[key[0]][key[1]].text) or len(shared[key]) > 1]
    candidates.sort(key=lambda key: (-len(shared[key]), order[key[0]], key[1]))
    picked_texts = [summary_text(_span(sentences[r][k]), quotes, names) for r, k in candidates]
    vectors = vectors_of(picked_texts) if picked_texts else np.zeros((0, 1))
    limit = summary_length(sum(len(c.statements) for c in claims) // 4)
    chosen: list[int] = []
    covered: set[int] = set()
    for n, key in enumerate(candidates):
        if len(chosen) >= limit:
            break
        if shared[key] <= covered or any(float(vectors[n] @ vectors[j]) >= REDUNDANCY for j in chosen):
            continue
        chosen.append(n)
        covered |= shared[key]
    out: list[tuple[tuple[int, int], list[SummarySentence]]] = []
    described_claims: set[int] = set()
    for n in chosen:
        report, k = candidates[n]
        own = sentences[report][k]
        cited = [Citation(report, own.start, own.end)]
        for other, ks in sorted(support[(report, k)].items(), key=lambda item: order[item[0]]):
            for j in sorted(ks):
                s = sentences[other][j]
                cited.append(Citation(other, s.start, s.end))
        disputed = [c for c in sorted(shared[(report, k)]) if claims[c].status == "conflicting"]
        described = [d for c in disputed if c not in described_claims for d in describe_conflict(claims[c])]
        described_claims.update(disputed)
        out.append(((order[report], k), [SummarySentence(picked_texts[n], tuple(cited)), *described]))
    out.sort(key=lambda item: item[0])
    return tuple(s for _, group in out for s in group)


def _span(sentence: Sentence) -> Span:
    return Span(sentence.report, sentence.start, sentence.end, sentence.text)
