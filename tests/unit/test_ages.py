"""Ages are read as ages (a count of years of someone's life), never as counts of people, in the ways news writes
them (the spaCy parse decides little here: "Smith" is often tagged an organisation and "34" a date)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def ages_in(text: str) -> list[tuple[str, float]]:
    from rashomon.dates import find_times
    from rashomon.nlp import parse_texts
    from rashomon.quantities import find_quantities

    (parse,) = list(parse_texts([text]))
    times = find_times("r", text, published="2024-06-07")
    return [(q.text, q.value) for q in find_quantities("r", parse, times) if q.counted == "age"]


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Police said Smith, 34, was shot after an argument with the driver.", 34),
        ("Orozco , 36 , was found hiding in a house a few doors away .", 36),
        ("The singer's publicist confirmed the death. He was 60.", 60),
        ("The rapper died at the age of 42 in New York.", 42),
        ("The actress died in her sleep at 91.", 91),
        ("The shooting began when Smith, a former New Orleans Saints star, 34, was rear-ended.", 34),
    ],
)
def test_an_age_after_a_name_a_pronoun_or_a_word_of_dying_is_an_age(text: str, age: int) -> None:
    assert [value for _, value in ages_in(text)] == [age]


@pytest.mark.parametrize(
    "text",
    [
        "In Chicago, 12, the count rose again.",
        "On Monday, 14 people were hurt in the blast.",
        "Twelve died at 5 a.m. near the market.",
        "He was 30 percent richer than before.",
        "The raid killed Ahmed, a shopkeeper, 12 soldiers and a driver.",
    ],
)
def test_a_figure_after_a_place_a_day_or_a_time_is_no_age(text: str) -> None:
    assert ages_in(text) == []


def test_died_at_77_followed_by_where_is_still_an_age() -> None:
    assert ages_in("The reputed mob boss died at 77 in a prison hospital on Monday.") == [("77", 77)]
