"""The figure table on short hand-written reports, through the whole compare path: slots, frames, disputes,
updates, hedges, and the record read from the table."""

from __future__ import annotations

from datetime import date

import pytest

from rashomon.records import Comparison, Conflict, Report

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


def _disputes(c: Comparison) -> list[Conflict]:
    return [k for claim in c.claims if claim.status == "conflicting" for k in claim.conflicts]


def _disputed_values(c: Comparison) -> list[set[tuple[str, str]]]:
    """Each dispute's values as (report, text)."""
    return [{(v.report, v.text) for v in k.values} for k in _disputes(c)]


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


def test_a_compound_number_word_is_read_whole_and_agrees_with_its_figure() -> None:
    c = _two(
        "Bus crash in Chile\nA bus overturned near Temuco on Friday. Thirty-one people were injured, police said.",
        "Chile bus crash\nA bus overturned near Temuco on Friday, injuring 31 people.",
    )
    assert c.figures is not None
    assert {row.text for row in c.figures.rows if row.slot.startswith("the number of injured")} == {
        "Thirty-one",
        "31",
    }
    assert not [s for s in c.figures.slots if s.status == "conflicting"]


def test_the_injured_in_critical_condition_are_their_own_slot_even_when_written_as_of_them() -> None:
    c = _two(
        "Quake in Peru\nA quake injured 30 people in Cusco on Tuesday. Eight of the injured were in critical "
        "condition.",
        "Peru quake\nThirty people were injured in Cusco on Tuesday, and 12 of them were in critical condition.",
    )
    assert c.figures is not None
    (critical,) = [s for s in c.figures.slots if {c.figures.rows[i].text for i in s.rows} >= {"Eight", "12"}]
    assert critical.status == "conflicting" and "critical" in critical.slot
    status, values = _slot(c, "the number of injured")
    assert status == "corroborated" and {text for _, text in values} == {"30", "Thirty"}


def test_a_toll_told_in_a_clause_about_a_dated_earlier_quake_is_background() -> None:
    c = _two(
        "Quake kills 14\nA magnitude 6.1 earthquake struck western Nepal on Tuesday, killing 14 people.",
        "Nepal quake\nAn earthquake of magnitude 6.1 killed 14 people in western Nepal on Tuesday. The 2015 "
        "earthquake, which killed about 9,000 people, destroyed half a million homes.",
        published="2026-03-04",
    )
    assert c.figures is not None
    (toll,) = [row for row in c.figures.rows if row.text == "9,000"]
    assert toll.frame == "background"
    assert _slot(c, "the number of dead")[0] == "corroborated"
    assert c.event is not None and {v.text for v in c.event.fatalities.values} == {"14"}


def test_a_quake_that_struck_dates_the_quake_when_the_parse_makes_magnitude_its_subject() -> None:
    c = _two(
        "Quake in Nepal\nRescuers reached the area. A magnitude 6.1 earthquake struck western Nepal on Tuesday night, "
        "killing 14 people.",
        "Nepal earthquake\nAn earthquake of magnitude 6.1 shook western Nepal early on Wednesday, killing 14 people.",
        published="2026-03-05",
    )
    assert c.figures is not None
    (day,) = [s for s in c.figures.slots if s.kind == "time" and s.status == "conflicting"]
    assert "quake" in day.slot and "attack" not in day.slot


def test_each_reports_first_count_of_the_critically_wounded_is_one_slot_whatever_the_sentences_say_around_it() -> None:
    c = _two(
        "Market strike\nAn airstrike hit a market in Saada on Sunday, killing 23 people and wounding 40 others. "
        "Nine of the wounded were in critical condition, a doctor said.",
        "Saada strike\nWarplanes struck a market in Saada on Sunday. The health ministry said 40 people were "
        "wounded, 11 of them critically.",
    )
    assert c.figures is not None
    (critical,) = [s for s in c.figures.slots if {c.figures.rows[i].text for i in s.rows} >= {"Nine", "11"}]
    assert critical.status == "conflicting"
    status, values = _slot(c, "the number of injured")
    assert status == "corroborated" and {text for _, text in values} == {"40"}  # "40 others" are the wounded


