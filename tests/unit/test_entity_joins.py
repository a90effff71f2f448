"""Entity resolution inside one event: which short, variant and abbreviated names join a full name, and which stay
apart. Mentions are built by hand (no model)."""

from __future__ import annotations

from rashomon.names import without_post_nominals
from rashomon.records import Mention
from rashomon.resolve import acronym_of, resolve_entities

from .builders import mention


def _same(ms: list[Mention], a: Mention, b: Mention) -> bool:
    res = resolve_entities(ms)
    return res.by_span[(a.report, a.start, a.end)] == res.by_span[(b.report, b.start, b.end)]


A = "The American Medical Association praised the pick. The American Bar Association did too."
B = "AMA officials said the choice was sound. The ABA agreed."


def test_an_acronym_no_report_defines_joins_the_one_name_with_its_initials() -> None:
    ama_full = mention("a", A, "American Medical Association", "ORG")
    aba_full = mention("a", A, "American Bar Association", "ORG")
    ama = mention("b", B, "AMA", "ORG")
    aba = mention("b", B, "ABA", "ORG")
    ms = [ama_full, aba_full, ama, aba]
    assert _same(ms, ama_full, ama)
    assert _same(ms, aba_full, aba)
    assert not _same(ms, ama, aba)


def test_an_acronym_matching_two_names_stays_apart() -> None:
    text = "The Army Medical Agency and the American Medical Association met. AMA said nothing."
    one = mention("a", text, "Army Medical Agency", "ORG")
    two = mention("a", text, "American Medical Association", "ORG")
    ama = mention("a", text, "AMA", "ORG")
    ms = [one, two, ama]
    assert not _same(ms, one, ama) and not _same(ms, two, ama)


def test_a_team_or_product_named_by_its_last_word_joins_its_full_name() -> None:
    a = "The San Diego Chargers released a statement. He drove a Toyota Camry."
    b = "The Chargers said little. The Camry was found later."
    chargers = mention("a", a, "San Diego Chargers", "ORG")
    camry = mention("a", a, "Toyota Camry", "PRODUCT")
    short_chargers = mention("b", b, "Chargers", "ORG")
    short_camry = mention("b", b, "Camry", "PRODUCT")
    ms = [chargers, camry, short_chargers, short_camry]
    assert _same(ms, chargers, short_chargers)
    assert _same(ms, camry, short_camry)


def test_a_place_is_not_joined_to_a_longer_place_ending_with_it() -> None:
    text = "Pirates struck in the Gulf of Aden. Aden port was closed."
    gulf = mention("a", text, "Gulf of Aden", "LOC")
    aden = mention("a", text, "Aden", "GPE", occurrence=2)
    assert not _same([gulf, aden], gulf, aden)


def test_names_of_several_words_that_differ_by_a_plural_are_one() -> None:
    text = "The Academy of Motion Picture Arts met. The Academy of Motion Pictures Arts said so."
    one = mention("a", text, "Academy of Motion Picture Arts", "ORG")
    two = mention("a", text, "Academy of Motion Pictures Arts", "ORG")
    assert _same([one, two], one, two)


def test_a_place_of_several_words_spelled_two_ways_is_one_but_two_known_places_stay_two() -> None:
    text = "Ships in the Gulf of Eden were hit. The Gulf of Aden is busy. North Carolina and South Carolina voted."
    eden = mention("a", text, "Gulf of Eden", "LOC")
    aden = mention("a", text, "Gulf of Aden", "LOC")
    north = mention("a", text, "North Carolina", "GPE")
    south = mention("a", text, "South Carolina", "GPE")
    ms = [eden, aden, north, south]
    assert _same(ms, eden, aden)
    assert not _same(ms, north, south)


def test_a_degree_or_an_age_after_a_comma_is_not_part_of_a_name() -> None:
    assert without_post_nominals("Regina Benjamin, M.D., M.B.A.") == "Regina Benjamin"
    assert without_post_nominals("Eric Kirk, 61") == "Eric Kirk"
    assert without_post_nominals("GADDAFI, Muammar") == "GADDAFI, Muammar"
    assert without_post_nominals("Paris, France") == "Paris, France"


