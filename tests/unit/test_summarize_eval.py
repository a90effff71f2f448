"""The summary evaluation's own parts: the independent citation check, the baselines, the oracle, the cache."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from rashomon.eval.corpora import CorpusError
from rashomon.eval.summaries import (
    EvalCache,
    citation_supported,
    lead_summary,
    load_cases,
    oracle_picks,
    split_sentences,
)
from rashomon.records import AnnotatedReport, Report, Sentence

pytest.importorskip("rouge_score")


def tokenize(text: str) -> list[str]:
    from rouge_score import tokenizers

    return tokenizers.DefaultTokenizer(use_stemmer=True).tokenize(text)  # type: ignore[no-any-return]


SENTENCE = "Police said 12 people were killed in the blast at the Kabul market on Friday."


def test_a_citation_giving_another_figure_is_not_supported() -> None:
    assert citation_supported(SENTENCE, SENTENCE, tokenize)
    assert not citation_supported(SENTENCE, SENTENCE.replace("12", "15"), tokenize)
    assert citation_supported("Three people died.", "Officials said 3 people died on Monday.", tokenize)


def test_a_citation_stating_only_part_is_not_supported() -> None:
    assert not citation_supported(SENTENCE, "Police said a blast hit the Kabul market.", tokenize)
    assert not citation_supported(SENTENCE, "Police said 12 people were killed in the blast on Friday.", tokenize)


def test_apostrophes_and_possessives_do_not_matter() -> None:
    assert citation_supported("Arizona’s governor signed the bill.", "Arizona's governor signed the bill.", tokenize)


def test_a_dispute_sentence_is_supported_by_each_value_it_quotes() -> None:
    dispute = "Reports disagree on the location: “eastern Syria” (a) vs. “northwestern Syria” (b)."
    assert citation_supported(dispute, "eastern Syria", tokenize)
    assert citation_supported(dispute, "Syria", tokenize)
    assert not citation_supported(dispute, "Iraq", tokenize)


def test_reference_sentences_are_split_after_end_marks_before_a_capital() -> None:
    text = 'The vote failed. "It is over," he said! Then 3 more came at 2.5 p.m. today.'
    assert split_sentences(text) == [
        "The vote failed.",
        '"It is over," he said!',
        "Then 3 more came at 2.5 p.m. today.",
    ]


def _doc(report: str, *sentences: str) -> AnnotatedReport:
    text = " ".join(sentences)
    records, at = [], 0
    for s in sentences:
        start = text.index(s, at)
        at = start + len(s)
        records.append(Sentence(report, start, at, s, 0))
    return AnnotatedReport(Report(report, text), tuple(records), (), (), (), ())


def test_lead_takes_the_first_sentence_of_each_report_in_turn_up_to_the_budget() -> None:
    docs = [_doc("a", "A one two three.", "A four five six."), _doc("b", "B one two three.", "B four five six.")]
    assert lead_summary(docs, 8) == ["A one two three.", "B one two three."]
    assert lead_summary(docs, 9) == ["A one two three.", "B one two three.", "A four five six."]


def test_the_oracle_picks_the_sentences_the_reference_holds() -> None:
    texts = ["The cat sat on the mat.", "Stocks fell sharply in Tokyo.", "The dog barked at night."]
    assert oracle_picks(texts, "Stocks fell sharply in Tokyo on Monday.", 10) == [1]


def test_the_cache_keeps_vectors_between_runs(tmp_path: Path) -> None:
    calls: list[list[str]] = []

    def encode(texts: list[str]) -> np.ndarray:
        calls.append(texts)
        return np.ones((len(texts), 3), dtype=np.float32)

    first = EvalCache(tmp_path / "cache.sqlite").vectorizer(encode, "m")
    assert first(["a", "b", "a"]).shape == (3, 3)
    again = EvalCache(tmp_path / "cache.sqlite").vectorizer(encode, "m")
    assert again(["b", "a"]).shape == (2, 3)
    assert calls == [["a", "b"]]


def test_absent_data_is_a_corpus_error(tmp_path: Path) -> None:
    for corpus in ("multinews", "allsides"):
        with pytest.raises(CorpusError, match="absent"):
            load_cases(corpus, tmp_path)