def test_a_dispute_names_the_happening_as_a_reader_would() -> None:
    c = _two(
        "Market strike\nAn airstrike on a market in Saada killed 23 people on Sunday morning, medics said.",
        "Saada strike\nAt least 23 people were killed when warplanes struck a market in Saada late on Saturday "
        "night, the ministry said.",
        published="2026-05-11",
    )
    days = [s.slot for s in c.figures.slots if s.kind == "time" and s.status == "conflicting"] if c.figures else []
    assert days and all(" kill " not in f"{d} " for d in days)
    assert any("killing" in d or "attack" in d for d in days)


def test_one_of_the_deadliest_is_a_rank_and_one_person_injured_counts_the_injured() -> None:
    a = (
        "Bridge shooting\nA shooting on the bridge on Monday left four people dead and one person injured. It "
        "is one of the deadliest shootings in the city's history."
    )
    c = _two(
        a,
        "Four dead on bridge\nA gunman shot five people on the bridge on Monday, killing four; one person was injured.",
    )
    assert c.figures is not None
    rank = a.index("one of the deadliest")
    assert not [row for row in c.figures.rows if row.report == "a" and row.start == rank]
    (injured,) = [row for row in c.figures.rows if row.report == "a" and row.text == "one"]
    assert "injured" in injured.slot


def test_a_vote_written_n_to_m_is_one_score_that_agrees_with_n_dash_m() -> None:
    c = _two(
        "Senate passes bill\nThe Senate passed the infrastructure bill on Tuesday by a vote of 69-30.",
        "Bill clears Senate\nSenators voted 69 to 30 on Tuesday to pass the infrastructure bill.",
    )
    assert c.figures is not None
    status, values = _slot(c, "the score of the vote")
    assert status == "corroborated" and {text for _, text in values} == {"69-30", "69 to 30"}


def test_a_count_of_murder_is_a_charge_and_a_toll_that_might_have_been_is_not_stated() -> None:
    c = _two(
        "Officer killed\nA police officer was shot dead on Friday. Orozco is charged with one count of murder.",
        'Officer shot dead\nA police officer was shot dead on Friday. "There might have been two people killed," '
        "a witness said.",
    )
    assert c.figures is not None
    assert not [s for s in c.figures.slots if s.status == "conflicting"]
    charge = next(row for row in c.figures.rows if row.text == "one")
    assert "dead" not in charge.slot


def test_two_killed_and_five_other_people_wounded_are_the_toll_and_the_wounded() -> None:
    c = _two(
        "Bar shooting\nTwo people were killed and five other people were wounded when a gunman opened fire inside a "
        "bar in Toledo early Sunday, police said.",
        "Toledo shooting\nThree people died and four were injured after a man fired a handgun in a Toledo bar "
        "early Sunday, authorities said.",
    )
    dead, dead_values = _slot(c, "the number of dead")
    assert dead == "conflicting" and {text for _, text in dead_values} == {"Two", "Three"}
    injured, injured_values = _slot(c, "the number of injured")
    assert injured == "conflicting" and {text for _, text in injured_values} == {"five", "four"}


def test_a_sentencing_compares_the_term_the_counts_and_the_age_told_beside_an_earlier_conviction() -> None:
    c = _two(
        "Mayor sentenced\nA judge on Thursday sentenced former mayor Daniel Okafor to 12 years in prison. Okafor, "
        "58, was convicted in June on 14 counts of bribery and fraud.",
        "Ex-mayor gets 10 years\nFormer mayor Daniel Okafor was sentenced Thursday to 10 years in prison. Okafor, "
        "59, was found guilty in June of 16 counts, including bribery and wire fraud.",
        published="2026-10-02",
    )
    assert c.figures is not None
    disputed = {s.slot: {c.figures.rows[i].text for i in s.rows} for s in c.figures.slots if s.status == "conflicting"}
    assert disputed.get("the length of the sentencing") == {"12 years", "10 years"}
    assert disputed.get("the number of counts of the conviction (background)") == {"14", "16"}
    assert disputed.get("the age (Daniel Okafor)") == {"58", "59"}  # the main frame: an age is his now


