"""Facts: a report's statements split into values in the slots of their predications (per report, from the parse).

A sentence carries several facts. Each value the annotators found (a figure, a time, a place, a name), each other
noun phrase and each verb becomes one ``Fact``, tied to the predicate it belongs to: the verb or event noun reached
by walking up the dependency tree from the value ("13" -> "people" -> "killed"). The fact keeps how it attaches
(its role), the clause that states it, and what changes its meaning: a qualifier on a figure ("at least", "nearly"),
a figure given as an update ("rose to"), a negation ("no one was killed", "did not resign") and hedging ("may",
"reportedly", "if", "assessing reports of").

Nothing here compares reports: that is the per-event alignment (``rashomon.event.align``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from rashomon import lexicon
from rashomon.measured import frame_words_of, local_tokens, measured_of, subject_of
from rashomon.nlp import Parse, Token
from rashomon.places import reads_as_place
from rashomon.records import Fact, FactKind, Mention, Quantity, Sentence, TimeExpr

WINDOW = 4  # words either side of a value that make its immediate context
CONTENT_POS = frozenset({"NOUN", "PROPN", "ADJ", "NUM", "VERB", "ADV"})
# said/told/added carry who speaks, not what happened; other speech acts ("announced", "tweeted") are events
BARE_SPEECH = frozenset({"say", "tell", "add", "quote", "note", "continue", "write"})
SPEECH_LEMMAS = frozenset({"announce", "report", "confirm", "state", "claim", "tweet", "post", "accord", "statement"})
EVENT_NOUNS = frozenset(
    """attack strike airstrike bombing shooting shootout explosion blast earthquake quake tremor temblor flood fire
    blaze crash collision accident storm hurricane tornado typhoon cyclone eruption outbreak election vote ballot
    referendum primary caucus victory win defeat loss death killing murder assassination execution arrest detention
    raid resignation appointment nomination announcement ruling verdict trial sentence conviction acquittal protest
    rally demonstration riot march deal agreement merger acquisition takeover purchase sale launch test release
    ceremony award awards show concert match game final summit meeting visit talks negotiation ceasefire invasion
    offensive operation campaign injury evacuation rescue shutdown lockdown recall bankruptcy layoff strike""".split()
)
UPDATE_VERBS = frozenset(
    "rise climb jump increase grow mount reach surge swell soar hit top pass surpass exceed double triple".split()
)
HEDGES = lexicon.column("hedges")  # word -> verb / adverb / modal / intent
HEDGE_VERBS = frozenset(w for w, kind in HEDGES.items() if kind == "verb")
HEDGE_ADVERBS = frozenset(w for w, kind in HEDGES.items() if kind == "adverb")
HEDGE_MODALS = frozenset(w for w, kind in HEDGES.items() if kind == "modal")
INTENT_VERBS = frozenset(w for w, kind in HEDGES.items() if kind == "intent")  # hedge their complement only
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
COMPLEMENTS = frozenset({"ccomp", "xcomp", "pobj", "pcomp", "conj"})  # how a hedged clause hangs under its verb
HEDGE_REACH = 3
SUPPORT_VERBS = lexicon.words("support-verbs")
# words that carry a figure's unit rather than what it is about
UNIT_WORDS = frozenset(
    "percent % per cent percentage point points dollar dollars $ euro euros pound pounds million billion trillion "
    "thousand hundred number total figure".split()
)
NEGATIVE_DETS = frozenset({"no", "none", "neither", "nobody", "nothing", "never"})
DENIAL_VERBS = frozenset({"deny", "reject", "dismiss", "refute"})
# pronouns and words too general to be a thing a report states
GENERIC_HEADS = frozenset(
    """time times thing things way part lot lots kind sort one ones other others number amount percent
    which who whom that this these those what it its""".split()
)
QUALIFIER = re.compile(
    r"\b(?P<q>at\s+least|slightly\s+more\s+than|a\s+little\s+over|just\s+above|more\s+than|over|upwards\s+of|"
    r"in\s+excess\s+of|nearly|almost|close\s+to|just\s+under|"
    r"just\s+over|about|around|approximately|roughly|some|an\s+estimated|estimated|up\s+to|as\s+many\s+as|"
    r"at\s+most|fewer\s+than|less\s+than|under|below|above|no\s+fewer\s+than|no\s+less\s+than)\s+(?:\$\s*)?$",
    re.IGNORECASE,
)
# a figure that measures a gap ("13 short of a majority", "five more than last year"), not a count
DIFFERENCE_AFTER = re.compile(
    r"\s*(?:\w+\s+)?(?:short\s+of|shy\s+of|more\s+than|fewer\s+than|less\s+than|ahead\s+of|behind|up\s+from|"
    r"down\s+from)\b",
    re.IGNORECASE,
)
UPDATE_WORDS = re.compile(r"\b(?:now|latest|updated|revised|risen|climbed|rose|jumped|increased)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Sent:
    """One sentence's token range with its children map, built once per sentence."""

    index: int
    a: int
    b: int
    kids: dict[int, list[int]]


