"""A number that is part of a name or a label ("their 8 Block gang", "Public School 298") is not a count; counts
of people a proper adjective describes ("53 Republican senators") stay counts."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def figures_in(text: str) -> list[str]:
    from rashomon.nlp import parse_texts
    from rashomon.quantities import find_quantities

    (parse,) = list(parse_texts([text]))
    return [q.text for q in find_quantities("r", parse, ())]


@pytest.mark.parametrize(
    "text",
    [
        "Prosecutors said the dispute was between their 8 Block gang and a rival crew.",
        "The shooting happened near Public School 298 in Brownsville.",
    ],
)
def test_a_number_inside_a_name_is_not_a_count(text: str) -> None:
    assert figures_in(text) == []


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("The bill passed with the votes of 53 Republican senators.", "53"),
        ("One Palestinian man was killed in the raid.", "One"),
        ("Israeli troops killed 12 Palestinians in the raid.", "12"),
    ],
)
def test_a_count_of_people_a_proper_word_describes_stays_a_count(text: str, figure: str) -> None:
    assert figure in figures_in(text)
