"""What a value fills: the slot of a figure, a time, a place or a participant, as a comparable key.

A slot says what a value measures, never what the value is:
- a figure: what is counted or measured (``dead``, ``injured``, ``magnitude``, ``vote``, ``village``, a length in
  metres, an amount in dollars), the group that narrows it ("children", "in critical condition", "another"), and
  the happening it goes with where the measure alone does not say (``destroy`` of "two boats were destroyed");
- a time: which happening it dates (``attack``, ``quake``, ``arrest``), and whether it is a moment or a length;
- a place: which happening it locates;
- a participant: its role in which happening.
Words are read through the lexicon tables (``rashomon.lexicon``): kinds of happening, measured things and their
synonyms, nouns for people and the groups they name, units. Two reports' values fill one slot when their keys
match (``SlotKey.matches``); whether the values agree never enters the key.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from rashomon import lexicon
from rashomon.event.align.facts import EventFact
from rashomon.facts import noun_sense

COUNT, TIME, PLACE, PARTICIPANT = "count", "time", "place", "participant"
# verbs that say nothing of what happened: the happening is their subject's ("the quake struck", "the toll rose")
SUBJECT_VERBS = frozenset(
    """strike hit happen occur take begin start come rock jolt shake tear sweep ravage affect cause be have leave
    bring put reach stand total include rise climb remain make get""".split()
)
SPEECH = frozenset(
    """say tell add announce report confirm state declare claim note write post tweet explain describe quote
    statement announcement accord update publish""".split()
)
# measures that carry their happening: "12 dead" is a toll whatever verb it goes with
SELF_EXPLAINING = frozenset(
    """dead injured casualties missing arrested charged convicted sentenced displaced evacuated rescued
    kidnapped hostages hospitalized jailed magnitude stabbed shot""".split()
)
# modifiers that narrow what a figure counts; any other modifier ("confirmed", "official", "death" of "death
# toll") leaves it the same thing
CONDITIONS = frozenset({"critical", "serious", "stable", "severe", "grave", "minor", "fair", "good"})
# words that make a figure an increment or a second set ("another 2,000", "five more", "three other slayings")
ADDITIONAL = frozenset({"another", "other", "more", "additional", "further", "extra"})
QUAKE_NOUNS = frozenset({"quake", "earthquake", "temblor", "tremor"})


@dataclass(frozen=True, slots=True)
class SlotKey:
    """What a value fills. ``measure``: for a figure what it counts or measures; for a time "when" or "duration";
    for a place "where"; for a participant its role. ``happening``: the kind of happening ("" when none is
    known). ``qualifiers``: what narrows the measure. ``unit``: a figure's unit or dimension."""

    kind: str
    measure: str
    happening: str = ""
    qualifiers: tuple[str, ...] = ()
    unit: str = ""

    @property
    def known(self) -> bool:
        """A key two reports can be compared on: it says what is measured, and for a time or a place which
        happening it dates or locates (a dateline, a time stamp, "said Monday" are never compared: statements on
        two days are two statements)."""
        if not self.measure or self.happening == "said":
            return False
        return self.kind == COUNT or bool(self.happening)

    def base(self) -> tuple[str, str, tuple[str, ...], str, str]:
        """What must be equal for two rows to be compared: kind, measure, qualifiers, unit, and the happening
        only for a plain count of people ("12 people attended" is not "12 people were evacuated")."""
        happening = self.happening if self.kind == COUNT and self.measure == "people" else ""
        return (self.kind, self.measure, self.qualifiers, self.unit, happening)

    def label(self) -> str:
        parts = [self.measure, *self.qualifiers]
        if self.unit:
            parts.append(self.unit)
        if self.happening and not (self.kind == COUNT and self.measure in SELF_EXPLAINING):
            parts.append(f"of {self.happening}")
        return " ".join(parts)


def happenings_match(kind: str, measure: str, a: str, b: str) -> bool:
    """Two happenings of one measure: equal; for a figure, also when either is unknown or the measure carries it."""
    if a == b:
        return True
    if kind == COUNT:
        return measure in SELF_EXPLAINING or not a or not b
    return False


@cache
def _happening_table() -> dict[str, str]:
    return lexicon.column("happenings")


@cache
def _victims_table() -> dict[str, str]:
    return {k: v for k, v in lexicon.column("happenings", 2).items() if v}


def happening_class(lemma: str) -> str:
    return _happening_table().get(lemma, "")


LIGHT_VERBS = SUBJECT_VERBS | frozenset("do go see want need use give keep".split())