def _sentence_views(parse: Parse) -> list[_Sent]:
    out = []
    for k, (a, b) in enumerate(parse.sents):
        kids: dict[int, list[int]] = {}
        for t in parse.tokens[a:b]:
            if t.head != t.i and a <= t.head < b:
                kids.setdefault(t.head, []).append(t.i)
        out.append(_Sent(k, a, b, kids))
    return out


def _subtree(sent: _Sent, i: int) -> tuple[int, int]:
    lo = hi = i
    stack = [i]
    while stack:
        n = stack.pop()
        lo, hi = min(lo, n), max(hi, n)
        stack.extend(sent.kids.get(n, ()))
    return lo, hi + 1


def _span_head(tokens: Sequence[Token], a: int, b: int) -> int:
    """The token of [a, b) whose head lies outside it (the phrase's head)."""
    for t in tokens[a:b]:
        if not a <= t.head < b or t.head == t.i:
            return t.i
    return b - 1


def noun_sense(lemma: str) -> str:
    """What a noun stands for when its verb of the same lemma tells of another happening ("the fire" is a blaze;
    lexicon: noun-senses); the lemma itself otherwise."""
    return lexicon.column("noun-senses").get(lemma, lemma)


def _noun_sense(token: Token) -> str:
    """A token's lemma, read as ``noun_sense`` for a noun ("fired" shoots, "the fire" is a blaze)."""
    lemma = token.lemma.lower()
    return noun_sense(lemma) if token.pos in ("NOUN", "PROPN") else lemma


def _is_predicate(t: Token) -> bool:
    return (t.pos == "VERB" and t.dep not in ("aux", "auxpass")) or t.lemma.lower() in EVENT_NOUNS


def governing_predicate(tokens: Sequence[Token], i: int, limit: int = 8) -> tuple[int | None, int]:
    """(the predicate above token i, the child of that predicate on the path from i) -- walking up heads."""
    child, j = i, i
    for _ in range(limit):
        t = tokens[j]
        if t.head == t.i:
            return (j, child) if (t.pos in ("VERB", "AUX") and j != i) else (None, child)
        child, j = j, t.head
        if _is_predicate(tokens[j]) or (tokens[j].pos == "AUX" and tokens[j].dep == "ROOT"):
            return j, child
    return None, child


NOUN_MODIFIERS = frozenset({"poss", "compound", "nmod", "nummod", "amod"})


def _dated_noun(tokens: Sequence[Token], head: int) -> int | None:
    """The noun a time modifies, when it sits inside a noun phrase ("Sunday's game", "a 1 p.m. news conference",
    "the Oct. 3 shooting"): the time of that thing, not of the verb above it."""
    t = tokens[head]
    if t.dep not in NOUN_MODIFIERS or t.head == t.i:
        return None
    noun = tokens[t.head]
    return noun.i if noun.pos == "NOUN" else None


def _role(tokens: Sequence[Token], predicate: int | None, child: int, value_head: int) -> str:
    if predicate is None:
        return "none"
    if value_head == predicate:
        return "self"
    c = tokens[child]
    if c.dep in ("prep", "agent"):
        return f"prep:{c.lemma.lower()}"
    return c.dep


def _negated(tokens: Sequence[Token], sent: _Sent, predicate: int | None) -> bool:
    if predicate is None:
        return False
    p = tokens[predicate]
    if p.lemma.lower() in DENIAL_VERBS:
        return True
    return any(tokens[k].dep == "neg" for k in sent.kids.get(predicate, ()))


