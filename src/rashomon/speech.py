"""Who says what: direct quotes with their speakers, and the source each sentence credits.

A quote is text in double quotation marks (“...”, "...", «...», „...“, or ``...'' as wire archives set them) that reads
as speech, not a name ("Islamic State of Iraq and Syria"), a nickname ("Erik") or a scare quote (two words). Its
speaker is found where news puts it, in this order:

1. a speech verb in the sentence the quote opens in (else the one it closes in), outside the quote: its subject
   ("..., Centcom said", "said CENTCOM commander Gen. Michael Kurilla", "Grynkewich said the planes "...""), or
   "according to X";
2. the next sentence, when the quote is a sentence of its own: in the same paragraph, any speech verb's subject
   ("..." / "She said so on Monday."); in the next paragraph, when the quote is a paragraph of its own, only a speech
   verb that reports nothing of its own ("..." / "That was what Smith told reporters.", not "Jones said taxes would
   rise."); in both, a speech noun's source ("The statement came from coach Smith.", "Those were the words of X");
3. the speaker of the previous quote in the paragraph, else in the previous paragraph (a quote continuing the
   speaker's words, set as a paragraph of its own).

A pronoun subject ("he added") stands for the most recent speaker, else the most recent person named before it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from rashomon.nlp import Parse
from rashomon.records import Attribution, Mention, Quote, Sentence, Span

SPEECH_VERBS = frozenset(
    [
        "say",
        "tell",
        "add",
        "state",
        "announce",
        "note",
        "write",
        "claim",
        "warn",
        "insist",
        "confirm",
        "report",
        "explain",
        "declare",
        "stress",
        "allege",
        "deny",
        "admit",
        "acknowledge",
        "testify",
        "argue",
        "assert",
        "comment",
        "reply",
        "respond",
        "tweet",
        "post",
        "told",
        "said",
        "added",
        "urge",
        "describe",
        "call",
        "accuse",
        "vow",
        "pledge",
        "predict",
        "estimate",
        "inform",
        "brief",
        "assure",
    ]
)
PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "him", "her", "them"])
NAME_FUNCTION_WORDS = frozenset(
    ["of", "and", "the", "for", "al", "el", "de", "la", "le", "du", "da", "bin", "ibn", "on", "in"]
)
# opening mark -> closing mark; "``" ... "''" is the wire-archive (Penn Treebank) style: ``He can act,'' Mark said.
QUOTE_PAIRS = {"“": "”", '"': '"', "«": "»", "„": "“", "``": "''"}
OPENING_MARK = re.compile('``|[“"«„]')
ONLY_CLOSING = frozenset({"”", "»", "''"})  # marks that never open a quote ("“" closes „...“ but opens English quotes)
QUOTE_MARK_CHARS = "\"“”«»„`'‘’"
# Inside a "``" quote, a "``" right after a comma or end punctuation closes it: archives that turned every straight
# quotation mark into "``" write "``We won , `` said Smith ." (quotes inside quotes take single marks, ` ... ')
BACKTICKS_CLOSING = re.compile(r"(?<=[,.!?])\s?``(?=\s|$)")
CONTINUED_LINES = 4  # how many line breaks a quote left open may run across to the line that closes it
# nouns that name what was said: "The statement came from X", "Those were the words of X"
SPEECH_NOUNS = frozenset(
    [
        "statement",
        "remark",
        "comment",
        "word",
        "quote",
        "quotation",
        "message",
        "announcement",
        "tweet",
        "post",
        "claim",
        "warning",
        "response",
        "reply",
    ]
)
SOURCE_PREPS = frozenset({"from", "by", "of"})
CONTENT_DEPS = ("ccomp", "xcomp")  # a clause a speech verb reports ("said the talks failed", "urged fans to stay")
SUBJECT_DEPS = ("nsubj", "nsubjpass")
SUBJECT_CUT_PREPS = frozenset({"in", "on", "at", "during", "via", "through"})


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    start: int  # first character inside the quotation marks
    end: int  # character after the last one inside
    closed: bool


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Quoted stretches, line by line. A quote left open at a line break runs on when one of the next lines closes it
    before opening anything, with a mark that only closes (”, », '') or a closing "``" (a text set a sentence a line,
    or hard-wrapped); otherwise an unclosed quote runs to the end of its line (the paragraph, in news text)."""
    lines = [m.span() for m in re.finditer(r"[^\n]+", text)]
    spans: list[QuoteSpan] = []
    li, i = 0, 0
    while li < len(lines):
        line_start, end = lines[li]
        opener = _next_opener(text, max(i, line_start), end)
        if opener is None:
            li += 1
            continue
        mark = opener.group()
        close = _closing_mark(text, mark, opener.end(), end)
        if close is None and (QUOTE_PAIRS[mark] in ONLY_CLOSING or mark == "``"):
            later = _closed_on_a_later_line(text, lines, li, mark)
            if later is not None:
                li, close = later
        if close is None:
            spans.append(QuoteSpan(opener.end(), end, False))
            li += 1
            continue
        spans.append(QuoteSpan(opener.end(), close[0], True))
        i = close[1]
    return spans


