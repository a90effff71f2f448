"""The figure table of one event: every figure, time and place of its reports as a row, grouped slot by slot.

Rows are grouped by a hash join on their slot key and frame (``slots``, ``frames``): two rows of two reports share
a slot when they measure the same thing in the same frame, never because their values agree. Inside a slot, each
report's values are compared with every other report's (``compatibility``): a **dispute** is a pair of reports whose
values cannot both be true; **agreement** is compatible values; a report whose own values for the slot already
differ (two things the key could not tell apart) disputes nothing. A figure marked as an update ("rose to 15"), or
given by a later report of the same outlet, is an **update** of an earlier one, not a dispute. A hedged value ("may
have killed") is listed but disputes nothing.

Rows whose key says too little to compare them (a figure with nothing counted and no happening, a time of no
happening) fill a *loose* slot: rows of several reports with the same value there corroborate each other, and
never dispute. Cost: one pass to key the rows, then a comparison inside each slot (a few rows each).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import combinations, pairwise

import numpy as np

from rashomon import lexicon
from rashomon.config import DEFAULT_ALIGN, AlignSettings
from rashomon.event.align.compatibility import count_range, time_fields
from rashomon.event.align.conflicts import RELATIVE_KINDS, count_values_conflict, time_values_conflict
from rashomon.event.align.facts import EventFact
from rashomon.event.figures.evidence import (
    FEATURES,
    SlotModel,
    default_slot_model,
    happening_group,
    needs_more,
    pair_features,
)
from rashomon.event.figures.frames import MAIN, EventWindow, clause_dates, dated_apart, frame_of
from rashomon.event.figures.slots import (
    CONDITIONS,
    COUNT,
    PLACE,
    SELF_EXPLAINING,
    TIME,
    SlotKey,
    figure_unit,
    happening_of,
    slot_key,
)
from rashomon.measured import NATION, YEAR_WORD
from rashomon.places import locations_conflict, place_country_codes
from rashomon.quantities import MONEY
from rashomon.records import Report, TimeExpr

VALUED = frozenset({COUNT, TIME, PLACE})
CONFLICT_KINDS = {COUNT: "quantity", TIME: "time", PLACE: "location"}


@dataclass(frozen=True, slots=True)
class Row:
    """A valued fact of the event with its slot and frame."""

    fact: EventFact
    key: SlotKey
    frame: str
    dates: tuple[tuple[int, int, int], ...] = ()  # when the other times of its clause say it was (``clause_dates``)


@dataclass(frozen=True, slots=True)
class Slot:
    """The rows of one slot (indices into the table's rows) and the verdict on them."""

    key: SlotKey
    frame: str
    members: tuple[int, ...]
    status: str  # "unique", "corroborated", "conflicting"
    why: str = ""  # the first incompatible pair, in words
    disputing: tuple[int, ...] = ()  # the rows whose values are in dispute (a value per report)
    updates: tuple[int, ...] = ()  # rows superseded by an update
    loose: bool = False  # a slot of values only (corroborates, never disputes)


Similarity = Callable[[EventFact, EventFact], float | None]


def no_similarity(a: EventFact, b: EventFact) -> float | None:
    return None


def word_similarity(a: EventFact, b: EventFact) -> float | None:
    """How alike two rows' sentences are in words: the cosine of their content-lemma sets (no embedding needed)."""
    if not a.context or not b.context:
        return None
    return len(a.context & b.context) / math.sqrt(len(a.context) * len(b.context))


def sentence_similarity(vectors: Mapping[str, np.ndarray]) -> Similarity:
    """The cosine of two rows' sentences, from unit vectors keyed by sentence text."""

    def similarity(a: EventFact, b: EventFact) -> float | None:
        va, vb = vectors.get(a.sentence_text), vectors.get(b.sentence_text)
        return None if va is None or vb is None else float(va @ vb)

    return similarity


@dataclass(frozen=True, slots=True)
class Table:
    rows: tuple[Row, ...]
    slots: tuple[Slot, ...]

    def slot_of(self) -> dict[int, int]:
        """Row index -> slot index."""
        return {m: k for k, s in enumerate(self.slots) for m in s.members}


def usable(ef: EventFact) -> bool:
    """A fact the table holds: a figure with its number read, a time with its words read, a place located."""
    kind = ef.fact.kind
    if kind == COUNT:
        q = ef.quantity
        if q is None or ef.fact.qualifier == "difference" or ef.fact.negated:
            return False
        # "1982": a year the parse took as a count
        return not (q.unit is None and YEAR_WORD.fullmatch(ef.fact.text.strip()))
    if kind == TIME:
        return ef.time is not None
    if kind == PLACE:
        return ef.location is not None
    return False


def rows_of(
    facts: Sequence[EventFact],
    window: EventWindow,
    times: Mapping[str, Sequence[TimeExpr]],
    main: frozenset[str] = frozenset(),
) -> tuple[Row, ...]:
    """Each usable fact as a row with its key and frame; ``main``: the event's kinds of happening (a day a report
    gives for one of them stays in the main frame however far it lies from the others' days: that is a dispute)."""
    times_at = {(t.report, t.start): t for ts in times.values() for t in ts}
    return tuple(
        Row(
            ef,
            slot_key(ef),
            frame_of(ef, window, times_at, of_event(happening_of(ef), main)),
            clause_dates(ef, times_at),
        )
        for ef in facts
        if usable(ef)
    )


CONVERSION = re.compile(
    r"\s*(?:[A-Za-z.]{1,12}\s*)?\(\s*(?:about|around|roughly|some|nearly|approximately)?\s*[A-Z]{0,3}[$€£¥]?\s*"
)


def _dimension(ef: EventFact) -> str:
    """What a figure's unit measures, for telling a conversion: money in any currency, a length in feet or metres."""
    unit = figure_unit(ef)
    return "money" if unit in MONEY else unit


def conversions(facts: Sequence[EventFact], texts: Mapping[str, str]) -> set[int]:
    """Figures that restate the one before them in another unit or currency, in brackets ("$US1 million ($1.52
    million)", "19,356 feet (5,900 m)"): the same figure, never a second one to compare. Fact indices."""
    out: set[int] = set()
    counts = [ef for ef in facts if ef.fact.kind == COUNT and ef.quantity is not None and _dimension(ef)]
    for a, b in pairwise(sorted(counts, key=lambda ef: (ef.fact.report, ef.fact.start))):
        text = texts.get(a.fact.report)
        if text is None or a.fact.report != b.fact.report or not 0 <= b.fact.start - a.fact.end <= 16:
            continue
        if _dimension(a) != _dimension(b):
            continue
        if CONVERSION.fullmatch(text[a.fact.end : b.fact.start]):
            out.add(b.index)
    return out


# ---- values ----------------------------------------------------------------------------------------------------


def values_conflict(a: EventFact, b: EventFact, settings: AlignSettings) -> str | None:
    """Why the values of two rows of one slot cannot both be true, or None when they can."""
    kind = a.fact.kind
    if kind == COUNT and a.fact.measured in lexicon.words("label-nouns") and a.fact.measured == b.fact.measured:
        # "the 12000 block of East 223rd Street": the number names a block, it rounds nothing
        qa, qb = a.quantity, b.quantity
        if qa is not None and qb is not None and qa.value != qb.value:
            return f"{a.fact.text!r} and {b.fact.text!r} name two different {a.fact.measured}s"
        return None
    if kind == COUNT:
        return count_values_conflict(a, b, settings)
    if kind == TIME:
        return time_values_conflict(a, b, settings)
    if kind == PLACE and a.location is not None and b.location is not None:
        if not locations_conflict(a.location, b.location):
            return None
        if a.location.place == b.location.place:
            return f"{a.location.text!r} and {b.location.text!r} are different parts of one place"
        return f"{a.location.text!r} and {b.location.text!r} are different places, neither inside the other"
    return None


def value_text(ef: EventFact, settings: AlignSettings = DEFAULT_ALIGN) -> tuple[str, float | None, float | None]:
    """A row's normalised value as text, with its bounds (a figure's range; a time's first and last day)."""
    from rashomon.event.align.compatibility import describe_range, interval_of

    if ef.quantity is not None and ef.fact.kind == COUNT:
        q = ef.quantity
        r = count_range(q.value, q.text, ef.fact.qualifier, settings)
        unit = f" {q.unit}" if q.unit and q.unit != "score" else ""
        return describe_range(r) + unit, r.low, r.high
    if ef.time is not None and ef.fact.kind == TIME:
        value = ef.time.value or ef.fact.text
        span = interval_of(ef.time.value) if ef.time.value and not ef.time.value.startswith("P") else None
        return value, (float(span[0]) if span else None), (float(span[1]) if span else None)
    if ef.location is not None:
        return ef.location.text, None, None
    return ef.fact.text, None, None


def _loose_value(ef: EventFact) -> str:
    """What a loose row says, as a key: its figure and counted word, its time's value, its place."""
    if ef.quantity is not None:
        q = ef.quantity
        return f"{q.value:g}|{q.unit}|{q.counted}"
    if ef.time is not None:
        return ef.time.value or ef.fact.text.lower()
    if ef.location is not None:
        return f"{ef.location.place}|{''.join(sorted(ef.location.directions))}"
    return ef.fact.text.lower()


# ---- grouping --------------------------------------------------------------------------------------------------

MARGIN = 3  # how much better than any other pairing of two reports' values a disputing pair must be tied
MAX_ALL_PAIRS = 400  # a bucket up to this many rows compares every pair of rows; a larger one pairs within blocks
MAX_BLOCK = 60  # rows a blocking key may hold before each is paired with its next CHAIN rows only
CHAIN = 8
MAX_JUDGED = 40  # reports of one slot compared pair by pair; a slot of more compares a few reports of each value


def _groups(rows: Sequence[Row], context: Context) -> list[tuple[SlotKey, str, list[int], bool]]:
    """(key, frame, members, loose) per slot; the rows that are their report's only row of their bucket are noted
    in ``context.sole``. Rows meet by a hash join on their key and frame (a bucket); inside a
    bucket, rows of two reports join when the evidence that they fill one slot is enough and each is the other's
    best match (``_links``); the joined rows are the slots. Rows no other report's row joins, and rows whose key
    says too little, then meet by value (``_loose_key``): a value several reports give in one frame corroborates
    across them, and never disputes."""
    buckets = merge_paraphrased(rows, bucket_rows(rows), context.similarity, context.settings.slot_paraphrase)
    keyed: list[tuple[SlotKey, str, list[int]]] = []
    context.buckets = buckets
    for k, members in enumerate(buckets):
        context.sole |= sole_rows(rows, members)
        context.bucket_of.update(dict.fromkeys(members, k))
    for members in buckets:
        labelled = [*_event_days(rows, members, context), *_event_counts(rows, members, context)]
        for a, b, label in labelled:
            context.event_day[a].add(label)
            context.event_day[b].add(label)
        days = [(a, b) for a, b, _ in labelled]
        links = [*_links(rows, members, context), *_credited(rows, members, context), *days]
        for part in _components(len(rows), links, members):
            keyed.append((_label_key(rows, part), rows[part[0]].frame, part))
    alone = {i for _, _, part in keyed if len({rows[i].fact.report_rank for i in part}) == 1 for i in part}
    alone |= {i for i, row in enumerate(rows) if not row.key.known}
    loose: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for i in sorted(alone):
        loose[_loose_key(rows[i])].append(i)
    moved: set[int] = set()
    out: list[tuple[SlotKey, str, list[int], bool]] = []
    for members in loose.values():
        if len({rows[i].fact.report_rank for i in members}) < 2:
            members = [i for i in members if not rows[i].key.known]  # the others stay in their own slots
            if not members:
                continue
        out.append((rows[members[0]].key, rows[members[0]].frame, members, True))
        moved.update(members)
    for key, frame, part in keyed:
        kept = [i for i in part if i not in moved]
        if kept:
            out.append((key, frame, kept, False))
    out.sort(key=lambda g: min(g[2]))
    return out


def _credited_pairs(rows: Sequence[Row], members: Sequence[int], context: Context) -> Iterator[tuple[int, int]]:
    """Two rows of one report that it credits to two different sources, with values that cannot both be true, and
    likely enough to fill one slot to corroborate: the report tells of a dispute ("CENTCOM said eastern Syria; a
    defence official said northwestern Syria")."""
    by_report: dict[int, list[int]] = defaultdict(list)
    for i in members:
        if rows[i].fact.attribution and not rows[i].fact.fact.hedged:
            by_report[rows[i].fact.report_rank].append(i)
    for idx in by_report.values():
        for a, b in combinations(idx, 2):
            fa, fb = rows[a].fact, rows[b].fact
            if _same_source(fa.attribution or "", fb.attribution or ""):
                continue
            if context.logit(a, b, False) >= context.link and values_conflict(fa, fb, context.settings):
                yield a, b


def _same_source(a: str, b: str) -> bool:
    """Two credits that may name one source: one's words inside the other's ("Grynkewich" / "Air Force Lt. Gen.
    Alexus Grynkewich"), or the same last word."""
    wa = re.findall(r"[\w'-]+", a.casefold())
    wb = re.findall(r"[\w'-]+", b.casefold())
    if not wa or not wb:
        return True
    return set(wa) <= set(wb) or set(wb) <= set(wa) or wa[-1] == wb[-1]


def _credited(rows: Sequence[Row], members: Sequence[int], context: Context) -> list[tuple[int, int]]:
    return [*_credited_pairs(rows, members, context), *_restatements(rows, members, context)]


def _restatements(rows: Sequence[Row], members: Sequence[int], context: Context) -> Iterator[tuple[int, int]]:
    """Two rows of one report that give one value for what is likely one slot: the report restating itself ("in
    eastern Syria" in its lead and again further down), one slot whatever the other reports' rows join."""
    by_report: dict[tuple[int, str], list[int]] = defaultdict(list)
    for i in members:
        by_report[(rows[i].fact.report_rank, _plain_value(rows[i].fact))].append(i)
    for idx in by_report.values():
        for a, b in pairwise(idx):
            if context.logit(a, b, False) >= context.link:
                yield a, b


def of_event(happening: str, main: frozenset[str]) -> bool:
    """A happening of the event's own kind, or of the group of one ("attack" in a story of a killing)."""
    if not happening or happening == "said":
        return False
    group = happening_group(happening)
    return happening in main or (bool(group) and any(happening_group(m) == group for m in main))


def _event_days(rows: Sequence[Row], members: Sequence[int], context: Context) -> list[tuple[int, int, str]]:
    """The day each report gives first for the event's own happening (a time of the main frame, of a happening of
    the event's kind, asserted, not the day someone spoke): one slot across the reports, "when it happened", per
    group of happening (the day of the killing and the day of the charges are two slots, though both are of a
    story of a killing that led to charges). Each pair comes with its group's name."""
    if not members or rows[members[0]].frame != MAIN or rows[members[0]].key.kind != TIME:
        return []
    if rows[members[0]].key.measure != "when":
        return []
    first: dict[tuple[str, int], int] = {}
    clocks: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i in members:
        f = rows[i].fact
        h = happening_of(f)
        if f.fact.hedged or not of_event(h, context.main) or _time_grain(f) == "year":
            continue  # a bare year is the story's history ("won in 2008", "in 1992"), not the day of its news
        k = (happening_group(h) or h, f.report_rank)
        if k not in first or f.fact.start < rows[first[k]].fact.fact.start:
            first[k] = i
        if f.time is not None and "hour" in f.time.spec_dict():
            clocks[k].append(i)
    by_label: dict[str, list[int]] = defaultdict(list)
    for (label, _), i in first.items():
        by_label[label].append(i)
    # and the first time of the day each gives for it ("about 1:30 a.m." / "around 12:45 a.m." of one shooting,
    # after "Sunday" and "Saturday"), which may be its first day too ("began at 6 p.m.")
    for (label, _), idx in clocks.items():
        by_label[f"{label} clock"].append(min(idx, key=lambda i: rows[i].fact.fact.start))
    return [(a, b, label) for label, idx in by_label.items() for a, b in pairwise(sorted(idx))]


EVENT_MEASURES = SELF_EXPLAINING | {"magnitude", "score", "age"}


def _event_counts(rows: Sequence[Row], members: Sequence[int], context: Context) -> list[tuple[int, int, str]]:
    """The figure each report gives first for a measure that carries its happening (the dead, the injured in
    critical condition, the magnitude, the score of a game or a vote) of the event's own kind, in the main frame,
    asserted: one slot across the reports, "the event's toll", as each report's first day of the event is one slot;
    likewise the first age each gives of a person it names ("Brian Nichols, 37" / "Nichols, 35"; never an age told
    only of a role, "the 20-year-old brother", which may be either brother).
    Each pair comes with its key's label (a bucket that like sentences joined holds several keys: each on its own)."""
    if not members or rows[members[0]].frame != MAIN or rows[members[0]].key.kind != COUNT:
        return []
    first: dict[tuple[object, ...], dict[int, int]] = defaultdict(dict)
    for i in members:
        f, key = rows[i].fact, rows[i].key
        if key.measure not in EVENT_MEASURES or f.fact.hedged:
            continue
        if key.measure == "age" and not f.owner:
            continue
        if key.measure != "age" and not of_event(happening_of(f), context.main):
            continue
        mine = first[key.base()]
        if f.report_rank not in mine or f.fact.start < rows[mine[f.report_rank]].fact.fact.start:
            mine[f.report_rank] = i
    out: list[tuple[int, int, str]] = []
    for chosen in first.values():
        key = rows[next(iter(chosen.values()))].key
        label = "count:" + "/".join((key.measure, *key.qualifiers))
        out.extend((a, b, label) for a, b in pairwise(sorted(chosen.values())))
    return out


def bucket_rows(rows: Sequence[Row]) -> list[list[int]]:
    """Rows of a known key grouped by key and frame (the hash join), each bucket in row order."""
    buckets: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        if row.key.known:
            buckets[(row.frame, *row.key.base())].append(i)
    return list(buckets.values())


COMMON_WORD = 200  # a lemma in more figure sentences than this brings no pair to weigh (a large event's "say")


def merge_paraphrased(
    rows: Sequence[Row], buckets: list[list[int]], similarity: Similarity, alike: float
) -> list[list[int]]:
    """Buckets joined where two reports tell one figure in like sentences: the only figure of a sentence and the
    only figure of another report's sentence most like it (each the other's likeliest, at least ``alike``:
    ``AlignSettings.slot_paraphrase``) are weighed as rows of one bucket, whatever counted noun or verb each report
    chose ("another 6.6 million people applied" / "another 8.6 million Americans filed"; "two different kinds of
    tests" / "three different types of tests"). Pairs come from sentences sharing a word that is not in every
    sentence, so a large event is not paired all with all."""
    from scipy.cluster.hierarchy import DisjointSet

    of = {i: k for k, members in enumerate(buckets) for i in members}
    best: dict[tuple[int, int], tuple[float, int]] = {}
    pairs: list[tuple[int, int]] = []
    for a, b in _sharing_words(rows, _single_figures(rows, of)):
        sim = similarity(rows[a].fact, rows[b].fact) or 0.0
        if sim < alike or _other_things(rows[a], rows[b]):
            continue
        pairs.append((a, b))
        for x, y in ((a, b), (b, a)):
            key = (x, rows[y].fact.report_rank)
            if key not in best or (sim, -y) > (best[key][0], -best[key][1]):
                best[key] = (sim, y)
    joined = DisjointSet(range(len(buckets)))
    for a, b in pairs:
        if best[(a, rows[b].fact.report_rank)][1] == b and best[(b, rows[a].fact.report_rank)][1] == a:
            joined.merge(of[a], of[b])
    return [sorted(i for k in part for i in buckets[k]) for part in sorted(joined.subsets(), key=min)]


# qualifiers that make a count another count
SHAPING = frozenset({"part", "whole", "including", "additional"}) | CONDITIONS


@cache
def _classes() -> frozenset[str]:
    """The kinds of happening the lexicon knows ("crash", "rescue"), as ``happening_of`` names them."""
    return frozenset(lexicon.column("happenings").values())


def _other_things(a: Row, b: Row) -> bool:
    """Two figures that cannot count one thing, however alike their sentences: of two kinds of happening ("two
    boats sank" / "two fishermen were rescued"), of a part and a whole, one shaped by a condition or "another" and
    one not, or of people against things."""
    ha, hb = happening_of(a.fact), happening_of(b.fact)
    if (ha != hb and ha in _classes() and hb in _classes()) or _other_nations(a.fact, b.fact):
        return True
    if set(a.key.qualifiers) & SHAPING != set(b.key.qualifiers) & SHAPING:
        return True  # a part of a count and the count ("one Australian and one English climber" / "two climbers")
    return (a.key.measure == "people") != (b.key.measure == "people")


def _single_figures(rows: Sequence[Row], bucketed: Mapping[int, int]) -> list[int]:
    """The asserted main-frame figures that are the only figure of their sentence (restatements count once)."""
    per_sentence: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        if i in bucketed and row.frame == MAIN and row.key.kind == COUNT and _asserted(row):
            per_sentence[(row.fact.report_rank, row.fact.fact.sentence)].append(i)
    return [idx[0] for idx in per_sentence.values() if len({_plain_value(rows[i].fact) for i in idx}) == 1]


def _sharing_words(rows: Sequence[Row], members: Sequence[int]) -> set[tuple[int, int]]:
    """Pairs of rows of two reports whose sentences share a content word held by at most ``COMMON_WORD`` of them."""
    holders: dict[str, list[int]] = defaultdict(list)
    for i in members:
        for lemma in rows[i].fact.context:
            holders[lemma].append(i)
    out: set[tuple[int, int]] = set()
    for block in holders.values():
        if len(block) > COMMON_WORD:
            continue
        out.update((a, b) for a, b in combinations(block, 2) if rows[a].fact.report_rank != rows[b].fact.report_rank)
    return out


def candidates(rows: Sequence[Row], members: Sequence[int]) -> list[tuple[int, int]]:
    return _candidates(rows, members)


def _candidates(rows: Sequence[Row], members: Sequence[int]) -> list[tuple[int, int]]:
    """Pairs of rows of different reports worth weighing: all of them in a small bucket; in a large one, those
    sharing a happening, a subject, a verb or a counted noun (keys held by too many rows are skipped)."""
    if len(members) <= MAX_ALL_PAIRS:
        return [(a, b) for a, b in combinations(members, 2) if rows[a].fact.report_rank != rows[b].fact.report_rank]
    blocks: dict[str, list[int]] = defaultdict(list)
    for i in members:
        f = rows[i].fact
        for key in (f"h:{happening_of(f)}", f"s:{f.fact.subject}", f"p:{f.fact.predicate}", f"m:{f.fact.measured}"):
            if not key.endswith(":"):
                blocks[key].append(i)
    found: set[tuple[int, int]] = set()
    for block in blocks.values():
        reach = len(block) if len(block) <= MAX_BLOCK else CHAIN  # a large block: each row with its next few
        for k, a in enumerate(block):
            found.update(
                (a, b) for b in block[k + 1 : k + 1 + reach] if rows[a].fact.report_rank != rows[b].fact.report_rank
            )
    return sorted(found)


def _links(rows: Sequence[Row], members: Sequence[int], context: Context) -> list[tuple[int, int]]:
    """Pairs of one bucket that fill one slot: likely enough by the slot model, and, between the two rows'
    reports, the likeliest either row has (ties kept)."""
    sole = context.sole
    scored = []
    for a, b in _candidates(rows, members):
        score = context.logit(a, b, a in sole and b in sole)
        if score >= context.link:
            scored.append((a, b, score))
    best: dict[tuple[int, int], float] = {}
    for a, b, score in scored:
        for row, other in ((a, b), (b, a)):
            k = (row, rows[other].fact.report_rank)
            best[k] = max(best.get(k, score), score)
    return [
        (a, b)
        for a, b, score in scored
        if score >= best[(a, rows[b].fact.report_rank)] and score >= best[(b, rows[a].fact.report_rank)]
    ]


@dataclass
class Context:
    """What weighing two rows needs: the rows, the event's kinds of happening, the sentences' similarity, the
    model and its thresholds (as log-odds), and the rows that are their report's only row of their bucket."""

    rows: Sequence[Row]
    main: frozenset[str]
    similarity: Similarity
    model: SlotModel
    link: float
    dispute: float
    margin: float
    settings: AlignSettings = DEFAULT_ALIGN
    sole: set[int] = field(default_factory=set)
    bucket_of: dict[int, int] = field(default_factory=dict)  # row -> bucket index
    buckets: list[list[int]] = field(default_factory=list)
    first: frozenset[int] = frozenset()  # rows that come first of their key and frame in their report
    # each report's first day, first hour and first toll of the event
    event_day: defaultdict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    happenings: dict[int, str] = field(default_factory=dict)  # row -> its kind of happening, as read

    def bucket_rows_of(self, row: int, rank: int) -> list[int]:
        """The rows of report ``rank`` in the bucket of ``row``."""
        members = self.buckets[self.bucket_of[row]] if row in self.bucket_of else [row]
        return [i for i in members if self.rows[i].fact.report_rank == rank]

    def features(self, a: int, b: int, sole: bool) -> list[float]:
        ra, rb = self.rows[a], self.rows[b]
        similarity = self.similarity(ra.fact, rb.fact)
        first = a in self.first and b in self.first
        return pair_features(ra.fact, rb.fact, ra.key, ra.frame, self.main, similarity, sole, first)

    def happening(self, i: int) -> str:
        """Row ``i``'s kind of happening (``slots.happening_of``), read once."""
        if i not in self.happenings:
            self.happenings[i] = happening_of(self.rows[i].fact)
        return self.happenings[i]

    def logit(self, a: int, b: int, sole: bool) -> float:
        ra, rb = self.rows[a], self.rows[b]
        if _other_nations(ra.fact, rb.fact):
            return NEVER  # "nine U.S. officials" / "seven Russian officials": counts of two nations' people
        if ra.key.kind != TIME and dated_apart(ra.dates, rb.dates):
            return NEVER  # "a 6.7 quake ... in December 2003" / "in February, a 6.4 temblor": two happenings
        x = self.features(a, b, sole)
        if self.rows[a].key.kind == TIME and (x[OTHER_HAPPENING] or _one_goes_on(self.happening(a), self.happening(b))):
            # happenings of two groups ("harm" / "court"): the day of the charges is never the day of the killing;
            # nor is the day a fire spread or a vote is scheduled for the day of what happened
            return NEVER
        return self.model.logit(x)


def _nations(f: EventFact) -> frozenset[str]:
    """The nations or groups a count's noun is of: a country's code where its name, an alias or its people's name
    gives one ("U.S.", "American" and "America" are US), else the words as written."""
    return frozenset(_nation(m.removeprefix(NATION)) for m in f.fact.modifiers if m.startswith(NATION))


@cache
def _nation(name: str) -> str:
    """A nation's name as written, as its country code where one reads it ("u.s.", "american" -> "US")."""
    codes = place_country_codes(name)
    return next(iter(codes)) if len(codes) == 1 else lexicon.column("demonyms").get(name) or name


def _other_nations(a: EventFact, b: EventFact) -> bool:
    """Two counts whose nouns each name a nation or group, none the same ("10,000 South Korean personnel" / "28,500
    U.S. troops")."""
    na, nb = _nations(a), _nations(b)
    return bool(na) and bool(nb) and not na & nb


def _one_goes_on(ha: str, hb: str) -> bool:
    """One of two times' happenings is how a happening went on or is to come ("spread", "scheduled"), the other's
    is not."""
    going = lexicon.words("progress-verbs")
    return ha != hb and (ha in going or hb in going)


NEVER = -50.0  # the log-odds of two rows that cannot fill one slot
OTHER_HAPPENING = FEATURES.index("other_happening")


def make_context(
    rows: Sequence[Row],
    settings: AlignSettings = DEFAULT_ALIGN,
    main: frozenset[str] = frozenset(),
    similarity: Similarity = no_similarity,
    model: SlotModel | None = None,
) -> Context:
    return Context(
        rows,
        main,
        similarity,
        model or default_slot_model(),
        _log_odds(settings.slot_link),
        _log_odds(settings.slot_dispute),
        settings.slot_margin,
        settings,
        first=first_rows(rows),
    )


def first_rows(rows: Sequence[Row]) -> frozenset[int]:
    """The rows that come first, by position, of their key and frame in their report."""
    first: dict[tuple[object, ...], int] = {}
    for i, row in enumerate(rows):
        k = (row.fact.report_rank, row.frame, *row.key.base())
        if k not in first or row.fact.fact.start < rows[first[k]].fact.fact.start:
            first[k] = i
    return frozenset(first.values())


def _log_odds(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def sole_rows(rows: Sequence[Row], members: Sequence[int]) -> set[int]:
    """Rows that are their report's only row in a bucket (restatements of one value count once)."""
    values: dict[int, set[str]] = defaultdict(set)
    for i in members:
        values[rows[i].fact.report_rank].add(_plain_value(rows[i].fact))
    return {i for i in members if len(values[rows[i].fact.report_rank]) == 1}


def _components(n: int, links: Sequence[tuple[int, int]], members: Sequence[int]) -> list[list[int]]:
    from scipy.cluster.hierarchy import DisjointSet

    sets = DisjointSet(members)
    for a, b in links:
        sets.merge(a, b)
    return sorted((sorted(int(i) for i in part) for part in sets.subsets()), key=lambda p: p[0])


def _label_key(rows: Sequence[Row], part: Sequence[int]) -> SlotKey:
    """The slot's key with the happening most of its rows name (for its description)."""
    first = rows[part[0]].key
    named = Counter(h for i in part if (h := rows[i].key.happening) and h != "said")
    happening = named.most_common(1)[0][0] if named else first.happening
    if first.kind == COUNT and first.measure in SELF_EXPLAINING:
        happening = ""
    return SlotKey(first.kind, first.measure, happening, first.qualifiers, first.unit)


def _plain_value(ef: EventFact) -> str:
    """A row's value alone: a figure and its unit, a time's value or words, a place."""
    if ef.quantity is not None:
        return f"{ef.quantity.value:g}|{ef.quantity.unit}"
    return _loose_value(ef)


def _loose_key(row: Row) -> tuple[object, ...]:
    """Where rows meet by value: frame, kind, the value, and for a figure what it counts when that is known."""
    measure = row.key.measure if row.fact.fact.kind == COUNT else ""
    return (row.frame, row.fact.fact.kind, measure, _loose_value(row.fact))


# ---- verdicts --------------------------------------------------------------------------------------------------


def _asserted(row: Row) -> bool:
    return not row.fact.fact.hedged


def _positions(rows: Sequence[Row], members: Sequence[int]) -> tuple[dict[int, list[int]], list[int]]:
    """Per report (rank), the rows that state its value (an update supersedes the rows before it), and the rows
    superseded."""
    by_report: dict[int, list[int]] = defaultdict(list)
    for i in members:
        if _asserted(rows[i]):
            by_report[rows[i].fact.report_rank].append(i)
    superseded: list[int] = []
    for rank, idx in by_report.items():
        updates = [i for i in idx if rows[i].fact.fact.update]
        if updates:
            last = max(updates, key=lambda i: rows[i].fact.fact.start)
            superseded.extend(i for i in idx if i != last and rows[i].fact.fact.start < rows[last].fact.fact.start)
            by_report[rank] = [i for i in idx if i not in superseded]
    return by_report, superseded


def _clash(
    rows: Sequence[Row], mine: Sequence[int], theirs: Sequence[int], settings: AlignSettings, context: Context
) -> tuple[int, int, str] | None:
    """A dispute between two reports' rows of one slot: a pair whose values cannot both be true, likely enough to
    fill one slot (``AlignSettings.slot_dispute``), each the other's likeliest match, likelier by a margin than any
    pairing with a value that differs, and neither matched as well by a value of the other report that agrees;
    never where the other report states the same value too, in a row that may fill the slot (``_says_too``)."""
    sole = all(i in context.sole for i in (*mine, *theirs))
    # the rows each report gives for the whole bucket compete too, not only those the slot joined
    all_mine = context.bucket_rows_of(mine[0], rows[mine[0]].fact.report_rank)
    all_theirs = context.bucket_rows_of(theirs[0], rows[theirs[0]].fact.report_rank)
    scores = {(a, b): context.logit(a, b, sole) for a in all_mine for b in all_theirs}
    sure = _log_odds(settings.slot_sure)  # a pair this likely needs no more evidence (``needs_more``)
    best_a = {a: max(scores[(a, b)] for b in all_theirs) for a in mine}
    best_b = {b: max(scores[(a, b)] for a in all_mine) for b in theirs}
    # a row whose value the other report states too is in no dispute with it (``_says_too``)
    stated = {a for a in mine if _says_too(rows, a, [(x, scores[(a, x)]) for x in all_theirs], settings, context.link)}
    stated |= {b for b in theirs if _says_too(rows, b, [(x, scores[(x, b)]) for x in all_mine], settings, context.link)}
    found: list[tuple[float, int, int, str]] = []
    for a, b in ((a, b) for a in mine for b in theirs):
        score = scores[(a, b)]
        if a in stated or b in stated:
            continue
        if context.event_day.get(a, set()) & context.event_day.get(b, set()):
            # the first day each report gives for the event itself: paired by what they date, not by the model,
            # and before any pair the model ties
            why = values_conflict(rows[a].fact, rows[b].fact, settings)
            if why is not None:
                found.append((max(score, context.dispute) + EVENT_FIRST, a, b, why))
            continue
        if score < context.dispute or score < best_a[a] or score < best_b[b]:
            continue
        fa, fb = rows[a].fact, rows[b].fact
        if (score < sure and needs_more(rows[a].key, fa, fb, rows[a].frame)) or _far_apart(fa, fb, settings):
            continue
        why = values_conflict(rows[a].fact, rows[b].fact, settings)
        if why is None:
            continue
        # a value of the other report that agrees with this one, or that differs from the disputed one, and fits
        # almost as well: the pairing is not clear enough to show a dispute
        rivals_a = [scores[(a, x)] for x in all_theirs if x != b and not _same_value(rows, b, x, settings)]
        rivals_b = [scores[(x, b)] for x in all_mine if x != a and not _same_value(rows, a, x, settings)]
        if any(score - other < context.margin for other in (*rivals_a, *rivals_b)):
            continue
        found.append((score, a, b, why))
    if not found:
        return None
    _, a, b, why = max(found, key=lambda f: (f[0], -f[1], -f[2]))
    return a, b, why


def _says_too(
    rows: Sequence[Row], a: int, theirs: Sequence[tuple[int, float]], settings: AlignSettings, link: float
) -> bool:
    """The other report states ``a``'s value too, in a row likely to fill ``a``'s slot (``theirs``: its rows with
    the log-odds of each pairing): its other value is of something else or an update, never a dispute with ``a``."""
    return any(score >= link and _agrees(rows[a].fact, rows[x].fact, settings) for x, score in theirs)


def _agrees(a: EventFact, b: EventFact, settings: AlignSettings) -> bool:
    """Two values that can both be true and tell the same thing: two figures; two times that both give a day, or
    both a time of the day (a clock time "agrees" with any day, and says nothing of it); one place (a country holds
    a town, and says nothing of which)."""
    if values_conflict(a, b, settings) is not None:
        return False
    if a.fact.kind == PLACE:
        return a.location is not None and b.location is not None and a.location.place == b.location.place
    return a.fact.kind != TIME or _time_grain(a) == _time_grain(b) != ""


def _time_grain(f: EventFact) -> str:
    """The finest thing a time tells: a clock time, a part of the day, a day, a month or a year ("" if none)."""
    spec = f.time.spec_dict() if f.time is not None else {}
    fields = time_fields(f.time.value if f.time is not None else None, spec)
    if "hour" in spec:
        return "clock"
    if "day" in fields or "weekday" in fields:
        return "day"
    if "part" in spec:
        return "part"
    return next((grain for grain in ("month", "year") if grain in fields), "")


EVENT_FIRST = 100.0  # what an event-day or event-toll pair adds to its log-odds: it is shown before the model's pairs
FAR_APART = 4.0  # two figures this many times apart measure two things ("$1,400" each / "$1.9 trillion" in all)


def _far_apart(a: EventFact, b: EventFact, settings: AlignSettings) -> bool:
    """Two figures whose ranges lie more than ``FAR_APART`` times apart: not one thing told two ways."""
    qa, qb = a.quantity, b.quantity
    if qa is None or qb is None or a.fact.kind != COUNT:
        return False
    ra = count_range(qa.value, qa.text, a.fact.qualifier, settings)
    rb = count_range(qb.value, qb.text, b.fact.qualifier, settings)
    low, high = (ra, rb) if ra.high < rb.low else (rb, ra)
    return low.high > 0 and high.low / low.high > FAR_APART


def _same_value(rows: Sequence[Row], a: int, b: int, settings: AlignSettings) -> bool:
    """Two rows of one report whose values can both be true (a restatement or a refinement), not two values."""
    return values_conflict(rows[a].fact, rows[b].fact, settings) is None


def _same_outlet_later(a: Report | None, b: Report | None) -> bool:
    """Two reports of one outlet published at different times: the later one updates the earlier."""
    if a is None or b is None or not a.source or a.source != b.source:
        return False
    return bool(a.published and b.published and a.published != b.published)


def judge(
    rows: Sequence[Row],
    key: SlotKey,
    frame: str,
    members: list[int],
    loose: bool,
    reports: Sequence[Report],
    settings: AlignSettings,
    context: Context,
) -> Slot:
    ranks = {rows[i].fact.report_rank for i in members}
    if len(ranks) < 2:
        return Slot(key, frame, tuple(members), "unique", loose=loose)
    if loose:
        return Slot(key, frame, tuple(members), "corroborated", loose=True)
    positions, superseded = _positions(rows, members)
    if sum(1 for idx in positions.values() if idx) < 2:
        # one report asserts a value, the others only hedge one ("may have killed 20"): nothing is corroborated
        return Slot(key, frame, tuple(members), "unique", updates=tuple(sorted(superseded)))
    disputing: set[int] = set()
    why = ""
    updated = list(superseded)
    for ra, rb in combinations(_judged_reports(rows, positions), 2):
        clash = _clash(rows, positions[ra], positions[rb], settings, context)
        if clash is None:
            continue
        a, b, reason = clash
        update = rows[a].fact.fact.update or rows[b].fact.fact.update
        later = _same_outlet_later(_report(reports, ra), _report(reports, rb))
        old, new = (b, a) if rows[a].fact.fact.update else (a, b)
        if update and not later and _above(rows[old].fact, rows[new].fact, settings):
            update = False  # "at least 41 killed" against "the toll rose to 39": a toll that rose is no lower figure
        if update or later:
            # every value of the earlier report that the update contradicts (its headline and its body)
            stale = positions[rows[old].fact.report_rank]
            updated.extend(i for i in stale if values_conflict(rows[i].fact, rows[new].fact, settings) is not None)
            continue
        why = why or reason
        disputing.update(_shown(rows, positions, i) for i in (a, b))
    for a, b in _credited_pairs(rows, members, context):
        if not why:
            why = values_conflict(rows[a].fact, rows[b].fact, settings) or ""
        disputing.update((a, b))
    if disputing:
        # every report that states the slot is shown with its value: the disputing rows, and the first row of
        # each other report
        represented = {rows[i].fact.report_rank for i in disputing}
        shown = set(disputing) | {idx[0] for rank, idx in positions.items() if idx and rank not in represented}
        values = tuple(sorted(shown))
        return Slot(key, frame, tuple(members), "conflicting", why, values, tuple(sorted(set(updated))))
    if not _agreement(rows, positions, updated, settings):
        # values of two reports that cannot both be true, not tied clearly enough to call a dispute: shown as each
        # report's own, never as corroborated
        return Slot(key, frame, tuple(members), "unique", updates=tuple(sorted(set(updated))))
    return Slot(key, frame, tuple(members), "corroborated", updates=tuple(sorted(set(updated))))


def apart_dissent(rows: Sequence[Row], slot: Slot, settings: AlignSettings) -> list[Slot]:
    """A corroborated slot without the reports none of whose values the others' allow: each such report's rows are
    a slot of its own ("four officers" in two reports, "six" in a third the table could not tie closely enough to
    call a dispute: never shown as corroborating the four)."""
    if slot.status != "corroborated":
        return [slot]
    if slot.loose:
        return _loose_dissent(rows, slot, settings)
    stale = set(slot.updates)
    live: dict[int, list[int]] = defaultdict(list)
    for i in slot.members:
        if i not in stale and _asserted(rows[i]):
            live[rows[i].fact.report_rank].append(i)
    odd = {
        rank
        for rank, mine in live.items()
        if not any(
            values_conflict(rows[a].fact, rows[b].fact, settings) is None
            and not _unanchored(rows[a].fact)
            and not _unanchored(rows[b].fact)
            for other, theirs in live.items()
            if other != rank
            for a in mine
            for b in theirs
        )
    }
    if not odd or len(odd) == len(live):
        return [slot]
    kept = tuple(i for i in slot.members if rows[i].fact.report_rank not in odd)
    updates = tuple(i for i in slot.updates if i in kept)
    out = [Slot(slot.key, slot.frame, kept, "corroborated", updates=updates)]
    for rank in sorted(odd):
        own = tuple(i for i in slot.members if rows[i].fact.report_rank == rank)
        out.append(Slot(slot.key, slot.frame, own, "unique", updates=tuple(i for i in slot.updates if i in own)))
    return out


def _loose_dissent(rows: Sequence[Row], slot: Slot, settings: AlignSettings) -> list[Slot]:
    """A slot of values met by value only, without the rows a value of another report in it contradicts: "Saturday
    morning" and "Saturday afternoon" both meet "Saturday" by their day, and are never shown as corroborating each
    other; each stands alone."""
    odd: set[int] = set()
    for a, b in combinations(slot.members, 2):
        if rows[a].fact.report_rank == rows[b].fact.report_rank:
            continue
        if values_conflict(rows[a].fact, rows[b].fact, settings) is not None:
            odd.update((a, b))
    if not odd:
        return [slot]
    kept = tuple(i for i in slot.members if i not in odd)
    out = []
    if kept:
        several = len({rows[i].fact.report_rank for i in kept}) > 1
        out.append(replace(slot, members=kept, status="corroborated" if several else "unique"))
    out.extend(replace(slot, members=(i,), status="unique") for i in sorted(odd))
    return out


def _unanchored(f: EventFact) -> bool:
    """A relative time ("yesterday") in a report with no date: it allows any day, and agrees with none."""
    return f.time is not None and f.time.kind in RELATIVE_KINDS and not f.dated


def _above(a: EventFact, b: EventFact, settings: AlignSettings) -> bool:
    """Every figure ``a`` allows is above every figure ``b`` allows."""
    qa, qb = a.quantity, b.quantity
    if qa is None or qb is None:
        return False
    low = count_range(qa.value, qa.text, a.fact.qualifier, settings).low
    return low > count_range(qb.value, qb.text, b.fact.qualifier, settings).high


def _shown(rows: Sequence[Row], positions: Mapping[int, Sequence[int]], i: int) -> int:
    """The row that shows a report's disputed value: of its rows stating that value (a headline and the body),
    the first one it credits to someone, else the first."""
    rank = rows[i].fact.report_rank
    same = [j for j in positions.get(rank, ()) if _plain_value(rows[j].fact) == _plain_value(rows[i].fact)] or [i]
    return min(same, key=lambda j: (rows[j].fact.attribution is None, _in_headline(rows[j]), rows[j].fact.fact.start))


def _in_headline(row: Row) -> bool:
    """A row of a report's headline: its first sentence, ending without a full stop ("Quake kills 12 in Peru")."""
    return row.fact.fact.sentence == 0 and not row.fact.sentence_text.rstrip().endswith((".", "!", "?", '"', "”"))


def _agreement(
    rows: Sequence[Row], positions: Mapping[int, Sequence[int]], updated: Sequence[int], settings: AlignSettings
) -> bool:
    """Two reports give compatible values (superseded ones aside): what corroboration means. A relative day of a
    report with no date ("today" in an undated report) allows any day and so agrees with none."""
    stale = set(updated)
    live = {
        rank: [i for i in idx if i not in stale and not _unanchored(rows[i].fact)] for rank, idx in positions.items()
    }
    for ra, rb in combinations(sorted(r for r, idx in live.items() if idx), 2):
        if any(values_conflict(rows[a].fact, rows[b].fact, settings) is None for a in live[ra] for b in live[rb]):
            return True
    return False


def _judged_reports(rows: Sequence[Row], positions: Mapping[int, Sequence[int]]) -> list[int]:
    """The reports of a slot whose values are compared pair by pair: all of them up to ``MAX_JUDGED``; beyond, the
    first few reports giving each distinct value (a dispute is between values, and each value is represented)."""
    ranks = sorted(positions)
    if len(ranks) <= MAX_JUDGED:
        return ranks
    per_value: dict[str, list[int]] = defaultdict(list)
    for rank in ranks:
        for i in positions[rank]:
            per_value[_plain_value(rows[i].fact)].append(rank)
    share = max(2, MAX_JUDGED // max(1, len(per_value)))
    return sorted({rank for reporting in per_value.values() for rank in reporting[:share]})


def _report(reports: Sequence[Report], rank: int) -> Report | None:
    return reports[rank] if 0 <= rank < len(reports) else None


def tabulate(
    facts: Sequence[EventFact],
    window: EventWindow,
    times: Mapping[str, Sequence[TimeExpr]],
    reports: Sequence[Report] = (),
    settings: AlignSettings = DEFAULT_ALIGN,
    main: frozenset[str] = frozenset(),
    similarity: Similarity = no_similarity,
    model: SlotModel | None = None,
) -> Table:
    """The event's figure table: rows keyed and framed, grouped into slots, each slot judged. ``main``: the kinds
    of happening the event itself is (``slots.main_happenings``); ``similarity``: how alike two rows' sentences
    are (``sentence_similarity``), a tie-breaker; ``model``: the slot model (default: the shipped one)."""
    texts = {r.id: r.text for r in reports}
    converted = conversions(facts, texts)
    everything = tuple(row for row in rows_of(facts, window, times, main) if row.fact.index not in converted)
    firsts, twins = row_twins(everything)
    rows = [everything[i] for i in firsts]
    context = make_context(rows, settings, main, similarity, model)
    groups = _groups(rows, context)
    judged = [
        judge(rows, key, frame, members, loose, reports, settings, context) for key, frame, members, loose in groups
    ]
    judged = [part for slot in corroborate_alike(rows, judged) for part in apart_dissent(rows, slot, settings)]
    # back to every row: a slot's rows with their twins, indices into all the rows
    slots = tuple(_with_twins(slot, firsts, twins) for slot in judged)
    return Table(everything, slots)


SPECIFIC_TIME = re.compile(r"\d{4}-\d\d(?:-\d\d)?$")


def telling_value(ef: EventFact) -> str | None:
    """A value specific enough that two reports stating it alike tell one fact, whatever their keys say: a figure of
    two or more significant digits ("943,000", "5.7%", "59"; never "two" or "100"), a day or a month, a located place
    with its directions; None for anything else (and for a hedged value)."""
    if ef.fact.hedged:
        return None
    kind = ef.fact.kind
    if kind == COUNT and ef.quantity is not None:
        q = ef.quantity
        digits = f"{abs(q.value):.6g}".split("e")[0].replace(".", "").strip("0")
        return f"{q.value:g}|{q.unit or ''}" if len(digits) >= 2 else None
    if kind == TIME and ef.time is not None and ef.time.value and SPECIFIC_TIME.match(ef.time.value):
        return ef.time.value
    if kind == PLACE and ef.location is not None and ef.location.place:
        return f"{ef.location.place}|{''.join(sorted(ef.location.directions))}"
    return None


def _alike_keys(a: SlotKey, b: SlotKey, value: str) -> bool:
    """Keys that may hold one value told alike: one kind, and for a figure one measure or an unknown one (a bare
    "9.3 million" and "9.3 million positions"), or any measure for a figure of a thousand or more ("870,000 jobs" /
    "economists expected 870,000"); for a time, two that each date a happening, a moment never with a length."""
    if a.kind != b.kind or a.unit != b.unit:
        return False
    if a.kind == COUNT:
        large = abs(float(value.split("|")[0])) >= 1000
        return a.measure == b.measure or not a.measure or not b.measure or large
    if a.kind == TIME and not (_dates_something(a) and _dates_something(b)):
        return False  # a dateline or a time stamp ("14 / 09 / 2013") dates no happening
    return a.measure == b.measure


def _dates_something(key: SlotKey) -> bool:
    return bool(key.happening) and key.happening != "said"


def corroborate_alike(rows: Sequence[Row], slots: Sequence[Slot]) -> list[Slot]:
    """A slot of one report joins a slot of other reports that states the same telling value (``telling_value``)
    under a key that may hold it: the value is corroborated, whatever verb or frame each report put it under
    ("943,000 jobs were added" / "payrolls rose by 943,000"). It only ever adds agreement: a slot joined keeps its
    status (a dispute stays a dispute, a slot of one report becomes corroborated), and no value is compared with
    anything it was not compared with before."""
    out = list(slots)
    values_of = [{v for i in s.members if (v := telling_value(rows[i].fact))} for s in out]
    reports_of = [{rows[i].fact.report_rank for i in s.members} for s in out]
    where: dict[str, list[int]] = defaultdict(list)
    for k, values in enumerate(values_of):
        for v in values:
            where[v].append(k)
    merged: set[int] = set()
    for k, slot in enumerate(out):
        if not (len(reports_of[k]) == 1 or slot.loose) or k in merged or not values_of[k]:
            continue
        hosts = [
            j
            for v in sorted(values_of[k])
            for j in where[v]
            if j != k
            and j not in merged
            and not reports_of[j] & reports_of[k]
            and not (slot.loose and out[j].loose)
            and _alike_keys(slot.key, out[j].key, v)
        ]
        if not hosts:
            continue
        j = max(hosts, key=lambda j: (out[j].key == slot.key, len(reports_of[j]), -j))
        host = out[j]
        status = "corroborated" if host.status == "unique" else host.status
        out[j] = replace(host, members=tuple(sorted((*host.members, *slot.members))), status=status)
        reports_of[j] |= reports_of[k]
        values_of[j] |= values_of[k]
        merged.add(k)
    return [s for k, s in enumerate(out) if k not in merged]


def row_twins(rows: Sequence[Row]) -> tuple[list[int], dict[int, list[int]]]:
    """The rows to weigh and, for each (by its position among them), its twins: the same words at the same place of
    the same sentence in other reports (a wire story printed by many outlets). Twins give one value, told alike, so
    weighing one of them is enough: the cost grows with the distinct sentences, not with the copies."""
    firsts: list[int] = []
    seen: dict[tuple[object, ...], int] = {}
    twins: dict[int, list[int]] = {}
    for i, row in enumerate(rows):
        f = row.fact.fact
        key = (row.fact.sentence_text, f.start - f.clause[0], f.end - f.clause[0], f.kind, row.frame)
        k = seen.get(key)
        if k is not None and rows[firsts[k]].fact.report_rank != row.fact.report_rank:
            twins.setdefault(k, []).append(i)
            continue
        seen.setdefault(key, len(firsts))
        firsts.append(i)
    return firsts, twins


def _with_twins(slot: Slot, firsts: Sequence[int], twins: Mapping[int, Sequence[int]]) -> Slot:
    """A slot judged on the rows weighed, in indices of every row, with the twins of its rows (a report a twin
    belongs to and the slot's disputed rows do not show yet gets its value shown too)."""
    members = sorted(firsts[i] for i in slot.members) + [t for i in slot.members for t in twins.get(i, ())]
    disputing = [firsts[i] for i in slot.disputing]
    if disputing:
        disputing += [t for i in slot.disputing for t in twins.get(i, ())]
    return replace(
        slot,
        members=tuple(sorted(members)),
        disputing=tuple(sorted(disputing)),
        updates=tuple(sorted(firsts[i] for i in slot.updates)),
    )


def main_slots(table: Table) -> list[Slot]:
    return [s for s in table.slots if s.frame == MAIN and not s.loose]
