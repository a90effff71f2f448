"""A generational suffix keeps a son apart from his father, in the name score and in resolution (no model)."""

from __future__ import annotations

from rashomon.names import generation, name_similarity, name_tokens
from rashomon.resolve import resolve_entities
from tests.unit.builders import mention


def test_a_suffix_is_read_and_is_not_a_name_token() -> None:
    assert generation("Donald Trump Jr.") == "junior" and generation("Donald J. Trump") == ""
    assert generation("Martin Luther King III") == "3"
    assert name_tokens("Donald Trump Jr.") == ("donald", "trump")


def test_father_and_son_score_below_two_spellings_of_one_man() -> None:
    assert name_similarity("Donald Trump", "Donald Trump Jr.") < 0.6
    assert name_similarity("Donald Trump Jr.", "Donald Trump Jr") == 1.0
    assert name_similarity("Donald Trump", "Donald Trump Jr.") < name_similarity("Muammar Gaddafi", "Moammar Qaddafi")


def test_father_and_son_stay_two_entities_across_reports() -> None:
    a = "Donald Trump spoke."
    b = "Donald Trump Jr. spoke."
    father = mention("a", a, "Donald Trump", "PERSON")
    son = mention("b", b, "Donald Trump Jr.", "PERSON")
    resolution = resolve_entities([father, son])
    assert resolution.entity_at("a", father.start, father.end) != resolution.entity_at("b", son.start, son.end)


def test_a_job_title_glued_before_a_name_is_not_part_of_it() -> None:
    assert name_tokens("Social Security Commissioner David Black") == ("david", "black")
    assert name_similarity("Social Security Commissioner David Black", "David Black") == 1.0
    assert name_tokens("Martin Luther King") == ("martin", "luther", "king")  # a surname that is also a title


def test_a_titled_name_and_the_bare_name_are_one_person() -> None:
    a = "Social Security Commissioner David Black said so."
    b = "David Black said so."
    long = mention("a", a, "Social Security Commissioner David Black", "PERSON")
    short = mention("b", b, "David Black", "PERSON")
    resolution = resolve_entities([long, short])
    assert resolution.entity_at("a", long.start, long.end) == resolution.entity_at("b", short.start, short.end)


def test_two_spellings_of_one_place_and_a_generic_word_join_but_known_places_stay_apart() -> None:
    def one(a_name: str, b_name: str) -> bool:
        a, b = f"In {a_name} today.", f"In {b_name} today."
        ma, mb = mention("a", a, a_name, "GPE"), mention("b", b, b_name, "GPE")
        r = resolve_entities([ma, mb])
        return r.entity_at("a", ma.start, ma.end) == r.entity_at("b", mb.start, mb.end)

    assert one("Nangahar", "Nangarhar")
    assert one("Ahrweiler county", "Ahrweiler")
    assert not one("Colombia", "Columbia")
    assert not one("Austria", "Australia")


def test_a_time_zone_is_not_a_name() -> None:
    from rashomon.mentions import _is_name_like

    assert not _is_name_like("GMT") and not _is_name_like("UTC")
    assert _is_name_like("CENTCOM")