def _next_opener(text: str, i: int, end: int) -> re.Match[str] | None:
    while (m := OPENING_MARK.search(text, i, end)) is not None:
        if _opens(text, m.start()):
            return m
        i = m.start() + 1
    return None


def _closing_mark(text: str, opening: str, i: int, end: int) -> tuple[int, int] | None:
    """(start, end) of the first mark in text[i:end] that closes a quote opened with ``opening``."""
    closer = QUOTE_PAIRS[opening]
    at = text.find(closer, i, end)
    found = (at, at + len(closer)) if at != -1 else None
    if opening == "``":
        m = BACKTICKS_CLOSING.search(text, i, end)
        if m is not None and (found is None or m.start() < found[0]):
            found = (m.end() - 2, m.end())
    return found


def _closed_on_a_later_line(
    text: str, lines: Sequence[tuple[int, int]], li: int, opening: str
) -> tuple[int, tuple[int, int]] | None:
    """(line, closing mark) of a quote opened on line ``li`` and left open there, when a following line of the same
    block (no blank line between) closes it before any quote opens."""
    for lj in range(li + 1, min(len(lines), li + 1 + CONTINUED_LINES)):
        a, b = lines[lj]
        if a - lines[lj - 1][1] > 1 or text[a:b].isspace():  # a blank line ends the block
            return None
        close = _closing_mark(text, opening, a, b)
        if close is not None and text[close[0] : close[1]] == "``" and text.find("''", close[1], b) != -1:
            return None  # "He said , ``we won . ''": a "``" that the line closes itself opens a quote of its own
        opener = _next_opener(text, a, b)
        if close is not None and (opener is None or close[0] <= opener.start()):  # a "``" can be either: it closes
            return lj, close
        if opener is not None:
            return None
    return None


def _opens(text: str, i: int) -> bool:
    if text[i] != '"':
        return True
    return i == 0 or not text[i - 1].isalnum()


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop whitespace and the trailing comma that news style puts inside the closing quotation mark."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def is_name_like(quoted: str) -> bool:
    """A title or a name in quotation marks ("Secret Man: The Story of Watergate's Deep Throat"): every word that
    is not a function word or a possessive is capitalised."""
    words = re.findall(r"[\w'’-]+", quoted)
    content = [w for w in words if w.lower() not in NAME_FUNCTION_WORDS and w.lower() not in ("'s", "’s", "s")]
    return bool(content) and len(words) <= 12 and all(w[:1].isupper() or w[:1].isdigit() for w in content)


LINK_OR_HANDLE = re.compile(r"https?://|\bwww\.|\.(?:com|org|net|gov)\b|(?:^|\s)[@#]\w+", re.IGNORECASE)


def is_speech(quoted: str, sentence_has_speech_verb: bool) -> bool:
    """Words someone said: not a name or a title, not a web address or a handle, and long enough (or told by a
    speech verb)."""
    words = re.findall(r"[\w'’-]+", quoted)
    if len(words) <= 2 or is_name_like(quoted):
        return False
    if LINK_OR_HANDLE.search(quoted) and len(words) <= 12:
        return False
    return len(words) >= 4 or sentence_has_speech_verb


