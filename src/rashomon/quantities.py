"""Quantities: numbers with what they count ("37 operations", "three Russian jets", "$30 million")."""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

from rashomon.nlp import Parse
from rashomon.records import Quantity, TimeExpr

NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
    "dozens": 24,
    "hundreds": 200,
    "thousands": 2000,
}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "mln": 1e6, "bn": 1e9}
CURRENCIES = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
EVENT_NOUNS = frozenset({"death", "killing", "injury", "arrest", "detention", "evacuation", "attack", "strike"})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "NORP", "DATE", "TIME", "ORDINAL"})


def number_of(word: str) -> float | None:
    w = word.lower().replace(",", "")
    if w in NUMBER_WORDS:
        return float(NUMBER_WORDS[w])
    if re.fullmatch(r"\d+(?:\.\d+)?", w):
        return float(w)
    return None


def find_quantities(report: str, parse: Parse, times: Sequence[TimeExpr]) -> tuple[Quantity, ...]:
    """Counts and amounts outside time expressions and names, with the noun they count when the parse shows it."""
    toks = parse.tokens
    taken = sorted((t.start, t.end) for t in times)
    reach = list(accumulate((b for _, b in taken), max))  # the furthest end among the time spans up to each one
    out: list[Quantity] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        value = number_of(t.text)
        if value is None or t.ent in NAME_LABELS or _within(taken, reach, t.start):
            i += 1
            continue
        first, last = i, i
        while last + 1 < len(toks) and toks[last + 1].text.lower() in SCALES:
            value *= SCALES[toks[last + 1].text.lower()]
            last += 1
        unit = None
        if first > 0 and toks[first - 1].text in CURRENCIES:
            unit = CURRENCIES[toks[first - 1].text]
            first -= 1
        elif last + 1 < len(toks) and toks[last + 1].text in ("percent", "%", "per"):
            unit = "percent"
            last += 1
        counted, predicate = _counted(parse, i, last) if unit is None else (None, None)
        start, end = toks[first].start, toks[last].end
        out.append(Quantity(report, start, end, parse.text[start:end], value, unit, counted, predicate))
        i = last + 1
    return tuple(out)


def _within(spans: Sequence[tuple[int, int]], reach: Sequence[int], char: int) -> bool:
    """Whether a character lies in one of the spans (sorted by start; ``reach``: the running maximum of their ends)."""
    k = bisect_right(spans, (char, sys.maxsize)) - 1
    while k >= 0 and reach[k] > char:
        if spans[k][1] > char:
            return True
        k -= 1
    return False


RATE = re.compile(r"^\s+(?:a|per|each|every)\s+(day|week|month|year|hour)\b", re.IGNORECASE)


def _counted_token(parse: Parse, num: int, last: int) -> int | None:
    """The noun a number counts: its head when it modifies one, else the first noun right after it."""
    toks = parse.tokens
    head = toks[toks[num].head]
    if toks[num].dep == "nummod" and head.pos in ("NOUN", "PROPN") and head.i > num:
        return head.i
    for t in toks[last + 1 : last + 4]:
        if t.pos == "NOUN":
            return t.i
        if t.pos not in ("ADJ", "PROPN", "NUM"):
            break
    return None


def _counted(parse: Parse, num: int, last: int) -> tuple[str | None, str | None]:
    """(what is counted, the verb it goes with). A rate reads "death per day"."""
    k = _counted_token(parse, num, last)
    if k is None:
        return None, None
    noun = parse.tokens[k]
    rate = RATE.match(parse.text, noun.end)
    counted = noun.lemma.lower() + (f" per {rate.group(1).lower()}" if rate else "")
    return counted, _predicate(parse, k)


def _predicate(parse: Parse, k: int) -> str | None:
    """The verb above a noun, through at most three prepositions or nouns ("the death of 13 operatives")."""
    toks = parse.tokens
    i = k
    for _ in range(4):
        head = toks[toks[i].head]
        if head.i == i:
            return None
        if head.pos in ("VERB", "AUX"):
            return head.lemma.lower()
        if head.pos == "NOUN" and head.lemma.lower() in EVENT_NOUNS:
            return head.lemma.lower()
        i = head.i
    return None
