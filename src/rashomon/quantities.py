"""Quantities: numbers with what they count ("37 operations", "three Russian jets", "$30 million")."""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

from rashomon import lexicon
from rashomon.nlp import Parse, Token
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
SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "mln": 1e6, "bn": 1e9}
CURRENCIES = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
# currency words after a figure ("two million euros", "85 million euros"), and glued scales after money ("$2.6m", "2m")
CURRENCY_WORDS = {
    "dollar": "USD",
    "dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "rupees": "INR",
    "rupee": "INR",
}
GLUED_SCALES = {"m": 1e6, "bn": 1e9, "k": 1e3}
MONEY = frozenset(CURRENCIES.values()) | frozenset(CURRENCY_WORDS.values())
# a figure as one token: a currency glued before, letters glued after ("$2", "£1", "200ft", "2m", "6m")
FIGURE = re.compile(r"(?P<cur>[$€£¥])?(?P<num>\d[\d,]*(?:\.\d+)?)(?P<suf>[A-Za-z]{1,3})?")
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
    """Counts and amounts outside time expressions and names, with the noun they count when the parse shows it.

    Numbers set token by token are read whole ("6 . 1", "2 , 000", "2 1/2", "143 - billion"), a score or a record
    ("52-3", "20 - 13") is one value, and an age ("LaCalamita , 38 ,", "a 38-year-old") is a count of years of age
    even where the parser took it for a date."""
    toks = parse.tokens
    taken = sorted((t.start, t.end) for t in times)
    reach = list(accumulate((b for _, b in taken), max))  # the furthest end among the time spans up to each one
    out: list[Quantity] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        score = _score(parse, i)
        head = FIGURE.fullmatch(t.text)
        value = (number_of(t.text) or _glued_number(t.text)) if score is None else score[0]
        if value is None and head is not None and head.group("cur"):
            value = float(head.group("num").replace(",", ""))  # "£1", "$2": the currency glued on
        if value is None or _within(taken, reach, t.start):
            i += 1
            continue
        if score is not None:
            start, end = t.start, toks[score[1]].end
            out.append(Quantity(report, start, end, parse.text[start:end], value, "score", None, None))
            i = score[1] + 1
            continue
        age_end = _age(parse, i)
        if age_end is not None:
            start, end = t.start, toks[age_end].end
            value = _written_number(parse.text[start:end]) or value
            out.append(Quantity(report, start, end, parse.text[start:end], value, None, "age", None))
            i = age_end + 1
            continue
        if t.ent in NAME_LABELS or _one_of_a_kind(toks, i) or _in_a_name(toks, i):
            i += 1
            continue
        value, last = _whole_number(parse, i, value)
        first = i
        suffix = _suffix(parse, last)
        if suffix is not None:
            last = suffix[1]
        while last + 1 < len(toks) and _scale_at(toks, last + 1) is not None:
            factor, last = _scale_at(toks, last + 1)  # type: ignore[misc]
            value *= factor
        unit = CURRENCIES.get(head.group("cur") or "") if head is not None else None
        money_word = _currency_after(parse, last)
        if unit is not None:
            pass
        elif first > 0 and toks[first - 1].text in CURRENCIES:
            unit = CURRENCIES[toks[first - 1].text]
            first -= 1
        elif money_word is not None:
            unit, last = money_word
        elif last + 1 < len(toks) and toks[last + 1].text.lower() in ("percent", "%", "per", "pct"):
            unit = "percent"
            last += 1
            if toks[last].text.lower() == "per" and last + 1 < len(toks) and toks[last + 1].text.lower() == "cent":
                last += 1
        letters = suffix[0] if suffix is not None else ""
        if letters in GLUED_SCALES and (unit in MONEY or letters != "m"):
            value *= GLUED_SCALES[letters]  # "$2.6m", "2m euros", "£1 . 7m", "943K"; "200m" alone is metres
        counted, predicate = _counted(parse, i, last) if unit is None else (None, None)
        if counted is None and unit is None and _of_a_parent(toks, first, last):
            counted = "offspring"  # "a mother of two died": her children, not the dead
        if letters in GLUED_UNITS and unit is None:
            counted = letters  # "200ft", "2 , 000ft"
        start, end = toks[first].start, toks[last].end
        out.append(Quantity(report, start, end, parse.text[start:end], value, unit, counted, predicate))
        i = last + 1
    return tuple(out)


