"""What a figure measures and what a happening is, read from one sentence's parse.

These readings feed the event's figure table (``rashomon.event.figures``), where they become slot keys:
- ``measured``: the noun (or adjective) a figure counts or measures: "people" of "12 people were killed", "dead" of
  "ten dead", "citizen" of "two of its citizens" (a part of a group: ``partitive``), "toll" of "the death toll rose
  to 15" (the subject of a verb of standing or rising), "dead" of "the number of dead stands at 15". Empty when no
  noun is written ("killed 15"): the verb then says what is counted.
- ``modifiers``: what narrows it: "critical" of "five in critical condition", "palestinian" of "12 Palestinians",
  "another" of "another 2,000", "death" of "death toll".
- ``subject``: the happening's subject ("quake" of "the quake struck on Sunday"), or its agent ("by the quake").
- ``frame_words``: words attached to the happening that may place it away from the event ("an earlier quake",
  "previously", "a separate attack").
- ``local_tokens``: the value's own clause: the predicate's subtree without the clauses nested in it ("..., a day
  after an earlier quake injured 40" is not the clause of "killed 10").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from rashomon import lexicon
from rashomon.nlp import Token

# dependents that open a clause of their own when headed by a verb
NESTED_CLAUSES = frozenset({"advcl", "ccomp", "relcl", "conj", "parataxis", "acl", "csubj", "xcomp", "pcomp"})
# adjectives that name what a figure counts when they follow it ("ten dead", "12 injured")
COUNTED_ADJECTIVES = frozenset(
    {"dead", "injured", "wounded", "missing", "hurt", "killed", "homeless", "displaced", "unaccounted", "stranded"}
)
STANDING_VERBS = lexicon.words("standing-verbs")
# "the number of dead": the dead ("one count of murder" is a charge, never the dead: "count" is not one of them)
GENERAL_NOUNS = frozenset({"number", "total", "tally", "figure"})
# "13 people are in custody", "five in hospital": where people are says what they are counted as
PLACED_IN = frozenset({"custody", "hospital", "jail", "prison", "detention", "captivity"})
# "two of the three victims", "all five of the men": a number inside such a phrase sizes the group, it does not count
# what the verb tells
QUANTIFIERS = frozenset({"all", "both", "each", "most", "some", "none", "any", "many", "several", "few"})
ADDITIONAL = frozenset({"another", "other", "more", "additional", "further", "extra"})
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "poss", "npadvmod"})
FRAME_DEPS = frozenset({"advmod", "npadvmod", "amod", "det", "compound", "nummod", "nmod"})


def local_tokens(tokens: Sequence[Token], kids: Mapping[int, Sequence[int]], predicate: int) -> list[int]:
    """The tokens of a predicate's own clause: its subtree without nested clauses headed by a verb."""
    out = []
    stack = [predicate]
    while stack:
        n = stack.pop()
        out.append(n)
        for c in kids.get(n, ()):
            t = tokens[c]
            if t.dep in NESTED_CLAUSES and t.pos in ("VERB", "AUX"):
                continue
            stack.append(c)
    return out


def _children(kids: Mapping[int, Sequence[int]], i: int) -> Sequence[int]:
    return kids.get(i, ())


def _noun_modifiers(tokens: Sequence[Token], kids: Mapping[int, Sequence[int]], noun: int) -> list[str]:
    """Lemmas that narrow a noun: adjectives, compounds, possessives, and "in critical condition"."""
    out = []
    for c in _children(kids, noun):
        t = tokens[c]
        if t.dep in MODIFIER_DEPS and t.text[:1].isalpha():
            out.append(t.lemma.lower())
    return [*out, *_condition(tokens, kids, noun)]


def _condition(tokens: Sequence[Token], kids: Mapping[int, Sequence[int]], head: int) -> list[str]:
    """The adjectives of "in ... condition" below a token ("critical", "serious", "stable")."""
    out: list[str] = []
    for c in _children(kids, head):
        if tokens[c].dep == "prep" and tokens[c].lemma.lower() == "in":
            for obj in _children(kids, c):
                if tokens[obj].lemma.lower() == "condition":
                    out.extend(tokens[m].lemma.lower() for m in _children(kids, obj) if tokens[m].dep == "amod")
    return out


