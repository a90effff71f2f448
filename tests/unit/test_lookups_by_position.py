"""Annotation cost grows with a report's length, not its square: lookups by position are bisections over sorted spans
instead of scans of every sentence, mention or quote. These tests pin that each bisection answers what a full scan
answers (random inputs, fixed seeds), and that a long report's paragraph numbers are still counted right."""

from __future__ import annotations

import random

import pytest

from rashomon.annotate import sentences_of
from rashomon.mentions import _sentence_start, _SpanIndex, merge_mentions
from rashomon.nlp import Parse, Token
from rashomon.quantities import _within
from rashomon.records import Mention
from rashomon.speech import Names, QuotedText, QuoteSpan, SentenceFinder
from tests.unit.builders import parse_of

SEEDS = range(10)


def random_mentions(rng: random.Random, n: int, text_length: int = 400) -> list[Mention]:
    out = []
    for _ in range(n):
        start = rng.randrange(text_length)
        end = start + rng.randint(1, 25)
        label = rng.choice(["PERSON", "ORG", "GPE"])
        out.append(Mention("a", start, end, "x" * (end - start), label, "x", "ner"))
    return out


@pytest.mark.parametrize("seed", SEEDS)
def test_merged_mentions_are_those_a_full_overlap_scan_keeps(seed: int) -> None:
    rng = random.Random(seed)
    layers = [random_mentions(rng, rng.randint(0, 40)) for _ in range(4)]
    kept: list[Mention] = []
    for layer in layers:
        for m in sorted(layer, key=lambda x: (x.start, -(x.end - x.start))):
            if not any(m.start < k.end and k.start < m.end for k in kept):
                kept.append(m)

    assert merge_mentions(layers) == tuple(sorted(kept, key=lambda x: x.start))


@pytest.mark.parametrize("seed", SEEDS)
def test_mentions_covering_a_character_or_ending_near_it_are_found_without_a_scan(seed: int) -> None:
    rng = random.Random(seed)
    mentions = random_mentions(rng, 60)
    index = _SpanIndex(mentions)
    for char in range(0, 430, 7):
        assert index.covering(char) == sorted([e for e in mentions if e.start <= char < e.end], key=lambda e: e.start)
        assert index.ending_in(char - 1, char + 1) == [e for e in mentions if char - 1 <= e.end <= char + 1]


@pytest.mark.parametrize("seed", SEEDS)
def test_speaker_names_inside_a_phrase_and_the_last_person_before_a_point_match_a_scan(seed: int) -> None:
    rng = random.Random(seed)
    mentions = random_mentions(rng, 50)  # in any order: a person list out of end order is scanned
    if seed % 2:
        mentions = merge_mentions([mentions])  # as find_mentions gives them: in order, never overlapping
    names = Names(mentions)
    people = [m for m in mentions if m.label == "PERSON"]
    for start in range(0, 420, 11):
        span = (start, start + rng.randint(0, 60))
        assert names.inside(span) == sorted(
            [m for m in mentions if span[0] <= m.start and m.end <= span[1]], key=lambda m: m.start
        )
        before = [m for m in people if m.end <= start]  # the last of them in the mentions' order
        assert names.last_person_before(start) == (before[-1] if before else None)


def random_spans(rng: random.Random, n: int) -> list[tuple[int, int]]:
    """Non-overlapping spans in text order, as quotes, sentences and time expressions are."""
    out, at = [], 0
    for _ in range(n):
        at += rng.randint(0, 6)
        end = at + rng.randint(1, 15)
        out.append((at, end))
        at = end
    return out


@pytest.mark.parametrize("seed", SEEDS)
def test_a_character_inside_a_quote_or_a_time_expression_is_found_by_bisection(seed: int) -> None:
    rng = random.Random(seed)
    spans = random_spans(rng, 30)
    quoted = QuotedText([QuoteSpan(a, b, True) for a, b in spans])
    reach = [max(b for _, b in spans[: k + 1]) for k in range(len(spans))]
    for char in range(spans[-1][1] + 3):
        expected = any(a <= char < b for a, b in spans)
        assert quoted.inside(char) == expected
        assert _within(spans, reach, char) == expected


def sentence_parse(rng: random.Random, n_tokens: int) -> Parse:
    """Tokens one character apart, cut into sentences with gaps (line breaks) between some, heads inside each."""
    tokens, sents, i = [], [], 0
    while i < n_tokens:
        length = min(rng.randint(1, 12), n_tokens - i)
        root = i + rng.randrange(length)
        for k in range(i, i + length):
            head = root if k == root else rng.choice([root, *range(i, k)]) if k > i else root
            tokens.append(Token(k, 2 * k, 2 * k + 1, "w", "w", "NOUN", "", "", head, "", True))
        sents.append((i, i + length))
        i += length
        if rng.random() < 0.3 and i < n_tokens:  # a line-break token between two sentences
            tokens.append(Token(i, 2 * i, 2 * i + 1, "\n", "\n", "SPACE", "", "", i, "", False))
            i += 1
    return Parse("x" * (2 * n_tokens + 1), tuple(tokens), tuple(sents), ())


def scanned_subtree(parse: Parse, i: int) -> tuple[int, int]:
    """The subtree as the first version computed it: the sentence's children collected on every call."""
    k = next((k for k, (a, b) in enumerate(parse.sents) if a <= i < b), len(parse.sents) - 1)
    a, b = parse.sents[k]
    a, b = min(a, i), max(b, i + 1)
    kids: dict[int, list[int]] = {}
    for t in parse.tokens[a:b]:
        if t.head != t.i:
            kids.setdefault(t.head, []).append(t.i)
    lo = hi = i
    stack = [i]
    while stack:
        n = stack.pop()
        lo, hi = min(lo, n), max(hi, n)
        stack.extend(kids.get(n, ()))
    return lo, hi + 1


@pytest.mark.parametrize("seed", SEEDS)
def test_sentence_of_a_token_and_its_subtree_match_a_scan(seed: int) -> None:
    parse = sentence_parse(random.Random(seed), 150)
    for t in parse.tokens:
        expected = next((k for k, (a, b) in enumerate(parse.sents) if a <= t.i < b), len(parse.sents) - 1)
        assert parse.sent_of(t.i) == expected
        assert parse.subtree(t.i) == scanned_subtree(parse, t.i)


@pytest.mark.parametrize("seed", SEEDS)
def test_sentence_of_a_character_matches_a_scan(seed: int) -> None:
    parse = sentence_parse(random.Random(seed), 120)
    finder = SentenceFinder(parse)
    spans = [parse.char_span(a, b) for a, b in parse.sents]
    for char in range(len(parse.text)):
        holding = [k for k, (s, e) in enumerate(spans) if s <= char <= e]
        following = [k for k, (s, _) in enumerate(spans) if s > char]
        expected = holding[0] if holding else following[0] if following else len(spans) - 1
        assert finder.at(char) == expected
        assert _sentence_start(spans, char) == (spans[holding[0]][0] if holding else 0)


def test_paragraphs_are_counted_by_blank_lines_else_by_line_breaks() -> None:
    blank_lines = parse_of("A b .\n\nC d . E f .\n\n\n\nG h .", sents=[(0, 3), (5, 8), (8, 11), (15, 18)])
    line_breaks = parse_of("A b .\nC d .\nE f .")

    assert [s.paragraph for s in sentences_of("a", blank_lines)] == [0, 1, 1, 3]
    assert [s.paragraph for s in sentences_of("a", line_breaks)] == [0, 1, 2]
