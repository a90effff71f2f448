"""Evidence, beyond the slot key, that two rows of two reports fill one slot.

A slot key says what kind of value a row is (a toll, an age, a day, a length, a place: ``slots``) and rows are
only ever compared inside one key. Inside a key, a story can hold several things of that kind (the day of the
shooting and the day of the arrest; the fall of one climber and of another), so two rows are joined only when
something ties them to one happening, and each is the other's best match among the rows the two reports give:
- the same kind of happening (from the lexicon: "killed" / "died"; "strike" / "attack"), or the same verb;
- the same subject ("Buckley fell", "the quake struck"), the same counted noun ("boats");
- a named participant their clauses share (other than the values themselves);
- both told in the reports' leads, where reports state the event itself;
- words around the values in common.
Two known kinds of happening that differ ("arrested" / "convicted") count against. How much evidence is needed
depends on how much the key says (``needed``): the main event's toll needs none; a length of time, a year, a score,
an amount of money need the most. Whether the values agree never counts.
"""

from __future__ import annotations

from functools import cache

from rashomon import lexicon
from rashomon.event.align.facts import EventFact
from rashomon.event.figures.slots import COUNT, SELF_EXPLAINING, TIME, SlotKey, happening_of

PRONOUNS = frozenset("he she it they we i you who which that this these those one -pron- there here".split())
LEAD = 1  # sentences 0 and 1 (a headline or dateline, and the first sentence) are the lead
STRONG_MEASURES = SELF_EXPLAINING | frozenset({"population"})
LIGHT = frozenset({"be", "have", "say", "do", "make", "get", "take", "go", "come"})


def _word(w: str) -> bool:
    return bool(w) and w.isalpha() and w not in PRONOUNS


@cache
def _groups() -> dict[str, str]:
    return lexicon.column("happening-groups")


def _group(happening: str) -> str:
    return _groups().get(happening, "")


def anchor(a: EventFact, b: EventFact, main: frozenset[str] = frozenset()) -> int:
    """How much ties two rows of two reports to one happening (see the module docstring). ``main``: the kinds of
    happening the event itself is (from its type's words)."""
    fa, fb = a.fact, b.fact
    score = 0
    ha, hb = happening_of(a), happening_of(b)
    if ha and ha == hb and ha != "said":
        score += 2
    elif _group(ha) and _group(ha) == _group(hb):
        score += 1  # a shooting that killed and injured: one occurrence
    elif _group(ha) and _group(hb):
        score -= 2  # an arrest and a conviction are two happenings
    if ha in main and hb in main:
        score += 1
    if _word(fa.subject) and fa.subject == fb.subject:
        score += 2
    if fa.predicate and fa.predicate == fb.predicate and fa.predicate not in LIGHT:
        score += 1
    own = {a.entity, b.entity}
    shared = (a.participants & b.participants) - own
    score += min(2, len(shared))
    if fa.sentence <= LEAD and fb.sentence <= LEAD:
        score += 1
    if len(set(fa.window) & set(fb.window)) >= 2:
        score += 1
    return score


def _strong(key: SlotKey) -> bool:
    return key.kind == COUNT and (key.measure in STRONG_MEASURES or key.measure == "magnitude")


def _owned_age(key: SlotKey) -> bool:
    return key.kind == COUNT and key.measure == "age" and bool(key.qualifiers) and key.qualifiers[0].startswith("E-")


def needed(key: SlotKey, frame: str, a: EventFact, b: EventFact) -> int:
    """The evidence two rows of one key need to fill one slot (to corroborate each other): none for the main
    event's tolls and a named person's age, some for anything else."""
    extra = 0 if frame == "main" else 1
    if _strong(key) or _owned_age(key):
        return extra
    return extra + 2


def needed_to_dispute(key: SlotKey, frame: str, a: EventFact, b: EventFact) -> int | None:
    """The evidence two rows need before their values are shown as a dispute: more than to corroborate, since a
    reader must be able to trust a dispute. None when the pair may not dispute at all: a length of time, a year or
    a score whose two rows do not tell of the same verb."""
    extra = 0 if frame == "main" else 1
    same_verb = bool(a.fact.predicate) and a.fact.predicate == b.fact.predicate
    if _owned_age(key):
        return extra
    if _strong(key):
        return extra + (1 if not key.qualifiers else 2)
    if key.kind == TIME and (key.measure == "duration" or _year_only(a) or _year_only(b)):
        return extra + 4 if same_verb else None
    if key.kind == COUNT and key.measure in ("score", "vote", "age"):
        return extra + 5 if a.fact.subject and a.fact.subject == b.fact.subject else None
    if key.kind == COUNT and key.unit in ("USD", "EUR", "GBP", "JPY", "CNY", "INR", "percent"):
        return extra + 4
    return extra + 3


def _year_only(f: EventFact) -> bool:
    t = f.time
    return t is not None and bool(t.value) and len(t.value or "") == 4
