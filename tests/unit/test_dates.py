"""Time expressions: what the words settle, what a publication date settles, what another report's date settles."""

from __future__ import annotations

from datetime import date

import pytest

from rashomon.dates import (
    find_times,
    latest_year_with_weekday,
    resolve_event_times,
    weekday_nearest,
    weekday_on_or_before,
)
from rashomon.records import TimeExpr

TODAY = date(2026, 11, 22)


def only(times: tuple[TimeExpr, ...]) -> TimeExpr:
    assert len(times) == 1, times
    return times[0]


def by_text(times: tuple[TimeExpr, ...], text: str) -> TimeExpr:
    return next(t for t in times if t.text == text)


def values(times: tuple[TimeExpr, ...]) -> dict[str, str | None]:
    return {t.text: t.value for t in times}


# ---- what one report settles -------------------------------------------------------------------------------------


def test_weekday_with_month_day_and_no_year_takes_the_latest_matching_year_not_after_today() -> None:
    t = only(find_times("a", "The raid on Friday (July 7) ended.", today=TODAY))

    assert (t.text, t.value, t.explicit) == ("Friday (July 7)", "2023-07-07", True)


def test_weekday_with_month_day_looks_back_from_the_publication_date_rather_than_today() -> None:
    t = only(find_times("a", "The raid on Friday (July 7) ended.", published="2018-01-01", today=TODAY))

    assert t.value == "2017-07-07"


def test_weekday_day_month_order_is_read_too() -> None:
    t = only(find_times("a", "It ended on Friday (7 July) at dawn.", today=TODAY))

    assert t.value == "2023-07-07"


def test_latest_year_with_weekday_skips_years_after_the_reference_day() -> None:
    # July 7 is a Friday in 2023 and in 2028; on 2026-11-22 only 2023 has happened.
    assert latest_year_with_weekday(7, 7, 4, TODAY) == 2023
    assert latest_year_with_weekday(7, 7, 4, date(2028, 7, 7)) == 2028


def test_day_month_year_and_iso_dates_are_explicit_days() -> None:
    times = find_times("a", "Talks on 9 July 2023 followed the 2023-07-08 vote.")

    assert [(t.text, t.value, t.explicit) for t in times] == [
        ("9 July 2023", "2023-07-09", True),
        ("2023-07-08", "2023-07-08", True),
    ]


def test_weekday_in_a_dated_report_is_the_latest_such_weekday_on_or_before_the_publication_date() -> None:
    text = "Troops left on Monday and returned on Wednesday."

    times = find_times("a", text, published="2023-07-12T08:30:00")  # a Wednesday

    assert values(times) == {"Monday": "2023-07-10", "Wednesday": "2023-07-12"}
    assert all(not t.explicit for t in times)


def test_weekday_in_an_undated_report_stays_unresolved_until_an_anchor_is_found() -> None:
    t = only(find_times("a", "Troops left on Monday.", today=TODAY))

    assert (t.kind, t.value, t.spec_dict()) == ("weekday", None, {"weekday": 0})


def test_possessive_weekday_span_excludes_the_apostrophe_s() -> None:
    text = "Friday’s raid ended early."

    t = only(find_times("a", text))

    assert (t.text, t.start, t.end) == ("Friday", 0, 6)


def test_month_of_phrase_keeps_the_whole_phrase_and_resolves_in_a_dated_report() -> None:
    text = "Raids rose during the month of June."

    t = only(find_times("a", text, published="2023-07-10"))

    assert (t.text, t.kind, t.value) == ("the month of June", "month", "2023-06")


def test_a_month_after_the_publication_month_is_last_year() -> None:
    t = only(find_times("a", "Raids rose in December.", published="2023-07-10"))

    assert t.value == "2022-12"


def test_month_day_without_year_in_a_dated_report_takes_the_nearest_sensible_year() -> None:
    times = find_times("a", "Talks on July 6 and on December 30.", published="2024-01-02")

    assert values(times) == {"July 6": "2023-07-06", "December 30": "2023-12-30"}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a flight of almost two hours", "PT2H"),
        ("a two-hour flight", "PT2H"),
        ("after 90 minutes", "PT90M"),
        ("for 2.5 hours", "PT2.5H"),
        ("for three weeks", "P3W"),
        ("for two months", "P2M"),
    ],
)
def test_durations_become_iso_durations(text: str, value: str) -> None:
    t = only(find_times("a", text))

    assert (t.kind, t.value) == ("duration", value)


def test_vague_duration_has_no_value() -> None:
    assert only(find_times("a", "for several hours")).value is None


def test_relative_day_words_resolve_only_against_a_publication_date() -> None:
    text = "The convoy left yesterday."

    assert only(find_times("a", text)).value is None
    assert only(find_times("a", text, published="2023-07-12")).value == "2023-07-11"