def _in_a_name(toks: Sequence[Token], i: int) -> bool:
    """A number that is part of a name or a label, not a count: after the proper noun it numbers ("Flight 370",
    "Public School 298"), or before a proper noun inside a phrase about one thing ("their 8 Block gang")."""
    t = toks[i]
    if t.dep != "nummod" or t.head == i:
        return False
    head = toks[t.head]
    if t.head == i - 1:
        return head.tag == "NNP" and head.text[:1].isupper()
    between = toks[i + 1 : t.head]
    if t.text.lower() in ("one", "1"):
        return False  # "one Australian climber": one of them
    return head.tag == "NN" and any(b.tag == "NNP" and b.text[:1].isupper() for b in between)


def _one_of_a_kind(toks: Sequence[Token], i: int) -> bool:
    """ "one of the deadliest shootings", "one of the most ...": a rank, not a count."""
    if toks[i].text.lower() != "one" or i + 1 >= len(toks) or toks[i + 1].text.lower() != "of":
        return False
    return any(t.tag in ("JJS", "RBS") for t in toks[i + 2 : i + 5])


def _of_a_parent(toks: Sequence[Token], first: int, last: int) -> bool:
    """A figure standing alone after "a mother of", "father of": how many children someone has."""
    alone = last + 1 >= len(toks) or toks[last + 1].pos not in ("NOUN", "PROPN", "ADJ")
    parent = first >= 2 and toks[first - 2].lemma.lower() in lexicon.words("parents")
    return alone and parent and toks[first - 1].text.lower() == "of"


DIGITS = re.compile(r"\d+")
GLUED_UNITS = frozenset({"ft", "m", "km", "mi", "kg", "lb", "lbs", "cm", "mm"})
SCORE = re.compile(r"(\d{1,3})-(\d{1,3})")
AGE_AFTER = re.compile(r"\s?-?\s?years?\s?-?\s?old\b", re.IGNORECASE)
AGE_WORDS_AFTER = re.compile(
    r"(?:\s?-\s?(?:one|two|three|four|five|six|seven|eight|nine))?\s?-?\s?years?\s?-?\s?old\b", re.IGNORECASE
)


def _written_number(text: str) -> float | None:
    """The number a compound of number words opens with ("Twenty-eight-year-old" -> 28); None for digits."""
    words = re.findall(r"[a-z]+", text.lower())
    total = 0.0
    for w in words:
        n = NUMBER_WORDS.get(w)
        if n is None or n >= 100:
            break
        total += n
    return total or None


def _suffix(parse: Parse, last: int) -> tuple[str, int] | None:
    """Letters ending a figure: glued to its last token ("7m") or a token of their own right after it ("2" "m")."""
    toks = parse.tokens
    m = FIGURE.fullmatch(toks[last].text)
    if m is not None and m.group("suf") and m.group("suf").lower() in (GLUED_SCALES.keys() | GLUED_UNITS):
        return m.group("suf").lower(), last
    k = last + 1
    if (
        k < len(toks)
        and toks[k].start == toks[last].end
        and toks[k].text.lower() in (GLUED_SCALES.keys() | GLUED_UNITS)
    ):
        return toks[k].text.lower(), k
    return None


def _glued_number(text: str) -> float | None:
    """A number with its unit or scale glued on ("200ft", "15km", "2m", "1.7bn")."""
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([a-z]{1,3})", text.lower())
    return float(m.group(1)) if m and (m.group(2) in GLUED_UNITS or m.group(2) in GLUED_SCALES) else None


def _currency_after(parse: Parse, last: int) -> tuple[str, int] | None:
    """A currency named after a figure ("85 million euros", "two - million - euro"): (code, its token); never a
    pound of weight ("weighed 130 pounds", "an 18.6-pound laptop", "five pounds of cocaine")."""
    toks = parse.tokens
    k = last + 1
    hyphen = k < len(toks) and toks[k].text == "-"
    if hyphen:
        k += 1
    if k < len(toks) and toks[k].text.lower() in CURRENCY_WORDS:
        if toks[k].lemma.lower() == "pound" and _a_weight(parse, k, hyphen):
            return None
        return CURRENCY_WORDS[toks[k].text.lower()], k
    return None


def _a_weight(parse: Parse, k: int, hyphen: bool) -> bool:
    """The pound at token ``k`` weighs rather than pays: its sentence tells of weight or of a body's size ("weighed",
    "weight", "heavy", "5-foot-8"), it measures a substance ("pounds of cocaine"), or it makes a compound of a thing
    ("an 18.6-pound laptop"; a "10-pound note" or "fine" is money)."""
    toks = parse.tokens
    after = toks[k + 1] if k + 1 < len(toks) else None
    if after is not None and after.text.lower() == "of":
        return True
    if hyphen and after is not None and after.pos == "NOUN":
        return after.lemma.lower() not in lexicon.words("money-nouns")
    lo, hi = parse.sents[parse.sent_of(k)]
    words = lexicon.words("weight-words")
    return any(part in words for t in toks[lo:hi] for part in t.lemma.lower().split("-"))  # "5-foot-8", "six-foot"


