"""A report's statements split into facts with slots (hand-built parses, no model)."""

from __future__ import annotations

from dataclasses import replace

from rashomon.facts import find_facts
from rashomon.records import Fact, Quantity, TimeExpr
from tests.unit.builders import mention, parse_of, sentences_for

TEXT = "At least 13 people were killed in eastern Syria on Friday , officials said ."


def _killed() -> tuple:  # type: ignore[type-arg]
    parse = parse_of(
        TEXT,
        pos="ADP ADJ NUM NOUN AUX VERB ADP ADJ PROPN ADP PROPN PUNCT NOUN VERB PUNCT",
        dep="advmod pobj nummod nsubjpass auxpass ccomp prep amod pobj prep pobj punct nsubj ROOT punct",
        head="2 0 3 5 5 13 5 8 6 5 9 13 13 13 13",
        lemma="at least 13 people be kill in eastern syria on friday , official say .",
    )
    parse = replace(parse, chunks=((12, 13),))
    start = TEXT.index("13")
    quantity = Quantity("r", start, start + 2, "13", 13.0, None, "people", "kill")
    friday = TEXT.index("Friday")
    time = TimeExpr("r", friday, friday + 6, "Friday", "weekday", None, (("weekday", 4),))
    syria = mention("r", TEXT, "Syria", "GPE")
    facts = find_facts("r", parse, sentences_for("r", parse), (syria,), (time,), (quantity,))
    return facts


def test_one_sentence_with_a_toll_a_place_and_a_day_gives_one_fact_each() -> None:
    facts = {f.kind: f for f in _killed()}
    assert {"count", "place", "time", "event"} <= facts.keys()
    assert {facts[k].predicate for k in ("count", "place", "time", "event")} == {"kill"}
    assert facts["count"].text == "13" and facts["count"].qualifier == "at least"
    assert facts["place"].text == "Syria" and facts["place"].role == "prep:in"
    assert facts["time"].text == "Friday" and facts["time"].role == "prep:on"
    assert facts["event"].text == "killed" and not facts["event"].negated


def test_said_gives_no_fact_of_its_own_but_the_speaker_phrase_is_a_thing() -> None:
    facts = _killed()
    assert not any(f.kind == "event" and f.text == "said" for f in facts)
    officials = next(f for f in facts if f.text == "officials")
    assert officials.kind == "thing" and officials.predicate == "say"


def test_a_fact_keeps_its_clause_and_the_words_around_its_value() -> None:
    count = next(f for f in _killed() if f.kind == "count")
    clause = TEXT[count.clause[0] : count.clause[1]]
    assert clause.startswith("At least 13 people") and "Friday" in clause
    assert "people" in count.window and count.topic == "people"


def test_nobody_was_killed_denies_the_killing() -> None:
    text = "Nobody was killed ."
    parse = parse_of(
        text, pos="PRON AUX VERB PUNCT", dep="nsubjpass auxpass ROOT punct", head="2 2 2 2", lemma="nobody be kill ."
    )
    facts = find_facts("r", parse, sentences_for("r", parse), (), (), ())
    assert next(f for f in facts if f.kind == "event").negated


def test_what_officials_are_assessing_is_not_asserted() -> None:
    text = "Officials are assessing reports of civilian injuries ."
    parse = parse_of(
        text,
        pos="NOUN AUX VERB NOUN ADP ADJ NOUN PUNCT",
        dep="nsubj aux ROOT dobj prep amod pobj punct",
        head="2 2 2 2 3 6 4 2",
        lemma="official be assess report of civilian injury .",
    )
    parse = replace(parse, chunks=((0, 1), (3, 4), (5, 7)))
    facts = find_facts("r", parse, sentences_for("r", parse), (), (), ())
    injuries = next(f for f in facts if f.text == "civilian injuries")
    assert injuries.hedged and injuries.predicate == "assess"


def test_a_figure_given_as_a_rise_is_an_update_and_a_gap_is_a_difference() -> None:
    text = "The toll rose to 15 , 13 short of the record ."
    parse = parse_of(
        text,
        pos="DET NOUN VERB ADP NUM PUNCT NUM ADJ ADP DET NOUN PUNCT",
        dep="det nsubj ROOT prep pobj punct appos amod prep det pobj punct",
        head="1 2 2 2 3 2 4 6 7 10 8 2",
        lemma="the toll rise to 15 , 13 short of the record .",
    )
    q15 = Quantity("r", text.index("15"), text.index("15") + 2, "15", 15.0, None, None, "rise")
    q13 = Quantity("r", text.index("13"), text.index("13") + 2, "13", 13.0, None, None, None)
    facts = find_facts("r", parse, sentences_for("r", parse), (), (), (q15, q13))
    by_text = {f.text: f for f in facts if f.kind == "count"}
    assert by_text["15"].update
    assert by_text["13"].qualifier == "difference"


