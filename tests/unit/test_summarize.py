"""The cited summary, on reports built by hand: no spaCy, no embedding model (bag-of-words vectors)."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pytest

from rashomon.config import SummarySettings
from rashomon.event.summary import summarize, word_budget
from rashomon.event.summary.candidates import candidates_of, is_boilerplate, kept_stretch
from rashomon.event.summary.features import FEATURES
from rashomon.event.summary.scorer import SentenceModel, default_model, model_from_json
from rashomon.pipeline import lexical_vectors
from rashomon.records import AnnotatedReport, Entity, Mention, Quantity, Report, Sentence

STOP = {"the", "a", "an", "of", "in", "on", "and", "to", "was", "were", "said", "by", "at", "its", "for", "with"}
LEAD_FIRST = SentenceModel(np.zeros(len(FEATURES)), np.ones(len(FEATURES)), np.eye(len(FEATURES))[0], 0.0)


def doc(report: str, *sentences: str, names: Sequence[tuple[str, str]] = ()) -> AnnotatedReport:
    """A report of these sentences (one paragraph); figures read from digits; ``names`` (surface, label) marked as
    mentions wherever they occur."""
    text = " ".join(sentences)
    records, at = [], 0
    for s in sentences:
        start = text.index(s, at)
        at = start + len(s)
        words = [w.lower() for w in re.findall(r"[\w-]+", s)]
        records.append(Sentence(report, start, at, s, 0, tuple(dict.fromkeys(w for w in words if w not in STOP))))
    quantities = tuple(
        Quantity(report, m.start(), m.end(), m.group(), float(m.group()), None, None) for m in re.finditer(r"\d+", text)
    )
    mentions = tuple(
        Mention(report, m.start(), m.end(), name, label, name, "ner")
        for name, label in names
        for m in re.finditer(re.escape(name), text)
    )
    return AnnotatedReport(Report(report, text), tuple(records), mentions, (), quantities, ())


def entity(eid: str, name: str, *docs: AnnotatedReport, aliases: Sequence[str] = ()) -> Entity:
    """One entity for every mention of ``name`` or an alias in ``docs``."""
    mentions = tuple(m for d in docs for m in d.mentions if m.name in (name, *aliases))
    return Entity(eid, name, "ORG", tuple(aliases), mentions)


def summary_of(docs: Sequence[AnnotatedReport], entities: Sequence[Entity] = (), words: int = 60, **kw: object):  # type: ignore[no-untyped-def]
    settings = SummarySettings(words=words, **kw)  # type: ignore[arg-type]
    return summarize(docs, (), lexical_vectors, entities, settings, LEAD_FIRST)


def cited_reports(sentence) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.report for c in sentence.citations]


KILLED = "Police said 12 people were killed in the blast at the Kabul market on Friday."


def test_a_report_giving_a_different_figure_is_not_cited() -> None:
    docs = [doc("a", KILLED), doc("b", KILLED.replace("12", "15")), doc("c", KILLED)]
    [first, *_] = summary_of(docs, words=10)
    assert first.text == KILLED
    assert cited_reports(first) == ["a", "c"]


def test_a_report_stating_only_part_of_a_sentence_is_not_cited_for_the_rest() -> None:
    full = "The ferry sank on the Buriganga river near Dhaka and 30 passengers were rescued by the coast guard."
    part = "The ferry sank on the Buriganga river near Dhaka, witnesses told reporters at the scene."
    docs = [doc("a", full), doc("b", part), doc("c", full.replace("The ferry", "A ferry"))]
    [first, *_] = summary_of(docs, words=10)
    assert first.text == full
    assert cited_reports(first) == ["a", "c"]


def test_a_report_naming_an_entity_by_another_name_still_supports() -> None:
    a = doc(
        "a",
        "US Central Command said the strike killed a senior leader of the group.",
        names=[("US Central Command", "ORG")],
    )
    b = doc("b", "CENTCOM said the strike killed a senior leader of the group.", names=[("CENTCOM", "ORG")])
    c = doc("c", "The Pentagon said the strike killed a senior leader of the group.", names=[("Pentagon", "ORG")])
    centcom = entity("E1", "US Central Command", a, b, aliases=["CENTCOM"])
    pentagon = entity("E2", "Pentagon", c)
    [first] = summary_of([a, b, c], [centcom, pentagon], words=5)
    assert cited_reports(first) == ["a", "b"]


def test_a_sentence_repeated_across_reports_is_said_once_and_cites_each() -> None:
    lead = "The Senate passed the spending bill late on Thursday after a long debate."
    docs = [
        doc("a", lead, "Lawmakers from both parties praised the compromise in speeches afterwards."),
        doc("b", lead, "The measure now goes to the House, where its fate is less certain."),
    ]
    summary = summary_of(docs, words=200)
    texts = [s.text for s in summary]
    assert texts.count(lead) == 1
    assert cited_reports(summary[texts.index(lead)]) == ["a", "b"]


def test_sentences_come_in_reading_order_first_sentences_first() -> None:
    docs = [
        doc(
            "a", "Storms flooded the coastal town of Puri overnight.", "Schools in the district stayed closed all week."
        ),
        doc("b", "Rescuers reached villages cut off by the water.", "Officials expect the rain to ease by Sunday."),
    ]
    texts = [s.text for s in summary_of(docs, words=200)]
    assert texts == [
        "Storms flooded the coastal town of Puri overnight.",
        "Rescuers reached villages cut off by the water.",
        "Schools in the district stayed closed all week.",
        "Officials expect the rain to ease by Sunday.",
    ]


def test_the_length_setting_bounds_the_summary() -> None:
    topics = "bridge market school river harbour airport stadium museum factory hospital library station".split()
    sentences = [f"Workers at the {t} counted damage from the storm for {k + 2} days." for k, t in enumerate(topics)]
    docs = [doc("a", *sentences[:6]), doc("b", *sentences[6:])]
    short = summary_of(docs, words=20, redundancy=0.99)
    longer = summary_of(docs, words=60, redundancy=0.99)
    count = [sum(len(s.text.split()) for s in summary) for summary in (short, longer)]
    assert len(short) < len(longer)
    assert count[0] < 20 + 12 and count[1] < 60 + 12  # the last sentence may pass the budget, no more


def test_every_sentence_cites_its_own_span_first() -> None:
    docs = [doc("a", KILLED, "The market had reopened only a week earlier."), doc("b", KILLED)]
    texts = {d.report.id: d.report.text for d in docs}
    summary = summary_of(docs, words=200)
    assert summary
    for sentence in summary:
        assert sentence.citations
        own = sentence.citations[0]
        assert texts[own.report][own.start : own.end] == sentence.text


def test_page_furniture_and_short_lines_are_not_candidates() -> None:
    settings = SummarySettings()
    docs = [
        doc(
            "a",
            "Tweet with a location You can add location information to your Tweets.",
            "Sign up for our newsletter to get the latest news.",
            "Photo: the damaged bridge.",
            "The bridge collapsed on Monday morning during the rush hour.",
        )
    ]
    assert [c.text for c in candidates_of(docs, settings)] == [
        "The bridge collapsed on Monday morning during the rush hour."
    ]
    assert is_boilerplate("Click here to subscribe.") and not is_boilerplate("The match was watched by 80,000 fans.")


def test_a_dateline_is_cut_and_the_citation_points_at_what_is_kept() -> None:
    text = "WASHINGTON (AP) — The Senate passed the spending bill late on Thursday."
    sentence = Sentence("a", 0, len(text), text, 0)
    start, end = kept_stretch(sentence)
    assert text[start:end] == "The Senate passed the spending bill late on Thursday."
    [only] = summary_of([doc("a", text)], words=10)
    assert only.text == "The Senate passed the spending bill late on Thursday."
    assert (only.citations[0].start, only.citations[0].end) == (start, end)


def test_the_automatic_length_grows_with_the_square_root_of_the_reports_words() -> None:
    settings = SummarySettings(words_per_root=5.0, min_words=40, max_words=300)
    assert word_budget([100, 300], settings) == 100
    assert word_budget([10], settings) == 40
    assert word_budget([50_000], settings) == 300
    assert word_budget([10], SummarySettings(words=25)) == 25


def test_settings_are_checked_when_built() -> None:
    with pytest.raises(ValueError, match="redundancy"):
        SummarySettings(redundancy=1.5)
    with pytest.raises(ValueError, match="words"):
        SummarySettings(words=0)


def test_the_shipped_model_scores_every_feature_it_knows() -> None:
    model = default_model()
    assert model.weights.shape == (len(FEATURES),)
    with pytest.raises(ValueError, match="unknown features"):
        model_from_json({"features": ["no such feature"], "mean": [0], "scale": [1], "weights": [1], "bias": 0})


def test_a_quote_credited_to_a_bare_pronoun_is_not_a_candidate() -> None:
    docs = [doc("a", "“The water keeps rising every single hour,” he added.", KILLED)]
    assert [c.text for c in candidates_of(docs, SummarySettings())] == [KILLED]


def test_the_summary_opens_with_a_report_s_first_sentence_even_when_later_ones_score_higher() -> None:
    later_first = SentenceModel(
        np.zeros(len(FEATURES)), np.ones(len(FEATURES)), np.eye(len(FEATURES))[FEATURES.index("relative_position")], 0.0
    )
    docs = [
        doc("a", KILLED, "The market had reopened only a week earlier after repairs."),
        doc("b", "Rescuers searched the rubble for survivors through the night.", "Shops stayed shut on Saturday."),
    ]
    summary = summarize(docs, (), lexical_vectors, (), SummarySettings(words=5), later_first)
    assert [s.text for s in summary] == [KILLED]
