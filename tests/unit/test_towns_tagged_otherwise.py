"""A town the tagger took for an organisation or a person is a place where it stands as one ("outside a store in
Corpus Christi"), and only there: a name of the gazetteer after no locative word, or typed surely as something
else, stays what it was."""

from __future__ import annotations

from rashomon.places import find_locations, reads_as_place
from rashomon.records import Mention


def mention(text: str, name: str, label: str, strong: bool = False) -> Mention:
    start = text.index(name)
    return Mention("r", start, start + len(name), name, label, name, "ner", strong)


def test_a_known_town_tagged_as_an_organisation_after_a_locative_word_is_a_place() -> None:
    text = "A man was killed outside a store in Corpus Christi on Wednesday night."
    assert reads_as_place(text, mention(text, "Corpus Christi", "ORG"))
    (loc,) = find_locations(text, [mention(text, "Corpus Christi", "ORG")], (0, len(text)), {})
    assert loc.text == "Corpus Christi"


def test_a_known_town_tagged_as_a_person_near_a_locative_word_is_a_place() -> None:
    text = "The plane crashed near Pokhara shortly after take-off."
    assert reads_as_place(text, mention(text, "Pokhara", "PERSON"))


def test_a_town_name_that_no_locative_word_introduces_stays_what_the_tagger_said() -> None:
    text = "Police arrested Bloomington resident John Doe."
    assert not reads_as_place(text, mention(text, "Bloomington", "ORG"))


def test_a_name_typed_surely_as_an_organisation_or_unknown_to_the_gazetteer_is_no_place() -> None:
    text = "She works in Acme Widgets and lives in Corpus Christi."
    assert not reads_as_place(text, mention(text, "Acme Widgets", "ORG"))
    assert not reads_as_place(text, mention(text, "Corpus Christi", "ORG", strong=True))
