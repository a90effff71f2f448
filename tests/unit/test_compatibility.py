"""When two values of one fact can both be true: figures as ranges, times at their granularity, places by
containment and direction (pure functions, no model)."""

from __future__ import annotations

import pytest

from rashomon.event.align.compatibility import (
    count_range,
    counts_conflict,
    time_of_day,
    times_conflict,
    times_of_day_conflict,
)


def figure(value: float, written: str, qualifier: str | None = None):  # type: ignore[no-untyped-def]
    return count_range(value, written, qualifier)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ((400, "400", "more than"), (450, "450", "about")),
        ((300, "300", "nearly"), (297, "297", None)),
        ((24, "dozens", None), (37, "37", None)),
        ((1.37e12, "$1.37 trillion", None), (1.4e12, "$1.4 trillion", None)),
        ((12, "12", "at least"), (15, "15", None)),
        ((1400, "1,400", None), (1390, "1,390", None)),
        ((350e9, "$350 billion", None), (349e9, "$349 billion", None)),
    ],
)
def test_figures_that_overlap_once_qualified_or_rounded_agree(a: tuple, b: tuple) -> None:
    assert not counts_conflict(figure(*a), figure(*b))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ((13, "13", None), (15, "15", None)),
        ((50, "50", None), (49, "49", None)),
        ((6.9e6, "6.9 million", None), (6.8e6, "6.8 million", None)),
        ((80e6, "$80 million", "nearly"), (82e6, "$82 million", None)),
        ((12, "a dozen", "about"), (17, "17", "at least")),
        ((20, "20", None), (25, "25", None)),
    ],
)
def test_figures_that_cannot_both_be_right_conflict(a: tuple, b: tuple) -> None:
    assert counts_conflict(figure(*a), figure(*b))


def test_a_friday_and_the_seventh_of_july_of_that_week_agree() -> None:
    assert not times_conflict(None, "2023-07-07", {"weekday": 4}, {})
    assert times_conflict(None, "2023-07-07", {"weekday": 3}, {})


def test_two_weekdays_two_years_and_two_days_of_one_month_conflict() -> None:
    assert times_conflict(None, None, {"weekday": 1}, {"weekday": 2})
    assert times_conflict("2004", "2005")
    assert times_conflict(None, None, {"month": 11, "day": 19}, {"month": 11, "day": 18})


def test_a_day_inside_the_month_or_year_the_other_gives_agrees() -> None:
    assert not times_conflict("2013-02", "2013-02-22")
    assert not times_conflict("2008", "2008-02-24")
    assert not times_conflict(None, None, {"day": 18}, {"month": 11, "day": 19})  # the 18th of which month?


def test_times_of_day_compare_clock_times_and_parts_of_the_day() -> None:
    def conflict(a: dict[str, int], b: dict[str, int], approx: bool = False) -> bool:
        ra, rb = time_of_day(a, approx), time_of_day(b, approx)
        assert ra is not None and rb is not None
        return times_of_day_conflict(ra, rb)

    afternoon, evening, night = {"part": 1}, {"part": 2}, {"part": 3}
    assert conflict(afternoon, night)
    assert not conflict(evening, night)
    assert conflict({"hour": 1, "minute": 30}, {"hour": 1, "minute": 0})
    assert not conflict({"hour": 19, "minute": 0}, {"hour": 19, "minute": 10}, approx=True)
    assert conflict({"hour": 1, "minute": 0}, {"hour": 1, "minute": 30}, approx=True)  # about 1:00 / about 1:30
    assert not conflict({"hour": 1, "minute": 30}, night)  # the small hours belong to the night before
    assert conflict({"hour": 15, "minute": 0}, night)
