"""Behaviour of the pure stage functions on hand-built inputs: names, mentions, places, resolution, quotes, claims,
summary. No model is loaded."""

from __future__ import annotations

import numpy as np

from rashomon.event.align import group_quotes, quotes_match
from rashomon.mentions import _titled_people, alias_table, clean_name, merge_mentions, schwartz_hearst
from rashomon.names import fold, name_similarity, skeleton
from rashomon.pipeline import lexical_vectors
from rashomon.places import compass, directions_conflict
from rashomon.quantities import number_of
from rashomon.records import (
    AliasLink,
    AnnotatedReport,
    Claim,
    Conflict,
    ConflictValue,
    Mention,
    Quote,
    Report,
    Span,
)
from rashomon.resolve import resolve_entities
from rashomon.speech import find_quote_spans, is_name_like, is_speech, trim_span
from rashomon.summarize import describe_conflict, stands_alone
from tests.unit.builders import mention

# ---- names ------------------------------------------------------------------------------------------------------


def test_transliterations_of_one_name_score_high() -> None:
    assert name_similarity("Osama al-Muhajer", "Usamah al-Muhajir") > 0.9
    assert name_similarity("Muammar Gaddafi", "Moammar Qaddafi") > 0.9


def test_two_people_sharing_a_surname_score_lower_than_two_spellings_of_one() -> None:
    assert name_similarity("Bashar al-Assad", "Hafez al-Assad") < name_similarity(
        "Osama al-Muhajer", "Usamah al-Muhajir"
    )


def test_fold_drops_accents_and_apostrophes() -> None:
    assert fold("Ibáñez O’Neill") == "ibanez oneill"
    assert skeleton("Muhajer") == skeleton("Muhajir")


# ---- mentions -----------------------------------------------------------------------------------------------------


def test_acronym_letters_define_the_long_form() -> None:
    long = "the US Central Command"
    assert long[schwartz_hearst("CENTCOM", long) :] == "Central Command"
    quoted = "Islamic State of Iraq and Syria"
    assert schwartz_hearst("ISIS", quoted) == 0


def test_two_acronyms_side_by_side_are_not_a_definition() -> None:
    assert schwartz_hearst("ISIS", "ISIL") is None


def test_titled_people_keep_the_title_in_the_span_and_drop_it_from_the_name() -> None:
    text = 'Air Force Lt. Gen. Alexus Grynkewich said so, and Gen. Michael "Erik" Kurilla agreed.'
    people = {(m.text, m.name) for m in _titled_people("r", text)}
    assert ("Air Force Lt. Gen. Alexus Grynkewich", "Alexus Grynkewich") in people
    assert ('Gen. Michael "Erik" Kurilla', "Michael Kurilla") in people


def test_a_company_named_after_a_rank_is_not_a_person() -> None:
    assert _titled_people("r", "General Motors said profits rose.") == []


def test_clean_name_drops_article_possessive_and_nickname() -> None:
    assert clean_name("the Observatory’s") == "Observatory"
    assert clean_name('Michael "Erik" Kurilla') == "Michael Kurilla"


def test_earlier_layers_win_where_mentions_overlap() -> None:
    strong = Mention("r", 0, 20, "x" * 20, "PERSON", "x", "title", True)
    weak = Mention("r", 10, 25, "y" * 15, "ORG", "y", "ner")
    other = Mention("r", 30, 35, "z" * 5, "GPE", "z", "ner")
    assert merge_mentions([[strong], [weak, other]]) == (strong, other)


def test_alias_table_puts_isis_and_isil_under_one_entry() -> None:
    assert alias_table()["isis"] is alias_table()["isil"]


# ---- places ------------------------------------------------------------------------------------------------------


def test_opposite_compass_directions_conflict_and_neighbours_do_not() -> None:
    assert directions_conflict(compass("eastern"), compass("northwestern"))
    assert not directions_conflict(compass("northern"), compass("northwestern"))
    assert not directions_conflict(compass(""), compass("southern"))


# ---- resolution --------------------------------------------------------------------------------------------------

A = "General Michael Kurilla of US Central Command (CENTCOM) said ISIL was weakened. Grynkewich agreed."
B = 'Centcom commander Gen. Michael "Erik" Kurilla said ISIS remains. Kurilla and Usamah al-Muhajir were named.'
C = "Air Force Lt. Gen. Alexus Grynkewich said Osama al-Muhajer was killed."


