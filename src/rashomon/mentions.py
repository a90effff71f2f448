"""Entity mentions: the NER guess, corrected and completed by mechanisms of our own.

A small statistical NER model misses or splits names that news text is full of: titled people ("Air Force Lt. Gen.
Alexus Grynkewich" comes out as an organisation plus a person), organisations defined by an acronym in parentheses,
quoted names ("Islamic" alone), place lists ("al-Bab and Bazaa" as one organisation). The layers, in order of trust:

1. acronym definitions, found with the Schwartz-Hearst algorithm ("US Central Command (CENTCOM)");
2. title-aware person spans ("Gen. Michael "Erik" Kurilla": a title, then a capitalised name, a quoted nickname kept);
3. the NER entities, trimmed ("the", possessives), split at " and " between names, re-typed when their head word is an
   organisation word ("Syrian Observatory for Human Rights" is an ORG whatever the model said);
4. names side by side in parentheses ("ISIL (ISIS)"): two names of one thing, recorded as an alias link.

Each mention keeps ``name``: the name without titles, nickname or leading article, which resolution compares.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from rashomon.nlp import Parse, Token
from rashomon.records import AliasLink, Mention

NER_LABELS = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "NORP": "NORP",
    "FAC": "FAC",
    "EVENT": "EVENT",
    "PRODUCT": "PRODUCT",
    "WORK_OF_ART": "OTHER",
    "LAW": "OTHER",
    "LANGUAGE": "OTHER",
}
ORG_WORDS = frozenset(
    [
        "Agency",
        "Alliance",
        "Army",
        "Assembly",
        "Association",
        "Authority",
        "Bank",
        "Board",
        "Brigade",
        "Brigades",
        "Bureau",
        "Cabinet",
        "Centre",
        "Center",
        "Command",
        "Commission",
        "Committee",
        "Company",
        "Congress",
        "Corporation",
        "Corps",
        "Council",
        "Court",
        "Department",
        "Directorate",
        "Federation",
        "Force",
        "Forces",
        "Foundation",
        "Front",
        "Fund",
        "Group",
        "Guard",
        "Guards",
        "Inc",
        "Institute",
        "League",
        "Ltd",
        "Ministry",
        "Movement",
        "Navy",
        "News",
        "Observatory",
        "Office",
        "Organisation",
        "Organization",
        "Parliament",
        "Party",
        "Police",
        "Press",
        "Service",
        "Services",
        "Senate",
        "Tribunal",
        "Union",
        "University",
    ]
)
TITLE_WORDS = (
    r"General|Gen\.|Lieutenant|Lt\.|Colonel|Col\.|Major|Maj\.|Captain|Capt\.|Sergeant|Sgt\.|Admiral|Adm\.|Rear|Vice|"
    r"Brigadier|Brig\.|Commander|Cmdr\.|Corporal|Cpl\.|Private|Pvt\.|Marshal|Field|Staff|Chief|"
    r"President|Prime|Minister|Secretary(?:-General)?|Senator|Sen\.|Representative|Rep\.|Governor|Gov\.|Mayor|"
    r"Judge|Justice|Chancellor|King|Queen|Prince|Princess|Sheikh|Pope|Ayatollah|Imam|Rabbi|Reverend|Rev\.|"
    r"Dr\.|Dr|Mr\.|Mr|Mrs\.|Mrs|Ms\.|Ms|Sir|Dame|Lord|Lady|Professor|Prof\.|Ambassador|Commissioner|Inspector|"
    r"Detective|Det\.|Officer|Deputy|Spokesman|Spokeswoman|Director|Emir|Crown|Foreign|Defence|Defense|Interior"
)
SERVICES = r"Air Force|Army|Navy|Marine Corps|Marines|Coast Guard|Space Force|Police"
PARTICLES = r"al|el|bin|ibn|bint|abu|abd|de|del|della|da|di|du|van|von|der|den|la|le|dos|das"
_NAME_WORD = r"(?:(?:" + PARTICLES + r")(?:-|[^\S\n]))?[A-Z][\w'’]*(?:-[\w'’]+)*"
_NICK = r"[\"“][A-Z][\w'’.-]*[\"”]"
# an office whose second word is also a rank: "Attorney General Letitia James" is titled by both words
OFFICE_BEFORE_RANK = r"Attorney|Surgeon|Solicitor|Inspector|Secretary|Postmaster|Governor|Consul|Adjutant|Director"
_GAP = r"[^\S\n]+"  # spaces, never a line break: a title or a name does not run on into the next line
TITLED_PERSON = re.compile(
    r"\b(?P<title>(?:(?:" + SERVICES + r")" + _GAP + r")?"
    r"(?:(?:" + OFFICE_BEFORE_RANK + r")" + _GAP + r"(?=(?:General|Major|Private)\b))?"
    rf"(?:(?:{TITLE_WORDS}){_GAP})*(?:{TITLE_WORDS})){_GAP}"
    rf"(?P<name>{_NAME_WORD}(?:{_GAP}(?:{_NICK}|{_NAME_WORD})){{0,4}})"
)
NON_NAME_WORDS = frozenset(
    [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "The",
        "A",
        "An",
        "And",
        "Of",
        "In",
        "On",
        "At",
        "For",
        "To",
        "He",
        "She",
        "They",
        "It",
        "We",
        "I",
        "This",
        "That",
        "These",
        "Those",
        "His",
        "Her",
        "Their",
        "Its",
        "Our",
        # time zones name no one ("11 : 11 GMT")
        "GMT",
        "UTC",
        "EST",
        "EDT",
        "CST",
        "CDT",
        "PST",
        "PDT",
        "CET",
        "CEST",
        "BST",
        "AEST",
    ]
)
# words that never make a name on their own, beyond NON_NAME_WORDS: short dates and clock times ("Sat Nov 12")
DATE_WORDS = frozenset(
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun AM PM".split()
)
# function words a title-case headline leaves in lower case ("Dies in Fall in New Zealand")
SMALL_WORDS = frozenset(
    "a an the of in on at for to and or nor but as by with from into onto over after before about vs via per".split()
)
# what follows a number in a measure, not a name ("1990s", "2000ft", "7pm"); "76ers", "10News" are names
UNIT_SUFFIXES = frozenset("s am pm ft m km kg g lb lbs mph kph km/h mm cm min mins hr hrs h yo st nd rd th k".split())
# words for a role, trimmed from the ends of a name found by its capitals ("Constable Tim Fanning" names Tim Fanning)
ROLE_WORDS = frozenset(
    """Attorney Surgeon Solicitor Coach Manager CEO Sheriff Constable Assistant Doctor Sister Brother Father Senior
    Sr Jr Editor Chairman Chairwoman Chair Spokesperson Prosecutor Superintendent Head Executive Trustee Nominee Host
    Anchor Correspondent Reporter Managing General Const Insp Supt Cpl Pte""".split()
)
ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth")
DIGIT_NAME = re.compile(r"\d+(?P<letters>[A-Za-z]+)")
OPENERS = frozenset(["``", '"', "“", "'", "‘", "(", "[", ":", "-", "--", "—", "–"])
ACRONYM_IN_PARENS = re.compile(r"\(\s*(?P<short>[A-Z][A-Za-z0-9&.\-]{1,11})\s*\)")
DOTTED_ABBREVIATION = re.compile(r"(?:[A-Z]\.)+[A-Z]")
LEADING_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")
TRAILING_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


@dataclass(frozen=True, slots=True)
class AliasEntry:
    type: str
    canonical: str
    aliases: tuple[str, ...]
    source: str


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Given names (casefolded) from the nickname table: "Tim Fanning" is a person, "Troy Hill" need not be."""
    text = resources.files("rashomon.data").joinpath("nicknames.csv").read_text(encoding="utf-8")
    names: set[str] = set()
    for line in text.splitlines()[1:]:
        parts = line.split(",")
        if len(parts) == 3:
            names.update((parts[0].strip(), parts[2].strip()))
    return frozenset(names)