def _hedged(tokens: Sequence[Token], sent: _Sent, predicate: int | None) -> bool:
    if predicate is None:
        return False
    p = tokens[predicate]
    if p.lemma.lower() in HEDGE_VERBS:
        return True
    for k in sent.kids.get(predicate, ()):
        w = tokens[k].text.lower()
        if tokens[k].dep == "aux" and w in HEDGE_MODALS:
            return True
        if tokens[k].dep == "advmod" and w in HEDGE_ADVERBS:
            return True
        if tokens[k].dep == "mark" and w in CONDITIONAL_MARKS:
            return True
    # a clause under a hedging verb ("officials are assessing reports that ...", "analysts expected 870,000 jobs
    # gained and the rate to fall to 5.7%": through the clauses it coordinates, a few steps up)
    here = p
    for _ in range(HEDGE_REACH):
        up = here.head
        if up == here.i or here.dep not in COMPLEMENTS:
            return False
        if tokens[up].lemma.lower() in HEDGE_VERBS | INTENT_VERBS and here.dep != "conj":
            return True
        here = tokens[up]
    return False


def _modal_on_the_way(tokens: Sequence[Token], sent: _Sent, head: int, predicate: int | None) -> bool:
    """A word between a value and its predicate carries a modal of possibility: "there might have been two people
    killed, he said" (the parse gives "two" the predicate "said", past the "been" that "might" qualifies)."""
    here = head
    for _ in range(HEDGE_REACH + 1):
        up = tokens[here].head
        if up in (here, predicate) or not sent.a <= up < sent.b:
            return False
        if any(tokens[k].dep == "aux" and tokens[k].text.lower() in HEDGE_MODALS for k in sent.kids.get(up, ())):
            return True
        here = up
    return False


def _lemmas(tokens: Sequence[Token], a: int, b: int) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t.lemma.lower() for t in tokens[a:b] if t.pos in CONTENT_POS and t.text.strip()))


