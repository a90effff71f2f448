"""The lexicon's one loader, and the value changes the mutation scorer makes (no model)."""

from __future__ import annotations

import pytest

from rashomon import lexicon
from rashomon.eval.mutations import change, change_number, mutation_kind


def test_every_lexicon_table_loads_with_a_header_and_entries() -> None:
    from importlib.resources import files

    names = [p.name.removesuffix(".tsv") for p in files("rashomon.lexicon").iterdir() if p.name.endswith(".tsv")]
    assert {"happenings", "measures", "people", "units", "frame-cues", "happening-groups"} <= set(names)
    for name in names:
        table = lexicon.rows(name)
        assert table, name
        assert len({len(r) for r in table}) == 1, f"{name}: rows padded to the header's width"


def test_measured_things_and_happenings_are_read_from_the_tables() -> None:
    assert lexicon.column("measures").get("death") == "dead"
    assert "kill" in lexicon.words("happenings")
    kinds = lexicon.column("happenings")
    assert kinds["kill"] == kinds["die"] == "kill"  # "killed" and "died" are one kind of happening
    assert lexicon.column("happening-groups")["kill"] == "harm"


@pytest.mark.parametrize("salt", range(10))
def test_a_number_changes_by_a_fifth_to_a_half_and_keeps_its_writing(salt: int) -> None:
    changed = change_number("1,200", salt)
    assert changed is not None and "," in changed
    value = float(changed.replace(",", ""))
    assert 1.2 * 1200 - 1 <= value <= 1.5 * 1200 + 1
    small = change_number("2", salt)
    assert small is not None and int(small) >= 3  # at least one unit


@pytest.mark.parametrize(
    ("text", "kind", "changed"),
    [
        ("2003", "year", "2002"),
        ("on Tuesday", "weekday", "on Wednesday"),
        ("in March", "month", "in April"),
        ("Sunday", "weekday", "Monday"),
    ],
)
def test_years_weekdays_and_months_change_to_a_neighbour(text: str, kind: str, changed: str) -> None:
    assert mutation_kind(text) == kind
    assert change(text, kind, 0) == changed


def test_a_number_word_grows_and_keeps_its_capital() -> None:
    assert mutation_kind("Five people") == "number-word"
    out = change("Five people", "number-word", 0)
    assert out is not None and out.endswith(" people") and out[0].isupper() and not out.startswith("Five")


def test_a_town_becomes_another_town_of_its_country() -> None:
    assert mutation_kind("Manchester") == "place"
    other = change("Manchester", "place", 3)
    assert other is not None and other != "Manchester"
    from rashomon.eval.mutations import _town_country

    assert _town_country()[other] == _town_country()["Manchester"]


def test_ordinals_decades_and_clock_times_are_not_changed() -> None:
    assert mutation_kind("5th Circuit") is None
    assert mutation_kind("in his 30s") is None
    assert mutation_kind("11:45") is None


@pytest.mark.parametrize("text", ["COVID-19 shots", "the Philadelphia 76ers", "Interstate 75", "a 2007 Ford Fusion"])
def test_a_number_that_is_part_of_a_name_is_not_changed(text: str) -> None:
    assert mutation_kind(text) is None


@pytest.mark.parametrize("salt", range(8))
@pytest.mark.parametrize("text", ["Sept. 30", "May 29", "on June 17", "Dec . 3"])
def test_a_day_of_a_month_moves_by_a_few_days_and_stays_a_real_day(text: str, salt: int) -> None:
    assert mutation_kind(text) == "day"
    changed = change(text, "day", salt)
    assert changed is not None and changed != text
    day = int("".join(ch for ch in changed.split()[-1] if ch.isdigit()))
    old = int("".join(ch for ch in text.split()[-1] if ch.isdigit()))
    assert 1 <= day <= 28 and 1 <= abs(day - old) <= 6


def test_a_word_that_is_also_a_towns_name_is_only_changed_where_the_other_reports_name_a_town() -> None:
    from rashomon.eval.gold import GoldItem, GoldValue
    from rashomon.eval.mutations import _told_as_a_place

    police = GoldValue("a", 0, 6, "Police")
    arrest = GoldItem("corroborated", None, "who arrested him", (police, GoldValue("b", 0, 8, "officers")))
    assert not _told_as_a_place(arrest, police)
    leeds = GoldValue("a", 0, 5, "Leeds")
    place = GoldItem("corroborated", None, "where it happened", (leeds, GoldValue("b", 0, 12, "central Leeds")))
    assert _told_as_a_place(place, leeds)