def happening_of(ef: EventFact) -> str:
    """The kind of happening a value belongs to: a figure's own when what it measures is a happening ("a 12%
    increase"); else the first predicate above it that names a known kind (a verb that says nothing, "struck",
    "rose", gives its subject's), else its subject's or topic's kind, else the nearest predicate's own lemma
    ("carry"); "said" for a value of speech ("said Monday")."""
    f = ef.fact
    measured = noun_sense(f.measured)  # "12% of the fire": a blaze
    if f.kind == COUNT and happening_class(measured):
        return happening_class(measured)  # "a 12% increase", "200,000 arrests": the figure measures a happening
    path = f.path or ((f.predicate,) if f.predicate else ())
    if path and path[0] in SPEECH and f.kind != COUNT:
        return "said"  # "said Monday": when someone spoke, not when it happened
    if path and path[0] in lexicon.words("progress-verbs") and f.kind == TIME:
        return path[0]  # "the fire spread ... on Tuesday": when it spread, not when the fire happened
    own = ""
    for lemma in path:
        if lemma in SPEECH:
            if f.kind != COUNT:
                break
            own = own or happening_class(lemma)  # "reported 15,000 cases": the figure is what was reported
            continue
        if lemma in SUBJECT_VERBS:
            found = happening_class(f.subject) if lemma == path[0] else ""
            if found:
                return found
            continue
        found = happening_class(lemma)
        if found:
            return found
        if not own and lemma not in LIGHT_VERBS and lemma.isalpha():
            own = lemma
    return happening_class(f.subject) or happening_class(f.topic) or own


def _victims_of(ef: EventFact) -> str:
    """What a count of people counts with the value's happening ("dead" of "killed"), from the nearest predicate
    that says; "" when none does."""
    f = ef.fact
    path = f.path or ((f.predicate,) if f.predicate else ())
    for lemma in path[:2]:
        if lemma in SPEECH:
            return ""
        victims = _victims_table().get(lemma)
        if victims:
            return victims
    return ""


def _qualifiers(modifiers: tuple[str, ...]) -> tuple[str, ...]:
    out = set()
    for m in modifiers:
        if m in CONDITIONS or m in ("whole", "including", "part"):
            out.add(m)
        elif m in ADDITIONAL:
            out.add("additional")
    return tuple(sorted(out))


def _unit(ef: EventFact) -> tuple[str, str]:
    """(unit, the counted word's own measure when it is a unit) of a figure."""
    q = ef.quantity
    if q is None:
        return "", ""
    if q.unit:
        return q.unit, ""
    counted = (q.counted or "").split(" per ")[0]
    dimension = lexicon.column("units").get(counted, "")
    return (dimension, dimension) if dimension else ("", "")


def figure_unit(ef: EventFact) -> str:
    """A figure's unit ("USD", "percent") or the dimension of the unit it counts ("length" of "feet"); "" when
    none."""
    return _unit(ef)[0]


def count_key(ef: EventFact) -> SlotKey:
    q = ef.quantity
    f = ef.fact
    if q is None:
        return SlotKey(COUNT, "")
    happening = happening_of(ef)
    unit, dimension = _unit(ef)
    qualifiers = _qualifiers(f.modifiers)
    if q.unit == "score":
        return SlotKey(COUNT, "score", happening, qualifiers)
    if q.counted == "age":
        owner = _age_of(ef)
        return SlotKey(COUNT, "age", "", (owner,) if owner else ())
    if dimension:
        return SlotKey(COUNT, dimension, happening, qualifiers, unit)
    noun = f.measured or (q.counted or "").split(" per ")[0]
    if noun in ADDITIONAL:
        qualifiers = tuple(sorted({*qualifiers, "additional"}))  # "four others were named": others than those told
    if " per " in (q.counted or ""):
        qualifiers = (*qualifiers, "per " + (q.counted or "").split(" per ")[1])
    measures = lexicon.column("measures")
    people = lexicon.column("people")
    if noun in QUAKE_NOUNS | {"aftershock"} and (q.value != int(q.value) or "magnitude" in f.window):
        extra = ("aftershock",) if noun == "aftershock" else ()
        return SlotKey(COUNT, "magnitude", "", tuple(sorted({*qualifiers, *extra})))
    if unit:  # money, percentages: the evidence of the happening tells what they are of
        return SlotKey(COUNT, "amount", happening, qualifiers, unit)
    if noun in measures and noun not in people:
        measure = measures[noun]
        if measure == "population":
            return SlotKey(COUNT, "population", "", qualifiers)
        return SlotKey(COUNT, measure, happening, qualifiers)
    if noun in _victims_table():  # "258,000 arrests", "12 killings": the happening's own noun
        return SlotKey(COUNT, _victims_table()[noun], "", qualifiers)
    victims = _victims_of(ef)
    proper = "!proper" in f.modifiers  # "12 Palestinians", "8.6 million Americans": people the dictionary lacks
    if proper and noun and noun not in people:
        group = _singular(noun)
    else:
        group = people.get(noun, "") if noun in people else ""
    if noun and noun not in people and not proper:
        victims = ""  # "the 12000 block", "10 games": what the verb tells is not counted in people
    if f.partitive and group and not (victims and group in ("", "victim")):
        qualifiers = (*qualifiers, "part")  # "two of its citizens"; "two of the victims died" counts the dead
    if victims and people.get(noun) == "" and not ADDITIONAL.intersection(f.modifiers) - {"other"}:
        # "two were killed and five other people wounded": other than the dead, not a second count of the wounded
        qualifiers = tuple(x for x in qualifiers if x != "additional")
    if victims:
        return SlotKey(COUNT, victims, "", tuple(sorted({*qualifiers, *([group] if group else [])})))
    if noun in people or proper:
        return SlotKey(COUNT, "people", happening, tuple(sorted({*qualifiers, *([group] if group else [])})))
    if noun:
        return SlotKey(COUNT, noun, happening, qualifiers)
    return SlotKey(COUNT, "", happening, qualifiers)