def test_killings_someone_conspired_to_or_other_killings_are_never_the_toll() -> None:
    c = _two(
        "Mob boss dies\nMob boss Vincent Gigante died in prison on Monday. He was convicted of conspiring to kill "
        "three others and acquitted of ordering four other murders.",
        "Gigante dead\nVincent Gigante, the mob boss, died in prison on Monday, officials said.",
    )
    assert c.event is not None
    assert c.event.fatalities.resolved == 1  # Gigante's own death, never 3 or 4


def test_those_who_attempted_something_are_counted_though_what_they_attempted_is_not_asserted() -> None:
    c = _two(
        "Pirates foiled\nThe pirates, in three boats, were attempting to hijack a tanker on Tuesday.",
        "Navy foils pirates\nPirates in two boats were trying to seize a tanker on Tuesday, the navy said.",
    )
    assert c.figures is not None
    boats = [s for s in c.figures.slots if {c.figures.rows[i].text for i in s.rows} == {"three", "two"}]
    assert boats and boats[0].status == "conflicting"


def test_a_toll_that_rose_to_a_lower_figure_than_another_reports_disputes_it() -> None:
    c = _two(
        "Floods kill 41\nFloods killed at least 41 people in southern Brazil, the civil defence agency said on "
        "Thursday.",
        "Flood toll climbs\nThe death toll from floods in southern Brazil rose to 39 on Thursday, officials said.",
    )
    status, values = _slot(c, "the number of dead")
    assert status == "conflicting" and {text for _, text in values} == {"41", "39"}


def test_one_of_two_counts_joined_by_and_is_a_part_never_the_toll() -> None:
    c = _two(
        "Climbers die\nRescuers recovered the bodies on Sunday. One Australian and one English climber fell to "
        "their deaths on Mt Cook.",
        "Two climbers killed\nTwo climbers were killed in a fall on Mt Cook on Sunday, police said.",
    )
    assert c.figures is not None
    assert not [s for s in c.figures.slots if s.status == "conflicting"]


def test_an_age_told_of_a_year_long_before_the_event_is_background() -> None:
    c = _two(
        "Mob boss dies at 77\nMob boss Vincent Gigante died in prison on Monday. He was 77. Rival boss John Gotti "
        "died in the same prison in 2002 at age 61.",
        "Gigante dies\nVincent Gigante, 77, died in prison on Monday, officials said.",
        published="2005-12-20",
    )
    assert c.figures is not None
    (gotti,) = [row for row in c.figures.rows if row.text == "61"]
    assert gotti.frame == "background"
    assert not [s for s in c.figures.slots if s.status == "conflicting"]


def test_the_records_dispute_note_names_every_value_in_dispute_even_one_told_in_a_headline() -> None:
    c = _compare(
        Report(
            "a",
            "Fifteen dead as ferry sinks\nFifteen people died when a ferry sank on Tuesday, officials said.",
            published="2024-03-13",
        ),
        Report(
            "b", "Ferry capsizes\nTwelve people were killed when a ferry capsized on Tuesday.", published="2024-03-13"
        ),
        Report("c", "Ferry toll\nA ferry capsized on Tuesday, killing 12 people, police said.", published="2024-03-13"),
    )
    assert c.event is not None and c.event.fatalities.disputed
    note = c.event.fatalities.note or ""
    assert "Fifteen" in note and ("Twelve" in note or "12" in note)


