"""The event record's mechanisms on short reports written for these tests, through the whole pipeline."""

from __future__ import annotations

from datetime import date

import pytest

from rashomon.records import EventRecord, Report

pytestmark = pytest.mark.model


def record_of(*reports: Report) -> EventRecord:
    from rashomon.pipeline import Settings, compare_reports

    comparison = compare_reports(list(reports), Settings(today=date(2026, 11, 25), embeddings=False))
    assert comparison.event is not None
    return comparison.event


def record_of_two(a: str, b: str, published: str) -> EventRecord:
    """The record of reports "a" and "b", published the same day."""
    return record_of(Report(id="a", text=a, published=published), Report(id="b", text=b, published=published))


def test_the_day_told_before_police_said_is_the_events_day_and_said_monday_is_not() -> None:
    a = Report(
        id="a",
        text="A ferry sank near Chandpur on Tuesday, police said. Twelve people died. Officials said on Thursday "
        "that divers were still searching.",
        source="Wire",
        published="2024-03-13",
    )
    record = record_of(a)
    assert record.type.resolved is not None and record.type.resolved["category"] == "accident"  # type: ignore[index]
    assert record.date.resolved == "2024-03-12"
    assert [v.text for v in record.date.values] == ["Tuesday"]
    assert record.fatalities.resolved == 12


def test_an_age_is_not_a_toll_and_a_town_is_not_a_party() -> None:
    a = Report(
        id="a",
        text="A 66-year-old woman was killed by a hit-and-run driver in Bloomington on Friday, police said. "
        "A Queens man was arrested on Saturday.",
        published="2024-05-04",
    )
    record = record_of(a)
    assert record.fatalities.resolved != 66
    assert all(actor.name not in ("Queens", "Bloomington") for actor in record.actors)


def test_with_no_dated_report_a_bare_weekday_gives_no_date() -> None:
    a = Report(id="a", text="Gunmen attacked a checkpoint on Saturday, killing three soldiers, the army said.")
    record = record_of(a)
    assert record.date.resolved is None  # Saturday of which week? Not the one before the reference day
    assert record.fatalities.resolved == 3


def test_figures_dated_away_from_the_event_are_left_out() -> None:
    a = Report(
        id="a",
        text="An air strike killed four militants in the north of the country on 3 May 2024, the army said. "
        "In April, the army said, 40 militants were killed in operations across the region.",
        published="2024-05-04",
    )
    record = record_of(a)
    assert record.type.resolved["subtype"] == "air/drone strike"  # type: ignore[index]
    assert record.date.resolved == "2024-05-03"
    assert record.fatalities.resolved == 4


def test_died_at_77_is_an_age_not_a_toll() -> None:
    a = Report(
        id="a",
        text="Reputed mob boss Carlo Benedetti died at 77 in a prison hospital in Springfield on Monday after he was "
        "shot in a prison yard last week, officials said.",
        published="2024-05-07",
    )
    record = record_of(a)
    assert record.fatalities.resolved != 77


def test_an_obituary_counts_the_one_death_its_leads_tell_of() -> None:
    record = record_of_two(
        "Marla Quennell, the swimmer who starred in a dozen musicals, died Thursday at her home in Pasadena. "
        "She was 91. Her films drew crowds in the 1950s.",
        "Film star Marla Quennell has died aged 91. The actress and champion swimmer made her name in water ballets.",
        "2024-06-07",
    )
    assert record.fatalities.resolved == 1
    assert "Marla Quennell" in record.fatalities.policy


def test_a_death_told_in_one_lead_of_two_is_not_the_events_toll() -> None:
    record = record_of_two(
        "The director Hal Verity died on Monday, and his last film opens at the festival this week.",
        "The festival opens this week with twelve premieres. Critics expect a strong year for documentaries.",
        "2024-06-07",
    )
    assert record.fatalities.resolved is None


def test_a_prisoner_who_hanged_himself_is_the_one_death_of_a_crime_story() -> None:
    record = record_of_two(
        "Reputed gang leader Tomas Vierra hanged himself in his cell on Tuesday, hours after his arrest in a "
        "police sweep, officials said.",
        "Police said Tomas Vierra, 52, hanged himself in a Porto jail, a day after officers arrested 40 "
        "suspects in raids.",
        "2024-06-05",
    )
    assert record.fatalities.resolved == 1


def test_a_mother_of_two_who_died_is_not_a_toll_of_two() -> None:
    a = Report(
        id="a",
        text="A 59-year-old mother of two died when a drunken driver struck her in Queens on Friday, police said.",
        published="2024-06-08",
    )
    record = record_of(a)
    assert record.fatalities.resolved != 2


def test_a_trooper_named_by_his_nickname_in_another_report_is_one_of_the_dead() -> None:
    record = record_of_two(
        "A bomb killed Trooper William Hakim and a police technician, Tom Tennant, at a bank in Woodburn.",
        "The blast at the bank killed Bill Hakim, a state trooper, and Tom Tennant, a city police officer.",
        "2024-06-08",
    )
    assert record.fatalities.resolved == 2


def test_an_unnamed_woman_killed_in_two_leads_is_a_toll_of_one() -> None:
    record = record_of_two(
        "Woman Killed In Hit-And-Run, Driver Charged\nA drunken driver struck a pedestrian in Elmhurst on Friday "
        "night and drove off, police said.",
        "Hit-and-run leaves woman dead\nPolice arrested a driver after a crash in Elmhurst on Friday night.",
        "2024-06-08",
    )
    assert record.fatalities.resolved == 1
    assert "one death" in record.fatalities.policy


def test_no_woman_killed_in_a_lead_is_no_toll() -> None:
    record = record_of_two(
        "No woman was killed in the crash, police said.\nA driver struck a parked car in Elmhurst on Friday.",
        "Two men killed in crash\nA driver struck a parked car in Elmhurst on Friday, police said.",
        "2024-06-08",
    )
    assert record.fatalities.resolved != 1
