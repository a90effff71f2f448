"""Arabic-script and Cyrillic names romanized, and scored against the Latin spellings news uses."""

from __future__ import annotations

import pytest

from rashomon.names import skeleton
from rashomon.romanize import romanize, script_of, script_similarity, units


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Vladimir Putin", "latin"),
        ("José Müller", "latin"),
        ("Владимир Путин", "cyrillic"),
        ("Зеленський", "cyrillic"),
        ("معمر القذافي", "arabic"),
        ("پوتین", "arabic"),
        ("1989", "other"),
        ("", "other"),
        ("東京", "other"),
        ("Путин (Putin)", "cyrillic"),
    ],
)
def test_the_script_is_the_one_most_letters_are_written_in(text: str, script: str) -> None:
    assert script_of(text) == script


@pytest.mark.parametrize("text", ["Vladimir Putin", "José Müller-Lüdenscheidt", "O'Brien, Jr.", "", "東京 1989"])
def test_latin_and_other_text_passes_unchanged(text: str) -> None:
    assert romanize(text) == text


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Владимир Путин", "Vladimir Putin"),
        ("Валентин Демидов", "Valentin Demidov"),
        ("Зеленський", "Zelensky"),  # a final -ий is one y
        ("Ельцин", "Yeltsin"),  # an initial е is ye
        ("Юлія Тимошенко", "Yuliya Tymoshenko"),  # Ukrainian: и is y
        ("Вучић", "Vučić"),  # Serbian
        ("Хрущёв", "Khrushchov"),
        ("ПУТИН", "PUTIN"),
    ],
)
def test_cyrillic_is_written_as_english_language_news_writes_it(cyrillic: str, latin: str) -> None:
    assert romanize(cyrillic) == latin


@pytest.mark.parametrize(
    ("arabic", "english"),
    [
        ("آرثر", "arthur"),  # short vowels are unwritten: the skeletons agree
        ("القذافي", "qadhafi"),  # the article is al-
        ("أسامة", "osama"),  # hamza on alif, ta marbuta
        ("إبراهيم", "ibrahim"),
        ("موسى", "musa"),  # alif maqsura
        ("مُحَمَّد", "muhammad"),  # harakat and shadda when written
        ("محـمد", "mohammed"),  # tatweel
        ("يوسف", "youssef"),
        ("عبدالله", "abdullah"),
        ("پوتین", "putin"),  # Persian pe and yeh
        ("گرگین", "gorgin"),  # Persian gaf
        ("چمران", "chamran"),  # Persian che
    ],
)
def test_arabic_romanizes_to_the_consonant_skeleton_of_the_english_spelling(arabic: str, english: str) -> None:
    latin = romanize(arabic)
    assert latin.isascii()
    assert skeleton(latin.removeprefix("al-")) == skeleton(english)


def test_arabic_romanization_reads_like_news() -> None:
    assert romanize("معمر القذافي") == "Mamr al-Qdhafi"
    assert romanize("محمود عباس") == "Mhmoud Abas"
    assert romanize("ژاله") == "Zhalh"


def test_units_are_one_per_letter() -> None:
    assert units("آرثر") == ("a", "r", "th", "r")
    assert units("القذافي") == ("al-", "q", "dh", "a", "f", "i")
    assert units("Щербаков") == ("sh", "ch", "e", "r", "b", "a", "k", "o", "v")
    assert units("Putin") == ("p", "u", "t", "i", "n")


@pytest.mark.parametrize(
    ("name", "spellings"),
    [
        ("Владимир", ["Vladimir", "Wladimir"]),
        ("Путин", ["Putin", "Poutine"]),
        ("Валентин", ["Valentin", "Valentyn"]),
        ("Демидов", ["Demidov", "Demydov"]),
        ("Зеленський", ["Zelensky", "Zelenskyy", "Zelenskiy"]),
        ("Ельцин", ["Yeltsin"]),
        ("Михаил", ["Mikhail", "Michael"]),
        ("Ђоковић", ["Djokovic"]),
        ("معمر", ["Muammar"]),
        ("القذافي", ["Gaddafi", "Qadhafi", "al-Qaddafi", "Kadafi"]),
        ("أسامة", ["Osama", "Usama", "Usamah"]),
        ("محمد", ["Mohammed", "Muhammad"]),
        ("عمر", ["Omar", "Umar"]),
        ("حسين", ["Hussein", "Hussain"]),
        ("الأسد", ["Assad", "al-Assad"]),
    ],
)
def test_the_spellings_news_uses_score_high(name: str, spellings: list[str]) -> None:
    for spelling in spellings:
        assert script_similarity(name, spelling) >= 0.88, spelling
        assert script_similarity(spelling, name) == script_similarity(name, spelling)


@pytest.mark.parametrize(
    ("name", "right", "wrong"),
    [
        ("محمد", "Mohammed", "Ahmed"),
        ("Путин", "Putin", "Pushkin"),
        ("حافظ", "Hafez", "Bashar"),
        ("Путин", "Putin", "Medvedev"),
        ("أسامة", "Osama", "Hamas"),
    ],
)
def test_other_names_score_lower(name: str, right: str, wrong: str) -> None:
    assert script_similarity(name, wrong) < script_similarity(name, right) - 0.3


@pytest.mark.parametrize(("a", "b"), [("Путин", "Medvedev"), ("حافظ", "Bashar"), ("القذافي", "Mubarak")])
def test_unrelated_names_score_near_zero(a: str, b: str) -> None:
    assert script_similarity(a, b) < 0.05


def test_scores_are_probabilities_and_empty_tokens_score_zero() -> None:
    assert script_similarity("محمد", "") == 0.0
    assert script_similarity("", "Putin") == 0.0
    assert script_similarity("Путин", "Путин") == 1.0
    assert 0.0 <= script_similarity("محمد", "Мухаммед") <= 1.0
    assert script_similarity("Putin", "Putin") == 1.0  # two Latin tokens: a fallback