def test_the_hour_each_report_gives_first_for_the_event_is_one_slot_beside_its_day() -> None:
    a = Report(
        "a",
        "Bar shooting in Dayton\nTwo men were killed in a shooting at a bar in Dayton on Sunday. The shooting "
        "happened at about 1:30 a.m., police said.",
        published="2024-06-02",
    )
    b = Report(
        "b",
        "Two dead in Dayton bar shooting\nTwo men were shot dead at a Dayton bar on Sunday. The gunfire erupted "
        "around 12:45 a.m., a police spokeswoman said. A suspect was arrested at 4 p.m.",
        published="2024-06-02",
    )
    c = _compare(a, b)
    assert c.figures is not None
    disputed = [s for s in c.figures.slots if s.status == "conflicting" and s.kind == "time"]
    assert len(disputed) == 1  # the hour of the shooting; the days agree, the arrest is another happening
    values = {(c.figures.rows[i].report, c.figures.rows[i].text) for i in disputed[0].rows}
    assert values == {("a", "about 1:30 a.m."), ("b", "around 12:45 a.m.")}


def test_an_age_told_of_a_role_is_the_age_of_the_one_the_report_gives_that_role() -> None:
    c = _two(
        "Deputy shot dead\nDeputy Carl Wendt, 35, was shot dead on Friday outside a house in Lakewood. Deputy Wendt "
        "had served nine years.",
        "Lakewood deputy killed\nA man was charged on Saturday with killing the 38-year-old deputy outside a house "
        "in Lakewood. Deputy Carl Wendt was shot on Friday, and Deputy Wendt died at the scene.",
    )
    assert c.figures is not None
    ages = {row.slot for row in c.figures.rows if row.text in ("35", "38-year-old")}
    assert ages == {"the age (Carl Wendt)"}
    status, values = _slot(c, "the age (Carl Wendt)")
    assert status == "conflicting" and {text for _, text in values} == {"35", "38-year-old"}


def test_a_role_set_off_by_a_dash_after_a_name_is_that_persons_role() -> None:
    c = _two(
        "Swimmer sentenced\nBrock Turner, 20, was sentenced on Thursday to six months in jail.",
        "Outcry over sentence\nA congressman said that Brock Turner — a 21-year-old champion swimmer convicted "
        "of assault — should have faced a longer term.",
    )
    status, values = _slot(c, "the age (Brock Turner)")
    assert status == "conflicting" and {text for _, text in values} == {"20", "21-year-old"}


def test_an_age_after_a_possessive_is_not_the_age_of_its_owner() -> None:
    c = _two(
        "Judge's son killed\nDaniel Reyes, Judge Anna Mills' 20-year-old son, was killed on Sunday at their home.",
        "Gunman kills judge's son\nA gunman killed the son of Judge Anna Mills at her home on Sunday. Anna Mills, 58, "
        "was unharmed.",
    )
    assert c.figures is not None
    slots = {row.text: row.slot for row in c.figures.rows if row.text in ("20-year-old", "58")}
    assert slots["20-year-old"] != "the age (Anna Mills)" and slots["58"] == "the age (Anna Mills)"


def test_an_hour_that_is_also_a_reports_first_time_of_the_event_is_compared_with_the_others_hours() -> None:
    c = _two(
        "Bar shooting in Dayton\nTwo men were killed when a gunman opened fire at a Dayton bar at 1:30 a.m., "
        "police said.",
        "Two dead in Dayton bar shooting\nTwo men were shot dead at a Dayton bar on Sunday. The shooting happened "
        "at 12:45 a.m., police said.",
        published="2024-06-02",
    )
    assert c.figures is not None
    disputed = [s for s in c.figures.slots if s.status == "conflicting" and s.kind == "time"]
    assert len(disputed) == 1 and "'1:30 a.m.' and '12:45 a.m.'" in disputed[0].explanation


