"""When two values of one fact can both be true: figures as ranges, times at their granularity, places by containment.

Pure functions over plain values; each answers with an explanation a reader can check, or None when the values agree.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

from rashomon.config import DEFAULT_ALIGN, AlignSettings
from rashomon.places import Location, locations_conflict

INF = math.inf
# vague amounts written as words: the range a reader takes them to mean
VAGUE_WORDS: dict[str, tuple[float, float]] = {
    "dozens": (24, 99),
    "scores": (40, 199),
    "hundreds": (200, 999),
    "thousands": (2_000, 99_999),
    "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999),
    "millions": (2e6, 999e6),
    "several": (3, 9),
    "a few": (2, 5),
    "a handful": (2, 6),
}
AT_LEAST = frozenset({"at least", "no fewer than", "no less than"})
MORE_THAN = frozenset({"more than", "over", "upwards of", "in excess of", "above"})
JUST_OVER = frozenset({"just over", "slightly more than", "a little over", "just above"})
OPEN_END = 1.5  # "more than 400" is read as up to 600 (and at least 3 more): "more than 100,000" is not 200,000
JUST = 1.15  # "just over 10" is read as up to 11.5
NEARLY = frozenset({"nearly", "almost", "close to", "just under"})
ABOUT = frozenset({"about", "around", "approximately", "roughly", "some", "an estimated", "estimated"})
AT_MOST = frozenset({"up to", "as many as", "at most"})
LESS_THAN = frozenset({"fewer than", "less than", "under", "below"})


@dataclass(frozen=True, slots=True)
class Range:
    low: float
    high: float

    def meets(self, other: Range) -> bool:
        """The ranges share more than a boundary (two rounded figures that only touch, 6.8 and 6.9 million, differ);
        an exact figure on the other's boundary counts."""
        overlap = min(self.high, other.high) - max(self.low, other.low)
        if overlap > 0:
            return True
        return overlap == 0 and (self.low == self.high or other.low == other.high)


ROUNDED_INTEGER_TOLERANCE = 0.025  # "1,400" may stand for 1,390; "50" is fifty


def significant_step(written: str) -> float | None:
    """Half a unit of the last significant digit of the first number as written, where the writing shows rounding:
    decimals ("1.4" -> 0.05) and a scale word ("6.9 million"); an integer of 1,000 or more ending in two zeros or
    more ("15,300" -> 50). Other integers are exact (0.0). None when no digits are written."""
    m = re.search(r"\d[\d,]*(?:\.\d+)?", written)
    if m is None:
        return None
    digits = m.group().replace(",", "")
    if "." in digits:
        return 0.5 * 10 ** -len(digits.split(".")[1])
    scaled = re.search(r"\b(?:thousand|million|billion|trillion|mln|bn)\b", written, re.IGNORECASE) is not None
    stripped = digits.rstrip("0")
    trailing = len(digits) - len(stripped) if stripped else 0
    if scaled:
        return 0.5 * 10**trailing
    if trailing >= 2 and int(digits) >= 1000:
        return 0.5 * 10**trailing
    return 0.0


def _scale(written: str, value: float) -> float:
    """The factor between the digits as written and the value ("1.4 trillion" -> 1e12)."""
    m = re.search(r"\d[\d,]*(?:\.\d+)?", written)
    if m is None:
        return 1.0
    shown = float(m.group().replace(",", ""))
    return value / shown if shown else 1.0


def count_range(value: float, written: str, qualifier: str | None, settings: AlignSettings = DEFAULT_ALIGN) -> Range:
    """The figures a report's words allow: rounding of the last digit (capped at the relative tolerance), vague
    words, and the qualifier ("at least", "nearly", "about", "up to", ...)."""
    lowered = written.lower().strip()
    for word, (lo, hi) in VAGUE_WORDS.items():
        if lowered.startswith(word):
            return Range(lo, hi)
    step = significant_step(written)
    if step is None:
        half = 0.0
    else:
        scaled = _scale(written, value) != 1.0
        cap = settings.relative_tolerance if scaled or "." in written else ROUNDED_INTEGER_TOLERANCE
        half = min(step * _scale(written, value), cap * abs(value))
    if "+" in written and qualifier is None:
        qualifier = "at least"
    low, high = value - half, value + half
    if qualifier in AT_LEAST or qualifier in MORE_THAN:
        return Range(low, max(high * OPEN_END, high + 3))
    if qualifier in JUST_OVER:
        return Range(low, max(high * JUST, high + 1))
    if qualifier in NEARLY:
        return Range(value * settings.near_low, value)
    if qualifier in ABOUT:
        return Range(value * settings.vague_low, value * settings.vague_high)
    if qualifier in AT_MOST or qualifier in LESS_THAN:
        return Range(0.0, high)
    return Range(low, high)


def counts_conflict(a: Range, b: Range) -> bool:
    return not a.meets(b)


def describe_range(r: Range) -> str:
    """A range as a reader would say it ("400 to 600", "12")."""

    def num(x: float) -> str:
        return f"{x:,.0f}" if abs(x) >= 100 or x == int(x) else f"{x:,.3g}"

    if r.high == INF:
        return f"{num(r.low)} or more"
    if r.low == r.high:
        return num(r.low)
    return f"{num(r.low)} to {num(r.high)}"


