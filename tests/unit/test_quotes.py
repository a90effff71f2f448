"""Direct quotes and their speakers on hand-built parses: the quotation marks news and wire archives use, quotes that
run over line breaks, and speakers named in the sentence after the quote. No model is loaded."""

from __future__ import annotations

from rashomon.nlp import Parse
from rashomon.records import Mention, Quote
from rashomon.speech import find_quote_spans, find_quotes
from tests.unit.builders import mention, parse_of, sentences_for, token_index


def spans_of(text: str) -> list[tuple[str, bool]]:
    return [(text[s.start : s.end], s.closed) for s in find_quote_spans(text)]


def quotes_of(parse: Parse, *mentions: Mention) -> list[Quote]:
    return list(find_quotes("a", parse, mentions, sentences_for("a", parse)))


def speaker_of(quote: Quote) -> str | None:
    return quote.speaker.text if quote.speaker is not None else None


# ---- where quotes are ----------------------------------------------------------------------------------------------


def test_wire_archive_backticks_open_and_two_apostrophes_close_a_quote() -> None:
    text = "`` He can hold a stage , '' Mark said ."

    assert spans_of(text) == [(" He can hold a stage , ", True)]


def test_curly_straight_and_guillemet_quotes_pair_as_before() -> None:
    text = 'He said “we rebuild” and "we stay" and «we win» and „wir bleiben“ there.'

    assert spans_of(text) == [("we rebuild", True), ("we stay", True), ("we win", True), ("wir bleiben", True)]


def test_a_quote_left_open_at_a_line_break_runs_to_the_line_that_closes_it() -> None:
    text = "Mark said `` we want fun .\nHe can hold a stage .\nIt is fine , '' People quoted him as saying ."

    assert spans_of(text) == [(" we want fun .\nHe can hold a stage .\nIt is fine , ", True)]


def test_a_quote_left_open_stops_at_a_line_that_opens_a_quote_of_its_own() -> None:
    text = "“We will fight on.\n“We will never give up,” she said."

    assert spans_of(text) == [("We will fight on.", False), ("We will never give up,", True)]


def test_a_quote_left_open_does_not_run_past_a_blank_line() -> None:
    text = "`` We want fun .\n\nHe left , '' later ."

    assert spans_of(text) == [(" We want fun .", False)]


def test_backticks_after_a_comma_close_a_quote_opened_with_backticks() -> None:
    # archives that turned every straight quotation mark into ``
    text = "`` I made the decision , `` said Stefanski .\n`` I believe in this team .\nWe are better , `` he said ."

    assert spans_of(text) == [
        (" I made the decision , ", True),
        (" I believe in this team .\nWe are better , ", True),
    ]


def test_backticks_that_their_own_line_closes_open_a_new_quote() -> None:
    text = "`` We are open .\nHe said , `` we won . ''"

    assert spans_of(text) == [(" We are open .", False), (" we won . ", True)]


# ---- who said them -------------------------------------------------------------------------------------------------


def test_wire_archive_quote_is_credited_to_the_subject_of_the_speech_verb_after_it() -> None:
    text = "`` He can hold a stage , '' Mark said ."
    said = token_index(text, "said")
    parse = parse_of(
        text,
        at={
            token_index(text, "Mark"): {"dep": "nsubj", "head": said},
            said: {"dep": "ROOT", "pos": "VERB", "lemma": "say"},
        },
    )

    (quote,) = quotes_of(parse, mention("a", text, "Mark", "PERSON"))

    assert (quote.text, speaker_of(quote), quote.cue) == ("He can hold a stage", "Mark", "after")


def test_a_quote_of_several_lines_is_credited_where_it_closes() -> None:
    text = "`` We want fun .\nHe can hold a stage , '' Mark said ."
    said = token_index(text, "said")
    parse = parse_of(
        text,
        at={
            token_index(text, "Mark"): {"dep": "nsubj", "head": said},
            said: {"dep": "ROOT", "pos": "VERB", "lemma": "say"},
        },
    )

    (quote,) = quotes_of(parse, mention("a", text, "Mark", "PERSON"))

    assert (quote.text, speaker_of(quote)) == ("We want fun .\nHe can hold a stage", "Mark")