class _Facts:
    """Builds the facts of one report; holds the per-report indexes so each lookup is logarithmic."""

    def __init__(self, report: str, parse: Parse, sentences: Sequence[Sentence]) -> None:
        self.report = report
        self.parse = parse
        self.tokens = parse.tokens
        self.starts = [t.start for t in parse.tokens]
        self.sents = _sentence_views(parse)
        self.sent_starts = [s.start for s in sentences]
        self.sentences = sentences
        self.clauses: dict[int, tuple[int, int]] = {}
        self.locals: dict[int, frozenset[int]] = {}
        self.time_tokens: dict[int, int] = {}  # first token of each time expression -> its start offset
        self.out: list[Fact] = []

    def token_at(self, char: int) -> int:
        return max(0, bisect_right(self.starts, char) - 1)

    def sentence_of(self, char: int) -> int:
        return max(0, bisect_right(self.sent_starts, char) - 1)

    def clause(self, sent: _Sent, predicate: int | None) -> tuple[int, int]:
        if predicate is None:
            return self.parse.char_span(sent.a, sent.b)
        if predicate not in self.clauses:
            lo, hi = _subtree(sent, predicate)
            self.clauses[predicate] = self.parse.char_span(max(lo, sent.a), min(hi, sent.b))
        return self.clauses[predicate]

    def add(self, kind: FactKind, start: int, end: int, moment: bool = False, **extra: object) -> None:
        """One fact; ``moment``: a time that dates something (not a length), which dates the noun it sits in."""
        a, b = self.token_at(start), self.token_at(max(start, end - 1)) + 1
        k = self.sentence_of(start)
        if k >= len(self.sents):
            return
        sent = self.sents[k]
        head = _span_head(self.tokens, a, b)
        predicate, child = (head, head) if kind == "event" else governing_predicate(self.tokens, head)
        noun = _dated_noun(self.tokens, head) if moment else None
        if noun is not None and sent.a <= noun < sent.b and noun != predicate:
            predicate, child = noun, head  # "at a 1 p.m. news conference": the time of the conference
        if predicate is not None and not sent.a <= predicate < sent.b:
            predicate = None
        fields: dict[str, object] = {
            "report": self.report,
            "kind": kind,
            "start": start,
            "end": end,
            "text": self.parse.text[start:end],
            "sentence": k,
            "clause": self.clause(sent, predicate),
            "predicate": self.tokens[predicate].lemma.lower() if predicate is not None else "",
            "role": _role(self.tokens, predicate, child, head),
            "head": self.tokens[head].lemma.lower(),
            "lemmas": _lemmas(self.tokens, a, b),
            "negated": _negated(self.tokens, sent, predicate) or self._negative_det(sent, head),
            "hedged": _hedged(self.tokens, sent, predicate) or _modal_on_the_way(self.tokens, sent, head, predicate),
            "topic": self._topic(sent, head) if kind in ("count", "time", "place") else "",
            "window": self._window(sent, a, b),
        }
        fields.update(self._frame(sent, kind, a, b, predicate, start, alone=noun is not None and noun == predicate))
        fields.update(extra)
        self.out.append(Fact(**fields))  # type: ignore[arg-type]

    def _path(self, sent: _Sent, predicate: int, limit: int = 4) -> tuple[tuple[str, ...], tuple[int, ...]]:
        """The predicate and the predicates above it, nearest first ("shot to death" reads "kill"), with their
        token indices."""
        out = [self._lemma_of(sent, predicate)]
        heads = [predicate]
        j = predicate
        for _ in range(8):
            up = self.tokens[j].head
            if up == j or not sent.a <= up < sent.b or len(out) >= limit:
                break
            j = up
            if _is_predicate(self.tokens[j]):
                out.append(self._lemma_of(sent, j))
                heads.append(j)
        return tuple(out), tuple(heads)

    def _lemma_of(self, sent: _Sent, i: int) -> str:
        """The lemma a predicate stands for: its own, "kill" of "shot to death", and the object's of a support
        verb ("opened fire", "made 200,000 arrests", "issued a statement"; passive: "a vigil was held")."""
        lemma = self.tokens[i].lemma.lower()
        for c in sent.kids.get(i, ()):
            to = self.tokens[c].dep == "prep" and self.tokens[c].lemma.lower() == "to"
            if to and any(self.tokens[o].lemma.lower() == "death" for o in sent.kids.get(c, ())):
                return "kill"  # "shot to death", "beaten to death", "stabbed to death"
        if lemma == "find" and any(self.tokens[c].lemma.lower() == "guilty" for c in sent.kids.get(i, ())):
            return "convict"  # "was found guilty of 16 counts"
        if lemma in SUPPORT_VERBS and self.tokens[i].pos == "VERB":
            for c in sent.kids.get(i, ()):
                t = self.tokens[c]
                if t.dep in ("dobj", "nsubjpass") and t.pos == "NOUN" and t.lemma.isalpha():
                    # "opened fire": the object as the verb takes it, a shooting; "a vigil was held": a vigil
                    return t.lemma.lower()
        return _noun_sense(self.tokens[i])

    def _local(self, sent: _Sent, predicate: int) -> frozenset[int]:
        if predicate not in self.locals:
            self.locals[predicate] = frozenset(local_tokens(self.tokens, sent.kids, predicate))
        return self.locals[predicate]

    def _frame(
        self, sent: _Sent, kind: FactKind, a: int, b: int, predicate: int | None, start: int, alone: bool = False
    ) -> dict[str, object]:
        """What the value measures, the happening's subject, the words that may place it away from the event, and
        the other times of its own clause (see ``rashomon.measured``). ``alone``: the predicate is a noun the
        value modifies, and the verbs above it are not the value's ("Sunday's game")."""
        out: dict[str, object] = {}
        if kind == "count":
            measured, modifiers, partitive = measured_of(self.tokens, sent.kids, a, b - 1, (sent.a, sent.b))
            out.update(measured=measured, modifiers=modifiers, partitive=partitive)
        if kind == "event" or predicate is None:
            return out
        subject = subject_of(self.tokens, sent.kids, predicate)
        if subject is not None:
            out["subject"] = _noun_sense(self.tokens[subject])
        out["frame_words"] = frame_words_of(self.tokens, sent.kids, predicate, subject)
        lemmas, heads = ((self._lemma_of(sent, predicate),), (predicate,)) if alone else self._path(sent, predicate)
        out["path"] = lemmas
        # the times of the value's own clause and of the clauses above it ("During June, ... resulting in the
        # detention of 21"), short of a verb of speech ("..., CENTCOM said July 6")
        local: set[int] = set()
        for lemma, head in zip(lemmas, heads, strict=True):
            if lemma in BARE_SPEECH or lemma in SPEECH_LEMMAS:
                break
            local |= self._local(sent, head)
        near = sorted(s for tok, s in self.time_tokens.items() if tok in local and s != start)
        if near:
            out["near_times"] = tuple(near)
        return out

    def _window(self, sent: _Sent, a: int, b: int, width: int = WINDOW) -> tuple[str, ...]:
        around = [*self.tokens[max(sent.a, a - width) : a], *self.tokens[b : min(sent.b, b + width)]]
        return tuple(dict.fromkeys(t.lemma.lower() for t in around if t.pos in CONTENT_POS and t.text[:1].isalnum()))

    def _topic(self, sent: _Sent, head: int) -> str:
        """The first noun or verb above the value (or after it, for "12% increase"), unit words skipped."""
        t = self.tokens[head]
        j = head
        for _ in range(4):
            up = self.tokens[j].head
            if up == j or not sent.a <= up < sent.b:
                break
            j = up
            w = self.tokens[j]
            if w.pos in ("NOUN", "VERB", "PROPN") and w.lemma.lower() not in UNIT_WORDS and w.text.isalpha():
                return self._lemma_of(sent, j) if w.pos == "VERB" else _noun_sense(w)  # "a vigil was held": a vigil
        return _noun_sense(t) if t.pos == "NOUN" and t.lemma.lower() not in UNIT_WORDS else ""

    def _negative_det(self, sent: _Sent, head: int) -> bool:
        return any(self.tokens[k].text.lower() in NEGATIVE_DETS for k in sent.kids.get(head, ()))


