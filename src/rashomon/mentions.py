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

from rashomon.nlp import Parse
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
_NAME_WORD = r"(?:(?:" + PARTICLES + r")[-\s])?[A-Z][\w'’]*(?:-[\w'’]+)*"
_NICK = r"[\"“][A-Z][\w'’.-]*[\"”]"
TITLED_PERSON = re.compile(
    r"\b(?P<title>(?:(?:" + SERVICES + r")\s+)?(?:(?:" + TITLE_WORDS + r")\s+)*(?:" + TITLE_WORDS + r"))\s+"
    r"(?P<name>" + _NAME_WORD + r"(?:\s+(?:" + _NICK + r"|" + _NAME_WORD + r")){0,4})"
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
ACRONYM_IN_PARENS = re.compile(r"\(\s*(?P<short>[A-Z][A-Za-z0-9&.\-]{1,11})\s*\)")
LEADING_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")
TRAILING_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


@dataclass(frozen=True, slots=True)
class AliasEntry:
    type: str
    canonical: str
    aliases: tuple[str, ...]
    source: str


@lru_cache(maxsize=1)
def alias_table() -> dict[str, AliasEntry]:
    """The curated alias table: every name (casefolded) to its entry."""
    table: dict[str, AliasEntry] = {}
    text = resources.files("rashomon.data").joinpath("aliases.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        typ, canonical, aliases, source = line.split("\t")
        entry = AliasEntry(typ, canonical, tuple(a.strip() for a in aliases.split("|")), source)
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
    return " ".join(name.strip(" \t\n,.;:\"“”'‘’()[]").split())


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
    for ent in parse.ents:
        label = NER_LABELS.get(ent.label)
        if label is None:
            continue
        start, end = parse.char_span(ent.start, ent.end)
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


def find_mentions(report: str, parse: Parse) -> tuple[tuple[Mention, ...], tuple[AliasLink, ...]]:
    """All entity mentions of a report, and the alias links its text states."""
    ner = _ner_mentions(report, parse)
    titled = _titled_people(report, parse.text)
    acronym_mentions, links = _acronyms(report, parse, [*ner, *titled])
    long_forms = [m for m in acronym_mentions if m.origin == "acronym" and m.strong_type]
    merged = merge_mentions([long_forms, titled, acronym_mentions, ner])
    return merged, tuple(links)