def _mentions() -> tuple[list[Mention], list[AliasLink]]:
    ms = [
        mention("a", A, "General Michael Kurilla", "PERSON", name="Michael Kurilla", origin="title", strong=True),
        mention("a", A, "US Central Command", "ORG", strong=True, origin="acronym"),
        mention("a", A, "CENTCOM", "ORG", origin="acronym"),
        mention("a", A, "ISIL", "ORG"),
        mention("a", A, "Grynkewich", "GPE"),
        mention("b", B, "Centcom", "ORG"),
        mention("b", B, 'Gen. Michael "Erik" Kurilla', "PERSON", name="Michael Kurilla", origin="title", strong=True),
        mention("b", B, "ISIS", "ORG"),
        mention("b", B, "Kurilla", "PERSON", occurrence=2),
        mention("b", B, "Usamah al-Muhajir", "PERSON"),
        mention(
            "c",
            C,
            "Air Force Lt. Gen. Alexus Grynkewich",
            "PERSON",
            name="Alexus Grynkewich",
            origin="title",
            strong=True,
        ),
        mention("c", C, "Osama al-Muhajer", "PERSON"),
    ]
    cc = A.index("(CENTCOM)") + 1
    links = [AliasLink("a", (A.index("US Central"), A.index(" (CENTCOM)")), (cc, cc + 7), "acronym")]
    return ms, links


def _entity_of(resolution, report: str, surface: str, text: str) -> str | None:
    start = text.index(surface)
    return resolution.entity_at(report, start, start + len(surface))


def test_mentions_across_reports_resolve_on_named_evidence() -> None:
    ms, links = _mentions()
    res = resolve_entities(ms, links)
    # case variant + acronym definition
    assert _entity_of(res, "a", "US Central Command", A) == _entity_of(res, "b", "Centcom", B)
    # alias table
    assert _entity_of(res, "a", "ISIL", A) == _entity_of(res, "b", "ISIS", B)
    # transliteration
    assert _entity_of(res, "b", "Usamah al-Muhajir", B) == _entity_of(res, "c", "Osama al-Muhajer", C)
    # surname alone joins the one full name ending with it, and the person's type wins over the model's guess
    grynkewich = _entity_of(res, "a", "Grynkewich", A)
    assert grynkewich == _entity_of(res, "c", "Air Force Lt. Gen. Alexus Grynkewich", C)
    entity = next(e for e in res.entities if e.id == grynkewich)
    assert entity.type == "PERSON" and entity.name == "Alexus Grynkewich"
    kurilla = next(e for e in res.entities if e.id == _entity_of(res, "a", "General Michael Kurilla", A))
    assert {"General Michael Kurilla", 'Gen. Michael "Erik" Kurilla', "Kurilla"} <= set(kurilla.aliases)
    assert len({e.id for e in res.entities}) == len(res.entities)


def test_entity_ids_come_from_content_not_from_input_order() -> None:
    ms, links = _mentions()
    forward = resolve_entities(ms, links)
    backward = resolve_entities(list(reversed(ms)), links)
    by_mention = {(m.report, m.start): e.id for e in forward.entities for m in e.mentions}
    assert all(by_mention[(m.report, m.start)] == e.id for e in backward.entities for m in e.mentions)
    assert all(e.id.startswith("E-") for e in forward.entities)
    assert len({e.id for e in forward.entities}) == len(forward.entities)


def test_a_surname_shared_by_two_people_of_other_reports_stays_apart() -> None:
    x = "Bashar al-Assad spoke."
    y = "Hafez al-Assad spoke."
    z = "Assad spoke."
    ms = [
        mention("x", x, "Bashar al-Assad", "PERSON"),
        mention("y", y, "Hafez al-Assad", "PERSON"),
        mention("z", z, "Assad", "PERSON"),
    ]
    res = resolve_entities(ms)
    assert len({res.entity_at(m.report, m.start, m.end) for m in ms}) == 3


# ---- quotes and claims ---------------------------------------------------------------------------------------------


def test_quotes_match_verbatim_and_near_verbatim_but_not_different_words() -> None:
    a = "was conducted by the same MQ-9s [drones] that had … been harassed by Russian aircraft"
    b = "was conducted by the same MQ-9s that had been harassed by Russian aircraft"
    assert quotes_match(a, b)
    assert quotes_match(
        "We remain committed to the defeat of the group,", "We remain committed to the defeat of the group."
    )
    assert not quotes_match("We remain committed to the defeat of the group", "The coalition continues to advise")


