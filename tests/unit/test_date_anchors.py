"""Which day an undated report's weekdays are anchored on: the day the story is about, never a date of history told in
passing; the event's own dates when the report has none of its own; else the reference day."""

from __future__ import annotations

from datetime import date

from rashomon.dates import OPENING_CHARS, find_times, resolve_event_times
from rashomon.records import TimeExpr

TODAY = date(2026, 11, 22)  # a Sunday
# a paragraph with no date in it, long enough to push what follows out of a report's opening
FILLER = "\n\nWitnesses described the scene at length to the reporters gathered there. " * 5


def event_times(texts: dict[str, str], *, today: date | None = None) -> dict[str, dict[str, str | None]]:
    found = {rid: find_times(rid, text, today=TODAY) for rid, text in texts.items()}
    resolved = resolve_event_times(found, dict.fromkeys(texts), today=today)
    return {rid: {t.text: t.value for t in ts} for rid, ts in resolved.items()}


def test_the_filler_pushes_later_dates_out_of_the_opening() -> None:
    assert len(FILLER) > OPENING_CHARS


def test_a_history_date_years_before_a_later_year_of_the_report_does_not_anchor_its_weekdays() -> None:
    text = "Jets struck the depot on Friday." + FILLER + "The base, opened on Oct. 10, 2002, was expanded in 2019."

    assert event_times({"a": text})["a"]["Friday"] is None  # nothing else to go by
    assert event_times({"a": text}, today=TODAY)["a"]["Friday"] == "2026-11-20"  # the reference day, looking back


def test_a_history_date_of_a_report_gives_way_to_the_events_own_date() -> None:
    times = event_times(
        {
            "a": "The strike on Friday (July 7) killed him.",
            "b": "Jets struck again on Sunday, officials said." + FILLER + "The group was founded on Oct. 10, 2002.",
        }
    )

    assert times["b"]["Sunday"] == "2023-07-09"  # two days after Friday, July 7, 2023; not October 2002


def test_a_dateline_anchors_its_report_even_beside_a_later_date_the_report_announces() -> None:
    text = (
        "Wednesday , 04 April 2012 10 : 30\nThe studio met the director on Monday ."
        + FILLER
        + "The sequel opens on November 22 , 2013 ."
    )

    times = event_times({"a": text})["a"]

    assert times["Wednesday , 04 April 2012"] == "2012-04-04"
    assert times["Monday"] == "2012-04-02"


def test_with_no_anchor_weekdays_look_back_from_the_reference_day_and_day_words_stay_open() -> None:
    times = event_times({"a": "Jets flew on Friday. The convoy left yesterday."}, today=TODAY)["a"]

    assert times == {"Friday": "2026-11-20", "yesterday": None}


def test_a_year_after_the_reference_day_is_a_plan_not_a_sign_of_history() -> None:
    text = "The raid on 9 July 2023 ended. Jets had flown on Thursday." + FILLER + "The plan runs until 2030."

    assert event_times({"a": text}, today=TODAY)["a"]["Thursday"] == "2023-07-06"


def test_weekday_with_month_day_takes_the_year_of_the_events_written_dates() -> None:
    # January 5 fell on a Wednesday in 2011 and again in 2022, the latest such year before the reference day
    times = event_times(
        {
            "a": "Jan 5 , 2011 : the talks began in Cairo .",
            "b": "Earlier in the day on Wednesday, January 5 the delegates arrived.",
        }
    )

    assert times["b"] == {"Earlier in the day": "2011-01-05", "Wednesday, January 5": "2011-01-05"}


def test_weekday_with_month_day_keeps_the_latest_year_before_the_reference_day_when_nothing_else_is_dated() -> None:
    times = event_times({"b": "The delegates arrived on Wednesday, January 5."})

    assert times["b"] == {"Wednesday, January 5": "2022-01-05"}


def test_commas_set_apart_from_the_words_still_make_full_dates() -> None:
    def values(text: str) -> list[tuple[str, str | None]]:
        return [(t.text, t.value) for t in find_times("a", text)]

    assert values("a November 22 , 2013 release date") == [("November 22 , 2013", "2013-11-22")]
    assert values("Jan 05 , 2011 , Cairo") == [("Jan 05 , 2011", "2011-01-05")]


def only_weekday(times: tuple[TimeExpr, ...]) -> TimeExpr:
    (t,) = [t for t in times if t.kind == "weekday"]
    return t