def test_a_report_whose_figure_the_others_contradict_is_never_shown_as_corroborating_them() -> None:
    a = Report(
        "a",
        "Protest in Lisbon\nThousands marched in Lisbon on Saturday. Police arrested nine people, and four police "
        "officers were injured, the ministry said.",
        published="2024-05-12",
    )
    b = Report(
        "b",
        "Lisbon march ends in arrests\nPolice arrested nine protesters in Lisbon on Saturday. Six officers were hurt "
        "when protesters threw bottles, a minister said.",
        published="2024-05-12",
    )
    c_ = Report(
        "c",
        "Lisbon rally\nA rally in Lisbon on Saturday ended with nine arrests. Four officers suffered minor injuries, "
        "according to police.",
        published="2024-05-12",
    )
    c = _compare(a, b, c_)
    assert c.figures is not None
    for slot in c.figures.slots:
        texts = {c.figures.rows[i].text for i in slot.rows}
        if slot.status == "corroborated" and "four" in {t.lower() for t in texts}:
            assert "Six" not in texts
    injured = [
        row for row in c.figures.rows if row.text in ("four", "Four") and row.slot.startswith("the number of injured")
    ]
    assert {row.report for row in injured} == {"a", "c"}  # "suffered minor injuries" counts the injured


def test_a_wildfire_is_a_blaze_and_the_day_it_spread_is_not_the_day_it_broke_out() -> None:
    c = _two(
        "Wildfire near Redding\nThe Pine Fire, which broke out on Sunday near Redding, has burned 20,000 acres, "
        "fire officials said on Tuesday.",
        "Redding wildfire grows\nThe Pine Fire spread across 20,000 acres near Redding on Tuesday. The fire began on "
        "Monday afternoon.",
        published="2024-07-16",
    )
    assert c.figures is not None
    (day,) = [s for s in c.figures.slots if s.kind == "time" and s.status == "conflicting"]
    assert "'Sunday' and 'Monday afternoon'" in day.explanation  # never Tuesday, the day it spread
    assert day.slot == "when the fire happened"  # not an attack: "the fire" is a blaze, "opened fire" a shooting


def test_a_place_named_through_its_kind_is_where_it_happened_and_a_crash_of_a_year_long_past_is_background() -> None:
    c = _two(
        "Plane crash in Nepal\nA passenger plane crashed in the resort city of Pokhara on Sunday, killing 68 people. "
        "It was the deadliest crash since 1992, when a plane crashed near Kathmandu, killing 167.",
        "Nepal air disaster\nA plane with 72 people on board crashed near the city of Pokhara on Sunday, officials "
        "said.",
        published="2026-01-12",
    )
    assert c.figures is not None
    where = {(row.text, row.frame) for row in c.figures.rows if row.kind == "place"}
    assert ("Pokhara", "main") in where and ("Kathmandu", "background") in where
    pokhara = [s for s in c.figures.slots if any(c.figures.rows[i].text == "Pokhara" for i in s.rows)]
    assert [s.status for s in pokhara] == ["corroborated"]
    assert {c.figures.rows[i].report for i in pokhara[0].rows} == {"a", "b"}


def test_a_figure_set_at_a_value_measures_the_verbs_object_and_a_third_estimate_never_corroborates_two() -> None:
    a = Report(
        "a",
        "March in Sofia\nThousands marched in Sofia on Saturday. Police put the crowd at about 24,000.",
        published="2024-05-12",
    )
    b = Report(
        "b",
        "Sofia rally\nA rally in Sofia drew a large crowd on Saturday. The interior ministry said the crowd numbered "
        "24,000.",
        published="2024-05-12",
    )
    c_ = Report(
        "c",
        "Sofia protest\nAn independent monitor estimated the crowd at 45,000 at the Sofia protest on Saturday.",
        published="2024-05-12",
    )
    c = _compare(a, b, c_)
    assert c.figures is not None
    police = next(row for row in c.figures.rows if row.report == "a" and row.text.endswith("24,000"))
    assert "crowd" in police.slot and "police" not in police.slot  # the crowd the police put at 24,000
    for slot in c.figures.slots:
        texts = {c.figures.rows[i].text for i in slot.rows}
        if slot.status == "corroborated" and any(t.endswith("24,000") for t in texts):
            assert "45,000" not in texts