def _singular(noun: str) -> str:
    """A demonym or group name without its plural ("somalis" -> "somali")."""
    return noun[:-1] if noun.endswith("s") and len(noun) > 3 else noun


def _age_of(ef: EventFact) -> str:
    """Whose age: the person named beside it or given its role elsewhere in the report, else the noun it goes with
    ("man", "suspect"), never a verb; "" when neither is known ("She was 91.": the parse's head is the age itself,
    which must never key its own slot)."""
    if ef.owner:
        return ef.owner
    for word in (ef.fact.topic, ef.fact.head):
        if (
            word
            and word.lower() not in lexicon.words("age-words")
            and not any(ch.isdigit() for ch in word)
            and word != ef.fact.text
            and word != ef.fact.predicate
            and word not in ef.fact.path  # a verb ("a 37-year-old serving life"): no one's name
        ):
            return word
    return ""


DURATION = re.compile(r"^P")


def time_key(ef: EventFact) -> SlotKey:
    t = ef.time
    is_length = t is not None and t.value is not None and DURATION.match(t.value) is not None
    return SlotKey(TIME, "duration" if is_length else "when", happening_of(ef))


def place_key(ef: EventFact) -> SlotKey:
    if ef.location is None:
        return SlotKey(PLACE, "")
    return SlotKey(PLACE, "where", happening_of(ef))


AGENT_ROLES = frozenset({"nsubj", "agent", "prep:by", "csubj"})
PATIENT_ROLES = frozenset({"dobj", "nsubjpass", "prep:against", "pobj", "prep:of"})


def participant_key(ef: EventFact) -> SlotKey:
    role = ef.fact.role
    side = "agent" if role in AGENT_ROLES else "patient" if role in PATIENT_ROLES else ""
    happening = happening_of(ef)
    if happening == "said" and role == "nsubj":
        return SlotKey(PARTICIPANT, "speaker", "said")
    return SlotKey(PARTICIPANT, side, happening if happening != "said" else "")


def slot_key(ef: EventFact) -> SlotKey:
    kind = ef.fact.kind
    if kind == COUNT:
        return count_key(ef)
    if kind == TIME:
        return time_key(ef)
    if kind == PLACE:
        return place_key(ef)
    return participant_key(ef)


HARM_CATEGORIES = frozenset(
    {"battles", "explosions/remote violence", "violence against civilians", "riots", "crime", "accident", "disaster"}
)


def main_happenings(words: Iterable[str], category: str = "") -> frozenset[str]:
    """The kinds of happening the event itself is: those of the words that gave its type ("strike", "killed",
    "quake"; any form), and killing and injuring for violence, accidents and disasters."""
    out = set()
    for word in words:
        w = word.lower().split()[-1] if word.strip() else ""
        for form in (w, w.removesuffix("s"), w.removesuffix("ed"), w.removesuffix("d"), w.removesuffix("ing")):
            found = happening_class(form)
            if found:
                out.add(found)
                break
    if category in HARM_CATEGORIES:
        out |= {"kill", "injure"}
    return frozenset(out)
