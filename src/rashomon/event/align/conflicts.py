"""Typed conflicts inside a group of facts: figures, times, places that cannot all be true, and a happening one
report asserts and another denies.

A pair of facts conflicts only when both come from different reports, both are asserted (not hedged), they are
alike enough to be one fact (``AlignSettings.conflict``) and their values are incompatible
(``compatibility``). A figure given as an update ("rose to 15") does not conflict with an earlier one. The same fact
counted twice in one report never conflicts with itself. Each conflict lists every report's value with whom the
report credits it, and says why in words a reader can check.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from itertools import combinations

from rashomon.config import DEFAULT_ALIGN, AlignSettings
from rashomon.event.align.compatibility import (
    Range,
    count_range,
    counts_conflict,
    describe_range,
    places_conflict,
    time_of_day,
    times_conflict,
    times_of_day_conflict,
)
from rashomon.event.align.facts import EventFact
from rashomon.event.align.lexicon import TO_BASE, counted_class, event_type
from rashomon.records import Conflict, ConflictKind, ConflictValue, Quantity, TimeExpr

TIME_WORDS = frozenset(
    """january february march april may june july august september october november december monday tuesday
    wednesday thursday friday saturday sunday day days week month year time hour minute morning afternoon evening
    night date""".split()
)
LIGHT = frozenset({"be", "have", "do", "say", "tell", "accord", "update", "post", "last"})
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _spec(f: EventFact) -> dict[str, int]:
    """The fields a time's words give, with the weekday its name says."""
    spec = dict(f.time.spec_dict()) if f.time is not None else {}
    word = f.fact.text.lower().split()[0] if f.fact.text else ""
    if "weekday" not in spec and word in WEEKDAYS:
        spec["weekday"] = WEEKDAYS.index(word)
    return spec


COUNT_HAPPENINGS = {"dead": "kill", "injured": "injure"}  # "49 dead" counts a killing whatever its verb
COUNT_LIGHT = frozenset({"leave", "bring", "put", "reach", "stand", "total", "number", "include", "rise", "climb"})


def _kind_of_happening(q: Quantity) -> str:
    """What a count counts the victims of: its counted word when that says it ("dead"), else its verb's kind."""
    counted = counted_class(q.counted)
    if counted in COUNT_HAPPENINGS:
        return COUNT_HAPPENINGS[counted]
    return event_type(q.predicate or "") or ""  # only a known kind of happening tells two counts apart


def values_differ(a: EventFact, b: EventFact, settings: AlignSettings) -> bool:
    """The two values, taken alone, cannot both be true (whatever they are about): figures whose ranges do not
    meet, two days, two places that cannot be one."""
    kind = a.fact.kind
    if kind != b.fact.kind:
        return False
    if kind == "count" and a.quantity is not None and b.quantity is not None:
        qa, qb = a.quantity, b.quantity
        if qa.unit != qb.unit:
            return False
        ra = _scaled(count_range(qa.value, qa.text, a.fact.qualifier, settings), qa.counted)
        rb = _scaled(count_range(qb.value, qb.text, b.fact.qualifier, settings), qb.counted)
        return counts_conflict(ra, rb)
    if kind == "time" and a.time is not None and b.time is not None:
        return times_conflict(a.time.value, b.time.value, _spec(a), _spec(b))
    if kind == "place" and a.location is not None and b.location is not None:
        return places_conflict(a.location, b.location)
    return False


def _scaled(r: Range, counted: str | None) -> Range:
    """A length or weight in metres or kilograms, so that "150 metres" and "200ft" compare."""
    factor = TO_BASE.get(counted or "", 1.0)
    return Range(r.low * factor, r.high * factor)


def _widened(r: Range, share: float) -> Range:
    return Range(r.low * (1 - share), r.high * (1 + share))


def _about(f: EventFact) -> set[str]:
    """What a figure is about: its counted thing, the word it goes with and its verb, with their kinds."""
    words: set[str] = set()
    if f.quantity is not None and f.quantity.counted:
        words.add(counted_class(f.quantity.counted))
    if f.quantity is not None and f.quantity.unit == "score":
        words.add("score")  # a score or a record is what it is: a result
    for word in (f.fact.topic, f.quantity.predicate if f.quantity is not None else None):
        if word and word not in LIGHT and word not in COUNT_LIGHT:
            words.add(word)
            words.add(event_type(word) or word)
    return words