def _count(text: str, written: str, value: float, unit: str | None, counted: str | None, **parsed: str) -> Fact:
    """The count fact of ``written`` in a hand-parsed one-sentence report (``parsed``: pos, dep, head, lemma)."""
    parse = parse_of(text, **parsed)
    start = text.index(written)
    quantity = Quantity("r", start, start + len(written), written, value, unit, counted, "")
    facts = find_facts("r", parse, sentences_for("r", parse), (), (), (quantity,))
    return next(f for f in facts if f.kind == "count" and f.text == written)


def _friday(text: str, **parsed: str) -> Fact:
    """The time fact of "Friday" in a hand-parsed one-sentence report."""
    parse = parse_of(text, **parsed)
    friday = text.index("Friday")
    time = TimeExpr("r", friday, friday + 6, "Friday", "weekday", None, (("weekday", 4),))
    facts = find_facts("r", parse, sentences_for("r", parse), (), (time,), ())
    return next(f for f in facts if f.kind == "time")


def test_a_figure_analysts_expect_through_a_coordinated_clause_is_not_asserted() -> None:
    rate = _count(
        "Analysts expected jobs gained and the rate to fall to 5.7 % .",
        "5.7 %",
        5.7,
        "percent",
        "rate",
        pos="NOUN VERB NOUN VERB CCONJ DET NOUN PART VERB ADP NUM NOUN PUNCT",
        dep="nsubj ROOT nsubj ccomp cc det nsubj aux conj prep nummod pobj punct",
        head="1 1 3 1 3 6 8 8 3 8 11 9 1",
        lemma="analyst expect job gain and the rate to fall to 5.7 % .",
    )
    assert rate.predicate == "fall" and rate.hedged


def test_a_clause_beside_an_expectation_is_still_asserted() -> None:
    toll = _count(
        "Officials expect rain and the storm killed 5 people .",
        "5",
        5.0,
        None,
        "people",
        pos="NOUN VERB NOUN CCONJ DET NOUN VERB NUM NOUN PUNCT",
        dep="nsubj ROOT dobj cc det nsubj conj nummod dobj punct",
        head="1 1 1 1 5 6 1 8 6 1",
        lemma="official expect rain and the storm kill 5 people .",
    )
    assert toll.predicate == "kill" and not toll.hedged


def test_the_total_after_a_part_of_it_counts_the_whole_however_the_parse_hangs_of() -> None:
    text = "Jurors found him guilty on four of five charges ."
    parse = parse_of(
        text,
        pos="NOUN VERB PRON ADJ ADP NUM ADP NUM NOUN PUNCT",
        dep="nsubj ROOT nsubj ccomp prep quantmod quantmod nummod pobj punct",
        head="1 1 3 1 3 7 7 8 4 1",
        lemma="juror find he guilty on four of five charge .",
    )
    four, five = text.index("four"), text.index("five")
    quantities = (
        Quantity("r", four, four + 4, "four", 4.0, None, "charge", "find"),
        Quantity("r", five, five + 4, "five", 5.0, None, "charge", "find"),
    )
    facts = find_facts("r", parse, sentences_for("r", parse), (), (), quantities)
    five = next(f for f in facts if f.kind == "count" and f.text == "five")
    assert "whole" in five.modifiers and five.measured == "charge"


def test_a_time_of_a_support_verb_goes_with_the_happening_its_object_names() -> None:
    when = _friday(
        "A gunman opened fire at a party on Friday .",
        pos="DET NOUN VERB NOUN ADP DET NOUN ADP PROPN PUNCT",
        dep="det nsubj ROOT dobj prep det pobj prep pobj punct",
        head="1 2 2 2 2 6 4 2 7 2",
        lemma="a gunman open fire at a party on friday .",
    )
    assert when.path[0] == "fire"  # a shooting's day, not the day something was opened


