"""The parse keeps to the lines of a report: a headline is never parsed into its lead."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def test_a_headline_and_its_lead_are_parsed_as_two_sentences() -> None:
    from rashomon.nlp import parse_texts

    text = "Toledo shooting\nThree people died and four were injured in a bar early Sunday, police said."
    (parse,) = parse_texts([text])
    headline_end = text.index("\n")
    first, second = parse.sents[0], parse.sents[1]
    assert parse.tokens[first[1] - 1].end <= headline_end < parse.tokens[second[0]].start
    for a, b in (first, second):
        assert all(a <= parse.tokens[k].head < b for k in range(a, b)), "a word's head lies in another line"
    four = next(t for t in parse.tokens if t.text == "four")
    assert parse.tokens[four.head].text == "injured"