class QuotedText:
    """The quote spans of one text, looked up by position (a bisection, not a scan of them all)."""

    def __init__(self, spans: Sequence[QuoteSpan]) -> None:
        self.spans = sorted(spans, key=lambda q: q.start)  # found in text order, never overlapping
        self.starts = [q.start for q in self.spans]

    def inside(self, char: int) -> bool:
        k = bisect_right(self.starts, char) - 1
        return k >= 0 and char < self.spans[k].end


class SentenceFinder:
    """The sentence of a character, by bisection over the sentences' character spans."""

    def __init__(self, parse: Parse) -> None:
        self.spans = [parse.char_span(a, b) for a, b in parse.sents]
        self.starts = [s for s, _ in self.spans]

    def at(self, char: int) -> int:
        """The first sentence whose span (its last character included) holds the character; for a character between
        two sentences (a quotation mark left at a line's end) the next one; after the last sentence, the last."""
        k = bisect_right(self.starts, char) - 1
        for j in (k - 1, k):  # two sentences can touch ("end.Next"): the earlier one wins
            if 0 <= j < len(self.spans) and self.spans[j][0] <= char < self.spans[j][1] + 1:
                return j
        return min(k + 1, len(self.spans) - 1) if self.spans else 0


@dataclass(frozen=True, slots=True)
class _Credit:
    """What one speech cue of a sentence credits: ``span`` (None: the cue names nobody usable) and whether the search
    stops at this cue even so (a verb with a subject does; a verb with neither subject nor name before it does not)."""

    span: tuple[int, int] | None
    final: bool
    start: int = 0  # where the cue (the speech verb) is
    root: bool = False  # the cue is the sentence's root
    reports_content: bool = False  # the verb has a clause of its own ("said the talks failed")
    names_someone: bool = False  # the span holds a noun or a personal pronoun (not "That" of "That said, ...")

    @property
    def refers_back(self) -> bool:
        """The cue can credit words said before its sentence: a verb with no clause of its own and a subject that
        names someone ("That was what Smith told reporters"), or no subject at all."""
        return not self.reports_content and (self.names_someone or self.span is None)


