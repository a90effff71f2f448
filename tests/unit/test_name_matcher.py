"""The learned name matcher, one kind of variation at a time: each has pairs that are one person's name (scored at or
above the shipped threshold) and pairs that are not (below it, or kept apart by resolution's constraints)."""

from __future__ import annotations

import pytest

from rashomon.matcher import default_model, match_tokens, name_score, pair_features, penalty, reorder
from rashomon.resolve import same_person_name

THRESHOLD = default_model().threshold

SAME = {
    "transliteration": [
        ("Muammar Qadhafi", "Muammar Gaddafi"),
        ("Moammar Ghathafi", "Muammar Gaddafi"),
        ("Osama al-Muhajer", "Usamah al-Muhajir"),
        ("Valentin Demidov", "Valentyn Demydov"),
        ("Sergey Arbuzov", "Serhiy Arbuzov"),
        ("Aleksey Zaytsev", "Alexei Zaitsev"),
        ("Mikhail Hryb", "Mikhail Grib"),
    ],
    "articles": [("Abd al-Rahman Mustafa", "Abdul Rahman Mustafa"), ("Nasir ad-Din Tusi", "Nasir al-Din Tusi")],
    "bin_ibn": [("Osama bin Laden", "Usama ibn Ladin")],
    "apostrophes": [("Ahmad Shah Mas'ud", "Ahmad Shah Masud")],
    "spacing_hyphens": [("Abdul Haq Wasiq", "Abdulhaq Wasiq"), ("Musa Abu-Marzuq", "Mousa Abu Marzook")],
    "word_order": [("GADDAFI, Muammar", "Muammar Gaddafi")],
    "case": [("MUAMMAR GADDAFI", "Muammar Gaddafi")],
    "initials": [("J. Smith", "John Smith")],
    "titles": [("Dr. Ayman al-Zawahiri", "Ayman al-Zawahiri"), ("Gen. Michael Erik Kurilla", "Michael Kurilla")],
    "nicknames": [("Bill Clinton", "William Clinton"), ("Bob Menendez", "Robert Menendez")],
    "middle_names": [("Aleksey Alekseyevich Zaytsev", "Alexei Zaitsev")],
    "scripts": [
        ("Владимир Путин", "Vladimir Putin"),
        ("Володимир Зеленський", "Volodymyr Zelensky"),
        ("معمر القذافي", "Muammar Gaddafi"),
        ("أسامة بن لادن", "Osama bin Laden"),
    ],
}
APART = {
    "relatives": [("Hannibal Gaddafi", "Muammar Gaddafi"), ("Bashar al-Assad", "Hafez al-Assad")],
    "given_names": [("Joe Biden", "Hunter Biden"), ("Raul Castro", "Fidel Castro")],
    "generations": [("Donald Trump", "Donald Trump Jr.")],
    "gendered_titles": [("Mr. John Smith", "Mrs. John Smith")],
    "nothing_in_common": [("Vladimir Putin", "Dmitry Medvedev"), ("Dawood Ibrahim", "Amir Saheb")],
    "scripts": [("Владимир Путин", "Дмитрий Медведев"), ("معمر القذافي", "Hannibal Gaddafi")],
}
# pairs the score alone may rate high but resolution keeps apart (a different given name, initial or name part)
KEPT_APART = [
    ("J. Smith", "Mary Smith"),
    ("Hillary Clinton", "Bill Clinton"),
    ("Kim Jong Un", "Kim Jong Il"),
    ("Mohammed bin Salman", "Mohammed bin Nayef"),
    ("Omar Rincon Castillo", "Emerio Rincon Castillo"),
    ("Donald Trump", "Donald Trump Jr."),
]