def _adjacent(parse: Parse, a: int, b: int) -> bool:
    """Tokens a and b are next to each other, at most one space apart (never across a line break: the parser may
    have split a sentence at the dot of "6 . 1", a line break it does not cross)."""
    toks = parse.tokens
    return b < len(toks) and parse.text[toks[a].end : toks[b].start] in ("", " ")


def _whole_number(parse: Parse, i: int, value: float) -> tuple[float, int]:
    """A number split into tokens: "6 . 1" (a decimal), "2 , 000" (thousands), "2 1/2" or "2-1/2" (a half)."""
    toks = parse.tokens
    last = i
    compound = _tens_and_units(parse, i)
    if compound is not None:
        return compound
    whole = FIGURE.fullmatch(toks[i].text)
    if whole is None or whole.group("suf") or not DIGITS.fullmatch(whole.group("num").replace(",", "")):
        return value, last
    while True:
        k = last + 1
        sep = toks[k].text if k < len(toks) else ""
        nxt = toks[k + 1].text if k + 1 < len(toks) else ""
        group = re.fullmatch(r"(\d{3})[a-z]{0,3}", nxt)  # "2 , 000" and "2 , 000ft"
        if sep == "," and group and _adjacent(parse, last, k) and _adjacent(parse, k, k + 1):
            value, last = value * 1000 + float(group.group(1)), k + 1
        elif (
            sep == "."
            and (decimal := re.fullmatch(r"(\d+)[A-Za-z]{0,3}", nxt))
            and value == int(value)
            and "." not in toks[last].text
            and _adjacent(parse, last, k)
            and _adjacent(parse, k, k + 1)
            and toks[k].start - toks[last].end == 1
        ):
            value, last = float(f"{int(value)}.{decimal.group(1)}"), k + 1
        else:
            break
    frac = re.fullmatch(r"-?(\d)/(\d{1,2})", toks[last + 1].text) if last + 1 < len(toks) else None
    if frac and _adjacent(parse, last, last + 1) and 0 < int(frac.group(1)) < int(frac.group(2)):
        value, last = value + int(frac.group(1)) / int(frac.group(2)), last + 1
    return value, last


TENS = frozenset(w for w, n in NUMBER_WORDS.items() if 20 <= n <= 90 and n % 10 == 0)  # "twenty" .. "ninety"


def _tens_and_units(parse: Parse, i: int) -> tuple[float, int] | None:
    """Number words written as one compound ("Thirty-one", "twenty - five"): the whole, and its last token."""
    toks = parse.tokens
    if toks[i].text.lower() not in TENS or i + 2 >= len(toks) or toks[i + 1].text != "-":
        return None
    units = NUMBER_WORDS.get(toks[i + 2].text.lower(), 0)
    if not 1 <= units <= 9 or not (_adjacent(parse, i, i + 1) and _adjacent(parse, i + 1, i + 2)):
        return None
    return float(NUMBER_WORDS[toks[i].text.lower()] + units), i + 2


def _scale_at(toks: Sequence[Token], k: int) -> tuple[float, int] | None:
    """A scale word at k ("million"), or after a hyphen there ("143 - billion", "137-million" is one token)."""
    word = toks[k].text.lower().lstrip("-")
    if word in SCALES:
        return SCALES[word], k
    if toks[k].text == "-" and k + 1 < len(toks) and toks[k + 1].text.lower() in SCALES:
        return SCALES[toks[k + 1].text.lower()], k + 1
    return None


def _score(parse: Parse, i: int) -> tuple[float, int] | None:
    """A score or a win-loss record at token i ("52-3", "20 - 13", "voted 69 to 30"): the pair as one value (first *
    1000 + second)."""
    toks = parse.tokens
    m = SCORE.fullmatch(toks[i].text)
    if m:
        return float(int(m.group(1)) * 1000 + int(m.group(2))), i
    if (
        re.fullmatch(r"\d{1,3}", toks[i].text)
        and i + 2 < len(toks)
        and toks[i + 1].text in ("-", "–")
        and re.fullmatch(r"\d{1,3}", toks[i + 2].text)
        and _adjacent(parse, i, i + 1)
        and _adjacent(parse, i + 1, i + 2)
        and not (i + 3 < len(toks) and AGE_AFTER.match(parse.text, toks[i + 2].end))
    ):
        return float(int(toks[i].text) * 1000 + int(toks[i + 2].text)), i + 2
    if (
        re.fullmatch(r"\d{1,3}", toks[i].text)
        and i + 2 < len(toks)
        and toks[i + 1].text.lower() == "to"
        and re.fullmatch(r"\d{1,3}", toks[i + 2].text)
        and any(t.lemma.lower() == "vote" for t in toks[max(0, i - 3) : i])
    ):
        return float(int(toks[i].text) * 1000 + int(toks[i + 2].text)), i + 2  # "voted 69 to 30", "a vote of 52 to 48"
    return None


