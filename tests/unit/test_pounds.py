""" "Pounds" after a figure is money or a weight: a weight where the sentence tells of weight, the pounds are of a
substance, or the figure makes a compound of a thing; money otherwise."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def units_in(text: str) -> list[tuple[float, str | None, str | None]]:
    from rashomon.nlp import parse_texts
    from rashomon.quantities import find_quantities

    (parse,) = list(parse_texts([text]))
    return [(q.value, q.unit, q.counted) for q in find_quantities("r", parse, ())]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The suspect is six feet tall and weighs 130 pounds, police said.", 130),
        ("The new laptop is an 18.6-pound machine.", 18.6),
        ("Officers seized five pounds of cocaine.", 5),
        ("Deputies said the man is 5-foot-8, 135 pounds, with tattoos on his arms.", 135),
    ],
)
def test_pounds_of_a_weight_are_a_weight_never_sterling(text: str, value: float) -> None:
    assert (value, None, "pound") in units_in(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("He was fined 500 pounds for speeding.", 500),
        ("The club paid 40 million pounds for the striker.", 40e6),
        ("She found a 10-pound note in the street.", 10),
        ("The company lost 40 pounds a share.", 40),
    ],
)
def test_pounds_paid_fined_or_lost_are_sterling(text: str, value: float) -> None:
    assert (value, "GBP", None) in units_in(text)
