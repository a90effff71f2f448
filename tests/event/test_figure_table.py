"""The figure table on short hand-written reports, through the whole compare path: slots, frames, disputes,
updates, hedges, and the record read from the table."""

from __future__ import annotations

from datetime import date

import pytest

from rashomon.records import Comparison, Report

pytestmark = pytest.mark.model

A = (
    "Quake kills 12 in Peru\nA magnitude 6.1 earthquake struck southern Peru on Tuesday, killing 12 people, "
    "officials said."
)


def _compare(*reports: Report) -> Comparison:
    from rashomon.pipeline import Settings, compare_reports

    return compare_reports(list(reports), Settings(today=date(2024, 3, 20), embeddings=False))


def _two(a: str, b: str, published: str = "2024-08-02") -> Comparison:
    """Reports "a" and "b", published the same day, compared."""
    return _compare(Report("a", a, published=published), Report("b", b, published=published))


def _slot(c: Comparison, slot: str, frame: str = "main") -> tuple[str, list[tuple[str, str]]]:
    assert c.figures is not None
    (found,) = [s for s in c.figures.slots if s.slot == slot and s.frame == frame]
    return found.status, [(c.figures.rows[i].report, c.figures.rows[i].text) for i in found.rows]


def test_two_tolls_of_one_quake_are_a_dispute_and_a_past_quakes_toll_stays_in_the_background() -> None:
    a = Report("a", A + " In 2007, a quake in the same region killed 519 people.", published="2024-03-13")
    b = Report(
        "b",
        "Peru earthquake\nAn earthquake of magnitude 6.1 hit southern Peru on Tuesday, killing 15 people, the civil "
        "defence agency said. A 2007 quake there killed 519.",
        published="2024-03-13",
    )
    c = _compare(a, b)
    status, values = _slot(c, "the number of dead")
    assert status == "conflicting" and ("a", "12") in values and ("b", "15") in values
    assert all(text != "519" for _, text in values)
    background, _ = _slot(c, "the number of dead (background)", "background")
    assert background == "corroborated"  # the 2007 toll agrees with itself, apart from the event's
    assert _slot(c, "the magnitude")[0] == "corroborated"  # "magnitude 6.1 earthquake" / "of magnitude 6.1"
    record = c.event
    assert record is not None and record.fatalities.disputed
    assert {v.text for v in record.fatalities.values} == {"12", "15"}  # never the 519 of 2007
    ucdp = dict(record.fatalities.extra)["ucdp"]
    assert isinstance(ucdp, dict) and (ucdp["low"], ucdp["high"]) == (12, 15)
    conflicts = [k for claim in c.claims if claim.status == "conflicting" for k in claim.conflicts]
    assert any(k.kind == "quantity" for k in conflicts)


def test_a_later_report_of_the_same_outlet_that_says_rose_to_is_an_update_not_a_dispute() -> None:
    a = Report("a", A, source="Andes Wire", published="2024-03-13")
    later = Report(
        "c",
        "Peru quake toll rises\nThe death toll from Tuesday's magnitude 6.1 earthquake in southern Peru rose to 15 on "
        "Wednesday, officials said.",
        source="Andes Wire",
        published="2024-03-14",
    )
    c = _compare(a, later)
    assert c.figures is not None
    dead = [s for s in c.figures.slots if s.slot == "the number of dead"]
    assert dead and all(s.status != "conflicting" for s in dead)
    assert any(s.updates for s in dead)
    assert not any(claim.status == "conflicting" for claim in c.claims if claim.kind == "count")
    assert c.event is not None and c.event.fatalities.resolved == 15  # the updated toll, not the first one


def test_a_hedged_figure_neither_disputes_nor_corroborates_a_stated_one() -> None:
    a = Report("a", A, published="2024-03-13")
    d = Report(
        "d",
        "Quake in Peru\nA strong earthquake struck southern Peru on Tuesday and may have killed 20 people, a local "
        "radio station said on Wednesday.",
        published="2024-03-14",
    )
    c = _compare(a, d)
    status, values = _slot(c, "the number of dead")
    assert status == "unique" and ("d", "20") in values
    assert c.figures is not None
    days = {c.figures.rows[i].text for s in c.figures.slots if s.status == "conflicting" for i in s.rows}
    assert "Wednesday" not in days  # the day the station spoke is not the day of the quake