def _doc(report: str, text: str, quotes: tuple[Quote, ...], mentions: tuple[Mention, ...]) -> AnnotatedReport:
    return AnnotatedReport(Report(report, text), (), mentions, (), (), quotes)


def test_one_quote_credited_to_two_speakers_is_an_attribution_conflict() -> None:
    q = "The bridge will reopen next week"
    a = f'"{q}," Mayor Ana Ruiz said.'
    b = f'"{q}," said council member Tom Berg.'
    ma = mention("a", a, "Mayor Ana Ruiz", "PERSON", name="Ana Ruiz", strong=True)
    mb = mention("b", b, "Tom Berg", "PERSON")
    qa = Quote("a", 1, 1 + len(q), q, Span("a", ma.start, ma.end, ma.text), "after")
    qb = Quote("b", 1, 1 + len(q), q, Span("b", mb.start, mb.end, mb.text), "after")
    docs = [_doc("a", a, (qa,), (ma,)), _doc("b", b, (qb,), (mb,))]
    groups, claims = group_quotes(docs, resolve_entities([ma, mb]))
    assert len(groups) == 1 and groups[0].speaker is None
    assert [c.conflicts[0].kind for c in claims] == ["attribution"]
    assert {v.attribution for v in claims[0].conflicts[0].values} == {"Mayor Ana Ruiz", "Tom Berg"}


def _credited(q: str, a_name: str, b_name: str) -> list[str]:
    """The kinds of conflict two reports make when each credits the quote ``q`` to a person named alike."""
    a = f'"{q}," {a_name} said.'
    b = f'"{q}," said {b_name}.'
    ma = mention("a", a, a_name, "PERSON")
    mb = mention("b", b, b_name, "PERSON")
    qa = Quote("a", 1, 1 + len(q), q, Span("a", ma.start, ma.end, ma.text), "after")
    qb = Quote("b", 1, 1 + len(q), q, Span("b", mb.start, mb.end, mb.text), "after")
    docs = [_doc("a", a, (qa,), (ma,)), _doc("b", b, (qb,), (mb,))]
    _, claims = group_quotes(docs, resolve_entities([ma, mb]))
    return [c.conflicts[0].kind for c in claims]


def test_one_last_name_credited_two_ways_is_one_person_not_an_attribution_conflict() -> None:
    assert _credited("The bridge will reopen next week", "Police Lt. Jonathan Hubbard", "Chief Lt. Jon Hubbard") == []
    assert _credited("The bridge will reopen next week", "Rezko", "Tony Rezko") == []


def test_a_speaker_read_from_he_said_or_carried_from_a_last_quote_makes_no_attribution_conflict() -> None:
    q = "We appreciate your respect for her privacy at this time"
    a = f'Ana Ruiz spoke. "{q}," she said.'
    b = f'"{q}," said Tom Berg.'
    ma = mention("a", a, "Ana Ruiz", "PERSON")  # whom "she" stands for, read from the sentence before
    mb = mention("b", b, "Tom Berg", "PERSON")
    qb = Quote("b", 1, 1 + len(q), q, Span("b", mb.start, mb.end, mb.text), "after")
    kinds = {}
    for cue in ("pronoun", "continued", "after"):
        qa = Quote("a", a.index(q), a.index(q) + len(q), q, Span("a", ma.start, ma.end, ma.text), cue)
        docs = [_doc("a", a, (qa,), (ma,)), _doc("b", b, (qb,), (mb,))]
        kinds[cue] = [c.conflicts[0].kind for c in group_quotes(docs, resolve_entities([ma, mb]))[1]]
    assert kinds == {"pronoun": [], "continued": [], "after": ["attribution"]}


def test_a_common_phrase_credited_to_two_people_is_no_attribution_conflict() -> None:
    assert _credited("a large sum of cash", "Ana Ruiz", "Tom Berg") == []
    assert _credited("a large sum of cash paid in secret", "Ana Ruiz", "Tom Berg") == ["attribution"]