def test_one_figure_told_in_like_sentences_with_other_nouns_is_one_slot_and_its_values_disputed() -> None:
    # "kinds" and "types", "applied" and "filed": no key joins them, the sentences do
    a = (
        "Agency mixed test results\nThe health agency has acknowledged that it is mixing the results of two "
        "different kinds of tests in its tally of testing, officials said on Friday."
    )
    b = (
        "Agency conflates tests\nThe health agency is conflating the results of three different types of tests "
        "in its tally of testing, officials said on Friday."
    )
    c = _two(a, b)
    disputed = _disputed_values(c)
    assert {("a", "two"), ("b", "three")} in disputed


def test_like_sentences_that_each_hold_several_figures_are_not_paired_by_their_words_alone() -> None:
    # each sentence gives two figures: which pairs with which is the keys' call, never the sentence's
    a = "Storm\nThe storm destroyed 40 homes and damaged 120 others in the county on Friday, officials said."
    b = (
        "Storm\nThe storm destroyed 40 homes and damaged 120 others in the county on Friday, officials said. "
        "Crews cleared 15 roads."
    )
    c = _two(a, b)
    assert not [claim for claim in c.claims if claim.status == "conflicting"]


def test_a_dispute_shows_the_body_where_the_headline_only_repeats_its_figure() -> None:
    a = "Quake kills 12 in Peru\nA magnitude 6.1 earthquake struck southern Peru on Tuesday, killing 12 people."
    b = "Quake kills 15 in Peru\nAn earthquake of magnitude 6.1 hit southern Peru on Tuesday, killing 15 people."
    c = _two(a, b, published="2024-03-13")
    (values,) = [[(v.report, v.start) for v in k.values] for k in _disputes(c) if k.kind == "quantity"]
    headline_ends = {"a": a.index("\n"), "b": b.index("\n")}
    assert {r for r, _ in values} == {"a", "b"}
    assert all(start > headline_ends[r] for r, start in values)  # the sentence a reader can check, not the title


def test_each_reports_first_score_of_the_event_is_one_slot() -> None:
    # a vote told as a verb in one report and as a noun in the other: the words alone do not tie the tallies
    a = "Judge confirmed\nThe Senate voted 52-48 on Monday night to confirm the judge to the appeals court."
    b = (
        "Senate vote\nThe 50-48 vote on the nomination capped a bitter fight that began in September, when "
        "the seat fell vacant."
    )
    c = _two(a, b)
    disputed = _disputed_values(c)
    assert {("a", "52-48"), ("b", "50-48")} in disputed


def test_each_reports_first_age_of_a_named_person_is_one_slot_and_a_roles_age_is_not() -> None:
    a = (
        "Courthouse gunman convicted\nBrian Nichols, 37, was convicted on Monday of murdering a judge and three "
        "other people during an escape."
    )
    b = (
        "Verdict in Atlanta\nThe jury deliberated for less than a day. The defendant, Brian Nichols, 35, is a "
        "former computer technician who had been on trial for rape."
    )
    c = _two(a, b)
    disputed = _disputed_values(c)
    assert {("a", "37"), ("b", "35")} in disputed
    # two brothers, each report naming them only by their role: their ages are never set against each other
    c = _two(
        "Boy killed\nA 4-year-old boy was thrown from a roof by his 20-year-old brother, police said.",
        "Brother charged\nA 20-year-old man threw his four-year-old brother off the roof, police said.",
    )
    assert not [claim for claim in c.claims if claim.status == "conflicting"]


def test_a_report_that_also_states_the_others_figure_does_not_dispute_it() -> None:
    # the second report gives an early figure and the one the first report gives: no report says only two
    a = (
        "Three stabbed at rally\nThree people were stabbed and 12 were arrested during a brawl at a rally in "
        "Anaheim on Saturday, police said."
    )
    b = (
        "Stabbings at Anaheim rally\nPolice say two people have been stabbed at a rally in Anaheim. Three people "
        "were stabbed in the brawl on Saturday, police said later."
    )
    c = _two(a, b)
    assert not [v for v in _disputed_values(c) if ("b", "two") in v]
    # where the second report never states three, its two is disputed
    c = _two(a, b.replace("Three people were stabbed in the brawl", "The brawl began"))
    assert any(("a", "Three") in v and ("b", "two") in v for v in _disputed_values(c))