def _happening(f: EventFact) -> set[str]:
    """What a time or figure is attached to: its predicate, the word it goes with, their kinds of happening. Empty
    for a dateline or a timestamp ("Last updated 20:09, 28 November")."""
    p = f.fact.predicate
    words = (p, event_type(p), f.fact.topic, event_type(f.fact.topic))
    return {x for x in words if x and x not in LIGHT and x not in TIME_WORDS}


def _count_pair(a: EventFact, b: EventFact, settings: AlignSettings) -> str | None:
    qa, qb = a.quantity, b.quantity
    if qa is None or qb is None or qa.unit != qb.unit:
        return None
    ca, cb = counted_class(qa.counted), counted_class(qb.counted)
    if ca and cb and ca != cb:
        return None
    if not _about(a) & _about(b):
        return None  # two figures are compared only when both say what they count, and it is the same
    if ca == "age" and not (a.participants & b.participants):
        return None  # the ages of two people
    ha, hb = _kind_of_happening(qa), _kind_of_happening(qb)
    if ha and hb and ha != hb:
        return None  # "three people were shot" and "one person died" count different things
    if a.fact.update != b.fact.update:
        return None
    if "difference" in (a.fact.qualifier, b.fact.qualifier):
        return None  # "13 short of a majority" is a gap, not a count
    what = ca or cb or next(iter(sorted(_about(a) & _about(b))), "the figure")
    return count_values_conflict(a, b, settings, what)


def count_values_conflict(a: EventFact, b: EventFact, settings: AlignSettings, what: str = "") -> str | None:
    """Why two figures cannot both be right, whatever they are about (their ranges, units converted), or None."""
    qa, qb = a.quantity, b.quantity
    if qa is None or qb is None:
        return None
    ra = _scaled(count_range(qa.value, qa.text, a.fact.qualifier, settings), qa.counted)
    rb = _scaled(count_range(qb.value, qb.text, b.fact.qualifier, settings), qb.counted)
    if TO_BASE.get(qa.counted or "", 1.0) != TO_BASE.get(qb.counted or "", 1.0):
        # one figure converted from the other's unit is rounded ("60 metres (200 feet)")
        ra, rb = _widened(ra, settings.relative_tolerance), _widened(rb, settings.relative_tolerance)
    if not counts_conflict(ra, rb):
        return None
    about = f" ({what})" if what else ""
    return f"{a.fact.text!r} allows {describe_range(ra)}, {b.fact.text!r} allows {describe_range(rb)}{about}"


RELATIVE_KINDS = frozenset({"relative", "day-relative", "same-day"})
APPROXIMATE = re.compile(r"^(?:about|around|approximately|roughly|shortly|just)\b", re.IGNORECASE)


DURATION_QUALIFIER = re.compile(
    r"^(?P<q>almost|nearly|about|around|some|more\s+than|over|less\s+than|at\s+least|just\s+over|just\s+under)\b",
    re.IGNORECASE,
)
SECONDS = {"Y": 365.25 * 86400, "W": 7 * 86400, "D": 86400, "H": 3600, "S": 1}


def duration_seconds(value: str) -> float | None:
    """An ISO 8601 duration of one unit in seconds ("P2.5Y", "PT30S"; "P3M" months, "PT3M" minutes)."""
    m = re.fullmatch(r"P(T?)(\d+(?:\.\d+)?)([YMWDHS])", value)
    if m is None:
        return None
    amount, unit = float(m.group(2)), m.group(3)
    if unit == "M":
        return amount * (60 if m.group(1) else 30.44 * 86400)
    return amount * SECONDS[unit]