class _SpanIndex:
    """Spans with an overlap test in logarithmic time (sorted starts and a running maximum of ends)."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]
        self.max_end: list[int] = []
        top = -1
        for _, b in self.spans:
            top = max(top, b)
            self.max_end.append(top)

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_right(self.starts, end - 1)  # spans that start before ``end``
        return k > 0 and self.max_end[k - 1] > start


def qualifier_before(text: str, start: int) -> str | None:
    m = QUALIFIER.search(text[max(0, start - 24) : start])
    return re.sub(r"\s+", " ", m.group("q").lower()) if m else None


NO_UPDATE = re.compile(r"\bpass(?:ed|es|ing)?\s+away\b|\baged?\s+(?:of\s+)?$", re.IGNORECASE)


def _is_update(fact_predicate: str, role: str, text_before: str, measured: str = "") -> bool:
    """A figure given as a new value of something that grows ("rose to 15", "the toll passed 100"); never an age,
    a death ("passed away at age 87") or a thing passed ("the House passed a $1.37 trillion package")."""
    if NO_UPDATE.search(text_before[-40:]) or (fact_predicate == "pass" and measured):
        return False
    return (fact_predicate in UPDATE_VERBS and role in ("prep:to", "dobj", "prep:at")) or (
        UPDATE_WORDS.search(text_before[-30:]) is not None
    )


def find_facts(
    report: str,
    parse: Parse,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    times: Sequence[TimeExpr],
    quantities: Sequence[Quantity],
) -> tuple[Fact, ...]:
    """Every fact of one report, in text order."""
    if not parse.tokens or not parse.sents:
        return ()
    facts = _Facts(report, parse, sentences)
    facts.time_tokens = {facts.token_at(t.start): t.start for t in times}
    text = parse.text
    for q in quantities:
        qual = "difference" if DIFFERENCE_AFTER.match(text, q.end) else qualifier_before(text, q.start)
        facts.add("count", q.start, q.end, qualifier=qual)
    for t in times:
        facts.add("time", t.start, t.end, moment=not (t.value or "").startswith("P"))
    values = _SpanIndex([(q.start, q.end) for q in quantities] + [(t.start, t.end) for t in times])
    named = []
    for m in mentions:
        if values.overlaps(m.start, m.end):
            continue
        facts.add("place" if reads_as_place(text, m) else "participant", m.start, m.end)
        named.append((m.start, m.end))
    taken = _SpanIndex([*values.spans, *named])
    tokens = parse.tokens
    for a, b in parse.chunks:
        head = _span_head(tokens, a, b)
        h = tokens[head]
        if h.pos == "PRON" or h.lemma.lower() in GENERIC_HEADS or not h.text.replace("-", "").isalpha():
            continue
        while a < b and tokens[a].pos in ("DET", "PRON") and tokens[a].dep in ("det", "poss"):
            a += 1  # "the gunman" -> "gunman": the article says nothing
        if a >= b:
            continue
        start, end = parse.char_span(a, b)
        if not taken.overlaps(start, end):
            facts.add("thing", start, end)
    for tok in tokens:
        if tok.pos != "VERB" or tok.dep in ("aux", "auxpass", "amod", "compound") or tok.lemma.lower() in BARE_SPEECH:
            continue
        if not taken.overlaps(tok.start, tok.end):
            facts.add("event", tok.start, tok.end)
    out = sorted(facts.out, key=lambda f: (f.start, f.end, f.kind))
    return tuple(_with_updates(out, text))


def _with_updates(facts: Sequence[Fact], text: str) -> list[Fact]:
    from dataclasses import replace

    out = []
    for f in facts:
        if f.kind == "count" and _is_update(f.predicate, f.role, text[f.clause[0] : f.start], f.measured):
            f = replace(f, update=True)
        out.append(f)
    return out