@lru_cache(maxsize=1)
def alias_table() -> dict[str, AliasEntry]:
    """The curated alias table: every name (casefolded) to its entry."""
    table: dict[str, AliasEntry] = {}
    text = resources.files("rashomon.data").joinpath("aliases.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        typ, canonical, aliases, source = line.split("\t")
        entry = AliasEntry(typ, canonical, tuple(a.strip() for a in aliases.split("|") if a.strip()), source)
        for name in (canonical, *entry.aliases):
            table.setdefault(name.casefold(), entry)
    return table


def schwartz_hearst(short: str, long: str) -> int | None:
    """Start index in ``long`` of the shortest tail that defines ``short`` (Schwartz & Hearst, 2003), else None.

    Every letter of the short form must appear in order in the long form, and its first letter must begin a word.
    """
    s, i = len(short) - 1, len(long) - 1
    while s >= 0:
        c = short[s].lower()
        if not c.isalnum():
            s -= 1
            continue
        while i >= 0 and (long[i].lower() != c or (s == 0 and i > 0 and long[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        i -= 1
        s -= 1
    return long.rfind(" ", 0, i + 1) + 1


def clean_name(text: str) -> str:
    """A surface form without a leading article, trailing possessive, quoted nickname or surrounding punctuation."""
    name = LEADING_ARTICLE.sub("", text.strip())
    name = TRAILING_POSSESSIVE.sub("", name)
    name = re.sub(r"\s*" + _NICK + r"\s*", " ", name)
    name = " ".join(name.strip(" \t\n,.;:\"“”'‘’()[]").split())
    if DOTTED_ABBREVIATION.fullmatch(name):
        name += "."  # "U.S" (its last period taken for the sentence's) is "U.S."
    return name


def _is_name_like(text: str) -> bool:
    words = text.split()
    if not words or text in NON_NAME_WORDS:
        return False
    first = re.sub(r"^(?:" + PARTICLES + r")-", "", words[0])
    return first[:1].isupper()


def _titled_people(report: str, text: str) -> list[Mention]:
    out = []
    for m in TITLED_PERSON.finditer(text):
        name_words = [w for w in re.split(r"\s+", m.group("name")) if not re.fullmatch(_NICK, w)]
        while name_words and (name_words[-1] in NON_NAME_WORDS or name_words[-1] in ORG_WORDS):
            name_words.pop()
        if not name_words or name_words[0] in NON_NAME_WORDS or name_words[0] in ORG_WORDS:
            continue
        # an office after the name is no part of it: "Dr. Sanjay Gupta Surgeon General" names Sanjay Gupta (one title
        # word is not enough: "Billy King")
        for k in range(1, len(name_words) - 1):
            if all(re.fullmatch(TITLE_WORDS + "|" + OFFICE_BEFORE_RANK, w) for w in name_words[k:]):
                del name_words[k:]
                break
        if re.fullmatch(TITLE_WORDS, name_words[0]):
            continue
        # the span ends at the last kept name word
        last = name_words[-1]
        end = m.start("name") + m.group("name").rfind(last) + len(last)
        start = m.start("title")
        if len(name_words) == 1 and m.group("title") in ("General", "Major", "Chief", "Field", "Staff", "Private"):
            continue  # "General Motors", "Major League": one word after an ambiguous title is not enough
        out.append(Mention(report, start, end, text[start:end], "PERSON", " ".join(name_words), "title", True))
    return out


def _ner_mentions(report: str, parse: Parse) -> list[Mention]:
    out = []
    text = parse.text
    sentence_starts = {first for first, _ in parse.sents}
    for ent in parse.ents:
        label = NER_LABELS.get(ent.label)
        if label is None or _common_noun_first(parse, ent.start, ent.end, sentence_starts):
            continue
        start, end = _one_line(text, *parse.char_span(ent.start, ent.end))
        surface = text[start:end]
        lead = LEADING_ARTICLE.match(surface)
        if lead:
            start += lead.end()
        tail = TRAILING_POSSESSIVE.search(text[start:end])
        if tail:
            end -= len(tail.group())
        while end > start and text[end - 1] in " ,.;:-":
            end -= 1
        if end <= start or not _is_name_like(text[start:end]):
            continue
        for a, b in _split_conjoined(text, start, end):
            out.append(_typed_mention(report, text, a, b, label))
    return out


def _common_noun_first(parse: Parse, start: int, end: int, sentence_starts: set[int]) -> bool:
    """A one-word entity that only the capital of a sentence start makes look like a name, and that the tagger reads
    as a common noun ("Survivors said...", "Rescue divers...", "Ferry accidents are common")."""
    token = parse.tokens[start]
    return end - start == 1 and start in sentence_starts and token.pos == "NOUN" and not token.text.isupper()


def _is_initial(tok: Token) -> bool:
    return len(tok.text) == 1 and tok.text.isupper()


def _is_name_word(tok: Token) -> bool:
    return len(tok.text) > 1 and tok.text[:1].isupper() and tok.text not in NON_NAME_WORDS


def _spaced_initials(report: str, parse: Parse, mentions: Sequence[Mention]) -> list[Mention]:
    """People whose middle initial stands apart from its period ("Raj K . Chohan", as in tokenised text): the model
    stops at the initial or starts after it; the name runs from the word before the initial to the word after it."""
    tokens, text = parse.tokens, parse.text
    at_start = {t.start: t.i for t in tokens}
    at_end = {t.end: t.i for t in tokens}
    out = []
    for m in mentions:
        a, b = at_start.get(m.start), at_end.get(m.end)
        if m.label != "PERSON" or a is None or b is None:
            continue
        start, end = m.start, m.end
        # "Raj K" + ". Chohan", "Raj" + "K . Chohan"
        k = b if _is_initial(tokens[b]) else b + 1
        if (
            k + 2 < len(tokens)
            and (k == b or _is_initial(tokens[k]))
            and tokens[k + 1].text == "."
            and _is_name_word(tokens[k + 2])
            and "\n" not in text[tokens[b].end : tokens[k + 2].start]
        ):
            end = tokens[k + 2].end
        # "Regina M ." + "Benjamin"
        if (
            a >= 3
            and tokens[a - 1].text == "."
            and _is_initial(tokens[a - 2])
            and _is_name_word(tokens[a - 3])
            and "\n" not in text[tokens[a - 3].start : tokens[a].start]
        ):
            start = tokens[a - 3].start
        if (start, end) != (m.start, m.end):
            name = re.sub(r"\b([A-Z]) \.", r"\1.", clean_name(text[start:end]))
            out.append(Mention(report, start, end, text[start:end], "PERSON", name, "ner"))
    return out


def _one_line(text: str, start: int, end: int) -> tuple[int, int]:
    """A span cut at its line breaks to the line holding most capitalised words (the first on ties): a name does not
    run on from a headline into the dateline under it ("Gulf of Aden\nSat Nov 12")."""
    if "\n" not in text[start:end]:
        return start, end
    best, best_count, pos = (start, end), -1, start
    for piece in text[start:end].split("\n"):
        count = sum(w[:1].isupper() and w not in NON_NAME_WORDS for w in piece.split())
        if count > best_count:
            best, best_count = (pos, pos + len(piece)), count
        pos += len(piece) + 1
    a, b = best
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _split_conjoined(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """'al-Bab and Bazaa' -> two names; an alias-table name with 'and' in it stays whole."""
    surface = text[start:end]
    if " and " not in surface or surface.casefold() in alias_table():
        return [(start, end)]
    parts, pos = [], start
    for piece in surface.split(" and "):
        a = text.index(piece, pos)
        parts.append((a, a + len(piece)))
        pos = a + len(piece)
    if all(_is_name_like(text[a:b]) for a, b in parts):
        return parts
    return [(start, end)]


def _typed_mention(report: str, text: str, start: int, end: int, label: str, origin: str = "ner") -> Mention:
    surface = text[start:end]
    name = clean_name(surface)
    words = re.split(r"\s+(?:of|for|on|in|and|the)\s+", name)[0].split()
    strong = False
    entry = alias_table().get(name.casefold())
    if entry is not None:
        label, strong = entry.type, True
    elif words and words[-1] in ORG_WORDS:
        label, strong = "ORG", True
    return Mention(report, start, end, surface, label, name, origin, strong)


def _acronyms(report: str, parse: Parse, existing: Sequence[Mention]) -> tuple[list[Mention], list[AliasLink]]:
    """Acronym definitions ('US Central Command (CENTCOM)') and names side by side ('ISIL (ISIS)')."""
    text = parse.text
    mentions: list[Mention] = []
    links: list[AliasLink] = []
    index = _SpanIndex(existing)
    sentence_spans = [parse.char_span(a, b) for a, b in parse.sents]
    for m in ACRONYM_IN_PARENS.finditer(text):
        short = m.group("short")
        if sum(c.isupper() for c in short) < 2 or short in NON_NAME_WORDS:
            continue
        s_start, s_end = m.span("short")
        sent_start = _sentence_start(sentence_spans, m.start())
        before = text[sent_start : m.start()].rstrip()
        closing = len(before) - len(before.rstrip("\"”'’"))
        before_end = sent_start + len(before) - closing
        window_words = before[: len(before) - closing].split()[-min(len(short) + 5, 2 * len(short)) :]
        window = " ".join(window_words)
        window_start = text.rfind(window, sent_start, before_end + 1) if window else -1
        offset = schwartz_hearst(short, window) if window else None
        if offset is not None:
            offset += len(window[offset:]) - len(window[offset:].lstrip("\"“'‘"))
        short_mention = _typed_mention(report, text, s_start, s_end, "ORG", "acronym")
        defined = (
            offset is not None and window_start >= 0 and len(window[offset:].split()) >= 2 and window[offset].isupper()
        )
        if defined and offset is not None:
            l_start, l_end = window_start + offset, before_end
            # prefer an existing mention that covers the long form and starts earlier ("US Central Command")
            cover = [e for e in index.covering(l_start) if e.end >= l_end - 1 and e.label != "PERSON"]
            if cover:
                l_start, l_end = min(e.start for e in cover), max(e.end for e in cover)
            label = short_mention.label if short_mention.strong_type else "ORG"
            long_mention = _typed_mention(report, text, l_start, l_end, label, "acronym")
            mentions += [replace(long_mention, strong_type=True), short_mention]
            links.append(AliasLink(report, (l_start, l_end), (s_start, s_end), "acronym"))
            continue
        prev = [e for e in index.ending_in(before_end - 1, before_end + 1) if e.start < before_end]
        if prev and prev[-1].label in ("ORG", "NORP", "GPE") and prev[-1].text.isupper():
            mentions.append(short_mention)
            links.append(AliasLink(report, (prev[-1].start, prev[-1].end), (s_start, s_end), "paren"))
    return mentions, links


def _sentence_start(sentences: Sequence[tuple[int, int]], char: int) -> int:
    """Start of the first sentence (character spans, in order) that holds the character, else 0."""
    k = bisect_right(sentences, (char, sys.maxsize)) - 1
    for j in (k - 1, k):  # two sentences can touch ("end.Next"): the earlier one wins
        if 0 <= j < len(sentences) and sentences[j][0] <= char <= sentences[j][1]:
            return sentences[j][0]
    return 0


class _SpanIndex:
    """Mentions looked up by position without a scan of them all: those covering a character, those ending in a
    range (in their given order)."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self.by_start = sorted(mentions, key=lambda e: e.start)
        self.starts = [e.start for e in self.by_start]
        self.reach: list[int] = []  # the furthest end among the mentions up to each one, in start order
        for e in self.by_start:
            self.reach.append(max(e.end, self.reach[-1]) if self.reach else e.end)
        self.by_end: dict[int, list[tuple[int, Mention]]] = {}
        for k, e in enumerate(mentions):
            self.by_end.setdefault(e.end, []).append((k, e))

    def covering(self, char: int) -> list[Mention]:
        """Mentions with start <= char < end, in start order."""
        out = []
        k = bisect_right(self.starts, char) - 1
        while k >= 0 and self.reach[k] > char:
            if self.by_start[k].end > char:
                out.append(self.by_start[k])
            k -= 1
        return out[::-1]

    def ending_in(self, lo: int, hi: int) -> list[Mention]:
        """Mentions with lo <= end <= hi, in their given order."""
        found = [hit for end in range(lo, hi + 1) for hit in self.by_end.get(end, ())]
        return [e for _, e in sorted(found, key=lambda hit: hit[0])]


def merge_mentions(layers: Sequence[Sequence[Mention]]) -> tuple[Mention, ...]:
    """Keep mentions in order of trust: a later layer's mention is dropped where it overlaps an earlier one."""
    kept: list[Mention] = []
    # the kept spans never overlap one another, so sorted by start they are sorted by end too: one bisection finds
    # the only kept span that can overlap a new one (the last one starting before it ends)
    starts: list[int] = []
    ends: list[int] = []
    for layer in layers:
        for m in sorted(layer, key=lambda x: (x.start, -(x.end - x.start))):
            k = bisect_left(starts, m.end) - 1
            if m.end > m.start:
                if k >= 0 and ends[k] > m.start:
                    continue
            elif any(m.start < k.end and k.start < m.end for k in kept):  # an empty span: checked in full
                continue
            kept.append(m)
            at = bisect_right(starts, m.start)
            starts.insert(at, m.start)
            ends.insert(at, m.end)
    return tuple(sorted(kept, key=lambda x: x.start))


@dataclass(frozen=True, slots=True)
class _TextFacts:
    """What the report's own text says about its capitalised words.

    ``lower``: the forms and lemmas of its lower-case words ("hired" gives "hire": "Hire" in a headline is a common
    word, not a name); ``verbs``: those of them used as verbs ("Returns" in a headline is the verb of "returned");
    ``headline``: per token, whether its line is set in title case or capitals, where capitals
    mark no name; ``initial``: per token, whether it opens its sentence (or a quotation), where capitals mark no name
    either; ``named``: the words (casefolded) capitalised inside an ordinary sentence, where capitals do mark a name.
    """

    lower: frozenset[str]
    verbs: frozenset[str]
    headline: tuple[bool, ...]
    initial: tuple[bool, ...]
    named: frozenset[str]


def _text_facts(parse: Parse) -> _TextFacts:
    tokens = parse.tokens
    lower: set[str] = set()
    verbs: set[str] = set()
    for t in tokens:
        if t.text.isalpha() and t.text.islower():
            lower.update((t.text, t.lemma.lower()))
            if t.pos in ("VERB", "AUX"):
                verbs.update((t.text, t.lemma.lower()))
    headline = [False] * len(tokens)
    initial = [False] * len(tokens)
    for a, b in parse.sents:
        content = [t.text for t in tokens[a:b] if t.text[:1].isalpha() and t.text.lower() not in SMALL_WORDS]
        capitalised = sum(w[:1].isupper() for w in content)
        is_headline = len(content) >= 2 and capitalised >= 0.8 * len(content)
        opening = True
        for i in range(a, b):
            headline[i] = is_headline
            text = tokens[i].text
            if not text.strip():
                continue
            initial[i] = opening
            opening = text in OPENERS or (opening and not text[:1].isalnum())
    named = frozenset(
        t.text.casefold()
        for t in tokens
        if t.text[:1].isupper() and not headline[t.i] and not initial[t.i] and t.text not in NON_NAME_WORDS
    )
    return _TextFacts(frozenset(lower), frozenset(verbs), tuple(headline), tuple(initial), named)


def _lower_elsewhere(tok: Token, facts: _TextFacts) -> bool:
    """A capitalised word the text also writes in lower case ("Hire" and "hired"): a common word, not a name. A
    capitalised acronym in an ordinary sentence keeps its claim ("US" whatever "us" does)."""
    if tok.text.isupper() and len(tok.text) > 1 and not facts.headline[tok.i]:
        return False
    return tok.text.lower() in facts.lower or tok.lemma.lower() in facts.lower


def _digit_name(text: str, alone: bool) -> bool:
    """A name written with a number: "10News" anywhere; "76ers" after a name word ("Philadelphia 76ers")."""
    m = DIGIT_NAME.fullmatch(text)
    if m is None or m.group("letters").lower() in UNIT_SUFFIXES:
        return False
    return len(m.group("letters")) >= 2 and (not alone or m.group("letters")[:1].isupper())


def _name_word(tok: Token, facts: _TextFacts) -> bool:
    """A token that can be part of a name by its own looks and the text's evidence (see ``_TextFacts``)."""
    text = tok.text
    if len(text) < 2 or not text[:1].isupper() or not any(c.isalpha() for c in text):
        return False
    if text in NON_NAME_WORDS or text.rstrip(".") in DATE_WORDS or tok.pos in ("VERB", "AUX"):
        return False
    if _lower_elsewhere(tok, facts):
        return False
    if facts.headline[tok.i] or facts.initial[tok.i]:
        return text.casefold() in facts.named
    return True


def _name_runs(report: str, parse: Parse, facts: _TextFacts, taken: Sequence[Mention]) -> list[Mention]:
    """Names the model missed: runs of name words (``_name_word``) outside every mention found so far ("Troy" in "a
    38-year-old Troy resident", "INS Sukanya"). A word that has no evidence of its own opens a run when a name word
    follows it: a sentence's first proper noun ("Constable Tim Fanning"), a given name ("Maurice" in a headline), an
    ordinal ("117th Street"). Role words ("Constable", "Const") at either end are left out."""
    tokens, text = parse.tokens, parse.text
    covered = _covered(parse, taken)

    def word(k: int, alone: bool) -> bool:
        return not covered[k] and (_name_word(tokens[k], facts) or _digit_name(tokens[k].text, alone))

    def opener(k: int) -> bool:
        t = tokens[k]
        if covered[k] or not t.space or t.text in NON_NAME_WORDS:
            return False
        if ORDINAL.fullmatch(t.text):
            return True
        return (
            t.pos == "PROPN"
            and t.text[:1].isupper()
            and not _lower_elsewhere(t, facts)
            and (t.text.casefold() in given_names() or (facts.initial[k] and not facts.headline[k]))
        )

    def role(k: int) -> bool:
        t = tokens[k].text
        return t in ROLE_WORDS or bool(re.fullmatch(TITLE_WORDS, t) or re.fullmatch(TITLE_WORDS, t + "."))

    out = []
    for a, b in parse.sents:
        i = a
        while i < b:
            if word(i, True):
                j = i + 1
            elif i + 1 < b and opener(i) and word(i + 1, False):
                j = i + 2
            else:
                i += 1
                continue
            while j < b and tokens[j - 1].space and word(j, False):
                j += 1
            run = list(range(i, j))
            i = j
            while run and role(run[0]):
                run.pop(0)
            while run and role(run[-1]):
                run.pop()
            if not run:
                continue
            if len(run) == 1:
                t = tokens[run[0]]
                if not _digit_name(t.text, True) if t.text[:1].isdigit() else t.pos not in ("PROPN", "NOUN", "X"):
                    continue
            words = [tokens[k].text for k in run]
            person = (
                2 <= len(words) <= 3
                and words[0].casefold() in given_names()
                and not any(w in ORG_WORDS or w[:1].isdigit() for w in words)
            )
            start, end = tokens[run[0]].start, tokens[run[-1]].end
            out.append(_typed_mention(report, text, start, end, "PERSON" if person else "OTHER", "phrase"))
    return out


def _covered(parse: Parse, mentions: Sequence[Mention]) -> list[bool]:
    """Per token: whether a mention holds it."""
    starts = [t.start for t in parse.tokens]
    covered = [False] * len(parse.tokens)
    for m in mentions:
        for k in range(bisect_left(starts, m.start), bisect_left(starts, m.end)):
            covered[k] = True
    return covered


def _token_range(parse: Parse, m: Mention) -> tuple[int, int]:
    """The tokens [a, b) of a mention's span."""
    starts = [t.start for t in parse.tokens]
    a = bisect_right(starts, m.start) - 1
    return max(a, 0), bisect_left(starts, m.end)


def _extend(report: str, parse: Parse, facts: _TextFacts, mentions: Sequence[Mention]) -> list[Mention]:
    """A model's name that stops short of the name words right after it: "Philadelphia" + "76ers", "Toyota" + "Camry".
    A person's name is left alone (the word after it is another name), and so is a place's name that the words after
    it turn into the name of something else, which is then typed by its words, not as the place."""
    tokens, text = parse.tokens, parse.text
    covered = _covered(parse, mentions)
    out = []
    for m in mentions:
        if m.origin != "ner" or m.label == "PERSON":
            out.append(m)
            continue
        _, b = _token_range(parse, m)
        j = b
        while (
            j < len(tokens)
            and tokens[j - 1].space
            and tokens[j - 1].end == tokens[j].start - 1
            and not covered[j]
            and not re.fullmatch(TITLE_WORDS, tokens[j].text)
            and (_name_word(tokens[j], facts) or _digit_name(tokens[j].text, False))
        ):
            j += 1
        if j == b:
            out.append(m)
            continue
        label = "ORG" if m.label in ("GPE", "LOC", "NORP") else m.label
        out.append(_typed_mention(report, text, m.start, tokens[j - 1].end, label))
    return out


def _trim_headline_words(report: str, parse: Parse, facts: _TextFacts, mentions: Sequence[Mention]) -> list[Mention]:
    """A name in a title-case headline that took in the headline's verbs ("Ellen Smith Returns", "Hire Jo Brown",
    "Jo Brown Announces Nominee"): the name ends before a verb inside it, and leading verbs go (a title's words stay,
    and so does a leading given name: "Will Smith"). A verb is a word the text uses as a verb in lower case
    ("returned"), or one tagged a verb that the text also writes in lower case."""
    tokens, text = parse.tokens, parse.text
    out = []
    for m in mentions:
        a, b = _token_range(parse, m)
        if m.origin not in ("ner", "title") or b - a < 2 or not facts.headline[a]:
            out.append(m)
            continue

        def verb(k: int) -> bool:
            t = tokens[k]
            low = t.text.lower()
            forms = {low, t.lemma.lower(), low.removesuffix("s"), low.removesuffix("es")}  # "Resigns": "resign"
            # the tagger alone is not enough: it takes headline surnames for verbs ("Denning")
            return not forms.isdisjoint(facts.verbs) or (t.pos in ("VERB", "AUX") and not forms.isdisjoint(facts.lower))

        lo, hi = a, b
        if m.origin == "ner":
            while hi - lo > 1 and verb(lo) and tokens[lo].text.casefold() not in given_names():
                lo += 1
        hi = next((k for k in range(lo + 1, hi) if verb(k)), hi)
        if (lo, hi) == (a, b):
            out.append(m)
            continue
        start, end = tokens[lo].start, tokens[hi - 1].end
        trimmed = _typed_mention(report, text, start, end, m.label, m.origin)
        if m.origin == "title":  # the title stays in the span, out of the name
            name = clean_name(" ".join(w for w in m.name.split() if text.find(w, start, end) >= 0))
            if not name:
                out.append(m)
                continue
            trimmed = replace(trimmed, name=name, label="PERSON", strong_type=True)
        out.append(trimmed)
    return out


def find_mentions(report: str, parse: Parse) -> tuple[tuple[Mention, ...], tuple[AliasLink, ...]]:
    """All entity mentions of a report, and the alias links its text states."""
    facts = _text_facts(parse)
    ner = _trim_headline_words(report, parse, facts, _ner_mentions(report, parse))
    ner = [*_spaced_initials(report, parse, ner), *ner]
    titled = _trim_headline_words(report, parse, facts, _titled_people(report, parse.text))
    acronym_mentions, links = _acronyms(report, parse, [*ner, *titled])
    long_forms = [m for m in acronym_mentions if m.origin == "acronym" and m.strong_type]
    merged = merge_mentions([long_forms, titled, acronym_mentions, ner])
    linked = {(link.report, *span) for link in links for span in (link.long, link.short)}
    # a mention an alias link names keeps its span; the others may run on over the name words after them
    extended = [
        *(m for m in merged if (m.report, m.start, m.end) in linked),
        *_extend(report, parse, facts, [m for m in merged if (m.report, m.start, m.end) not in linked]),
    ]
    found = merge_mentions([extended, _name_runs(report, parse, facts, extended)])
    return merge_mentions([_headline_spans_from_body(parse, facts, found)]), tuple(links)


def _headline_spans_from_body(parse: Parse, facts: _TextFacts, mentions: Sequence[Mention]) -> list[Mention]:
    """A name in a title-case headline that ran on over headline words ("President Nominates Ann Lee", "Herons Fire
    Coach") is cut to the longest name the body of the report writes inside it ("Ann Lee", "Herons"): in a headline
    capitals say nothing, in the body they do."""
    first_token = {t.start: t.i for t in parse.tokens}
    in_headline = [facts.headline[first_token[m.start]] if m.start in first_token else False for m in mentions]
    body = sorted({m.name for m, h in zip(mentions, in_headline, strict=True) if not h}, key=len, reverse=True)
    out = []
    for m, headline in zip(mentions, in_headline, strict=True):
        inner = [(n, at) for n in body if len(n) < len(m.text) and (at := _word_at(n, m.text))] if headline else []
        if not inner:
            out.append(m)
            continue
        name, (a, b) = inner[0]
        label = next((x.label for x in mentions if x.name == name), m.label)
        out.append(_typed_mention(m.report, parse.text, m.start + a, m.start + b, label, m.origin))
    return out


def _word_at(name: str, text: str) -> tuple[int, int] | None:
    found = re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text, re.IGNORECASE)
    return found.span() if found else None
