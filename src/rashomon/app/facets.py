"""What an events list filters on, read off a comparison document: its date, places, actors and conflicts.

The event record (``doc["event"]``) is preferred where it has a value: its resolved date, its location's name,
region and country, its actors' names. Without one, places are the GPE and LOC entities, actors the PERSON and
ORG entities, and the date the day the most time expressions resolve to. Documents from before the event record,
or partial ones, are read without error: every key may be missing or null.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

PLACE_TYPES = frozenset({"GPE", "LOC"})
ACTOR_TYPES = frozenset({"PERSON", "ORG"})
MAX_NAMES = 12  # names kept per facet: a list shows a few, a filter matches these

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_YEAR = re.compile(r"\d{4}")


@dataclass(frozen=True, slots=True)
class Facets:
    date: str | None  # ISO 8601: a day, a month, a year or an interval "a/b"
    places: tuple[str, ...]
    actors: tuple[str, ...]
    conflicts: int  # claims whose status is "conflicting"

    @property
    def has_conflicts(self) -> bool:
        return self.conflicts > 0


def facets_of(doc: Mapping[str, Any]) -> Facets:
    """The facets of one comparison document (see the module's docstring)."""
    record = _mapping(doc.get("event"))
    entities = [e for e in _list(doc.get("entities")) if isinstance(e, Mapping)]
    places = _record_places(record) or _entity_names(entities, PLACE_TYPES)
    actors = _record_actors(record) or _entity_names(entities, ACTOR_TYPES)
    day = _text(_mapping(record.get("date")).get("resolved")) or _common_day(_list(doc.get("times")))
    conflicts = sum(1 for c in _list(doc.get("claims")) if isinstance(c, Mapping) and c.get("status") == "conflicting")
    return Facets(day, places[:MAX_NAMES], actors[:MAX_NAMES], conflicts)


def _record_places(record: Mapping[str, Any]) -> tuple[str, ...]:
    """The resolved place (name, region, country), then every place a source gives (a disputed place is found by
    each of its values). A region given as a gazetteer code ("84") is not a name."""
    location = _mapping(record.get("location"))
    resolved = _mapping(location.get("resolved"))
    names = [_text(resolved.get(key)) for key in ("name", "region", "country")]
    names += [_text(_mapping(v).get("value")) for v in _list(location.get("values"))]
    return _unique(n for n in names if n and any(ch.isalpha() for ch in n))


def _record_actors(record: Mapping[str, Any]) -> tuple[str, ...]:
    return _unique(_text(_mapping(a).get("name")) for a in _list(record.get("actors")))


def _entity_names(entities: Sequence[Mapping[str, Any]], types: frozenset[str]) -> tuple[str, ...]:
    """Names of entities of these types, the most mentioned first."""
    chosen = [e for e in entities if e.get("type") in types]
    chosen.sort(key=lambda e: -len(_list(e.get("mentions"))))
    return _unique(_text(e.get("name")) for e in chosen)


def _common_day(times: Sequence[Any]) -> str | None:
    """The day most time expressions resolve to (the earliest of equals), or None."""
    days = Counter(v for t in times if (v := _text(_mapping(t).get("value"))) and _DAY.fullmatch(v))
    if not days:
        return None
    return min(days, key=lambda d: (-days[d], d))


def date_bounds(value: str | None) -> tuple[str, str] | None:
    """The first and last day an ISO 8601 date covers ("2023-07" -> July 1 to 31; "a/b" -> a's first to b's last),
    or None when it is not a date."""
    if not value:
        return None
    if "/" in value:
        first, _, last = value.partition("/")
        low, high = date_bounds(first), date_bounds(last)
        return (low[0], high[1]) if low and high and low[0] <= high[1] else None
    if _DAY.fullmatch(value[:10]):
        return value[:10], value[:10]
    if match := _MONTH.fullmatch(value):
        year, month = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12:
            return None
        return f"{value}-01", f"{value}-{calendar.monthrange(year, month)[1]:02d}"
    if _YEAR.fullmatch(value):
        return f"{value}-01-01", f"{value}-12-31"
    return None


def _unique(names: Iterable[str | None]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for name in names:
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return tuple(seen.values())


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