def test_the_day_of_a_search_after_a_shooting_is_not_the_day_of_the_shooting() -> None:
    a = (
        "Gunman kills three at festival\nA gunman killed three people at a food festival in Gilroy on Sunday "
        "night, police said."
    )
    b = (
        "Police hunt accomplice\nPolice were searching on Monday for a suspected accomplice of the gunman who "
        "opened fire at a food festival in Gilroy, killing three people."
    )
    c = _two(a, b, published="2019-07-29")
    assert not [v for v in _disputed_values(c) if ("b", "Monday") in v]


def test_the_day_a_vote_is_scheduled_for_is_not_the_day_of_the_deal() -> None:
    a = "Budget deal reached\nSenate leaders signed off on the budget deal late Sunday afternoon, aides said."
    b = "Deal faces vote\nThe Senate vote on the budget deal, scheduled for Monday, is not a done deal, aides said."
    c = _two(a, b, published="2011-08-01")
    assert not [v for v in _disputed_values(c) if ("b", "Monday") in v]


def test_yesterday_in_an_undated_report_keeps_no_other_day_under_corroborated() -> None:
    texts = {
        "a": "Navy foils pirate attack\nThe navy patrolling the Gulf of Aden on Thursday thwarted an attack by "
        "pirates on merchant ships, capturing 26 pirates.",
        "b": "Pirates captured\nA navy patrol in the Gulf of Aden yesterday thwarted an attack by pirates on "
        "merchant ships, capturing 26 pirates.",
        "c": "Warship foils attack\nAn Indian warship repelled five pirate boats as the freighters it escorted were "
        "crossing the gulf on Friday.",
        "d": "Attack thwarted\nA navy ship on patrol in the Gulf of Aden thwarted an attack on merchant ships on "
        "Thursday, officials said.",
    }
    published = {"a": "2008-12-19", "b": None, "c": "2008-12-19", "d": "2008-12-19"}
    c = _compare(*(Report(k, text, published=published[k]) for k, text in texts.items()))
    assert c.figures is not None
    for slot in c.figures.slots:
        shown = {(c.figures.rows[i].report, c.figures.rows[i].text) for i in slot.rows}
        if slot.status == "corroborated" and ("c", "Friday") in shown:
            raise AssertionError(f"Friday shown as corroborating Thursday: {shown}")


def test_a_report_that_dates_the_event_a_year_off_disputes_the_others_day() -> None:
    a = "Courthouse shooting\nA gunman opened fire in the Fulton County courthouse on March 11, 2005, killing a judge."
    b = "Atlanta courthouse attack\nA gunman killed a judge in the Fulton County courthouse on March 11, 2004."
    c = _two(a, b, published="2005-03-12")
    assert any(("a", "March 11, 2005") in v and ("b", "March 11, 2004") in v for v in _disputed_values(c))


def test_a_former_officeholder_does_not_put_the_clause_in_the_background() -> None:
    a = (
        "Church burned in Wasilla\nFire gutted a church in Wasilla on Friday night. Damage to the church was "
        "estimated at $1 million, authorities said."
    )
    b = (
        "Palin visits burned church\nThe former Republican vice presidential candidate went to the church Saturday "
        "to apologize to pastors in case the estimated $2 million fire damages, suspected as arson, were tied to her."
    )
    c = _two(a, b, published="2008-12-14")
    assert c.figures is not None
    frames = {c.figures.rows[i].text: slot.frame for slot in c.figures.slots for i in slot.rows}
    assert frames["Saturday"] == "main"  # "former" is her title, not a time before the event
    assert any(("a", "$1 million") in v and ("b", "$2 million") in v for v in _disputed_values(c))


def test_the_day_of_an_aftershock_is_not_the_day_of_the_quake() -> None:
    a = "Quake hits island\nA strong earthquake struck the island on Sunday, killing 10 people, officials said."
    b = (
        "Aftershock rattles island\nAn aftershock shook the island on Monday, a day after the earthquake that killed "
        "10 people."
    )
    c = _two(a, b, published="2008-09-11")
    assert not [v for v in _disputed_values(c) if ("b", "Monday") in v]