class SpeechCues:
    """The speech cues of a report's sentences and whom each credits, worked out once per sentence and kept, so that
    every quote of a long sentence costs the number of its speech verbs, not its length."""

    def __init__(self, parse: Parse, quotes: QuotedText) -> None:
        self.parse = parse
        self.quotes = quotes
        self._token_starts: list[int] | None = None
        self._according: dict[int, _Credit | None] = {}
        self._verbs: dict[int, list[_Credit]] = {}
        self._decisive: dict[int, list[_Credit]] = {}
        self._deciding_starts: dict[int, list[int]] = {}
        self._first: dict[tuple[int, bool], tuple[int, int] | None] = {}

    def subject(self, sent: int, near: int | None = None, *, referring_back: bool = False) -> tuple[int, int] | None:
        """Character span of whom the sentence credits: a speech verb's subject or the object of 'according to'.
        ``referring_back``: only a verb that reports no clause of its own counts ("That was what Smith told
        reporters", not "Smith said taxes would rise"), as when the words it credits are a quote before it."""
        according = self._according_to(sent)
        if according is not None:
            return according.span
        if near is None:
            key = (sent, referring_back)
            if key not in self._first:
                credits = [c for c in self._deciding(sent) if not referring_back or c.refers_back]
                first = min(credits, key=lambda c: (not c.root, c.start), default=None)  # the sentence's own verb
                self._first[key] = first.span if first is not None else None
            return self._first[key]
        # the verb nearest the quote (the earlier of two as near): a bisection among the verbs in text order
        credits = self._deciding(sent)
        k = bisect_left(self._deciding_starts[sent], near)
        before = credits[k - 1] if k > 0 else None
        after = credits[k] if k < len(credits) else None
        if before is not None and (after is None or near - before.start <= after.start - near):
            return before.span
        return after.span if after is not None else None

    def _deciding(self, sent: int) -> list[_Credit]:
        """The speech verbs whose credit ends the search (a subject, or a name before the verb), in text order."""
        if sent not in self._deciding_starts:
            self._decisive[sent] = [c for c in self._speech_verbs(sent) if c.final or c.span is not None]
            self._deciding_starts[sent] = [c.start for c in self._decisive[sent]]
        return self._decisive[sent]

    def _according_to(self, sent: int) -> _Credit | None:
        if sent not in self._according:
            self._according[sent] = self._find_according_to(sent)
        return self._according[sent]

    def _find_according_to(self, sent: int) -> _Credit | None:
        parse = self.parse
        a, b = parse.sents[sent]
        toks = parse.tokens
        for t in toks[a:b]:
            if t.text.lower() != "according":
                continue
            to = next((toks[c] for c in parse.children[t.i] if a <= c < b and toks[c].text.lower() == "to"), None)
            obj = None
            if to is not None:
                obj = next((toks[c] for c in parse.children[to.i] if a <= c < b and toks[c].dep == "pobj"), None)
            if obj is not None and not self.quotes.inside(obj.start):
                lo, hi = parse.subtree(obj.i)
                return _Credit(_clip(parse, lo, hi, self.quotes), True)
        return None

    def _speech_verbs(self, sent: int) -> list[_Credit]:
        """The speech verbs of the sentence outside quotes, in text order, each with whom it credits."""
        if sent in self._verbs:
            return self._verbs[sent]
        parse = self.parse
        a, b = parse.sents[sent]
        toks = parse.tokens
        verbs = [
            t
            for t in toks[a:b]
            if t.lemma.lower() in SPEECH_VERBS and t.pos in ("VERB", "AUX") and not self.quotes.inside(t.start)
        ]
        out = []
        for verb in verbs:
            subj = next(
                (
                    toks[c]
                    for c in parse.children[verb.i]
                    if a <= c < b and toks[c].dep in SUBJECT_DEPS and not self.quotes.inside(toks[c].start)
                ),
                None,
            )
            content = self._reports_content(verb.i, a, b)
            if subj is not None:
                lo, hi = parse.subtree(subj.i)
                span = _clip(parse, lo, _cut_modifiers(parse, subj.i, hi), self.quotes)
                final = True
            else:
                span, final = _phrase_before(parse, verb.i, a, self.quotes), False
            out.append(_Credit(span, final, verb.start, verb.dep == "ROOT", content, self._names_someone(span)))
        self._verbs[sent] = out
        return out

    def _names_someone(self, span: tuple[int, int] | None) -> bool:
        if span is None:
            return False
        if self.parse.text[span[0] : span[1]].lower() in PRONOUNS:
            return True
        toks = self.parse.tokens
        if self._token_starts is None:
            self._token_starts = [t.start for t in toks]
        k = bisect_left(self._token_starts, span[0])
        while k < len(toks) and toks[k].start < span[1]:
            if toks[k].pos in ("NOUN", "PROPN"):
                return True
            k += 1
        return False

    def _reports_content(self, verb: int, a: int, b: int) -> bool:
        return any(a <= c < b and self.parse.tokens[c].dep in CONTENT_DEPS for c in self.parse.children[verb])

    def speech_noun_source(self, sent: int) -> tuple[int, int] | None:
        """Whom a sentence about something said credits: "The statement came from coach Smith", "The remarks were
        made by X", "Those were the words of X" (a speech noun at the sentence's root or under it, and the object of
        "from", "by" or "of" on either). Not when the sentence reports a clause of its own."""
        parse = self.parse
        toks = parse.tokens
        a, b = parse.sents[sent]
        root = next((t for t in toks[a:b] if t.dep == "ROOT"), None)
        if root is None or self._reports_content(root.i, a, b):
            return None
        for noun in toks[a:b]:
            if noun.lemma.lower() not in SPEECH_NOUNS or noun.pos not in ("NOUN", "PROPN"):
                continue
            if noun.i != root.i and noun.head != root.i:
                continue
            for holder in dict.fromkeys((root.i, noun.i)):
                for c in parse.children[holder]:
                    prep = toks[c]
                    if not a <= c < b or prep.dep not in ("prep", "agent") or prep.text.lower() not in SOURCE_PREPS:
                        continue
                    obj = next((toks[o] for o in parse.children[c] if a <= o < b and toks[o].dep == "pobj"), None)
                    if obj is not None and not self.quotes.inside(obj.start):
                        lo, hi = parse.subtree(obj.i)
                        return _clip(parse, lo, _cut_modifiers(parse, obj.i, hi), self.quotes)
        return None


