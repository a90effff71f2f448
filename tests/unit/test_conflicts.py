"""Which facts of one group conflict, and how: typed tests on hand-built facts (no model)."""

from __future__ import annotations

from dataclasses import replace

from rashomon.config import DEFAULT_ALIGN
from rashomon.event.align.conflicts import find_conflicts, pair_conflict
from rashomon.event.align.facts import EventFact, is_source
from rashomon.places import Location
from rashomon.records import Fact, Quantity, TimeExpr


def fact(report: str, kind: str, text: str, **extra: object) -> Fact:
    fields: dict[str, object] = {
        "report": report,
        "kind": kind,
        "start": 0,
        "end": len(text),
        "text": text,
        "sentence": 0,
        "clause": (0, len(text)),
        "predicate": "kill",
        "role": "dobj",
        "head": text.lower(),
    }
    fields.update(extra)
    return Fact(**fields)  # type: ignore[arg-type]


def count(
    report: str, written: str, value: float, counted: str | None = "people", rank: int = 0, **extra: object
) -> EventFact:
    q = Quantity(report, 0, len(written), written, value, None, counted, "kill")
    return EventFact(
        rank, fact(report, "count", written, **extra), rank, None, frozenset(), q, None, None, None, written
    )


def time(
    report: str, written: str, value: str | None, spec: tuple = (), kind: str = "date", rank: int = 0, **extra: object
) -> EventFact:
    t = TimeExpr(report, 0, len(written), written, kind, value, spec)
    return EventFact(
        rank, fact(report, "time", written, **extra), rank, None, frozenset(), None, t, None, None, written
    )


def place(report: str, written: str, name: str, directions: frozenset[str], rank: int = 0) -> EventFact:
    loc = Location(0, len(written), written, "E1" if name == "Syria" else name, name, directions)
    return EventFact(rank, fact(report, "place", written), rank, "E1", frozenset(), None, None, loc, None, written)


def test_different_tolls_of_one_happening_conflict_with_an_explanation() -> None:
    hit = pair_conflict(count("a", "13", 13), count("b", "15", 15, rank=1), DEFAULT_ALIGN)
    assert hit is not None and hit[0] == "quantity"
    assert "13" in hit[1] and "15" in hit[1]


def test_an_update_a_hedge_or_a_gap_is_no_conflict() -> None:
    earlier = count("a", "13", 13)
    assert pair_conflict(earlier, count("b", "15", 15, rank=1, update=True), DEFAULT_ALIGN) is None
    assert pair_conflict(earlier, count("b", "15", 15, rank=1, hedged=True), DEFAULT_ALIGN) is None
    assert pair_conflict(earlier, count("b", "15", 15, rank=1, qualifier="difference"), DEFAULT_ALIGN) is None


def test_figures_of_different_things_are_not_compared() -> None:
    dead = count("a", "13", 13, counted="people")
    assert pair_conflict(dead, count("b", "15", 15, counted="vehicle", rank=1), DEFAULT_ALIGN) is None
    shot = count("b", "15", 15, counted="people", rank=1)
    shot = replace(shot, quantity=replace(shot.quantity, predicate="shoot"))
    assert pair_conflict(dead, shot, DEFAULT_ALIGN) is None  # 15 shot, 13 killed: two counts
    # a figure that says nothing of what it counts or what it goes with is compared with nothing
    bare = count("b", "15", 15, counted=None, rank=1)
    bare = replace(bare, fact=replace(bare.fact, topic=""), quantity=replace(bare.quantity, predicate=None))
    assert pair_conflict(dead, bare, DEFAULT_ALIGN) is None
    # "killing 15" and "13 people were killed" count the same victims
    killing = count("b", "15", 15, counted=None, rank=1)
    assert pair_conflict(dead, killing, DEFAULT_ALIGN) is not None


def test_lengths_compare_across_units() -> None:
    metres = count("a", "150", 150, counted="metre")
    feet = count("b", "200", 200, counted="ft", rank=1)
    assert pair_conflict(metres, feet, DEFAULT_ALIGN) is not None  # 150 m is about 490 ft
    assert pair_conflict(count("a", "60", 60, counted="metre"), feet, DEFAULT_ALIGN) is None


def test_the_same_fact_counted_twice_in_one_report_never_conflicts_with_itself() -> None:
    group = [count("a", "13", 13), count("a", "15", 15)]
    assert find_conflicts(group, lambda i, j: 1.0, {"a": "13 15"}, DEFAULT_ALIGN) == ()


def test_tuesday_and_wednesday_for_one_vote_conflict_but_a_dateline_says_nothing() -> None:
    tuesday = time("a", "Tuesday", None, (("weekday", 1),), kind="weekday", predicate="vote")
    wednesday = time("b", "Wednesday", None, (("weekday", 2),), kind="weekday", rank=1, predicate="vote")
    assert pair_conflict(tuesday, wednesday, DEFAULT_ALIGN) is not None
    dateline = time("b", "May 23 , 2005", "2005-05-23", rank=1, predicate="", topic="")
    assert pair_conflict(time("a", "May 24", "2005-05-24", predicate="fire"), dateline, DEFAULT_ALIGN) is None