def _length(f: EventFact, settings: AlignSettings) -> Range | None:
    """How long a duration lasts ("just over 10 seconds"), or how far back an "ago" reaches, as a range of seconds."""
    t = f.time
    if t is None:
        return None
    seconds = duration_seconds(t.value) if t.value and t.value.startswith("P") else None
    offset = t.spec_dict().get("day_offset")
    if seconds is None and offset is not None and abs(offset) >= 7 and "ago" in f.fact.text.lower():
        seconds = abs(offset) * 86400.0
    if seconds is None:
        return None
    q = DURATION_QUALIFIER.match(f.fact.text)
    qualifier = re.sub(r"\s+", " ", q.group("q").lower()) if q else None
    number = re.search(r"\d+(?:\.\d+)?", f.fact.text)
    written = number.group() if number else f.fact.text
    return count_range(seconds, written, qualifier, settings)


def _side(text: str) -> str:
    """ "after" or "before" when a clock time is given as a bound ("shortly after 2 a.m.")."""
    m = re.match(r"^(?:shortly|just|soon)?\s*(after|before)\b", text, re.IGNORECASE)
    return m.group(1).lower() if m else ""


def _grain(t: TimeExpr) -> str:
    return "year" if t.value and len(t.value) == 4 and t.value.isdigit() else ""


def _same_predicate(a: EventFact, b: EventFact) -> bool:
    return bool(a.fact.predicate) and a.fact.predicate == b.fact.predicate


def _lengths(a: EventFact, b: EventFact, settings: AlignSettings) -> str | None:
    """None when the two are not both lengths of time; else why they conflict, or "" when they agree."""
    la, lb = _length(a, settings), _length(b, settings)
    if la is None or lb is None:
        return None
    if not counts_conflict(la, lb):
        return ""
    return f"{a.fact.text!r} and {b.fact.text!r} are different lengths of time for what both tell"


def _time_pair(a: EventFact, b: EventFact, settings: AlignSettings = DEFAULT_ALIGN) -> str | None:
    """Two times of one happening that cannot both be right: different days (or years, months), or times of day that
    do not meet ("Sunday afternoon" / "Sunday night"; "1:30 a.m." / "1 a.m."). Weekdays named in reports with no
    date are compared by name, never by the week a guess puts them in."""
    if not _happening(a) or not _happening(b):
        return None  # a date tied to no happening (a dateline, a timestamp) says nothing to dispute
    ta, tb = a.time, b.time
    both_years = ta is not None and tb is not None and _grain(ta) == "year" and _grain(tb) == "year"
    if both_years and not _same_predicate(a, b):
        return None  # two years of a report's background (an award in 1998, a hurricane in 2005)
    return time_values_conflict(a, b, settings)


def _trusted(f: EventFact) -> str | None:
    """A time's value when its words give it, or its own report's date resolved it; None for a guess or a value
    inferred from another report's anchor (its words are compared instead)."""
    t = f.time
    if t is None or not t.value or t.guessed:
        return None
    return t.value if t.explicit or (f.dated and t.kind not in ("weekday",)) else None


def time_values_conflict(a: EventFact, b: EventFact, settings: AlignSettings = DEFAULT_ALIGN) -> str | None:
    """Why two times of one happening cannot both be right (whatever the happening), or None."""
    ta, tb = a.time, b.time
    if ta is None or tb is None:
        return None
    lengths = _lengths(a, b, settings)
    if lengths is not None:
        return lengths or None
    if (ta.kind in RELATIVE_KINDS and not a.dated) or (tb.kind in RELATIVE_KINDS and not b.dated):
        return None  # "this year", "yesterday" in a report with no date: resolved by a guess, not compared
    sa, sb = _spec(a), _spec(b)
    # a value the words give is compared; one inferred from an anchor (a weekday, a month-day with no year) is not:
    # its words are ("Thursday" and "Dec. 11" may be one day whatever year a guess gives the 11th)
    va, vb = _trusted(a), _trusted(b)
    if (va and va.startswith("P")) or (vb and vb.startswith("P")):
        return None  # durations are lengths, not moments
    shown_a = f"{a.fact.text!r}" + (f" ({va})" if va else "")
    shown_b = f"{b.fact.text!r}" + (f" ({vb})" if vb else "")
    if times_conflict(va, vb, sa, sb):
        return f"{shown_a} and {shown_b} are different days for what both tell"
    da = time_of_day(sa, APPROXIMATE.match(a.fact.text) is not None, _side(a.fact.text))
    db = time_of_day(sb, APPROXIMATE.match(b.fact.text) is not None, _side(b.fact.text))
    if da is not None and db is not None and times_of_day_conflict(da, db):
        return f"{shown_a} and {shown_b} are different times of day for what both tell"
    return None


