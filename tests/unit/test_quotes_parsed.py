"""Quotes and speakers through the spaCy pipeline: wire-archive quotation marks and speakers named after the quote."""

from __future__ import annotations

from datetime import date

import pytest

from rashomon.records import Report

pytestmark = pytest.mark.model


def quotes(text: str) -> list[tuple[str, str | None]]:
    from rashomon.annotate import annotate

    (doc,) = annotate([Report("a", text)], today=date(2026, 11, 22))
    return [(q.text, q.speaker.text if q.speaker else None) for q in doc.quotes]


def test_wire_archive_quotes_over_several_lines_are_found_with_their_speakers() -> None:
    text = (
        "According to Laurence Mark , producer of the telecast , the actor was chosen `` because we want the "
        "ceremony to be fun .\nHe can hold the screen and he can hold a stage . ''\n"
        "`` Deb and my kids have been the best things that have ever happened to me , without a doubt , '' he said ."
    )

    assert quotes(text) == [
        ("because we want the ceremony to be fun .\nHe can hold the screen and he can hold a stage .", "Laurence Mark"),
        ("Deb and my kids have been the best things that have ever happened to me , without a doubt", "Laurence Mark"),
    ]


@pytest.mark.parametrize(
    "after",
    ["That was what Jim Smith told reporters after the game.", "The statement came from club president Jim Smith."],
)
def test_a_quote_standing_alone_is_credited_to_the_speaker_the_next_paragraph_names(after: str) -> None:
    text = f"The club fired its coach on Monday.\n\n“We needed a change and we will win the cup this year.”\n\n{after}"

    assert [speaker for _, speaker in quotes(text)] == ["Jim Smith"]


def test_a_source_whose_hyphenated_name_the_parse_splits_is_credited_by_the_whole_name() -> None:
    from rashomon.annotate import annotate

    text = "Ministry spokesman Youssef al-Hadhri said 48 people were wounded, 11 of them critically."
    (doc,) = annotate([Report("a", text)], today=date(2026, 11, 22))
    assert [a.source.text for a in doc.attributions] == ["Ministry spokesman Youssef al-Hadhri"]


def cued(text: str) -> list[tuple[str | None, str | None]]:
    from rashomon.annotate import annotate

    (doc,) = annotate([Report("a", text)], today=date(2026, 11, 22))
    return [(q.speaker.text if q.speaker else None, q.cue) for q in doc.quotes]


def test_a_name_that_says_whom_the_speaker_works_for_is_not_the_speaker() -> None:
    text = (
        '"With half a million ballots left to count, we remain confident," McSally campaign CEO Jim Bognet said '
        "in a statement."
    )
    assert quotes(text)[0][1] == "Jim Bognet"


def test_a_speaker_read_through_he_said_is_marked_as_read_through_a_pronoun() -> None:
    text = 'Mark Lee spoke to reporters on Friday. "We will fight this ruling in every court," he said.'
    assert cued(text) == [("Mark Lee", "pronoun")]