def test_the_day_each_report_gives_first_for_the_event_itself_is_one_slot() -> None:
    a = Report(
        "a",
        "Gunman kills three\nA gunman killed three people at a market in Leeds on Tuesday. Police arrested a man on "
        "Thursday and said on Friday that he would be charged.",
        published="2024-03-15",
    )
    b = Report(
        "b",
        "Three shot dead in Leeds\nThree people were shot dead at a market in Leeds on Wednesday, police said on "
        "Friday. A suspect was arrested on Thursday.",
        published="2024-03-15",
    )
    c = _compare(a, b)
    assert c.figures is not None
    disputed = [s for s in c.figures.slots if s.status == "conflicting" and s.kind == "time"]
    assert len(disputed) == 1
    days = {(c.figures.rows[i].report, c.figures.rows[i].text) for i in disputed[0].rows}
    assert {("a", "Tuesday"), ("b", "Wednesday")} <= days
    assert not any(text in ("Thursday", "Friday") for _, text in days)  # the arrest, and when the police spoke


def test_a_telling_figure_two_reports_state_alike_is_corroborated_whatever_verb_each_puts_it_under() -> None:
    c = _two(
        "Hiring surges\nThe economy added 943,000 jobs in July, the Labor Department said on Friday.",
        "Payrolls jump\nPayrolls rose by 943,000 last month as the recovery gathered pace, figures showed on Friday.",
    )
    assert c.figures is not None
    holding = [s for s in c.figures.slots if any(c.figures.rows[i].text == "943,000" for i in s.rows)]
    assert len(holding) == 1 and holding[0].status == "corroborated"
    assert {c.figures.rows[i].report for i in holding[0].rows} == {"a", "b"}
    claims = [k for k in c.claims if any(st.text == "943,000" for st in k.statements)]
    assert len(claims) == 1 and claims[0].status == "corroborated"


def test_a_small_figure_two_reports_state_alike_under_different_measures_stays_apart() -> None:
    c = _two(
        "Storm\nTwo boats sank off the coast on Monday, the coast guard said.",
        "Storm\nTwo fishermen were rescued off the coast on Monday, officials said.",
    )
    assert c.figures is not None
    for s in c.figures.slots:
        texts = {c.figures.rows[i].text.lower() for i in s.rows}
        assert not ({"two"} <= texts and len({c.figures.rows[i].report for i in s.rows}) == 2)


def test_an_age_told_alone_is_keyed_by_nobody_never_by_its_own_value() -> None:
    c = _two(
        "Actress dies\nThe actress Jane Marlow died on Sunday at her home in Ohio. She was 85.",
        "Screen star dies\nJane Marlow, the screen star, died at home in Ohio on Sunday. She was 88.",
    )
    assert c.figures is not None
    ages = [row for row in c.figures.rows if row.text in ("85", "88")]
    assert len(ages) == 2
    assert {row.slot for row in ages} == {"the age"}  # never "the age (85)"


def test_the_day_of_the_killing_and_the_day_of_the_charges_are_two_slots_not_a_dispute() -> None:
    c = _two(
        "Woman killed outside store\nA woman was killed Wednesday night when a driver struck her outside a store in "
        "Bloomington, police said.",
        "Driver charged\nProsecutors charged a Bloomington man on Friday with murder after a woman was struck and "
        "killed outside a store.",
        published="2024-03-15",
    )
    assert c.figures is not None
    assert not [s for s in c.figures.slots if s.status == "conflicting" and s.kind == "time"]


def test_an_age_beside_a_name_is_described_by_the_name_never_by_an_entity_id() -> None:
    c = _two(
        "Actress dies\nThe actress Jane Marlow, 85, died on Sunday at her home in Ohio.",
        "Screen star dies\nScreen star Jane Marlow, 88, died at home in Ohio on Sunday.",
    )
    assert c.figures is not None
    ages = {row.slot for row in c.figures.rows if row.text in ("85", "88")}
    assert ages == {"the age (Jane Marlow)"}
    status, values = _slot(c, "the age (Jane Marlow)")
    assert status == "conflicting" and {text for _, text in values} == {"85", "88"}


def test_two_lengths_of_one_search_told_in_one_sentence_are_a_dispute_though_the_searchers_differ() -> None:
    c = _two(
        "Hiker found alive\nRescuers searched the ridge for three days before they found the missing hiker alive "
        "near Boulder on Sunday.",
        "Missing hiker rescued\nVolunteers searched the ridge for four days before they found the missing hiker "
        "alive near Boulder on Sunday.",
    )
    assert c.figures is not None
    (search,) = [
        s for s in c.figures.slots if s.kind == "time" and "three days" in {c.figures.rows[i].text for i in s.rows}
    ]
    assert search.status == "conflicting"  # the slot model is all but sure: no need of one subject