def _place_pair(a: EventFact, b: EventFact) -> str | None:
    if a.location is None or b.location is None or not places_conflict(a.location, b.location):
        return None
    if a.location.place == b.location.place:
        return f"{a.location.text!r} and {b.location.text!r} are different parts of one place"
    return f"{a.location.text!r} and {b.location.text!r} are different places, neither inside the other"


# verbs of thinking, wanting and the like: "we don't think" and "I think" are opinions, not a disputed fact
OPINION_VERBS = frozenset(
    """think believe know feel want wish hope like love need seem see look mean expect come go get let make take
    have be do say tell play try keep""".split()
)


def _event_pair(a: EventFact, b: EventFact) -> str | None:
    if a.fact.predicate != b.fact.predicate or a.fact.negated == b.fact.negated:
        return None
    if a.fact.predicate in OPINION_VERBS or not (a.participants & b.participants):
        return None
    yes = b if a.fact.negated else a
    return f"one report asserts {yes.fact.text!r}, another denies it"


def pair_conflict(a: EventFact, b: EventFact, settings: AlignSettings) -> tuple[ConflictKind, str] | None:
    """The kind of conflict between two facts of one group, and why; None when they can both be true."""
    if a.fact.hedged or b.fact.hedged:
        return None
    kind = a.fact.kind
    if kind == "count":
        why = _count_pair(a, b, settings)
        return ("quantity", why) if why else None
    if kind == "time":
        why = _time_pair(a, b, settings)
        return ("time", why) if why else None
    if kind == "place":
        why = _place_pair(a, b)
        return ("location", why) if why else None
    if kind == "event" and settings.negation_conflicts:
        why = _event_pair(a, b)
        return ("other", why) if why else None
    return None


SCALE_WORDS = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def readable_number(value: float) -> str:
    """A figure as a reader writes it: "12", "6.1", "1.2 trillion" (not "1200000000000")."""
    for size, word in SCALE_WORDS:
        if abs(value) >= size:
            return f"{value / size:.6g} {word}"
    return f"{value:g}" if value != int(value) else f"{int(value)}"


def conflict_value(f: EventFact, text: str) -> ConflictValue:
    """A fact as a conflict value: its span (a place with its direction word), a normalised value, its credit."""
    start, end = f.fact.start, f.fact.end
    value = f.fact.text
    if f.location is not None:
        start, end, value = f.location.start, f.location.end, f.location.text
    elif f.time is not None and f.time.value:
        value = f.time.value
    elif f.quantity is not None:
        q = f.quantity
        number = readable_number(q.value)
        counted = "people" if q.counted == "other" else q.counted  # "wounding 40 others"
        value = " ".join(x for x in (f.fact.qualifier, number, q.unit, counted) if x)
    elif f.fact.kind == "event":
        value = ("denies " if f.fact.negated else "asserts ") + f.fact.predicate
    return ConflictValue(f.fact.report, start, end, text[start:end], value, f.attribution)


def find_conflicts(
    group: Sequence[EventFact],
    probability: Callable[[int, int], float],
    texts: Mapping[str, str],
    settings: AlignSettings,
) -> tuple[Conflict, ...]:
    """The conflicts of one group; ``probability(i, j)`` is how likely facts i and j (event indices) are one fact."""
    if len({f.fact.report for f in group}) < 2:
        return ()
    found: dict[ConflictKind, list[str]] = {}
    for a, b in combinations(group, 2):
        needed = settings.negation if a.fact.kind == "event" else settings.conflict
        if a.fact.report == b.fact.report or probability(a.index, b.index) < needed:
            continue
        hit = pair_conflict(a, b, settings)
        if hit is not None:
            found.setdefault(hit[0], []).append(hit[1])
    return tuple(
        Conflict(kind, tuple(conflict_value(f, texts[f.fact.report]) for f in group), "; ".join(dict.fromkeys(why)))
        for kind, why in found.items()
    )