def _of_object(tokens: Sequence[Token], kids: Mapping[int, Sequence[int]], i: int) -> int | None:
    """The noun after "of" below token i ("number of dead" -> "dead", "two of its citizens" -> "citizens")."""
    for c in _children(kids, i):
        if tokens[c].dep == "prep" and tokens[c].lemma.lower() == "of":
            for obj in _children(kids, c):
                counted = tokens[obj].pos in ("NOUN", "PROPN", "ADJ") or tokens[obj].text.lower() in COUNTED_ADJECTIVES
                if tokens[obj].dep == "pobj" and counted:
                    return obj  # "of the injured": the parser may take "injured" for a verb
    return None


def _subject_noun(tokens: Sequence[Token], kids: Mapping[int, Sequence[int]], verb: int) -> int | None:
    for c in _children(kids, verb):
        if tokens[c].dep in ("nsubj", "nsubjpass") and tokens[c].pos in ("NOUN", "PROPN", "ADJ"):
            return c
    return None


def _object_noun(tokens: Sequence[Token], kids: Mapping[int, Sequence[int]], verb: int) -> int | None:
    for c in _children(kids, verb):
        if tokens[c].dep == "dobj" and tokens[c].pos == "NOUN":
            return c
    return None


def measured_of(
    tokens: Sequence[Token], kids: Mapping[int, Sequence[int]], first: int, last: int, bounds: tuple[int, int]
) -> tuple[str, tuple[str, ...], bool]:
    """(measured, modifiers, partitive) of the figure written in tokens [first, last] of a sentence [a, b)."""
    number = last
    if _coordinated(tokens, kids, number):
        return _measured(tokens, kids, first, last, bounds, ("part",))
    return _measured(tokens, kids, first, last, bounds, ())


def _coordinated(tokens: Sequence[Token], kids: Mapping[int, Sequence[int]], number: int) -> bool:
    """A figure that is one of several joined by "and": "one Australian and one English climber" (two died, each
    figure a part of them)."""
    counted = tokens[number].head
    if tokens[number].dep != "nummod" or counted == number:
        return False
    joined = [c for c in _children(kids, counted) if tokens[c].dep == "conj"]
    if tokens[counted].dep == "conj" and tokens[counted].head != counted:
        joined.append(tokens[counted].head)
    numbered = [j for j in joined if any(tokens[c].dep == "nummod" for c in _children(kids, j) if c != number)]
    return bool(numbered) and any(_people(tokens[k]) for k in (counted, *numbered))


def _people(token: Token) -> bool:
    """A word that counts people: a noun of the people table ("women", "children") or a nationality ("One
    Australian"); "364 yards and three touchdowns" are no parts of one whole."""
    return token.ent == "NORP" or token.lemma.lower() in lexicon.column("people")


