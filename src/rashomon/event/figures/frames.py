"""Main event or background: which happening a value belongs to, in time.

A value belongs to a **background** frame when its own clause dates it away from the event ("in December 2003, a
quake killed 26,000"), when the happening it belongs to is marked as another one ("an earlier quake injured 40", "a
separate attack", "previously", "the 2004 tsunami" told of an event of another year), or, for a time, when the time
itself lies far from the event (a conviction in 2005 told in a report of 2013). It belongs to an **aggregate** frame
when it is a running total ("so far this year", "overall"). Everything else is the **main** frame. Values are
compared only inside one frame: the toll of an earlier disaster is never set against the toll of this one, and never
enters the event record.

The event's own time (``EventWindow``) comes from the days the reports give for what happened, else from their
publication dates, else from the year most of their written dates name; a time guessed against today (a weekday
in a report with no date) never moves a value out of the main frame.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from rashomon import lexicon
from rashomon.event.align.compatibility import interval_of
from rashomon.event.align.facts import EventFact
from rashomon.measured import YEAR_WORD
from rashomon.records import TimeExpr

MAIN, BACKGROUND, AGGREGATE = "main", "background", "aggregate"
NEAR_DAYS = 30  # a time within this many days of the event's belongs to it
AGE_DAYS = 365  # an age told of a day less than a year from the event's is the person's age at the event
FAR_DAYS = 60  # a time this far from the event's is another happening's, even when it dates the value itself
AGGREGATE_TIME = re.compile(r"\bso\s+far\b|\bto\s+date\b|\byear[- ]to[- ]date\b", re.I)


@dataclass(frozen=True, slots=True)
class EventWindow:
    """The event's time as day ordinals (inclusive); ``None`` bounds when unknown. ``year`` when only it is known."""

    first: int | None
    last: int | None
    year: int | None = None
    month: int | None = None  # the event's month, when one is known (to place "in February" with no year)

    @property
    def known(self) -> bool:
        return self.first is not None or self.year is not None

    def distance(self, span: tuple[int, int]) -> int | None:
        """Days between a time's interval and the event's (0 when they meet); None when the event's is unknown."""
        if self.first is not None and self.last is not None:
            if span[1] < self.first:
                return self.first - span[1]
            if span[0] > self.last:
                return span[0] - self.last
            return 0
        if self.year is not None:
            lo, hi = date(self.year, 1, 1).toordinal(), date(self.year, 12, 31).toordinal()
            return 0 if span[1] >= lo and span[0] <= hi else min(abs(lo - span[1]), abs(span[0] - hi))
        return None


def _ordinals(value: str | None) -> tuple[int, int] | None:
    return interval_of(value) if value and not value.startswith("P") else None


def event_window(
    day: str | None, published: Sequence[str | None], times: Mapping[str, Sequence[TimeExpr]]
) -> EventWindow:
    """The event's time: its day when the reports give one, else their publication dates, else the year their
    written dates name most."""
    span = _ordinals(day)
    if span is not None and span[1] - span[0] <= 31:
        return EventWindow(span[0], span[1], None, _month_of(span))
    days = sorted(o for p in published if p and (o := _ordinals(p[:10])) is not None)
    if days:
        first, last = days[0][0] - 3, days[-1][1]
        return EventWindow(first, last, None, _month_of((first, last)))
    written = [
        t.value
        for ts in times.values()
        for t in ts
        if t.value and t.explicit and not t.guessed and re.match(r"\d{4}", t.value) and not t.value.startswith("P")
    ]
    if written:
        year = Counter(int(v[:4]) for v in written).most_common(1)[0][0]
        months = Counter(int(v[5:7]) for v in written if len(v) >= 7 and v[:4] == str(year) and v[4] == "-")
        month = months.most_common(1)[0][0] if months else None
        return EventWindow(None, None, year, month)
    return EventWindow(None, None)


def _period(t: TimeExpr) -> bool:
    """A month, a year or a span of time rather than a day: a value dated by it that misses the event's day
    belongs to another period."""
    value = t.value or ""
    return t.kind in ("month", "year", "interval") or (len(value) in (4, 7) and value[:4].isdigit())


def _month_of(span: tuple[int, int]) -> int | None:
    a, b = date.fromordinal(span[0]), date.fromordinal(span[1])
    return a.month if (a.year, a.month) == (b.year, b.month) else None


def _months_apart(a: int, b: int) -> int:
    gap = abs(a - b) % 12
    return min(gap, 12 - gap)


def _cues() -> dict[str, str]:
    return lexicon.column("frame-cues")