def _age(parse: Parse, i: int) -> int | None:
    """The last token of an age at token i: "38-year-old" / "38 - year - old", "aged 38", "at age 38", "died at
    77", or "Name , 38 ,"."""
    toks = parse.tokens
    t = toks[i]
    if not re.fullmatch(r"\d{1,3}(?:-years?-old)?", t.text, re.IGNORECASE):
        # a number word: "Sixty-year-old", "Twenty-eight-year-old"
        m = AGE_WORDS_AFTER.match(parse.text, t.end)
        if number_of(t.text.split("-")[0]) is None or m is None:
            return None
        end = t.end + m.end() - m.start()
        k = i
        while k + 1 < len(toks) and toks[k + 1].end <= end:
            k += 1
        return k
    if "old" in t.text.lower():
        return i
    m = AGE_AFTER.match(parse.text, t.end)
    if m:
        end = t.end + m.end() - m.start()
        k = i
        while k + 1 < len(toks) and toks[k + 1].end <= end:
            k += 1
        return k
    if int(t.text) >= 120:
        return None
    before = [w.text.lower() for w in toks[max(0, i - 3) : i]]
    closes = i + 1 >= len(toks) or toks[i + 1].text in (",", ".", ")", ";")
    if before[-1:] in (["aged"], ["age"]) or before[-2:] == ["age", "of"]:
        return i  # "aged 38", "at age 77", "at the age of 42"
    if before[-1:] == ["at"] and i >= 2 and toks[i - 2].lemma.lower() in lexicon.words("age-cues"):
        return i  # "died at 77 in a prison hospital", "dead at 34", "passed away at 90": an age, not a toll
    if before[-1:] == ["at"] and closes and _age_cue_before(toks, i - 1):
        return i  # "died in her sleep at 91."
    if len(before) >= 2 and before[-1] in ("was", "is") and before[-2] in ("he", "she") and closes:
        return i  # "He was 60."
    follows_name = i >= 2 and toks[i - 1].text == "," and _names_someone(toks[i - 2])
    return i if (follows_name or _after_an_apposition(toks, i)) and closes else None


APPOSITION_REACH = 8  # tokens of "a former New Orleans Saints star" between a name and its age


def _after_an_apposition(toks: Sequence[Token], i: int) -> bool:
    """ "Smith, a former New Orleans Saints star, 34,": a figure set off by commas right after an apposition that
    describes a person named before it is that person's age."""
    if i < 4 or toks[i - 1].text != "," or toks[i - 2].pos != "NOUN":
        return False
    for k in range(i - 3, max(0, i - 2 - APPOSITION_REACH), -1):
        if toks[k].text == ",":
            opens = toks[k + 1].text.lower() in ("a", "an", "the")
            return opens and k >= 1 and _names_someone(toks[k - 1])
        if toks[k].pos in ("VERB", "NUM") or toks[k].text in (";", ".", "(", ")"):
            return False
    return False


AGE_CUE_REACH = 6  # tokens before "at" in which a word of dying may stand ("died in her sleep at 91")


def _age_cue_before(toks: Sequence[Token], at: int) -> bool:
    """A word of dying (lexicon: age-cues) among the few tokens before "at", in its clause (no comma between)."""
    for k in range(at - 1, max(-1, at - 1 - AGE_CUE_REACH), -1):
        if toks[k].text in (",", ";", ".") or toks[k].pos == "NUM":
            return False
        if toks[k].lemma.lower() in lexicon.words("age-cues"):
            return True
    return False


NOT_A_PERSON = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME", "EVENT", "PRODUCT"})


def _names_someone(tok: Token) -> bool:
    """A word that may end a person's name before ", 38 ,": tagged a person, or a capitalised word the tagger took
    for an organisation or nothing ("Smith", "Orozco"), not a place, a month or a day."""
    if tok.ent == "PERSON":
        return True
    if tok.ent in NOT_A_PERSON or not (tok.text[:1].isupper() and tok.text.isalpha()):
        return False
    return tok.text.lower() not in lexicon.words("calendar-words")


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
