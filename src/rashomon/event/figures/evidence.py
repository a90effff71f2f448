"""Evidence, beyond the slot key, that two rows of two reports fill one slot.

A slot key says what kind of value a row is (a toll, an age, a day, a length, a place: ``slots``), and rows are only
ever compared inside one key. Inside a key a story can hold several things of that kind (the day of the shooting
and the day of the arrest; the fall of one climber and of another), so two rows are joined only when their
contexts tie them to one happening. The evidence is typed and never looks at the values:
- the same kind of happening (lexicon: "killed" / "died"), a related one (one group: a shooting that kills and
  injures), or two unrelated kinds ("arrested" / "convicted", which counts against);
- both of the event's own kind of happening (from the words that gave its type);
- the same subject ("Buckley fell", "the quake struck"), the same verb;
- named participants their clauses share (other than the values themselves);
- both in the reports' leads; words around the values in common;
- how alike their sentences are (MiniLM embeddings; a tie-breaker, never a key);
- each row the only one of its key in its report; each the first of its key in its report (a story tells its own
  figure first, background and detail after);
- the frame (background values say less).
``SlotModel`` weighs them: a logistic regression fitted by ``bench/train_slots.py`` on the dev gold's pairs of rows
of one key (positive: the two rows are values of one gold fact, corroborated or disputed; negative: values of two
different facts), shipped as ``rashomon/data/slot-model.json``. Since no feature reads the values, agreeing values
can never make two rows one slot.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from rashomon import lexicon
from rashomon.event.align.facts import EventFact
from rashomon.event.figures.slots import COUNT, SELF_EXPLAINING, TIME, SlotKey, happening_of

PRONOUNS = frozenset("he she it they we i you who which that this these those one -pron- there here".split())
LEAD = 1  # sentences 0 and 1 (a headline or dateline, and the first sentence) are the lead
STRONG_MEASURES = SELF_EXPLAINING | frozenset({"population", "magnitude"})
LIGHT = frozenset({"be", "have", "say", "do", "make", "get", "take", "go", "come"})
FEATURES = (
    "same_happening",
    "related_happening",
    "other_happening",
    "both_main",
    "same_subject",
    "same_verb",
    "shared_participants",
    "both_lead",
    "shared_words",
    "similarity",
    "sole",
    "background",
    "strong_measure",
    "time",
    "place",
    "both_first",
)


@cache
def _groups() -> dict[str, str]:
    return lexicon.column("happening-groups")


def happening_group(happening: str) -> str:
    """The group a kind of happening belongs to (lexicon: happening-groups; "kill" -> "harm"), "" when none."""
    return _groups().get(happening, "")


def _word(w: str) -> bool:
    return bool(w) and w.isalpha() and w not in PRONOUNS


def pair_features(
    a: EventFact,
    b: EventFact,
    key: SlotKey,
    frame: str,
    main: frozenset[str] = frozenset(),
    similarity: float | None = None,
    sole: bool = False,
    first: bool = False,
) -> list[float]:
    """The evidence that two rows of one key fill one slot, as numbers in the order of ``FEATURES``."""
    fa, fb = a.fact, b.fact
    ha, hb = happening_of(a), happening_of(b)
    same = bool(ha) and ha == hb and ha != "said"
    related = not same and bool(happening_group(ha)) and happening_group(ha) == happening_group(hb)
    other = not same and not related and bool(happening_group(ha)) and bool(happening_group(hb))
    shared = (a.participants & b.participants) - {a.entity, b.entity}
    return [
        float(same),
        float(related),
        float(other),
        float(ha in main and hb in main),
        float(_word(fa.subject) and fa.subject == fb.subject),
        float(bool(fa.predicate) and fa.predicate == fb.predicate and fa.predicate not in LIGHT),
        float(min(2, len(shared))),
        float(fa.sentence <= LEAD and fb.sentence <= LEAD),
        float(len(set(fa.window) & set(fb.window)) >= 2),
        float(similarity) if similarity is not None else 0.4,
        float(sole),
        float(frame != "main"),
        float(key.kind == COUNT and key.measure in STRONG_MEASURES),
        float(key.kind == TIME),
        float(key.kind == "place"),
        float(first),
    ]


@dataclass(frozen=True, slots=True)
class SlotModel:
    """A logistic regression over ``FEATURES``: the log-odds that two rows of one key fill one slot."""

    weights: tuple[float, ...]
    bias: float

    def logit(self, x: Sequence[float]) -> float:
        return self.bias + sum(w * v for w, v in zip(self.weights, x, strict=True))

    def probability(self, x: Sequence[float]) -> float:
        z = self.logit(x)
        return 1.0 / (1.0 + math.exp(-z)) if z > -50 else 0.0

    def to_json(self) -> dict[str, object]:
        return {"features": list(FEATURES), "weights": list(self.weights), "bias": self.bias}


def model_from_json(data: dict[str, object]) -> SlotModel:
    names = list(data["features"])  # type: ignore[call-overload]
    if names != list(FEATURES):
        raise ValueError("the slot model was fitted on other features; rebuild it with bench/train_slots.py")
    return SlotModel(tuple(float(w) for w in data["weights"]), float(data["bias"]))  # type: ignore[attr-defined,arg-type]


@cache
def default_slot_model() -> SlotModel:
    text = files("rashomon").joinpath("data/slot-model.json").read_text(encoding="utf-8")
    return model_from_json(json.loads(text))


def needs_more(key: SlotKey, a: EventFact, b: EventFact, frame: str = "main") -> bool:
    """Pairs that may not dispute at all unless their rows tell of the same verb: a length of time, a year, a score
    or a vote count (a story holds many, told in similar words). A length of time, and a month of the background
    written without its year (a history's months, told in passing), need the same subject too: "sentenced ... after
    more than three years" and "sentenced to 485 years", "gains for August" and "the rate in September" are two
    things. The table waives this for a pair the slot model is all but sure of (``AlignSettings.slot_sure``)."""
    same_verb = bool(a.fact.predicate) and a.fact.predicate == b.fact.predicate
    same_subject = _word(a.fact.subject) and a.fact.subject == b.fact.subject
    if key.kind == TIME:
        if key.measure == "duration" or (frame != "main" and (_month_only(a) or _month_only(b))):
            return not (same_verb and same_subject)
        if _year_only(a) or _year_only(b):
            return not same_verb
    if key.kind == COUNT and key.measure in ("score", "vote"):
        return not (same_verb and same_subject)
    return False


def _month_only(f: EventFact) -> bool:
    """A month written without its day or year ("in August")."""
    t = f.time
    value = (t.value or "") if t is not None else ""
    return len(value) == 7 and value[4] == "-" and value[:4] not in f.fact.text


def _year_only(f: EventFact) -> bool:
    t = f.time
    return t is not None and bool(t.value) and len(t.value or "") == 4