# for each kind of variation above, a pair that looks alike the same way but names two people
NOT_SAME = {
    "transliteration": ("Valentin Demidov", "Valentin Dmitriev"),
    "articles": ("Abd al-Rahman Mustafa", "Abd al-Karim Mustafa"),
    "bin_ibn": ("Osama bin Laden", "Salem bin Laden"),
    "apostrophes": ("Ahmad Shah Mas'ud", "Ahmad Zia Mas'ud"),
    "spacing_hyphens": ("Musa Abu-Marzuq", "Musa Abu-Hamid"),
    "word_order": ("GADDAFI, Saif", "Muammar Gaddafi"),
    "case": ("MUAMMAR GADDAFI", "Hannibal Gaddafi"),
    "initials": ("J. Smith", "M. Smith"),
    "titles": ("Dr. Ayman al-Zawahiri", "Dr. Ayman Nour"),
    "nicknames": ("Bill Clinton", "Roger Clinton"),
    "middle_names": ("Aleksey Alekseyevich Zaytsev", "Sergey Alekseyevich Zaytsev"),
    "scripts": ("Владимир Путин", "Vladimir Pushkin"),
}


def test_every_kind_of_variation_has_a_negative_pair() -> None:
    assert set(NOT_SAME) == set(SAME)


@pytest.mark.parametrize(("a", "b"), list(NOT_SAME.values()), ids=list(NOT_SAME))
def test_names_alike_in_one_way_but_of_two_people_are_not_resolved_as_one(a: str, b: str) -> None:
    assert not same_person_name(a, b)


@pytest.mark.parametrize(("a", "b"), [p for pairs in SAME.values() for p in pairs])
def test_spellings_of_one_name_score_at_or_above_the_threshold(a: str, b: str) -> None:
    assert name_score(a, b) >= THRESHOLD
    assert same_person_name(a, b)


@pytest.mark.parametrize(("a", "b"), [p for pairs in APART.values() for p in pairs])
def test_names_of_two_people_score_below_the_threshold(a: str, b: str) -> None:
    assert name_score(a, b) < THRESHOLD
    assert not same_person_name(a, b)


@pytest.mark.parametrize(("a", "b"), KEPT_APART)
def test_resolution_keeps_apart_names_that_differ_in_a_given_name_or_a_name_part(a: str, b: str) -> None:
    assert not same_person_name(a, b)


def test_the_score_is_symmetric() -> None:
    for a, b in [p for pairs in SAME.values() for p in pairs]:
        assert name_score(a, b) == pytest.approx(name_score(b, a))
        assert pair_features(a, b, default_model()) == pytest.approx(pair_features(b, a, default_model()))


def test_a_list_order_surname_comma_given_reads_as_a_report_writes_it() -> None:
    assert reorder("GADDAFI, Muammar") == "Muammar GADDAFI"
    assert reorder("Muammar Gaddafi") == "Muammar Gaddafi"
    assert match_tokens("AL-ZAWAHIRI, Dr. Ayman") == ("ayman", "zawahiri")


def test_connectors_inside_a_name_are_set_aside_but_a_given_name_ben_is_kept() -> None:
    assert match_tokens("Osama bin Laden") == ("osama", "laden")
    assert match_tokens("Ben Carson") == ("ben", "carson")


def test_a_rare_shared_surname_is_stronger_evidence_than_a_common_one() -> None:
    model = default_model()
    assert model.rarity("Zawahiri") > model.rarity("Muhammad")


def test_hard_evidence_multiplies_the_score_down() -> None:
    assert penalty("Donald Trump", "Donald Trump Jr.") < 1.0
    assert penalty("Mr. Smith", "Mrs. Smith") < 1.0
    assert penalty("Mr. Smith", "Smith") == 1.0
    assert penalty("Hillary Clinton", "Bill Clinton") < 1.0  # relatives: the surname agrees, the given names do not
    assert penalty("Bill Clinton", "William Jefferson Clinton") == 1.0


def test_each_feature_contribution_explains_the_score() -> None:
    model = default_model()
    values = pair_features("Muammar Qadhafi", "Muammar Gaddafi", model)
    contributions = model.contributions(values)
    assert len(contributions) == len(model.features)
    assert sum(contributions) + model.intercept > 0  # the evidence is for one name


def test_a_name_with_no_name_token_matches_nothing() -> None:
    assert name_score("Dr.", "Dr.") == 0.0
    assert name_score("", "Ann Lee") == 0.0