def test_earlier_in_the_day_takes_the_day_named_right_after_it() -> None:
    times = find_times("a", "Earlier in the day on Friday (July 7) jets flew.", today=TODAY)

    assert values(times) == {"Earlier in the day": "2023-07-07", "Friday (July 7)": "2023-07-07"}


def test_same_day_falls_back_to_the_closest_day_before_it() -> None:
    times = find_times("a", "Talks began on 9 July 2023. Fighting resumed the same day.")

    assert by_text(times, "the same day").value == "2023-07-09"


def test_year_after_a_preposition_is_a_year() -> None:
    t = only(find_times("a", "The group has operated in Syria since 2014."))

    assert (t.kind, t.value) == ("year", "2014")


def test_weekday_helpers_look_back_or_to_the_nearest_day() -> None:
    friday = date(2023, 7, 7)

    assert weekday_on_or_before(0, friday) == date(2023, 7, 3)
    assert weekday_nearest(0, friday) == date(2023, 7, 10)  # three days ahead beats four back
    assert weekday_nearest(1, friday) == date(2023, 7, 4)  # three days back
    assert weekday_nearest(4, friday) == friday


def test_unbracketed_weekday_month_day_span_ends_at_the_last_word() -> None:
    t = only(find_times("a", "On Friday, 7 July the drones flew.", today=TODAY))

    assert t.text == "Friday, 7 July"


def test_lower_case_march_before_a_number_is_not_a_date() -> None:
    assert find_times("a", "Protesters will march 10 miles to the square.", published="2023-07-12") == ()


# ---- what the event settles --------------------------------------------------------------------------------------

REPORT_A = "The strike on Friday (July 7) killed him."
REPORT_B = "The strike on Friday killed him, officials said Monday. Jets flew on Wednesday and Thursday."


def event_times(
    texts: dict[str, str], published: dict[str, str | None] | None = None
) -> dict[str, tuple[TimeExpr, ...]]:
    published = published or dict.fromkeys(texts)
    found = {rid: find_times(rid, text, published=published[rid], today=TODAY) for rid, text in texts.items()}
    return resolve_event_times(found, published)


def test_undated_report_weekdays_anchor_on_another_reports_explicit_date() -> None:
    times = event_times({"a": REPORT_A, "b": REPORT_B})

    assert values(times["b"]) == {
        "Friday": "2023-07-07",
        "Monday": "2023-07-10",
        "Wednesday": "2023-07-05",
        "Thursday": "2023-07-06",
    }
    assert values(times["a"]) == {"Friday (July 7)": "2023-07-07"}


def test_undated_report_prefers_its_own_explicit_date_as_anchor() -> None:
    times = event_times(
        {
            "a": "Talks were held on 2 March 2024.",
            "b": "The raid on 9 July 2023 ended. Jets had flown on Thursday.",
        }
    )

    assert by_text(times["b"], "Thursday").value == "2023-07-06"


def test_month_day_without_year_takes_the_anchor_year() -> None:
    times = event_times({"a": REPORT_A, "b": "Jets flew on July 6 and again in the month of June."})

    assert values(times["b"]) == {"July 6": "2023-07-06", "the month of June": "2023-06"}


def test_same_day_phrase_in_an_undated_report_takes_the_anchored_day_after_it() -> None:
    times = event_times({"a": REPORT_A, "b": "Earlier in the day on Thursday, jets flew."})

    assert values(times["b"]) == {"Earlier in the day": "2023-07-06", "Thursday": "2023-07-06"}


def test_undated_event_with_no_explicit_date_anywhere_keeps_weekdays_unresolved() -> None:
    times = event_times({"a": "Jets flew on Friday.", "b": "They left on Monday."})

    assert [t.value for ts in times.values() for t in ts] == [None, None]


def test_day_words_are_not_anchored_on_a_story_day() -> None:
    times = event_times({"a": REPORT_A, "b": "The convoy left yesterday."})

    assert only(times["b"]).value is None


def test_dated_report_keeps_its_own_resolution() -> None:
    times = event_times({"a": REPORT_A, "b": "Jets flew on Thursday."}, {"a": None, "b": "2023-07-20"})

    assert only(times["b"]).value == "2023-07-20"


def test_same_day_phrase_follows_the_weekday_after_it_once_the_report_anchors_it() -> None:
    text = "The strike on Friday (July 7) killed him. Earlier in the day on Thursday, jets flew."

    times = event_times({"a": text})

    assert by_text(times["a"], "Earlier in the day").value == "2023-07-06"


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("He was arrested on Jan . 6 near the freeway .", "Jan . 6", "2009-01-06"),
        ("It happened on Nov . 30 , 2008 , police said .", "Nov . 30 , 2008", "2008-11-30"),
        ("His next fight is on Sept . 8 in Berlin .", "Sept . 8", "2008-09-08"),
    ],
)
def test_a_month_abbreviation_set_token_by_token_still_dates_the_day(text: str, span: str, value: str) -> None:
    (found,) = find_times("r", text, published="2009-02-02")
    assert (found.text, found.value) == (span, value)
