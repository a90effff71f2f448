"""Mention finding through the spaCy pipeline: names the model misses, names it cuts short or runs on, and the
name each mention keeps. The texts are made up; the assertions ask for a mention holding a word, not for the origin."""

from __future__ import annotations

import pytest

from rashomon.mentions import _titled_people, clean_name
from rashomon.records import Mention

pytestmark = pytest.mark.model


def found(text: str) -> list[Mention]:
    from rashomon.mentions import find_mentions
    from rashomon.nlp import parse_texts

    (parse,) = parse_texts([text])
    return list(find_mentions("r", parse)[0])


def holding(mentions: list[Mention], text: str, word: str) -> list[str]:
    at = text.index(word)
    return [m.text for m in mentions if m.start <= at and at + len(word) <= m.end]


# ---- proper-noun runs the model missed ------------------------------------------------------------------------------


def test_a_capitalised_word_inside_a_sentence_is_a_mention_when_the_model_misses_it() -> None:
    text = "A 41-year-old Kelso resident was charged on Friday ."
    assert holding(found(text), text, "Kelso") == ["Kelso"]


def test_a_team_name_opening_a_headline_is_a_mention_when_the_text_capitalises_it_inside_a_sentence() -> None:
    text = "Herons Hire New Coach\nThe coach was hired by the Herons on Monday ."
    mentions = found(text)
    assert holding(mentions, text, "Herons") == ["Herons"]
    assert holding(mentions, text, "Hire") == [] and holding(mentions, text, "Coach") == []


def test_title_case_headline_words_that_the_text_writes_in_lower_case_are_not_mentions() -> None:
    text = "Local Baker Wins Prize At County Fair\nThe baker won a prize at the fair on Sunday ."
    assert found(text) == []


def test_a_role_word_before_a_name_stays_out_of_the_name() -> None:
    text = "Prosecutors said Constable Ravi Dunmore arrested the driver ."
    names = {m.name for m in found(text)}
    assert "Ravi Dunmore" in names or "Constable Ravi Dunmore" in names
    assert all(not n.startswith("Prosecutors") for n in names)


# ---- names run on over the name words after them ------------------------------------------------------------------


def test_a_place_name_runs_on_over_a_name_written_with_a_number() -> None:
    text = "The Denver 88ers fired their coach on Sunday ."
    assert holding(found(text), text, "88ers") == ["Denver 88ers"]


def test_a_place_name_does_not_run_on_over_a_measure() -> None:
    text = "She ran the Denver 10km race on Sunday ."
    assert holding(found(text), text, "10km") == []


# ---- headline words pulled into names ---------------------------------------------------------------------------


def test_a_headline_verb_is_cut_from_the_name_before_it() -> None:
    text = "Jane Doolittle Resigns As Club Chair\nDoolittle resigned on Monday ."
    assert holding(found(text), text, "Jane") == ["Jane Doolittle"]


def test_a_headline_surname_the_tagger_takes_for_a_verb_stays_in_the_name() -> None:
    text = "Mark Denning Joins Rival Firm\nDenning joined the firm to mark a new start ."
    assert holding(found(text), text, "Mark") == ["Mark Denning"]


# ---- line breaks ------------------------------------------------------------------------------------------------


def test_a_mention_does_not_run_on_into_the_next_line() -> None:
    text = "Storm hits the Gulf of Tarsh\nMon Mar 3 2014 , 10 : 02 GMT\nA storm hit the coast on Monday ."
    mentions = found(text)
    assert all("\n" not in m.text for m in mentions)
    assert holding(mentions, text, "Tarsh") == ["Gulf of Tarsh"]


def test_a_name_on_one_line_stays_whole() -> None:
    text = "The ship sailed into the Gulf of Tarsh on Monday ."
    assert holding(found(text), text, "Tarsh") == ["Gulf of Tarsh"]


# ---- spaced middle initials ------------------------------------------------------------------------------------


def test_a_spaced_middle_initial_does_not_cut_a_name() -> None:
    text = "Mara J . Okonkwo was named chair of the board ."
    people = [m for m in found(text) if "Okonkwo" in m.text]
    assert [(m.text, m.name, m.label) for m in people] == [("Mara J . Okonkwo", "Mara J. Okonkwo", "PERSON")]


def test_an_initial_with_its_period_already_holds_the_name_together() -> None:
    text = "Mara J. Okonkwo was named chair of the board ."
    assert holding(found(text), text, "Okonkwo") == ["Mara J. Okonkwo"]


def test_a_spaced_abbreviation_after_a_place_is_not_taken_for_an_initial() -> None:
    text = "The team met in Washington D . C . on Monday ."
    assert holding(found(text), text, "Washington") == ["Washington"]


# ---- dotted abbreviations --------------------------------------------------------------------------------------


def test_a_dotted_abbreviation_keeps_its_last_period_in_the_name() -> None:
    assert clean_name("U.S") == "U.S."
    text = "The company moved its office to the U.S."
    assert [m.name for m in found(text) if m.text.startswith("U.S")] == ["U.S."]


def test_a_plain_acronym_or_word_gets_no_period() -> None:
    assert clean_name("US") == "US"
    assert clean_name("Kelso.") == "Kelso"
    assert clean_name("U.S. Navy") == "U.S. Navy"


# ---- offices whose second word is a rank -----------------------------------------------------------------------


def test_an_office_ending_in_a_rank_titles_the_person_with_both_words() -> None:
    people = _titled_people("r", "The suit was filed by Attorney General Dana Whitcombe on Monday.")
    assert [(m.text, m.name, m.label) for m in people] == [
        ("Attorney General Dana Whitcombe", "Dana Whitcombe", "PERSON")
    ]


def test_a_plain_rank_still_titles_a_person_and_an_office_alone_names_no_one() -> None:
    assert [m.text for m in _titled_people("r", "General Dana Whitcombe spoke.")] == ["General Dana Whitcombe"]
    assert _titled_people("r", "The Attorney General declined to comment.") == []


def test_an_office_after_a_name_is_no_part_of_the_name() -> None:
    people = _titled_people("r", "Aides said Dr. Ravi Dunmore Surgeon General nominee was ready.")
    assert [m.name for m in people] == ["Ravi Dunmore"]


def test_a_common_noun_opening_a_sentence_is_not_a_name_but_a_name_opening_one_is() -> None:
    text = "Survivors said the boat tilted. Rescue divers searched all night. Karim Hossain said he swam ashore."
    mentions = found(text)
    assert holding(mentions, text, "Survivors") == [] and holding(mentions, text, "Rescue") == []
    assert holding(mentions, text, "Karim Hossain") == ["Karim Hossain"]


def test_a_headline_name_that_ran_on_is_cut_to_the_name_the_body_writes() -> None:
    text = "President Nominates Rosa Ibanez For Top Post\nThe president named Rosa Ibanez on Monday ."
    mentions = found(text)
    assert holding(mentions, text, "Rosa Ibanez") == ["Rosa Ibanez"]
    assert not any("Nominates" in m.text for m in mentions)