def speech_subject(
    parse: Parse, sent: int, quotes: Sequence[QuoteSpan], near: int | None = None
) -> tuple[int, int] | None:
    """Character span of whom the sentence credits: a speech verb's subject or the object of 'according to'. (One
    question; for many, keep one ``SpeechCues`` of the report, which keeps what it works out.)"""
    return SpeechCues(parse, QuotedText(quotes)).subject(sent, near)


def _cut_modifiers(parse: Parse, head: int, hi: int) -> int:
    """End a subject before a circumstance attached to it ("the US Central Command in a statement on Sunday")."""
    for t in parse.tokens[head + 1 : hi]:
        if t.dep == "prep" and t.head == head and t.lemma.lower() in SUBJECT_CUT_PREPS:
            return t.i
    return hi


def _phrase_before(parse: Parse, verb: int, sent_start: int, quotes: QuotedText) -> tuple[int, int] | None:
    """When the parse gives a sentence-final speech verb no subject ("..., US Central Command (CENTCOM) said
    Sunday."), the name between the last comma and the verb."""
    toks = parse.tokens
    k = verb - 1
    while k >= sent_start and toks[k].text not in (",", ";", ":") and not quotes.inside(toks[k].start):
        k -= 1
    lo = k + 1
    if lo >= verb or verb - lo > 12 or not any(t.pos in ("PROPN", "NOUN") for t in toks[lo:verb]):
        return None
    if toks[verb - 1].pos not in ("PROPN", "NOUN", "PUNCT"):
        return None
    return _clip(parse, lo, verb, quotes)


def _clip(parse: Parse, lo: int, hi: int, quotes: QuotedText) -> tuple[int, int] | None:
    """The subject's characters, cut before any quote it swallowed and stripped of punctuation."""
    toks = [t for t in parse.tokens[lo:hi] if not quotes.inside(t.start)]
    while toks and (toks[-1].pos == "PUNCT" or toks[-1].text in QUOTE_PAIRS.values()):
        if toks[-1].text == ")" and any(t.text == "(" for t in toks):
            break
        toks.pop()
    while toks and (toks[0].pos == "PUNCT" or toks[0].text in QUOTE_PAIRS):
        toks.pop(0)
    if not toks:
        return None
    return toks[0].start, toks[-1].end