def test_the_initials_of_a_name_skip_joining_words() -> None:
    assert acronym_of("Academy of Motion Picture Arts and Sciences") == "AMPAS"
    assert acronym_of("Hezbollah") == ""


def test_two_people_sharing_a_surname_with_different_given_names_stay_two() -> None:
    text = "Raul Castro spoke after Fidel Castro. Castro said more."
    raul = mention("a", text, "Raul Castro", "PERSON")
    fidel = mention("a", text, "Fidel Castro", "PERSON")
    ms = [raul, fidel]
    assert not _same(ms, raul, fidel)


def test_a_canonical_name_is_not_a_dateline_in_capitals() -> None:
    text = "MUAMMAR GADDAFI - Muammar Gaddafi spoke. Gaddafi left."
    shouted = mention("a", text, "MUAMMAR GADDAFI", "PERSON")
    usual = mention("a", text, "Muammar Gaddafi", "PERSON")
    res = resolve_entities([shouted, usual])
    assert [e.name for e in res.entities] == ["Muammar Gaddafi"]


def test_a_name_in_the_curated_table_takes_its_type_whatever_the_tagger_said() -> None:
    text = "Twitter users said Covid cases rose."
    twitter = mention("a", text, "Twitter", "PERSON")
    covid = mention("a", text, "Covid", "PERSON")
    types = {e.name: e.type for e in resolve_entities([twitter, covid]).entities}
    assert types == {"Twitter": "ORG", "Covid": "OTHER"}


def test_a_name_with_an_acronym_inside_joins_the_name_spelling_it_out() -> None:
    text = "The INS Sukanya sailed. The Indian Naval Ship Sukanya returned. The INS Tarkash stayed."
    short = mention("a", text, "INS Sukanya", "PRODUCT")
    full = mention("a", text, "Indian Naval Ship Sukanya", "PRODUCT")
    other = mention("a", text, "INS Tarkash", "PRODUCT")
    ms = [short, full, other]
    assert _same(ms, short, full)
    assert not _same(ms, other, full)


def test_mt_and_mount_are_one_word() -> None:
    text = "Climbers on Mt Cook were stranded. Mount Cook is high."
    mt = mention("a", text, "Mt Cook", "LOC")
    mount = mention("a", text, "Mount Cook", "LOC")
    assert _same([mt, mount], mt, mount)


def test_a_name_qualified_by_a_place_is_the_name_and_a_deputy_is_not() -> None:
    text = "The U.S. Surgeon General spoke. The Surgeon General left. The Deputy Surgeon General stayed."
    qualified = mention("a", text, "U.S. Surgeon General", "ORG")
    plain = mention("a", text, "Surgeon General", "ORG", occurrence=2)
    deputy = mention("a", text, "Deputy Surgeon General", "ORG")
    ms = [qualified, plain, deputy]
    assert _same(ms, qualified, plain)
    assert not _same(ms, deputy, plain)


def test_a_place_of_several_words_inside_a_longer_place_name_is_that_place() -> None:
    text = "Climbers died on Aoraki Mount Cook. Mt Cook is New Zealand's highest peak."
    long = mention("a", text, "Aoraki Mount Cook", "LOC")
    short = mention("a", text, "Mt Cook", "LOC")
    assert _same([long, short], long, short)


def test_a_name_only_written_in_capitals_is_shown_in_title_case_and_an_acronym_stays() -> None:
    text = "WASHINGTON - NATO met."
    dateline = mention("a", text, "WASHINGTON", "GPE")
    nato = mention("a", text, "NATO", "ORG")
    assert {e.name for e in resolve_entities([dateline, nato]).entities} == {"Washington", "NATO"}


def test_a_model_designation_alone_joins_the_one_full_model_name() -> None:
    text = "The MQ-9 Reaper crashed. Two MQ-9s were lost. An F-16 flew by."
    full = mention("a", text, "MQ-9 Reaper", "PRODUCT")
    plural = mention("a", text, "MQ-9s", "PRODUCT")
    other = mention("a", text, "F-16", "PRODUCT")
    ms = [full, plural, other]
    assert _same(ms, full, plural) and not _same(ms, full, other)