def test_a_place_and_its_refinement_agree_opposite_directions_conflict() -> None:
    syria = place("a", "Syria", "Syria", frozenset())
    eastern = place("b", "eastern Syria", "Syria", frozenset({"E"}), rank=1)
    northwestern = place("c", "northwestern Syria", "Syria", frozenset({"N", "W"}), rank=2)
    assert pair_conflict(syria, eastern, DEFAULT_ALIGN) is None
    hit = pair_conflict(eastern, northwestern, DEFAULT_ALIGN)
    assert hit is not None and hit[0] == "location"


def test_two_named_places_dispute_only_as_towns_of_one_country_or_as_two_countries() -> None:
    def conflict(a: str, b: str) -> bool:
        one, other = place("a", a, a, frozenset()), place("b", b, b, frozenset(), rank=1)
        return pair_conflict(one, other, DEFAULT_ALIGN) is not None

    assert conflict("Kathmandu", "Birgañj")  # two Nepalese towns of two regions
    assert conflict("Iran", "Iraq")
    # the gazetteer knows "Surrey" only as a Canadian city and "Somerset" only as American towns: an English town
    # in either is no dispute; nor is a town of one country against another country
    assert not conflict("Surrey", "Banstead")
    assert not conflict("Wellington", "Somerset")
    assert not conflict("Fort Bragg", "Afghanistan")


def test_each_conflict_value_carries_whom_its_report_credits() -> None:
    a = replace(count("a", "13", 13), attribution="the health ministry")
    b = replace(count("b", "15", 15, rank=1), attribution="witnesses")
    (conflict,) = find_conflicts([a, b], lambda i, j: 1.0, {"a": "13", "b": "15"}, DEFAULT_ALIGN)
    assert {(v.report, v.attribution) for v in conflict.values} == {("a", "the health ministry"), ("b", "witnesses")}
    assert conflict.explanation


def test_only_phrases_that_can_speak_are_sources() -> None:
    assert is_source("a defence official") and is_source("CENTCOM") and is_source("local media")
    assert not is_source("no damage") and not is_source("targets")


def test_two_lengths_of_time_dispute_only_when_the_same_subject_does_the_same_thing() -> None:
    from rashomon.event.figures.evidence import needs_more
    from rashomon.event.figures.slots import SlotKey

    key = SlotKey("time", "duration", "sentence")
    waited = time("a", "more than three years", "P3Y", predicate="sentence", subject="man")
    given = time("b", "485 years", "P485Y", rank=1, predicate="sentence", subject="nichols")
    assert needs_more(key, waited, given)  # one sentence, two lengths of two things
    served = time("a", "15 years", "P15Y", predicate="serve", subject="ortiz")
    also = time("b", "12 years", "P12Y", rank=1, predicate="serve", subject="ortiz")
    assert not needs_more(key, served, also)


def test_a_month_of_the_background_without_its_year_needs_the_same_subject_and_verb() -> None:
    from rashomon.event.figures.evidence import needs_more
    from rashomon.event.figures.slots import SlotKey

    key = SlotKey("time", "when", "rise")
    august = time("a", "August", "2019-08", predicate="rise", subject="gain")
    september = time("b", "September", "2019-09", rank=1, predicate="rise", subject="rate")
    assert needs_more(key, august, september, "background")
    assert not needs_more(key, august, september, "main")  # the event's own month: the key says enough
    dated = time("a", "February 1979", "1979-02", predicate="imprison", subject="nichols")
    other = time("b", "February 1978", "1978-02", rank=1, predicate="imprison", subject="man")
    assert not needs_more(key, dated, other, "background")  # a month with its year is told on purpose


def _figure(text: str, written: str, value: float, unit: str | None, counted: str | None, index: int) -> EventFact:
    start = text.index(written)
    q = Quantity("a", start, start + len(written), written, value, unit, counted, "fall")
    f = replace(fact("a", "count", written), start=start, end=start + len(written))
    return EventFact(index, f, 0, None, frozenset(), q, None, None, None, text)


def test_a_figure_in_brackets_that_converts_the_one_before_is_the_same_figure() -> None:
    from rashomon.event.figures.table import conversions

    text = "He fell about 600 metres (2,000 feet) and was billed $2m (£1.5m) for 3 flights (12 hours) ."
    facts = [
        _figure(text, "600", 600, None, "metre", 0),
        _figure(text, "2,000", 2000, None, "feet", 1),
        _figure(text, "$2m", 2e6, "USD", None, 2),
        _figure(text, "£1.5m", 1.5e6, "GBP", None, 3),
        _figure(text, "3", 3, None, "flights", 4),
        _figure(text, "12", 12, None, "hours", 5),
    ]
    assert conversions(facts, {"a": text}) == {1, 3}  # feet of metres, pounds of dollars; never hours of flights


def test_a_figure_that_measures_a_happening_belongs_to_it_whatever_verb_is_above() -> None:
    from rashomon.event.figures.slots import happening_of

    rise = count("a", "12%", 12, counted=None, measured="increase", path=("mark", "arrest"))
    assert happening_of(rise) == happening_of(count("b", "13%", 13, counted=None, measured="increase", rank=1))
    assert happening_of(rise) != happening_of(count("c", "200,000", 2e5, measured="people", path=("arrest",)))


def test_a_disputed_sum_is_shown_in_words_a_reader_writes() -> None:
    from rashomon.event.align.conflicts import readable_number

    assert readable_number(1.2e12) == "1.2 trillion"
    assert readable_number(550e9) == "550 billion"
    assert readable_number(2_500_000) == "2.5 million"
    assert (readable_number(12), readable_number(6.1), readable_number(9000)) == ("12", "6.1", "9000")