def _measured(
    tokens: Sequence[Token],
    kids: Mapping[int, Sequence[int]],
    first: int,
    last: int,
    bounds: tuple[int, int],
    part: tuple[str, ...],
) -> tuple[str, tuple[str, ...], bool]:
    a, b = bounds
    number = last
    # "another 2,000", "five more"
    around = (k for k in (first - 1, last + 1) if a <= k < b)
    extra = [*part, *(tokens[k].lemma.lower() for k in around if tokens[k].text.lower() in ADDITIONAL)]
    t = tokens[number]
    noun: int | None = None
    partitive = False
    if t.dep == "nummod" and tokens[t.head].pos in ("NOUN", "PROPN") and t.head > number:
        noun = t.head
    elif t.dep == "nummod" and t.head == first - 1 and tokens[t.head].lemma.lower() in lexicon.column("measures"):
        noun = t.head  # "of magnitude 6.1": a measure named before its figure
    if noun is None and last + 1 < b:
        nxt = tokens[last + 1]
        if nxt.text.lower() in COUNTED_ADJECTIVES:
            return nxt.text.lower(), tuple(extra), False
        if nxt.text.lower() == "of":
            obj = _of_object(tokens, kids, number)
            if obj is None:
                # "two of its citizens": the parser hangs "of" on the number or the number on "of"
                for k in range(last + 2, min(b, last + 5)):
                    if tokens[k].pos in ("NOUN", "PROPN"):
                        obj = k
                        break
                    if tokens[k].pos not in ("DET", "PRON", "ADJ"):
                        break
            if obj is not None:
                noun, partitive = obj, True
        if noun is None:
            for k in range(last + 1, min(b, last + 4)):
                if tokens[k].pos == "NOUN":
                    noun = k
                    break
                if tokens[k].pos not in ("ADJ", "PROPN", "NUM"):
                    break
    if noun is None:
        # "the death toll rose to 15", "the toll stands at 15", "the toll is 15"
        up = t.head
        if tokens[up].pos == "ADP" and tokens[up].lemma.lower() in ("to", "at", "of") and tokens[up].head != up:
            up = tokens[up].head
        if tokens[up].lemma.lower() in STANDING_VERBS and tokens[up].pos in ("VERB", "AUX"):
            # "police put the crowd at 24,000", "raised the toll to 15": the object, when the verb has one
            noun = _object_noun(tokens, kids, up) or _subject_noun(tokens, kids, up)
    if noun is None:
        # "12 of them were in critical condition": what the group is comes from the clause; its state is the verb's
        of_them = last + 2 < b and tokens[last + 1].text.lower() == "of" and tokens[last + 2].pos == "PRON"
        return "", tuple(dict.fromkeys([*extra, *_number_condition(tokens, kids, number)])), of_them
    if tokens[noun].lemma.lower() in GENERAL_NOUNS:
        inner = _of_object(tokens, kids, noun)
        if inner is not None:
            noun = inner
    for _ in range(3):  # "seven AK-47 assault rifles": the rifles, not the first word of the compound
        up = tokens[noun].head
        if tokens[noun].dep != "compound" or up == noun or tokens[up].pos not in ("NOUN", "PROPN") or up < noun:
            break
        noun = up
    mods = [*extra, *_noun_modifiers(tokens, kids, noun), *_nations(tokens, last, noun)]
    if tokens[noun].pos == "PROPN" or tokens[noun].ent == "NORP":
        mods.append("!proper")
    if _includes_a_perpetrator(tokens, last, b):
        mods.append("including")  # "four dead, including the gunman": a count that takes the attacker in
    if _sizes_a_group(tokens, noun, number) or _after_a_part(tokens, first, a):
        mods.append("whole")
    state = _participle_state(tokens, kids, noun)
    if state is not None:
        return state, tuple(dict.fromkeys(mods)), partitive  # "one person injured", "four people killed"
    if partitive:
        mods.extend(_number_condition(tokens, kids, number))  # "eight of the injured were in critical condition"
    verb = tokens[noun].head
    if verb != noun and tokens[verb].pos in ("VERB", "AUX"):
        mods.extend(_condition(tokens, kids, verb))  # "five people were in critical condition"
        state = _state_of(tokens, kids, verb)
        if state is not None:
            return state, tuple(dict.fromkeys(mods)), partitive
    return tokens[noun].lemma.lower(), tuple(dict.fromkeys(mods)), partitive


NATION = "!nation:"  # a modifier naming the nation or group a count is of ("seven Russian officials")


def _nations(tokens: Sequence[Token], number: int, noun: int) -> list[str]:
    """The nations or groups named between a figure and its noun ("10,000 South Korean military personnel", "nine
    U.S. officials"), each as ``NATION`` + its words in lower case."""
    out: list[str] = []
    words: list[str] = []
    for k in range(number + 1, noun):
        if tokens[k].ent in ("NORP", "GPE"):
            words.append(tokens[k].text.lower())
        elif words:
            out.append(NATION + " ".join(words))
            words = []
    if words:
        out.append(NATION + " ".join(words))
    return out


def _includes_a_perpetrator(tokens: Sequence[Token], last: int, b: int) -> bool:
    """ "four dead, including the gunman": the count takes in the one who did it (a count without him is another
    figure); "23 people, including five children" only breaks the count down."""
    for k in range(last + 1, min(b, last + 7)):
        if tokens[k].text.lower() == "including":
            doers = lexicon.words("perpetrators")
            return any(tokens[j].text.lower() in doers for j in range(k + 1, min(b, k + 5)))
    return False


def _participle_state(tokens: Sequence[Token], kids: Mapping[int, Sequence[int]], noun: int) -> str | None:
    """A state said of the counted noun by a participle or adjective hanging on it ("one person injured")."""
    for c in _children(kids, noun):
        if tokens[c].dep in ("acl", "amod") and c > noun and tokens[c].text.lower() in COUNTED_ADJECTIVES:
            return tokens[c].text.lower()
    return None