def test_a_support_verb_without_an_object_keeps_its_own_lemma() -> None:
    when = _friday(
        "The store opened on Friday .",
        pos="DET NOUN VERB ADP PROPN PUNCT",
        dep="det nsubj ROOT prep pobj punct",
        head="1 2 2 2 3 2",
        lemma="the store open on friday .",
    )
    assert when.path[0] == "open"


def test_a_passive_support_verb_goes_with_the_happening_its_subject_names() -> None:
    when = _friday(
        "A vigil was held on Friday .",
        pos="DET NOUN AUX VERB ADP PROPN PUNCT",
        dep="det nsubjpass auxpass ROOT prep pobj punct",
        head="1 3 3 3 3 4 3",
        lemma="a vigil be hold on friday .",
    )
    assert when.path[0] == "vigil" and when.topic == "vigil"  # a vigil's day: nobody was held


def test_a_time_inside_a_noun_phrase_dates_that_noun_not_the_verb() -> None:
    when = _friday(
        "Police named the suspects at a Friday news conference .",
        pos="NOUN VERB DET NOUN ADP DET PROPN NOUN NOUN PUNCT",
        dep="nsubj ROOT det dobj prep det compound compound pobj punct",
        head="1 1 3 1 1 8 8 8 4 1",
        lemma="police name the suspect at a friday news conference .",
    )
    assert when.predicate == "conference" and when.path == ("conference",)  # not the day anyone was named


def test_an_age_at_death_is_no_update_though_passed_is_a_verb_of_growing() -> None:
    age = _count(
        "Ginsburg passed away Friday at age 87 .",
        "87",
        87.0,
        None,
        "age",
        pos="PROPN VERB ADV PROPN ADP NOUN NUM PUNCT",
        dep="nsubj ROOT prt npadvmod prep pobj nummod punct",
        head="1 1 1 1 1 4 5 1",
        lemma="ginsburg pass away friday at age 87 .",
    )
    assert not age.update


def test_a_bill_passed_with_a_figure_is_no_update_but_a_toll_that_passed_one_is() -> None:
    bill = _count(
        "The House passed a $ 1.37 trillion package .",
        "$ 1.37 trillion",
        1.37e12,
        "USD",
        None,
        pos="DET PROPN VERB DET SYM NUM NUM NOUN PUNCT",
        dep="det nsubj ROOT det nmod compound nummod dobj punct",
        head="1 2 2 7 7 6 7 2 2",
        lemma="the house pass a $ 1.37 trillion package .",
    )
    assert not bill.update
    toll = _count(
        "The toll passed 100 .",
        "100",
        100.0,
        None,
        None,
        pos="DET NOUN VERB NUM PUNCT",
        dep="det nsubj ROOT dobj punct",
        head="1 2 2 2 2",
        lemma="the toll pass 100 .",
    )
    assert toll.update


def test_a_figure_something_was_revised_to_measures_the_revised_thing() -> None:
    claims = _count(
        "Claims for the prior week were revised to 6.9 million .",
        "6.9 million",
        6.9e6,
        None,
        None,
        pos="NOUN ADP DET ADJ NOUN AUX VERB ADP NUM NUM PUNCT",
        dep="nsubjpass prep det amod pobj auxpass ROOT prep compound pobj punct",
        head="6 0 4 4 1 6 6 6 9 7 6",
        lemma="claim for the prior week be revise to 6.9 million .",
    )
    assert claims.measured == "claim"


def test_what_a_counted_thing_is_doing_to_people_is_not_what_it_counts() -> None:
    parsed = {
        "pos": "NUM NOUN AUX VERB ADJ PUNCT",
        "dep": "nummod nsubj aux ROOT xcomp punct",
        "head": "1 3 3 3 3 3",
        "lemma": "two helicopter be evacuate injured .",
    }
    carrying = _count(
        "Two helicopters were evacuating injured .", "Two", 2.0, None, None, **parsed, tag="CD NNS VBD VBG JJ ."
    )
    assert carrying.measured == "helicopter"
    # a state told through a passive or linking verb is the counted people's: "five were listed injured"
    left = _count(
        "Five officers were left injured .",
        "Five",
        5.0,
        None,
        None,
        pos="NUM NOUN AUX VERB ADJ PUNCT",
        dep="nummod nsubjpass auxpass ROOT oprd punct",
        head="1 3 3 3 3 3",
        lemma="five officer be leave injured .",
        tag="CD NNS VBD VBN JJ .",
    )
    assert left.measured == "injured"
