"""Time expressions: find them in text, resolve them to ISO 8601 values.

Two steps, both pure:

- ``find_times(report_id, text, reference)`` tags expressions and resolves what the words and the publication date
  settle ("Friday (July 7)", "9 July 2023", "Monday" in a dated report).
- ``resolve_event_times(times_by_report, published, today=)`` is the per-event step: a report with no publication date
  has its remaining expressions resolved against the day it is about: an explicit date of its own (its dateline or
  lede first, never a date of history told in passing), else the event's (another report's), else the reference day.

Resolution rules (named so the output can be explained):
- weekday with a publication date: the latest such weekday on or before it (news reports look back);
- weekday against an anchor date taken from the text: the nearest such weekday (the anchor is a day the story is
  about, and a report is written within days of it, before or after);
- weekday with neither a publication date nor an anchor, when a reference day is given: the latest such weekday on or
  before the reference day;
- weekday plus month-day with no year: the latest year not after the reference day in which that day is that weekday;
- month-day with no year: the anchor's year, unless that puts it more than half a year after the anchor;
- a month: the anchor's year, unless that month is after the anchor's month (then the year before);
- durations become ISO durations ("almost two hours" -> "PT2H").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta

from rashomon.quantities import NUMBER_WORDS as COUNT_WORDS
from rashomon.records import TimeExpr

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# parts of the day, as codes in a time's spec ("part"); their hours are in event.align.compatibility
PARTS_OF_DAY = ("morning", "afternoon", "evening", "night", "overnight")
CLOCK_QUALIFIERS = r"about|around|approximately|roughly|shortly\s+(?:after|before)|just\s+(?:after|before)"
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
# how many of a unit a duration counts ("a few hours" and "several days" are durations of unknown length)
NUMBER_WORDS = {"a": 1, "an": 1, "several": 0, "few": 0} | {
    w: n for w, n in COUNT_WORDS.items() if n < 100 and w not in ("dozens", "dozen")
}
DURATION_UNITS = {"second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M", "year": "Y"}

_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MON = (
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|"
    r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?:\s?\.)?)"  # "Nov.", and "Nov ." set token by token
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_NUM = r"(?P<num>\d+(?:\.\d+)?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
_UNIT = r"(?P<unit>second|minute|hour|day|week|month|year)s?"

CASE_SENSITIVE = frozenset({"weekday-md", "md", "dm", "month-year", "month", "weekday"})
# Order matters: longer, more specific patterns first; a later match may not overlap an earlier one. A comma may stand
# apart from the words ("November 22 , 2013"), as in text set token by token (wire archives, ECB+).
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    # month and weekday names are capitalised in English: "march 5" and "may 3" are verbs before numbers
    (kind, re.compile(p, 0 if kind in CASE_SENSITIVE else re.IGNORECASE))
    for kind, p in (
        ("iso", r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<day>[0-3]\d)\b"),
        (
            "weekday-md",
            _WD
            + r"\s?,?\s*\(?\s*(?:"
            + _MON
            + r"\s+"
            + _DAY
            + r"|"
            + _DAY.replace("day>", "day2>")
            + r"\s+"
            + _MON.replace("mon>", "mon2>")
            + r")(?:\s*\))?(?:\s?,?\s+"
            + _YEAR
            + r")?",
        ),
        ("md", r"\b" + _MON + r"\s+" + _DAY + r"\b(?:\s?,?\s+" + _YEAR + r")?"),
        ("dm", r"\b" + _DAY + r"\s+" + _MON + r"\b(?:\s?,?\s+" + _YEAR + r")?"),
        ("month-year", r"\b" + _MON + r"\s?,?\s+" + _YEAR + r"\b"),
        ("ago", r"\b" + _NUM + r"\s+" + _UNIT + r"\s+ago\b"),
        (
            "numeric-date",
            r"\b(?P<a>[0-3]?\d)\s?/\s?(?P<b>[01]?\d)\s?/\s?(?P<year>(?:19|20)\d\d)\b",
        ),
        (
            "clock",
            r"\b(?:(?P<q>" + CLOCK_QUALIFIERS + r")\s+)?(?P<h>[01]?\d)(?:\s?[:.]\s?(?P<mi>[0-5]\d))?\s?"
            r"(?P<ap>[ap])\s?\.?\s?m\b(?:\s?\.)?",
        ),
        (
            "clock24",
            r"\b(?:(?P<q>" + CLOCK_QUALIFIERS + r")\s+)?(?P<h>[01]?\d|2[0-3])\s?:\s?(?P<mi>[0-5]\d)\b"
            r"(?:\s?(?:hours|hrs|GMT|UTC))?",
        ),
        (
            "part-of-day",
            r"\b(?:(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+)?"
            r"(?:(?:early|late|mid)[-\s](?:in\s+the\s+)?)?(?P<part>morning|afternoon|evening|night|overnight)\b",
        ),
        ("day-word", r"\b(?P<w>today|yesterday|tomorrow|tonight)\b"),
        ("this-unit", r"\b(?:(?P<early>earlier|later)\s+)?(?P<rel>this|last|next|past)\s+(?P<unit>week|month|year)\b"),
        ("same-day", r"\b(?:(?:earlier|later)\s+(?:in\s+)?(?:the|that)\s+day|the\s+same\s+day|that\s+day)\b"),
        (
            "duration",
            r"\b(?:(?:almost|nearly|about|around|some|more\s+than|over|less\s+than|at\s+least|just\s+over|"
            r"just\s+under)\s+)?"
            + _NUM
            + r"(?:(?:\s|-)(?P<frac>[1-9]/[1-9]\d?))?"  # "2 1/2 years", "2-1/2 year"
            + r"(?:-|\s+)"
            + _UNIT
            + r"\b(?!\s?-\s?old\b|-old\b|\s+old\b)",  # "a 36-year-old" is an age, not a length of time
        ),
        (
            "month",
            r"\b(?:the\s+month\s+of\s+)?(?P<mon>January|February|March|April|June|July|August|September|"
            r"October|November|December)\b",
        ),
        ("weekday", r"\b" + _WD + r"\b"),
        (
            "year",
            r"(?:(?<=\bin )|(?<=\bsince )|(?<=\bof )|(?<=\buntil )|(?<=\bby )|(?<=\bfrom )|(?<=\bin early )|"
            r"(?<=\bin late ))" + _YEAR + r"\b",
        ),
    )
)


def parse_iso_day(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def month_number(word: str) -> int:
    w = word.lower().rstrip(".")
    if w in MONTHS:
        return MONTHS.index(w) + 1
    return MONTH_ABBR[w[:4] if w.startswith("sept") else w[:3]]


def number_value(word: str) -> float:
    w = word.lower()
    return float(NUMBER_WORDS[w]) if w in NUMBER_WORDS else float(w)


def latest_year_with_weekday(month: int, day: int, weekday: int, reference: date) -> int | None:
    """The latest year not after the reference day in which month-day falls on the weekday (Monday=0)."""
    for year in range(reference.year, reference.year - 60, -1):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if d <= reference and d.weekday() == weekday:
            return year
    return None


def weekday_on_or_before(weekday: int, reference: date) -> date:
    return reference - timedelta(days=(reference.weekday() - weekday) % 7)


def weekday_nearest(weekday: int, anchor: date) -> date:
    back = (anchor.weekday() - weekday) % 7
    return anchor - timedelta(days=back) if back <= 3 else anchor + timedelta(days=7 - back)


def year_for_month_day(month: int, day: int, anchor: date) -> int:
    try:
        candidate = date(anchor.year, month, day)
    except ValueError:
        return anchor.year
    return anchor.year - 1 if (candidate - anchor).days > 183 else anchor.year


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def iso_duration(amount: float, unit: str) -> str:
    n = int(amount) if amount == int(amount) else amount
    code = DURATION_UNITS[unit]
    return f"PT{n}{code}" if unit in ("second", "minute", "hour") else f"P{n}{code}"


def _spec(**items: int) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(items.items()))


def _classify(kind: str, m: re.Match[str], reference: date | None) -> tuple[str, str | None, dict[str, int], bool]:
    """(kind, value, spec, explicit) for one match. ``reference`` is the publication date or None."""
    g = m.groupdict()
    if kind == "iso":
        d = _safe_date(int(g["year"]), int(g["m"]), int(g["day"]))
        return "date", d.isoformat() if d else None, {}, d is not None
    if kind == "weekday-md":
        wd = WEEKDAYS.index(g["wd"].lower())
        mon = month_number(g["mon"] or g["mon2"])
        day = int(g["day"] or g["day2"])
        if g.get("year"):
            d = _safe_date(int(g["year"]), mon, day)
            return "date", d.isoformat() if d else None, {}, d is not None
        spec = {"weekday": wd, "month": mon, "day": day}
        return "date", None, spec, True
    if kind in ("md", "dm"):
        mon, day = month_number(g["mon"]), int(g["day"])
        if not 1 <= day <= 31:
            return "date", None, {}, False
        if g.get("year"):
            d = _safe_date(int(g["year"]), mon, day)
            return "date", d.isoformat() if d else None, {}, d is not None
        return "date", None, {"month": mon, "day": day}, False
    if kind == "month-year":
        return "month", f"{int(g['year']):04d}-{month_number(g['mon']):02d}", {}, True
    if kind == "month":
        return "month", None, {"month": month_number(g["mon"])}, False
    if kind == "year":
        return "year", g["year"], {}, True
    if kind == "weekday":
        return "weekday", None, {"weekday": WEEKDAYS.index(g["wd"].lower())}, False
    if kind == "ago":
        amount = number_value(g["num"])
        unit = g["unit"].lower()
        if unit in ("day", "week") and amount:
            return "day-relative", None, {"day_offset": -int(amount * (7 if unit == "week" else 1))}, False
        return "relative", None, {}, False
    if kind == "numeric-date":
        a, b = int(g["a"]), int(g["b"])
        if a > 12 and 1 <= b <= 12:  # 14/09/2013: day first
            d = _safe_date(int(g["year"]), b, a)
        elif b > 12 and 1 <= a <= 12:  # 09/14/2013: month first
            d = _safe_date(int(g["year"]), a, b)
        else:
            return "date", None, {}, False  # 04/05/2013: which is the month is not written
        return "date", d.isoformat() if d else None, {}, d is not None
    if kind in ("clock", "clock24"):
        hour, minute = int(g["h"]), int(g["mi"] or 0)
        if kind == "clock":
            if not 1 <= hour <= 12:
                return "clock", None, {}, False
            hour = hour % 12 + (12 if g["ap"].lower() == "p" else 0)
        return "clock", None, {"hour": hour, "minute": minute}, False
    if kind == "part-of-day":
        spec = {"part": PARTS_OF_DAY.index(g["part"].lower())}
        if g.get("wd"):
            spec["weekday"] = WEEKDAYS.index(g["wd"].lower())
            return "weekday", None, spec, False
        return "part-of-day", None, spec, False
    if kind == "day-word":
        offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[g["w"].lower()]
        return "day-relative", None, {"day_offset": offset}, False
    if kind == "this-unit":
        unit = g["unit"].lower()
        shift = {"this": 0, "last": -1, "past": -1, "next": 1}[g["rel"].lower()]
        if g.get("early") and g["rel"].lower() == "this":
            shift = 0
        return "relative", None, {f"{unit}_offset": shift}, False
    if kind == "same-day":
        return "same-day", None, {}, False
    if kind == "duration":
        amount = number_value(g["num"])
        if g.get("frac"):
            top, bottom = g["frac"].split("/")
            amount += int(top) / int(bottom)
        if not amount:
            return "duration", None, {}, False
        return "duration", iso_duration(amount, g["unit"].lower()), {}, True
    raise ValueError(f"unknown time pattern {kind}")


def resolve_value(kind: str, spec: Mapping[str, int], reference: date, *, mode: str) -> str | None:
    """Resolve a spec against a reference day. ``mode`` is "published" (look back from the day the report was
    written), "anchor" (the nearest to a day the story is about) or "reference" (look back from the reference day, the
    day the report is read as if written; what needs the day it was written, "yesterday", stays unresolved)."""
    if "weekday" in spec and "month" in spec:
        year = latest_year_with_weekday(spec["month"], spec["day"], spec["weekday"], reference)
        return f"{year:04d}-{spec['month']:02d}-{spec['day']:02d}" if year else None
    if "weekday" in spec:
        pick = weekday_nearest if mode == "anchor" else weekday_on_or_before
        return pick(spec["weekday"], reference).isoformat()
    if "month" in spec and "day" in spec:
        year = year_for_month_day(spec["month"], spec["day"], reference)
        day = _safe_date(year, spec["month"], spec["day"])
        return day.isoformat() if day else None
    if "month" in spec:
        year = reference.year if spec["month"] <= reference.month else reference.year - 1
        return f"{year:04d}-{spec['month']:02d}"
    if "day_offset" in spec:
        if mode != "published":
            return None  # "yesterday" needs the day the report was written, not a day the story is about
        return (reference + timedelta(days=spec["day_offset"])).isoformat()
    if "year_offset" in spec:
        return f"{reference.year + spec['year_offset']:04d}"
    if "month_offset" in spec and mode == "published":
        m = reference.year * 12 + reference.month - 1 + spec["month_offset"]
        return f"{m // 12:04d}-{m % 12 + 1:02d}"
    if "week_offset" in spec and mode == "published":
        monday = reference - timedelta(days=reference.weekday()) + timedelta(weeks=spec["week_offset"])
        return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}"
    return None


def find_times(
    report_id: str, text: str, *, published: str | None = None, today: date | None = None
) -> tuple[TimeExpr, ...]:
    """Tag time expressions in a text and resolve what the text and its publication date settle."""
    # the spans taken so far never overlap one another, so sorted by start they are sorted by end too
    taken_starts: list[int] = []
    taken_ends: list[int] = []
    found: list[TimeExpr] = []
    reference = parse_iso_day(published)
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span()
            k = bisect_left(taken_starts, end) - 1  # the last span taken that starts before this one ends
            if k >= 0 and taken_ends[k] > start:
                continue
            tkind, value, spec, explicit = _classify(kind, m, reference)
            if kind == "weekday-md" and value is None and spec:
                value = resolve_value(tkind, spec, reference or today or date.today(), mode="published")
            at = bisect_right(taken_starts, start)
            taken_starts.insert(at, start)
            taken_ends.insert(at, end)
            found.append(TimeExpr(report_id, start, end, text[start:end], tkind, value, _spec(**spec), explicit))
    found.sort(key=lambda t: t.start)
    resolved = resolve_against(found, reference, mode="published") if reference else found
    return tuple(resolve_same_day(resolved))


def resolve_against(times: Sequence[TimeExpr], reference: date, *, mode: str) -> list[TimeExpr]:
    out = []
    for t in times:
        if t.value is None and t.spec:
            value = resolve_value(t.kind, t.spec_dict(), reference, mode=mode)
            t = replace(t, value=value, guessed=value is not None and mode == "reference")
        out.append(t)
    return out


def resolve_same_day(times: Sequence[TimeExpr], *, window: int = 400, lookahead: int = 12) -> list[TimeExpr]:
    """'the same day', 'earlier in the day': the day named right after it ("earlier in the day on Friday"), else the
    closest day-level expression before it (within ``window`` characters)."""
    out: list[TimeExpr] = []
    last_day: TimeExpr | None = None
    for k, t in enumerate(times):
        if t.kind == "same-day" and t.value is None:
            following = times[k + 1] if k + 1 < len(times) else None
            if following is not None and following.kind in DAY_KINDS and following.start - t.end <= lookahead:
                if following.value:  # else: left for the event step, which resolves the day after it first
                    t = replace(t, value=following.value, guessed=following.guessed)
            elif last_day is not None and t.start - last_day.end <= window:
                t = replace(t, value=last_day.value, guessed=last_day.guessed)
        out.append(t)
        if _is_day(t):
            last_day = t
    return out


DAY_KINDS = frozenset({"date", "weekday", "day-relative"})


def _is_day(t: TimeExpr) -> bool:
    return bool(t.value) and len(t.value or "") == 10 and t.kind in DAY_KINDS


# Choosing the day an undated report is about, to anchor its weekdays on (see resolve_event_times)
OPENING_CHARS = 300  # a date within a report's first characters is its dateline or its lede: the story's own day
BACKGROUND_GAP = timedelta(days=365)  # a date this long before a later one the report gives is history, not the story


def _explicit_days(times: Iterable[TimeExpr]) -> list[tuple[date, int]]:
    """(day, offset) of the explicit day-level dates: "9 July 2023", "2023-07-09", "Friday (July 7)"."""
    out = []
    for t in times:
        day = parse_iso_day(t.value) if t.explicit and t.value and len(t.value) == 10 else None
        if day is not None:
            out.append((day, t.start))
    return out


def latest_period_start(times: Iterable[TimeExpr], reference: date | None = None) -> date | None:
    """The first day of the latest year or month the times name explicitly ("in 2019" -> 2019-01-01, "March 2019" ->
    2019-03-01), leaving out any after the reference day (default: today), a plan or a deadline ("cuts by 2030")."""
    reference = reference or date.today()
    starts = []
    for t in times:
        if not (t.explicit and t.value) or t.kind not in ("year", "month"):
            continue
        try:
            start = date(int(t.value[:4]), int(t.value[5:7]) if t.kind == "month" else 1, 1)
        except ValueError:
            continue
        if start <= reference:
            starts.append(start)
    return max(starts, default=None)


def is_background(day: date, later: date | None) -> bool:
    """A date more than a year before a later year or month the same report names is history told in passing."""
    return later is not None and day < later - BACKGROUND_GAP


def anchor_day(times: Iterable[TimeExpr], reference: date | None = None) -> date | None:
    """The day a report is about, from its own explicit dates: the latest date of its opening (a dateline, the lede),
    else its most recent explicit date; None when that is background (years before a later year or month the report
    names, as "passed on Oct. 10, 2002" in a report that goes on to 2019)."""
    times = list(times)
    days = _explicit_days(times)
    if not days:
        return None
    opening = [d for d, start in days if start < OPENING_CHARS]
    day = max(opening) if opening else max(d for d, _ in days)
    return None if is_background(day, latest_period_start(times, reference)) else day


def resolve_event_times(
    times_by_report: Mapping[str, Sequence[TimeExpr]],
    published: Mapping[str, str | None],
    *,
    today: date | None = None,
) -> dict[str, tuple[TimeExpr, ...]]:
    """The per-event step: resolve an undated report's times against the day it is about. The cascade, first match:

    1. its own anchor (``anchor_day``), unless that is not from its opening and lies more than a year before the
       event's anchor (a history date told in passing, when the other reports show the event's own day);
    2. the event's anchor, the most recent of the reports' own anchors, unless that is background for this report;
    3. the reference day ``today``, looking back as from a publication date (day words such as "yesterday" stay
       unresolved: the day a report was written is not known);
    4. nothing: the expressions stay unresolved.
    """
    undated = {rid: list(ts) for rid, ts in times_by_report.items() if parse_iso_day(published.get(rid)) is None}
    undated = _with_years_of_the_event(undated, today)
    own = {rid: anchor_day(undated.get(rid, ts), today) for rid, ts in times_by_report.items()}
    event_anchor = max((d for d in own.values() if d), default=None)
    out: dict[str, tuple[TimeExpr, ...]] = {}
    for rid, ts in times_by_report.items():
        if rid not in undated:
            out[rid] = tuple(ts)
            continue
        ts = undated[rid]
        anchor, mode = _report_anchor(ts, own[rid], event_anchor, today), "anchor"
        if anchor is None and today is not None:
            anchor, mode = today, "reference"
        resolved = resolve_against(ts, anchor, mode=mode) if anchor else list(ts)
        out[rid] = tuple(resolve_same_day(resolved))
    return out


def _year_inferred(t: TimeExpr) -> bool:
    """A weekday with a month-day and no year ("Friday (July 7)"): its year came from the reference day."""
    spec = t.spec_dict()
    return "weekday" in spec and "month" in spec and "day" in spec


def _with_years_of_the_event(
    times_by_report: Mapping[str, list[TimeExpr]], today: date | None
) -> dict[str, list[TimeExpr]]:
    """Undated reports' "Friday (July 7)" take the year of the event's written datelines, when there are some: the
    latest year, not more than a year after the report's (else the event's) dateline, in which that day is that
    weekday ("Wednesday, January 5" is 2011-01-05 beside a report opening "Jan 5, 2011", not 2022-01-05, the latest
    such day before the reference day), when that year puts it within a year of the dateline. A dateline here is a
    date written with its year in a report's opening (a date further on may be history). Same-day phrases of a report
    so changed are resolved again afterwards."""
    written = {
        rid: anchor_day([t for t in ts if not _year_inferred(t) and t.start < OPENING_CHARS], today)
        for rid, ts in times_by_report.items()
    }
    event_written = max((d for d in written.values() if d), default=None)
    out: dict[str, list[TimeExpr]] = {}
    for rid, ts in times_by_report.items():
        anchor = written[rid] or event_written
        if anchor is None or not any(_year_inferred(t) for t in ts):
            out[rid] = ts
            continue
        limit = min(anchor + BACKGROUND_GAP, today or date.today())
        changed, again = False, []
        for t in ts:
            if _year_inferred(t):
                spec = t.spec_dict()
                year = latest_year_with_weekday(spec["month"], spec["day"], spec["weekday"], limit)
                day = _safe_date(year, spec["month"], spec["day"]) if year else None
                if day is not None and day >= anchor - BACKGROUND_GAP:  # else the dateline is about other days
                    changed |= day.isoformat() != t.value
                    t = replace(t, value=day.isoformat())
            again.append(t)
        if changed:  # "earlier in the day on Friday (July 7)" follows the day it names
            again = [replace(t, value=None) if t.kind == "same-day" else t for t in again]
        out[rid] = again
    return out


def _report_anchor(
    times: Sequence[TimeExpr], own: date | None, event_anchor: date | None, today: date | None
) -> date | None:
    if own is not None:
        from_opening = any(d == own and start < OPENING_CHARS for d, start in _explicit_days(times))
        if from_opening or not is_background(own, event_anchor):
            return own
    if event_anchor is not None and not is_background(event_anchor, latest_period_start(times, today)):
        return event_anchor
    return None