def _number_condition(tokens: Sequence[Token], kids: Mapping[int, Sequence[int]], number: int) -> list[str]:
    """The state said of a part of a group: "in ... condition" of a figure that is its verb's subject ("12 of them
    were in critical condition"), or an adverb right after it ("48 were wounded, 11 of them critically")."""
    adverbs = lexicon.column("condition-adverbs")
    for k in range(number + 1, min(len(tokens), number + 5)):
        word = tokens[k].text.lower()
        if word in adverbs:
            return [adverbs[word]]
        if tokens[k].pos in ("PUNCT", "VERB", "AUX", "CCONJ"):
            break
    t = tokens[number]
    if t.dep not in ("nsubj", "nsubjpass") or t.head == number or tokens[t.head].pos not in ("VERB", "AUX"):
        return []
    return _condition(tokens, kids, t.head)


def _sizes_a_group(tokens: Sequence[Token], noun: int, number: int) -> bool:
    """The number is inside "two of the three victims": its noun hangs on "of" under another number or a
    quantifier."""
    t = tokens[noun]
    if t.dep != "pobj" or t.head == noun:
        return False
    prep = tokens[t.head]
    if prep.lemma.lower() != "of" or prep.head == prep.i:
        return False
    owner = tokens[prep.head]
    return owner.i != number and (owner.pos == "NUM" or owner.lemma.lower() in QUANTIFIERS)


PART_FILLERS = frozenset({"DET", "PRON", "ADJ"})  # "of the", "of their last", "of its"


def _after_a_part(tokens: Sequence[Token], first: int, a: int) -> bool:
    """The figure is the whole of a part written before it: "four of five charges", "eight of their last 10",
    "10 of the 12 victims" (a surface reading, for parses that hang "of" elsewhere)."""
    k = first - 1
    while k >= a and first - k <= 3 and tokens[k].pos in PART_FILLERS:
        k -= 1
    if k - 1 < a or tokens[k].text.lower() != "of":
        return False
    owner = tokens[k - 1]
    return owner.pos == "NUM" or owner.lemma.lower() in QUANTIFIERS


def _state_of(tokens: Sequence[Token], kids: Mapping[int, Sequence[int]], verb: int) -> str | None:
    """What counted people are said to be: "dead" of "left 49 people dead" / "were found dead", "custody" of "13
    people are in custody"."""
    linking = tokens[verb].tag == "VBN" or tokens[verb].lemma.lower() in lexicon.words("linking-verbs")
    for c in _children(kids, verb):
        t = tokens[c]
        if t.dep == "xcomp" and not linking:
            continue  # "two helicopters were evacuating injured": the injured are what the helicopters carry
        if t.dep in ("oprd", "acomp", "xcomp") and t.text.lower() in COUNTED_ADJECTIVES:
            return t.text.lower()
        if t.dep == "prep" and t.lemma.lower() == "in" and tokens[verb].lemma.lower() in ("be", "remain", "stay"):
            for obj in _children(kids, c):
                if tokens[obj].lemma.lower() in PLACED_IN:
                    return tokens[obj].lemma.lower()
    return None


def subject_of(tokens: Sequence[Token], kids: Mapping[int, Sequence[int]], predicate: int | None) -> int | None:
    """The happening's doer: the agent of a passive ("by the quake"), else the subject."""
    if predicate is None:
        return None
    subject = None
    for c in _children(kids, predicate):
        t = tokens[c]
        if t.dep == "agent":
            for obj in _children(kids, c):
                if tokens[obj].dep == "pobj":
                    return obj
        if t.dep in ("nsubj", "nsubjpass", "csubj") and subject is None:
            subject = c
    return subject


YEAR_WORD = re.compile(r"(?:1[89]|20)\d\d")  # a year written alone ("1992", "2004")


def frame_words_of(
    tokens: Sequence[Token], kids: Mapping[int, Sequence[int]], predicate: int | None, subject: int | None
) -> tuple[str, ...]:
    """Words attached to the happening itself: the predicate's adverbs and, for an event noun, its modifiers; the
    subject's modifiers ("an earlier quake", "the 2003 quake", "a separate attack"), and in a relative clause those
    of the noun it tells of ("the 2015 quake, which killed 9,000")."""
    out = []
    told_of = tokens[predicate].head if predicate is not None and tokens[predicate].dep == "relcl" else None
    if told_of is not None and YEAR_WORD.fullmatch(tokens[told_of].text):
        out.append(tokens[told_of].text)  # "since 1992, when a plane crashed near Kathmandu": a happening of 1992
    for head in (predicate, subject, told_of):
        if head is None:
            continue
        for c in _children(kids, head):
            t = tokens[c]
            if t.dep in FRAME_DEPS and t.text[:1].isalnum():
                out.append(t.lemma.lower())
    return tuple(dict.fromkeys(out))