QUOTE_PARAGRAPH = "“We will win the cup this year.”\n"


def test_speaker_named_in_the_next_paragraph_by_a_verb_pointing_back_at_the_quote() -> None:
    text = QUOTE_PARAGRAPH + "That was what Smith told reporters."
    was, told = token_index(text, "was"), token_index(text, "told")
    parse = parse_of(
        text,
        at={
            token_index(text, "That"): {"dep": "nsubj", "head": was, "pos": "PRON"},
            was: {"dep": "ROOT", "pos": "AUX", "lemma": "be"},
            token_index(text, "what"): {"dep": "dobj", "head": told, "pos": "PRON"},
            token_index(text, "Smith"): {"dep": "nsubj", "head": told},
            told: {"dep": "ccomp", "head": was, "pos": "VERB", "lemma": "tell"},
            token_index(text, "reporters"): {"dep": "dative", "head": told},
        },
    )

    (quote,) = quotes_of(parse, mention("a", text, "Smith", "PERSON"))

    assert (speaker_of(quote), quote.cue) == ("Smith", "next-sentence")


def test_speaker_named_in_the_next_paragraph_as_the_source_of_a_statement() -> None:
    text = QUOTE_PARAGRAPH + "The statement came from coach Smith."
    came, source = token_index(text, "came"), token_index(text, "from")
    parse = parse_of(
        text,
        at={
            token_index(text, "The"): {"dep": "det", "head": token_index(text, "statement"), "pos": "DET"},
            token_index(text, "statement"): {"dep": "nsubj", "head": came, "pos": "NOUN"},
            came: {"dep": "ROOT", "pos": "VERB", "lemma": "come"},
            source: {"dep": "prep", "head": came, "pos": "ADP"},
            token_index(text, "coach"): {"dep": "compound", "head": token_index(text, "Smith"), "pos": "NOUN"},
            token_index(text, "Smith"): {"dep": "pobj", "head": source},
        },
    )

    (quote,) = quotes_of(parse, mention("a", text, "Smith", "PERSON"))

    assert (speaker_of(quote), quote.cue) == ("Smith", "next-sentence")


def test_a_next_paragraph_that_reports_words_of_its_own_does_not_take_the_quote() -> None:
    text = QUOTE_PARAGRAPH + "Jones said the team had trained hard."
    said = token_index(text, "said")
    parse = parse_of(
        text,
        at={
            token_index(text, "Jones"): {"dep": "nsubj", "head": said},
            said: {"dep": "ROOT", "pos": "VERB", "lemma": "say"},
            token_index(text, "trained"): {"dep": "ccomp", "head": said, "pos": "VERB", "lemma": "train"},
        },
    )

    (quote,) = quotes_of(parse, mention("a", text, "Jones", "PERSON"))

    assert quote.speaker is None


def test_that_said_after_a_quote_names_no_speaker() -> None:
    text = QUOTE_PARAGRAPH + "That said, the team lost."
    said = token_index(text, "said")
    parse = parse_of(
        text,
        at={
            token_index(text, "That"): {"dep": "nsubj", "head": said, "pos": "PRON"},
            said: {"dep": "advcl", "head": token_index(text, "lost"), "pos": "VERB", "lemma": "say"},
            token_index(text, "lost"): {"dep": "ROOT", "pos": "VERB", "lemma": "lose"},
        },
    )

    (quote,) = quotes_of(parse)

    assert quote.speaker is None


def test_a_quote_sentence_takes_any_speaker_of_the_next_sentence_in_its_paragraph() -> None:
    text = "“We will win the cup this year.” Jones said the team had trained hard."
    said = token_index(text, "said")
    parse = parse_of(
        text,
        sents=[(0, 10), (10, len(parse_of(text).tokens))],
        at={
            token_index(text, "Jones"): {"dep": "nsubj", "head": said},
            said: {"dep": "ROOT", "pos": "VERB", "lemma": "say"},
            token_index(text, "trained"): {"dep": "ccomp", "head": said, "pos": "VERB", "lemma": "train"},
        },
    )

    (quote,) = quotes_of(parse, mention("a", text, "Jones", "PERSON"))

    assert (speaker_of(quote), quote.cue) == ("Jones", "next-sentence")