def _reliable(t: TimeExpr, dated: bool) -> bool:
    """A time whose value the words give, or resolved against a publication date (not a guess against today)."""
    if t.guessed or not t.value:
        return False
    return t.explicit or dated


def _other_year(word: str, window: EventWindow) -> bool:
    """A year attached to the happening ("the 2004 tsunami") that the event's time does not reach."""
    if not YEAR_WORD.fullmatch(word):
        return False
    year = int(word)
    d = window.distance((date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()))
    return d is not None and d > 0


def clause_dates(ef: EventFact, times_at: Mapping[tuple[str, int], TimeExpr]) -> tuple[tuple[int, int, int], ...]:
    """What the other times of a value's clause say of when its happening was: (first day, last day, month) each,
    the days as ordinals where the words or a publication date give them (else 0, 0) and the month where the words
    name one (else 0): "a 6.7 quake killed 26,000 in Bam in December 2003" is of December 2003."""
    out = []
    for start in ef.fact.near_times:
        t = times_at.get((ef.fact.report, start))
        if t is None:
            continue
        span = _ordinals(t.value) if _reliable(t, ef.dated) else None
        month = t.spec_dict().get("month") if not t.text[:1].isdigit() else None
        if span is not None or month:
            first, last = span if span is not None else (0, 0)
            out.append((first, last, int(month or 0)))
    return tuple(out)


def dated_apart(a: Sequence[tuple[int, int, int]], b: Sequence[tuple[int, int, int]]) -> bool:
    """Two values whose clauses date them to times a month or more apart (``clause_dates``): of two happenings ("in
    December 2003" / "in February"), never one slot; a day or two apart is one happening whose day the reports
    may dispute. A clause's days are read as one stretch, from its first to its last ("between May 2014 and November
    2015"); where either clause gives no day, the months it names, two or more apart."""
    if not a or not b:
        return False
    days_a, days_b = [(f, la) for f, la, _ in a if f], [(f, lb) for f, lb, _ in b if f]
    if days_a and days_b:
        first_a, last_a = min(f for f, _ in days_a), max(la for _, la in days_a)
        first_b, last_b = min(f for f, _ in days_b), max(lb for _, lb in days_b)
        return max(first_b - last_a, first_a - last_b) > APART_DAYS
    months_a, months_b = {m for *_, m in a if m}, {m for *_, m in b if m}
    return bool(months_a) and bool(months_b) and all(_months_apart(x, y) > 1 for x in months_a for y in months_b)


APART_DAYS = 31  # clauses dated further apart than this tell of two happenings; nearer, of one happening's day


def frame_of(
    ef: EventFact, window: EventWindow, times_at: Mapping[tuple[str, int], TimeExpr], own_kind: bool = False
) -> str:
    """The frame of one value (see the module docstring): "main", "background" or "aggregate". ``own_kind``: the
    value tells of a happening of the event's own kind, and its own day, however far from the window, does not
    make it background (a report that dates the event a year off disputes the others' day)."""
    cues = _cues()
    marks = {cues[w] for w in ef.fact.frame_words if w in cues}
    if AGGREGATE in marks:
        return AGGREGATE
    near = [t for start in ef.fact.near_times if (t := times_at.get((ef.fact.report, start))) is not None]
    if any(AGGREGATE_TIME.search(t.text) for t in near):
        return AGGREGATE
    if BACKGROUND in marks:
        return BACKGROUND
    if not window.known:
        return MAIN
    if any(_other_year(w, window) for w in ef.fact.frame_words):
        return BACKGROUND  # "a 2007 quake there killed 519", told of a quake of 2024
    age = ef.quantity is not None and ef.quantity.counted == "age"
    for t in near:
        span = _ordinals(t.value) if _reliable(t, ef.dated) else None
        d = window.distance(span) if span is not None else None
        if age:
            if d is not None and d > AGE_DAYS:
                return BACKGROUND  # "Gotti died in 2002 at age 61", told of 2005
            continue  # "Okafor, 58, was convicted in June": his age now, told of October
        if d is not None and (d > NEAR_DAYS or (d > 0 and _period(t))):
            return BACKGROUND  # "in December 2003"; "during the month of June" told of a strike on July 7
        month = t.spec_dict().get("month")
        if span is None and month and window.month and month != window.month and _period(t):
            return BACKGROUND  # "in February", in a story of November
    if ef.time is not None and _reliable(ef.time, ef.dated) and not own_kind:
        span = _ordinals(ef.time.value)
        if span is not None and (d := window.distance(span)) is not None and d > FAR_DAYS:
            return BACKGROUND
    return MAIN