class Names:
    """A report's mentions, looked up by position: the names inside a phrase, the last person named before a point."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self.by_start = sorted(mentions, key=lambda m: m.start)  # stable: mentions with one start keep their order
        self.starts = [m.start for m in self.by_start]
        self.people = [m for m in mentions if m.label == "PERSON"]
        self.people_ends = [m.end for m in self.people]
        self.people_in_order = all(x <= y for x, y in zip(self.people_ends, self.people_ends[1:], strict=False))

    def inside(self, span: tuple[int, int]) -> list[Mention]:
        lo, hi = bisect_left(self.starts, span[0]), bisect_right(self.starts, span[1])
        return [m for m in self.by_start[lo:hi] if m.end <= span[1]]

    def last_person_before(self, char: int) -> Mention | None:
        """The last person (in the mentions' order) whose mention ends at or before the character."""
        if self.people_in_order:
            k = bisect_right(self.people_ends, char) - 1
            return self.people[k] if k >= 0 else None
        return next((m for m in reversed(self.people) if m.end <= char), None)


def best_name_in(span: tuple[int, int], mentions: Sequence[Mention] | Names, text: str | None = None) -> Mention | None:
    """The name a speaker phrase stands for: a person first, then an organisation or place, earliest first; a name
    that only owns the speaker ("Andrea's father, Richard Kuiper") or names what the speaker works for ("McSally
    campaign CEO Jim Bognet") is passed over when another one follows."""
    names = mentions if isinstance(mentions, Names) else Names(mentions)
    inside = names.inside(span)
    for labels in (("PERSON",), ("ORG",), ("GPE", "NORP", "LOC", "FAC")):
        found = [m for m in inside if m.label in labels]
        if text is not None and len(found) > 1:
            # a name that owns the speaker or names what the speaker works for ("McSally campaign CEO Jim Bognet")
            owners = [m for m in found if POSSESSIVE.match(text, m.end) or MODIFIES.match(text, m.end, span[1])]
            found = [m for m in found if m not in owners] or found
        if found:
            return min(found, key=lambda m: m.start)
    return None


POSSESSIVE = re.compile(r"\s?['’]s?\b")
MODIFIES = re.compile(r"\s+(?!and\b|or\b)[a-z]")  # a name followed by a common noun it modifies


class Antecedents:
    """Whom "he" or "she" speaking stands for: the person who is the subject of the nearest sentence before (a
    pronoun there stands for what it stood for), within a few sentences; never merely the last name printed."""

    REACH = 4  # sentences looked back

    def __init__(self, report: str, parse: Parse, names: Names, quotes: QuotedText) -> None:
        self.report = report
        self.subjects: dict[int, Span | None] = {}  # sentence -> its person subject (None: a pronoun)
        for k, (a, b) in enumerate(parse.sents):
            for t in parse.tokens[a:b]:
                if t.dep not in SUBJECT_DEPS or quotes.inside(t.start):
                    continue
                if t.text.lower() in ("he", "she"):
                    self.subjects[k] = None
                    break
                found = [m for m in names.inside((t.start, t.end + 1)) if m.label == "PERSON"]
                person = next((m for m in names.people if m.start <= t.start < m.end), None) or (
                    found[0] if found else None
                )
                if person is not None:
                    self.subjects[k] = Span(report, person.start, person.end, person.text)
                    break
        self.resolved: dict[int, Span] = {}

    def before(self, sent: int) -> Span | None:
        for k in range(sent - 1, max(-1, sent - 1 - self.REACH), -1):
            if k in self.resolved:
                return self.resolved[k]
            if k in self.subjects:
                found = self.subjects[k]
                if found is not None:
                    return found
        return None

    def note(self, sent: int, speaker: Span) -> None:
        """What a pronoun of this sentence was found to stand for (so that the next "he said" can follow it)."""
        self.resolved[sent] = speaker


def _resolve_speaker(
    report: str,
    text: str,
    span: tuple[int, int],
    names: Names,
    previous: Span | None,
    antecedent: Span | None = None,
) -> Span:
    name = best_name_in(span, names, text)
    if name is not None:
        return Span(report, name.start, name.end, name.text)
    phrase = text[span[0] : span[1]]
    if phrase.lower() in PRONOUNS:
        if antecedent is not None:
            return antecedent
        if previous is not None:
            return previous
        last = names.last_person_before(span[0])
        if last is not None:
            return Span(report, last.start, last.end, last.text)
    return Span(report, span[0], span[1], phrase)


def find_quotes(
    report: str, parse: Parse, mentions: Sequence[Mention], sentences: Sequence[Sentence]
) -> tuple[Quote, ...]:
    """Direct quotes of a report with their speakers."""
    text = parse.text
    spans = find_quote_spans(text)
    quoted = QuotedText(spans)
    cues = SpeechCues(parse, quoted)
    names = Names(mentions)
    antecedents = Antecedents(report, parse, names, quoted)
    sentence_at = SentenceFinder(parse)
    out: list[Quote] = []
    last_by_paragraph: dict[int, Span] = {}
    last_speaker: Span | None = None
    for q in spans:
        start, end = trim_span(text, q.start, q.end)
        if end <= start or not parse.sents:
            continue
        first = sentence_at.at(q.start)
        last = max(first, sentence_at.at(end - 1))  # a quote of several sentences closes in a later one
        subject = cues.subject(first, near=q.start)
        if subject is None and last > first:
            subject = cues.subject(last, near=q.end)
        if not is_speech(text[start:end], subject is not None) or _titled(text, start, end):
            continue
        paragraph = sentences[first].paragraph if first < len(sentences) else 0
        end_paragraph = sentences[last].paragraph if last < len(sentences) else paragraph
        speaker: Span | None = None
        cue = None
        if subject is not None:
            speaker = _resolve_speaker(report, text, subject, names, last_speaker, antecedents.before(first))
            cue = "after" if subject[0] >= q.end else "before"
            if text[subject[0] : subject[1]].lower() in PRONOUNS:
                antecedents.note(sentence_at.at(subject[0]), speaker)
                cue = "pronoun"  # "..., he said": whom the pronoun stands for is read, not written
        else:
            following = _source_after(cues, text, sentences, first, last, (start, end))
            if following is not None:
                nxt = sentence_at.at(following[0])
                speaker = _resolve_speaker(report, text, following, names, last_speaker, antecedents.before(nxt))
                cue = "pronoun" if text[following[0] : following[1]].lower() in PRONOUNS else "next-sentence"
        if speaker is None:
            earlier = last_by_paragraph.get(paragraph) or last_by_paragraph.get(paragraph - 1)
            if earlier is not None:
                speaker, cue = earlier, "continued"
        out.append(Quote(report, start, end, text[start:end], speaker, cue))
        if speaker is not None:
            last_by_paragraph[paragraph] = last_by_paragraph[end_paragraph] = speaker
            last_speaker = speaker
    return tuple(out)


TITLE_CUE = re.compile(
    r"\b(?:book|memoir|memoirs|expose|exposé|novel|film|movie|documentary|album|song|single|show|series|article|"
    r"column|essay|report|play|titled|entitled|called|named|headlined)\s*,?\s*[\"“‘'`]*\s*$",
    re.IGNORECASE,
)


def _titled(text: str, start: int, end: int) -> bool:
    """The quoted words are the title of a work: a word for a work comes right before them ("in his 2006 memoir,
    'A G-Man's Life: ...'") and most of their words are capitalised."""
    if TITLE_CUE.search(text[max(0, start - 40) : start]) is None:
        return False
    words = re.findall(r"[A-Za-z][\w'’-]*", text[start:end])
    capitalised = sum(1 for w in words if w[:1].isupper())
    return bool(words) and capitalised >= 0.6 * len(words)


def _source_after(
    cues: SpeechCues, text: str, sentences: Sequence[Sentence], first: int, last: int, quote: tuple[int, int]
) -> tuple[int, int] | None:
    """Whom the sentence after a quote credits, when the quote is a sentence of its own (rule 2 above)."""
    nxt = last + 1
    if nxt >= len(sentences) or not _quote_fills(text, sentences[first], sentences[last], *quote):
        return None
    if sentences[nxt].paragraph == sentences[last].paragraph:
        return cues.subject(nxt) or cues.speech_noun_source(nxt)
    opens_paragraph = first == 0 or sentences[first - 1].paragraph != sentences[first].paragraph
    if opens_paragraph:  # the quote is a paragraph of its own: only words that point back at it
        return cues.subject(nxt, referring_back=True) or cues.speech_noun_source(nxt)
    return None


def _quote_fills(text: str, first: Sentence, last: Sentence, start: int, end: int) -> bool:
    """The quote is (nearly) all of the sentences it runs through, quotation marks and end punctuation aside."""
    return (end - start) >= 0.8 * len(text[first.start : last.end].strip(" .," + QUOTE_MARK_CHARS))


def _whole_names(mentions: Sequence[Mention], start: int, end: int) -> int:
    """The end of a source's span, moved past the rest of a name it cuts ("Youssef al" of "Youssef al-Hadhri",
    where the parse split the name at its hyphen)."""
    for m in mentions:
        if start <= m.start < end < m.end:
            end = m.end
    return end


def find_attributions(report: str, parse: Parse, mentions: Sequence[Mention]) -> tuple[Attribution, ...]:
    """For each sentence that credits a source ("X said", "according to X"), that source as written."""
    text = parse.text
    quoted = QuotedText(find_quote_spans(text))
    cues = SpeechCues(parse, quoted)
    names = Names(mentions)
    antecedents = Antecedents(report, parse, names, quoted)
    out = []
    previous: Span | None = None
    for k in range(len(parse.sents)):
        subject = cues.subject(k)
        if subject is None:
            continue
        phrase = text[subject[0] : subject[1]]
        if phrase.lower() in PRONOUNS:
            source = _resolve_speaker(report, text, subject, names, previous, antecedents.before(k))
            antecedents.note(k, source)
        else:
            end = _whole_names(mentions, subject[0], subject[1])
            source = Span(report, subject[0], end, text[subject[0] : end])
        out.append(Attribution(report, k, source))
        previous = source
    return tuple(out)