def test_a_bare_year_of_the_storys_history_is_not_the_day_of_its_news() -> None:
    a = (
        "Poll shows a rematch\nThe poll shows Romney ahead in the rematch, a mirror image of his loss in the vote "
        "in 2012."
    )
    b = "Young voters waver\nObama won young voters by an historic margin in the election in 2008."
    c = _two(a, b, published="2013-05-02")
    assert not [v for v in _disputed_values(c) if ("b", "2008") in v]


def test_counts_of_two_nations_people_are_never_one_slot() -> None:
    a = "Sanctions war\nRussia announced sanctions against nine U.S. officials on Monday, the ministry said."
    b = "Sanctions war\nThe United States announced sanctions against seven Russian officials on Monday, aides said."
    c = _two(a, b, published="2014-03-18")
    assert not [v for v in _disputed_values(c) if ("a", "nine") in v]
    b2 = "Sanctions imposed\nRussia on Monday announced sanctions against 12 American officials, the ministry said."
    c2 = _two(a, b2, published="2014-03-18")
    assert any(("a", "nine") in v and ("b", "12") in v for v in _disputed_values(c2))  # "U.S." and "American": one


def test_figures_of_two_past_quakes_dated_apart_are_not_one_slot() -> None:
    a = (
        "Quake kills 10 in Iran\nA 5.9 quake struck Qeshm island on Sunday, killing 10 people. A 6.7 quake killed "
        "26,000 people in Bam in December 2003."
    )
    b = (
        "Iran quake toll at 10\nA 5.9 earthquake hit Qeshm island on Sunday and killed 10 people. A 6.4 quake killed "
        "500 people in Zarand in February 2005."
    )
    c = _two(a, b, published="2008-11-28")
    assert not [v for v in _disputed_values(c) if ("a", "6.7") in v]


def test_a_count_of_others_is_not_the_count_it_adds_to() -> None:
    a = (
        "Sanctions widen\nThe list names seven officials close to the president. Four others were named as members "
        "of the inner circle."
    )
    b = "Sanctions widen\nEleven people were named on a sanctions list issued earlier this week."
    c = _two(a, b, published="2014-03-18")
    assert not [v for v in _disputed_values(c) if ("a", "Four") in v]


def _corroborated_together(c: Comparison, a: tuple[str, str], b: tuple[str, str]) -> bool:
    assert c.figures is not None
    return any(
        slot.status == "corroborated"
        and {a, b} <= {(c.figures.rows[i].report, c.figures.rows[i].text) for i in slot.rows}
        for slot in c.figures.slots
    )


def test_a_morning_and_an_afternoon_that_meet_by_their_day_are_never_shown_as_agreeing() -> None:
    a = "Rally ends in arrests\nPolice arrested two men near the courthouse on Saturday morning, a spokesman said."
    b = "Rally turns violent\nThe rally outside the courthouse turned violent on Saturday afternoon, witnesses said."
    c = _two(a, b, published="2016-02-28")
    assert not _corroborated_together(c, ("a", "Saturday morning"), ("b", "Saturday afternoon"))


def test_today_in_an_undated_report_corroborates_no_day() -> None:
    a = "Scientists write to agency\nThe scientists sent the letters to the agency today, the group said."
    b = "Letters to agency\nThe scientists sent their letters to the agency on Friday, the group said."
    c = _compare(Report("a", a), Report("b", b))
    assert not _corroborated_together(c, ("a", "today"), ("b", "Friday"))


def test_a_block_number_names_a_block_and_two_blocks_are_a_dispute() -> None:
    a = "Man shot dead\nA man was shot dead in the 12000 block of East 223rd Street on Sunday, police said."
    b = "Fatal shooting\nPolice said a man was shot and killed in the 12200 block of 223rd Street on Sunday."
    c = _two(a, b, published="2013-03-04")
    assert any(("a", "12000") in v and ("b", "12200") in v for v in _disputed_values(c))
