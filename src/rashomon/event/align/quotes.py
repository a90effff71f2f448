"""Quotes matched across reports: the same words (editorial insertions and ellipses aside) are one quote; one quote
credited to two different speakers is an attribution conflict."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from itertools import combinations

from rashomon.config import DEFAULT_ALIGN, AlignSettings
from rashomon.names import fold
from rashomon.records import (
    AnnotatedReport,
    Claim,
    Conflict,
    ConflictValue,
    Quote,
    QuoteGroup,
    QuoteOccurrence,
    Span,
)
from rashomon.resolve import Resolution

QUOTE_OVERLAP = DEFAULT_ALIGN.quote_overlap


def quote_tokens(text: str) -> list[str]:
    """Words of a quote for matching: folded, editorial insertions ("[drones]") and ellipses dropped."""
    text = re.sub(r"\[[^\]]*\]", " ", text)
    return fold(text.replace("…", " ").replace("...", " ")).split()


def quotes_match(a: str, b: str, overlap_needed: float = QUOTE_OVERLAP) -> bool:
    ta, tb = quote_tokens(a), quote_tokens(b)
    if min(len(ta), len(tb)) < 3:
        return False
    ca, cb = Counter(ta), Counter(tb)
    overlap = sum((ca & cb).values()) / min(len(ta), len(tb))
    return overlap >= overlap_needed


SHINGLE = 3  # words
MAX_POSTING = 50  # quotes a shingle may hold before each is compared with its next few only
WINDOW = 5


def _candidate_quotes(quotes: Sequence[Quote]) -> list[tuple[int, int]]:
    """Pairs of quotes worth comparing: the same words (wire copies) join at once, without comparing; others when
    they share a run of three words (a run many quotes share pairs each with its next few only). The cost grows
    with the quotes, not with their pairs."""
    pairs: set[tuple[int, int]] = set()
    first_of: dict[tuple[str, ...], int] = {}
    distinct: list[int] = []
    for i, q in enumerate(quotes):
        key = tuple(quote_tokens(q.text))
        if key in first_of:
            pairs.add((first_of[key], i))
        else:
            first_of[key] = i
            distinct.append(i)
    postings: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in distinct:
        tokens = quote_tokens(quotes[i].text)
        for shingle in {tuple(tokens[k : k + SHINGLE]) for k in range(max(1, len(tokens) - SHINGLE + 1))}:
            postings[shingle].append(i)
    for members in postings.values():
        if len(members) <= MAX_POSTING:
            pairs.update(combinations(members, 2))
        else:
            pairs.update((a, b) for k, a in enumerate(members) for b in members[k + 1 : k + 1 + WINDOW])
    return sorted(pairs)


def group_quotes(
    docs: Sequence[AnnotatedReport], resolution: Resolution, settings: AlignSettings = DEFAULT_ALIGN
) -> tuple[tuple[QuoteGroup, ...], tuple[Claim, ...]]:
    """Match quotes across reports; a quote credited to two different speakers is an attribution conflict."""
    from scipy.cluster.hierarchy import DisjointSet

    quotes = [q for d in docs for q in d.quotes]
    texts = {d.report.id: d.report.text for d in docs}
    types = {e.id: e.type for e in resolution.entities}
    joined = DisjointSet(range(len(quotes)))
    for i, j in _candidate_quotes(quotes):
        if quotes_match(quotes[i].text, quotes[j].text, settings.quote_overlap):
            joined.merge(i, j)
    buckets: dict[int, list[int]] = defaultdict(list)
    for i in range(len(quotes)):
        buckets[joined[i]].append(i)
    groups: list[QuoteGroup] = []
    claims: list[Claim] = []
    for members in sorted(buckets.values(), key=min):
        occ = []
        for i in members:
            q = quotes[i]
            speaker = resolution.entity_at(q.report, q.speaker.start, q.speaker.end) if q.speaker else None
            occ.append(
                QuoteOccurrence(q.report, q.start, q.end, q.text, speaker, q.speaker.text if q.speaker else None)
            )
        speakers = {o.speaker for o in occ if o.speaker is not None}
        agreed = next(iter(speakers)) if len(speakers) == 1 else None
        text = max((o.text for o in occ), key=len)
        qid = f"Q{len(groups) + 1}"
        groups.append(QuoteGroup(qid, text, agreed, tuple(occ)))
        conflict = attribution_conflict([quotes[i] for i in members], occ, types, quotes, texts)
        if conflict is not None:
            statements = tuple(Span(o.report, o.start, o.end, o.text) for o in occ)
            claims.append(Claim(qid, "conflicting", statements, (conflict,)))
    return tuple(groups), tuple(claims)


MIN_CREDITED_WORDS = 6  # a shorter run of words ("a large sum of cash") is a phrase anyone may say


INFERRED_SPEAKERS = frozenset({"pronoun", "continued"})  # cues of a speaker read from elsewhere, not named there


def _credited_person(q: Quote, o: QuoteOccurrence, types: Mapping[str, str], spans: Sequence[Quote]) -> bool:
    """A quote credited to a person by a name read outside every quote of its report ("Mommy, am I ..." names
    the one spoken to), and not as an owner ("Mr. Kushner's lawyer" speaks for him, the name is not the speaker);
    named at the quote, not found for a "he said" or carried from the paragraph's last quote (a guess at whom the
    report means is no ground to say two reports credit the words to two people)."""
    if q.speaker is None or o.speaker is None or types.get(o.speaker) != "PERSON" or q.cue in INFERRED_SPEAKERS:
        return False
    if q.speaker.text.endswith(("'s", "’s")):
        return False
    inside = any(
        other.report == q.report and other.start <= q.speaker.start and q.speaker.end <= other.end for other in spans
    )
    return not inside


def _one_person(a: str, b: str) -> bool:
    """Two names a report may give one person by: the same last name ("Rezko" / "Tony Rezko", "Lt. Jonathan
    Hubbard" / "Chief Lt. Jon Hubbard")."""
    wa, wb = fold(a).split(), fold(b).split()
    return bool(wa and wb) and wa[-1] == wb[-1]


def _clashes(
    a: Quote, b: Quote, oa: QuoteOccurrence, ob: QuoteOccurrence, texts: Mapping[str, str] | None = None
) -> bool:
    """Two reports credit words they both quote to two people: the two quotes match each other (not only through
    a third), are long enough not to be a common phrase, the names are of two people, and neither report names the
    other's speaker beside the quote ("wrote Molto and Sheldrick" / "the researchers, El Molto ... and Peter
    Sheldrick": the words of two authors, each report naming one of them first)."""
    if a.report == b.report or oa.speaker == ob.speaker or a.speaker is None or b.speaker is None:
        return False
    ta, tb = quote_tokens(a.text), quote_tokens(b.text)
    if min(len(ta), len(tb)) < MIN_CREDITED_WORDS:
        return False
    if _one_person(a.speaker.text, b.speaker.text):
        return False
    if texts and (_names_beside(a, b.speaker.text, texts) or _names_beside(b, a.speaker.text, texts)):
        return False
    return _in_order(ta, tb)


BESIDE = 200  # characters around a quote where its credit is written


def _names_beside(q: Quote, name: str, texts: Mapping[str, str]) -> bool:
    """The report of quote ``q`` names ``name`` (its last word) near the quote too."""
    words = fold(name).split()
    text = texts.get(q.report, "")
    if not words or not text:
        return False
    near = fold(text[max(0, q.start - BESIDE) : q.end + BESIDE])
    return re.search(rf"\b{re.escape(words[-1])}\b", near) is not None


def _in_order(a: Sequence[str], b: Sequence[str]) -> bool:
    """The shorter quote's words stand in the longer in the same order: most of its runs of three words are runs of
    the other (a bag of words would let a short quote match any long one that uses its common words)."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    runs = [tuple(short[k : k + SHINGLE]) for k in range(len(short) - SHINGLE + 1)]
    theirs = {tuple(long[k : k + SHINGLE]) for k in range(len(long) - SHINGLE + 1)}
    return sum(run in theirs for run in runs) >= QUOTE_OVERLAP * len(runs)


def attribution_conflict(
    quotes: Sequence[Quote],
    occurrences: Sequence[QuoteOccurrence],
    types: Mapping[str, str],
    spans: Sequence[Quote] = (),
    texts: Mapping[str, str] | None = None,
) -> Conflict | None:
    """One quote that two reports credit to two different people (``_clashes``). Each value is the speaker as the
    report names them; a group speaking through a person ("the team" / its manager) is no conflict, nor is a report
    that names no speaker. ``spans``: every quote of the reports (a name inside one is never a speaker); ``texts``:
    the reports' texts by id (a report that names the other's speaker beside the quote too is no conflict)."""
    people = [
        (q, o) for q, o in zip(quotes, occurrences, strict=True) if _credited_person(q, o, types, spans or quotes)
    ]
    clash = any(_clashes(a, b, oa, ob, texts) for (a, oa), (b, ob) in combinations(people, 2))
    if not clash:
        return None
    values = tuple(
        ConflictValue(q.report, q.speaker.start, q.speaker.end, q.speaker.text, o.speaker or "", q.speaker.text)
        for q, o in people
        if q.speaker is not None
    )
    who = " and ".join(dict.fromkeys(repr(v.text) for v in values))
    return Conflict("attribution", values, f"the same words are credited to {who}, who are not one person")