# ---- times ---------------------------------------------------------------------------------------------------------

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_MONTH = re.compile(r"\d{4}-\d{2}\Z")
_YEAR = re.compile(r"\d{4}\Z")


def _interval(value: str) -> tuple[str, str] | None:
    """The first and last day a value covers, as ISO days; None for a duration or an unknown form."""
    if "/" in value:
        a, b = value.split("/", 1)
        ia, ib = _interval(a), _interval(b)
        return (ia[0], ib[1]) if ia and ib else None
    if _DAY.match(value):
        return value, value
    if _MONTH.match(value):
        y, m = int(value[:4]), int(value[5:7])
        last = (date(y + (m == 12), m % 12 + 1, 1).toordinal() - 1) if 1 <= m <= 12 else None
        return (f"{value}-01", date.fromordinal(last).isoformat()) if last else None
    if _YEAR.match(value):
        return f"{value}-01-01", f"{value}-12-31"
    return None


def time_fields(value: str | None, spec: dict[str, int]) -> dict[str, int]:
    """What a time says, field by field: year, month, day, weekday (from its resolved value, else its words)."""
    out: dict[str, int] = {}
    if value and "/" not in value and not value.startswith("P"):
        parts = value.split("-")
        try:
            if len(parts) >= 1 and len(parts[0]) == 4:
                out["year"] = int(parts[0])
            if len(parts) >= 2:
                out["month"] = int(parts[1])
            if len(parts) >= 3:
                out["day"] = int(parts[2])
                out["weekday"] = date(out["year"], out["month"], out["day"]).weekday()
        except ValueError:
            return {}
    for key in ("year", "month", "day", "weekday"):
        if key in spec and key not in out:
            out[key] = spec[key]
    return out


def times_conflict(
    a: str | None, b: str | None, spec_a: dict[str, int] | None = None, spec_b: dict[str, int] | None = None
) -> bool:
    """Two times for one happening that cannot both be right: resolved spans that do not meet (a day against another
    day, a year against another year; a day inside the month the other gives agrees), or, where either is not
    resolved, a field both give (year, month, day of the month, weekday) that differs."""
    if a and b and not a.startswith("P") and not b.startswith("P"):
        ia, ib = _interval(a), _interval(b)
        if ia is not None and ib is not None:
            return ia[1] < ib[0] or ib[1] < ia[0]
    fa, fb = time_fields(a, spec_a or {}), time_fields(b, spec_b or {})
    shared = fa.keys() & fb.keys()
    if "day" in shared and not {"month"} <= shared:
        shared.discard("day")  # the 18th of which month?
    return any(fa[k] != fb[k] for k in shared)


# hours a part of the day covers (past 24: the small hours of the next day)
PART_HOURS: dict[int, tuple[float, float]] = {
    0: (1.0, 12.0),  # morning ("early Sunday morning" may be 2 a.m.)
    1: (12.0, 18.0),  # afternoon
    2: (17.0, 22.0),  # evening
    3: (19.0, 29.0),  # night
    4: (21.0, 31.0),  # overnight
}
APPROXIMATE_MINUTES = 15  # "about 7 p.m." allows 6:45 to 7:15


AFTER_MINUTES = 45  # "shortly after 2 a.m." allows 2:00 to 2:45


def time_of_day(spec: dict[str, int], approximate: bool = False, side: str = "") -> tuple[float, float] | None:
    """The minutes of the day a time allows: a clock time (a margin when it is approximate; "after" and "before"
    open it on one side) or a part of the day."""
    if "hour" in spec:
        at = spec["hour"] * 60 + spec.get("minute", 0)
        if side == "after":
            return at, at + AFTER_MINUTES
        if side == "before":
            return at - AFTER_MINUTES, at
        margin = APPROXIMATE_MINUTES if approximate else 0
        return at - margin, at + margin
    if "part" in spec and spec["part"] in PART_HOURS:
        lo, hi = PART_HOURS[spec["part"]]
        return lo * 60, hi * 60
    return None


def times_of_day_conflict(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Two stretches of the day that do not meet, the small hours counted on either side of midnight."""
    day = 24 * 60

    def meet(shift: int) -> bool:
        overlap = min(a[1] + shift, b[1]) - max(a[0] + shift, b[0])
        # ranges that only touch (about 1:00 / about 1:30) differ; a clock time on a part's edge belongs to it
        return overlap > 0 or (overlap == 0 and (a[0] == a[1] or b[0] == b[1]))

    return not any(meet(shift) for shift in (-day, 0, day))


# ---- places --------------------------------------------------------------------------------------------------------


def places_conflict(a: Location, b: Location) -> bool:
    """Same place with opposite directions, two countries, two cities, a city outside the country the other gives.
    A place and a refinement of it ("Syria" / "eastern Syria") agree."""
    return locations_conflict(a, b)


def interval_of(value: str) -> tuple[int, int] | None:
    """The first and last day a time value covers, as day ordinals (for vectorised comparisons)."""
    span = _interval(value)
    if span is None:
        return None
    try:
        return date.fromisoformat(span[0]).toordinal(), date.fromisoformat(span[1]).toordinal()
    except ValueError:
        return None