def test_a_name_inside_a_quote_or_an_owner_is_never_its_speaker() -> None:
    q = "Mommy, am I going to be all right tonight"
    a = f'"{q}," the boy asked, his mother Ann Lee said.'
    b = f'"{q}," Tom Berg said.'
    ma = mention("a", a, "Mommy", "PERSON")
    mb = mention("b", b, "Tom Berg", "PERSON")
    qa = Quote("a", 1, 1 + len(q), q, Span("a", ma.start, ma.end, ma.text), "before")
    qb = Quote("b", 1, 1 + len(q), q, Span("b", mb.start, mb.end, mb.text), "after")
    docs = [_doc("a", a, (qa,), (ma,)), _doc("b", b, (qb,), (mb,))]
    assert group_quotes(docs, resolve_entities([ma, mb]))[1] == ()
    assert _credited("He previously volunteered to share what he knows", "Mr. Kushner's", "Jamie Gorelick") == []


def test_quote_spans_exclude_marks_and_an_unclosed_quote_runs_to_the_paragraph_end() -> None:
    text = "He said: “We will rebuild,” and left.\n“It is not over yet"
    spans = find_quote_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["We will rebuild,", "It is not over yet"]
    assert [s.closed for s in spans] == [True, False]
    start, end = trim_span(text, spans[0].start, spans[0].end)
    assert text[start:end] == "We will rebuild"


def test_names_nicknames_and_scare_quotes_are_not_speech() -> None:
    assert is_name_like("Islamic State of Iraq and Syria")
    assert not is_speech("Erik", True)
    assert not is_speech("reckless behaviour", False)
    assert is_speech("cease this reckless behaviour", False)


def test_number_words_and_digits_are_read() -> None:
    assert number_of("three") == 3 and number_of("1,200") == 1200 and number_of("2.5") == 2.5
    assert number_of("several") is None


def test_summary_skips_sentences_credited_to_a_bare_pronoun() -> None:
    assert not stands_alone("“The water is rising,” he added.")
    assert not stands_alone("“The water is rising.”")
    assert stands_alone("“The water is rising,” the mayor said.")


def test_a_conflict_sentence_names_each_value_with_its_sources() -> None:
    values = (ConflictValue("a", 0, 5, "Paris", "Paris", "police"), ConflictValue("b", 0, 4, "Lyon", "Lyon", None))
    claim = Claim("C1", "conflicting", (Span("a", 0, 9, "x"), Span("b", 0, 9, "y")), (Conflict("location", values),))
    [sentence] = describe_conflict(claim)
    assert sentence.text == "Reports disagree on the location: “Paris” (a, according to police) vs. “Lyon” (b)."
    assert {c.report for c in sentence.citations} == {"a", "b"}


def test_lexical_vectors_are_unit_length() -> None:
    vectors = lexical_vectors(["a ferry sank", "the ferry sank in a storm", ""])
    norms = np.linalg.norm(vectors, axis=1)
    assert np.allclose(norms[:2], 1.0) and norms[2] == 0.0


def test_average_precision_and_recall_at_precision_on_a_small_ranking() -> None:
    from rashomon.names import average_precision, recall_at_precision

    labels = [1, 0, 1, 1, 0]
    scores = [0.9, 0.8, 0.7, 0.6, 0.1]
    # thresholds: P=1 R=1/3; P=1/2 R=1/3; P=2/3 R=2/3; P=3/4 R=1; P=3/5 R=1
    assert abs(average_precision(labels, scores) - (1 / 3 + (1 / 3) * (2 / 3) + (1 / 3) * 0.75)) < 1e-9
    assert recall_at_precision(labels, scores, 0.95) == 1 / 3
    assert recall_at_precision(labels, scores, 0.7) == 1.0


def test_a_quote_of_two_authors_each_report_naming_one_first_is_no_attribution_conflict() -> None:
    q = "their ages were too young to accept the diagnosis"
    a = f'"{q}," wrote Molto and Sheldrick in their paper.'
    b = f'"{q}," the researchers, anthropologist El Molto and physician Peter Sheldrick, wrote.'
    ma = mention("a", a, "Molto", "PERSON")
    mb = mention("b", b, "Peter Sheldrick", "PERSON")
    qa = Quote("a", 1, 1 + len(q), q, Span("a", ma.start, ma.end, ma.text), "after")
    qb = Quote("b", 1, 1 + len(q), q, Span("b", mb.start, mb.end, mb.text), "after")
    docs = [_doc("a", a, (qa,), (ma,)), _doc("b", b, (qb,), (mb,))]
    assert group_quotes(docs, resolve_entities([ma, mb]))[1] == ()
